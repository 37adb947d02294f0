import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, keepStaffSessionsAlive, staffHeader, type TestApp } from '../../test-support/app';
import { seedTour } from '../tours/test-fixtures';
import { flagIncompleteRectification } from './service';

let t: TestApp;
let now = new Date('2026-11-24T02:00:00Z'); // Tuesday, Asia/Shanghai
beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => now } });
});
afterAll(async () => t?.close());

function multipart(file: Buffer, filename: string, contentType: string, note?: string) {
  const boundary = '----msjdtest' + Math.random().toString(16).slice(2);
  const notepart = note ? `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\n${note}\r\n` : '';
  const head = Buffer.from(`${notepart}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, file, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const upload = (headers: Record<string, string>, id: string, file: Buffer, name = 'a.png', type = 'image/png', note?: string) => {
  const m = multipart(file, name, type, note);
  return t.app.inject({ method: 'POST', url: `/api/staff/rectifications/${id}/evidence`, headers: { ...headers, ...m.headers }, payload: m.payload });
};
const png = () => sharp({ create: { width: 8, height: 8, channels: 3, background: '#c00' } }).png().toBuffer();

describe('整改 rectification tasks', () => {
  it('runs pending -> submitted -> returned -> submitted -> accepted with evidence, deadline in working days, overdue marking', async () => {
    now = new Date('2026-11-24T02:00:00Z');
    await keepStaffSessionsAlive(t);
    const s = await seedTour(t);
    const admin = await staffHeader(t, 'admin');
    const liaison = await staffHeader(t, 'unit_liaison', { unitId: s.unit.id });
    const c = await t.app.inject({
      method: 'POST',
      url: '/api/staff/rectifications',
      headers: admin,
      payload: { sourceKind: 'notice', sourceId: 'LXLG-2026-001', unitId: s.unit.id, inspectedUnitId: s.inspected.id, title: '惠民资金公示不到位', requirement: '5 个工作日内完成公示并报送照片', deadlineDays: 5 },
    });
    expect(c.statusCode).toBe(201);
    const task = c.json();
    expect(task).toMatchObject({ status: 'pending', issuedOn: '2026-11-24', dueOn: '2026-12-01', overdue: false, incomplete: false, unitName: s.unit.name });

    // submitting without evidence is refused; reviewers cannot upload; the liaison can
    expect((await t.app.inject({ method: 'POST', url: `/api/staff/rectifications/${task.id}/submit`, headers: liaison, payload: {} })).json().code).toBe('EVIDENCE_REQUIRED');
    expect((await upload(admin, task.id, await png())).statusCode).toBe(403);
    let r = await upload(liaison, task.id, await png(), '公示照片.png', 'image/png', '村务公开栏');
    expect(r.statusCode).toBe(201);
    expect(r.json().evidence).toEqual([expect.objectContaining({ fileName: '公示照片.png', contentType: 'image/png', note: '村务公开栏' })]);
    r = await upload(liaison, task.id, Buffer.from('%PDF-1.4\n%%EOF\n'), '整改报告.pdf', 'application/pdf');
    expect(r.statusCode).toBe(201);
    expect((await upload(liaison, task.id, Buffer.from('plain text'), 'a.txt', 'text/plain')).statusCode).toBe(415);
    const ev = r.json().evidence[0];
    const link = await t.app.inject({ method: 'GET', url: `/api/staff/rectifications/${task.id}/evidence/${ev.id}`, headers: admin });
    expect(link.json().url).toContain('rectification');

    r = await t.app.inject({ method: 'POST', url: `/api/staff/rectifications/${task.id}/submit`, headers: liaison, payload: {} });
    expect(r.json().status).toBe('submitted');
    expect((await t.app.inject({ method: 'POST', url: `/api/staff/rectifications/${task.id}/review`, headers: liaison, payload: { decision: 'accept' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/staff/rectifications/${task.id}/review`, headers: admin, payload: { decision: 'return', note: '' } })).statusCode).toBe(400);
    r = await t.app.inject({ method: 'POST', url: `/api/staff/rectifications/${task.id}/review`, headers: admin, payload: { decision: 'return', note: '缺少公示期满照片' } });
    expect(r.json()).toMatchObject({ status: 'returned', returnCount: 1, reviewNote: '缺少公示期满照片' });
    expect((await t.app.inject({ method: 'POST', url: `/api/staff/rectifications/${task.id}/review`, headers: admin, payload: { decision: 'accept' } })).statusCode).toBe(409);

    // past the due date and not accepted -> overdue
    now = new Date('2026-12-02T02:00:00Z');
    await keepStaffSessionsAlive(t);
    r = await t.app.inject({ method: 'GET', url: `/api/staff/rectifications/${task.id}`, headers: liaison });
    expect(r.json().overdue).toBe(true);
    const list = await t.app.inject({ method: 'GET', url: '/api/staff/rectifications?overdue=true', headers: admin });
    expect(list.json().items.map((x: { id: string }) => x.id)).toContain(task.id);
    expect(list.json().overdueCount).toBeGreaterThanOrEqual(1);

    await upload(liaison, task.id, await png(), '期满照片.png');
    await t.app.inject({ method: 'POST', url: `/api/staff/rectifications/${task.id}/submit`, headers: liaison, payload: {} });
    r = await t.app.inject({ method: 'POST', url: `/api/staff/rectifications/${task.id}/review`, headers: admin, payload: { decision: 'accept', note: '整改到位' } });
    expect(r.json()).toMatchObject({ status: 'accepted', overdue: false, incomplete: false });
    expect((await upload(liaison, task.id, await png())).statusCode).toBe(409);

    // 整改不彻底, by hand
    r = await t.app.inject({ method: 'POST', url: `/api/staff/rectifications/${task.id}/incomplete`, headers: admin, payload: { note: '回访发现公示已撤下' } });
    expect(r.json()).toMatchObject({ incomplete: true, incompleteNote: '回访发现公示已撤下' });
    const actions = (await t.db.prisma.auditLog.findMany({ where: { entityId: task.id }, orderBy: { id: 'asc' } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['rectification.create', 'rectification.evidence', 'rectification.submit', 'rectification.return', 'rectification.accept', 'rectification.incomplete']));
  });

  it('counts the deadline on the working-day calendar, staff overrides included', async () => {
    now = new Date('2026-11-27T02:00:00Z'); // Friday
    await keepStaffSessionsAlive(t);
    const s = await seedTour(t);
    const admin = await staffHeader(t, 'admin');
    const body = { sourceKind: 'warning', sourceId: null, unitId: s.unit.id, title: '整改', requirement: '整改要求', deadlineDays: 1 };
    let r = await t.app.inject({ method: 'POST', url: '/api/staff/rectifications', headers: admin, payload: body });
    expect(r.json()).toMatchObject({ issuedOn: '2026-11-27', dueOn: '2026-11-30' }); // over the weekend
    await t.db.prisma.calendarOverride.create({ data: { day: new Date('2026-11-30T00:00:00Z'), isWorkday: false, note: '测试' } });
    r = await t.app.inject({ method: 'POST', url: '/api/staff/rectifications', headers: admin, payload: body });
    expect(r.json().dueOn).toBe('2026-12-01');
    await t.db.prisma.calendarOverride.delete({ where: { day: new Date('2026-11-30T00:00:00Z') } });
  });

  it("keeps a liaison to its own unit's tasks and a tour group to its own units", async () => {
    now = new Date('2026-11-24T02:00:00Z');
    await keepStaffSessionsAlive(t);
    const a = await seedTour(t);
    const b = await seedTour(t);
    const admin = await staffHeader(t, 'admin');
    const mk = async (s: typeof a) =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/staff/rectifications',
          headers: admin,
          payload: { sourceKind: 'report', sourceId: null, unitId: s.unit.id, inspectedUnitId: s.inspected.id, title: '整改', requirement: '整改要求', deadlineDays: 10 },
        })
      ).json();
    const ta = await mk(a);
    const tb = await mk(b);
    const liaisonA = await staffHeader(t, 'unit_liaison', { unitId: a.unit.id });
    const list = (await t.app.inject({ method: 'GET', url: '/api/staff/rectifications?pageSize=200', headers: liaisonA })).json();
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([ta.id]);
    expect(list.items[0].unitName).toBe(a.unit.name);
    expect((await t.app.inject({ method: 'GET', url: `/api/staff/rectifications/${tb.id}`, headers: liaisonA })).statusCode).toBe(403);
    expect((await upload(liaisonA, tb.id, await png())).statusCode).toBe(403);
    const liaisonNoUnit = await staffHeader(t, 'unit_liaison');
    expect((await t.app.inject({ method: 'GET', url: '/api/staff/rectifications', headers: liaisonNoUnit })).json().total).toBe(0);

    const groupA = await staffHeader(t, 'tour_group', { tourGroupId: a.group.id });
    expect((await t.app.inject({ method: 'GET', url: `/api/staff/rectifications/${ta.id}`, headers: groupA })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/staff/rectifications/${tb.id}`, headers: groupA })).statusCode).toBe(403);
    const create = await t.app.inject({
      method: 'POST',
      url: '/api/staff/rectifications',
      headers: groupA,
      payload: { sourceKind: 'report', unitId: b.unit.id, inspectedUnitId: b.inspected.id, title: 'x', requirement: 'y', deadlineDays: 3 },
    });
    expect(create.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/staff/rectifications', headers: await staffHeader(t, 'intake') })).statusCode).toBe(403);
  });

  it('flagIncompleteRectification flags accepted tasks linked to a warning of the same model and unit', async () => {
    const s = await seedTour(t);
    const prisma = t.db.prisma;
    const run = await prisma.alertRun.create({ data: { asOf: new Date('2026-03-01T00:00:00Z') } });
    const w = await prisma.alertWarning.create({ data: { model: 'overdue', level: 'case', subject: 'C1', runId: run.id, asOf: run.asOf, unitCode: s.unit.code } });
    const base = { sourceKind: 'warning' as const, sourceId: w.id, unitId: s.unit.id, title: '办件超期整改', requirement: '整改', deadlineDays: 10, issuedOn: run.asOf, dueOn: run.asOf };
    const accepted = await prisma.rectificationTask.create({ data: { ...base, status: 'accepted' } });
    const open = await prisma.rectificationTask.create({ data: { ...base, status: 'pending' } });
    const otherSource = await prisma.rectificationTask.create({ data: { ...base, sourceId: 'not-a-uuid', status: 'accepted' } });

    expect(await prisma.$transaction((tx) => flagIncompleteRectification(tx, { model: 'dissatisfied', unitId: s.unit.id }))).toBe(0);
    expect(await prisma.$transaction((tx) => flagIncompleteRectification(tx, { model: 'overdue', unitId: s.unit.id }))).toBe(1);
    const rows = await prisma.rectificationTask.findMany({ where: { id: { in: [accepted.id, open.id, otherSource.id] } } });
    expect(Object.fromEntries(rows.map((r) => [r.id, r.incomplete]))).toEqual({ [accepted.id]: true, [open.id]: false, [otherSource.id]: false });
    // already flagged: not counted again
    expect(await prisma.$transaction((tx) => flagIncompleteRectification(tx, { model: 'overdue', unitId: s.unit.id }))).toBe(0);
  });
});
