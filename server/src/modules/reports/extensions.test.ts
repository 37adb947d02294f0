// 延期: asked by the handler with a reason, decided by another supervisor, the deadline moved by working days (the
// weekend skipped), the reporter told.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenHeader, createTestApp, staffHeader, type TestApp } from '../../test-support/app';

let t: TestApp;
let H: Record<'intake' | 'liaison' | 'otherLiaison' | 'supervisor' | 'supervisor2', { authorization: string }>;
let unit: string;

const post = (url: string, headers: Record<string, string>, payload: unknown) => t.app.inject({ method: 'POST', url, headers, payload: payload as object });
const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });

beforeAll(async () => {
  t = await createTestApp();
  unit = (await t.db.prisma.unit.create({ data: { code: 'E01', name: '县民政局', kind: 'department' } })).id;
  const other = (await t.db.prisma.unit.create({ data: { code: 'E02', name: '县财政局', kind: 'department' } })).id;
  H = {
    intake: await staffHeader(t, 'intake'),
    liaison: await staffHeader(t, 'unit_liaison', { unitId: unit }),
    otherLiaison: await staffHeader(t, 'unit_liaison', { unitId: other }),
    supervisor: await staffHeader(t, 'supervisor'),
    supervisor2: await staffHeader(t, 'supervisor'),
  };
}, 120_000);
afterAll(async () => t?.close());

async function assigned() {
  const citizen = await citizenHeader(t);
  const filed = await post('/api/public/reports', citizen, { category: 'work_style', content: '民政局低保审核拖延三个月未给答复。', reporterName: '赵六', reporterPhone: '13800138003' });
  expect(filed.statusCode, filed.body).toBe(201);
  const id = filed.json().id as string;
  for (const body of [{ action: 'accept' }, { action: 'assign', unitId: unit }]) {
    expect((await post(`/api/staff/reports/${id}/transitions`, H.intake, body)).statusCode).toBe(200);
  }
  return id;
}

describe('延期', () => {
  it('the unit asks, a second supervisor approves, the reply deadline moves by working days and the reporter is told', async () => {
    const id = await assigned();
    // a Friday deadline: three working days later skips the weekend
    await t.db.prisma.report.update({ where: { id }, data: { replyDueOn: new Date('2026-12-04T00:00:00Z') } });

    const bad = await post(`/api/staff/reports/${id}/extensions`, H.liaison, { workdays: 0, reason: '短' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['reason', 'workdays']);
    expect((await post(`/api/staff/reports/${id}/extensions`, H.otherLiaison, { workdays: 3, reason: '需要调取三个月的审核材料' })).statusCode).toBe(404);

    const asked = await post(`/api/staff/reports/${id}/extensions`, H.liaison, { workdays: 3, reason: '需要调取三个月的审核材料' });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json()).toMatchObject({ status: 'pending', workdays: 3, dueOnBefore: '2026-12-04', dueOnAfter: null });
    const again = await post(`/api/staff/reports/${id}/extensions`, H.intake, { workdays: 2, reason: '再申请一次试试' });
    expect(again.json().code).toBe('EXTENSION_PENDING');

    // the queue is the supervisors'; a liaison cannot decide
    expect((await get('/api/staff/extension-requests', H.liaison)).statusCode).toBe(403);
    const queue = await get('/api/staff/extension-requests', H.supervisor);
    expect(queue.json().items.map((e: { id: string }) => e.id)).toContain(asked.json().id);
    expect((await post(`/api/staff/extension-requests/${asked.json().id}/decision`, H.liaison, { approve: true })).statusCode).toBe(403);

    const outboxBefore = await t.db.prisma.outbox.count({ where: { reportId: id } });
    const approved = await post(`/api/staff/extension-requests/${asked.json().id}/decision`, H.supervisor, { approve: true, note: '同意' });
    expect(approved.statusCode, approved.body).toBe(200);
    // Mon 12-07, Tue 12-08, Wed 12-09
    expect(approved.json()).toMatchObject({ status: 'approved', dueOnAfter: '2026-12-09', deciderName: expect.any(String) });
    const row = await t.db.prisma.report.findUniqueOrThrow({ where: { id } });
    expect(row.replyDueOn?.toISOString().slice(0, 10)).toBe('2026-12-09');
    expect(await t.db.prisma.outbox.count({ where: { reportId: id } })).toBe(outboxBefore + 1);
    const events = (await get(`/api/staff/reports/${id}`, H.liaison)).json().events.map((e: { kind: string }) => e.kind);
    expect(events).toEqual(expect.arrayContaining(['extension_requested', 'extended']));
    const twice = await post(`/api/staff/extension-requests/${asked.json().id}/decision`, H.supervisor2, { approve: false, note: '不同意' });
    expect(twice.json().code).toBe('EXTENSION_DECIDED');
  });

  it('a supervisor cannot decide their own request; refusing needs a reason and moves nothing', async () => {
    const id = await assigned();
    const before = (await t.db.prisma.report.findUniqueOrThrow({ where: { id } })).replyDueOn;
    const asked = await post(`/api/staff/reports/${id}/extensions`, H.supervisor, { workdays: 5, reason: '案情复杂需要外调' });
    expect(asked.statusCode).toBe(201);
    expect((await post(`/api/staff/extension-requests/${asked.json().id}/decision`, H.supervisor, { approve: true })).statusCode).toBe(403);
    const noReason = await post(`/api/staff/extension-requests/${asked.json().id}/decision`, H.supervisor2, { approve: false });
    expect(noReason.statusCode).toBe(400);
    const refused = await post(`/api/staff/extension-requests/${asked.json().id}/decision`, H.supervisor2, { approve: false, note: '期限内可以办结' });
    expect(refused.json()).toMatchObject({ status: 'refused', dueOnAfter: null, decisionNote: '期限内可以办结' });
    expect((await t.db.prisma.report.findUniqueOrThrow({ where: { id } })).replyDueOn).toEqual(before);
  });

  it('is refused before acceptance and after the reply', async () => {
    const citizen = await citizenHeader(t);
    const id = (await post('/api/public/reports', citizen, { category: 'work_style', content: '尚未受理的反映不能申请延期。', reporterName: '钱七', reporterPhone: '13800138004' })).json().id;
    const res = await post(`/api/staff/reports/${id}/extensions`, H.intake, { workdays: 3, reason: '尚未受理就想延期' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('EXTENSION_NOT_APPLICABLE');
  });
});
