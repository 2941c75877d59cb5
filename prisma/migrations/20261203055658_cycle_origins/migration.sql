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
