-- AlterTable
ALTER TABLE "agents" ADD COLUMN     "signature_at" TIMESTAMPTZ(3);
