import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, staffHeader, type TestApp } from '../../test-support/app';
import { seedTour } from '../tours/test-fixtures';

// Today: Friday 2026-11-20 in Beijing; two working days ahead is Tuesday 2026-11-24 (the weekend does not count).
const now = new Date('2026-11-20T02:00:00Z');
let t: TestApp;
let intake: Record<string, string>;
let group: Record<string, string>;
let liaison: Record<string, string>;
let reportA: string;

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
type Todos = Record<string, number>;
const todos = async (h: Record<string, string>): Promise<Todos> => {
  const r = await t.app.inject({ method: 'GET', url: '/api/staff/desk', headers: h });
  expect(r.statusCode, r.body).toBe(200);
  return Object.fromEntries(r.json().todos.map((x: { key: string; count: number }) => [x.key, x.count]));
};
const listTotal = async (h: Record<string, string>, url: string) => {
  const r = await t.app.inject({ method: 'GET', url, headers: h });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().total as number;
};

beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => now } });
  const p = t.db.prisma;
  await p.reportCategory.create({ data: { code: 'desk_cat', name: '作风问题', replyDays: 15 } });
  const tour = await seedTour(t);
  const other = await seedTour(t);
  const liaisonUnit = await p.unit.create({ data: { code: 'DESK-U', name: '县交通运输局', kind: 'department' } });
  let n = 0;
  const report = async (status: 'submitted' | 'accepted' | 'assigned' | 'in_progress' | 'replied', due: string, assignee: { group?: string; unit?: string } = {}) =>
    (
      await p.report.create({
        data: {
          serial: `JBDESK-${++n}`,
          category: 'desk_cat',
          content: `工作台测试举报${n}`,
          status,
          submittedAt: new Date('2026-11-10T02:00:00Z'),
          acceptDueOn: status === 'submitted' ? d(due) : d('2026-11-13'),
          replyDueOn: status === 'submitted' ? null : d(due),
          assigneeTourGroupId: assignee.group ?? null,
          assigneeUnitId: assignee.unit ?? null,
        },
      })
    ).id;
  reportA = await report('submitted', '2026-11-23'); // 待受理, 即将到期
  await report('submitted', '2026-11-19'); // 待受理, 已超期
  await report('submitted', '2026-11-25'); // 待受理 (three working days ahead: not yet 即将到期)
  await report('accepted', '2026-11-24'); // 待交办, 即将到期 (the last day of the window)
  await report('assigned', '2026-11-20', { group: tour.group.id }); // the group's 待办理, due today: 即将到期
  await report('in_progress', '2026-11-10', { group: tour.group.id }); // the group's 办理中, 已超期
  await report('in_progress', '2026-12-31', { unit: liaisonUnit.id }); // the liaison's 办理中
  await report('replied', '2026-11-01', { group: tour.group.id }); // answered: no longer on anyone's list

  const task = (unitId: string, inspectedUnitId: string | null, status: 'pending' | 'submitted' | 'returned' | 'accepted') =>
    p.rectificationTask.create({
      data: { sourceKind: 'report', unitId, inspectedUnitId, title: '整改', requirement: '整改要求', deadlineDays: 10, issuedOn: d('2026-11-01'), dueOn: d('2026-11-30'), status },
    });
  await task(tour.unit.id, tour.inspected.id, 'submitted');
  await task(tour.unit.id, tour.inspected.id, 'accepted');
  await task(other.unit.id, other.inspected.id, 'submitted');
  await task(liaisonUnit.id, null, 'pending');
  await task(liaisonUnit.id, null, 'returned');
  await task(liaisonUnit.id, null, 'submitted');
  // a task the group follows because its 立行立改 notice opened it (no inspection of that unit)
  await p.rectificationTask.create({
    data: { sourceKind: 'notice', unitId: liaisonUnit.id, tourGroupId: tour.group.id, title: '立行立改', requirement: '整改要求', deadlineDays: 5, issuedOn: d('2026-11-01'), dueOn: d('2026-11-30'), status: 'submitted' },
  });

  const run = await p.alertRun.create({ data: { asOf: d('2026-11-19') } });
  const warn = (subject: string, unitCode: string, status = 'open') =>
    p.alertWarning.create({ data: { model: 'overdue', level: 'case', subject, runId: run.id, asOf: d('2026-11-19'), unitCode, status } });
  await warn('w1', tour.unit.code);
  await warn('w2', tour.unit.code, 'closed');
  await warn('w3', other.unit.code);

  intake = await staffHeader(t, 'intake');
  group = await staffHeader(t, 'tour_group', { tourGroupId: tour.group.id });
  liaison = await staffHeader(t, 'unit_liaison', { unitId: liaisonUnit.id });
}, 120_000);
afterAll(async () => t?.close());

describe('GET /api/staff/desk', () => {
  it('counts the intake desk’s to-dos, each equal to the total of the list it opens', async () => {
    const c = await todos(intake);
    expect(c).toEqual({ to_accept: 3, to_assign: 1, due_soon: 3, overdue: 2 });
    expect(await listTotal(intake, '/api/staff/reports?status=submitted')).toBe(c.to_accept);
    expect(await listTotal(intake, '/api/staff/reports?status=accepted')).toBe(c.to_assign);
    expect(await listTotal(intake, '/api/staff/reports?dueSoon=true')).toBe(c.due_soon);
    expect(await listTotal(intake, '/api/staff/reports?overdue=true')).toBe(c.overdue);
  });

  it('scopes a tour group’s desk to its own reports, rectifications and pushed warnings', async () => {
    const c = await todos(group);
    expect(c).toEqual({ to_start: 1, in_progress: 1, due_soon: 1, overdue: 1, rectification_review: 2, group_warnings: 1 });
    expect(await listTotal(group, '/api/staff/reports?status=assigned')).toBe(c.to_start);
    expect(await listTotal(group, '/api/staff/reports?dueSoon=true')).toBe(c.due_soon);
    expect(await listTotal(group, '/api/staff/reports?overdue=true')).toBe(c.overdue);
    expect(await listTotal(group, '/api/staff/rectifications?status=submitted')).toBe(c.rectification_review);
    expect(await listTotal(group, '/api/staff/alerts/warnings?status=open')).toBe(c.group_warnings);
  });

  it('shows a unit liaison what waits on the unit', async () => {
    const c = await todos(liaison);
    expect(c).toEqual({ to_start: 0, in_progress: 1, due_soon: 0, overdue: 0, rectification_todo: 1 });
    expect(await listTotal(liaison, '/api/staff/rectifications?status=pending')).toBe(c.rectification_todo);
    const figures = (await t.app.inject({ method: 'GET', url: '/api/staff/desk', headers: liaison })).json().figures;
    expect(figures.map((f: { key: string }) => f.key)).toEqual(['replied', 'reply_on_time', 'satisfaction', 'overdue_now']);
  });

  it('moves the counts when a report is accepted, and lists it among my recent items', async () => {
    const acted = await t.app.inject({ method: 'POST', url: `/api/staff/reports/${reportA}/transitions`, headers: intake, payload: { action: 'accept' } });
    expect(acted.statusCode, acted.body).toBe(200);
    // accepted today: off 待受理, onto 待交办, and its new reply deadline (15 working days) is no longer near
    expect(await todos(intake)).toEqual({ to_accept: 2, to_assign: 2, due_soon: 2, overdue: 2 });
    const desk = (await t.app.inject({ method: 'GET', url: '/api/staff/desk', headers: intake })).json();
    expect(desk.recent).toHaveLength(1);
    expect(desk.recent[0]).toMatchObject({ id: reportA, serial: 'JBDESK-1', status: 'accepted', lastAction: 'accepted' });
    expect(desk.figuresFrom).toBe('2026-01-01');
    const figures = Object.fromEntries(desk.figures.map((f: { key: string }) => [f.key, f]));
    expect(figures.submitted).toMatchObject({ value: 8, kind: 'count' });
    // decided: A on time; still undecided past its deadline: the 11-19 one
    expect(figures.accept_on_time).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
    expect(figures.overdue_now).toMatchObject({ value: 2 });
    // someone else's desk does not list my work
    expect((await t.app.inject({ method: 'GET', url: '/api/staff/desk', headers: group })).json().recent).toEqual([]);
  });
  it('counts 待我审批 for a supervisor: others’ identity and 延期 requests, never their own', async () => {
    const p = t.db.prisma;
    const sup = await staffHeader(t, 'supervisor', { username: 'desk_sup' });
    const me = (await p.staffUser.findUniqueOrThrow({ where: { username: 'desk_sup' } })).id;
    expect((await todos(sup)).approvals).toBe(0);
    const at = new Date('2026-11-19T02:00:00Z');
    const OTHER_STAFF = '99999999-9999-4999-8999-999999999999';
    await p.identityRevealRequest.create({ data: { reportId: reportA, requesterId: OTHER_STAFF, reason: '核实', createdAt: at } });
    await p.identityRevealRequest.create({ data: { reportId: reportA, requesterId: me, reason: '本人申请', createdAt: at } });
    await p.identityRevealRequest.create({ data: { reportId: reportA, requesterId: OTHER_STAFF, reason: '已批', status: 'approved', createdAt: at } });
    await p.reportExtension.create({ data: { reportId: reportA, requesterId: OTHER_STAFF, workdays: 3, reason: '调取材料', dueOnBefore: d('2026-12-04'), createdAt: at } });
    const c = await todos(sup);
    expect(c.approvals).toBe(2);
    expect(Object.keys(c)[0]).toBe('approvals');
    // the two queues of the page it opens hold exactly those two (and my own request, which I cannot decide)
    const revealRes = await t.app.inject({ method: 'GET', url: '/api/staff/identity-requests', headers: sup });
    expect(revealRes.statusCode, revealRes.body).toBe(200);
    const reveals = revealRes.json().items;
    const extensions = (await t.app.inject({ method: 'GET', url: '/api/staff/extension-requests', headers: sup })).json().items;
    expect([...reveals, ...extensions].filter((x: { requesterId: string }) => x.requesterId !== me)).toHaveLength(2);
  });
});
