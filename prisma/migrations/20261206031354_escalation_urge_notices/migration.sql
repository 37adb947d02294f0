-- AlterEnum
ALTER TYPE "HandlingPhraseKind" ADD VALUE 'urge_requirement';

-- CreateTable
CREATE TABLE "urge_notice" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "escalation_id" UUID NOT NULL,
    "serial" TEXT NOT NULL,
    "unit_id" UUID NOT NULL,
    "unit_reason" TEXT,
    "content" TEXT NOT NULL,
    "findings" JSONB NOT NULL,
    "warning_count" INTEGER NOT NULL,
    "deadline_days" INTEGER NOT NULL,
    "due_on" DATE NOT NULL,
    "status" "RectificationNoticeStatus" NOT NULL DEFAULT 'issued',
    "task_id" UUID NOT NULL,
    "issued_by_id" UUID NOT NULL,
    "issued_at" TIMESTAMPTZ(3) NOT NULL,
    "evidence_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "urge_notice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "escalation_event" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "escalation_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "notice_id" UUID,
    "actor_id" UUID,
    "note" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "escalation_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "urge_notice_serial_key" ON "urge_notice"("serial");

-- CreateIndex
CREATE UNIQUE INDEX "urge_notice_task_id_key" ON "urge_notice"("task_id");

-- CreateIndex
CREATE INDEX "urge_notice_escalation_id_idx" ON "urge_notice"("escalation_id");

-- CreateIndex
CREATE INDEX "escalation_event_escalation_id_at_idx" ON "escalation_event"("escalation_id", "at");

-- AddForeignKey
ALTER TABLE "urge_notice" ADD CONSTRAINT "urge_notice_escalation_id_fkey" FOREIGN KEY ("escalation_id") REFERENCES "escalation_case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "escalation_event" ADD CONSTRAINT "escalation_event_escalation_id_fkey" FOREIGN KEY ("escalation_id") REFERENCES "escalation_case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Escalation cases closed as 督办办结 before notices existed keep their closing record (outcome.note: the notice sent
-- on paper and the unit's answer) as history: no notice, serial or task is made up for them. Open 督办 cases get a
-- notice when staff issue one.
