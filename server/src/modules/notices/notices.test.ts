import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, staffHeader, type TestApp } from '../../test-support/app';
import { seedTour } from '../tours/test-fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => new Date('2026-11-24T04:00:00Z') } });
});
afterAll(async () => t?.close());

const draft = (roundId: string, inspectedUnitId: string | null, title = '巡察公告') => ({
  tourRoundId: roundId,
  inspectedUnitId,
  title,
  scope: '主要受理反映被巡察单位领导班子及其成员、中层干部问题的来信来电来访',
  howToReport: '电话、信箱、扫码反映',
});

describe('巡察公示', () => {
  it('is invisible until published, visible once published, and gone at once when withdrawn', async () => {
    const s = await seedTour(t);
    const admin = await staffHeader(t, 'admin');
    const c = await t.app.inject({ method: 'POST', url: '/api/staff/tour-notices', headers: admin, payload: draft(s.round.id, s.inspected.id) });
    expect(c.statusCode).toBe(201);
    const notice = c.json();
    // defaults from round period and group contact
    expect(notice).toMatchObject({ status: 'draft', startsOn: '2026-11-01', endsOn: '2026-12-31', contactPhone: '0871-1234567', contactAddress: '县行政中心5楼' });

    const ids = async () => (await t.app.inject({ method: 'GET', url: '/api/public/tour-notices' })).json().items.map((x: { id: string }) => x.id);
    expect(await ids()).not.toContain(notice.id);
    expect((await t.app.inject({ method: 'GET', url: `/api/public/tour-notices/${notice.id}` })).statusCode).toBe(404);

    const p = await t.app.inject({ method: 'POST', url: `/api/staff/tour-notices/${notice.id}/publish`, headers: admin });
    expect(p.statusCode).toBe(200);
    expect(p.json().status).toBe('published');
    expect(await ids()).toContain(notice.id);
    const d = await t.app.inject({ method: 'GET', url: `/api/public/tour-notices/${notice.id}` });
    expect(d.statusCode).toBe(200);
    expect(d.json()).toMatchObject({ unit: { name: s.unit.name }, current: true });
    expect(d.json()).not.toHaveProperty('status');

    // published notices cannot be edited in place
    expect((await t.app.inject({ method: 'PATCH', url: `/api/staff/tour-notices/${notice.id}`, headers: admin, payload: { title: 'x' } })).statusCode).toBe(409);

    const noReason = await t.app.inject({ method: 'POST', url: `/api/staff/tour-notices/${notice.id}/withdraw`, headers: admin, payload: { reason: ' ' } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().issues[0]).toMatchObject({ path: 'reason', message: '请填写撤回原因' });
    const w = await t.app.inject({ method: 'POST', url: `/api/staff/tour-notices/${notice.id}/withdraw`, headers: admin, payload: { reason: '信息有误' } });
    expect(w.statusCode).toBe(200);
    expect(await ids()).not.toContain(notice.id);
    expect((await t.app.inject({ method: 'GET', url: `/api/public/tour-notices/${notice.id}` })).statusCode).toBe(404);
    // a withdrawn notice may be corrected; a reversed period is refused on the field
    const reversed = await t.app.inject({ method: 'PATCH', url: `/api/staff/tour-notices/${notice.id}`, headers: admin, payload: { startsOn: '2026-12-31', endsOn: '2026-11-01' } });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().issues[0]).toMatchObject({ path: 'endsOn', message: '结束日期不能早于开始日期' });
    const audit = await t.db.prisma.auditLog.findMany({ where: { entity: 'tour_notice', entityId: notice.id } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['tour_notice.create', 'tour_notice.publish', 'tour_notice.withdraw']));
  });

  it('lists current rounds first', async () => {
    const admin = await staffHeader(t, 'admin');
    const old = await seedTour(t, { roundStatus: 'finished', startsOn: '2026-12-01', endsOn: '2026-12-20' });
    const cur = await seedTour(t, { roundStatus: 'planned', startsOn: '2026-11-20', endsOn: '2026-11-30' });
    for (const s of [old, cur]) {
      const c = await t.app.inject({ method: 'POST', url: '/api/staff/tour-notices', headers: admin, payload: draft(s.round.id, null, s.round.name) });
      await t.app.inject({ method: 'POST', url: `/api/staff/tour-notices/${c.json().id}/publish`, headers: admin });
    }
    const items = (await t.app.inject({ method: 'GET', url: '/api/public/tour-notices?pageSize=100' })).json().items as { round: { id: string }; current: boolean }[];
    const iCur = items.findIndex((x) => x.round.id === cur.round.id);
    const iOld = items.findIndex((x) => x.round.id === old.round.id);
    expect(iCur).toBeGreaterThanOrEqual(0);
    expect(iCur).toBeLessThan(iOld);
    expect(items[iCur]!.current).toBe(true);
    expect(items[iOld]!.current).toBe(false);
    const firstNotCurrent = items.findIndex((x) => !x.current);
    expect(items.slice(firstNotCurrent).every((x) => !x.current)).toBe(true);
  });

  it('a round left 进行中 after its last day is no longer current', async () => {
    const admin = await staffHeader(t, 'admin');
    const ended = await seedTour(t, { roundStatus: 'active', startsOn: '2026-10-01', endsOn: '2026-11-20' });
    const c = await t.app.inject({ method: 'POST', url: '/api/staff/tour-notices', headers: admin, payload: draft(ended.round.id, null, ended.round.name) });
    await t.app.inject({ method: 'POST', url: `/api/staff/tour-notices/${c.json().id}/publish`, headers: admin });
    const d = await t.app.inject({ method: 'GET', url: `/api/public/tour-notices/${c.json().id}` });
    expect(d.json()).toMatchObject({ round: { id: ended.round.id }, current: false });
  });

  it('lets a tour-group member manage only its own units; other roles are refused', async () => {
    const mine = await seedTour(t);
    const theirs = await seedTour(t);
    const member = await staffHeader(t, 'tour_group', { tourGroupId: mine.group.id });
    expect((await t.app.inject({ method: 'POST', url: '/api/staff/tour-notices', headers: member, payload: draft(mine.round.id, mine.inspected.id) })).statusCode).toBe(201);
    expect((await t.app.inject({ method: 'POST', url: '/api/staff/tour-notices', headers: member, payload: draft(theirs.round.id, theirs.inspected.id) })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/staff/tour-notices', headers: member, payload: draft(mine.round.id, null) })).statusCode).toBe(403);
    const list = (await t.app.inject({ method: 'GET', url: '/api/staff/tour-notices', headers: member })).json();
    expect(list.items.every((n: { inspectedUnitId: string }) => n.inspectedUnitId === mine.inspected.id)).toBe(true);
    const intake = await staffHeader(t, 'intake');
    expect((await t.app.inject({ method: 'GET', url: '/api/staff/tour-notices', headers: intake })).statusCode).toBe(403);
  });

  it('validates the draft (400 naming the field)', async () => {
    const s = await seedTour(t);
    const admin = await staffHeader(t, 'admin');
    const r = await t.app.inject({ method: 'POST', url: '/api/staff/tour-notices', headers: admin, payload: { ...draft(s.round.id, null), scope: '' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().issues.map((i: { path: string }) => i.path)).toContain('scope');
  });
});
