-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('submitted', 'accepted', 'not_accepted', 'merged', 'assigned', 'in_progress', 'replied', 'closed');

-- CreateEnum
CREATE TYPE "ReportRating" AS ENUM ('satisfied', 'basically_satisfied', 'unsatisfied');

-- CreateEnum
CREATE TYPE "RectificationNoticeStatus" AS ENUM ('issued', 'evidence_submitted', 'completed');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('pending', 'sent', 'kept', 'failed');

-- CreateTable
CREATE TABLE "report_category" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "reply_days" INTEGER NOT NULL DEFAULT 15,
    "sort" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "report_category_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "report" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "serial" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "reported_unit_id" UUID,
    "reported_person" TEXT,
    "content" TEXT NOT NULL,
    "occurred_at" TEXT,
    "location" TEXT,
    "tour_round_id" UUID,
    "inspected_unit_id" UUID,
    "monitoring_point_id" UUID,
    "confidential" BOOLEAN NOT NULL DEFAULT false,
    "reporter_name_sealed" TEXT,
    "reporter_phone_sealed" TEXT,
    "reporter_openid_sealed" TEXT,
    "citizen_id" UUID,
    "query_code_hash" TEXT,
    "query_secret_hash" TEXT,
    "idempotency_key" TEXT,
    "status" "ReportStatus" NOT NULL DEFAULT 'submitted',
    "not_accepted_reason" TEXT,
    "merged_into_id" UUID,
    "assignee_tour_group_id" UUID,
    "assignee_unit_id" UUID,
    "reply" TEXT,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL,
    "accepted_at" TIMESTAMPTZ(3),
    "replied_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "accept_due_on" DATE NOT NULL,
    "reply_due_on" DATE,
    "reopened_once" BOOLEAN NOT NULL DEFAULT false,
    "rating" "ReportRating",
    "rating_comment" TEXT,
    "rated_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "report_event" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "report_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "from_status" "ReportStatus",
    "to_status" "ReportStatus",
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT,
    "actor_role" TEXT,
    "note" TEXT,
    "public_note" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "report_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "report_attachment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "report_id" UUID NOT NULL,
    "storage_key" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'image',
    "added_by" TEXT NOT NULL,
    "added_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "report_attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rectification_notice" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "report_id" UUID NOT NULL,
    "content" TEXT NOT NULL,
    "deadline_days" INTEGER NOT NULL,
    "due_on" DATE NOT NULL,
    "status" "RectificationNoticeStatus" NOT NULL DEFAULT 'issued',
    "evidence" TEXT,
    "issued_by_id" TEXT,
    "issued_at" TIMESTAMPTZ(3) NOT NULL,
    "evidence_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "rectification_notice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "channel" TEXT NOT NULL,
    "citizen_id" UUID,
    "report_id" UUID,
    "payload" JSONB NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL,
    "last_error" TEXT,
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "outbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "report_serial_key" ON "report"("serial");

-- CreateIndex
CREATE UNIQUE INDEX "report_query_code_hash_key" ON "report"("query_code_hash");

-- CreateIndex
CREATE INDEX "report_status_submitted_at_idx" ON "report"("status", "submitted_at");

-- CreateIndex
CREATE INDEX "report_category_idx" ON "report"("category");

-- CreateIndex
CREATE INDEX "report_reported_unit_id_idx" ON "report"("reported_unit_id");

-- CreateIndex
CREATE INDEX "report_assignee_tour_group_id_idx" ON "report"("assignee_tour_group_id");

-- CreateIndex
CREATE INDEX "report_assignee_unit_id_idx" ON "report"("assignee_unit_id");

-- CreateIndex
CREATE INDEX "report_tour_round_id_idx" ON "report"("tour_round_id");

-- CreateIndex
CREATE INDEX "report_citizen_id_idx" ON "report"("citizen_id");

-- CreateIndex
CREATE UNIQUE INDEX "report_citizen_id_idempotency_key_key" ON "report"("citizen_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "report_event_report_id_at_idx" ON "report_event"("report_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "report_attachment_storage_key_key" ON "report_attachment"("storage_key");

-- CreateIndex
CREATE INDEX "report_attachment_report_id_idx" ON "report_attachment"("report_id");

-- CreateIndex
CREATE INDEX "rectification_notice_report_id_idx" ON "rectification_notice"("report_id");

-- CreateIndex
CREATE INDEX "outbox_status_next_attempt_at_idx" ON "outbox"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "outbox_citizen_id_created_at_idx" ON "outbox"("citizen_id", "created_at");

-- AddForeignKey
ALTER TABLE "report" ADD CONSTRAINT "report_merged_into_id_fkey" FOREIGN KEY ("merged_into_id") REFERENCES "report"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_event" ADD CONSTRAINT "report_event_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_attachment" ADD CONSTRAINT "report_attachment_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rectification_notice" ADD CONSTRAINT "rectification_notice_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Default report categories (editable by staff)
INSERT INTO "report_category" ("code", "name", "reply_days", "sort") VALUES
  ('work_style', '作风问题', 15, 1),
  ('public_interest', '侵害群众利益', 15, 2),
  ('illegal_fees', '乱收费', 15, 3),
  ('extortion', '吃拿卡要', 15, 4),
  ('engineering', '工程项目', 15, 5),
  ('subsidy', '惠民补贴', 15, 6),
  ('other', '其他', 15, 7)
ON CONFLICT ("code") DO NOTHING;
