-- AlterTable: every sample gets its business seconds; until a schedule is set the organization
-- is open 24×7, so they start equal to the calendar seconds.
ALTER TABLE "samples" ADD COLUMN     "business_seconds" DOUBLE PRECISION;
UPDATE "samples" SET "business_seconds" = "seconds";
ALTER TABLE "samples" ALTER COLUMN "business_seconds" SET NOT NULL;
