import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { citizenHeader, createTestApp, keepStaffSessionsAlive, staffHeader, type TestApp } from '../../test-support/app';
import { exportColumns } from './export';

// 01:30 on 2026-09-30 in Shanghai is still 09-29 in UTC: the sheet must show the Shanghai day and time.
let now = new Date('2026-09-29T17:30:00Z');
const clock = { now: () => now };

const NAME = '李四导出测试';
const PHONE = '13700001111';

let t: TestApp;
let H: Record<string, Record<string, string>> = {};
let unitX: string;
let unitW: string;
let unitY: string;
let citizen: Record<string, string>;
let ip = 0;

async function submit(extra: Record<string, unknown>) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/public/reports',
    headers: { ...citizen, 'x-forwarded-for': `10.9.0.${++ip}` },
    payload: { category: 'work_style', content: '窗口工作人员上班时间玩手机，群众排队无人办理。', reporterName: NAME, reporterPhone: PHONE, ...extra },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; serial: string };
}
async function act(who: string, id: string, payload: Record<string, unknown>) {
  const res = await t.app.inject({ method: 'POST', url: `/api/staff/reports/${id}/transitions`, headers: H[who], payload });
  expect(res.statusCode, res.body).toBe(200);
}

interface Sheet {
  headers: string[];
  rows: Record<string, unknown>[];
}
async function exportSheet(who: string, query = ''): Promise<Sheet> {
  const res = await t.app.inject({ method: 'GET', url: `/api/staff/reports/export.xlsx${query}`, headers: H[who] });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  expect(String(res.headers['content-disposition'])).toContain('attachment');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('举报线索')!;
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    rows.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value])));
  });
  return { headers, rows };
}
const serials = (s: Sheet) => s.rows.map((r) => r['编号']).sort();

let a: { id: string; serial: string };
let b: { id: string; serial: string };
let c: { id: string; serial: string };
let d: { id: string; serial: string };

beforeAll(async () => {
  // clients are told apart by X-Forwarded-For, as behind the production proxy (inject's peer is 127.0.0.1)
  t = await createTestApp({ clock, env: { TRUST_PROXY: '127.0.0.1' } });
  const p = t.db.prisma;
  unitX = (await p.unit.create({ data: { code: 'EX01', name: '县交通局', kind: 'department' } })).id;
  unitY = (await p.unit.create({ data: { code: 'EY01', name: '河口镇', kind: 'township' } })).id;
  // the accused unit of a and d: 回避 keeps a report away from the unit it accuses
  unitW = (await p.unit.create({ data: { code: 'EW01', name: '县公路段', kind: 'department' } })).id;
  H = {
    intake: await staffHeader(t, 'intake'),
    liaisonX: await staffHeader(t, 'unit_liaison', { unitId: unitX }),
    liaisonY: await staffHeader(t, 'unit_liaison', { unitId: unitY }),
  };
  citizen = await citizenHeader(t);
  a = await submit({ reportedUnitId: unitW, reportedPerson: '王科长' });
  b = await submit({ category: 'illegal_fees', reportedUnitId: unitY, content: '镇上收取不合理的办证费用，独特关键词丁戊己。' });
  now = new Date('2026-10-12T02:50:00Z');
  c = await submit({ confidential: true, reporterName: undefined, reporterPhone: undefined });
  now = new Date('2026-10-12T03:00:00Z');
  await keepStaffSessionsAlive(t);
  d = await submit({ reportedUnitId: unitW });
  await act('intake', a.id, { action: 'accept' });
  await act('intake', a.id, { action: 'assign', unitId: unitX });
  await act('intake', d.id, { action: 'accept' });
  await act('intake', d.id, { action: 'assign', unitId: unitY });
  await act('liaisonX', a.id, { action: 'start' });
  await act('liaisonX', a.id, { action: 'reply', reply: '经核查，已对相关人员批评教育并整改。' });
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('inbox export (XLSX)', () => {
  it('writes every matching row with Chinese headers, Shanghai times and no sealed identity', async () => {
    const sheet = await exportSheet('intake');
    expect(sheet.headers).toEqual(exportColumns.map((c) => c.header));
    expect(serials(sheet)).toEqual([a.serial, b.serial, c.serial, d.serial].sort());
    // newest first, as in the inbox
    expect(sheet.rows[0]['编号']).toBe(d.serial);

    const rowA = sheet.rows.find((r) => r['编号'] === a.serial)!;
    const submitted = rowA['提交时间'] as Date;
    expect(submitted).toBeInstanceOf(Date);
    expect(submitted.toISOString().slice(0, 16)).toBe('2026-09-30T01:30');
    expect(rowA['状态']).toBe('已答复');
    expect(rowA['被反映单位']).toBe('县公路段');
    expect(rowA['被反映人']).toBe('王科长');
    expect(rowA['承办巡察组/单位']).toBe('县交通局');
    expect(rowA['答复内容']).toBe('经核查，已对相关人员批评教育并整改。');
    expect((rowA['答复时间'] as Date).toISOString().slice(0, 16)).toBe('2026-10-12T11:00');
    expect((rowA['受理时限'] as Date).toISOString().slice(0, 10)).toBe('2026-10-10');
    expect(rowA['反映方式']).toBe('实名');
    expect(rowA['来源渠道']).toBe('小程序/H5');
    // b was never accepted: 3 working days after 09-30 is 10-10, so on 10-12 it is late
    expect(sheet.rows.find((r) => r['编号'] === b.serial)!['超期']).toBe('受理超期');
    expect(sheet.rows.find((r) => r['编号'] === c.serial)!['反映方式']).toBe('保密');

    const everything = JSON.stringify(sheet.rows);
    expect(everything).not.toContain(NAME);
    expect(everything).not.toContain(PHONE);
    expect(everything).not.toContain('v1.');
  });

  it('applies the same filters as the inbox list', async () => {
    const list = async (q: string) =>
      ((await t.app.inject({ method: 'GET', url: `/api/staff/reports${q}${q ? '&' : '?'}pageSize=200`, headers: H.intake })).json().items as { serial: string }[])
        .map((i) => i.serial)
        .sort();
    for (const q of ['?category=illegal_fees', '?status=assigned', '?from=2026-09-30&to=2026-09-30', '?q=丁戊己', `?unitId=${unitY}`, '?overdue=true', '?confidential=true']) {
      const sheet = await exportSheet('intake', q);
      expect(serials(sheet), q).toEqual(await list(q));
    }
    expect(serials(await exportSheet('intake', '?category=illegal_fees'))).toEqual([b.serial]);
    // the Shanghai day 09-30 holds a and b, although a was submitted on 09-29 UTC
    expect(serials(await exportSheet('intake', '?from=2026-09-30&to=2026-09-30'))).toEqual([a.serial, b.serial].sort());
    expect(serials(await exportSheet('intake', '?status=closed'))).toEqual([]);
  });

  it('a unit liaison exports only what was assigned to their unit', async () => {
    expect(serials(await exportSheet('liaisonX'))).toEqual([a.serial]);
    expect(serials(await exportSheet('liaisonY'))).toEqual([d.serial]);
    // b names unit Y as the reported unit but was never assigned to it
    expect(serials(await exportSheet('liaisonY', `?unitId=${unitY}`))).toEqual([d.serial]);
  });

  it('is written to the audit log: who, which filters, how many rows', async () => {
    await exportSheet('liaisonY', '?category=work_style&overdue=false');
    const liaison = await t.db.prisma.staffUser.findFirstOrThrow({ where: { unitId: unitY } });
    const entry = await t.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'report.export', actorId: liaison.id, detail: { path: ['filters', 'category'], equals: 'work_style' } } });
    expect(entry.actorType).toBe('staff');
    expect(entry.actorId).toBe(liaison.id);
    expect(entry.detail).toMatchObject({ filters: { category: 'work_style', overdue: false }, rows: 1, role: 'unit_liaison' });
  });

  it('refuses bad filters with Chinese field reasons', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/staff/reports/export.xlsx?from=30-09-2026&status=nope', headers: H.intake });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['querystring.from']));
    expect(JSON.stringify(body.issues)).toContain('日期格式应为 YYYY-MM-DD');
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/staff/reports/export.xlsx' });
    expect(anonymous.statusCode).toBe(401);
  });
});
