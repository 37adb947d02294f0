-- AlterTable
ALTER TABLE "rectification_notice" ADD COLUMN     "serial" TEXT,
ADD COLUMN     "unit_id" UUID;

-- AlterTable
ALTER TABLE "rectification_task" ADD COLUMN     "tourGroupId" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "rectification_notice_serial_key" ON "rectification_notice"("serial");

-- One rectification track: every 立行立改通知书 names its unit, carries a serial and has the rectification task it
-- opened. Notices issued before: addressed to the reported unit, else the unit handling the report (whom they were
-- shown to); numbered per year of issue in the order issued; given a task unless one exists (since 2026-11 a notice
-- on a report with a reported unit opened one), the task following the notice's progress.
UPDATE "rectification_notice" n
   SET "unit_id" = COALESCE(r."reported_unit_id", r."assignee_unit_id")
  FROM "report" r
 WHERE r."id" = n."report_id" AND n."unit_id" IS NULL;

WITH numbered AS (
  SELECT n."id",
         EXTRACT(YEAR FROM (n."issued_at" AT TIME ZONE 'Asia/Shanghai'))::int AS year,
         row_number() OVER (PARTITION BY EXTRACT(YEAR FROM (n."issued_at" AT TIME ZONE 'Asia/Shanghai')) ORDER BY n."issued_at", n."id") AS no
    FROM "rectification_notice" n
)
UPDATE "rectification_notice" n
   SET "serial" = '〔' || numbered.year || '〕立改第' || numbered.no || '号'
  FROM numbered
 WHERE numbered."id" = n."id" AND n."serial" IS NULL;

INSERT INTO "report_serial_counter" ("prefix", "last")
SELECT '立改' || EXTRACT(YEAR FROM ("issued_at" AT TIME ZONE 'Asia/Shanghai'))::int, count(*)
  FROM "rectification_notice"
 GROUP BY EXTRACT(YEAR FROM ("issued_at" AT TIME ZONE 'Asia/Shanghai'))
ON CONFLICT ("prefix") DO UPDATE SET "last" = GREATEST("report_serial_counter"."last", EXCLUDED."last");

-- tasks that notices opened before: the group handling the report follows them; the title names the notice
UPDATE "rectification_task" t
   SET "tourGroupId" = r."assignee_tour_group_id",
       "title" = '立行立改通知书 ' || n."serial",
       "status" = CASE
         WHEN n."status" = 'completed' THEN 'accepted'::"RectificationStatus"
         WHEN n."status" = 'evidence_submitted' AND t."status" = 'pending' THEN 'submitted'::"RectificationStatus"
         ELSE t."status" END,
       "submittedAt" = COALESCE(t."submittedAt", n."evidence_at"),
       "reviewedAt" = CASE WHEN n."status" = 'completed' THEN COALESCE(t."reviewedAt", n."completed_at") ELSE t."reviewedAt" END
  FROM "rectification_notice" n
  JOIN "report" r ON r."id" = n."report_id"
 WHERE t."sourceKind" = 'notice' AND t."sourceId" = n."id"::text;

INSERT INTO "rectification_task"
  ("sourceKind", "sourceId", "unitId", "inspectedUnitId", "tourGroupId", "title", "requirement", "deadlineDays",
   "issuedOn", "dueOn", "status", "submittedAt", "reviewedAt", "reviewNote", "createdById", "createdAt", "updatedAt")
SELECT 'notice', n."id"::text, n."unit_id",
       CASE WHEN iu."unitId" = n."unit_id" THEN iu."id" END,
       r."assignee_tour_group_id",
       '立行立改通知书 ' || n."serial", n."content", n."deadline_days",
       (n."issued_at" AT TIME ZONE 'Asia/Shanghai')::date, n."due_on",
       CASE n."status" WHEN 'completed' THEN 'accepted'::"RectificationStatus"
                       WHEN 'evidence_submitted' THEN 'submitted'::"RectificationStatus"
                       ELSE 'pending'::"RectificationStatus" END,
       n."evidence_at", n."completed_at", NULL,
       CASE WHEN n."issued_by_id" ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN n."issued_by_id"::uuid END,
       n."issued_at", n."issued_at"
  FROM "rectification_notice" n
  JOIN "report" r ON r."id" = n."report_id"
  LEFT JOIN "inspected_unit" iu ON iu."id" = r."inspected_unit_id"
 WHERE n."unit_id" IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM "rectification_task" t WHERE t."sourceKind" = 'notice' AND t."sourceId" = n."id"::text);
