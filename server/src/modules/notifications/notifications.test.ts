import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, staffHeader, type TestApp } from '../../test-support/app';
import { seedTour } from '../tours/test-fixtures';

// Friday 2026-11-20 in Beijing; two working days ahead is Tuesday 11-24. The clock is moved by the tests.
let now = new Date('2026-11-20T02:00:00Z');
let t: TestApp;
let intake: Record<string, string>;
let group: Record<string, string>;
let liaison: Record<string, string>;
const ids: Record<string, string> = {};

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
interface Reminder {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  readAt: string | null;
}
const list = async (h: Record<string, string>, query = '') => {
  const r = await t.app.inject({ method: 'GET', url: `/api/staff/notifications${query}`, headers: h });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { items: Reminder[]; total: number; unread: number };
};
const summary = async (h: Record<string, string>) => {
  const r = await t.app.inject({ method: 'GET', url: '/api/staff/notifications/summary', headers: h });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { unread: number; latest: Reminder[] };
};
const byKind = (items: Reminder[]) => {
  const out: Record<string, string[]> = {};
  for (const i of items) (out[i.kind] ??= []).push(i.title);
  for (const k of Object.keys(out)) out[k]!.sort();
  return out;
};

beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => now } });
  const p = t.db.prisma;
  await p.reportCategory.create({ data: { code: 'rem_cat', name: '作风问题', replyDays: 15 } });
  const tour = await seedTour(t);
  const other = await seedTour(t);
  const unit = await p.unit.create({ data: { code: 'REM-U', name: '县交通运输局', kind: 'department' } });
  const report = async (
    serial: string,
    status: 'submitted' | 'accepted' | 'assigned' | 'in_progress',
    due: string,
    opts: { group?: string; unit?: string; submitted?: string } = {},
  ) =>
    (
      await p.report.create({
        data: {
          serial,
          category: 'rem_cat',
          content: `不应出现在提醒里的举报正文 ${serial}`,
          status,
          submittedAt: new Date(`${opts.submitted ?? '2026-11-18'}T02:00:00Z`),
          acceptDueOn: status === 'submitted' ? d(due) : d('2026-11-13'),
          replyDueOn: status === 'submitted' ? null : d(due),
          assigneeTourGroupId: opts.group ?? null,
          assigneeUnitId: opts.unit ?? null,
        },
      })
    ).id;
  ids.fresh = await report('JB-REM-1', 'submitted', '2026-11-27'); // new in the window, deadline far: 新收件 only
  ids.soon = await report('JB-REM-2', 'submitted', '2026-11-23'); // 新收件 + 即将到期
  ids.old = await report('JB-REM-3', 'submitted', '2026-11-19', { submitted: '2026-11-02' }); // too old to announce, but 已超期
  ids.assigned = await report('JB-REM-4', 'assigned', '2026-12-10', { group: tour.group.id });
  await p.reportEvent.create({ data: { reportId: ids.assigned, kind: 'assigned', actorType: 'staff', at: new Date('2026-11-19T03:00:00Z') } });
  ids.otherGroup = await report('JB-REM-5', 'assigned', '2026-12-10', { group: other.group.id });
  await p.reportEvent.create({ data: { reportId: ids.otherGroup, kind: 'assigned', actorType: 'staff', at: new Date('2026-11-19T03:00:00Z') } });
  ids.returned = await report('JB-REM-6', 'accepted', '2026-12-10');
  await p.reportEvent.create({ data: { reportId: ids.returned, kind: 'returned', actorType: 'staff', note: '不属本单位职责', at: new Date('2026-11-19T05:00:00Z') } });

  const task = (unitId: string, inspectedUnitId: string | null, status: 'pending' | 'submitted' | 'returned', extra: object = {}) =>
    p.rectificationTask.create({
      data: { sourceKind: 'report', unitId, inspectedUnitId, title: `整改${status}`, requirement: '整改要求', deadlineDays: 10, issuedOn: d('2026-11-16'), dueOn: d('2026-11-30'), status, ...extra },
    });
  await task(tour.unit.id, tour.inspected.id, 'submitted', { submittedAt: new Date('2026-11-19T06:00:00Z') });
  await task(other.unit.id, other.inspected.id, 'submitted', { submittedAt: new Date('2026-11-19T06:00:00Z') });
  await task(unit.id, null, 'pending');
  await task(unit.id, null, 'returned', { returnCount: 1 });

  const run = await p.alertRun.create({ data: { asOf: d('2026-11-19') } });
  const warn = (subject: string, unitCode: string, status = 'open') =>
    p.alertWarning.create({ data: { model: 'overdue', level: 'case', subject, runId: run.id, asOf: d('2026-11-19'), unitCode, status } });
  await warn('w1', tour.unit.code);
  await warn('w2', tour.unit.code);
  await warn('w3', tour.unit.code, 'closed');
  await warn('w4', other.unit.code);

  intake = await staffHeader(t, 'intake');
  group = await staffHeader(t, 'tour_group', { tourGroupId: tour.group.id });
  liaison = await staffHeader(t, 'unit_liaison', { unitId: unit.id });
}, 120_000);
afterAll(async () => t?.close());

describe('提醒中心', () => {
  it('tells intake about new, returned, due and overdue cases once, with the day’s digest', async () => {
    const first = await summary(intake);
    const all = await list(intake);
    expect(byKind(all.items)).toEqual({
      report_arrived: ['新收件待受理：JB-REM-1', '新收件待受理：JB-REM-2'],
      report_returned: ['被退回待重新交办：JB-REM-6'],
      due_soon: ['即将到期：JB-REM-2'],
      overdue: ['已超期：JB-REM-3'],
      daily_digest: ['11月20日待办摘要'],
    });
    expect(first.unread).toBe(6);
    const digest = all.items.find((i) => i.kind === 'daily_digest')!;
    expect(digest.body).toBe('待受理 3 件，待交办 1 件，即将到期 1 件，已超期 1 件');
    expect(all.items.find((i) => i.kind === 'due_soon')).toMatchObject({ body: '作风问题，受理时限 2026-11-23', link: `/reports/${ids.soon}` });
    expect(all.items.find((i) => i.kind === 'report_returned')!.body).toContain('不属本单位职责');
    // polling again adds nothing
    expect((await summary(intake)).unread).toBe(6);
    expect((await list(intake)).total).toBe(6);
    // never the report's text: a 交办单's masked passages must not reappear in a reminder
    expect(JSON.stringify(all.items)).not.toContain('举报正文');
  });

  it('scopes a tour group’s reminders to its own cases, rectifications and warnings', async () => {
    const items = (await list(group)).items;
    expect(byKind(items)).toEqual({
      report_assigned: ['新交办：JB-REM-4'],
      rectification_submitted: ['整改材料待审核：整改submitted'],
      group_warnings: ['本组巡察单位新增预警 2 条'],
      daily_digest: ['11月20日待办摘要'],
    });
    expect(items.find((i) => i.kind === 'group_warnings')).toMatchObject({ body: '数据截至 2026-11-19，涉及 1 个单位', link: '/alerts/warnings?status=open' });
  });

  it('tells a unit liaison about new and returned rectification tasks', async () => {
    expect(byKind((await list(liaison)).items)).toEqual({
      rectification_assigned: ['整改被退回，请重新提交：整改returned', '新整改任务：整改pending'],
      daily_digest: ['11月20日待办摘要'],
    });
  });

  it('announces a new deadline again', async () => {
    await t.db.prisma.report.update({ where: { id: ids.fresh }, data: { acceptDueOn: d('2026-11-24') } });
    const items = (await list(intake)).items;
    expect(byKind(items).due_soon).toEqual(['即将到期：JB-REM-1', '即将到期：JB-REM-2']);
    expect(items.filter((i) => i.kind === 'daily_digest')).toHaveLength(1);
  });

  it('sends no digest on a rest day', async () => {
    now = new Date('2026-11-21T02:00:00Z'); // Saturday
    try {
      const weekend = await staffHeader(t, 'intake');
      const kinds = (await list(weekend)).items.map((i) => i.kind);
      expect(kinds).toContain('due_soon');
      expect(kinds).not.toContain('daily_digest');
    } finally {
      now = new Date('2026-11-20T02:00:00Z');
    }
  });

  it('marks read one by one (idempotent, only one’s own) and all at once', async () => {
    const before = await list(intake, '?unread=true');
    const target = before.items[0]!;
    const read = await t.app.inject({ method: 'POST', url: `/api/staff/notifications/${target.id}/read`, headers: intake });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().unread).toBe(before.unread - 1);
    const again = await t.app.inject({ method: 'POST', url: `/api/staff/notifications/${target.id}/read`, headers: intake });
    expect(again.json().unread).toBe(before.unread - 1);
    const after = await list(intake, '?unread=true');
    expect(after.items.map((i) => i.id)).not.toContain(target.id);
    // someone else's reminder is not found, and stays unread for its owner
    const groupItem = (await list(group)).items[0]!;
    const foreign = await t.app.inject({ method: 'POST', url: `/api/staff/notifications/${groupItem.id}/read`, headers: intake });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('NOT_FOUND');
    expect((await list(group)).items.find((i) => i.id === groupItem.id)!.readAt).toBeNull();
    const bad = await t.app.inject({ method: 'POST', url: '/api/staff/notifications/not-a-uuid/read', headers: intake });
    expect(bad.statusCode).toBe(400);
    const all = await t.app.inject({ method: 'POST', url: '/api/staff/notifications/read-all', headers: intake });
    expect(all.json()).toEqual({ unread: 0 });
    expect((await summary(intake)).unread).toBe(0);
  });

  it('tells a supervisor about others’ approval requests, never their own', async () => {
    const p = t.db.prisma;
    const sup = await staffHeader(t, 'supervisor', { username: 'rem_sup' });
    const me = (await p.staffUser.findUniqueOrThrow({ where: { username: 'rem_sup' } })).id;
    const OTHER = '99999999-9999-4999-8999-999999999999';
    const at = new Date('2026-11-19T02:00:00Z');
    await p.identityRevealRequest.create({ data: { reportId: ids.returned, requesterId: OTHER, reason: '核实举报人联系方式', createdAt: at } });
    await p.identityRevealRequest.create({ data: { reportId: ids.returned, requesterId: me, reason: '本人申请', createdAt: at } });
    await p.reportExtension.create({ data: { reportId: ids.assigned, requesterId: OTHER, workdays: 3, reason: '调取材料', dueOnBefore: d('2026-12-10'), createdAt: at } });
    const approvals = (await list(sup)).items.filter((i) => i.kind === 'approval_requested');
    expect(approvals.map((i) => [i.title, i.body]).sort()).toEqual([
      ['延期待审批：JB-REM-4', '申请延期 3 个工作日，理由：调取材料'],
      ['身份查看待审批：JB-REM-6', '理由：核实举报人联系方式'],
    ]);
    expect(approvals.every((i) => i.link === '/approvals')).toBe(true);
  });

  it('is not the auditor’s (三员分立: no case work)', async () => {
    const auditor = await staffHeader(t, 'auditor');
    const r = await t.app.inject({ method: 'GET', url: '/api/staff/notifications/summary', headers: auditor });
    expect(r.statusCode).toBe(403);
  });
});
