-- AlterTable
ALTER TABLE "alert_warning" ADD COLUMN     "close_note" TEXT,
ADD COLUMN     "close_reason" TEXT,
ADD COLUMN     "closed_by" UUID;
