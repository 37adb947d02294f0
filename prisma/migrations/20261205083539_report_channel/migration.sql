-- CreateEnum
CREATE TYPE "ReportChannel" AS ENUM ('miniapp', 'letter', 'phone', 'visit', 'hotline_12388', 'superior');

-- AlterTable
ALTER TABLE "report" ADD COLUMN     "channel" "ReportChannel" NOT NULL DEFAULT 'miniapp';

-- CreateIndex
CREATE INDEX "report_submitted_at_idx" ON "report"("submitted_at");
