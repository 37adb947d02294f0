-- AlterTable
ALTER TABLE "report" ADD COLUMN     "reported_unit_text" TEXT;
