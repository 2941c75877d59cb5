-- CreateIndex
CREATE INDEX "messages_agent_id_conversation_id_cycle_index_sent_at_sende_idx" ON "messages"("agent_id", "conversation_id", "cycle_index", "sent_at", "sender", "is_note");

-- CreateIndex
CREATE INDEX "samples_agent_id_kind_seconds_ended_at_idx" ON "samples"("agent_id", "kind", "seconds", "ended_at");

-- CreateIndex
CREATE INDEX "samples_kind_seconds_ended_at_idx" ON "samples"("kind", "seconds", "ended_at");
