-- CreateTable
CREATE TABLE "service_case" (
    "case_no" TEXT NOT NULL,
    "unit_code" TEXT NOT NULL,
    "unit_name" TEXT,
    "item_code" TEXT NOT NULL,
    "item_name" TEXT,
    "applicant_id" TEXT NOT NULL,
    "applicant_type" TEXT,
    "channel" TEXT,
    "accepted_at" TIMESTAMPTZ(3) NOT NULL,
    "accepted_on" DATE NOT NULL,
    "promised_days" INTEGER NOT NULL,
    "finished_at" TIMESTAMPTZ(3),
    "finished_on" DATE,
    "result" TEXT NOT NULL,
    "supplement_count" INTEGER NOT NULL DEFAULT 0,
    "rating" INTEGER,
    "imported_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "service_case_pkey" PRIMARY KEY ("case_no")
);

-- CreateTable
CREATE TABLE "alert_model" (
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "start_stage" TEXT NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_model_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "alert_run" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "as_of" DATE NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "duration_ms" INTEGER,
    "counts" JSONB,
    "opened" INTEGER NOT NULL DEFAULT 0,
    "advanced" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "alert_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_warning" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "model" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "identity_key" TEXT,
    "run_id" UUID NOT NULL,
    "as_of" DATE NOT NULL,
    "unit_code" TEXT,
    "item_code" TEXT,
    "case_no" TEXT,
    "applicant_id" TEXT,
    "values" JSONB NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'open',
    "closed_at" TIMESTAMPTZ(3),
    "escalation_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_warning_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "escalation_case" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "model" TEXT NOT NULL,
    "unit_code" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "open_key" TEXT,
    "opened_as_of" DATE NOT NULL,
    "stage_as_of" DATE NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(3),
    "closed_by" TEXT,
    "outcome" JSONB,

    CONSTRAINT "escalation_case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "work_calendar" (
    "day" DATE NOT NULL,
    "is_workday" BOOLEAN NOT NULL,
    "workday_seq" INTEGER NOT NULL,

    CONSTRAINT "work_calendar_pkey" PRIMARY KEY ("day")
);

-- CreateIndex
CREATE INDEX "service_case_item_code_finished_on_idx" ON "service_case"("item_code", "finished_on");

-- CreateIndex
CREATE INDEX "service_case_unit_code_idx" ON "service_case"("unit_code");

-- CreateIndex
CREATE INDEX "service_case_applicant_id_item_code_idx" ON "service_case"("applicant_id", "item_code");

-- CreateIndex
CREATE INDEX "service_case_accepted_on_idx" ON "service_case"("accepted_on");

-- CreateIndex
CREATE INDEX "alert_run_as_of_idx" ON "alert_run"("as_of");

-- CreateIndex
CREATE UNIQUE INDEX "alert_warning_identity_key_key" ON "alert_warning"("identity_key");

-- CreateIndex
CREATE INDEX "alert_warning_model_subject_idx" ON "alert_warning"("model", "subject");

-- CreateIndex
CREATE INDEX "alert_warning_run_id_idx" ON "alert_warning"("run_id");

-- CreateIndex
CREATE INDEX "alert_warning_unit_code_idx" ON "alert_warning"("unit_code");

-- CreateIndex
CREATE INDEX "alert_warning_escalation_id_idx" ON "alert_warning"("escalation_id");

-- CreateIndex
CREATE UNIQUE INDEX "escalation_case_open_key_key" ON "escalation_case"("open_key");

-- CreateIndex
CREATE INDEX "escalation_case_model_unit_code_opened_as_of_idx" ON "escalation_case"("model", "unit_code", "opened_as_of");

-- CreateIndex
CREATE INDEX "work_calendar_workday_seq_is_workday_idx" ON "work_calendar"("workday_seq", "is_workday");

-- AddForeignKey
ALTER TABLE "alert_warning" ADD CONSTRAINT "alert_warning_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "alert_run"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_warning" ADD CONSTRAINT "alert_warning_escalation_id_fkey" FOREIGN KEY ("escalation_id") REFERENCES "escalation_case"("id") ON DELETE SET NULL ON UPDATE CASCADE;
