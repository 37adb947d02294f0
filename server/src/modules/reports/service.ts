// Report service: submission, the staff lifecycle, citizen rating/supplements, the system auto-close, and the views.
// Every state change runs in one transaction with its timeline event, its audit record and (for changes the citizen
// sees) an outbox row, so a notification is never lost and never sent for a change that did not commit.
import { randomInt, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  reportChannelLabels,
  reportEventLabels,
  reportRatingLabels,
  reportStatusLabels,
  type ReportAction,
  type ReportChannel,
  type ReportRating,
  type ReportStatus,
  type ReportSubmitBody,
  type ReportTransitionBody,
  complaintReportCategory,
} from '@msjd/shared';
import type { Prisma, Report, ReportEvent } from '../../generated/prisma/client';
import { conflict, AppError, notFound } from '../../errors';
import type { StaffActor } from '../../plugins/auth';
import { addDays, addWorkdays, type CalendarOverrides, toShanghaiDate } from '../calendar';
import { enqueueCitizenNotice } from './citizen-notice';
import { createReportDataKey } from './data-keys';
import { publicThread } from './messages';
import { formatSerial, nextSerial } from './serial';
import { cachedCalendarOverrides, cachedCategory } from './submit-cache';
import { NEXT_AUDIT_ID } from '../../lib/audit-chain';
import { asHandover, attachmentViews, chooseHandoverAttachments, INTERNAL_ONLY_EVENTS, maskText, readsHandover, redactionsOf } from './handover';
import { identityState } from './custody';
import { actionsFrom, allowedActions, canView, mayAct, OPEN_STATUSES, REPLY_CLOCK_STATUSES, transitions } from './lifecycle';
import { isUniqueViolation } from '../../lib/retry';

type Tx = Prisma.TransactionClient;

export const ACCEPT_WORKDAYS = 3;
export const DEFAULT_REPLY_WORKDAYS = 15;
/** calendar days after the reply after which an unrated report is closed by the system */
export const AUTO_CLOSE_DAYS = 7;
export const MAX_SUBMIT_RETRIES = 5;

export const isoDate = (d: Date) => d.toISOString().slice(0, 10);
export const dateOf = (iso: string) => new Date(`${iso}T00:00:00Z`);

export async function calendarOverrides(db: Tx | FastifyInstance['db']['prisma']): Promise<CalendarOverrides> {
  const rows = await db.calendarOverride.findMany();
  return new Map(rows.map((r) => [isoDate(r.day), r.isWorkday]));
}

export function today(app: FastifyInstance) {
  return toShanghaiDate(app.clock.now());
}

async function categoryOf(db: Tx, code: string) {
  const c = await db.reportCategory.findUnique({ where: { code } });
  return c;
}

// ---- outbox ----
export async function enqueueNotice(app: FastifyInstance, tx: Tx, report: Pick<Report, 'id' | 'serial' | 'citizenId'>, status: ReportStatus, body: string) {
  await enqueueCitizenNotice(app, tx, report, { title: `反映 ${report.serial} ${reportStatusLabels[status]}`, body, status });
}

async function addEvent(
  tx: Tx,
  data: Omit<Prisma.ReportEventUncheckedCreateInput, 'id'>,
) {
  await tx.reportEvent.create({ data });
}

// ---- submission ----
/** The columns a new report leaves at their defaults, as the database fills them. */
const EMPTY_REPORT: Omit<Report, 'id' | 'serial' | 'category' | 'content' | 'submittedAt' | 'acceptDueOn' | 'createdAt' | 'updatedAt'> = {
  reportedUnitId: null, reportedUnitText: null, reportedPerson: null, occurredAt: null, location: null, tourRoundId: null,
  inspectedUnitId: null, monitoringPointId: null, channel: 'miniapp', confidential: false, reporterNameSealed: null,
  reporterPhoneSealed: null, reporterOpenidSealed: null, citizenId: null, queryCodeHash: null, querySecretHash: null,
  idempotencyKey: null, status: 'submitted', notAcceptedReason: null, mergedIntoId: null, assigneeTourGroupId: null,
  assigneeUnitId: null, reply: null, acceptedAt: null, repliedAt: null, closedAt: null, replyDueOn: null, reopenedOnce: false,
  rating: null, ratingComment: null, ratedAt: null,
};
/** A burst of submissions queues for the connection pool; waiting a few seconds beats failing the citizen. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function newQueryCode() {
  let s = '';
  for (let i = 0; i < 16; i++) s += String(randomInt(0, 10));
  return s;
}
function newQuerySecret() {
  let s = '';
  for (let i = 0; i < 8; i++) s += CODE_ALPHABET[randomInt(0, CODE_ALPHABET.length)];
  return s;
}
export const codeHash = (app: FastifyInstance, code: string) => app.sealer.keyedHash(`report-code:${code}`);
export const secretHash = (app: FastifyInstance, code: string, secret: string) => app.sealer.keyedHash(`report-secret:${code}:${secret}`);

const badRef = (field: string, what: string) =>
  new AppError('invalid', 'INVALID_REFERENCE', `${what}不存在，请重新扫码或选择`, { field });

/**
 * Checks the ids the form carries (from a QR scene or a picker) and fills what a scene implies: an inspected unit
 * gives its round and (unless the citizen named another) the reported unit; a monitoring point its host unit.
 */
export async function resolveRefs(
  app: FastifyInstance,
  body: { reportedUnitId?: string; tourRoundId?: string; inspectedUnitId?: string; monitoringPointId?: string },
) {
  const p = app.db.prisma;
  let { reportedUnitId = null, tourRoundId = null } = body;
  let inspectedUnitId = body.inspectedUnitId ?? null;
  const monitoringPointId = body.monitoringPointId ?? null;
  if (inspectedUnitId) {
    const iu = await p.inspectedUnit.findUnique({ where: { id: inspectedUnitId } });
    if (!iu) throw badRef('inspectedUnitId', '被巡察单位');
    if (tourRoundId && tourRoundId !== iu.tourRoundId) throw badRef('tourRoundId', '巡察轮次');
    tourRoundId = iu.tourRoundId;
    reportedUnitId ??= iu.unitId;
  } else if (tourRoundId && !(await p.tourRound.findUnique({ where: { id: tourRoundId } }))) {
    throw badRef('tourRoundId', '巡察轮次');
  }
  if (monitoringPointId) {
    const mp = await p.monitoringPoint.findUnique({ where: { id: monitoringPointId } });
    if (!mp) throw badRef('monitoringPointId', '监测点');
    reportedUnitId ??= mp.unitId;
  }
  if (body.reportedUnitId && !(await p.unit.findUnique({ where: { id: body.reportedUnitId } }))) throw badRef('reportedUnitId', '被反映单位');
  // A report started from a notice names the round and the unit only; when that unit is inspected in that round the
  // report belongs to the inspecting group just as if it had come through the unit's QR code.
  if (!inspectedUnitId && tourRoundId && reportedUnitId) {
    const iu = await p.inspectedUnit.findUnique({ where: { tourRoundId_unitId: { tourRoundId, unitId: reportedUnitId } }, select: { id: true } });
    inspectedUnitId = iu?.id ?? null;
  }
  return { reportedUnitId, tourRoundId, inspectedUnitId, monitoringPointId };
}

export interface SubmitResult {
  report: Report;
  replayed: boolean;
  queryCode: string | null;
  querySecret: string | null;
}

/** How long a 保密 submission's retry key is remembered: long enough for a client's retries, and no longer. */
export const CONFIDENTIAL_IDEMPOTENCY_HOURS = 24;
const confidentialKeyHash = (app: FastifyInstance, key: string) => app.sealer.keyedHash(`confidential-submit:${key}`);

async function replayOf(app: FastifyInstance, citizenId: string | null, confidentialKey: string | null, idempotencyKey: string | undefined) {
  const prisma = app.db.prisma;
  if (!idempotencyKey) return null;
  if (confidentialKey) {
    const since = new Date(app.clock.now().getTime() - CONFIDENTIAL_IDEMPOTENCY_HOURS * 3600_000);
    const seen = await prisma.confidentialSubmission.findUnique({ where: { keyHash: confidentialKey } });
    if (!seen || seen.createdAt < since) return null;
    return prisma.report.findUnique({ where: { id: seen.reportId } });
  }
  return prisma.report.findUnique({ where: { citizenId_idempotencyKey: { citizenId: citizenId!, idempotencyKey } } });
}

/**
 * The earlier report of this retry key, if any, and the citizen's sealed openid (a real-name report seals it under its
 * own key), in one round trip. A 保密 key older than the retry window counts as unseen (its row is purged on insert).
 */
async function replayAndOpenid(app: FastifyInstance, citizenId: string | null, confidentialKey: string | null, idempotencyKey: string | undefined) {
  const since = new Date(app.clock.now().getTime() - CONFIDENTIAL_IDEMPOTENCY_HOURS * 3600_000);
  const [row] = await app.db.prisma.$queryRawUnsafe<{ earlier: string | null; openid: string | null }[]>(
    `SELECT (CASE WHEN $3::text IS NULL THEN NULL
                  WHEN $1::text IS NOT NULL THEN (SELECT s.report_id::text FROM confidential_submission s WHERE s.key_hash = $1 AND s.created_at >= $4::timestamptz)
                  ELSE (SELECT r.id::text FROM report r WHERE r.citizen_id = $2::uuid AND r.idempotency_key = $3) END) AS earlier,
            (SELECT c."openidSealed" FROM citizen c WHERE c.id = $2::uuid) AS openid`,
    confidentialKey,
    citizenId,
    idempotencyKey ?? null,
    since,
  );
  const earlier = row?.earlier ? await app.db.prisma.report.findUnique({ where: { id: row.earlier } }) : null;
  return [earlier, row?.openid ?? null] as const;
}

/** Forgets 保密 retry keys older than the retry window. Returns how many. */
export async function purgeConfidentialKeys(app: FastifyInstance): Promise<number> {
  const before = new Date(app.clock.now().getTime() - CONFIDENTIAL_IDEMPOTENCY_HOURS * 3600_000);
  const { count } = await app.db.prisma.confidentialSubmission.deleteMany({ where: { createdAt: { lt: before } } });
  return count;
}

/**
 * Files a report. A 保密 report is filed by nobody: `citizenId` must be null for it (the caller drops any token),
 * nothing of the account, device or address is stored, and its retry key is remembered apart from the report,
 * as a keyed hash, for CONFIDENTIAL_IDEMPOTENCY_HOURS only.
 */
/** A report intake registers from another channel: who registered it, how and when it arrived. */
export interface Registration {
  staff: StaffActor;
  channel: Exclude<ReportChannel, 'miniapp'>;
  /** the day it was received (Asia/Shanghai), today or earlier; deadlines run from it */
  receivedOn?: string;
}

export async function submitReport(
  app: FastifyInstance,
  request: FastifyRequest,
  citizenId: string | null,
  body: Omit<ReportSubmitBody, 'idempotencyKey'> & { confidential: boolean },
  idempotencyKey: string | undefined,
  registration?: Registration,
): Promise<SubmitResult> {
  const prisma = app.db.prisma;
  if (body.confidential && citizenId) throw new Error('a confidential report is never filed with a citizen id');
  if (!body.confidential && !citizenId && !registration) throw new AppError('unauthenticated', 'UNAUTHORIZED', '实名举报请先登录');
  const confidentialKey = body.confidential && idempotencyKey ? confidentialKeyHash(app, idempotencyKey) : null;
  // intake's retries are keyed per staff account (a registered report has no citizen)
  const staffKey = registration && !body.confidential && idempotencyKey ? `staff:${registration.staff.id}:${idempotencyKey}` : null;
  // the retry and (for a real-name report) the citizen's sealed openid in one read
  const [earlier, citizenOpenid] = staffKey
    ? [await prisma.report.findFirst({ where: { citizenId: null, idempotencyKey: staffKey } }), null]
    : await replayAndOpenid(app, citizenId, confidentialKey, idempotencyKey);
  if (earlier) return { report: earlier, replayed: true, queryCode: null, querySecret: null };
  const category = await cachedCategory(prisma, body.category);
  if (!category || !category.active) {
    throw new AppError('invalid', 'UNKNOWN_CATEGORY', '问题类别不存在或已停用，请重新选择');
  }
  const refs = await resolveRefs(app, body);
  const now = app.clock.now();
  const day = toShanghaiDate(now);
  const overrides = await cachedCalendarOverrides(prisma);
  // a letter that arrived on Friday and is registered on Monday is due from Friday
  const receivedOn = registration?.receivedOn && registration.receivedOn < day ? registration.receivedOn : day;
  if (registration?.receivedOn && registration.receivedOn > day) {
    throw new AppError('invalid', 'VALIDATION_FAILED', '收到日期不能晚于今天', undefined, [{ path: 'receivedOn', code: 'custom', message: '收到日期不能晚于今天' }]);
  }
  const acceptDueOn = addWorkdays(receivedOn, ACCEPT_WORKDAYS, overrides);
  const submittedAt = receivedOn === day ? now : new Date(`${receivedOn}T00:00:00+08:00`);
  const prefix = `JB${day.replaceAll('-', '')}-`;
  const purgeBefore = confidentialKey ? new Date(now.getTime() - CONFIDENTIAL_IDEMPOTENCY_HOURS * 3600_000) : null;

  for (let attempt = 0; attempt < MAX_SUBMIT_RETRIES; attempt++) {
    const queryCode = body.confidential ? newQueryCode() : null;
    const querySecret = body.confidential ? newQuerySecret() : null;
    // the report's own key seals its identity here and its photos later; it is stored wrapped with the report
    const id = randomUUID();
    const dataKey = app.sealer.newDataKey();
    try {
      const report: Report = {
        ...EMPTY_REPORT,
        id,
        serial: '',
        category: category.code,
        reportedUnitId: refs.reportedUnitId,
        reportedUnitText: body.reportedUnitText || null,
        reportedPerson: body.reportedPerson || null,
        content: body.content,
        occurredAt: body.occurredAt || null,
        location: body.location || null,
        tourRoundId: refs.tourRoundId,
        inspectedUnitId: refs.inspectedUnitId,
        monitoringPointId: refs.monitoringPointId,
        confidential: body.confidential,
        reporterNameSealed: !body.confidential && body.reporterName ? dataKey.seal(body.reporterName) : null,
        reporterPhoneSealed: !body.confidential && body.reporterPhone ? dataKey.seal(body.reporterPhone) : null,
        // a confidential reporter's WeChat identity is not attached to the report
        reporterOpenidSealed: !body.confidential && citizenOpenid ? dataKey.seal(app.sealer.open(citizenOpenid)) : null,
        citizenId: body.confidential ? null : citizenId,
        queryCodeHash: queryCode ? codeHash(app, queryCode) : null,
        querySecretHash: queryCode && querySecret ? secretHash(app, queryCode, querySecret) : null,
        idempotencyKey: body.confidential ? null : (staffKey ?? idempotencyKey ?? null),
        channel: registration?.channel ?? 'miniapp',
        status: 'submitted',
        submittedAt,
        acceptDueOn: dateOf(acceptDueOn),
        createdAt: now,
        updatedAt: now,
      };
      const wrapped = app.sealer.wrapDataKey(dataKey, id);
      const event = {
        kind: 'submitted',
        ...(registration
          ? { actorType: 'staff', actorId: registration.staff.id, actorRole: registration.staff.role, note: `登记：${reportChannelLabels[registration.channel]}，${receivedOn} 收到` }
          : { actorType: 'citizen', actorId: body.confidential ? null : citizenId, actorRole: null, note: null }),
        publicNote: `已收到您的反映，将在 ${acceptDueOn} 前（${ACCEPT_WORKDAYS} 个工作日内）决定是否受理`,
      };
      // Two statements and no lock shared by all submissions: the day's serial with the audit row's id (each committed
      // at once, so the counter row is held for one statement; a failed attempt leaves a gap, as serials allow), then
      // the report, its key, its first event, the 保密 retry key and the sealed audit row in one atomic statement. The
      // audit chain links the row right after (lib/audit-chain.ts), off the commit path.
      {
        const [head] = await prisma.$queryRawUnsafe<{ last: number | null; auditId: bigint }[]>(
          `WITH up AS (UPDATE report_serial_counter SET last = last + 1 WHERE prefix = $1 RETURNING last)
           SELECT (SELECT last FROM up) AS last, ${NEXT_AUDIT_ID} AS "auditId"`,
          prefix,
        );
        // the first report of the day makes the day's counter row
        report.serial = head!.last !== null ? formatSerial(prefix, head!.last) : await nextSerial(prisma, prefix);
        const audit = app.sealedAudit(
          request,
          registration
            ? { action: 'report.register', entity: 'report', entityId: id, detail: { serial: report.serial, confidential: body.confidential, channel: registration.channel, receivedOn } }
            : // a registration is staff's own act and audited as such; the reporter's side stays unlinkable either way
              { action: 'report.submit', entity: 'report', entityId: id, detail: { serial: report.serial, confidential: body.confidential }, unlinkable: body.confidential },
          BigInt(head!.auditId),
        );
        await prisma.$executeRawUnsafe(
          `WITH r AS (
             INSERT INTO report (id, serial, category, reported_unit_id, reported_unit_text, reported_person, content, occurred_at, location,
               tour_round_id, inspected_unit_id, monitoring_point_id, channel, confidential, reporter_name_sealed, reporter_phone_sealed,
               reporter_openid_sealed, citizen_id, query_code_hash, query_secret_hash, idempotency_key, status, submitted_at, accept_due_on,
               created_at, updated_at)
             VALUES ($1::uuid, $2, $3, $4::uuid, $5, $6, $7, $8, $9, $10::uuid, $11::uuid, $12::uuid, $13::"ReportChannel", $14, $15, $16,
               $17, $18::uuid, $19, $20, $21, 'submitted', $22::timestamptz, $23::date, $24::timestamptz, $24::timestamptz)
             RETURNING id),
           k AS (INSERT INTO report_data_key (report_id, suite, master_key_id, wrapped_key, created_at)
                 SELECT r.id, $25, $26, $27, $24::timestamptz FROM r),
           e AS (INSERT INTO report_event (report_id, kind, to_status, actor_type, actor_id, actor_role, note, public_note, at)
                 SELECT r.id, 'submitted', 'submitted', $28, $29, $30, $31, $32, $24::timestamptz FROM r),
           c AS (INSERT INTO confidential_submission (key_hash, report_id, created_at)
                 SELECT $33, r.id, $24::timestamptz FROM r WHERE $33::text IS NOT NULL),
           p AS (DELETE FROM confidential_submission WHERE $34::timestamptz IS NOT NULL AND created_at < $34::timestamptz)
           INSERT INTO audit_log (id, at, "actorType", "actorId", action, entity, "entityId", reason, detail, ip, "requestId", seal)
           SELECT $45::bigint, $35::timestamptz, $36, $37, $38, $39, $40, $41, $42::jsonb, $43, $44, $46 FROM r`,
          id, report.serial, report.category, report.reportedUnitId, report.reportedUnitText, report.reportedPerson, report.content,
          report.occurredAt, report.location, report.tourRoundId, report.inspectedUnitId, report.monitoringPointId, report.channel,
          report.confidential, report.reporterNameSealed, report.reporterPhoneSealed, report.reporterOpenidSealed, report.citizenId,
          report.queryCodeHash, report.querySecretHash, report.idempotencyKey, submittedAt, report.acceptDueOn, now,
          dataKey.suite, wrapped.masterKeyId, wrapped.wrapped,
          event.actorType, event.actorId, event.actorRole, event.note, event.publicNote,
          confidentialKey, purgeBefore,
          audit.at, audit.actorType, audit.actorId, audit.action, audit.entity, audit.entityId, audit.reason,
          audit.detail === null ? null : JSON.stringify(audit.detail), audit.ip, audit.requestId, String(audit.id), audit.seal,
        );
      }
      void app.chainAudit().catch((err) => app.log.error({ err }, '审计日志入链失败（下次入链时补上）'));
      return { report, replayed: false, queryCode, querySecret };
    } catch (err) {
      // a confidential retry collides on the key table's primary key, whose name varies by driver: look, don't guess
      if (idempotencyKey && !staffKey && isUniqueViolation(err, confidentialKey ? undefined : 'idempotency')) {
        const existing = await replayOf(app, citizenId, confidentialKey, idempotencyKey);
        if (existing) return { report: existing, replayed: true, queryCode: null, querySecret: null };
      }
      if (isUniqueViolation(err)) continue; // query-code collision: try again
      throw err;
    }
  }
  throw new AppError('unavailable', 'BUSY', '提交人数较多，请稍后重试');
}

/** The answer to a submission or registration: 201 for a new report, 200 for a retry of one already stored. */
export function submitted(reply: FastifyReply, res: SubmitResult) {
  reply.status(res.replayed ? 200 : 201);
  return {
    id: res.report.id,
    serial: res.report.serial,
    status: res.report.status,
    acceptDueOn: isoDate(res.report.acceptDueOn),
    replayed: res.replayed,
    queryCode: res.queryCode,
    querySecret: res.querySecret,
    notice: res.queryCode
      ? '请立即抄写或截图保存查询码和查询密码：系统不保存明文，遗失后无法找回，也无法再次显示。'
      : res.replayed && res.report.confidential
        ? '该举报已提交过，查询码仅在首次提交时显示；请凭当时保存的查询码和查询密码查看进度。'
        : null,
  };
}

// ---- staff transitions ----
function invalidTransition(status: ReportStatus, action: string, actor?: StaffActor, r?: Report) {
  const allowed = actor && r ? allowedActions(actor, r) : actionsFrom(status);
  return conflict('INVALID_TRANSITION', `当前状态“${reportStatusLabels[status]}”下不能执行该操作`, {
    status,
    action,
    allowed,
  });
}

export async function loadVisible(app: FastifyInstance, actor: StaffActor, id: string) {
  const r = await app.db.prisma.report.findUnique({ where: { id } });
  if (!r || !canView(actor, r)) throw notFound('举报');
  return r;
}

export async function applyTransition(app: FastifyInstance, request: FastifyRequest, actor: StaffActor, id: string, body: ReportTransitionBody) {
  const action: ReportAction = body.action;
  const r = await loadVisible(app, actor, id);
  const t = transitions[action];
  if (!mayAct(actor, action, r)) {
    throw new AppError('forbidden', 'FORBIDDEN', '当前角色无权执行此操作', { action, allowed: allowedActions(actor, r) });
  }
  if (!t.from.includes(r.status)) throw invalidTransition(r.status, action, actor, r);

  const now = app.clock.now();
  const day = toShanghaiDate(now);
  const data: Prisma.ReportUncheckedUpdateManyInput = { status: t.to };
  let publicNote: string | null = null;
  let extraAudit: Record<string, string | string[] | null> = {};

  await app.db.prisma.$transaction(async (tx) => {
    switch (body.action) {
      case 'accept': {
        const cat = await categoryOf(tx, r.category);
        const replyDueOn = addWorkdays(day, cat?.replyDays ?? DEFAULT_REPLY_WORKDAYS, await calendarOverrides(tx));
        data.acceptedAt = now;
        data.replyDueOn = dateOf(replyDueOn);
        publicNote = `已受理，将在 ${replyDueOn} 前答复`;
        break;
      }
      case 'reject':
        data.notAcceptedReason = body.reason;
        data.closedAt = now;
        publicNote = `不予受理：${body.reason}`;
        break;
      case 'merge': {
        if (body.intoId === r.id) throw new AppError('invalid', 'MERGE_SELF', '不能合并到自身');
        const into = await tx.report.findUnique({ where: { id: body.intoId } });
        if (!into) throw notFound('合并目标举报');
        if (into.status === 'merged' || into.status === 'not_accepted') {
          throw conflict('MERGE_TARGET_INVALID', '合并目标已合并或不予受理，请选择其他举报', { targetStatus: into.status });
        }
        data.mergedIntoId = into.id;
        data.closedAt = now;
        publicNote = `与 ${into.serial} 反映的问题相同，已合并办理`;
        extraAudit = { intoId: into.id };
        break;
      }
      case 'assign':
      case 'reassign': {
        if (body.action === 'reassign' && (body.tourGroupId ?? null) === r.assigneeTourGroupId && (body.unitId ?? null) === r.assigneeUnitId) {
          throw conflict('SAME_ASSIGNEE', '改派对象与当前承办单位相同，请选择其他巡察组或单位', { field: body.tourGroupId ? 'tourGroupId' : 'unitId' });
        }
        if (body.tourGroupId) {
          if (!(await tx.tourGroup.findUnique({ where: { id: body.tourGroupId } }))) throw notFound('巡察组');
          data.assigneeTourGroupId = body.tourGroupId;
          data.assigneeUnitId = null;
        } else {
          if (!(await tx.unit.findUnique({ where: { id: body.unitId! } }))) throw notFound('单位');
          // 回避: the unit a 举报 accuses never handles it. A 营商环境 bad rating or 投诉 is the opposite case: the rated
          // unit verifies, rectifies and answers the enterprise (product.md C), with the enterprise's name hidden.
          const businessCase = (Object.values(complaintReportCategory) as string[]).includes(r.category);
          if (body.unitId === r.reportedUnitId && !businessCase) {
            throw conflict('RECUSAL_REQUIRED', '不能交办给被反映单位办理（回避），请改派其他单位或巡察组', { field: 'unitId' });
          }
          data.assigneeUnitId = body.unitId!;
          data.assigneeTourGroupId = null;
        }
        publicNote = body.action === 'assign' ? '已交办承办单位办理' : '已改派承办单位办理';
        extraAudit = {
          tourGroupId: body.tourGroupId ?? null,
          unitId: body.unitId ?? null,
          // photos and videos may identify the reporter: only those ticked go with the 交办单
          handoverAttachmentIds: await chooseHandoverAttachments(tx, r.id, body.attachmentIds ?? [], actor, now),
          ...(body.action === 'reassign' ? { previousTourGroupId: r.assigneeTourGroupId, previousUnitId: r.assigneeUnitId } : {}),
        };
        break;
      }
      case 'return':
        data.assigneeTourGroupId = null;
        data.assigneeUnitId = null;
        publicNote = '承办单位退回，正在重新交办';
        extraAudit = { reason: body.reason, previousTourGroupId: r.assigneeTourGroupId, previousUnitId: r.assigneeUnitId };
        break;
      case 'start':
        publicNote = '正在办理';
        break;
      case 'reply':
        data.reply = body.reply;
        data.repliedAt = now;
        publicNote = '已答复，请查看答复内容并评价';
        break;
      case 'close':
        data.closedAt = now;
        publicNote = '已办结';
        break;
    }
    // the status read above, so a concurrent transition makes this one fail instead of both applying
    const updated = await tx.report.updateMany({ where: { id: r.id, status: r.status }, data });
    if (updated.count !== 1) {
      const fresh = await tx.report.findUniqueOrThrow({ where: { id: r.id } });
      throw invalidTransition(fresh.status, action, actor, fresh);
    }
    const note = 'note' in body ? (body.note ?? null) : null;
    await addEvent(tx, {
      reportId: r.id,
      kind: t.event,
      fromStatus: r.status,
      toStatus: t.to,
      actorType: 'staff',
      actorId: actor.id,
      actorRole: actor.role,
      note: body.action === 'reject' || body.action === 'return' ? [body.reason, note].filter(Boolean).join('\n') : note,
      publicNote,
      at: now,
    });
    await app.audit(request, { action: `report.${action}`, entity: 'report', entityId: r.id, reason: note, detail: { from: r.status, to: t.to, ...extraAudit } }, tx);
    // every public state change is told, 开始办理 included
    await enqueueNotice(app, tx, r, t.to, publicNote ?? (action === 'start' ? '已开始办理' : reportStatusLabels[t.to]));
  });
}

// ---- citizen actions ----
export async function citizenRate(app: FastifyInstance, request: FastifyRequest, r: Report, rating: ReportRating, comment: string | undefined) {
  if (r.status !== 'replied') {
    throw conflict('INVALID_TRANSITION', r.rating ? '该件已评价' : '答复后才能评价', { status: r.status, allowed: [] });
  }
  const now = app.clock.now();
  const reopen = rating === 'unsatisfied' && !r.reopenedOnce;
  await app.db.prisma.$transaction(async (tx) => {
    const data: Prisma.ReportUncheckedUpdateManyInput = { rating, ratingComment: comment ?? null, ratedAt: now };
    if (reopen) {
      const cat = await categoryOf(tx, r.category);
      const due = addWorkdays(toShanghaiDate(now), cat?.replyDays ?? DEFAULT_REPLY_WORKDAYS, await calendarOverrides(tx));
      Object.assign(data, { status: 'in_progress', reopenedOnce: true, replyDueOn: dateOf(due), repliedAt: null });
    } else {
      Object.assign(data, { status: 'closed', closedAt: now });
    }
    const updated = await tx.report.updateMany({ where: { id: r.id, status: 'replied' }, data });
    if (updated.count !== 1) throw conflict('INVALID_TRANSITION', '该件状态已变化，请刷新', { allowed: [] });
    await addEvent(tx, {
      reportId: r.id,
      kind: 'rated',
      actorType: 'citizen',
      actorId: r.confidential ? null : r.citizenId,
      note: comment ?? null,
      publicNote: `评价：${reportRatingLabels[rating]}`,
      at: now,
    });
    if (reopen) {
      await addEvent(tx, {
        reportId: r.id,
        kind: 'reopened',
        fromStatus: 'replied',
        toStatus: 'in_progress',
        actorType: 'citizen',
        publicNote: '您对答复不满意，已重新办理',
        at: now,
      });
    } else {
      await addEvent(tx, { reportId: r.id, kind: 'closed', fromStatus: 'replied', toStatus: 'closed', actorType: 'citizen', publicNote: '已办结', at: now });
    }
    await app.audit(request, { action: reopen ? 'report.reopen' : 'report.rate', entity: 'report', entityId: r.id, detail: { rating }, unlinkable: r.confidential }, tx);
    await enqueueNotice(app, tx, r, reopen ? 'in_progress' : 'closed', reopen ? '已重新办理' : '已办结，感谢您的监督');
  });
}

export async function citizenSupplement(app: FastifyInstance, request: FastifyRequest, r: Report, text: string) {
  if (!OPEN_STATUSES.includes(r.status)) {
    throw conflict('REPORT_CLOSED', '该件已办结或不予受理，不能再补充', { status: r.status, allowed: [] });
  }
  const now = app.clock.now();
  await app.db.prisma.$transaction(async (tx) => {
    await addEvent(tx, {
      reportId: r.id,
      kind: 'supplement',
      actorType: 'citizen',
      actorId: r.confidential ? null : r.citizenId,
      note: text,
      publicNote: text,
      at: now,
    });
    await app.audit(request, { action: 'report.supplement', entity: 'report', entityId: r.id, unlinkable: r.confidential }, tx);
  });
}

/** The system closes reports replied AUTO_CLOSE_DAYS calendar days ago without a rating. Returns how many. */
export async function autoCloseReplied(app: FastifyInstance): Promise<number> {
  const now = app.clock.now();
  const cutoff = new Date(now.getTime() - AUTO_CLOSE_DAYS * 24 * 3600_000);
  const due = await app.db.prisma.report.findMany({ where: { status: 'replied', repliedAt: { lte: cutoff } }, take: 500 });
  let n = 0;
  for (const r of due) {
    await app.db.prisma.$transaction(async (tx) => {
      const u = await tx.report.updateMany({ where: { id: r.id, status: 'replied' }, data: { status: 'closed', closedAt: now } });
      if (u.count !== 1) return;
      n++;
      await addEvent(tx, {
        reportId: r.id,
        kind: 'auto_closed',
        fromStatus: 'replied',
        toStatus: 'closed',
        actorType: 'system',
        publicNote: `答复后 ${AUTO_CLOSE_DAYS} 日内未评价，系统自动办结`,
        at: now,
      });
      await app.audit(null, { action: 'report.auto_close', entity: 'report', entityId: r.id }, tx);
      await enqueueNotice(app, tx, r, 'closed', '答复后 7 日内未评价，系统已自动办结');
    });
  }
  return n;
}

// ---- views ----
export function overdueFlags(r: Pick<Report, 'status' | 'acceptDueOn' | 'replyDueOn'>, day: string) {
  const acceptOverdue = r.status === 'submitted' && day > isoDate(r.acceptDueOn);
  const replyOverdue = REPLY_CLOCK_STATUSES.includes(r.status) && !!r.replyDueOn && day > isoDate(r.replyDueOn);
  return { acceptOverdue, replyOverdue, overdue: acceptOverdue || replyOverdue };
}

/** Where-clause for "overdue as of day". */
export function overdueWhere(day: string): Prisma.ReportWhereInput {
  return {
    OR: [
      { status: 'submitted', acceptDueOn: { lt: dateOf(day) } },
      { status: { in: [...REPLY_CLOCK_STATUSES] }, replyDueOn: { lt: dateOf(day) } },
    ],
  };
}

const summary = (s: string) => (s.length > 80 ? `${s.slice(0, 80)}…` : s);

export async function categoryNames(app: FastifyInstance) {
  const cats = await app.db.prisma.reportCategory.findMany();
  return new Map(cats.map((c) => [c.code, c.name]));
}

export interface Names {
  categories: Map<string, string>;
  units: Map<string, string>;
  groups: Map<string, string>;
}

/** Category, unit and tour-group names for a page of reports (one query each). */
export async function namesFor(app: FastifyInstance, rows: Pick<Report, 'reportedUnitId' | 'assigneeUnitId' | 'assigneeTourGroupId'>[]): Promise<Names> {
  const unitIds = [...new Set(rows.flatMap((r) => [r.reportedUnitId, r.assigneeUnitId]).filter((x): x is string => !!x))];
  const groupIds = [...new Set(rows.map((r) => r.assigneeTourGroupId).filter((x): x is string => !!x))];
  const [categories, units, groups] = await Promise.all([
    categoryNames(app),
    unitIds.length ? app.db.prisma.unit.findMany({ where: { id: { in: unitIds } }, select: { id: true, name: true } }) : [],
    groupIds.length ? app.db.prisma.tourGroup.findMany({ where: { id: { in: groupIds } }, select: { id: true, name: true } }) : [],
  ]);
  return { categories, units: new Map(units.map((u) => [u.id, u.name])), groups: new Map(groups.map((g) => [g.id, g.name])) };
}

export function toListItem(r: Report, n: Names, day: string) {
  const names = n.categories;
  return {
    id: r.id,
    serial: r.serial,
    category: r.category,
    categoryName: names.get(r.category) ?? r.category,
    status: r.status,
    statusLabel: reportStatusLabels[r.status],
    confidential: r.confidential,
    channel: r.channel,
    reportedUnitId: r.reportedUnitId,
    reportedUnitName: (r.reportedUnitId ? n.units.get(r.reportedUnitId) : undefined) ?? r.reportedUnitText ?? null,
    reportedUnitText: r.reportedUnitText,
    reportedPerson: r.reportedPerson,
    summary: summary(r.content),
    tourRoundId: r.tourRoundId,
    inspectedUnitId: r.inspectedUnitId,
    monitoringPointId: r.monitoringPointId,
    assigneeTourGroupId: r.assigneeTourGroupId,
    assigneeUnitId: r.assigneeUnitId,
    assigneeName: r.assigneeTourGroupId
      ? (n.groups.get(r.assigneeTourGroupId) ?? null)
      : r.assigneeUnitId
        ? (n.units.get(r.assigneeUnitId) ?? null)
        : null,
    submittedAt: r.submittedAt.toISOString(),
    acceptDueOn: isoDate(r.acceptDueOn),
    replyDueOn: r.replyDueOn ? isoDate(r.replyDueOn) : null,
    ...overdueFlags(r, day),
  };
}

export async function toPublicView(app: FastifyInstance, r: Report) {
  const [events, names, attachmentCount, thread] = await Promise.all([
    app.db.prisma.reportEvent.findMany({ where: { reportId: r.id }, orderBy: { at: 'asc' } }),
    categoryNames(app),
    app.db.prisma.reportAttachment.count({ where: { reportId: r.id } }),
    publicThread(app, r),
  ]);
  return {
    id: r.id,
    serial: r.serial,
    category: r.category,
    categoryName: names.get(r.category) ?? r.category,
    status: r.status,
    statusLabel: reportStatusLabels[r.status],
    confidential: r.confidential,
    reportedPerson: r.reportedPerson,
    content: r.content,
    occurredAt: r.occurredAt,
    location: r.location,
    submittedAt: r.submittedAt.toISOString(),
    reply: r.reply,
    repliedAt: r.repliedAt?.toISOString() ?? null,
    rating: r.rating,
    canRate: r.status === 'replied',
    canSupplement: OPEN_STATUSES.includes(r.status),
    attachmentCount,
    // internal notes and staff identities are never part of the public timeline
    timeline: events
      .filter((e) => e.publicNote || e.toStatus)
      .map((e: ReportEvent) => ({
        at: e.at.toISOString(),
        kind: e.kind,
        label: reportEventLabels[e.kind] ?? e.kind,
        status: e.toStatus,
        publicNote: e.publicNote,
      })),
    ...thread,
  };
}

export async function toStaffDetail(app: FastifyInstance, actor: StaffActor, original: Report) {
  const day = today(app);
  // a liaison or tour group reads the 交办单: marked passages masked, nothing about the reporter's identity
  const handover = readsHandover(actor);
  const phrases = handover ? ((await redactionsOf(app, [original.id])).get(original.id) ?? []) : [];
  const r = handover ? asHandover(original, phrases) : original;
  const [allEvents, names, attachments, identity, mergedFrom] = await Promise.all([
    app.db.prisma.reportEvent.findMany({ where: { reportId: r.id }, orderBy: { at: 'asc' } }),
    namesFor(app, [r]),
    // the reporter's answer photos and every photo or video not chosen at 交办 stay out of a 交办单
    attachmentViews(app, actor, r.id),
    identityState(app, r, handover),
    app.db.prisma.report.findMany({ where: { mergedIntoId: r.id }, select: { id: true, serial: true }, orderBy: { serial: 'asc' } }),
  ]);
  const events = handover ? allEvents.filter((e) => !INTERNAL_ONLY_EVENTS.has(e.kind)) : allEvents;
  return {
    ...toListItem(r, names, day),
    content: r.content,
    occurredAt: r.occurredAt,
    location: r.location,
    notAcceptedReason: r.notAcceptedReason,
    mergedIntoId: r.mergedIntoId,
    mergedFrom,
    reply: r.reply,
    repliedAt: r.repliedAt?.toISOString() ?? null,
    acceptedAt: r.acceptedAt?.toISOString() ?? null,
    closedAt: r.closedAt?.toISOString() ?? null,
    rating: r.rating,
    ratingComment: r.ratingComment,
    reopenedOnce: r.reopenedOnce,
    ...identity,
    allowedActions: allowedActions(actor, r),
    events: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      kind: e.kind,
      label: reportEventLabels[e.kind] ?? e.kind,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actorType: e.actorType,
      // a confidential reporter is never named, not even by citizen id
      actorId: e.actorType === 'citizen' && (r.confidential || handover) ? null : e.actorId,
      actorRole: e.actorRole,
      note: handover ? maskText(e.note, phrases) : e.note,
      publicNote: handover ? maskText(e.publicNote, phrases) : e.publicNote,
    })),
    attachments,
  };
}

export { addDays };
