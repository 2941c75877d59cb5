-- CreateEnum
CREATE TYPE "OriginKind" AS ENUM ('AD', 'WEBSITE', 'OTHER', 'DIRECT');

-- AlterTable
ALTER TABLE "cycles" ADD COLUMN     "origin" "OriginKind",
ADD COLUMN     "origin_name" TEXT,
ADD COLUMN     "origin_source" TEXT;

-- AlterTable
ALTER TABLE "messages" ADD COLUMN     "ad" JSONB;

-- CreateTable
CREATE TABLE "origin_rules" (
    "id" SERIAL NOT NULL,
    "position" INTEGER NOT NULL,
    "pattern" TEXT NOT NULL,
    "origin" "OriginKind" NOT NULL,
    "name" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "origin_rules_pkey" PRIMARY KEY ("id")
);

-- Before this migration no message carried an ad and no rule existed: every cycle with a
-- customer message came directly (the derivation decides new cycles from here on).
UPDATE "cycles" cy SET "origin" = 'DIRECT'
WHERE EXISTS (
  SELECT 1 FROM "messages" m
  WHERE m."conversation_id" = cy."conversation_id" AND m."cycle_index" = cy."index"
    AND m."sender" = 'CUSTOMER' AND NOT m."is_note"
);
