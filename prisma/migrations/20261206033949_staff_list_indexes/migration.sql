-- CreateIndex
CREATE INDEX "alert_warning_as_of_model_subject_idx" ON "alert_warning"("as_of" DESC, "model", "subject");

-- CreateIndex
CREATE INDEX "alert_warning_model_as_of_subject_idx" ON "alert_warning"("model", "as_of" DESC, "subject");

-- CreateIndex
CREATE INDEX "report_event_from_status_report_id_at_idx" ON "report_event"("from_status", "report_id", "at");
