import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidCreditCode } from '@msjd/shared';
import { seedDemoData } from '../../seed/demo';
import { createTestApp, staffHeader, type TestApp } from '../../test-support/app';
import { DEMO_COMPLAINT_COUNT, DEMO_EVALUATION_COUNT, DEMO_ITEM_COUNT, seedDemoBusiness } from './seed';

const now = new Date('2026-11-24T04:00:00Z');
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => now } });
  await seedDemoData(t.db);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('business demo data', () => {
  it('loads the report’s numbers once, deterministically, with cases in mixed states', async () => {
    const first = await seedDemoBusiness(t.db, t.app.sealer, now);
    expect(first).toEqual({ serviceItems: DEMO_ITEM_COUNT, enterprises: 120, campaigns: 2, evaluations: 261, complaints: 31, appeals: 2 });
    expect(await seedDemoBusiness(t.db, t.app.sealer, now)).toBeNull();
    const p = t.db.prisma;
    expect(await p.serviceItem.count()).toBe(1805);
    expect(await p.evaluation.count()).toBe(DEMO_EVALUATION_COUNT);
    expect(await p.businessComplaint.count()).toBe(DEMO_COMPLAINT_COUNT);
    expect(await p.businessComplaint.count({ where: { kind: 'bad_rating' } })).toBe(await p.evaluation.count({ where: { level: { lte: 2 } } }));
    const enterprises = await p.enterprise.findMany();
    expect(enterprises.every((e) => isValidCreditCode(e.creditCode) && e.monitoringPointId)).toBe(true);
    expect(new Set(enterprises.map((e) => e.monitoringPointId)).size).toBe(40);
    const statuses = await p.report.groupBy({ by: ['status'], where: { category: { startsWith: 'business_' } }, _count: { _all: true } });
    expect(statuses.length).toBeGreaterThanOrEqual(4);
    expect(statuses.map((s) => s.status)).toEqual(expect.arrayContaining(['closed', 'replied', 'in_progress']));
    expect((await p.evaluationCampaign.findMany({ orderBy: { startsOn: 'asc' } })).map((c) => c.status)).toEqual(['closed', 'open']);
    // every evaluation lies within its campaign's period, and none is in the future
    const outside = await p.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM evaluation e JOIN evaluation_campaign c ON c.id = e.campaign_id
       WHERE (e.created_at AT TIME ZONE 'Asia/Shanghai')::date NOT BETWEEN c.starts_on AND c.ends_on OR e.created_at > $1`,
      now,
    );
    expect(Number(outside[0]!.n)).toBe(0);
    const admin = await staffHeader(t, 'admin');
    const stats = (await t.app.inject({ method: 'GET', url: '/api/staff/business/stats', headers: admin })).json();
    expect(stats.summary).toMatchObject({ evaluations: 261, excluded: 1, counted: 260, complaints: 31 });
    expect(stats.summary.badRatingCasesDue).toBeGreaterThan(0);
    expect(stats.summary.badRatingCasesOnTime).toBeLessThan(stats.summary.badRatingCasesDue);
  });
});
