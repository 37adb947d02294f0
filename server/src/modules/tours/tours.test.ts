import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, staffHeader, type TestApp } from '../../test-support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('tour rounds, groups and inspected units', () => {
  it('lets the admin manage rounds, groups with members, and the units a round inspects', async () => {
    const admin = await staffHeader(t, 'admin');
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/staff/tour-rounds',
      headers: admin,
      payload: { name: '十五届县委第八轮巡察', code: '2026-8', startsOn: '2026-10-08', endsOn: '2026-12-08' },
    });
    expect(r.statusCode).toBe(201);
    const round = r.json();
    expect(round).toMatchObject({ status: 'planned', startsOn: '2026-10-08' });
    expect((await t.app.inject({ method: 'POST', url: '/api/staff/tour-rounds', headers: admin, payload: { name: 'x', code: '2026-8', startsOn: '2026-10-08', endsOn: '2026-12-08' } })).statusCode).toBe(409);
    const badPeriod = await t.app.inject({ method: 'POST', url: '/api/staff/tour-rounds', headers: admin, payload: { name: 'x', code: 'y', startsOn: '2026-12-08', endsOn: '2026-10-08' } });
    expect(badPeriod.statusCode).toBe(400);
    expect(badPeriod.json().issues[0].path).toBe('endsOn');
    const upd = await t.app.inject({ method: 'PUT', url: `/api/staff/tour-rounds/${round.id}`, headers: admin, payload: { name: round.name, code: '2026-8', startsOn: '2026-10-08', endsOn: '2026-12-08', status: 'active' } });
    expect(upd.json().status).toBe('active');

    const memberUser = await t.db.prisma.staffUser.create({ data: { username: 'xcz1', displayName: '李组员', role: 'tour_group', passwordHash: 'x' } });
    const intakeUser = await t.db.prisma.staffUser.create({ data: { username: 'sly1', displayName: '受理员', role: 'intake', passwordHash: 'x' } });
    const badMembers = await t.app.inject({ method: 'POST', url: '/api/staff/tour-groups', headers: admin, payload: { name: '第一巡察组', memberIds: [intakeUser.id] } });
    expect(badMembers.statusCode).toBe(400);
    const g = await t.app.inject({
      method: 'POST',
      url: '/api/staff/tour-groups',
      headers: admin,
      payload: { name: '第一巡察组', leader: '王组长', phone: '0871-6000001', mailbox: 'xc1@example.gov.cn', address: '县委大院3号楼', memberIds: [memberUser.id] },
    });
    expect(g.statusCode).toBe(201);
    expect(g.json().members).toEqual([{ id: memberUser.id, username: 'xcz1', displayName: '李组员' }]);
    expect((await t.db.prisma.staffUser.findUniqueOrThrow({ where: { id: memberUser.id } })).tourGroupId).toBe(g.json().id);
    const g2 = await t.app.inject({ method: 'PUT', url: `/api/staff/tour-groups/${g.json().id}`, headers: admin, payload: { name: '第一巡察组', memberIds: [] } });
    expect(g2.json().members).toEqual([]);
    expect((await t.db.prisma.staffUser.findUniqueOrThrow({ where: { id: memberUser.id } })).tourGroupId).toBeNull();

    const unit = await t.db.prisma.unit.create({ data: { code: 'D001', name: '县自然资源局', kind: 'department' } });
    const iu = await t.app.inject({ method: 'POST', url: `/api/staff/tour-rounds/${round.id}/units`, headers: admin, payload: { unitId: unit.id, tourGroupId: g.json().id } });
    expect(iu.statusCode).toBe(201);
    expect(iu.json()).toMatchObject({ unit: { name: '县自然资源局' }, tourGroup: { name: '第一巡察组' } });
    expect((await t.app.inject({ method: 'POST', url: `/api/staff/tour-rounds/${round.id}/units`, headers: admin, payload: { unitId: unit.id, tourGroupId: g.json().id } })).statusCode).toBe(409);
    const list = await t.app.inject({ method: 'GET', url: `/api/staff/tour-rounds/${round.id}/units`, headers: admin });
    expect(list.json().items).toHaveLength(1);
    const rounds = await t.app.inject({ method: 'GET', url: '/api/staff/tour-rounds', headers: admin });
    expect(rounds.json().items.find((x: { id: string }) => x.id === round.id).unitCount).toBe(1);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/staff/inspected-units/${iu.json().id}`, headers: admin })).statusCode).toBe(204);
  });

  it('lists the tour-group staff an admin may make members, with their current group', async () => {
    const admin = await staffHeader(t, 'admin');
    const group = await t.db.prisma.tourGroup.create({ data: { name: '候选测试组' } });
    const inGroup = await t.db.prisma.staffUser.create({ data: { username: 'cand1', displayName: '赵组员', role: 'tour_group', passwordHash: 'x', tourGroupId: group.id } });
    const free = await t.db.prisma.staffUser.create({ data: { username: 'cand2', displayName: '钱组员', role: 'tour_group', passwordHash: 'x' } });
    const intake = await t.db.prisma.staffUser.create({ data: { username: 'cand3', displayName: '孙受理', role: 'intake', passwordHash: 'x' } });
    const res = await t.app.inject({ method: 'GET', url: '/api/staff/tour-groups/candidates', headers: admin });
    expect(res.statusCode).toBe(200);
    const items: { id: string; tourGroupId: string | null }[] = res.json().items;
    expect(items.find((u) => u.id === inGroup.id)).toMatchObject({ displayName: '赵组员', tourGroupId: group.id, active: true });
    expect(items.find((u) => u.id === free.id)).toMatchObject({ tourGroupId: null });
    expect(items.some((u) => u.id === intake.id)).toBe(false);
    const member = await staffHeader(t, 'tour_group');
    expect((await t.app.inject({ method: 'GET', url: '/api/staff/tour-groups/candidates', headers: member })).statusCode).toBe(403);
  });

  it('names the field at fault in Chinese when a round is incomplete', async () => {
    const admin = await staffHeader(t, 'admin');
    const res = await t.app.inject({ method: 'POST', url: '/api/staff/tour-rounds', headers: admin, payload: { name: ' ', code: 'R-x', startsOn: '2026-10-08', endsOn: '2026-12-08' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues).toEqual([expect.objectContaining({ path: 'name', message: '请填写轮次名称' })]);
  });

  it('is read-only for tour groups and closed to other roles', async () => {
    const member = await staffHeader(t, 'tour_group');
    expect((await t.app.inject({ method: 'GET', url: '/api/staff/tour-rounds', headers: member })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/staff/tour-groups', headers: member })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/staff/tour-groups', headers: member, payload: { name: 'x' } })).statusCode).toBe(403);
    const liaison = await staffHeader(t, 'unit_liaison');
    expect((await t.app.inject({ method: 'GET', url: '/api/staff/tour-rounds', headers: liaison })).statusCode).toBe(403);
  });
});
