import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, staffHeader, type TestApp } from '../../../test-support/app';

// Today 2026-10-20 (Shanghai). A small hand-made set; the expected numbers below are worked out by hand.
const now = new Date('2026-10-20T04:00:00Z');
let t: TestApp;
let admin: Record<string, string>;
let U1: string;
let U2: string;
let P1: string;
let P2: string;

beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => now } });
  const p = t.db.prisma;
  U1 = (await p.unit.create({ data: { code: 'S01', name: '县行政审批服务局', kind: 'department', onboard: true } })).id;
  U2 = (await p.unit.create({ data: { code: 'S02', name: '县税务局', kind: 'department', onboard: true } })).id;
  const I1 = (await p.serviceItem.create({ data: { code: 'S01-001', name: '企业开办', unitId: U1, promisedDays: 1 } })).id;
  const I2 = (await p.serviceItem.create({ data: { code: 'S02-001', name: '发票申领', unitId: U2, promisedDays: 1 } })).id;
  P1 = (await p.monitoringPoint.create({ data: { code: 'SP1', name: '甲监测点' } })).id;
  P2 = (await p.monitoringPoint.create({ data: { code: 'SP2', name: '乙监测点' } })).id;
  const c = await p.evaluationCampaign.create({ data: { name: '测试评议', startsOn: new Date('2026-08-01'), endsOn: new Date('2026-09-30'), status: 'closed', createdAt: now } });
  const ent = async (n: number, point: string) =>
    (await p.enterprise.create({ data: { creditCode: `CODE${n}`, name: `企业${n}`, monitoringPointId: point, createdAt: now } })).id;
  const E1 = await ent(1, P1);
  const E2 = await ent(2, P1);
  const E3 = await ent(3, P2);
  const citizen = (await p.citizen.create({ data: { subjectHash: 'stats-test', via: 'device' } })).id;
  const ev = async (e: string, point: string, unitId: string, itemId: string | null, level: number, at: string) =>
    (
      await p.evaluation.create({
        data: { campaignId: c.id, enterpriseId: e, citizenId: citizen, targetType: itemId ? 'service_item' : 'unit', targetId: itemId ?? unitId, serviceItemId: itemId, unitId, monitoringPointId: point, level, createdAt: new Date(at) },
      })
    ).id;
  await ev(E1, P1, U1, null, 5, '2026-08-10T02:00:00Z'); // #1
  await ev(E1, P1, U1, I1, 4, '2026-08-20T02:00:00Z'); // #2
  const e3 = await ev(E2, P1, U1, null, 2, '2026-08-31T17:00:00Z'); // #3: 2026-09-01 01:00 in Shanghai
  await ev(E2, P1, U2, I2, 3, '2026-09-05T02:00:00Z'); // #4
  const e5 = await ev(E3, P2, U2, null, 1, '2026-09-10T02:00:00Z'); // #5: appeal upheld
  await ev(E3, P2, U1, I1, 5, '2026-09-15T02:00:00Z'); // #6
  const e7 = await ev(E1, P1, U2, null, 1, '2026-09-20T02:00:00Z'); // #7
  await p.evaluationAppeal.create({ data: { evaluationId: e5, status: 'upheld', reason: '恶意差评', filedById: 'x', filedByRole: 'supervisor', filedAt: now, reviewReason: '经核实为恶意差评', reviewedAt: now } });
  let serial = 0;
  const kase = async (kind: 'bad_rating' | 'complaint', category: string, unitId: string, enterpriseId: string, evaluationId: string | null, at: string, due: string, repliedAt: string | null) => {
    const r = await p.report.create({
      data: {
        serial: `YSTEST-${++serial}`,
        category: kind === 'bad_rating' ? 'business_bad_rating' : 'business_complaint',
        content: '测试',
        status: repliedAt ? 'replied' : 'in_progress',
        submittedAt: new Date(at),
        acceptDueOn: new Date(at.slice(0, 10)),
        replyDueOn: new Date(due),
        repliedAt: repliedAt ? new Date(repliedAt) : null,
      },
    });
    await p.businessComplaint.create({
      data: { kind, category, enterpriseId, citizenId: citizen, evaluationId, targetType: 'unit', targetId: unitId, unitId, reportId: r.id, createdAt: new Date(at) },
    });
  };
  await kase('bad_rating', 'bad_rating', U1, E2, e3, '2026-08-31T17:00:00Z', '2026-09-22', '2026-09-20T08:00:00Z'); // K1 on time
  await kase('bad_rating', 'bad_rating', U2, E3, e5, '2026-09-10T02:00:00Z', '2026-10-09', null); // K2 overdue
  await kase('bad_rating', 'bad_rating', U2, E1, e7, '2026-09-20T02:00:00Z', '2026-10-27', null); // K3 not yet due
  await kase('complaint', 'fees', U1, E1, null, '2026-08-15T02:00:00Z', '2026-09-04', null); // K4 a 投诉
  admin = await staffHeader(t, 'admin');
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('business statistics against hand-computed values', () => {
  it('computes every table over the whole period', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/staff/business/stats', headers: admin });
    expect(r.statusCode, r.body).toBe(200);
    const s = r.json();
    expect(s.summary).toEqual({
      evaluations: 7,
      excluded: 1,
      counted: 6,
      satisfied: 3,
      satisfactionRate: 0.5,
      badRatings: 2,
      complaints: 4,
      badRatingCasesDue: 2,
      badRatingCasesOnTime: 1,
      onTimeRate: 0.5,
    });
    expect(s.byMonth).toEqual([
      { month: '2026-08', evaluations: 2, counted: 2, satisfied: 2, satisfactionRate: 1 },
      { month: '2026-09', evaluations: 5, counted: 4, satisfied: 1, satisfactionRate: 0.25 },
    ]);
    expect(s.pointMonth).toEqual([
      { monitoringPointId: P1, pointName: '甲监测点', month: '2026-08', evaluations: 2 },
      { monitoringPointId: P1, pointName: '甲监测点', month: '2026-09', evaluations: 3 },
      { monitoringPointId: P2, pointName: '乙监测点', month: '2026-09', evaluations: 2 },
    ]);
    expect(s.unitMonth).toEqual([
      { unitId: U1, unitName: '县行政审批服务局', month: '2026-08', evaluations: 2 },
      { unitId: U1, unitName: '县行政审批服务局', month: '2026-09', evaluations: 2 },
      { unitId: U2, unitName: '县税务局', month: '2026-09', evaluations: 3 },
    ]);
    expect(s.units).toEqual([
      { unitId: U1, unitName: '县行政审批服务局', evaluations: 4, counted: 4, satisfied: 3, satisfactionRate: 0.75, averageLevel: 4, badRatings: 1 },
      { unitId: U2, unitName: '县税务局', evaluations: 3, counted: 2, satisfied: 0, satisfactionRate: 0, averageLevel: 2, badRatings: 1 },
    ]);
    expect(s.onTime).toEqual([
      { unitId: U1, unitName: '县行政审批服务局', cases: 1, replied: 1, due: 1, onTime: 1, late: 0, pending: 0, onTimeRate: 1 },
      { unitId: U2, unitName: '县税务局', cases: 2, replied: 0, due: 1, onTime: 0, late: 1, pending: 1, onTimeRate: 0 },
    ]);
    expect(s.complaints).toEqual([
      { unitId: U1, unitName: '县行政审批服务局', category: 'bad_rating', categoryLabel: '差评', count: 1 },
      { unitId: U1, unitName: '县行政审批服务局', category: 'fees', categoryLabel: '乱收费', count: 1 },
      { unitId: U2, unitName: '县税务局', category: 'bad_rating', categoryLabel: '差评', count: 2 },
    ]);
    expect(s.ranking).toEqual([
      { rank: 1, unitId: U1, unitName: '县行政审批服务局', counted: 4, satisfactionRate: 0.75, averageLevel: 4, complaints: 2 },
      { rank: 2, unitId: U2, unitName: '县税务局', counted: 2, satisfactionRate: 0, averageLevel: 2, complaints: 2 },
    ]);
  });

  it('filters by period in Shanghai days and by point', async () => {
    const sept = (await t.app.inject({ method: 'GET', url: '/api/staff/business/stats?from=2026-09-01&to=2026-09-30', headers: admin })).json();
    // #3 was rated at 01:00 on 09-01 Shanghai time (still 08-31 in UTC) and belongs to September; K4 (08-15) is out
    expect(sept.summary).toMatchObject({ evaluations: 5, counted: 4, satisfied: 1, satisfactionRate: 0.25, complaints: 3 });
    const p2 = (await t.app.inject({ method: 'GET', url: `/api/staff/business/stats?monitoringPointId=${P2}`, headers: admin })).json();
    expect(p2.summary).toMatchObject({ evaluations: 2, excluded: 1, counted: 1, satisfied: 1, satisfactionRate: 1 });
    const bad = await t.app.inject({ method: 'GET', url: '/api/staff/business/stats?from=2026-09-30&to=2026-09-01', headers: admin });
    expect(bad.statusCode).toBe(400);
  });

  it('exports each table to XLSX with the same numbers', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/staff/business/stats/export?table=units', headers: admin });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(r.headers['content-disposition']))).toContain('各单位满意度.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, '单位', '评价数', '计入满意度', '满意（4-5）', '满意率', '平均分', '差评']);
    expect(ws.getRow(2).values).toEqual([undefined, '县行政审批服务局', 4, 4, 3, 0.75, 4, 1]);
    expect(ws.getRow(3).values).toEqual([undefined, '县税务局', 3, 2, 0, 0, 2, 1]);
    for (const table of ['point_month', 'unit_month', 'on_time', 'complaints', 'ranking']) {
      const x = await t.app.inject({ method: 'GET', url: `/api/staff/business/stats/export?table=${table}`, headers: admin });
      expect(x.statusCode, table).toBe(200);
    }
    const none = await t.app.inject({ method: 'GET', url: '/api/staff/business/stats/export?table=nope', headers: admin });
    expect(none.statusCode).toBe(400);
  });
});
