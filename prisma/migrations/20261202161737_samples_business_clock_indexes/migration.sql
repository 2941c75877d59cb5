-- CreateIndex
CREATE INDEX "samples_agent_id_kind_business_seconds_ended_at_idx" ON "samples"("agent_id", "kind", "business_seconds", "ended_at");

-- CreateIndex
CREATE INDEX "samples_kind_business_seconds_ended_at_idx" ON "samples"("kind", "business_seconds", "ended_at");
