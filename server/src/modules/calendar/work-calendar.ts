// The in-database working-day calendar (table work_calendar) used by the alert engine's set-based SQL,
// and the staff overrides (table calendar_override) as a Map for the pure functions.
import type { Sql } from '../alerts';
import { type CalendarOverrides, officialExceptions } from './calendar';

export const WORK_CALENDAR_FROM = '2000-01-01';
export const WORK_CALENDAR_TO = '2099-12-31';

const exceptionsJson = JSON.stringify([...officialExceptions].map(([d, w]) => [d, w]));

/**
 * (Re)builds work_calendar for 2000..2099 from chinese-days + calendar_override (overrides win). Idempotent and
 * cheap when nothing changed (unchanged rows are not written). Call after any change of calendar_override.
 */
export async function refreshWorkCalendar(sql: Sql): Promise<{ changed: number }> {
  const rows = await sql.query<{ n: number }>(
    `WITH t AS (
       SELECT g::date AS day, coalesce(o."isWorkday", e.w, extract(isodow FROM g) < 6) AS w
         FROM generate_series($1::date, $2::date, interval '1 day') g
         LEFT JOIN calendar_override o ON o.day = g::date
         LEFT JOIN (SELECT (x->>0)::date AS day, (x->>1)::boolean AS w FROM jsonb_array_elements($3::jsonb) x) e
           ON e.day = g::date
     ), up AS (
       INSERT INTO work_calendar (day, is_workday, workday_seq)
       SELECT day, w, (sum(w::int) OVER (ORDER BY day))::int FROM t
       ON CONFLICT (day) DO UPDATE SET is_workday = excluded.is_workday, workday_seq = excluded.workday_seq
        WHERE (work_calendar.is_workday, work_calendar.workday_seq) IS DISTINCT FROM (excluded.is_workday, excluded.workday_seq)
       RETURNING 1)
     SELECT count(*)::int AS n FROM up`,
    [WORK_CALENDAR_FROM, WORK_CALENDAR_TO, exceptionsJson],
  );
  return { changed: rows[0].n };
}

export async function loadOverrides(sql: Sql): Promise<CalendarOverrides> {
  const rows = await sql.query<{ day: string; w: boolean }>(`SELECT day::text AS day, "isWorkday" AS w FROM calendar_override`);
  return new Map(rows.map((r) => [r.day, r.w]));
}

/** SQL fragments over work_calendar (aliases must be unique in the query). */
export const calendarSql = {
  /** deadline of a case accepted on `acceptedOn` (date expr) with `days` promised working days. */
  deadline: (acceptedOn: string, days: string) =>
    `(CASE WHEN ${days} = 0 THEN ${acceptedOn} ELSE (SELECT d.day FROM work_calendar d WHERE d.is_workday AND d.workday_seq = (SELECT s.workday_seq FROM work_calendar s WHERE s.day = ${acceptedOn}) + ${days}) END)`,
  /** working days d with a < d <= b. */
  between: (a: string, b: string) =>
    `((SELECT e.workday_seq FROM work_calendar e WHERE e.day = ${b}) - (SELECT s.workday_seq FROM work_calendar s WHERE s.day = ${a}))`,
};
