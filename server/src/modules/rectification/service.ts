// 整改 rectification tasks: deadline in working days, evidence, review, overdue, and the 整改不彻底 flag.
import type { RectificationTask as TaskDto } from '@msjd/shared';
import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import { forbidden } from '../../errors';
import type { StaffActor } from '../../plugins/auth';
import { isLeader } from '../../lib/roles';
import { addWorkdays, toShanghaiDate } from '../calendar';
import { dateOnly, isoDate, isoOrNull } from '../tours';

export const taskInclude = {
  evidence: { orderBy: { createdAt: 'asc' } },
  inspectedUnit: { select: { tourGroupId: true } },
} satisfies Prisma.RectificationTaskInclude;
export type TaskRow = Prisma.RectificationTaskGetPayload<{ include: typeof taskInclude }>;

/**
 * issuedOn = today (Asia/Shanghai); dueOn = the deadlineDays-th working day after it, with the staff calendar
 * overrides read through the given client (pass the transaction: on PGlite a second session would wait on it).
 */
export async function deadlineFor(db: Pick<PrismaClient, 'calendarOverride'>, now: Date, deadlineDays: number) {
  const issuedOn = toShanghaiDate(now);
  const rows = await db.calendarOverride.findMany({ select: { day: true, isWorkday: true } });
  const overrides = new Map(rows.map((r) => [isoDate(r.day), r.isWorkday]));
  return { issuedOn, dueOn: addWorkdays(issuedOn, deadlineDays, overrides) };
}

/** Overdue: not accepted and today (Asia/Shanghai) is after the due date. */
export const isOverdue = (t: { status: string; dueOn: Date }, now: Date) => t.status !== 'accepted' && toShanghaiDate(now) > isoDate(t.dueOn);

/** The 立行立改通知书 behind a task, as the task shows it. */
export type TaskNotice = TaskDto['notice'];
/** The 督办通知书 behind a task: its serial and the case's warnings explained (IDs masked). */
export type TaskUrgeNotice = TaskDto['urgeNotice'];

export function toDto(t: TaskRow, now: Date, unitName: string | null, notice: TaskNotice = null, urgeNotice: TaskUrgeNotice = null): TaskDto {
  return {
    id: t.id,
    sourceKind: t.sourceKind,
    sourceId: t.sourceId,
    unitId: t.unitId,
    unitName,
    inspectedUnitId: t.inspectedUnitId,
    notice,
    urgeNotice,
    title: t.title,
    requirement: t.requirement,
    deadlineDays: t.deadlineDays,
    issuedOn: isoDate(t.issuedOn),
    dueOn: isoDate(t.dueOn),
    status: t.status,
    overdue: isOverdue(t, now),
    incomplete: t.incomplete,
    incompleteNote: t.incompleteNote,
    submittedAt: isoOrNull(t.submittedAt),
    reviewedAt: isoOrNull(t.reviewedAt),
    reviewNote: t.reviewNote,
    returnCount: t.returnCount,
    evidence: t.evidence.map((e) => ({ id: e.id, fileName: e.fileName, contentType: e.contentType, size: e.size, note: e.note, createdAt: e.createdAt.toISOString() })),
  };
}

/** The tour group following a task: the one named on it (a notice on a report it handles), else the inspecting one. */
export const followingGroup = (t: { tourGroupId: string | null; inspectedUnit: { tourGroupId: string } | null }) => t.tourGroupId ?? t.inspectedUnit?.tourGroupId ?? null;

/**
 * Who sees which tasks: admin/supervisor all; a unit liaison only its own unit's; a tour-group member those of the
 * units its group inspects and those its 立行立改 notices opened. Returns a Prisma filter (the same rule as canSee).
 */
export function scopeWhere(actor: StaffActor): Prisma.RectificationTaskWhereInput {
  const none = '00000000-0000-0000-0000-000000000000';
  switch (actor.role) {
    case 'admin':
    case 'supervisor':
      return {};
    case 'unit_liaison':
      return { unitId: actor.unitId ?? none };
    case 'tour_group':
      return { OR: [{ tourGroupId: actor.tourGroupId ?? none }, { tourGroupId: null, inspectedUnit: { tourGroupId: actor.tourGroupId ?? none } }] };
    default:
      return { id: none };
  }
}
export function assertCanSee(actor: StaffActor, t: { unitId: string; tourGroupId: string | null; inspectedUnit: { tourGroupId: string } | null }) {
  const ok =
    isLeader(actor.role) ||
    (actor.role === 'unit_liaison' && !!actor.unitId && actor.unitId === t.unitId) ||
    (actor.role === 'tour_group' && !!actor.tourGroupId && actor.tourGroupId === followingGroup(t));
  if (!ok) throw forbidden('无权查看该整改任务');
}

/**
 * Creates a task inside the caller's transaction — for the report workflow (立行立改 notice, sourceKind `notice`),
 * the alert engine (`warning`, sourceId = warning or escalation-case id) and the staff route. dueOn is the
 * deadlineDays-th working day after today (Asia/Shanghai).
 */
export async function createRectificationTask(
  now: Date,
  tx: Pick<PrismaClient, 'rectificationTask' | 'calendarOverride'>,
  input: {
    sourceKind: 'report' | 'notice' | 'warning';
    sourceId?: string | null;
    unitId: string;
    inspectedUnitId?: string | null;
    /** the tour group following it outside its inspection (see followingGroup) */
    tourGroupId?: string | null;
    title: string;
    requirement: string;
    deadlineDays: number;
    createdById?: string | null;
  },
): Promise<TaskRow> {
  const { issuedOn, dueOn } = await deadlineFor(tx, now, input.deadlineDays);
  return tx.rectificationTask.create({
    data: {
      sourceKind: input.sourceKind,
      sourceId: input.sourceId ?? null,
      unitId: input.unitId,
      inspectedUnitId: input.inspectedUnitId ?? null,
      tourGroupId: input.tourGroupId ?? null,
      title: input.title,
      requirement: input.requirement,
      deadlineDays: input.deadlineDays,
      issuedOn: dateOnly(issuedOn),
      dueOn: dateOnly(dueOn),
      createdById: input.createdById ?? null,
    },
    include: taskInclude,
  });
}

type Tx = Pick<PrismaClient, 'rectificationTask' | 'unit' | 'alertWarning' | 'escalationCase'>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * 整改不彻底 (datasets.md, last section): accepted tasks of `unitId` that came from a warning (or escalation case) of
 * `model` are flagged when a later run raises a new warning of that model for that unit. For the alert engine; pass
 * its transaction. Returns the number of tasks flagged. (The engine's set-based INCOMPLETE_RECTIFICATION_SQL applies
 * the same rule for a whole run.)
 */
export async function flagIncompleteRectification(tx: Tx, args: { model: string; unitId: string; note?: string; at?: Date }): Promise<number> {
  const candidates = await tx.rectificationTask.findMany({
    where: { unitId: args.unitId, sourceKind: 'warning', status: 'accepted', incomplete: false },
    select: { id: true, sourceId: true },
  });
  const ids = [...new Set(candidates.map((c) => c.sourceId).filter((s): s is string => !!s && UUID.test(s)))];
  if (!ids.length) return 0;
  const unit = await tx.unit.findUnique({ where: { id: args.unitId }, select: { code: true } });
  if (!unit) return 0;
  const [warnings, cases] = await Promise.all([
    tx.alertWarning.findMany({ where: { id: { in: ids }, model: args.model, unitCode: unit.code }, select: { id: true } }),
    tx.escalationCase.findMany({ where: { id: { in: ids }, model: args.model, unitCode: unit.code }, select: { id: true } }),
  ]);
  const linked = new Set([...warnings, ...cases].map((x) => x.id));
  const taskIds = candidates.filter((c) => c.sourceId && linked.has(c.sourceId)).map((c) => c.id);
  if (!taskIds.length) return 0;
  const r = await tx.rectificationTask.updateMany({
    where: { id: { in: taskIds } },
    data: { incomplete: true, incompleteAt: args.at ?? new Date(), incompleteNote: args.note ?? '整改不彻底：验收后同一单位再次出现同类预警' },
  });
  return r.count;
}
