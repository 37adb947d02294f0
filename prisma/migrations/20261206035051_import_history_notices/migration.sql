-- AlterTable
ALTER TABLE "alert_import" ADD COLUMN     "duplicates" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "notice_sample" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "unknown_units" INTEGER NOT NULL DEFAULT 0;
