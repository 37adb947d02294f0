-- CreateTable
CREATE TABLE "confidential_submission" (
    "key_hash" TEXT NOT NULL,
    "report_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "confidential_submission_pkey" PRIMARY KEY ("key_hash")
);

-- CreateIndex
CREATE INDEX "confidential_submission_created_at_idx" ON "confidential_submission"("created_at");

-- 保密 reports filed before this release kept the filing account, the retry key and, in their audit rows, the
-- citizen id and IP. Cut every such link now (audit rows are about to become immutable).
UPDATE "report" SET "citizen_id" = NULL, "idempotency_key" = NULL WHERE "confidential";

UPDATE "report_event" e SET "actor_id" = NULL
  FROM "report" r WHERE e."report_id" = r."id" AND r."confidential" AND e."actor_type" = 'citizen';

UPDATE "audit_log" a SET "actorId" = NULL, "ip" = NULL, "requestId" = NULL
  FROM "report" r
  WHERE a."entity" = 'report' AND a."entityId" = r."id"::text AND r."confidential" AND a."actorType" <> 'staff';

-- notifications addressed to the filing account name it beside the report
DELETE FROM "outbox" o USING "report" r WHERE o."report_id" = r."id" AND r."confidential";

UPDATE "report_attachment" a SET "added_by_id" = NULL
  FROM "report" r WHERE a."report_id" = r."id" AND r."confidential" AND a."added_by" = 'citizen';
