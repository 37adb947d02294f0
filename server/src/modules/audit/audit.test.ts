// 审计日志 for the auditor: filters by who, what and when (Beijing dates), names staff actors, exports to XLSX
// (the export is itself audited), and nobody else may read it.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, staffHeader, type TestApp } from '../../test-support/app';

let t: TestApp;
let auditor: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  await staffHeader(t, 'intake', { username: 'zhao_intake' });
  await staffHeader(t, 'tour_group', { username: 'qian_group' });
  auditor = await staffHeader(t, 'auditor', { username: 'sun_audit' });
}, 120_000);
afterAll(async () => t?.close());

describe('审计日志', () => {
  it('filters by who, names staff actors, and keeps the newest first', async () => {
    const res = await t.app.inject({ url: '/api/staff/audit-logs?actor=zhao&action=staff.login', headers: auditor });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.total).toBeGreaterThanOrEqual(1);
    for (const item of body.items) expect(item.actorName).toContain('zhao_intake');
    const all = (await t.app.inject({ url: '/api/staff/audit-logs?pageSize=200', headers: auditor })).json();
    const ids = all.items.map((i: { id: string }) => BigInt(i.id));
    expect([...ids].sort((a, b) => (a > b ? -1 : 1))).toEqual(ids);
  });

  it('filters by Beijing date and refuses an inverted range with a field reason', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const inRange = (await t.app.inject({ url: `/api/staff/audit-logs?from=${today}&to=${today}`, headers: auditor })).json();
    expect(inRange.total).toBeGreaterThan(0);
    const before = (await t.app.inject({ url: '/api/staff/audit-logs?to=2020-01-01', headers: auditor })).json();
    expect(before.total).toBe(0);
    const bad = await t.app.inject({ url: '/api/staff/audit-logs?from=2026-12-05&to=2026-12-01', headers: auditor });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0]).toMatchObject({ path: 'querystring.to', message: '截止日期不能早于起始日期' });
  });

  it('exports the filtered log to XLSX and records the export', async () => {
    const res = await t.app.inject({ url: '/api/staff/audit-logs/export.xlsx?action=staff.login', headers: auditor });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('审计日志')!;
    expect(ws.getRow(1).getCell(5).value).toBe('操作');
    const logins = await t.db.prisma.auditLog.count({ where: { action: { contains: 'staff.login' } } });
    expect(ws.rowCount - 1).toBe(logins);
    const recorded = await t.db.prisma.auditLog.findFirst({ where: { action: 'audit.export' }, orderBy: { id: 'desc' } });
    expect(recorded?.detail).toMatchObject({ rows: logins });
  });

  it('is the auditor’s alone (三员分立)', async () => {
    for (const role of ['admin', 'supervisor', 'intake'] as const) {
      const h = await staffHeader(t, role);
      expect((await t.app.inject({ url: '/api/staff/audit-logs', headers: h })).statusCode).toBe(403);
      expect((await t.app.inject({ url: '/api/staff/audit-logs/export.xlsx', headers: h })).statusCode).toBe(403);
    }
  });
});
