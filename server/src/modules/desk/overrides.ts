import type { CalendarOverrides } from '../calendar';
import type { Sql } from '../statistics';

/** The staff-kept calendar overrides (调休, extra holidays) that working-day arithmetic applies. */
export async function loadOverrides(sql: Sql): Promise<CalendarOverrides> {
  const rows = await sql.query<{ day: string; is_workday: boolean }>(`SELECT day::text AS day, "isWorkday" AS is_workday FROM calendar_override`);
  return new Map(rows.map((r) => [r.day, r.is_workday]));
}
