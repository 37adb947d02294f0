-- AlterTable
ALTER TABLE "report_attachment" ADD COLUMN     "handed_over_at" TIMESTAMPTZ(3),
ADD COLUMN     "handed_over_by_id" UUID;
