-- CreateEnum
CREATE TYPE "ReportExtensionStatus" AS ENUM ('pending', 'approved', 'refused');

-- CreateTable
CREATE TABLE "report_extension" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "report_id" UUID NOT NULL,
    "requester_id" TEXT NOT NULL,
    "workdays" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "ReportExtensionStatus" NOT NULL DEFAULT 'pending',
    "due_on_before" DATE NOT NULL,
    "due_on_after" DATE,
    "decider_id" TEXT,
    "decision_note" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "report_extension_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "report_extension_report_id_created_at_idx" ON "report_extension"("report_id", "created_at");

-- CreateIndex
CREATE INDEX "report_extension_status_created_at_idx" ON "report_extension"("status", "created_at");

-- AddForeignKey
ALTER TABLE "report_extension" ADD CONSTRAINT "report_extension_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE CASCADE;
