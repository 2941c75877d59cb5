-- AlterTable
ALTER TABLE "conversations" ADD COLUMN     "timeline_state" JSONB;

-- CreateIndex
CREATE INDEX "webhook_events_processed_at_idx" ON "webhook_events"("processed_at");
