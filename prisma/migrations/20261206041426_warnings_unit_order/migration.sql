-- DropIndex
DROP INDEX "alert_warning_unit_code_idx";

-- CreateIndex
CREATE INDEX "alert_warning_unit_code_as_of_model_subject_idx" ON "alert_warning"("unit_code", "as_of" DESC, "model", "subject");
