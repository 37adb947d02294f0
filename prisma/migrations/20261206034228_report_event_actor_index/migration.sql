-- CreateIndex
CREATE INDEX "report_event_actor_id_at_idx" ON "report_event"("actor_id", "at");
