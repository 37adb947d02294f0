import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicTourNoticeSchema } from '@msjd/shared';
import { seedDemoData } from '../../seed/demo';
import { citizenHeader, createTestApp, type TestApp } from '../../test-support/app';
import { seedDemoTourNotices } from './seed';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(async () => t?.close());

describe('demo 巡察公示', () => {
  it('are loaded with the demo data: the round under way first, withdrawn and draft ones not public', async () => {
    const loaded = await seedDemoData(t.db);
    // round-wide + 11 units for the round under way; round-wide + 1 withdrawn + 1 draft for the one before
    expect(loaded).toMatchObject({ tourNotices: 15 });
    expect(await t.db.prisma.$transaction((tx) => seedDemoTourNotices(tx))).toBe(0);

    const res = await t.app.inject({ method: 'GET', url: '/api/public/tour-notices?pageSize=100', headers: await citizenHeader(t) });
    expect(res.statusCode, res.body).toBe(200);
    const { items, total } = res.json() as { items: unknown[]; total: number };
    expect(total).toBe(13);
    const notices = items.map((n) => publicTourNoticeSchema.parse(n));
    expect(notices.slice(0, 12).every((n) => n.current && n.round.name === '县委第八轮巡察')).toBe(true);
    expect(notices[12]).toMatchObject({ current: false, unit: null, round: { name: '县委第七轮巡察' } });
    const unitNotice = notices.find((n) => n.unit)!;
    expect(unitNotice.contactPhone).toMatch(/^0371-6688/);
    expect(unitNotice.contactMailbox).toMatch(/@jw\.example\.gov\.cn$/);
    expect(unitNotice.scope).toContain(unitNotice.unit!.name);
    expect(unitNotice.howToReport).toContain('我要反映');

    const hidden = await t.db.prisma.tourNotice.findMany({ where: { status: { not: 'published' } } });
    expect(hidden.map((n) => n.status).sort()).toEqual(['draft', 'withdrawn']);
    for (const n of hidden) {
      const one = await t.app.inject({ method: 'GET', url: `/api/public/tour-notices/${n.id}` });
      expect(one.statusCode).toBe(404);
    }
  });
});
