// 督办通知书: an escalation case at its 督办 stage delivered to a unit's desk. Issuing it takes a serial 〔年〕督办第N号
// and opens the rectification task the unit answers in 整改跟踪 (sourceKind `warning`, sourceId = the case, so the
// engine's 整改不彻底 rule covers it like any task linked to a case); the task's submit / return / accept come back to
// the notice and to the case's history (followUrgeNotice), and accepting it closes the 督办 as done. Printed with the
// same renderer as the 立行立改通知书.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { alertStageLabels } from '@msjd/shared/alerts';
import type { EscalationDetail, EscalationHistoryItem, UrgeNoticeIssueBody, UrgeNoticeView } from '@msjd/shared/escalation-notices';
import type { EscalationCase, Prisma, UrgeNotice } from '../../generated/prisma/client';
import { AppError, conflict, type ErrorKind, notFound } from '../../errors';
import type { StaffActor } from '../../plugins/auth';
import { toShanghaiDate } from '../calendar';
import { COMMISSION_NAME, deadlineParagraph, nextNoticeSerial, renderNoticePdf, requirementLines, createRectificationTask } from '../rectification';
import { sqlOf } from './sql';
import { listWarningItems } from './warnings';

type Tx = Prisma.TransactionClient;
type Db = FastifyInstance['db']['prisma'];
/** What issuing and showing a notice needs of the app: the route passes the app, the demo seed too (no request). */
export type UrgeNoticeApp = Pick<FastifyInstance, 'db' | 'clock' | 'audit'>;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);
/** Sentences kept on a notice; the PDF prints the first few. */
const MAX_FINDINGS = 10;
const PRINTED_FINDINGS = 3;

const fieldError = (kind: ErrorKind, code: string, path: string, message: string) => new AppError(kind, code, message, { field: path }, [{ path, code: 'custom', message }]);

/** The unit a case belongs to, by the code its warnings carry (null when the code is not in the unit directory). */
async function caseUnit(db: Db | Tx, unitCode: string) {
  return db.unit.findFirst({ where: { code: unitCode }, select: { id: true, name: true } });
}

/** The case's warnings in one sentence each, resident IDs masked (the warnings list's own explanation). */
async function findingsOf(app: Pick<UrgeNoticeApp, 'db'>, c: EscalationCase): Promise<{ findings: string[]; count: number }> {
  const count = await app.db.prisma.alertWarning.count({ where: { escalationId: c.id } });
  // listed by (model, unit) — the case's key — newest first; the few of an earlier case of the pair are left out
  const { items } = await listWarningItems(sqlOf(app.db), { model: c.model, unitCode: c.unitCode }, { tourGroupId: null, unitId: null }, { page: 1, pageSize: 50 });
  return { findings: items.filter((w) => w.escalationId === c.id).slice(0, MAX_FINDINGS).map((w) => w.explanation), count };
}

const openNotice = (db: Db | Tx, escalationId: string) => db.urgeNotice.findFirst({ where: { escalationId, status: { not: 'completed' } }, select: { serial: true } });

/**
 * Issues a 督办通知书 on a case at 督办: to the case's own unit unless the issuer names another (with a reason), with
 * the requirements and a deadline in working days; opens the unit's rectification task in the same transaction.
 */
export async function issueUrgeNotice(app: UrgeNoticeApp, request: FastifyRequest | null, actor: StaffActor, escalationId: string, body: UrgeNoticeIssueBody) {
  const db = app.db.prisma;
  const c = await db.escalationCase.findUnique({ where: { id: escalationId } });
  if (!c) throw notFound('督办案件');
  const own = await caseUnit(db, c.unitCode);
  const unitId = body.unitId ?? own?.id;
  if (!unitId) throw fieldError('invalid', 'VALIDATION_FAILED', 'unitId', `案件的单位编码 ${c.unitCode} 不在单位目录中，请选择接收督办通知书的单位`);
  const unit = unitId === own?.id ? own : await db.unit.findUnique({ where: { id: unitId }, select: { id: true, name: true } });
  if (!unit) throw fieldError('invalid', 'INVALID_REFERENCE', 'unitId', '接收督办通知书的单位不存在，请重新选择');
  const unitReason = body.unitReason?.trim() || null;
  if (unit.id !== own?.id && (!unitReason || unitReason.length < 4)) {
    throw fieldError('invalid', 'VALIDATION_FAILED', 'unitReason', `通知书改送${unit.name}（不是案件所属单位），请填写理由（至少 4 个字）`);
  }
  const { findings, count } = await findingsOf(app, c);
  const now = app.clock.now();
  const year = Number(toShanghaiDate(now).slice(0, 4));
  const notice = await db.$transaction(async (tx) => {
    // the case row is the point two issuers (or an issuer and a closing) meet: one notice awaiting acceptance at a time
    await tx.$queryRaw`SELECT id FROM escalation_case WHERE id = ${c.id}::uuid FOR UPDATE`;
    const current = await tx.escalationCase.findUniqueOrThrow({ where: { id: c.id }, select: { stage: true } });
    if (current.stage !== 'urge') {
      throw conflict('ESCALATION_NOT_URGE', `该案件处于${alertStageLabels[current.stage as keyof typeof alertStageLabels] ?? current.stage}阶段，只有督办阶段的案件可以下发督办通知书`);
    }
    const pending = await openNotice(tx, c.id);
    if (pending) throw conflict('URGE_NOTICE_OPEN', `该案件已下发督办通知书${pending.serial}，整改验收后才能再次下发`);
    const serial = await nextNoticeSerial(tx, '督办', year);
    const task = await createRectificationTask(now, tx, {
      sourceKind: 'warning',
      sourceId: c.id,
      unitId: unit.id,
      title: `督办通知书 ${serial}`,
      requirement: body.content,
      deadlineDays: body.deadlineDays,
      createdById: actor.id,
    });
    const n = await tx.urgeNotice.create({
      data: {
        escalationId: c.id,
        serial,
        unitId: unit.id,
        unitReason: unit.id === own?.id ? null : unitReason,
        content: body.content,
        findings,
        warningCount: count,
        deadlineDays: body.deadlineDays,
        dueOn: task.dueOn,
        taskId: task.id,
        issuedById: actor.id,
        issuedAt: now,
      },
    });
    const dueOn = isoDate(task.dueOn);
    await tx.escalationEvent.create({
      data: {
        escalationId: c.id,
        kind: 'notice_issued',
        noticeId: n.id,
        actorId: actor.id,
        note: `${serial} 致${unit.name}${n.unitReason ? `（改送理由：${n.unitReason}）` : ''}，${dueOn} 前完成：${body.content}`,
        at: now,
      },
    });
    await app.audit(request, { action: 'alerts.urge_notice_issue', entity: 'escalation_case', entityId: c.id, detail: { noticeId: n.id, serial, unitId: unit.id, taskId: task.id, dueOn } }, tx);
    return n;
  });
  return (await urgeNoticeViews(app, [notice]))[0]!;
}

/** A task's step as the notice and the case's history record it. */
export type UrgeStep = 'submitted' | 'returned' | 'accepted';

/**
 * Brings a task's step to the 督办通知书 that opened it and to its case's history, inside the task's transaction;
 * accepting the unit's answer closes the case's 督办 as done (when it is still at 督办). Does nothing for tasks no
 * 督办通知书 opened.
 */
export async function followUrgeNotice(
  tx: Tx,
  task: { id: string; sourceKind: string },
  step: UrgeStep,
  by: { actor: StaffActor; note: string | null; at: Date },
): Promise<void> {
  if (task.sourceKind !== 'warning') return;
  const n = await tx.urgeNotice.findUnique({ where: { taskId: task.id } });
  if (!n) return;
  const data: Prisma.UrgeNoticeUpdateInput =
    step === 'submitted' ? { status: 'evidence_submitted', evidenceAt: by.at } : step === 'returned' ? { status: 'issued' } : { status: 'completed', completedAt: by.at };
  await tx.urgeNotice.update({ where: { id: n.id }, data });
  await tx.escalationEvent.create({
    data: { escalationId: n.escalationId, kind: `rectification_${step}`, noticeId: n.id, actorId: by.actor.id, note: [n.serial, by.note].filter(Boolean).join('：'), at: by.at },
  });
  if (step === 'accepted') {
    await tx.escalationCase.updateMany({
      where: { id: n.escalationId, stage: 'urge' },
      data: {
        stage: 'done',
        openKey: null,
        closedAt: by.at,
        closedBy: by.actor.id,
        outcome: { stage: 'done', note: `督办通知书${n.serial}整改已验收${by.note ? `：${by.note}` : ''}`, noticeId: n.id },
      },
    });
  }
}

/** The notices awaiting the unit's answer or acceptance block closing the 督办 by hand: it closes when accepted. */
export async function openNoticeSerial(db: Db, escalationId: string): Promise<string | null> {
  return (await openNotice(db, escalationId))?.serial ?? null;
}

export async function urgeNoticeViews(app: Pick<UrgeNoticeApp, 'db' | 'clock'>, notices: UrgeNotice[]): Promise<UrgeNoticeView[]> {
  if (!notices.length) return [];
  const db = app.db.prisma;
  const [tasks, units, issuers] = await Promise.all([
    db.rectificationTask.findMany({ where: { id: { in: notices.map((n) => n.taskId) } }, select: { id: true, status: true } }),
    db.unit.findMany({ where: { id: { in: [...new Set(notices.map((n) => n.unitId))] } }, select: { id: true, name: true } }),
    db.staffUser.findMany({ where: { id: { in: [...new Set(notices.map((n) => n.issuedById))] } }, select: { id: true, displayName: true } }),
  ]);
  const day = toShanghaiDate(app.clock.now());
  return notices.map((n) => ({
    id: n.id,
    escalationId: n.escalationId,
    serial: n.serial,
    unitId: n.unitId,
    unitName: units.find((u) => u.id === n.unitId)?.name ?? null,
    unitReason: n.unitReason,
    content: n.content,
    findings: Array.isArray(n.findings) ? n.findings.map(String) : [],
    warningCount: n.warningCount,
    deadlineDays: n.deadlineDays,
    dueOn: isoDate(n.dueOn),
    status: n.status,
    taskId: n.taskId,
    taskStatus: tasks.find((t) => t.id === n.taskId)?.status ?? null,
    issuedAt: n.issuedAt.toISOString(),
    issuedByName: issuers.find((u) => u.id === n.issuedById)?.displayName ?? null,
    evidenceAt: n.evidenceAt?.toISOString() ?? null,
    completedAt: n.completedAt?.toISOString() ?? null,
    overdue: n.status !== 'completed' && day > isoDate(n.dueOn),
  }));
}

/** The 督办通知书 behind tasks, for 整改跟踪 (one query for a page of tasks), by task id. */
export async function urgeNoticesOfTasks(db: Db, tasks: { id: string; sourceKind: string }[]) {
  const ids = tasks.filter((t) => t.sourceKind === 'warning').map((t) => t.id);
  if (!ids.length) return new Map<string, { id: string; serial: string; escalationId: string; findings: string[]; warningCount: number }>();
  const rows = await db.urgeNotice.findMany({ where: { taskId: { in: ids } }, select: { id: true, serial: true, escalationId: true, findings: true, warningCount: true, taskId: true } });
  return new Map(
    rows.map((n) => [n.taskId, { id: n.id, serial: n.serial, escalationId: n.escalationId, findings: Array.isArray(n.findings) ? n.findings.map(String) : [], warningCount: n.warningCount }]),
  );
}

/**
 * One case as its reader may see it, with its notices and its history; null when absent or, for a liaison
 * (`unitId`), not their unit's. A liaison sees only the notices addressed to their unit and those notices' events.
 */
export async function escalationDetail(app: FastifyInstance, id: string, reader: { unitId: string | null }): Promise<EscalationDetail | null> {
  const db = app.db.prisma;
  const c = await db.escalationCase.findUnique({ where: { id } });
  if (!c) return null;
  const unit = await caseUnit(db, c.unitCode);
  if (reader.unitId && unit?.id !== reader.unitId) return null;
  const [warnings, allNotices, events] = await Promise.all([
    db.alertWarning.count({ where: { escalationId: c.id } }),
    db.urgeNotice.findMany({ where: { escalationId: c.id }, orderBy: { issuedAt: 'asc' } }),
    db.escalationEvent.findMany({ where: { escalationId: c.id }, orderBy: { at: 'asc' } }),
  ]);
  const notices = reader.unitId ? allNotices.filter((n) => n.unitId === reader.unitId) : allNotices;
  const hidden = new Set(allNotices.filter((n) => !notices.includes(n)).map((n) => n.id));
  const actorIds = [...new Set([...events.map((e) => e.actorId), c.closedBy].filter((x): x is string => !!x && /^[0-9a-f-]{36}$/i.test(x)))];
  const names = new Map((actorIds.length ? await db.staffUser.findMany({ where: { id: { in: actorIds } }, select: { id: true, displayName: true } }) : []).map((u) => [u.id, u.displayName]));
  const history: EscalationHistoryItem[] = [];
  const opened = isoDate(c.openedAsOf);
  const startedAtVerify = c.stage !== 'urge' && c.stage !== 'done' && isoDate(c.stageAsOf) === opened;
  history.push({ kind: 'opened', at: c.openedAt.toISOString(), day: opened, actorName: null, note: startedAtVerify ? `预警日期 ${opened}，直接进入核查` : `首次预警（预警日期 ${opened}），进入督办` });
  if (!startedAtVerify && c.stage !== 'urge' && c.stage !== 'done' && !events.some((e) => e.kind === 'advanced')) {
    // advanced before the history was kept: the day is known, the time is not
    history.push({ kind: 'advanced', at: null, day: isoDate(c.stageAsOf), actorName: null, note: `再次预警（预警日期 ${isoDate(c.stageAsOf)}），升级为核查` });
  }
  for (const e of events) {
    if (e.noticeId && hidden.has(e.noticeId)) continue;
    history.push({ kind: e.kind as EscalationHistoryItem['kind'], at: e.at.toISOString(), day: toShanghaiDate(e.at), actorName: e.actorId ? (names.get(e.actorId) ?? null) : null, note: e.note });
  }
  const outcome = (c.outcome ?? null) as Record<string, unknown> | null;
  if (c.closedAt) {
    const note = typeof outcome?.note === 'string' && outcome.note.trim() ? outcome.note : null;
    const label = c.stage === 'done' ? '督办办结' : (alertStageLabels[c.stage as keyof typeof alertStageLabels] ?? c.stage);
    history.push({ kind: 'closed', at: c.closedAt.toISOString(), day: toShanghaiDate(c.closedAt), actorName: c.closedBy ? (names.get(c.closedBy) ?? null) : null, note: [label, note].filter(Boolean).join('：') });
  }
  const when = (h: EscalationHistoryItem) => h.at ?? `${h.day}T23:59:59.999Z`;
  history.sort((a, b) => (a.kind === 'opened' ? -1 : b.kind === 'opened' ? 1 : when(a).localeCompare(when(b))));
  const views = await urgeNoticeViews(app, notices);
  const latest = views.at(-1);
  return {
    id: c.id,
    model: c.model,
    unitCode: c.unitCode,
    unitId: unit?.id ?? null,
    unitName: unit?.name ?? null,
    stage: c.stage as EscalationDetail['stage'],
    openedAsOf: opened,
    stageAsOf: isoDate(c.stageAsOf),
    closedAt: c.closedAt?.toISOString() ?? null,
    outcome,
    people: Array.isArray(c.people) ? (c.people as EscalationDetail['people']) : [],
    moneyRecovered: c.moneyRecovered ? c.moneyRecovered.toFixed(2) : null,
    warnings,
    notice: latest ? { id: latest.id, serial: latest.serial, status: latest.status, dueOn: latest.dueOn, taskId: latest.taskId } : null,
    notices: views,
    history,
    noticeIssuable: c.stage === 'urge' && !allNotices.some((n) => n.status !== 'completed'),
  };
}

/** A notice whoever may print it: leaders, and the liaison of the unit it is addressed to. */
export async function loadPrintableUrgeNotice(app: FastifyInstance, actor: StaffActor, id: string) {
  const n = await app.db.prisma.urgeNotice.findUnique({ where: { id } });
  if (!n || (actor.role === 'unit_liaison' && actor.unitId !== n.unitId)) throw notFound('督办通知书');
  return n;
}

/** The 督办通知书 on paper: the findings (the first few), the requirements, the deadline; signed by the commission. */
export async function urgeNoticePdf(app: FastifyInstance, n: UrgeNotice): Promise<Buffer> {
  const unit = await app.db.prisma.unit.findUnique({ where: { id: n.unitId }, select: { name: true } });
  const findings = Array.isArray(n.findings) ? n.findings.map(String) : [];
  const shown = findings.slice(0, PRINTED_FINDINGS);
  const more = n.warningCount - shown.length;
  return renderNoticePdf({
    title: '督办通知书',
    serial: n.serial,
    addressee: unit?.name ?? null,
    paragraphs: [
      // a notice sent on to another unit than the case's says why that unit answers it
      n.unitReason
        ? `${COMMISSION_NAME}在运用大数据监督模型开展营商环境监督中，发现以下问题${n.warningCount ? `（共 ${n.warningCount} 条预警）` : ''}。因${n.unitReason.replace(/[。.]$/, '')}，现交由你单位负责整改：`
        : `${COMMISSION_NAME}在运用大数据监督模型开展营商环境监督中，发现你单位存在以下问题${n.warningCount ? `（共 ${n.warningCount} 条预警）` : ''}：`,
      ...shown.map((f, i) => `${i + 1}. ${f}`),
      ...(more > 0 ? [`另有 ${more} 条预警，详见“码上监督”管理平台。`] : []),
      '现予督办，请按以下要求认真整改：',
      ...requirementLines(n.content),
      deadlineParagraph(isoDate(n.dueOn), n.deadlineDays),
    ],
    signer: COMMISSION_NAME,
    issuedOn: toShanghaiDate(n.issuedAt),
  });
}
