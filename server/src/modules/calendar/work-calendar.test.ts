import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { createTestDatabase } from '../../test-support/database';
import { type Sql, sqlOf } from '../alerts';
import { addDays, addWorkdays, workdaysBetween } from './calendar';
import { calendarSql, loadOverrides, refreshWorkCalendar } from './work-calendar';

let db: Database;
let sql: Sql;
beforeAll(async () => {
  db = await createTestDatabase();
  sql = sqlOf(db);
  await refreshWorkCalendar(sql);
}, 60_000);
afterAll(async () => db?.close());

describe('work_calendar agrees with the TS calendar', () => {
  it('deadlines and durations over 2024-2027 for n = 0..25', async () => {
    const rows = await sql.query<{ a: string; n: number; deadline: string; dur: number }>(
      `SELECT a::date::text AS a, n, ${calendarSql.deadline('a::date', 'n')}::text AS deadline,
              ${calendarSql.between('a::date', "(a::date + 20)")}::int AS dur
         FROM generate_series('2024-01-01'::date, '2027-03-01'::date, interval '3 day') a, generate_series(0, 25, 5) n`,
    );
    expect(rows.length).toBeGreaterThan(1000);
    for (const r of rows) {
      expect(r.deadline, `${r.a} + ${r.n}`).toBe(addWorkdays(r.a, r.n));
      expect(r.dur).toBe(workdaysBetween(r.a, addDays(r.a, 20)));
    }
  });

  it('overrides win after a refresh, and a refresh without changes writes nothing', async () => {
    expect((await refreshWorkCalendar(sql)).changed).toBe(0);
    await sql.query(`INSERT INTO calendar_override (day, "isWorkday", note) VALUES ('2025-10-11', false, 'test')`);
    const o = await loadOverrides(sql);
    expect(o.get('2025-10-11')).toBe(false);
    expect((await refreshWorkCalendar(sql)).changed).toBeGreaterThan(0);
    const [r] = await sql.query<{ d: string }>(`SELECT ${calendarSql.deadline("'2025-10-10'::date", '1')}::text AS d`);
    expect(r.d).toBe(addWorkdays('2025-10-10', 1, o));
    expect(r.d).toBe('2025-10-13');
  });
});
