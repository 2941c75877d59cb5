-- AlterTable
ALTER TABLE "cycles" ADD COLUMN     "outside_business_hours" BOOLEAN NOT NULL DEFAULT false;
