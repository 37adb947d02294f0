// 退回 and 改派: the assignee hands a mis-assigned case back with a reason; intake moves a case to another assignee.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenHeader, createTestApp, staffHeader, type TestApp } from '../../test-support/app';

let t: TestApp;
let H: Record<'intake' | 'liaison' | 'otherLiaison' | 'group', { authorization: string }>;
let unit: string;
let otherUnit: string;
let accused: string;
let group: string;

const post = (url: string, headers: Record<string, string>, payload: unknown) => t.app.inject({ method: 'POST', url, headers, payload: payload as object });
const act = (id: string, who: keyof typeof H, body: object) => post(`/api/staff/reports/${id}/transitions`, H[who], body);

beforeAll(async () => {
  t = await createTestApp();
  const p = t.db.prisma;
  unit = (await p.unit.create({ data: { code: 'H01', name: '城关镇人民政府', kind: 'township' } })).id;
  otherUnit = (await p.unit.create({ data: { code: 'H02', name: '县住建局', kind: 'department' } })).id;
  accused = (await p.unit.create({ data: { code: 'H03', name: '东村村委会', kind: 'village' } })).id;
  group = (await p.tourGroup.create({ data: { name: '第六巡察组' } })).id;
  H = {
    intake: await staffHeader(t, 'intake'),
    liaison: await staffHeader(t, 'unit_liaison', { unitId: unit }),
    otherLiaison: await staffHeader(t, 'unit_liaison', { unitId: otherUnit }),
    group: await staffHeader(t, 'tour_group', { tourGroupId: group }),
  };
}, 120_000);
afterAll(async () => t?.close());

async function assignedToUnit() {
  const filed = await post('/api/public/reports', await citizenHeader(t), {
    category: 'work_style',
    content: '东村村委会把危房改造补助发给了不符合条件的亲属。',
    reportedUnitId: accused,
    confidential: true,
  });
  expect(filed.statusCode, filed.body).toBe(201);
  const id = filed.json().id as string;
  expect((await act(id, 'intake', { action: 'accept' })).statusCode).toBe(200);
  expect((await act(id, 'intake', { action: 'assign', unitId: unit })).statusCode).toBe(200);
  return id;
}

describe('退回 and 改派', () => {
  it('the assignee returns a case with a reason: back to 已受理, unassigned, out of their sight, on the record', async () => {
    const id = await assignedToUnit();
    expect((await act(id, 'liaison', { action: 'start' })).statusCode).toBe(200);

    const bare = await act(id, 'liaison', { action: 'return', reason: '不' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().issues[0]).toMatchObject({ path: 'reason' });
    // another unit's liaison does not even see it
    expect((await act(id, 'otherLiaison', { action: 'return', reason: '不属于本单位职责' })).statusCode).toBe(404);

    const returned = await act(id, 'liaison', { action: 'return', reason: '危房改造补助由县住建局审核发放，不属于本镇职责' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toEqual({ id, serial: expect.any(String), status: 'accepted', handedBack: true });
    const row = await t.db.prisma.report.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'accepted', assigneeUnitId: null, assigneeTourGroupId: null });
    expect((await t.app.inject({ method: 'GET', url: `/api/staff/reports/${id}`, headers: H.liaison })).statusCode).toBe(404);

    const detail = await t.app.inject({ method: 'GET', url: `/api/staff/reports/${id}`, headers: H.intake });
    expect(detail.json().allowedActions).toEqual(['assign']);
    expect(detail.json().events.at(-1)).toMatchObject({ kind: 'returned', fromStatus: 'in_progress', toStatus: 'accepted', note: '危房改造补助由县住建局审核发放，不属于本镇职责' });
    const audit = await t.db.prisma.auditLog.findFirst({ where: { entityId: id, action: 'report.return' } });
    expect(audit?.detail).toMatchObject({ from: 'in_progress', to: 'accepted', previousUnitId: unit });

    // intake assigns it again, to the right place
    expect((await act(id, 'intake', { action: 'assign', unitId: otherUnit })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/staff/reports/${id}`, headers: H.otherLiaison })).statusCode).toBe(200);
  });

  it('intake reassigns a case being handled; not to the same assignee, not to the accused unit, never by the assignee', async () => {
    const id = await assignedToUnit();
    expect((await act(id, 'liaison', { action: 'reassign', tourGroupId: group })).statusCode).toBe(403);
    const same = await act(id, 'intake', { action: 'reassign', unitId: unit });
    expect(same.statusCode).toBe(409);
    expect(same.json().code).toBe('SAME_ASSIGNEE');
    const recusal = await act(id, 'intake', { action: 'reassign', unitId: accused });
    expect(recusal.json().code).toBe('RECUSAL_REQUIRED');

    const moved = await act(id, 'intake', { action: 'reassign', tourGroupId: group, note: '涉及多个部门，改由巡察组核查' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ status: 'assigned', assigneeTourGroupId: group, assigneeUnitId: null });
    expect(moved.json().events.at(-1)).toMatchObject({ kind: 'reassigned', fromStatus: 'assigned', toStatus: 'assigned' });
    expect((await t.app.inject({ method: 'GET', url: `/api/staff/reports/${id}`, headers: H.liaison })).statusCode).toBe(404);
    expect((await act(id, 'group', { action: 'start' })).statusCode).toBe(200);
    // the reporter is told the case moved, without who has it
    const look = await t.db.prisma.reportEvent.findFirstOrThrow({ where: { reportId: id, kind: 'reassigned' } });
    expect(look.publicNote).toBe('已改派承办单位办理');
  });
});
