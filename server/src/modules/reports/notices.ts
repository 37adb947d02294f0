// 立行立改通知书: issued on a report being handled, addressed to a unit, numbered 〔2026〕立改第N号 and printable. Issuing
// it opens the rectification task the unit answers in 整改跟踪 (evidence, review, return: the one rectification
// track); the task's progress comes back to the notice and to the report's timeline through followNotice.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Prisma, RectificationNotice, Report } from '../../generated/prisma/client';
import { conflict, AppError, forbidden, notFound } from '../../errors';
import type { StaffActor } from '../../plugins/auth';
import { addWorkdays, toShanghaiDate } from '../calendar';
import { COMMISSION_NAME, deadlineParagraph, nextNoticeSerial, renderNoticePdf, requirementLines, createRectificationTask } from '../rectification';
import { canView, mayIssueNotice, NOTICE_STATUS } from './lifecycle';

type Tx = Prisma.TransactionClient;
type Db = FastifyInstance['db']['prisma'];
const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export { COMMISSION_NAME };

/** The unit a notice goes to unless the issuer names another: the unit the report is about, else the one handling it. */
export const defaultNoticeUnitId = (r: Pick<Report, 'reportedUnitId' | 'assigneeUnitId'>) => r.reportedUnitId ?? r.assigneeUnitId;

async function calendarOverrides(db: Tx | Db) {
  const rows = await db.calendarOverride.findMany({ select: { day: true, isWorkday: true } });
  return new Map(rows.map((r) => [isoDate(r.day), r.isWorkday]));
}

export interface NoticeIssue {
  unitId?: string;
  content: string;
  deadlineDays: number;
}

export async function issueNotice(app: FastifyInstance, request: FastifyRequest, actor: StaffActor, r: Report, body: NoticeIssue): Promise<RectificationNotice> {
  if (!mayIssueNotice(actor, r)) throw forbidden('只有承办巡察组或纪检干部可以下发立行立改通知书');
  if (r.status !== NOTICE_STATUS) throw conflict('INVALID_STATE', '举报办理中才能下发立行立改通知书', { status: r.status });
  const unitId = body.unitId ?? defaultNoticeUnitId(r);
  if (!unitId) {
    const message = '该件没有被反映单位，请选择接收通知书的整改单位';
    throw new AppError('invalid', 'VALIDATION_FAILED', message, undefined, [{ path: 'unitId', code: 'custom', message }]);
  }
  const unit = await app.db.prisma.unit.findUnique({ where: { id: unitId }, select: { id: true, name: true } });
  if (!unit) throw new AppError('invalid', 'INVALID_REFERENCE', '整改单位不存在，请重新选择', { field: 'unitId' }, [{ path: 'unitId', code: 'custom', message: '整改单位不存在，请重新选择' }]);
  const now = app.clock.now();
  const today = toShanghaiDate(now);
  return app.db.prisma.$transaction(async (tx) => {
    const dueOn = addWorkdays(today, body.deadlineDays, await calendarOverrides(tx));
    const serial = await nextNoticeSerial(tx, '立改', Number(today.slice(0, 4)));
    const n = await tx.rectificationNotice.create({
      data: { reportId: r.id, serial, unitId, content: body.content, deadlineDays: body.deadlineDays, dueOn: new Date(`${dueOn}T00:00:00Z`), issuedById: actor.id, issuedAt: now },
    });
    // the inspected unit counts only when the notice goes to it; the group handling the report follows the task
    const inspected = r.inspectedUnitId ? await tx.inspectedUnit.findUnique({ where: { id: r.inspectedUnitId }, select: { unitId: true } }) : null;
    const task = await createRectificationTask(now, tx, {
      sourceKind: 'notice',
      sourceId: n.id,
      unitId,
      inspectedUnitId: inspected?.unitId === unitId ? r.inspectedUnitId : null,
      tourGroupId: r.assigneeTourGroupId,
      title: `立行立改通知书 ${serial}`,
      requirement: body.content,
      deadlineDays: body.deadlineDays,
      createdById: actor.id,
    });
    await tx.reportEvent.create({
      data: {
        reportId: r.id,
        kind: 'rectification_issued',
        actorType: 'staff',
        actorId: actor.id,
        actorRole: actor.role,
        note: `${serial} 致${unit.name}，${dueOn} 前完成：${body.content}`,
        at: now,
      },
    });
    await app.audit(request, { action: 'report.rectification_issue', entity: 'report', entityId: r.id, detail: { noticeId: n.id, serial, unitId, taskId: task.id, dueOn } }, tx);
    return n;
  });
}

/** A task's step as the notice and the report's timeline record it. */
export type NoticeStep = 'submitted' | 'returned' | 'accepted';
const stepEvents: Record<NoticeStep, string> = { submitted: 'rectification_evidence', returned: 'rectification_returned', accepted: 'rectification_done' };

/**
 * Brings a task's step to the notice that opened it and to its report's timeline, inside the task's transaction.
 * Does nothing for tasks no notice opened (a hand-made task may name a paper notice's number as its source).
 */
export async function followNotice(
  tx: Tx,
  task: { sourceKind: string; sourceId: string | null },
  step: NoticeStep,
  by: { actor: StaffActor; note: string | null; at: Date },
): Promise<void> {
  if (task.sourceKind !== 'notice' || !task.sourceId || !UUID.test(task.sourceId)) return;
  const n = await tx.rectificationNotice.findUnique({ where: { id: task.sourceId } });
  if (!n) return;
  const data: Prisma.RectificationNoticeUpdateInput =
    step === 'submitted'
      ? { status: 'evidence_submitted', evidenceAt: by.at }
      : step === 'returned'
        ? { status: 'issued' }
        : { status: 'completed', completedAt: by.at };
  await tx.rectificationNotice.update({ where: { id: n.id }, data });
  await tx.reportEvent.create({
    data: {
      reportId: n.reportId,
      kind: stepEvents[step],
      actorType: 'staff',
      actorId: by.actor.id,
      actorRole: by.actor.role,
      note: [n.serial, by.note].filter(Boolean).join('：') || null,
      at: by.at,
    },
  });
}

type TaskLink = { id: string; sourceId: string | null; status: 'pending' | 'submitted' | 'returned' | 'accepted' };

function toView(n: RectificationNotice, task: TaskLink | undefined, unitName: string | null, day: string) {
  return {
    id: n.id,
    reportId: n.reportId,
    serial: n.serial,
    unitId: n.unitId,
    unitName,
    content: n.content,
    deadlineDays: n.deadlineDays,
    dueOn: isoDate(n.dueOn),
    status: n.status,
    taskId: task?.id ?? null,
    taskStatus: task?.status ?? null,
    evidence: n.evidence,
    issuedAt: n.issuedAt.toISOString(),
    evidenceAt: n.evidenceAt?.toISOString() ?? null,
    completedAt: n.completedAt?.toISOString() ?? null,
    overdue: n.status !== 'completed' && day > isoDate(n.dueOn),
  };
}
export type NoticeView = ReturnType<typeof toView>;

/** Notices as the report page shows them: unit name, serial, and the task where the unit answers. */
export async function noticeViews(app: FastifyInstance, notices: RectificationNotice[]): Promise<NoticeView[]> {
  if (!notices.length) return [];
  const db = app.db.prisma;
  const [tasks, units] = await Promise.all([
    db.rectificationTask.findMany({ where: { sourceKind: 'notice', sourceId: { in: notices.map((n) => n.id) } }, select: { id: true, sourceId: true, status: true } }),
    db.unit.findMany({ where: { id: { in: notices.map((n) => n.unitId).filter((x): x is string => !!x) } }, select: { id: true, name: true } }),
  ]);
  const names = new Map(units.map((u) => [u.id, u.name]));
  const day = toShanghaiDate(app.clock.now());
  return notices.map((n) => toView(n, tasks.find((t) => t.sourceId === n.id), n.unitId ? (names.get(n.unitId) ?? null) : null, day));
}

export async function reportNoticeViews(app: FastifyInstance, reportId: string) {
  return noticeViews(app, await app.db.prisma.rectificationNotice.findMany({ where: { reportId }, orderBy: { issuedAt: 'asc' } }));
}

/** The notices of tasks, for 整改跟踪 (one query for a page of tasks). */
export async function noticesOfTasks(db: Db, tasks: { sourceKind: string; sourceId: string | null }[]) {
  const ids = tasks.filter((t) => t.sourceKind === 'notice' && t.sourceId && UUID.test(t.sourceId)).map((t) => t.sourceId!);
  if (!ids.length) return new Map<string, { id: string; serial: string | null; reportId: string }>();
  const rows = await db.rectificationNotice.findMany({ where: { id: { in: ids } }, select: { id: true, serial: true, reportId: true } });
  return new Map(rows.map((n) => [n.id, n]));
}

/**
 * A notice whoever may print it: those who read its report, and the liaison of the unit it is addressed to (who
 * does not read the report itself).
 */
export async function loadPrintable(app: FastifyInstance, actor: StaffActor, id: string) {
  const n = await app.db.prisma.rectificationNotice.findUnique({ where: { id }, include: { report: true } });
  const addressed = !!n && actor.role === 'unit_liaison' && !!actor.unitId && actor.unitId === n.unitId;
  if (!n || !(addressed || canView(actor, n.report))) throw notFound('立行立改通知书');
  return n;
}

/** The notice as the unit receives it on paper: A4, the serial under the title, the issuer and the date at the foot. */
export async function noticePdf(app: FastifyInstance, n: RectificationNotice & { report: Report }): Promise<Buffer> {
  const db = app.db.prisma;
  const [unit, issuer] = await Promise.all([
    n.unitId ? db.unit.findUnique({ where: { id: n.unitId }, select: { name: true } }) : null,
    n.issuedById && UUID.test(n.issuedById) ? db.staffUser.findUnique({ where: { id: n.issuedById }, select: { role: true, tourGroupId: true } }) : null,
  ]);
  const group = issuer?.role === 'tour_group' && issuer.tourGroupId ? await db.tourGroup.findUnique({ where: { id: issuer.tourGroupId }, select: { name: true } }) : null;
  const signer = group?.name ?? COMMISSION_NAME;
  const issuedOn = toShanghaiDate(n.issuedAt);
  const dueOn = isoDate(n.dueOn);

  return renderNoticePdf({
    title: '立行立改通知书',
    serial: n.serial,
    addressee: unit?.name ?? null,
    paragraphs: [
      `${signer}在办理群众反映问题（编号 ${n.report.serial}）过程中，发现以下问题需要立行立改。现将整改要求通知如下：`,
      ...requirementLines(n.content),
      deadlineParagraph(dueOn, n.deadlineDays),
    ],
    signer,
    issuedOn,
  });
}
