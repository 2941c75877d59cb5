-- AlterTable
ALTER TABLE "messages" ALTER COLUMN "file_size_bytes" SET DATA TYPE BIGINT;
