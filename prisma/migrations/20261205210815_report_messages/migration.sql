-- AlterTable
ALTER TABLE "report_attachment" ADD COLUMN     "message_id" UUID;

-- CreateTable
CREATE TABLE "report_message" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "report_id" UUID NOT NULL,
    "sender" TEXT NOT NULL,
    "staff_id" TEXT,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "read_at" TIMESTAMPTZ(3),

    CONSTRAINT "report_message_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "report_message_report_id_created_at_idx" ON "report_message"("report_id", "created_at");

-- AddForeignKey
ALTER TABLE "report_attachment" ADD CONSTRAINT "report_attachment_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "report_message"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_message" ADD CONSTRAINT "report_message_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE CASCADE;
