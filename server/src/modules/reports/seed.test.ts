import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../seed/demo';
import { createTestApp, staffHeader, type TestApp } from '../../test-support/app';
import { autoCloseReplied } from './service';
import { DEMO_QUERY_CODE, DEMO_QUERY_SECRET, DEMO_REPORT_COUNT, seedDemoReports } from './seed';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemoData(t.db);
}, 120_000);
afterAll(async () => t?.close());

describe('demo reports', () => {
  it('seeds 97 reports over every status once, readable through the API', async () => {
    expect(await seedDemoReports(t.db, t.app.sealer)).toBe(DEMO_REPORT_COUNT);
    expect(await seedDemoReports(t.db, t.app.sealer)).toBe(0);
    const groups = await t.db.prisma.report.groupBy({ by: ['status'], _count: { _all: true } });
    expect(groups.map((g) => g.status).sort()).toEqual(['accepted', 'assigned', 'closed', 'in_progress', 'merged', 'not_accepted', 'replied', 'submitted']);
    // the demo's replied reports are not closed by the first auto-close run
    expect(await autoCloseReplied(t.app)).toBe(0);
    const merged = await t.db.prisma.report.findMany({ where: { status: 'merged' } });
    expect(merged.every((m) => m.mergedIntoId)).toBe(true);

    const h = await staffHeader(t, 'supervisor');
    const list = await t.app.inject({ method: 'GET', url: '/api/staff/reports?pageSize=200', headers: h });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().total).toBe(DEMO_REPORT_COUNT);
    for (const item of list.json().items.slice(0, 20)) {
      const d = await t.app.inject({ method: 'GET', url: `/api/staff/reports/${item.id}`, headers: h });
      expect(d.statusCode, d.body).toBe(200);
    }
    const look = await t.app.inject({ method: 'POST', url: '/api/public/reports/lookup', payload: { code: DEMO_QUERY_CODE, secret: DEMO_QUERY_SECRET } });
    expect(look.statusCode, look.body).toBe(200);
    expect(look.json()).toMatchObject({ status: 'replied', confidential: true, canRate: true });
  });
});
