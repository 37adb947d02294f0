-- The audit chain leaves the commit path: rows are written with a seal (keyed hash over id and fields) and linked by a
-- chaining step right after commit, which gives each its chain_seq, prev_hash and hash (server/src/lib/audit-chain.ts).

-- AlterTable
ALTER TABLE "audit_log" ADD COLUMN     "chain_seq" BIGINT,
ADD COLUMN     "seal" TEXT;

-- Rows already chained inline keep their hash and take their place in the chain in id order, the order they were linked.
ALTER TABLE "audit_log" DISABLE TRIGGER "audit_log_append_only";
UPDATE "audit_log" AS a SET "chain_seq" = n.seq
FROM (SELECT "id", row_number() OVER (ORDER BY "id") AS seq FROM "audit_log" WHERE "hash" IS NOT NULL) AS n
WHERE a."id" = n."id";
ALTER TABLE "audit_log" ENABLE TRIGGER "audit_log_append_only";

-- CreateIndex
CREATE UNIQUE INDEX "audit_log_chain_seq_key" ON "audit_log"("chain_seq");

-- Still append-only, with one exception: the chaining step fills chain_seq, prev_hash and hash, once, on a sealed row,
-- and changes nothing else.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('msjd.audit_purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD."chain_seq" IS NULL AND OLD."hash" IS NULL AND OLD."seal" IS NOT NULL
     AND NEW."chain_seq" IS NOT NULL AND NEW."hash" IS NOT NULL
     AND (NEW."id", NEW."at", NEW."actorType", NEW."actorId", NEW."action", NEW."entity", NEW."entityId", NEW."reason", NEW."detail", NEW."ip", NEW."requestId", NEW."seal")
         IS NOT DISTINCT FROM
         (OLD."id", OLD."at", OLD."actorType", OLD."actorId", OLD."action", OLD."entity", OLD."entityId", OLD."reason", OLD."detail", OLD."ip", OLD."requestId", OLD."seal") THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '审计日志只能追加，不能修改或删除' USING ERRCODE = 'insufficient_privilege';
END
$$;
