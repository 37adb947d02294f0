-- DropIndex
DROP INDEX "service_case_accepted_on_idx";

-- DropIndex
DROP INDEX "service_case_applicant_id_item_code_idx";

-- DropIndex
DROP INDEX "service_case_item_code_finished_on_idx";

-- DropIndex
DROP INDEX "service_case_unit_code_idx";

-- CreateIndex
CREATE INDEX "service_case_finished_on_idx" ON "service_case"("finished_on");
