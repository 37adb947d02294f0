import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, staffHeader, type TestApp } from '../../test-support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('calendar routes', () => {
  it('shows the official 2026 schedule: National Day holidays and the make-up Saturday', async () => {
    const h = await staffHeader(t, 'intake');
    const res = (await t.app.inject({ url: '/api/staff/calendar?year=2026', headers: h })).json();
    expect(res.official).toBe(true);
    const byDay = new Map(res.exceptions.map((e: { day: string; isWorkday: boolean }) => [e.day, e.isWorkday]));
    expect(byDay.get('2026-10-01')).toBe(false);
    expect(byDay.get('2026-10-07')).toBe(false);
    expect(byDay.get('2026-10-10')).toBe(true); // make-up Saturday
    expect(byDay.get('2026-09-20')).toBe(true); // make-up Sunday
  });

  it('a deadline spans National Day 2026', async () => {
    const h = await staffHeader(t, 'intake');
    // 2026-09-30 (Wed) + 3 working days: Oct 1-7 off, then Thu 8, Fri 9 and the make-up Saturday Oct 10
    const res = (await t.app.inject({ url: '/api/staff/calendar/deadline?from=2026-09-30&days=3', headers: h })).json();
    expect(res.deadline).toBe('2026-10-10');
  });

  it('only admin and supervisor may correct a day; the correction moves deadlines and is audited', async () => {
    const intake = await staffHeader(t, 'intake');
    const admin = await staffHeader(t, 'admin');
    const body = { isWorkday: false, note: '县政府临时调整（示例）' };
    expect((await t.app.inject({ method: 'PUT', url: '/api/staff/calendar/overrides/2031-03-03', headers: intake, payload: body })).statusCode).toBe(403);
    const badDay = await t.app.inject({ method: 'PUT', url: '/api/staff/calendar/overrides/2031-3-3', headers: admin, payload: body });
    expect(badDay.statusCode).toBe(400);
    expect(badDay.json().issues.map((i: { path: string }) => i.path)).toEqual(['params.day']);
    const badBody = await t.app.inject({ method: 'PUT', url: '/api/staff/calendar/overrides/2031-03-03', headers: admin, payload: { isWorkday: 'x' } });
    expect(badBody.json().issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['isWorkday', 'note']));
    expect(await t.db.prisma.calendarOverride.count()).toBe(0);

    // 2031 is outside the shipped years: Monday-Friday; 2031-03-03 is a Monday
    const before = (await t.app.inject({ url: '/api/staff/calendar/deadline?from=2031-02-28&days=1', headers: admin })).json();
    expect(before.deadline).toBe('2031-03-03');
    expect((await t.app.inject({ method: 'PUT', url: '/api/staff/calendar/overrides/2031-03-03', headers: admin, payload: body })).statusCode).toBe(200);
    const after = (await t.app.inject({ url: '/api/staff/calendar/deadline?from=2031-02-28&days=1', headers: admin })).json();
    expect(after.deadline).toBe('2031-03-04');
    const inDb = await t.db.sql.query<{ w: boolean }>(`SELECT is_workday AS w FROM work_calendar WHERE day = '2031-03-03'`);
    expect(inDb[0]!.w).toBe(false);
    expect(await t.db.prisma.auditLog.count({ where: { action: 'calendar.override', entityId: '2031-03-03' } })).toBe(1);

    expect((await t.app.inject({ method: 'DELETE', url: '/api/staff/calendar/overrides/2031-03-03', headers: admin })).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/staff/calendar/deadline?from=2031-02-28&days=1', headers: admin })).json().deadline).toBe('2031-03-03');
  });
});
