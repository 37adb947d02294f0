import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, staffHeader, type TestApp } from '../../test-support/app';
import { seedTour } from '../tours/test-fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { PUBLIC_H5_URL: 'https://h5.example.gov.cn/app' } });
});
afterAll(async () => t?.close());

describe('QR scenes', () => {
  it('creates one signed scene per inspected unit and resolves it anonymously with round, unit, group and notice', async () => {
    const s = await seedTour(t);
    const admin = await staffHeader(t, 'admin');
    const a = await t.app.inject({ method: 'POST', url: '/api/staff/scenes', headers: admin, payload: { kind: 'tour_unit', inspectedUnitId: s.inspected.id } });
    expect(a.statusCode).toBe(200);
    const link = a.json();
    expect(link.scene.length).toBeLessThanOrEqual(32);
    expect(link.weappPage).toBe('pages/scene/index');
    expect(link.h5Url).toBe(`https://h5.example.gov.cn/app/#/pages/scene/index?s=${link.scene}`);
    const again = await t.app.inject({ method: 'POST', url: '/api/staff/scenes', headers: admin, payload: { kind: 'tour_unit', inspectedUnitId: s.inspected.id } });
    expect(again.json().scene).toBe(link.scene);

    let r = await t.app.inject({ method: 'GET', url: `/api/public/scenes/${link.scene}` });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      kind: 'tour_unit',
      round: { id: s.round.id, status: 'active' },
      unit: { id: s.unit.id, name: s.unit.name },
      inspectedUnitId: s.inspected.id,
      group: { name: s.group.name, phone: '0871-1234567' },
      notice: null,
    });

    // a published notice for the unit shows first
    const n = await t.app.inject({
      method: 'POST',
      url: '/api/staff/tour-notices',
      headers: admin,
      payload: { tourRoundId: s.round.id, inspectedUnitId: s.inspected.id, title: '巡察公告', scope: '反映该单位党员干部问题', howToReport: '来电、来信、扫码' },
    });
    await t.app.inject({ method: 'POST', url: `/api/staff/tour-notices/${n.json().id}/publish`, headers: admin });
    r = await t.app.inject({ method: 'GET', url: `/api/public/scenes/${link.scene}` });
    expect(r.json().notice).toMatchObject({ id: n.json().id, title: '巡察公告', contactPhone: '0871-1234567' });

    // a withdrawn notice disappears from the scene at once
    await t.app.inject({ method: 'POST', url: `/api/staff/tour-notices/${n.json().id}/withdraw`, headers: admin, payload: { reason: '内容有误' } });
    r = await t.app.inject({ method: 'GET', url: `/api/public/scenes/${link.scene}` });
    expect(r.json().notice).toBeNull();
  });

  it('revokes a scene: the old code answers 410, a new code is issued', async () => {
    const s = await seedTour(t);
    const admin = await staffHeader(t, 'admin');
    const old = (await t.app.inject({ method: 'POST', url: '/api/staff/scenes', headers: admin, payload: { kind: 'tour_unit', inspectedUnitId: s.inspected.id } })).json();
    const member = await staffHeader(t, 'tour_group', { tourGroupId: s.group.id });
    expect((await t.app.inject({ method: 'POST', url: '/api/staff/scenes/revoke', headers: member, payload: { scene: old.scene, reason: '海报被覆盖' } })).statusCode).toBe(403);
    const r = await t.app.inject({ method: 'POST', url: '/api/staff/scenes/revoke', headers: admin, payload: { scene: old.scene, reason: '海报被覆盖' } });
    expect(r.statusCode).toBe(200);
    expect(r.json().scene).not.toBe(old.scene);
    expect((await t.app.inject({ method: 'GET', url: `/api/public/scenes/${old.scene}` })).statusCode).toBe(410);
    expect((await t.app.inject({ method: 'GET', url: `/api/public/scenes/${r.json().scene}` })).json().inspectedUnitId).toBe(s.inspected.id);
    const again = await t.app.inject({ method: 'POST', url: '/api/staff/scenes', headers: admin, payload: { kind: 'tour_unit', inspectedUnitId: s.inspected.id } });
    expect(again.json().scene).toBe(r.json().scene);
    expect((await t.app.inject({ method: 'POST', url: '/api/staff/scenes/revoke', headers: admin, payload: { scene: old.scene, reason: 'x' } })).statusCode).toBe(404);
  });

  it('rejects tampered and unknown scenes, and expires scenes of finished rounds', async () => {
    const s = await seedTour(t);
    const admin = await staffHeader(t, 'admin');
    const { scene } = (await t.app.inject({ method: 'POST', url: '/api/staff/scenes', headers: admin, payload: { kind: 'tour_unit', inspectedUnitId: s.inspected.id } })).json();
    const [id, sig] = scene.split('.');
    const tampered = `${id.slice(0, -1)}${id.at(-1) === 'a' ? 'b' : 'a'}.${sig}`;
    let r = await t.app.inject({ method: 'GET', url: `/api/public/scenes/${tampered}` });
    expect(r.statusCode).toBe(404);
    expect(r.json().code).toBe('SCENE_INVALID');
    r = await t.app.inject({ method: 'GET', url: `/api/public/scenes/${id}.${sig.slice(0, -1)}${sig.at(-1) === 'a' ? 'b' : 'a'}` });
    expect(r.json().code).toBe('SCENE_INVALID');
    r = await t.app.inject({ method: 'GET', url: `/api/public/scenes/${id}` });
    expect(r.statusCode).toBe(404);
    r = await t.app.inject({ method: 'GET', url: '/api/public/scenes/bad%20scene' });
    expect(r.statusCode).toBe(400);

    // a round still marked 进行中 after its last day has ended all the same
    const overdue = await seedTour(t, { roundStatus: 'active', startsOn: '2026-10-01', endsOn: '2026-11-30' });
    const late = (await t.app.inject({ method: 'POST', url: '/api/staff/scenes', headers: admin, payload: { kind: 'tour_unit', inspectedUnitId: overdue.inspected.id } })).json();
    r = await t.app.inject({ method: 'GET', url: `/api/public/scenes/${late.scene}` });
    expect(r.statusCode).toBe(410);
    expect(r.json()).toMatchObject({ code: 'SCENE_EXPIRED', message: '本轮巡察已结束，二维码已失效' });

    await t.db.prisma.tourRound.update({ where: { id: s.round.id }, data: { status: 'finished' } });
    r = await t.app.inject({ method: 'GET', url: `/api/public/scenes/${scene}` });
    expect(r.statusCode).toBe(410);
    expect(r.json().code).toBe('SCENE_EXPIRED');
  });

  it('resolves monitoring-point scenes; tour-group members only get scenes of their own units', async () => {
    const mp = await t.db.prisma.monitoringPoint.create({ data: { code: `MP${Date.now()}`, name: '县政务服务中心', address: '人民路1号' } });
    const admin = await staffHeader(t, 'admin');
    const a = await t.app.inject({ method: 'POST', url: '/api/staff/scenes', headers: admin, payload: { kind: 'monitoring_point', monitoringPointId: mp.id } });
    expect(a.statusCode).toBe(200);
    const r = await t.app.inject({ method: 'GET', url: `/api/public/scenes/${a.json().scene}` });
    expect(r.json()).toMatchObject({ kind: 'monitoring_point', monitoringPoint: { id: mp.id, name: '县政务服务中心' }, round: null });

    const s1 = await seedTour(t);
    const s2 = await seedTour(t);
    const member = await staffHeader(t, 'tour_group', { tourGroupId: s1.group.id });
    const own = await t.app.inject({ method: 'POST', url: '/api/staff/scenes', headers: member, payload: { kind: 'tour_unit', inspectedUnitId: s1.inspected.id } });
    expect(own.statusCode).toBe(200);
    const foreign = await t.app.inject({ method: 'POST', url: '/api/staff/scenes', headers: member, payload: { kind: 'tour_unit', inspectedUnitId: s2.inspected.id } });
    expect(foreign.statusCode).toBe(403);
    const liaison = await staffHeader(t, 'unit_liaison');
    const denied = await t.app.inject({ method: 'POST', url: '/api/staff/scenes', headers: liaison, payload: { kind: 'tour_unit', inspectedUnitId: s1.inspected.id } });
    expect(denied.statusCode).toBe(403);
  });
});
