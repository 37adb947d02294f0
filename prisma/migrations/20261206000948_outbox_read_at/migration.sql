-- AlterTable
ALTER TABLE "outbox" ADD COLUMN     "read_at" TIMESTAMPTZ(3);
