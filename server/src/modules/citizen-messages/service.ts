// The citizen's 消息 list: the outbox rows addressed to their account (written with each public state change of
// their real-name reports and their enterprise's cases, see reports/citizen-notice.ts), with a read marker.
// A 保密 report never has a citizen on its outbox rows; the list also refuses any row about one, so even a row
// written by mistake could not show the account that a confidential report came from.
import type { CitizenMessage, CitizenMessageList, CitizenMessageQuery } from '@msjd/shared';
import { reportStatusLabels, type ReportStatus } from '@msjd/shared';
import type { SqlExecutor } from '../../db/migrate';

interface Row {
  id: string;
  payload: { title?: string; body?: string; status?: ReportStatus; label?: string; serial?: string } | null;
  created_at: Date;
  read_at: Date | null;
  report_id: string | null;
  serial: string | null;
  complaint_id: string | null;
}

/** The citizen's own rows, never one about a 保密 report. `$1` is the citizen's id. */
const VISIBLE = `FROM outbox o
  LEFT JOIN report r ON r.id = o.report_id
  LEFT JOIN business_complaint bc ON bc.report_id = o.report_id
  WHERE o.citizen_id = $1::uuid AND (o.report_id IS NULL OR r.confidential = false)`;

function toView(r: Row): CitizenMessage {
  const p = r.payload ?? {};
  const serial = r.serial ?? p.serial ?? '';
  return {
    id: r.id,
    title: p.title || (p.status ? `${serial} ${reportStatusLabels[p.status]}`.trim() : '办理进展'),
    body: p.body ?? '',
    createdAt: new Date(r.created_at).toISOString(),
    readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
    subject: r.report_id
      ? r.complaint_id
        ? { kind: 'enterprise_case', id: r.complaint_id, serial }
        : { kind: 'report', id: r.report_id, serial }
      : null,
  };
}

export async function unreadCount(sql: SqlExecutor, citizenId: string): Promise<number> {
  const [row] = await sql.query<{ n: number }>(`SELECT count(*)::int AS n ${VISIBLE} AND o.read_at IS NULL`, [citizenId]);
  return row!.n;
}

export async function listMessages(sql: SqlExecutor, citizenId: string, q: CitizenMessageQuery): Promise<CitizenMessageList> {
  const filter = q.unread ? 'AND o.read_at IS NULL' : '';
  const [rows, [total], unread] = await Promise.all([
    sql.query<Row>(
      `SELECT o.id::text, o.payload, o.created_at, o.read_at, r.id::text AS report_id, r.serial, bc.id::text AS complaint_id
       ${VISIBLE} ${filter} ORDER BY o.created_at DESC, o.id DESC LIMIT $2 OFFSET $3`,
      [citizenId, q.pageSize, (q.page - 1) * q.pageSize],
    ),
    sql.query<{ n: number }>(`SELECT count(*)::int AS n ${VISIBLE} ${filter}`, [citizenId]),
    unreadCount(sql, citizenId),
  ]);
  return { items: rows.map(toView), total: total!.n, unread, page: q.page, pageSize: q.pageSize };
}

/** Marks one message read; again is harmless (the first time stays). False when it is not one of theirs. */
export async function markRead(sql: SqlExecutor, citizenId: string, id: string, now: Date): Promise<boolean> {
  const rows = await sql.query<{ id: string }>(
    `UPDATE outbox SET read_at = coalesce(outbox.read_at, $3::timestamptz)
     WHERE outbox.id = $2::uuid AND outbox.id IN (SELECT o.id ${VISIBLE}) RETURNING outbox.id::text`,
    [citizenId, id, now],
  );
  return rows.length > 0;
}

export async function markAllRead(sql: SqlExecutor, citizenId: string, now: Date): Promise<number> {
  await sql.query(`UPDATE outbox SET read_at = $2::timestamptz WHERE outbox.id IN (SELECT o.id ${VISIBLE} AND o.read_at IS NULL)`, [citizenId, now]);
  return unreadCount(sql, citizenId);
}
