// 提醒中心: reminders are collected, not pushed. The work queues already say what waits on whom (the 工作台 counts
// the same queues), so instead of every module writing reminders at each state change, the collector turns the
// current queues of one staff member into reminder rows, once per subject (ON CONFLICT DO NOTHING on
// user+kind+subject). It runs when the staff member's badge is polled, so a reminder exists by the time they can
// see it, and each rule reads the same scope as the list the reminder opens. Reminder texts name the case by serial
// and category only: a 交办单's masked passages must not reappear here.
import type { DeskTodoKey, StaffNotification, StaffNotificationList, StaffNotificationQuery, StaffNotificationSummary } from '@msjd/shared';
import { deskTodoLabels } from '@msjd/shared';
import { isWorkday } from '../calendar';
import {
  deskFor,
  dueSoonSql,
  dueSoonUntil,
  groupUnitCodesSql,
  NOBODY,
  overdueSql,
  rectificationScope,
  reportScope,
  todosByRole,
  type DeskContext,
} from '../desk';
import type { Sql } from '../statistics';

export interface NotificationContext extends DeskContext {
  now: Date;
}

/** How far back a queue item may have started and still be announced (a new account is not flooded with history). */
const ANNOUNCE_WINDOW_DAYS = 7;
/** At most this many reminders of one kind per collection: beyond it the 工作台 count says the rest. */
const PER_KIND = 50;

const COLUMNS = 'user_id, kind, subject, title, body, link, created_at';
/** A date column as YYYY-MM-DD (dates are Beijing calendar days already). */
const day = (col: string) => `to_char(${col}, 'YYYY-MM-DD')`;

interface Rule {
  /** does this role's queue hold the thing? (the 工作台 to-do it belongs to) */
  when: (ctx: NotificationContext) => boolean;
  /** the SELECT feeding the insert, with named parameters ($USER, $NOW, $TODAY, $DUE_SOON_END, $SCOPE_PARAM) */
  select: (ctx: NotificationContext) => string;
}

const has = (key: DeskTodoKey) => (ctx: NotificationContext) => todosByRole[ctx.actor.role].includes(key);

/** The report scope and the desk's due-date rules in this file's named parameters. */
const reportSql = (sql: string) => sql.replaceAll('$T', '$TODAY').replaceAll('$B', '$DUE_SOON_END').replaceAll('$S', '$SCOPE_PARAM');
const reportScopeSql = (ctx: NotificationContext) => reportSql(reportScope(ctx.actor).clause);

/** Numbers the named parameters a statement uses (PostgreSQL refuses a parameter it cannot type, i.e. an unused one). */
function bind(text: string, ctx: NotificationContext): { text: string; params: unknown[] } {
  const values: Record<string, unknown> = {
    $USER: ctx.actor.id,
    $NOW: ctx.now,
    $TODAY: ctx.today,
    $DUE_SOON_END: dueSoonUntil(ctx.today, ctx.overrides),
    $SCOPE_PARAM: scopeParam(ctx),
  };
  const order: string[] = [];
  const numbered = text.replace(/\$[A-Z_]+/g, (name) => {
    if (!(name in values)) throw new Error(`unknown parameter ${name}`);
    if (!order.includes(name)) order.push(name);
    return `$${order.indexOf(name) + 1}`;
  });
  return { text: numbered, params: order.map((n) => values[n]) };
}

/** The one id a role's scope is about: its unit (liaison) or tour group, or nobody. */
function scopeParam(ctx: NotificationContext): string {
  return reportScope(ctx.actor).param ?? rectificationScope(ctx.actor).param ?? NOBODY;
}

const window = `$NOW::timestamptz - interval '${ANNOUNCE_WINDOW_DAYS} days'`;

const rules: Rule[] = [
  {
    when: has('to_accept'),
    select: (ctx) => `SELECT $USER::uuid, 'report_arrived', r.id::text, '新收件待受理：' || r.serial,
                    c.name || '，受理时限 ' || ${day('r.accept_due_on')}, '/reports/' || r.id, $NOW::timestamptz
               FROM report r JOIN report_category c ON c.code = r.category
              WHERE r.status = 'submitted' AND r.submitted_at >= ${window} AND ${reportScopeSql(ctx)}
              ORDER BY r.submitted_at DESC LIMIT ${PER_KIND}`,
  },
  {
    // a case handed back by its assignee waits for intake to assign it again
    when: has('to_assign'),
    select: (ctx) => `SELECT $USER::uuid, 'report_returned', r.id::text || ':' || e.id::text, '被退回待重新交办：' || r.serial,
                    c.name || '，退回理由：' || coalesce(e.note, '未填写'), '/reports/' || r.id, $NOW::timestamptz
               FROM report r JOIN report_category c ON c.code = r.category
               JOIN LATERAL (SELECT x.id, x.kind, x.note, x.at FROM report_event x WHERE x.report_id = r.id ORDER BY x.at DESC LIMIT 1) e ON e.kind = 'returned'
              WHERE r.status = 'accepted' AND e.at >= ${window} AND ${reportScopeSql(ctx)}
              ORDER BY e.at DESC LIMIT ${PER_KIND}`,
  },
  {
    when: has('to_start'),
    // the subject carries the assignment event, so a case assigned again after a return is announced again
    select: (ctx) => `SELECT $USER::uuid, 'report_assigned', r.id::text || ':' || e.id::text, '新交办：' || r.serial,
                    c.name || '，答复时限 ' || coalesce(${day('r.reply_due_on')}, '未定'), '/reports/' || r.id, $NOW::timestamptz
               FROM report r JOIN report_category c ON c.code = r.category
               JOIN LATERAL (SELECT x.id, x.at FROM report_event x WHERE x.report_id = r.id AND x.kind IN ('assigned', 'reassigned')
                              ORDER BY x.at DESC LIMIT 1) e ON TRUE
              WHERE r.status = 'assigned' AND e.at >= ${window} AND ${reportScopeSql(ctx)}
              ORDER BY e.at DESC LIMIT ${PER_KIND}`,
  },
  {
    when: has('due_soon'),
    select: (ctx) => `SELECT $USER::uuid, 'due_soon', r.id::text || ':' || ${day('d.due')}, '即将到期：' || r.serial,
                       c.name || '，' || d.what || '时限 ' || ${day('d.due')}, '/reports/' || r.id, $NOW::timestamptz
                  FROM report r JOIN report_category c ON c.code = r.category
                  CROSS JOIN LATERAL (SELECT CASE WHEN r.status = 'submitted' THEN r.accept_due_on ELSE r.reply_due_on END AS due,
                                             CASE WHEN r.status = 'submitted' THEN '受理' ELSE '答复' END AS what) d
                 WHERE ${reportSql(dueSoonSql)} AND ${reportScopeSql(ctx)}
                 ORDER BY d.due LIMIT ${PER_KIND}`,
  },
  {
    when: has('overdue'),
    select: (ctx) => `SELECT $USER::uuid, 'overdue', r.id::text || ':' || ${day('d.due')}, '已超期：' || r.serial,
                       c.name || '，' || d.what || '时限 ' || ${day('d.due')} || ' 已过', '/reports/' || r.id, $NOW::timestamptz
                  FROM report r JOIN report_category c ON c.code = r.category
                  CROSS JOIN LATERAL (SELECT CASE WHEN r.status = 'submitted' THEN r.accept_due_on ELSE r.reply_due_on END AS due,
                                             CASE WHEN r.status = 'submitted' THEN '受理' ELSE '答复' END AS what) d
                 WHERE ${reportSql(overdueSql)} AND ${reportScopeSql(ctx)}
                 ORDER BY d.due LIMIT ${PER_KIND}`,
  },
  {
    when: has('rectification_review'),
    select: (ctx) => rectificationSelect(ctx, 'submitted'),
  },
  {
    when: has('rectification_todo'),
    select: (ctx) => rectificationSelect(ctx, 'pending'),
  },
  {
    when: has('group_warnings'),
    // one reminder per run day, not per warning: a run can raise thousands
    select: () => `SELECT $USER::uuid, 'group_warnings', 'as-of:' || w.as_of::text, '本组巡察单位新增预警 ' || count(*) || ' 条',
                          '数据截至 ' || w.as_of::text || '，涉及 ' || count(DISTINCT w.unit_code) || ' 个单位', '/alerts/warnings?status=open', $NOW::timestamptz
                     FROM alert_warning w
                    WHERE w.status = 'open' AND w.as_of >= ($TODAY::date - ${ANNOUNCE_WINDOW_DAYS})
                      AND w.unit_code IN (${groupUnitCodesSql.replaceAll('$1', '$SCOPE_PARAM')})
                    GROUP BY w.as_of`,
  },
  {
    when: has('approvals'),
    // one's own requests are not one's to decide (the 待我审批 page's rule)
    select: () => `SELECT $USER::uuid, 'approval_requested', q.kind || ':' || q.id::text, q.title || r.serial, q.body, '/approvals', $NOW::timestamptz
                     FROM (SELECT 'reveal' AS kind, x.id, x.report_id, '身份查看待审批：' AS title, '理由：' || x.reason AS body
                             FROM identity_reveal_request x WHERE x.status = 'pending' AND x.requester_id <> $USER::text
                           UNION ALL
                           SELECT 'extension', x.id, x.report_id, '延期待审批：', '申请延期 ' || x.workdays || ' 个工作日，理由：' || x.reason
                             FROM report_extension x WHERE x.status = 'pending' AND x.requester_id <> $USER::text) q
                     JOIN report r ON r.id = q.report_id
                    LIMIT ${PER_KIND}`,
  },
];

function rectificationSelect(ctx: NotificationContext, status: 'submitted' | 'pending'): string {
  const clause = rectificationScope(ctx.actor).clause.replaceAll('$1', '$SCOPE_PARAM');
  // a re-submission (after a return) or a returned task is a new subject: submission time / return count
  return status === 'submitted'
      ? `SELECT $USER::uuid, 'rectification_submitted', t.id::text || ':' || to_char(t."submittedAt", 'YYYYMMDDHH24MISSMS'),
                '整改材料待审核：' || t.title, u.name || ' 已提交整改材料', '/tours/rectifications/' || t.id, $NOW::timestamptz
           FROM rectification_task t JOIN unit u ON u.id = t."unitId"
          WHERE t.status = 'submitted' AND t."submittedAt" >= ${window} AND ${clause}
          ORDER BY t."submittedAt" DESC LIMIT ${PER_KIND}`
      : `SELECT $USER::uuid, 'rectification_assigned', t.id::text || ':' || t."returnCount",
                CASE WHEN t."returnCount" > 0 THEN '整改被退回，请重新提交：' ELSE '新整改任务：' END || t.title,
                '整改期限 ' || t."dueOn"::text, '/tours/rectifications/' || t.id, $NOW::timestamptz
           FROM rectification_task t
          WHERE t.status IN ('pending', 'returned') AND t."updatedAt" >= ${window} AND ${clause}
          ORDER BY t."updatedAt" DESC LIMIT ${PER_KIND}`;
}

/**
 * Turns the staff member's queues into reminders they have not had yet, and on a working day adds the day's digest
 * (the 工作台's non-zero to-dos) once. Returns how many reminders were new.
 */
export async function collectNotifications(ctx: NotificationContext): Promise<number> {
  let created = 0;
  for (const rule of rules) {
    if (!rule.when(ctx)) continue;
    const { text, params } = bind(
      `INSERT INTO staff_notification (${COLUMNS}) ${rule.select(ctx)} ON CONFLICT (user_id, kind, subject) DO NOTHING RETURNING id`,
      ctx,
    );
    const rows = await ctx.sql.query(text, params);
    created += rows.length;
  }
  if (todosByRole[ctx.actor.role].length && isWorkday(ctx.today, ctx.overrides)) created += await dailyDigest(ctx);
  return created;
}

async function dailyDigest(ctx: NotificationContext): Promise<number> {
  const [exists] = await ctx.sql.query(`SELECT 1 FROM staff_notification WHERE user_id = $1::uuid AND kind = 'daily_digest' AND subject = $2`, [
    ctx.actor.id,
    ctx.today,
  ]);
  if (exists) return 0;
  const desk = await deskFor(ctx);
  const open = desk.todos.filter((t) => t.count > 0);
  if (!open.length) return 0;
  const unit = (key: string) => (key === 'group_warnings' ? '条' : key.startsWith('rectification') ? '项' : '件');
  const body = open.map((t) => `${deskTodoLabels[t.key]} ${t.count} ${unit(t.key)}`).join('，');
  const rows = await ctx.sql.query(
    `INSERT INTO staff_notification (${COLUMNS}) VALUES ($1::uuid, 'daily_digest', $2, $3, $4, '/dashboard', $5::timestamptz)
     ON CONFLICT (user_id, kind, subject) DO NOTHING RETURNING id`,
    [ctx.actor.id, ctx.today, `${ctx.today.slice(5, 7)}月${ctx.today.slice(8, 10)}日待办摘要`, body, ctx.now],
  );
  return rows.length;
}

interface Row {
  id: string;
  kind: StaffNotification['kind'];
  title: string;
  body: string;
  link: string;
  created_at: Date;
  read_at: Date | null;
}
const toView = (r: Row): StaffNotification => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  link: r.link,
  createdAt: new Date(r.created_at).toISOString(),
  readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
});
const SELECT = `SELECT id::text, kind, title, body, link, created_at, read_at FROM staff_notification`;

async function unreadCount(sql: Sql, userId: string): Promise<number> {
  const [row] = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM staff_notification WHERE user_id = $1::uuid AND read_at IS NULL`, [userId]);
  return row.n;
}

export async function listNotifications(sql: Sql, userId: string, q: StaffNotificationQuery): Promise<StaffNotificationList> {
  const filter = q.unread ? 'AND read_at IS NULL' : '';
  const [rows, [total], unread] = await Promise.all([
    sql.query<Row>(`${SELECT} WHERE user_id = $1::uuid ${filter} ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`, [
      userId,
      q.pageSize,
      (q.page - 1) * q.pageSize,
    ]),
    sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM staff_notification WHERE user_id = $1::uuid ${filter}`, [userId]),
    unreadCount(sql, userId),
  ]);
  return { items: rows.map(toView), total: total.n, unread, page: q.page, pageSize: q.pageSize };
}

export async function notificationSummary(sql: Sql, userId: string): Promise<StaffNotificationSummary> {
  const [latest, unread] = await Promise.all([
    sql.query<Row>(`${SELECT} WHERE user_id = $1::uuid ORDER BY created_at DESC, id LIMIT 5`, [userId]),
    unreadCount(sql, userId),
  ]);
  return { unread, latest: latest.map(toView) };
}

/** Marks one reminder read (idempotent; only one's own: another user's id is simply not found). */
export async function markRead(sql: Sql, userId: string, id: string, now: Date): Promise<boolean> {
  const rows = await sql.query<{ id: string }>(
    `UPDATE staff_notification SET read_at = coalesce(read_at, $3::timestamptz) WHERE id = $1::uuid AND user_id = $2::uuid RETURNING id`,
    [id, userId, now],
  );
  return rows.length > 0;
}

export async function markAllRead(sql: Sql, userId: string, now: Date): Promise<number> {
  await sql.query(`UPDATE staff_notification SET read_at = $2::timestamptz WHERE user_id = $1::uuid AND read_at IS NULL`, [userId, now]);
  return unreadCount(sql, userId);
}

