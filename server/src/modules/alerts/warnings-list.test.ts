// The warnings list at scale: a page picked in index order and decorated afterwards, so pages follow each other
// without a gap or a repeat; the total exact up to a bound and the planner's estimate past it (the admin says 约).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, staffHeader, type TestApp } from '../../test-support/app';
import { sqlOf } from './sql';
import { listWarningItems } from './warnings';

let t: TestApp;
const all = { tourGroupId: null, unitId: null };
beforeAll(async () => {
  t = await createTestApp();
  const admin = await staffHeader(t, 'admin');
  // twelve cases, each late and rated 非常不满意: an overdue and a dissatisfied warning apiece
  const rows = Array.from({ length: 12 }, (_, i) => `H${100 + i},U${i % 3},I1,11010519491231002X,2026-03-02 09:30,1,2026-03-1${i % 9},通过,0,非常不满意`);
  const csv = `办件编号,部门编码,事项编码,申请人证件号码,受理时间,承诺时限,办结时间,办理结果,补正次数,评价\n${rows.join('\n')}\n`;
  const boundary = '----msjdlist';
  const payload = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="c.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`);
  const imp = await t.app.inject({ method: 'POST', url: '/api/staff/alerts/imports/service-cases', headers: { ...admin, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
  expect(imp.json(), imp.body).toMatchObject({ imported: 12, rejected: 0 });
  const run = await t.app.inject({ method: 'POST', url: '/api/staff/alerts/runs', headers: admin, payload: { asOf: '2026-03-20' } });
  expect(run.statusCode, run.body).toBe(200);
}, 120_000);
afterAll(() => t?.close());

it('pages follow each other in list order with no gap or repeat, with or without the stage join', async () => {
  const sql = sqlOf(t.app.db);
  for (const filter of [{}, { stage: 'urge' }]) {
    const whole = await listWarningItems(sql, filter, all, { page: 1, pageSize: 100 });
    expect(whole.total).toBeGreaterThanOrEqual(20);
    const paged = [];
    for (let page = 1; page <= Math.ceil(whole.total / 7); page++) paged.push(...(await listWarningItems(sql, filter, all, { page, pageSize: 7 })).items);
    expect(paged.map((w) => w.id)).toEqual(whole.items.map((w) => w.id));
    // newest as-of first, then model and subject
    const keys = whole.items.map((w) => `${w.asOf}|${w.model}|${w.subject}`);
    expect(keys).toEqual([...keys].sort((a, b) => (a.slice(0, 10) === b.slice(0, 10) ? (a < b ? -1 : 1) : a < b ? 1 : -1)));
  }
});

it('counts exactly up to the bound and says the planner\'s estimate past it', async () => {
  const sql = sqlOf(t.app.db);
  const exact = await listWarningItems(sql, {}, all, { page: 1, pageSize: 5 });
  expect(exact).toMatchObject({ totalExact: true });
  const estimated = await listWarningItems(sql, {}, all, { page: 1, pageSize: 5 }, 3);
  expect(estimated.totalExact).toBe(false);
  // never less than the bound it passed; the page itself is the same
  expect(estimated.total).toBeGreaterThanOrEqual(4);
  expect(estimated.items.map((w) => w.id)).toEqual(exact.items.map((w) => w.id));
  // a filter that matches no more than the bound is exact again
  const one = await listWarningItems(sql, { unitCode: 'U1', model: 'overdue' }, all, { page: 1, pageSize: 5 }, 4);
  expect(one).toMatchObject({ totalExact: true, total: 4 });
  // the route says which
  const res = await t.app.inject({ url: '/api/staff/alerts/warnings?pageSize=5', headers: await staffHeader(t, 'supervisor') });
  expect(res.json()).toMatchObject({ totalExact: true, total: exact.total });
});

it('a liaison sees their unit\'s warnings and a reader whose unit or group names nothing sees none', async () => {
  const sql = sqlOf(t.app.db);
  const unit = await t.db.prisma.unit.upsert({ where: { code: 'U1' }, create: { code: 'U1', name: '测试单位一', kind: 'department' }, update: {} });
  const own = await listWarningItems(sql, {}, { tourGroupId: null, unitId: unit.id }, { page: 1, pageSize: 50 });
  expect(own).toMatchObject({ total: 8, totalExact: true });
  expect(new Set(own.items.map((w) => w.unitCode))).toEqual(new Set(['U1']));
  const nobody = '00000000-0000-0000-0000-000000000000';
  expect(await listWarningItems(sql, {}, { tourGroupId: null, unitId: nobody }, { page: 1, pageSize: 5 })).toMatchObject({ total: 0, items: [] });
  expect(await listWarningItems(sql, {}, { tourGroupId: nobody, unitId: null }, { page: 1, pageSize: 5 })).toMatchObject({ total: 0, items: [] });
});
