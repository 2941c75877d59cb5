-- CreateEnum
CREATE TYPE "Clock" AS ENUM ('CALENDAR', 'BUSINESS');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "SampleKind" ADD VALUE 'QUEUE';
ALTER TYPE "SampleKind" ADD VALUE 'FIRST_RESPONSE_AFTER_ASSIGNMENT';

-- AlterTable
ALTER TABLE "samples" ADD COLUMN     "first_in_cycle" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "sla_business" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "sla_policy_id" INTEGER,
ADD COLUMN     "sla_target_seconds" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "sla_policies" (
    "id" SERIAL NOT NULL,
    "scope" TEXT NOT NULL,
    "sector_id" INTEGER,
    "version" INTEGER NOT NULL,
    "effective_from" TIMESTAMPTZ(3) NOT NULL,
    "first_response_seconds" DOUBLE PRECISION,
    "next_response_seconds" DOUBLE PRECISION,
    "resolution_seconds" DOUBLE PRECISION,
    "clock" "Clock" NOT NULL DEFAULT 'CALENDAR',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sla_policies_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sla_policies_scope_effective_from_idx" ON "sla_policies"("scope", "effective_from");

-- CreateIndex
CREATE UNIQUE INDEX "sla_policies_scope_version_key" ON "sla_policies"("scope", "version");

-- AddForeignKey
ALTER TABLE "samples" ADD CONSTRAINT "samples_sla_policy_id_fkey" FOREIGN KEY ("sla_policy_id") REFERENCES "sla_policies"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_sector_id_fkey" FOREIGN KEY ("sector_id") REFERENCES "sectors"("id") ON DELETE CASCADE ON UPDATE CASCADE;
