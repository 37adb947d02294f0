// 工作台: counts in SQL, scoped exactly as the lists they open (reports: the inbox's scope; 整改: the rectification
// list's scope; warnings: the 靶向 rule of the warnings list), so a count and the list behind it always agree.
import type { DeskFigureKey, DeskResponse, DeskTodoKey, StaffRole } from '@msjd/shared';
import { DUE_SOON_WORKDAYS } from '@msjd/shared';
import { addWorkdays, type CalendarOverrides, type IsoDate } from '../calendar';
import { reportRates, type ReportScope, type Sql } from '../statistics';

export interface DeskActor {
  id: string;
  role: StaffRole;
  unitId: string | null;
  tourGroupId: string | null;
}
export interface DeskContext {
  sql: Sql;
  today: IsoDate;
  overrides: CalendarOverrides;
  actor: DeskActor;
}

export const NOBODY = '00000000-0000-0000-0000-000000000000';
const REPLY_CLOCK = `('accepted', 'assigned', 'in_progress')`;

/** The reports a role works on: the same rule as the inbox (tour groups and liaisons see what is assigned to them). */
export function reportScope(actor: DeskActor): ReportScope {
  if (actor.role === 'tour_group') return { clause: 'r.assignee_tour_group_id = $S::uuid', param: actor.tourGroupId ?? NOBODY };
  if (actor.role === 'unit_liaison') return { clause: 'r.assignee_unit_id = $S::uuid', param: actor.unitId ?? NOBODY };
  return { clause: 'TRUE', param: null };
}

/** 即将到期 / 已超期 as SQL over alias r, with today in $T and the last day of 即将到期 in $B. */
export const dueSoonSql = `((r.status = 'submitted' AND r.accept_due_on BETWEEN $T::date AND $B::date)
  OR (r.status IN ${REPLY_CLOCK} AND r.reply_due_on BETWEEN $T::date AND $B::date))`;
export const overdueSql = `((r.status = 'submitted' AND r.accept_due_on < $T::date) OR (r.status IN ${REPLY_CLOCK} AND r.reply_due_on < $T::date))`;

/** The last day that still counts as 即将到期: today plus two working days. */
export function dueSoonUntil(today: IsoDate, overrides: CalendarOverrides): IsoDate {
  return addWorkdays(today, DUE_SOON_WORKDAYS, overrides);
}

export const todosByRole: Record<StaffRole, DeskTodoKey[]> = {
  intake: ['to_accept', 'to_assign', 'due_soon', 'overdue'],
  tour_group: ['to_start', 'in_progress', 'due_soon', 'overdue', 'rectification_review', 'group_warnings'],
  unit_liaison: ['to_start', 'in_progress', 'due_soon', 'overdue', 'rectification_todo'],
  supervisor: ['approvals', 'to_accept', 'to_assign', 'due_soon', 'overdue', 'rectification_review'],
  admin: ['to_accept', 'to_assign', 'due_soon', 'overdue', 'rectification_review'],
  // 三员分立: the auditor has no case work and no 工作台 (the route refuses it)
  auditor: [],
};
const figuresByRole: Record<StaffRole, DeskFigureKey[]> = {
  intake: ['submitted', 'accept_on_time', 'overdue_now'],
  tour_group: ['replied', 'reply_on_time', 'satisfaction', 'overdue_now'],
  unit_liaison: ['replied', 'reply_on_time', 'satisfaction', 'overdue_now'],
  supervisor: ['submitted', 'reply_on_time', 'satisfaction', 'warnings', 'verified_rate'],
  admin: ['submitted', 'reply_on_time', 'satisfaction', 'warnings', 'verified_rate'],
  auditor: [],
};

/** The rectification tasks a role sees, as SQL over alias t with its id in $1: the rectification list's rule. */
export function rectificationScope(actor: DeskActor): { clause: string; param: string | null } {
  if (actor.role === 'unit_liaison') return { clause: `t."unitId" = $1::uuid`, param: actor.unitId ?? NOBODY };
  if (actor.role === 'tour_group') {
    // the group following the task: named on it (a 立行立改 notice the group issued), else the group inspecting its unit
    return {
      clause: `(t."tourGroupId" = $1::uuid OR (t."tourGroupId" IS NULL AND t."inspectedUnitId" IN (SELECT iu.id FROM inspected_unit iu WHERE iu."tourGroupId" = $1::uuid)))`,
      param: actor.tourGroupId ?? NOBODY,
    };
  }
  return { clause: 'TRUE', param: null };
}

async function reportCounts(ctx: DeskContext) {
  const scope = reportScope(ctx.actor);
  const params: unknown[] = [ctx.today, dueSoonUntil(ctx.today, ctx.overrides)];
  if (scope.param) params.push(scope.param);
  const sub = (s: string) => s.replaceAll('$T', '$1').replaceAll('$B', '$2').replaceAll('$S', '$3');
  const [row] = await ctx.sql.query<Record<string, number>>(
    `SELECT count(*) FILTER (WHERE r.status = 'submitted')::int AS to_accept,
            count(*) FILTER (WHERE r.status = 'accepted')::int AS to_assign,
            count(*) FILTER (WHERE r.status = 'assigned')::int AS to_start,
            count(*) FILTER (WHERE r.status = 'in_progress')::int AS in_progress,
            count(*) FILTER (WHERE ${sub(dueSoonSql)})::int AS due_soon,
            count(*) FILTER (WHERE ${sub(overdueSql)})::int AS overdue
       FROM report r
      WHERE r.status IN ('submitted', 'accepted', 'assigned', 'in_progress') AND ${sub(scope.clause)}`,
    params,
  );
  return row;
}

async function rectificationCounts(ctx: DeskContext) {
  const scope = rectificationScope(ctx.actor);
  const [row] = await ctx.sql.query<{ review: number; todo: number }>(
    `SELECT count(*) FILTER (WHERE t.status = 'submitted')::int AS review,
            count(*) FILTER (WHERE t.status = 'pending')::int AS todo
       FROM rectification_task t WHERE ${scope.clause}`,
    scope.param ? [scope.param] : [],
  );
  return row;
}

/** 待我审批: requests of others waiting for a supervisor (the 待我审批 page's two queues; one's own are not theirs to decide). */
async function approvalCount(ctx: DeskContext) {
  const [row] = await ctx.sql.query<{ n: number }>(
    `SELECT ((SELECT count(*) FROM identity_reveal_request q WHERE q.status = 'pending' AND q.requester_id <> $1)
           + (SELECT count(*) FROM report_extension x WHERE x.status = 'pending' AND x.requester_id <> $1))::int AS n`,
    [ctx.actor.id],
  );
  return row.n;
}

/** The codes of the units a tour group inspects in an active round (the warnings list's 靶向 rule); group id in $1. */
export const groupUnitCodesSql = `SELECT u.code FROM inspected_unit iu
  JOIN tour_round tr ON tr.id = iu."tourRoundId" AND tr.status = 'active'
  JOIN unit u ON u.id = iu."unitId"
 WHERE iu."tourGroupId" = $1::uuid`;

/** Open warnings about the units the group inspects in an active round (the warnings list's 靶向 rule). */
async function groupWarnings(ctx: DeskContext) {
  const [row] = await ctx.sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM alert_warning w WHERE w.status = 'open' AND w.unit_code IN (${groupUnitCodesSql})`,
    [ctx.actor.tourGroupId ?? NOBODY],
  );
  return row.n;
}

async function recentItems(ctx: DeskContext): Promise<DeskResponse['recent']> {
  const scope = reportScope(ctx.actor);
  const rows = await ctx.sql.query<{ id: string; serial: string; content: string; status: DeskResponse['recent'][number]['status']; kind: string; at: Date }>(
    `SELECT * FROM (
       SELECT DISTINCT ON (r.id) r.id::text AS id, r.serial, r.content, r.status::text AS status, e.kind, e.at
         FROM report_event e JOIN report r ON r.id = e.report_id
        WHERE e.actor_type = 'staff' AND e.actor_id = $1 AND ${scope.clause.replaceAll('$S', '$2')}
        ORDER BY r.id, e.at DESC) x
      ORDER BY x.at DESC LIMIT 8`,
    scope.param ? [ctx.actor.id, scope.param] : [ctx.actor.id],
  );
  return rows.map((r) => ({
    id: r.id,
    serial: r.serial,
    summary: r.content.length > 40 ? `${r.content.slice(0, 40)}…` : r.content,
    status: r.status,
    lastAction: r.kind,
    at: new Date(r.at).toISOString(),
  }));
}

async function figures(ctx: DeskContext, from: IsoDate, overdueCount: Promise<number>): Promise<DeskResponse['figures']> {
  const keys = figuresByRole[ctx.actor.role];
  const scope = reportScope(ctx.actor);
  const period = { from, to: ctx.today };
  const scopeParams = scope.param ? [scope.param] : [];
  const needsAlerts = keys.includes('warnings') || keys.includes('verified_rate');
  // the three aggregates are independent: each on its own connection, so the figures take the longest of them, not the sum
  const [{ current: rates }, [counts], [alerts], overdueNow] = await Promise.all([
    reportRates(ctx.sql, period, ctx.today, scope),
    ctx.sql.query<{ submitted: number; replied: number }>(
    `SELECT count(*) FILTER (WHERE r.submitted_at >= ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai'))::int AS submitted,
            count(*) FILTER (WHERE r.replied_at >= ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai'))::int AS replied
       FROM report r WHERE (r.submitted_at >= ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai') OR r.replied_at >= ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai'))
        AND ${scope.clause.replaceAll('$S', '$2')}`,
    [from, ...scopeParams],
    ),
    needsAlerts
    ? ctx.sql.query<{ warnings: number; confirmed: number; unfounded: number }>(
        `SELECT (SELECT count(*) FROM alert_warning w WHERE w.as_of >= $1::date)::int AS warnings,
                count(*) FILTER (WHERE e.stage = 'accountability')::int AS confirmed,
                count(*) FILTER (WHERE e.stage = 'unfounded')::int AS unfounded
           FROM escalation_case e
          WHERE e.stage IN ('accountability', 'unfounded') AND e.closed_at >= ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai')`,
        [from],
      )
    : Promise.resolve([{ warnings: 0, confirmed: 0, unfounded: 0 }]),
    overdueCount,
  ]);
  const rate = (key: DeskFigureKey, r: { numerator: number; denominator: number; rate: number | null }) => ({
    key,
    kind: 'rate' as const,
    value: r.rate,
    numerator: r.numerator,
    denominator: r.denominator,
  });
  const count = (key: DeskFigureKey, value: number) => ({ key, kind: 'count' as const, value });
  return keys.map((key) => {
    switch (key) {
      case 'submitted':
        return count(key, counts.submitted);
      case 'replied':
        return count(key, counts.replied);
      case 'accept_on_time':
        return rate(key, rates.acceptOnTime);
      case 'reply_on_time':
        return rate(key, rates.replyOnTime);
      case 'satisfaction':
        return rate(key, rates.satisfaction);
      case 'overdue_now':
        return count(key, overdueNow);
      case 'warnings':
        return count(key, alerts.warnings);
      case 'verified_rate': {
        const n = alerts.confirmed + alerts.unfounded;
        return rate(key, { numerator: alerts.confirmed, denominator: n, rate: n ? alerts.confirmed / n : null });
      }
    }
  });
}

export async function deskFor(ctx: DeskContext): Promise<DeskResponse> {
  const keys = todosByRole[ctx.actor.role];
  const figuresFrom = `${ctx.today.slice(0, 4)}-01-01`;
  const counted = reportCounts(ctx);
  // the figures start with the counts rather than after them
  const [reports, rect, warnings, approvals, recent, figured] = await Promise.all([
    counted,
    keys.some((k) => k.startsWith('rectification_')) ? rectificationCounts(ctx) : Promise.resolve({ review: 0, todo: 0 }),
    keys.includes('group_warnings') ? groupWarnings(ctx) : Promise.resolve(0),
    keys.includes('approvals') ? approvalCount(ctx) : Promise.resolve(0),
    recentItems(ctx),
    figures(ctx, figuresFrom, counted.then((r) => r.overdue)),
  ]);
  const countOf = (k: DeskTodoKey): number => {
    if (k === 'rectification_review') return rect.review;
    if (k === 'rectification_todo') return rect.todo;
    if (k === 'group_warnings') return warnings;
    if (k === 'approvals') return approvals;
    return reports[k];
  };
  return {
    today: ctx.today,
    figuresFrom,
    todos: keys.map((key) => ({ key, count: countOf(key) })),
    recent,
    figures: figured,
  };
}
