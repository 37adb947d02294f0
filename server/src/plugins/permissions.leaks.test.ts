// The leaks issue #12 found, each closed: alert data and models for supervisors and administrators only; a liaison
// sees only its own unit's monitoring points (with their invite codes), enterprises, warnings and escalation cases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, staffHeader, type TestApp } from '../test-support/app';

let t: TestApp;
type H = { authorization: string };
let H: Record<'intake' | 'group' | 'liaisonA' | 'supervisor' | 'admin', H>;
let pointA: string, pointB: string, entA: string, entB: string;

beforeAll(async () => {
  t = await createTestApp();
  const p = t.db.prisma;
  const a = await p.unit.create({ data: { code: 'LA01', name: '县甲局', kind: 'department', onboard: true } });
  const b = await p.unit.create({ data: { code: 'LB01', name: '县乙局', kind: 'department', onboard: true } });
  const group = await p.tourGroup.create({ data: { name: '泄露测试巡察组' } });
  pointA = (await p.monitoringPoint.create({ data: { code: 'MA', name: '甲局监测点', unitId: a.id } })).id;
  pointB = (await p.monitoringPoint.create({ data: { code: 'MB', name: '乙局监测点', unitId: b.id } })).id;
  const now = new Date();
  entA = (await p.enterprise.create({ data: { creditCode: '91000000000000001A', name: '甲企业', monitoringPointId: pointA, createdAt: now } })).id;
  entB = (await p.enterprise.create({ data: { creditCode: '91000000000000002B', name: '乙企业', monitoringPointId: pointB, createdAt: now } })).id;
  await t.db.sql.query(`INSERT INTO alert_run (id, as_of) VALUES ('00000000-0000-4000-8000-000000000001', '2026-03-20')`);
  for (const [code, subject] of [['LA01', '甲'], ['LB01', '乙']]) {
    await t.db.sql.query(
      `WITH e AS (INSERT INTO escalation_case (model, unit_code, stage, opened_as_of, stage_as_of) VALUES ('overdue', $1, 'urge', '2026-03-20', '2026-03-20') RETURNING id)
       INSERT INTO alert_warning (model, level, subject, run_id, as_of, unit_code, escalation_id)
       SELECT 'overdue', 'group', $2, '00000000-0000-4000-8000-000000000001', '2026-03-20', $1, id FROM e`,
      [code, subject],
    );
  }
  H = {
    intake: await staffHeader(t, 'intake'),
    group: await staffHeader(t, 'tour_group', { tourGroupId: group.id }),
    liaisonA: await staffHeader(t, 'unit_liaison', { unitId: a.id }),
    supervisor: await staffHeader(t, 'supervisor'),
    admin: await staffHeader(t, 'admin'),
  };
}, 120_000);
afterAll(() => t?.close());

const get = (url: string, headers: H) => t.app.inject({ url, headers });

describe('alert data, models, runs and schedule', () => {
  it('are for supervisors and administrators only', async () => {
    for (const url of ['/api/staff/alerts/datasets', '/api/staff/alerts/datasets/x/rows', '/api/staff/alerts/models', '/api/staff/alerts/runs', '/api/staff/alerts/schedule']) {
      for (const who of ['intake', 'group', 'liaisonA'] as const) {
        const res = await get(url, H[who]);
        expect(res.statusCode, `${who} ${url}`).toBe(403);
        expect(res.json().code).toBe('PERMISSION_DENIED');
      }
      for (const who of ['supervisor', 'admin'] as const) expect((await get(url, H[who])).statusCode, `${who} ${url}`).not.toBe(403);
    }
  });
});

describe('a unit liaison', () => {
  it('sees only its own unit’s monitoring points and their invite codes', async () => {
    const list = (await get('/api/staff/business/monitoring-points', H.liaisonA)).json();
    expect(list.items.map((i: { code: string }) => i.code)).toEqual(['MA']);
    expect(list.total).toBe(1);
    // asking for the other unit by filter gives nothing either
    const other = await t.db.prisma.unit.findFirstOrThrow({ where: { code: 'LB01' } });
    expect((await get(`/api/staff/business/monitoring-points?unitId=${other.id}`, H.liaisonA)).json().items).toEqual([]);
    expect((await get(`/api/staff/business/monitoring-points/${pointB}`, H.liaisonA)).statusCode).toBe(404);
    expect((await get(`/api/staff/business/monitoring-points/${pointA}`, H.liaisonA)).statusCode).toBe(200);
    expect((await get('/api/staff/business/monitoring-points', H.supervisor)).json().total).toBe(2);
  });

  it('sees only the enterprises of its own unit’s points', async () => {
    const list = (await get('/api/staff/business/enterprises', H.liaisonA)).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([entA]);
    expect((await get(`/api/staff/business/enterprises?monitoringPointId=${pointB}`, H.liaisonA)).json().items).toEqual([]);
    expect((await get(`/api/staff/business/enterprises/${entB}`, H.liaisonA)).statusCode).toBe(404);
    expect((await get(`/api/staff/business/enterprises/${entA}`, H.liaisonA)).statusCode).toBe(200);
    expect((await get('/api/staff/business/enterprises', H.intake)).json().total).toBe(2);
  });

  it('sees only its own unit’s warnings and escalation cases, summary included', async () => {
    const wsr = await get('/api/staff/alerts/warnings', H.liaisonA);
    expect(wsr.statusCode, wsr.body).toBe(200);
    const ws = wsr.json();
    expect(ws.items.map((w: { unitCode: string }) => w.unitCode)).toEqual(['LA01']);
    expect(ws.total).toBe(1);
    expect((await get('/api/staff/alerts/warnings?unitCode=LB01', H.liaisonA)).json().total).toBe(0);
    const esr = await get('/api/staff/alerts/escalations', H.liaisonA);
    const es = esr.json();
    expect(esr.statusCode, esr.body).toBe(200);
    expect(es.items.map((e: { unitCode: string }) => e.unitCode)).toEqual(['LA01']);
    expect(es.summary.byStage.urge).toBe(1);
    const all = (await get('/api/staff/alerts/escalations', H.supervisor)).json();
    expect(all.total).toBe(2);
    expect(all.summary.byStage.urge).toBe(2);
  });

  it('tour groups keep only the 靶向 warnings of the units they inspect, and no escalation cases', async () => {
    expect((await get('/api/staff/alerts/warnings', H.group)).json().total).toBe(0);
    expect((await get('/api/staff/alerts/escalations', H.group)).statusCode).toBe(403);
  });
});
