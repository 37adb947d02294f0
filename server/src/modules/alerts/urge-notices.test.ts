// 督办通知书 end to end through the API: issued on a 督办 case with a serial, delivered to the unit's 整改跟踪 and its
// reminders, answered there (submit -> return -> accept), mirrored into the case's history, printable; other units
// see nothing of it.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, keepStaffSessionsAlive, staffHeader, type TestApp } from '../../test-support/app';
import { pdfPageCount } from '../posters';

let t: TestApp;
let now = new Date('2026-12-01T02:00:00Z'); // Tuesday, Asia/Shanghai
beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => now } });
}, 60_000);
afterAll(async () => t?.close());

type Headers = Record<string, string>;
const inject = (method: 'GET' | 'POST', url: string, headers: Headers, payload?: object) => t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

function multipart(name: string, file: Buffer, filename: string, contentType: string) {
  const boundary = '----msjd' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  return { payload: Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A PDF's document title as pdfkit writes it (UTF-16BE with a byte-order mark), to find a serial in the bytes. */
const utf16be = (s: string) => Buffer.from(`\ufeff${s}`, 'utf16le').swap16();

describe('督办通知书', () => {
  let supervisor: Headers, admin: Headers, intake: Headers, liaisonA: Headers, liaisonB: Headers;
  let unitA: { id: string; code: string; name: string }, unitB: { id: string; code: string; name: string };
  let cases: { id: string; model: string; stage: string }[];

  beforeAll(async () => {
    const p = t.db.prisma;
    unitA = await p.unit.create({ data: { code: 'DB001', name: '县市场监督管理局', kind: 'department' } });
    unitB = await p.unit.create({ data: { code: 'DB002', name: '县政务服务中心', kind: 'department' } });
    [supervisor, admin, intake, liaisonA, liaisonB] = await Promise.all([
      staffHeader(t, 'supervisor'),
      staffHeader(t, 'admin'),
      staffHeader(t, 'intake'),
      staffHeader(t, 'unit_liaison', { unitId: unitA.id }),
      staffHeader(t, 'unit_liaison', { unitId: unitB.id }),
    ]);
    // one late, dissatisfied case with two 补正 and one case turned away: opens 督办 (overdue, dissatisfied) and 核查
    const csv = `办件编号,部门编码,事项编码,申请人证件号码,受理时间,承诺时限,办结时间,办理结果,补正次数,评价
DB-H1,DB001,I1,11010519491231002X,2026-03-02 09:30,1,2026-03-05,通过,2,非常不满意
`;
    const up = multipart('file', Buffer.from(csv), 'cases.csv', 'text/csv');
    expect((await t.app.inject({ method: 'POST', url: '/api/staff/alerts/imports/service-cases', headers: { ...admin, ...up.headers }, payload: up.payload })).statusCode).toBe(200);
    expect((await inject('POST', '/api/staff/alerts/runs', admin, { asOf: '2026-03-20' })).statusCode).toBe(200);
    cases = (await inject('GET', '/api/staff/alerts/escalations?unitCode=DB001', admin)).json().items;
    expect(cases.map((c) => `${c.model}:${c.stage}`).sort()).toEqual(['dissatisfied:urge', 'not_one_time:verify', 'overdue:urge']);
  }, 60_000);

  const caseOf = (model: string) => cases.find((c) => c.model === model)!.id;

  it('is issued by a supervisor with a serial, opens the unit’s task, is answered there and closes the 督办 when accepted', async () => {
    const id = caseOf('dissatisfied');
    const url = `/api/staff/alerts/escalations/${id}/notices`;

    // Chinese field-level reasons, nothing written
    const empty = await inject('POST', url, supervisor, {});
    expect(empty.statusCode).toBe(400);
    const issues = empty.json().issues as { path: string; message: string }[];
    expect(issues.find((i) => i.path === 'content')?.message).toBe('请填写督办要求');
    expect(issues.find((i) => i.path === 'deadlineDays')?.message).toBe('请填写整改期限（工作日）');
    const tooLong = await inject('POST', url, supervisor, { content: '请立即整改到位', deadlineDays: 61 });
    expect(tooLong.json().issues).toEqual([expect.objectContaining({ path: 'deadlineDays', message: '整改期限不超过 60 个工作日' })]);
    const noReason = await inject('POST', url, supervisor, { unitId: unitB.id, content: '请立即整改到位', deadlineDays: 5 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().issues).toEqual([expect.objectContaining({ path: 'unitReason', message: expect.stringContaining('请填写理由') })]);
    const unknownUnit = await inject('POST', url, supervisor, { unitId: '00000000-0000-4000-8000-000000000000', content: '请立即整改到位', deadlineDays: 5 });
    expect(unknownUnit.json()).toMatchObject({ code: 'INVALID_REFERENCE', issues: [{ path: 'unitId', message: '接收督办通知书的单位不存在，请重新选择' }] });
    expect(await t.db.prisma.urgeNotice.count()).toBe(0);

    // who issues: supervisors and administrators, not intake or the unit
    expect((await inject('POST', url, intake, { content: '请立即整改到位', deadlineDays: 5 })).statusCode).toBe(403);
    expect((await inject('POST', url, liaisonA, { content: '请立即整改到位', deadlineDays: 5 })).statusCode).toBe(403);

    const issued = await inject('POST', url, supervisor, { content: '请逐件回访不满意的办事群众。\n开展窗口作风自查。', deadlineDays: 5 });
    expect(issued.statusCode).toBe(201);
    const notice = issued.json();
    expect(notice).toMatchObject({
      serial: '〔2026〕督办第1号',
      unitId: unitA.id,
      unitName: '县市场监督管理局',
      unitReason: null,
      deadlineDays: 5,
      dueOn: '2026-12-08',
      status: 'issued',
      taskStatus: 'pending',
      warningCount: 1,
      overdue: false,
    });
    expect(notice.findings).toHaveLength(1);
    expect(notice.findings[0]).toContain('DB-H1');
    expect(JSON.stringify(notice)).not.toContain('11010519491231002X');

    // one notice awaiting acceptance at a time; the 督办 is not closed by hand while it is out
    expect((await inject('POST', url, supervisor, { content: '请立即整改到位', deadlineDays: 5 })).json()).toMatchObject({ code: 'URGE_NOTICE_OPEN' });
    const closeByHand = await inject('POST', `/api/staff/alerts/escalations/${id}/close`, supervisor, { stage: 'done', note: '已回复' });
    expect(closeByHand.statusCode).toBe(409);
    expect(closeByHand.json().message).toContain('〔2026〕督办第1号');

    // on unit A's desk: the task, the notice with its findings, a reminder; unit B sees none of it
    const listA = (await inject('GET', '/api/staff/rectifications', liaisonA)).json();
    expect(listA.items).toEqual([
      expect.objectContaining({
        id: notice.taskId,
        title: '督办通知书 〔2026〕督办第1号',
        requirement: '请逐件回访不满意的办事群众。\n开展窗口作风自查。',
        dueOn: '2026-12-08',
        urgeNotice: { id: notice.id, serial: '〔2026〕督办第1号', escalationId: id, findings: notice.findings, warningCount: 1 },
      }),
    ]);
    const reminders = (await inject('GET', '/api/staff/notifications', liaisonA)).json().items as { title: string; link: string }[];
    expect(reminders).toContainEqual(expect.objectContaining({ title: '新整改任务：督办通知书 〔2026〕督办第1号', link: `/tours/rectifications/${notice.taskId}` }));
    expect((await inject('GET', '/api/staff/rectifications', liaisonB)).json().items).toEqual([]);
    expect((await inject('GET', `/api/staff/rectifications/${notice.taskId}`, liaisonB)).statusCode).toBe(403);
    expect((await inject('GET', `/api/staff/alerts/urge-notices/${notice.id}/pdf`, liaisonB)).statusCode).toBe(404);
    expect((await inject('GET', `/api/staff/alerts/escalations/${id}`, liaisonB)).statusCode).toBe(404);
    expect((await inject('GET', `/api/staff/alerts/urge-notices/${notice.id}/pdf`, intake)).statusCode).toBe(403);

    // printed by the unit: a one-page PDF titled with the serial, audited
    const pdf = await inject('GET', `/api/staff/alerts/urge-notices/${notice.id}/pdf`, liaisonA);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain(encodeURIComponent('督办通知书〔2026〕督办第1号.pdf'));
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfPageCount(pdf.rawPayload)).toBe(1);
    expect(pdf.rawPayload.includes(utf16be('督办通知书 〔2026〕督办第1号'))).toBe(true);
    const audits = await t.db.prisma.auditLog.findMany({ where: { entityId: id }, orderBy: { id: 'asc' }, select: { action: true } });
    expect(audits.map((a) => a.action)).toEqual(['alerts.urge_notice_issue', 'alerts.urge_notice_print']);

    // answered on the desk: submit -> return -> submit -> accept, each step on the notice and in the case's history
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#0a0' } }).png().toBuffer();
    const up = multipart('file', png, '回访记录.png', 'image/png');
    expect((await t.app.inject({ method: 'POST', url: `/api/staff/rectifications/${notice.taskId}/evidence`, headers: { ...liaisonA, ...up.headers }, payload: up.payload })).statusCode).toBe(201);
    expect((await inject('POST', `/api/staff/rectifications/${notice.taskId}/submit`, liaisonA, { note: '已回访 1 人' })).json().status).toBe('submitted');
    let detail = (await inject('GET', `/api/staff/alerts/escalations/${id}`, supervisor)).json();
    expect(detail.notices[0]).toMatchObject({ status: 'evidence_submitted', taskStatus: 'submitted' });
    expect(detail.notice).toMatchObject({ serial: '〔2026〕督办第1号', status: 'evidence_submitted' });

    now = new Date('2026-12-02T02:00:00Z');
    await keepStaffSessionsAlive(t);
    expect((await inject('POST', `/api/staff/rectifications/${notice.taskId}/review`, supervisor, { decision: 'return', note: '缺少回访录音' })).json().status).toBe('returned');
    detail = (await inject('GET', `/api/staff/alerts/escalations/${id}`, supervisor)).json();
    expect(detail.notices[0].status).toBe('issued');
    expect(detail.stage).toBe('urge');

    await inject('POST', `/api/staff/rectifications/${notice.taskId}/submit`, liaisonA, { note: '补充回访录音' });
    const accepted = await inject('POST', `/api/staff/rectifications/${notice.taskId}/review`, supervisor, { decision: 'accept', note: '整改到位' });
    expect(accepted.json().status).toBe('accepted');

    detail = (await inject('GET', `/api/staff/alerts/escalations/${id}`, supervisor)).json();
    expect(detail).toMatchObject({ stage: 'done', noticeIssuable: false, notices: [{ status: 'completed', taskStatus: 'accepted' }], outcome: { stage: 'done' } });
    expect(detail.closedAt).toBe('2026-12-02T02:00:00.000Z');
    expect(detail.history.map((h: { kind: string }) => h.kind)).toEqual([
      'opened',
      'notice_issued',
      'rectification_submitted',
      'rectification_returned',
      'rectification_submitted',
      'rectification_accepted',
      'closed',
    ]);
    expect(detail.history.find((h: { kind: string }) => h.kind === 'rectification_returned').note).toBe('〔2026〕督办第1号：缺少回访录音');
    expect(detail.history.at(-1).note).toBe('督办办结：督办通知书〔2026〕督办第1号整改已验收：整改到位');
    // the unit reads its own case with the same history
    expect((await inject('GET', `/api/staff/alerts/escalations/${id}`, liaisonA)).json().history).toHaveLength(7);
    const listed = (await inject('GET', '/api/staff/alerts/escalations?unitCode=DB001&stage=done', supervisor)).json().items;
    expect(listed).toEqual([expect.objectContaining({ id, notice: expect.objectContaining({ serial: '〔2026〕督办第1号', status: 'completed' }) })]);
  });

  it('goes to another unit only with a reason; the case’s own unit does not see a notice addressed elsewhere', async () => {
    const id = caseOf('overdue');
    const issued = await inject('POST', `/api/staff/alerts/escalations/${id}/notices`, admin, {
      unitId: unitB.id,
      unitReason: '该事项已划转县政务服务中心办理',
      content: '请对超期办件逐件说明原因并办结。',
      deadlineDays: 3,
    });
    expect(issued.statusCode).toBe(201);
    const notice = issued.json();
    expect(notice).toMatchObject({ serial: '〔2026〕督办第2号', unitId: unitB.id, unitReason: '该事项已划转县政务服务中心办理', dueOn: '2026-12-07' });

    const taskB = (await inject('GET', `/api/staff/rectifications/${notice.taskId}`, liaisonB)).json();
    expect(taskB.urgeNotice).toMatchObject({ serial: '〔2026〕督办第2号' });
    expect((await inject('GET', `/api/staff/alerts/urge-notices/${notice.id}/pdf`, liaisonB)).statusCode).toBe(200);
    expect((await inject('GET', `/api/staff/alerts/urge-notices/${notice.id}/pdf`, liaisonA)).statusCode).toBe(404);
    const seenByA = (await inject('GET', `/api/staff/alerts/escalations/${id}`, liaisonA)).json();
    expect(seenByA.notices).toEqual([]);
    expect(seenByA.history.map((h: { kind: string }) => h.kind)).toEqual(['opened']);
    const listA = (await inject('GET', '/api/staff/alerts/escalations?model=overdue', liaisonA)).json().items;
    expect(listA).toEqual([expect.objectContaining({ id, notice: null })]);
    const full = (await inject('GET', `/api/staff/alerts/escalations/${id}`, supervisor)).json();
    expect(full.history[1]).toMatchObject({ kind: 'notice_issued', note: expect.stringContaining('改送理由：该事项已划转县政务服务中心办理') });
  });

  it('keeps being answered when a later run moves the case on to 核查, which its history records', async () => {
    const id = caseOf('overdue');
    now = new Date('2026-12-03T02:00:00Z');
    await keepStaffSessionsAlive(t);
    const csv = `办件编号,部门编码,事项编码,申请人证件号码,受理时间,承诺时限,办结时间,办理结果,补正次数,评价
DB-H2,DB001,I1,11010519491231002X,2026-03-16 09:00,1,2026-03-20,通过,0,
`;
    const up = multipart('file', Buffer.from(csv), 'later.csv', 'text/csv');
    expect((await t.app.inject({ method: 'POST', url: '/api/staff/alerts/imports/service-cases', headers: { ...admin, ...up.headers }, payload: up.payload })).statusCode).toBe(200);
    const run = (await inject('POST', '/api/staff/alerts/runs', admin, { asOf: '2026-03-27' })).json();
    expect(run.escalations.advanced).toBe(1);
    const detail = (await inject('GET', `/api/staff/alerts/escalations/${id}`, supervisor)).json();
    expect(detail).toMatchObject({ stage: 'verify', noticeIssuable: false, notices: [{ serial: '〔2026〕督办第2号', status: 'issued' }] });
    expect(detail.history.map((h: { kind: string }) => h.kind)).toEqual(['opened', 'notice_issued', 'advanced']);
    expect(detail.history[2]).toMatchObject({ note: '再次预警（预警日期 2026-03-27），升级为核查', at: '2026-12-03T02:00:00.000Z' });
    // the unit's answer is still accepted; the case, now at 核查, is closed by its own verdict
    const taskId = detail.notices[0].taskId;
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#00a' } }).png().toBuffer();
    const file = multipart('file', png, '说明.png', 'image/png');
    await t.app.inject({ method: 'POST', url: `/api/staff/rectifications/${taskId}/evidence`, headers: { ...liaisonB, ...file.headers }, payload: file.payload });
    await inject('POST', `/api/staff/rectifications/${taskId}/submit`, liaisonB, {});
    expect((await inject('POST', `/api/staff/rectifications/${taskId}/review`, supervisor, { decision: 'accept' })).json().status).toBe('accepted');
    const after = (await inject('GET', `/api/staff/alerts/escalations/${id}`, supervisor)).json();
    expect(after).toMatchObject({ stage: 'verify', closedAt: null, notices: [{ status: 'completed' }] });
    expect(after.history.map((h: { kind: string }) => h.kind).slice(-2)).toEqual(['rectification_submitted', 'rectification_accepted']);
  });

  it('is refused on a case past 督办', async () => {
    const res = await inject('POST', `/api/staff/alerts/escalations/${caseOf('not_one_time')}/notices`, supervisor, { content: '请立即整改到位', deadlineDays: 5 });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'ESCALATION_NOT_URGE', message: expect.stringContaining('只有督办阶段的案件可以下发督办通知书') });
    expect((await inject('GET', `/api/staff/alerts/escalations/${caseOf('not_one_time')}`, supervisor)).json().noticeIssuable).toBe(false);
  });
});
