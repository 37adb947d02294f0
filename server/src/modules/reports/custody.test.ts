// 双人审批: a real-name reporter's identity opens only for the requester, after another supervisor approved, within
// the approval's window; every step is audited and on the internal timeline, never on the citizen's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenHeader, createTestApp, keepStaffSessionsAlive, staffHeader, type TestApp } from '../../test-support/app';
import { runRetentionJob } from '../retention';

let now = new Date('2026-12-01T02:00:00Z');
const clock = { now: () => now };
let t: TestApp;
let H: Record<string, Record<string, string>> = {};
let citizen: Record<string, string>;
let reportId: string;
const NAME = '李四保护';
const PHONE = '13955556666';

const post = (url: string, headers: Record<string, string>, payload: unknown) => t.app.inject({ method: 'POST', url, headers, payload: payload as object });
const ask = (who: string, reason = '需电话核实线索细节') => post(`/api/staff/reports/${reportId}/identity-requests`, H[who]!, { reason });
const decide = (who: string, id: string, payload: Record<string, unknown>) => post(`/api/staff/identity-requests/${id}/decision`, H[who]!, payload);
const reveal = (who: string, reason = '电话核实') => post(`/api/staff/reports/${reportId}/identity`, H[who]!, { reason });

beforeAll(async () => {
  t = await createTestApp({ clock, env: { IDENTITY_REVEAL_HOURS: '24' } });
  const unit = await t.db.prisma.unit.create({ data: { code: 'C01', name: '某镇', kind: 'township' } });
  const group = await t.db.prisma.tourGroup.create({ data: { name: '第三巡察组' } });
  H = {
    intake: await staffHeader(t, 'intake'),
    sup1: await staffHeader(t, 'supervisor'),
    sup2: await staffHeader(t, 'supervisor'),
    admin: await staffHeader(t, 'admin'),
    liaison: await staffHeader(t, 'unit_liaison', { unitId: unit.id }),
    group: await staffHeader(t, 'tour_group', { tourGroupId: group.id }),
  };
  citizen = await citizenHeader(t);
  const res = await post('/api/public/reports', citizen, { category: 'work_style', content: '镇政府工作人员吃拿卡要，办证要送礼。', reporterName: NAME, reporterPhone: PHONE });
  reportId = res.json().id;
  // assigned to the unit and the group: they see the report, never the reporter
  await t.db.prisma.report.update({ where: { id: reportId }, data: { status: 'assigned', assigneeUnitId: unit.id } });
}, 120_000);
afterAll(async () => t?.close());

describe('identity reveal with a custodian', () => {
  it('is refused without an approval, and never open to liaisons or tour groups', async () => {
    let res = await reveal('intake');
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'REVEAL_NOT_APPROVED' });
    expect(res.body).not.toContain(PHONE);
    res = await reveal('sup1');
    expect(res.json().code).toBe('REVEAL_NOT_APPROVED');
    for (const who of ['liaison', 'group']) {
      expect((await ask(who)).statusCode, who).toBe(403);
      expect((await reveal(who)).statusCode, who).toBe(403);
      expect((await t.app.inject({ method: 'GET', url: '/api/staff/identity-requests', headers: H[who] })).statusCode).toBe(403);
    }
    // intake may ask but is not a custodian
    expect((await t.app.inject({ method: 'GET', url: '/api/staff/identity-requests', headers: H.intake })).statusCode).toBe(403);
    const refused = await t.db.prisma.auditLog.count({ where: { action: 'report.reveal_identity_refused', entityId: reportId } });
    expect(refused).toBe(2);
  });

  it('refuses self-approval; a second supervisor approves; the requester alone sees it, each view audited', async () => {
    expect((await ask('sup1', '短')).statusCode).toBe(400);
    const req = await ask('sup1');
    expect(req.statusCode, req.body).toBe(201);
    const id = req.json().id;
    expect(req.json()).toMatchObject({ status: 'pending', active: false, reason: '需电话核实线索细节' });
    expect((await ask('sup1')).json().code).toBe('REVEAL_ALREADY_REQUESTED');

    const self = await decide('sup1', id, { approve: true });
    expect(self.statusCode).toBe(403);
    expect(self.json().message).toMatch(/本人/);
    expect((await decide('intake', id, { approve: true })).statusCode).toBe(403);
    expect((await decide('admin', id, { approve: true })).statusCode).toBe(403);

    const queue = await t.app.inject({ method: 'GET', url: '/api/staff/identity-requests', headers: H.sup2 });
    expect(queue.json().items.map((i: { id: string }) => i.id)).toContain(id);

    const ok = await decide('sup2', id, { approve: true, note: '同意，限电话核实' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', active: true, expiresAt: new Date(now.getTime() + 24 * 3600_000).toISOString() });
    expect((await decide('sup2', id, { approve: false, note: '改主意' })).json().code).toBe('REVEAL_DECIDED');

    // the approval is the requester's, not everybody's
    expect((await reveal('intake')).json().code).toBe('REVEAL_NOT_APPROVED');
    expect((await reveal('sup2')).json().code).toBe('REVEAL_NOT_APPROVED');
    for (const reason of ['电话核实', '再次核实']) {
      const res = await reveal('sup1', reason);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ name: NAME, phone: PHONE, confidential: false });
    }
    const audit = await t.db.prisma.auditLog.findMany({ where: { entityId: reportId, action: { startsWith: 'report.identity' } }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['report.identity_request', 'report.identity_approve']);
    const views = await t.db.prisma.auditLog.findMany({ where: { entityId: reportId, action: 'report.reveal_identity' }, orderBy: { id: 'asc' } });
    expect(views.map((v) => v.reason)).toEqual(['电话核实', '再次核实']);

    // internal timeline: request, approval, both views; the citizen's timeline shows none of it
    const detail = await t.app.inject({ method: 'GET', url: `/api/staff/reports/${reportId}`, headers: H.intake });
    const kinds = detail.json().events.map((e: { kind: string }) => e.kind);
    expect(kinds.filter((k: string) => k.startsWith('identity_'))).toEqual(['identity_requested', 'identity_approved', 'identity_viewed', 'identity_viewed']);
    const mine = await t.app.inject({ method: 'GET', url: `/api/public/reports/mine/${reportId}`, headers: citizen });
    expect(mine.json().timeline.map((e: { kind: string }) => e.kind).filter((k: string) => k.startsWith('identity_'))).toEqual([]);
    // the liaison handling the report sees no trace of who asked about the reporter
    const liaisonView = await t.app.inject({ method: 'GET', url: `/api/staff/reports/${reportId}`, headers: H.liaison });
    expect(liaisonView.body).not.toContain(PHONE);
    expect(liaisonView.body).not.toContain(NAME);
  });

  it('refuses an expired approval', async () => {
    now = new Date(now.getTime() + 24 * 3600_000 + 1000);
    await keepStaffSessionsAlive(t);
    const res = await reveal('sup1');
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'REVEAL_EXPIRED' });
    const list = await t.app.inject({ method: 'GET', url: `/api/staff/reports/${reportId}/identity-requests`, headers: H.sup1 });
    expect(list.json().items[0]).toMatchObject({ status: 'approved', active: false });
    // asking again is allowed once the window is over
    expect((await ask('sup1')).statusCode).toBe(201);
  });

  it('a refusal needs a reason, is audited and opens nothing', async () => {
    const req = await ask('intake', '核对举报人是否为利害关系人');
    expect((await decide('sup2', req.json().id, { approve: false })).statusCode).toBe(400);
    const no = await decide('sup2', req.json().id, { approve: false, note: '理由不充分' });
    expect(no.json()).toMatchObject({ status: 'refused', active: false, decisionNote: '理由不充分' });
    expect((await reveal('intake')).json().code).toBe('REVEAL_NOT_APPROVED');
    expect(await t.db.prisma.auditLog.count({ where: { entityId: reportId, action: 'report.identity_refuse' } })).toBe(1);
  });

  it('a 保密 report has nothing to ask for', async () => {
    const res = await post('/api/public/reports/confidential', {}, { category: 'work_style', content: '保密举报没有可查看的身份信息。', confidential: true });
    const r = await post(`/api/staff/reports/${res.json().id}/identity-requests`, H.intake, { reason: '想看看是谁' });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('NO_IDENTITY');
  });
});

describe('a report shredded by the retention job', () => {
  it('says when its identity was destroyed instead of offering to reveal it', async () => {
    const filed = await post('/api/public/reports', citizen, { category: 'work_style', content: '五年前的举报：村干部优亲厚友。', reporterName: '赵六', reporterPhone: '13911112222' });
    expect(filed.statusCode, filed.body).toBe(201);
    const id = filed.json().id as string;
    const before = await t.app.inject({ method: 'GET', url: `/api/staff/reports/${id}`, headers: H.sup1 });
    expect(before.json()).toMatchObject({ hasIdentity: true, identityDestroyedAt: null });
    await t.db.prisma.report.update({ where: { id }, data: { status: 'closed', closedAt: new Date('2021-06-01T02:00:00Z') } });
    expect((await runRetentionJob(t.app)).shredded).toBeGreaterThanOrEqual(1);
    const destroyedAt = (await t.db.prisma.reportDataKey.findUniqueOrThrow({ where: { reportId: id } })).destroyedAt!;
    expect(destroyedAt).toEqual(now);

    for (const who of ['intake', 'sup1']) {
      const detail = await t.app.inject({ method: 'GET', url: `/api/staff/reports/${id}`, headers: H[who] });
      expect(detail.json(), who).toMatchObject({ hasIdentity: false, identityDestroyedAt: destroyedAt.toISOString() });
    }
    // nothing to ask a custodian for: the request is refused and nothing is put on record
    const asked = await post(`/api/staff/reports/${id}/identity-requests`, H.intake!, { reason: '核实举报人身份' });
    expect(asked.statusCode).toBe(410);
    expect(asked.json().code).toBe('DATA_DESTROYED');
    expect(await t.db.prisma.identityRevealRequest.count({ where: { reportId: id } })).toBe(0);
    // a report whose key lives says nothing of destruction
    const living = await t.app.inject({ method: 'GET', url: `/api/staff/reports/${reportId}`, headers: H.intake });
    expect(living.json()).toMatchObject({ hasIdentity: true, identityDestroyedAt: null });
  });
});
