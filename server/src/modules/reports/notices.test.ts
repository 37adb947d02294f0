// 立行立改通知书 on the one rectification track: addressed to a unit, numbered per year, answered as the task it opens
// (in 整改跟踪, by that unit only), its steps on the report's timeline, printable; older notices migrated into tasks.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, listMigrations } from '../../db/migrate';
import { migrationsDir } from '../../db/paths';
import { createTestApp, keepStaffSessionsAlive, citizenHeader, staffHeader, type TestApp } from '../../test-support/app';
import { createTestDatabase } from '../../test-support/database';
import { pdfPageCount } from '../posters';

let now = new Date('2026-12-01T02:00:00Z'); // Tuesday
let t: TestApp;
let H: Record<'intake' | 'supervisor' | 'groupA' | 'groupB' | 'liaisonAccused' | 'liaisonTown' | 'liaisonOther', Record<string, string>>;
let accused: string;
let town: string;
let other: string;
let groupA: string;

const post = (url: string, who: keyof typeof H, payload: object) => t.app.inject({ method: 'POST', url, headers: H[who], payload });
const get = (url: string, who: keyof typeof H) => t.app.inject({ method: 'GET', url, headers: H[who] });
const issue = (id: string, who: keyof typeof H, payload: object) => post(`/api/staff/reports/${id}/rectification-notices`, who, payload);

beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => now } });
  const p = t.db.prisma;
  accused = (await p.unit.create({ data: { code: 'N01', name: '东村村委会', kind: 'village' } })).id;
  town = (await p.unit.create({ data: { code: 'N02', name: '城关镇人民政府', kind: 'township' } })).id;
  other = (await p.unit.create({ data: { code: 'N03', name: '县住建局', kind: 'department' } })).id;
  groupA = (await p.tourGroup.create({ data: { name: '第一巡察组' } })).id;
  const groupB = (await p.tourGroup.create({ data: { name: '第二巡察组' } })).id;
  H = {
    intake: await staffHeader(t, 'intake'),
    supervisor: await staffHeader(t, 'supervisor'),
    groupA: await staffHeader(t, 'tour_group', { tourGroupId: groupA }),
    groupB: await staffHeader(t, 'tour_group', { tourGroupId: groupB }),
    liaisonAccused: await staffHeader(t, 'unit_liaison', { unitId: accused }),
    liaisonTown: await staffHeader(t, 'unit_liaison', { unitId: town }),
    liaisonOther: await staffHeader(t, 'unit_liaison', { unitId: other }),
  };
}, 120_000);
afterAll(async () => t?.close());

/** A report about `reportedUnitId`, handled by group A (or by `unitId`). */
async function inProgress(reportedUnitId: string | undefined, assignee: object = { tourGroupId: groupA }) {
  const filed = await t.app.inject({
    method: 'POST',
    url: '/api/public/reports',
    headers: await citizenHeader(t),
    payload: { category: 'illegal_fees', content: '东村村委会收取危房改造评定费每户两百元。', ...(reportedUnitId ? { reportedUnitId } : { reportedUnitText: '某村' }), confidential: true },
  });
  expect(filed.statusCode, filed.body).toBe(201);
  const id = filed.json().id as string;
  for (const body of [{ action: 'accept' }, { action: 'assign', ...assignee }, { action: 'start' }]) {
    const res = await post(`/api/staff/reports/${id}/transitions`, body.action === 'start' ? 'supervisor' : 'intake', body);
    expect(res.statusCode, res.body).toBe(200);
  }
  return id;
}

const timeline = async (id: string) =>
  ((await get(`/api/staff/reports/${id}`, 'supervisor')).json().events as { kind: string; note: string | null }[]).filter((e) => e.kind.startsWith('rectification_'));

describe('立行立改通知书', () => {
  it('is addressed to the reported unit by default or to the unit named, numbered 〔year〕立改第N号 per year', async () => {
    now = new Date('2026-12-01T02:00:00Z');
    await keepStaffSessionsAlive(t);
    const report = await inProgress(accused);
    let res = await issue(report, 'groupA', { content: '立即停止收取评定费并逐户清退', deadlineDays: 5 });
    expect(res.statusCode, res.body).toBe(201);
    const first = res.json();
    expect(first).toMatchObject({ unitId: accused, unitName: '东村村委会', status: 'issued', taskStatus: 'pending', dueOn: '2026-12-08' });
    expect(first.serial).toMatch(/^〔2026〕立改第\d+号$/);
    const n = Number(first.serial.match(/第(\d+)号/)[1]);

    // the issuer may address the unit above it instead
    res = await issue(report, 'supervisor', { unitId: town, content: '督促东村村委会清退并开展全镇自查', deadlineDays: 10 });
    expect(res.json()).toMatchObject({ unitId: town, unitName: '城关镇人民政府', serial: `〔2026〕立改第${n + 1}号` });

    // a new year starts again at 1
    now = new Date('2027-01-04T02:00:00Z');
    await keepStaffSessionsAlive(t);
    res = await issue(report, 'groupA', { content: '巩固整改成果，建立收费公示制度', deadlineDays: 3 });
    expect(res.json().serial).toBe('〔2027〕立改第1号');

    const events = await timeline(report);
    expect(events.map((e) => e.kind)).toEqual(['rectification_issued', 'rectification_issued', 'rectification_issued']);
    expect(events[1]!.note).toContain(`〔2026〕立改第${n + 1}号 致城关镇人民政府`);
    const audit = await t.db.prisma.auditLog.findMany({ where: { action: 'report.rectification_issue', entityId: report } });
    expect(audit).toHaveLength(3);
  });

  it('refuses an unknown unit, and asks for one when the report names none; nothing is numbered or opened', async () => {
    now = new Date('2026-12-02T02:00:00Z');
    await keepStaffSessionsAlive(t);
    const named = await inProgress(accused);
    const before = { notices: await t.db.prisma.rectificationNotice.count(), tasks: await t.db.prisma.rectificationTask.count() };
    let res = await issue(named, 'groupA', { unitId: '00000000-0000-4000-8000-000000000000', content: '立即整改收费问题', deadlineDays: 5 });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues).toEqual([expect.objectContaining({ path: 'unitId', message: '整改单位不存在，请重新选择' })]);
    res = await issue(named, 'groupA', { unitId: 'x', content: '立即整改收费问题', deadlineDays: 0 });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues.map((i: { path: string; message: string }) => [i.path, i.message])).toEqual([
      ['unitId', '请选择整改单位'],
      ['deadlineDays', '期限至少 1 个工作日'],
    ]);
    const unnamed = await inProgress(undefined);
    res = await issue(unnamed, 'groupA', { content: '立即整改收费问题', deadlineDays: 5 });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0]).toMatchObject({ path: 'unitId', message: '该件没有被反映单位，请选择接收通知书的整改单位' });
    // the tour group handling another report, and liaisons, issue nothing
    expect((await issue(named, 'groupB', { content: '立即整改收费问题', deadlineDays: 5 })).statusCode).toBe(404);
    expect((await issue(named, 'liaisonAccused', { content: '立即整改收费问题', deadlineDays: 5 })).statusCode).toBe(403);
    expect({ notices: await t.db.prisma.rectificationNotice.count(), tasks: await t.db.prisma.rectificationTask.count() }).toEqual(before);
    // a report handled by a unit: the notice goes to the reported unit, never silently to nobody
    const byUnit = await inProgress(undefined, { unitId: other });
    res = await issue(byUnit, 'supervisor', { content: '立即整改收费问题', deadlineDays: 5 });
    expect(res.json()).toMatchObject({ unitId: other, unitName: '县住建局' });
  });

  it('opens a task in 整改跟踪 that the unit answers and the handling group reviews, each step on the report’s timeline', async () => {
    now = new Date('2026-12-03T02:00:00Z');
    await keepStaffSessionsAlive(t);
    const report = await inProgress(accused);
    const notice = (await issue(report, 'groupA', { unitId: town, content: '立即开展收费自查', deadlineDays: 5 })).json();

    // the addressed unit finds it on its own list; the group handling the report follows it (no inspection needed)
    let list = await get('/api/staff/rectifications?status=pending&pageSize=200', 'liaisonTown');
    const task = list.json().items.find((x: { id: string }) => x.id === notice.taskId);
    expect(task).toMatchObject({ sourceKind: 'notice', sourceId: notice.id, unitName: '城关镇人民政府', title: `立行立改通知书 ${notice.serial}`, notice: { id: notice.id, serial: notice.serial, reportId: report } });
    list = await get('/api/staff/rectifications?pageSize=200', 'groupA');
    expect(list.json().items.map((x: { id: string }) => x.id)).toContain(notice.taskId);
    list = await get('/api/staff/rectifications?pageSize=200', 'groupB');
    expect(list.json().items.map((x: { id: string }) => x.id)).not.toContain(notice.taskId);
    expect((await get(`/api/staff/rectifications/${notice.taskId}`, 'groupB')).statusCode).toBe(403);
    // the accused unit is not the addressee here: it neither sees nor answers it
    expect((await get(`/api/staff/rectifications/${notice.taskId}`, 'liaisonAccused')).statusCode).toBe(403);

    const upload = (who: keyof typeof H) =>
      t.app.inject({
        method: 'POST',
        url: `/api/staff/rectifications/${notice.taskId}/evidence`,
        headers: { ...H[who], 'content-type': 'multipart/form-data; boundary=b' },
        payload: '--b\r\nContent-Disposition: form-data; name="file"; filename="自查报告.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--b--\r\n',
      });
    expect((await upload('liaisonTown')).statusCode).toBe(201);
    expect((await post(`/api/staff/rectifications/${notice.taskId}/submit`, 'liaisonTown', { note: '已完成全镇自查' })).json().status).toBe('submitted');
    expect((await post(`/api/staff/rectifications/${notice.taskId}/review`, 'groupB', { decision: 'accept' })).statusCode).toBe(403);
    expect((await post(`/api/staff/rectifications/${notice.taskId}/review`, 'groupA', { decision: 'return', note: '缺少清退台账' })).json().status).toBe('returned');
    let views = (await get(`/api/staff/reports/${report}`, 'groupA')).json().rectificationNotices;
    expect(views[0]).toMatchObject({ id: notice.id, status: 'issued', taskStatus: 'returned' });
    await upload('liaisonTown');
    await post(`/api/staff/rectifications/${notice.taskId}/submit`, 'liaisonTown', {});
    expect((await post(`/api/staff/rectifications/${notice.taskId}/review`, 'groupA', { decision: 'accept', note: '清退到位' })).json().status).toBe('accepted');
    views = (await get(`/api/staff/reports/${report}`, 'groupA')).json().rectificationNotices;
    expect(views[0]).toMatchObject({ status: 'completed', taskStatus: 'accepted', completedAt: expect.any(String) });

    const events = await timeline(report);
    expect(events.map((e) => [e.kind, e.note])).toEqual([
      ['rectification_issued', expect.stringContaining(notice.serial)],
      ['rectification_evidence', `${notice.serial}：已完成全镇自查`],
      ['rectification_returned', `${notice.serial}：缺少清退台账`],
      ['rectification_evidence', notice.serial],
      ['rectification_done', `${notice.serial}：清退到位`],
    ]);
    // none of it reaches the citizen's timeline
    const mine = await t.db.prisma.reportEvent.findMany({ where: { reportId: report, kind: { startsWith: 'rectification_' } } });
    expect(mine.every((e) => e.publicNote === null && e.toStatus === null)).toBe(true);
  });

  it('prints as a one-page PDF with its serial, for the report’s handlers and the addressed unit only (audited)', async () => {
    now = new Date('2026-12-04T02:00:00Z');
    await keepStaffSessionsAlive(t);
    const report = await inProgress(accused);
    const notice = (await issue(report, 'groupA', { unitId: town, content: '立即开展收费自查\n逐户清退并张榜公示', deadlineDays: 5 })).json();
    const url = `/api/staff/rectification-notices/${notice.id}/pdf`;
    for (const who of ['groupA', 'supervisor', 'intake', 'liaisonTown'] as const) {
      const res = await get(url, who);
      expect(res.statusCode, who).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toContain(encodeURIComponent(`立行立改通知书${notice.serial}.pdf`));
      expect(pdfPageCount(res.rawPayload)).toBe(1);
      const raw = res.rawPayload.toString('latin1');
      expect(raw).toMatch(/NotoSansHans/); // the CJK font is embedded
      // the document's title carries the serial (a UTF-16BE string in the document information)
      expect(res.rawPayload.includes(Buffer.from(`立行立改通知书 ${notice.serial}`, 'utf16le').swap16())).toBe(true);
    }
    for (const who of ['groupB', 'liaisonAccused', 'liaisonOther'] as const) expect((await get(url, who)).statusCode, who).toBe(404);
    expect(await t.db.prisma.auditLog.count({ where: { action: 'report.rectification_print', entityId: report } })).toBe(4);
  });
});

describe('notices issued before the one track', () => {
  it('the migration addresses, numbers and opens a task for each, following its progress', async () => {
    // the migrations up to this one's predecessor, then old-style rows, then the rest
    const all = await listMigrations();
    const mine = all.findIndex((m) => m.name.endsWith('_rectification_notice_track'));
    expect(mine).toBeGreaterThan(0);
    const dir = await mkdtemp(path.join(tmpdir(), 'msjd-mig-'));
    for (const m of all.slice(0, mine)) await cp(path.join(migrationsDir, m.name), path.join(dir, m.name), { recursive: true });
    const db = await createTestDatabase({ migrate: false });
    try {
      await applyMigrations(db.sql, dir);
      const q = (text: string, params: unknown[] = []) => db.sql.query<Record<string, unknown>>(text, params);
      const [u1] = await q(`INSERT INTO unit (code, name, kind) VALUES ('M1', '东村村委会', 'village') RETURNING id`);
      const [u2] = await q(`INSERT INTO unit (code, name, kind) VALUES ('M2', '县住建局', 'department') RETURNING id`);
      const report = async (serial: string, reported: unknown, assignee: unknown) =>
        (
          await q(
            `INSERT INTO report (serial, category, content, confidential, status, submitted_at, accept_due_on, reported_unit_id, assignee_unit_id)
             VALUES ($1, 'illegal_fees', '收费', true, 'in_progress', now(), '2026-11-30', $2, $3) RETURNING id`,
            [serial, reported, assignee],
          )
        )[0]!.id;
      const r1 = await report('JB1', u1!.id, null);
      const r2 = await report('JB2', null, u2!.id);
      const r3 = await report('JB3', null, null);
      const notice = async (reportId: unknown, issuedAt: string, status: string, evidenceAt: string | null = null, completedAt: string | null = null) =>
        (
          await q(
            `INSERT INTO rectification_notice (report_id, content, deadline_days, due_on, status, evidence, issued_at, evidence_at, completed_at, issued_by_id)
             VALUES ($1, '立即整改', 5, '2026-12-31', $2, $3, $4, $5, $6, 'not-a-uuid') RETURNING id`,
            [reportId, status, evidenceAt ? '已整改' : null, issuedAt, evidenceAt, completedAt],
          )
        )[0]!.id as string;
      // 2025-12-31 20:00 UTC is already 2026 in Beijing
      const a = await notice(r1, '2025-12-31T20:00:00Z', 'completed', '2026-01-05T02:00:00Z', '2026-01-06T02:00:00Z');
      const b = await notice(r2, '2026-03-01T02:00:00Z', 'evidence_submitted', '2026-03-02T02:00:00Z');
      const c = await notice(r3, '2025-06-01T02:00:00Z', 'issued');
      // one opened its task already (since 2026-11), still pending
      const d = await notice(r1, '2026-11-20T02:00:00Z', 'issued');
      await q(
        `INSERT INTO rectification_task ("sourceKind", "sourceId", "unitId", title, requirement, "deadlineDays", "issuedOn", "dueOn", "updatedAt")
         VALUES ('notice', $1, $2, '立行立改：举报 JB1', '立即整改', 5, '2026-11-20', '2026-11-27', now())`,
        [d, u1!.id],
      );

      await applyMigrations(db.sql);
      const notices = new Map((await q(`SELECT id, serial, unit_id FROM rectification_notice`)).map((r) => [r.id, r]));
      expect(notices.get(a)).toMatchObject({ serial: '〔2026〕立改第1号', unit_id: u1!.id });
      expect(notices.get(b)).toMatchObject({ serial: '〔2026〕立改第2号', unit_id: u2!.id });
      expect(notices.get(d)).toMatchObject({ serial: '〔2026〕立改第3号', unit_id: u1!.id });
      expect(notices.get(c)).toMatchObject({ serial: '〔2025〕立改第1号', unit_id: null });
      const tasks = new Map((await q(`SELECT "sourceId", "unitId", status::text, title, "submittedAt", "reviewedAt" FROM rectification_task WHERE "sourceKind" = 'notice'`)).map((r) => [r.sourceId, r]));
      expect(tasks.size).toBe(3); // the notice with no unit cannot be answered by anyone: it keeps its own record
      expect(tasks.get(a)).toMatchObject({ unitId: u1!.id, status: 'accepted', title: '立行立改通知书 〔2026〕立改第1号', reviewedAt: new Date('2026-01-06T02:00:00Z') });
      expect(tasks.get(b)).toMatchObject({ unitId: u2!.id, status: 'submitted', submittedAt: new Date('2026-03-02T02:00:00Z') });
      expect(tasks.get(d)).toMatchObject({ status: 'pending', title: '立行立改通知书 〔2026〕立改第3号' });
      // the counters continue after the migrated numbers
      const counters = Object.fromEntries((await q(`SELECT prefix, last FROM report_serial_counter WHERE prefix LIKE '立改%'`)).map((r) => [r.prefix, r.last]));
      expect(counters).toEqual({ 立改2026: 3, 立改2025: 1 });
    } finally {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
