-- CreateEnum
CREATE TYPE "SceneKind" AS ENUM ('tour_unit', 'monitoring_point');

-- CreateEnum
CREATE TYPE "TourNoticeStatus" AS ENUM ('draft', 'published', 'withdrawn');

-- CreateEnum
CREATE TYPE "SurveyStatus" AS ENUM ('draft', 'published', 'closed');

-- CreateEnum
CREATE TYPE "RectificationSource" AS ENUM ('report', 'notice', 'warning');

-- CreateEnum
CREATE TYPE "RectificationStatus" AS ENUM ('pending', 'submitted', 'returned', 'accepted');

-- CreateTable
CREATE TABLE "scene" (
    "id" TEXT NOT NULL,
    "kind" "SceneKind" NOT NULL,
    "inspectedUnitId" UUID,
    "monitoringPointId" UUID,
    "expiresAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "scene_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tour_notice" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tourRoundId" UUID NOT NULL,
    "inspectedUnitId" UUID,
    "title" TEXT NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "contactPhone" TEXT,
    "contactMailbox" TEXT,
    "contactAddress" TEXT,
    "scope" TEXT NOT NULL,
    "howToReport" TEXT NOT NULL,
    "body" TEXT,
    "status" "TourNoticeStatus" NOT NULL DEFAULT 'draft',
    "publishedAt" TIMESTAMPTZ(3),
    "withdrawnAt" TIMESTAMPTZ(3),
    "withdrawReason" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tour_notice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "survey" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tourRoundId" UUID,
    "title" TEXT NOT NULL,
    "intro" TEXT,
    "questions" JSONB NOT NULL DEFAULT '[]',
    "status" "SurveyStatus" NOT NULL DEFAULT 'draft',
    "publishedAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "survey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "survey_answer" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "surveyId" UUID NOT NULL,
    "citizenId" UUID NOT NULL,
    "answers" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "survey_answer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rectification_task" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "sourceKind" "RectificationSource" NOT NULL,
    "sourceId" TEXT,
    "unitId" UUID NOT NULL,
    "inspectedUnitId" UUID,
    "title" TEXT NOT NULL,
    "requirement" TEXT NOT NULL,
    "deadlineDays" INTEGER NOT NULL,
    "issuedOn" DATE NOT NULL,
    "dueOn" DATE NOT NULL,
    "status" "RectificationStatus" NOT NULL DEFAULT 'pending',
    "incomplete" BOOLEAN NOT NULL DEFAULT false,
    "incompleteNote" TEXT,
    "incompleteAt" TIMESTAMPTZ(3),
    "submittedAt" TIMESTAMPTZ(3),
    "reviewedAt" TIMESTAMPTZ(3),
    "reviewNote" TEXT,
    "returnCount" INTEGER NOT NULL DEFAULT 0,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rectification_task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rectification_evidence" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "taskId" UUID NOT NULL,
    "storageKey" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "note" TEXT,
    "uploadedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rectification_evidence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "scene_inspectedUnitId_key" ON "scene"("inspectedUnitId");

-- CreateIndex
CREATE UNIQUE INDEX "scene_monitoringPointId_key" ON "scene"("monitoringPointId");

-- CreateIndex
CREATE INDEX "tour_notice_status_idx" ON "tour_notice"("status");

-- CreateIndex
CREATE INDEX "tour_notice_tourRoundId_idx" ON "tour_notice"("tourRoundId");

-- CreateIndex
CREATE INDEX "tour_notice_inspectedUnitId_idx" ON "tour_notice"("inspectedUnitId");

-- CreateIndex
CREATE INDEX "survey_status_idx" ON "survey"("status");

-- CreateIndex
CREATE UNIQUE INDEX "survey_answer_surveyId_citizenId_key" ON "survey_answer"("surveyId", "citizenId");

-- CreateIndex
CREATE INDEX "rectification_task_unitId_status_idx" ON "rectification_task"("unitId", "status");

-- CreateIndex
CREATE INDEX "rectification_task_sourceKind_sourceId_idx" ON "rectification_task"("sourceKind", "sourceId");

-- CreateIndex
CREATE INDEX "rectification_evidence_taskId_idx" ON "rectification_evidence"("taskId");

-- AddForeignKey
ALTER TABLE "scene" ADD CONSTRAINT "scene_inspectedUnitId_fkey" FOREIGN KEY ("inspectedUnitId") REFERENCES "inspected_unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tour_notice" ADD CONSTRAINT "tour_notice_tourRoundId_fkey" FOREIGN KEY ("tourRoundId") REFERENCES "tour_round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tour_notice" ADD CONSTRAINT "tour_notice_inspectedUnitId_fkey" FOREIGN KEY ("inspectedUnitId") REFERENCES "inspected_unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey" ADD CONSTRAINT "survey_tourRoundId_fkey" FOREIGN KEY ("tourRoundId") REFERENCES "tour_round"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_answer" ADD CONSTRAINT "survey_answer_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "survey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rectification_task" ADD CONSTRAINT "rectification_task_inspectedUnitId_fkey" FOREIGN KEY ("inspectedUnitId") REFERENCES "inspected_unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rectification_evidence" ADD CONSTRAINT "rectification_evidence_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "rectification_task"("id") ON DELETE CASCADE ON UPDATE CASCADE;
