// 保存期限 (PIPL Art. 19: no longer than needed; Art. 47: delete when the time is up). A finished report's sealed
// material — reporter identity, contact and photos — is destroyed once its rule's years have passed since the report
// was finished, unless a legal hold (法律保全) is in place. Destruction is crypto-shredding: the report's data key is
// destroyed, which makes every copy unreadable (database, bucket, backups); then the objects are deleted from the
// bucket. The report's facts, timeline and statistics stay. Each destruction and each deletion is audited. Several
// instances may run the job at once: each report is destroyed under its row lock and counted by the one that did it.
import { RETENTION_DEFAULT_YEARS, retentionRuleLabels, type LegalHoldList, type RetentionOverview, type RetentionRuleKey, type RetentionRunResult } from '@msjd/shared';
import type { AuditEntry } from '../../plugins/audit';
import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import type { Storage } from '../../plugins/storage';
import { conflict, notFound } from '../../errors';
import { destroyReportDataKey } from '../reports';

type Sql = { query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]> };
type Audit = (entry: AuditEntry, tx?: Prisma.TransactionClient) => Promise<void>;

export interface RetentionContext {
  prisma: PrismaClient;
  sql: Sql;
  storage: Storage;
  /** audits as the system (the job) or as the caller */
  audit: Audit;
  now: Date;
}

const FINISHED = `('closed', 'not_accepted', 'merged')`;
/** When a report was finished: its closing time, or the last event of a report that ended without one. */
const FINISHED_AT = `coalesce(r.closed_at, (SELECT max(e.at) FROM report_event e WHERE e.report_id = r.id), r.updated_at)`;
const HELD = `EXISTS (SELECT 1 FROM report_legal_hold h WHERE h.report_id = r.id AND h.released_at IS NULL)`;
const DESTROYED = `EXISTS (SELECT 1 FROM report_data_key k WHERE k.report_id = r.id AND k.destroyed_at IS NOT NULL)`;
/** Reports past the sealed-material rule ($1 = now, $2 = years), with what they still hold. */
const PAST_TIME = `r.status IN ${FINISHED} AND ${FINISHED_AT} < ($1::timestamptz - make_interval(years => $2::int)) AND NOT ${DESTROYED}`;

/** Reports destroyed per run at most: a long backlog is worked off over several runs, never in one huge transaction. */
const BATCH = 200;

export async function ruleYears(sql: Sql, key: RetentionRuleKey): Promise<number> {
  const [row] = await sql.query<{ years: number }>(`SELECT years FROM retention_rule WHERE key = $1`, [key]);
  return row?.years ?? RETENTION_DEFAULT_YEARS[key];
}

/**
 * One run of the job: destroys the data keys of the finished reports past their time (not on hold), then deletes
 * from the bucket every object of a destroyed report (objects left by an earlier run whose deletion failed too).
 */
export async function runRetention(ctx: RetentionContext): Promise<RetentionRunResult> {
  const years = await ruleYears(ctx.sql, 'report_sealed_material');
  const [{ held }] = await ctx.sql.query<{ held: number }>(`SELECT count(*)::int AS held FROM report r WHERE ${PAST_TIME} AND ${HELD}`, [ctx.now, years]);
  const due = await ctx.sql.query<{ id: string; serial: string; finished_at: Date }>(
    `SELECT r.id::text AS id, r.serial, ${FINISHED_AT} AS finished_at FROM report r WHERE ${PAST_TIME} AND NOT ${HELD} ORDER BY 3 LIMIT ${BATCH}`,
    [ctx.now, years],
  );
  let shredded = 0;
  for (const report of due) {
    await ctx.prisma.$transaction(async (tx) => {
      // a hold placed since the list was read wins: re-checked under the report's row lock
      await tx.$queryRawUnsafe(`SELECT 1 FROM report WHERE id = $1::uuid FOR UPDATE`, report.id);
      const onHold = await tx.reportLegalHold.count({ where: { reportId: report.id, releasedAt: null } });
      if (onHold) return;
      if (!(await destroyReportDataKey(tx, report.id, ctx.now))) return;
      shredded++;
      await ctx.audit(
        {
          action: 'retention.material_destroyed',
          entity: 'report',
          entityId: report.id,
          detail: { serial: report.serial, rule: 'report_sealed_material', years, finishedAt: new Date(report.finished_at).toISOString() },
        },
        tx,
      );
    });
  }
  const objectsDeleted = await deleteObjectsOfDestroyedReports(ctx);
  return { shredded, objectsDeleted, held };
}

async function deleteObjectsOfDestroyedReports(ctx: RetentionContext): Promise<number> {
  const objects = await ctx.sql.query<{ id: string; report_id: string; storage_key: string }>(
    `SELECT a.id::text AS id, a.report_id::text AS report_id, a.storage_key FROM report_attachment a
      WHERE EXISTS (SELECT 1 FROM report_data_key k WHERE k.report_id = a.report_id AND k.destroyed_at IS NOT NULL)
      ORDER BY a.report_id LIMIT ${BATCH * 10}`,
  );
  let deleted = 0;
  for (const o of objects) {
    try {
      await ctx.storage.remove(o.storage_key);
    } catch {
      // left for the next run; the object is unreadable ciphertext already (its key is gone)
      continue;
    }
    // two instances may meet on the same object: S3 deletes are idempotent, and only the one that removes the row audits
    const gone = await ctx.prisma.$transaction(async (tx) => {
      const { count } = await tx.reportAttachment.deleteMany({ where: { id: o.id } });
      if (count) await ctx.audit({ action: 'retention.object_deleted', entity: 'report', entityId: o.report_id, detail: { attachmentId: o.id } }, tx);
      return count;
    });
    deleted += gone;
  }
  return deleted;
}

/** The rules with today's figures: what the next run destroys, what holds keep, what was destroyed so far. */
export async function retentionOverview(sql: Sql, now: Date): Promise<RetentionOverview> {
  const rules = await sql.query<{ key: RetentionRuleKey; years: number; updated_at: Date; updated_by: string | null }>(
    `SELECT rr.key, rr.years, rr.updated_at, s."displayName" AS updated_by
       FROM retention_rule rr LEFT JOIN staff_user s ON s.id::text = rr.updated_by_id ORDER BY rr.key`,
  );
  const years = await ruleYears(sql, 'report_sealed_material');
  const [figures] = await sql.query<{ due: number; held: number; destroyed: number }>(
    `SELECT count(*) FILTER (WHERE NOT ${HELD})::int AS due, count(*) FILTER (WHERE ${HELD})::int AS held,
            (SELECT count(*) FROM report_data_key k WHERE k.destroyed_at IS NOT NULL)::int AS destroyed
       FROM report r WHERE ${PAST_TIME}`,
    [now, years],
  );
  return {
    rules: rules.map((r) => ({
      key: r.key,
      ...retentionRuleLabels[r.key],
      years: r.years,
      defaultYears: RETENTION_DEFAULT_YEARS[r.key],
      updatedAt: new Date(r.updated_at).toISOString(),
      updatedByName: r.updated_by,
    })),
    due: figures.due,
    held: figures.held,
    destroyed: figures.destroyed,
  };
}

export async function setRuleYears(ctx: Pick<RetentionContext, 'prisma' | 'audit' | 'now'>, key: RetentionRuleKey, years: number, actorId: string) {
  await ctx.prisma.$transaction(async (tx) => {
    const before = await tx.retentionRule.findUnique({ where: { key } });
    await tx.retentionRule.upsert({
      where: { key },
      create: { key, years, updatedAt: ctx.now, updatedById: actorId },
      update: { years, updatedAt: ctx.now, updatedById: actorId },
    });
    await ctx.audit({ action: 'retention.rule_changed', entity: 'retention_rule', entityId: key, detail: { from: before?.years ?? null, to: years } }, tx);
  });
}

/** A report's holds, newest first, with when its material falls due and whether it was destroyed. */
export async function legalHolds(sql: Sql, reportId: string): Promise<LegalHoldList> {
  const holds = await sql.query<{
    id: string;
    reason: string;
    placed_by: string | null;
    placed_at: Date;
    released_by: string | null;
    released_at: Date | null;
    release_reason: string | null;
  }>(
    `SELECT h.id::text, h.reason, p."displayName" AS placed_by, h.placed_at, q."displayName" AS released_by, h.released_at, h.release_reason
       FROM report_legal_hold h
       LEFT JOIN staff_user p ON p.id::text = h.placed_by_id
       LEFT JOIN staff_user q ON q.id::text = h.released_by_id
      WHERE h.report_id = $1::uuid ORDER BY h.placed_at DESC`,
    [reportId],
  );
  const years = await ruleYears(sql, 'report_sealed_material');
  const [state] = await sql.query<{ due_on: string | null; destroyed_at: Date | null }>(
    `SELECT CASE WHEN r.status IN ${FINISHED}
                 THEN to_char((${FINISHED_AT} + make_interval(years => $2::int)) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') END AS due_on,
            (SELECT k.destroyed_at FROM report_data_key k WHERE k.report_id = r.id) AS destroyed_at
       FROM report r WHERE r.id = $1::uuid`,
    [reportId, years],
  );
  return {
    items: holds.map((h) => ({
      id: h.id,
      reason: h.reason,
      placedByName: h.placed_by,
      placedAt: new Date(h.placed_at).toISOString(),
      releasedByName: h.released_by,
      releasedAt: h.released_at ? new Date(h.released_at).toISOString() : null,
      releaseReason: h.release_reason,
    })),
    active: holds.some((h) => !h.released_at),
    dueOn: state?.due_on ?? null,
    destroyedAt: state?.destroyed_at ? new Date(state.destroyed_at).toISOString() : null,
  };
}

/** 法律保全: keeps the report's sealed material past its time until released. One hold at a time per report. */
export async function placeLegalHold(ctx: Pick<RetentionContext, 'prisma' | 'audit' | 'now'>, reportId: string, reason: string, actorId: string) {
  return ctx.prisma.$transaction(async (tx) => {
    const report = await tx.report.findUnique({ where: { id: reportId }, select: { id: true, dataKey: { select: { destroyedAt: true } } } });
    if (!report) throw notFound('举报');
    if (report.dataKey?.destroyedAt) throw conflict('DATA_DESTROYED', '该举报的身份信息和图片已按保存期限销毁，无需保全');
    await tx.$queryRawUnsafe(`SELECT 1 FROM report WHERE id = $1::uuid FOR UPDATE`, reportId);
    if (await tx.reportLegalHold.count({ where: { reportId, releasedAt: null } })) throw conflict('HOLD_ACTIVE', '该举报已在法律保全中');
    const hold = await tx.reportLegalHold.create({ data: { reportId, reason, placedById: actorId, placedAt: ctx.now } });
    await ctx.audit({ action: 'retention.hold_placed', entity: 'report', entityId: reportId, reason, detail: { holdId: hold.id } }, tx);
    return hold.id;
  });
}

export async function releaseLegalHold(
  ctx: Pick<RetentionContext, 'prisma' | 'audit' | 'now'>,
  reportId: string,
  holdId: string,
  reason: string,
  actorId: string,
) {
  await ctx.prisma.$transaction(async (tx) => {
    const hold = await tx.reportLegalHold.findFirst({ where: { id: holdId, reportId } });
    if (!hold) throw notFound('保全记录');
    const released = await tx.reportLegalHold.updateMany({
      where: { id: holdId, releasedAt: null },
      data: { releasedAt: ctx.now, releasedById: actorId, releaseReason: reason },
    });
    if (!released.count) throw conflict('HOLD_RELEASED', '该保全已解除');
    await ctx.audit({ action: 'retention.hold_released', entity: 'report', entityId: reportId, reason, detail: { holdId } }, tx);
  });
}
