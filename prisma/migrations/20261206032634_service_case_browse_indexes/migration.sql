-- CreateIndex
CREATE INDEX "alert_warning_item_key_case_no_idx" ON "alert_warning"("item_key", "case_no");

-- CreateIndex
CREATE INDEX "service_case_accepted_at_case_no_idx" ON "service_case"("accepted_at", "case_no");

-- CreateIndex
CREATE INDEX "service_case_unit_code_accepted_at_case_no_idx" ON "service_case"("unit_code", "accepted_at", "case_no");
