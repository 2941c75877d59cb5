-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'SUPERVISOR', 'INTEGRATOR');

-- CreateEnum
CREATE TYPE "InboxStatus" AS ENUM ('PENDING', 'PROCESSED', 'IGNORED', 'FAILED');

-- CreateEnum
CREATE TYPE "SenderKind" AS ENUM ('CUSTOMER', 'AGENT', 'BOT', 'OTHER');

-- CreateEnum
CREATE TYPE "ContactKind" AS ENUM ('CUSTOMER', 'GROUP', 'INTERNAL');

-- CreateEnum
CREATE TYPE "ConversationStatus" AS ENUM ('BOT', 'QUEUED', 'WAITING', 'IN_PROGRESS', 'CLOSED');

-- CreateEnum
CREATE TYPE "SampleKind" AS ENUM ('RESPONSE', 'FIRST_RESPONSE', 'RESOLUTION');

-- CreateEnum
CREATE TYPE "ChangeKind" AS ENUM ('SECTOR_CHANGED', 'TAGS_CHANGED', 'PRIVATE_CHANGED');

-- CreateTable
CREATE TABLE "webhook_events" (
    "id" SERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "event_id" TEXT,
    "type" TEXT,
    "conversation_key" TEXT,
    "raw_body" TEXT NOT NULL,
    "status" "InboxStatus" NOT NULL DEFAULT 'PENDING',
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "access_tokens" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "access_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "settings" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "settings_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "agents" (
    "id" SERIAL NOT NULL,
    "external_id" TEXT NOT NULL,
    "name" TEXT,
    "signature_name" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contacts" (
    "id" SERIAL NOT NULL,
    "external_id" TEXT NOT NULL,
    "name" TEXT,
    "phone_number" TEXT,
    "kind" "ContactKind" NOT NULL DEFAULT 'CUSTOMER',

    CONSTRAINT "contacts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sectors" (
    "id" SERIAL NOT NULL,
    "external_id" TEXT NOT NULL,
    "name" TEXT,

    CONSTRAINT "sectors_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tags" (
    "id" SERIAL NOT NULL,
    "external_id" TEXT NOT NULL,
    "name" TEXT,

    CONSTRAINT "tags_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversations" (
    "id" SERIAL NOT NULL,
    "external_id" TEXT NOT NULL,
    "contact_id" INTEGER,
    "sector_id" INTEGER,
    "assignee_id" INTEGER,
    "channel_name" TEXT,
    "internal" BOOLEAN NOT NULL DEFAULT false,
    "open" BOOLEAN NOT NULL DEFAULT true,
    "closed_at" TIMESTAMPTZ(3),
    "private" BOOLEAN NOT NULL DEFAULT false,
    "bot_active" BOOLEAN NOT NULL DEFAULT false,
    "state_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "ConversationStatus" NOT NULL DEFAULT 'QUEUED',
    "waiting_since" TIMESTAMPTZ(3),
    "opened_at" TIMESTAMPTZ(3),
    "last_message_at" TIMESTAMPTZ(3),
    "last_message_id" INTEGER,
    "last_activity_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conversations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversation_tags" (
    "conversation_id" INTEGER NOT NULL,
    "tag_id" INTEGER NOT NULL,

    CONSTRAINT "conversation_tags_pkey" PRIMARY KEY ("conversation_id","tag_id")
);

-- CreateTable
CREATE TABLE "messages" (
    "id" SERIAL NOT NULL,
    "external_id" TEXT NOT NULL,
    "conversation_id" INTEGER NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL,
    "sender" "SenderKind" NOT NULL,
    "is_note" BOOLEAN NOT NULL DEFAULT false,
    "agent_id" INTEGER,
    "type" TEXT NOT NULL,
    "text" TEXT,
    "file_url" TEXT,
    "file_content_type" TEXT,
    "file_name" TEXT,
    "file_size_bytes" INTEGER,
    "cycle_index" INTEGER,
    "response_time" DOUBLE PRECISION,

    CONSTRAINT "messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assignee_observations" (
    "id" SERIAL NOT NULL,
    "conversation_id" INTEGER NOT NULL,
    "event_key" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "agent_id" INTEGER,

    CONSTRAINT "assignee_observations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversation_closes" (
    "id" SERIAL NOT NULL,
    "conversation_id" INTEGER NOT NULL,
    "closed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "conversation_closes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversation_changes" (
    "id" SERIAL NOT NULL,
    "conversation_id" INTEGER NOT NULL,
    "event_key" TEXT NOT NULL,
    "kind" "ChangeKind" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "detail" JSONB NOT NULL,

    CONSTRAINT "conversation_changes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cycles" (
    "id" SERIAL NOT NULL,
    "conversation_id" INTEGER NOT NULL,
    "index" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),
    "resolved_by_id" INTEGER,

    CONSTRAINT "cycles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "samples" (
    "id" SERIAL NOT NULL,
    "kind" "SampleKind" NOT NULL,
    "conversation_id" INTEGER NOT NULL,
    "cycle_index" INTEGER NOT NULL,
    "agent_id" INTEGER,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3) NOT NULL,
    "seconds" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "samples_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assignment_changes" (
    "id" SERIAL NOT NULL,
    "conversation_id" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "from_agent_id" INTEGER,
    "to_agent_id" INTEGER,
    "is_transfer" BOOLEAN NOT NULL,

    CONSTRAINT "assignment_changes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "webhook_events_status_id_idx" ON "webhook_events"("status", "id");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_events_source_event_id_key" ON "webhook_events"("source", "event_id");

-- CreateIndex
CREATE UNIQUE INDEX "access_tokens_token_hash_key" ON "access_tokens"("token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "agents_external_id_key" ON "agents"("external_id");

-- CreateIndex
CREATE UNIQUE INDEX "contacts_external_id_key" ON "contacts"("external_id");

-- CreateIndex
CREATE UNIQUE INDEX "sectors_external_id_key" ON "sectors"("external_id");

-- CreateIndex
CREATE UNIQUE INDEX "tags_external_id_key" ON "tags"("external_id");

-- CreateIndex
CREATE UNIQUE INDEX "conversations_external_id_key" ON "conversations"("external_id");

-- CreateIndex
CREATE UNIQUE INDEX "conversations_last_message_id_key" ON "conversations"("last_message_id");

-- CreateIndex
CREATE INDEX "conversations_last_activity_at_idx" ON "conversations"("last_activity_at");

-- CreateIndex
CREATE INDEX "conversations_status_idx" ON "conversations"("status");

-- CreateIndex
CREATE INDEX "conversations_assignee_id_idx" ON "conversations"("assignee_id");

-- CreateIndex
CREATE INDEX "conversation_tags_tag_id_idx" ON "conversation_tags"("tag_id");

-- CreateIndex
CREATE UNIQUE INDEX "messages_external_id_key" ON "messages"("external_id");

-- CreateIndex
CREATE INDEX "messages_conversation_id_sent_at_idx" ON "messages"("conversation_id", "sent_at");

-- CreateIndex
CREATE INDEX "messages_sent_at_idx" ON "messages"("sent_at");

-- CreateIndex
CREATE INDEX "messages_agent_id_sent_at_idx" ON "messages"("agent_id", "sent_at");

-- CreateIndex
CREATE UNIQUE INDEX "assignee_observations_conversation_id_event_key_key" ON "assignee_observations"("conversation_id", "event_key");

-- CreateIndex
CREATE UNIQUE INDEX "conversation_closes_conversation_id_closed_at_key" ON "conversation_closes"("conversation_id", "closed_at");

-- CreateIndex
CREATE UNIQUE INDEX "conversation_changes_conversation_id_event_key_kind_key" ON "conversation_changes"("conversation_id", "event_key", "kind");

-- CreateIndex
CREATE INDEX "cycles_started_at_idx" ON "cycles"("started_at");

-- CreateIndex
CREATE INDEX "cycles_closed_at_idx" ON "cycles"("closed_at");

-- CreateIndex
CREATE UNIQUE INDEX "cycles_conversation_id_index_key" ON "cycles"("conversation_id", "index");

-- CreateIndex
CREATE INDEX "samples_kind_ended_at_idx" ON "samples"("kind", "ended_at");

-- CreateIndex
CREATE INDEX "samples_agent_id_kind_ended_at_idx" ON "samples"("agent_id", "kind", "ended_at");

-- CreateIndex
CREATE INDEX "samples_conversation_id_idx" ON "samples"("conversation_id");

-- CreateIndex
CREATE INDEX "assignment_changes_at_idx" ON "assignment_changes"("at");

-- CreateIndex
CREATE INDEX "assignment_changes_to_agent_id_at_idx" ON "assignment_changes"("to_agent_id", "at");

-- CreateIndex
CREATE INDEX "assignment_changes_from_agent_id_at_idx" ON "assignment_changes"("from_agent_id", "at");

-- CreateIndex
CREATE INDEX "assignment_changes_conversation_id_idx" ON "assignment_changes"("conversation_id");

-- AddForeignKey
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_sector_id_fkey" FOREIGN KEY ("sector_id") REFERENCES "sectors"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "agents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_last_message_id_fkey" FOREIGN KEY ("last_message_id") REFERENCES "messages"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation_tags" ADD CONSTRAINT "conversation_tags_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation_tags" ADD CONSTRAINT "conversation_tags_tag_id_fkey" FOREIGN KEY ("tag_id") REFERENCES "tags"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignee_observations" ADD CONSTRAINT "assignee_observations_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation_closes" ADD CONSTRAINT "conversation_closes_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation_changes" ADD CONSTRAINT "conversation_changes_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cycles" ADD CONSTRAINT "cycles_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cycles" ADD CONSTRAINT "cycles_resolved_by_id_fkey" FOREIGN KEY ("resolved_by_id") REFERENCES "agents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "samples" ADD CONSTRAINT "samples_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "samples" ADD CONSTRAINT "samples_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignment_changes" ADD CONSTRAINT "assignment_changes_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignment_changes" ADD CONSTRAINT "assignment_changes_from_agent_id_fkey" FOREIGN KEY ("from_agent_id") REFERENCES "agents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignment_changes" ADD CONSTRAINT "assignment_changes_to_agent_id_fkey" FOREIGN KEY ("to_agent_id") REFERENCES "agents"("id") ON DELETE SET NULL ON UPDATE CASCADE;
