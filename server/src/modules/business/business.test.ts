import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { creditCodeCheckChar } from '@msjd/shared';
import { citizenHeader, createTestApp, keepStaffSessionsAlive, staffHeader, type TestApp } from '../../test-support/app';

// 2026-09-28 10:00 Shanghai, a Monday: 15 working days later crosses National Day (10-01..10-07 off, 10-10 worked).
let now = new Date('2026-09-28T02:00:00Z');
const clock = { now: () => now };
const setNow = async (iso: string) => {
  now = new Date(iso);
  if (t) await keepStaffSessionsAlive(t);
};
const credit = (first17: string) => `${first17}${creditCodeCheckChar(first17)}`;

let t: TestApp;
let H: Record<string, Record<string, string>>;
let unitA: string;
let unitB: string;
let itemA1: string;
let itemA2: string;
let itemB1: string;
let point: { id: string; inviteCode: string };
let campaignId: string;
let ent1: Record<string, string>; // first member of enterprise 1
let ent1b: Record<string, string>; // second member of enterprise 1
let ent2: Record<string, string>;
let ip = 0;
const call = (o: InjectOptions) => t.app.inject({ remoteAddress: `10.9.${Math.floor(++ip / 250)}.${ip % 250}`, ...o });

const bind = (h: Record<string, string>, body: Record<string, unknown>) => call({ method: 'POST', url: '/api/public/business/bind', headers: h, payload: body });
const rate = (h: Record<string, string>, body: Record<string, unknown>) =>
  call({ method: 'POST', url: '/api/public/business/evaluations', headers: h, payload: { campaignId, targetType: 'service_item', ...body } });

beforeAll(async () => {
  t = await createTestApp({ clock });
  const p = t.db.prisma;
  const a = await p.unit.create({ data: { code: 'BA01', name: '县市场监督管理局', kind: 'department', onboard: true } });
  const b = await p.unit.create({ data: { code: 'BA02', name: '县人力资源和社会保障局', kind: 'department', onboard: true } });
  unitA = a.id;
  unitB = b.id;
  H = {
    admin: await staffHeader(t, 'admin'),
    supervisor: await staffHeader(t, 'supervisor'),
    intake: await staffHeader(t, 'intake'),
    liaisonA: await staffHeader(t, 'unit_liaison', { unitId: unitA }),
    liaisonB: await staffHeader(t, 'unit_liaison', { unitId: unitB }),
  };
  const mk = async (code: string, unitId: string, name: string) => {
    const r = await call({ method: 'POST', url: '/api/staff/business/service-items', headers: H.admin, payload: { code, name, unitId, promisedDays: 5, materials: ['营业执照', '申请表'] } });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  itemA1 = await mk('BA01-001', unitA, '食品经营许可');
  itemA2 = await mk('BA01-002', unitA, '个体工商户登记');
  itemB1 = await mk('BA02-001', unitB, '社保登记');
  const pr = await call({ method: 'POST', url: '/api/staff/business/monitoring-points', headers: H.admin, payload: { code: 'TJC01', name: '城关营商环境监测点', unitId: unitA } });
  expect(pr.statusCode, pr.body).toBe(201);
  point = pr.json();
  ent1 = await citizenHeader(t);
  ent1b = await citizenHeader(t);
  ent2 = await citizenHeader(t);
}, 240_000);
afterAll(async () => {
  await t?.close();
});

describe('enterprise identity', () => {
  it('a citizen without binding cannot rate or complain', async () => {
    const r = await rate(ent1, { campaignId: '00000000-0000-4000-8000-000000000000', targetId: itemA1, level: 5 });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('ENTERPRISE_NOT_BOUND');
    const c = await call({ method: 'POST', url: '/api/public/business/complaints', headers: ent1, payload: { targetType: 'unit', targetId: unitA, category: 'attitude', content: '窗口人员态度恶劣，多次推诿。' } });
    expect(c.statusCode).toBe(403);
  });

  it('rejects an invalid credit code with a field-level Chinese reason, and a wrong invite code', async () => {
    const bad = await bind(ent1, { creditCode: '91350100M000100Y4A', name: '某某科技有限公司', contactName: '李四', contactPhone: '13800001111', inviteCode: point.inviteCode });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues).toEqual([expect.objectContaining({ path: 'creditCode', message: '统一社会信用代码校验位不正确，请核对后重新输入' })]);
    const noInvite = await bind(ent1, { creditCode: credit('91350100M000100Y4'), name: '某某科技有限公司', contactName: '李四', contactPhone: '13800001111', inviteCode: 'ZZZZZZZZ' });
    expect(noInvite.statusCode).toBe(400);
    expect(noInvite.json().code).toBe('INVALID_INVITE');
  });

  it('binds at the inviting point; the contact is sealed and only an audited reveal opens it', async () => {
    const inv = await call({ method: 'GET', url: `/api/public/business/invites/${point.inviteCode.toLowerCase()}` });
    expect(inv.json().monitoringPoint.id).toBe(point.id);
    const r = await bind(ent1, { creditCode: '9135 0100 M000 100Y43', name: '福建某某科技有限公司', contactName: '李四', contactPhone: '13800001111', inviteCode: point.inviteCode });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ enterprise: { creditCode: '91350100M000100Y43', monitoringPointId: point.id }, contact: { name: '李四', phoneMasked: '*******1111' } });
    // a colleague joins the same enterprise through the point's id (scanned QR scene)
    const r2 = await bind(ent1b, { creditCode: '91350100M000100Y43', name: '别的名字', contactName: '王五', contactPhone: '13800002222', monitoringPointId: point.id });
    expect(r2.json().enterprise.name).toBe('福建某某科技有限公司');
    const r3 = await bind(ent2, { creditCode: credit('91110108551385082'), name: '北京某某有限公司', contactName: '赵六', contactPhone: '13800003333', inviteCode: point.inviteCode });
    expect(r3.statusCode).toBe(200);
    const other = await bind(ent2, { creditCode: '91350100M000100Y43', name: 'x公司', contactName: '赵六', contactPhone: '13800003333', inviteCode: point.inviteCode });
    expect(other.statusCode).toBe(409);

    const rows = await t.db.prisma.$queryRawUnsafe<{ contact_name_sealed: string; contact_phone_sealed: string }[]>('SELECT contact_name_sealed, contact_phone_sealed FROM enterprise_member');
    expect(rows.length).toBe(3);
    for (const row of rows) {
      expect(row.contact_phone_sealed).not.toMatch(/1380000/);
      expect(row.contact_name_sealed).toMatch(/^v2\.sm\.dev1\./); // under the master key, 国密 by default
    }
    const entId = r.json().enterprise.id;
    const list = await call({ method: 'GET', url: `/api/staff/business/monitoring-points/${point.id}`, headers: H.admin });
    expect(list.json().enterprises.map((e: { id: string }) => e.id)).toContain(entId);
    expect(list.body).not.toContain('13800001111');
    expect((await call({ method: 'POST', url: `/api/staff/business/enterprises/${entId}/contacts/reveal`, headers: H.liaisonA, payload: { reason: '核实差评情况' } })).statusCode).toBe(403);
    const rev = await call({ method: 'POST', url: `/api/staff/business/enterprises/${entId}/contacts/reveal`, headers: H.supervisor, payload: { reason: '核实差评情况' } });
    expect(rev.json().contacts.map((c: { phone: string }) => c.phone).sort()).toEqual(['13800001111', '13800002222']);
    const audit = await t.db.prisma.auditLog.findFirst({ where: { action: 'business.enterprise.reveal_contacts', entityId: entId } });
    expect(audit?.reason).toBe('核实差评情况');
  });
});

describe('campaigns and the one-per-campaign rule', () => {
  it('accepts ratings only while the campaign is open and within its period', async () => {
    const c = await call({
      method: 'POST',
      url: '/api/staff/business/campaigns',
      headers: H.supervisor,
      payload: { name: '2026 年第三季度政务服务评议', startsOn: '2026-09-01', endsOn: '2026-12-31', unitIds: [unitA], serviceItemIds: [itemB1] },
    });
    expect(c.statusCode, c.body).toBe(201);
    campaignId = c.json().id;
    expect(c.json()).toMatchObject({ status: 'draft', accepting: false });
    const draft = await rate(ent1, { targetId: itemA1, level: 5 });
    expect(draft.statusCode).toBe(409);
    expect(draft.json().code).toBe('CAMPAIGN_NOT_OPEN');
    expect((await call({ method: 'POST', url: `/api/staff/business/campaigns/${campaignId}/status`, headers: H.liaisonA, payload: { status: 'open' } })).statusCode).toBe(403);
    const open = await call({ method: 'POST', url: `/api/staff/business/campaigns/${campaignId}/status`, headers: H.supervisor, payload: { status: 'open' } });
    expect(open.json()).toMatchObject({ status: 'open', accepting: true });

    const targets = await call({ method: 'GET', url: `/api/public/business/campaigns/${campaignId}/targets`, headers: ent1 });
    const names = targets.json().items.map((i: { name: string }) => i.name);
    // unit A as a whole and its two items, plus the single item of unit B; unit B itself is not in scope
    expect(names.sort()).toEqual(['个体工商户登记', '县市场监督管理局', '社保登记', '食品经营许可'].sort());
    const notInScope = await rate(ent1, { targetType: 'unit', targetId: unitB, level: 5 });
    expect(notInScope.statusCode).toBe(400);
    expect(notInScope.json().code).toBe('TARGET_NOT_IN_CAMPAIGN');
  });

  it('one evaluation per enterprise per item per campaign: the second attempt is a 409 in Chinese', async () => {
    const first = await rate(ent1, { targetId: itemA1, level: 5, dimensions: { efficiency: 5, attitude: 4 }, comment: '办理很快' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ level: 5, levelLabel: '非常满意', dimensions: { efficiency: 5, attitude: 4 }, complaint: null });
    const again = await rate(ent1, { targetId: itemA1, level: 4 });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'ALREADY_EVALUATED', message: expect.stringContaining('只能评价一次') });
    // the colleague rates for the same enterprise: still one per enterprise
    const colleague = await rate(ent1b, { targetId: itemA1, level: 3 });
    expect(colleague.statusCode).toBe(409);
    // racing submissions: exactly one wins, the database's unique key decides
    const race = await Promise.all([rate(ent2, { targetId: itemA2, level: 4 }), rate(ent2, { targetId: itemA2, level: 5 })]);
    expect(race.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await t.db.prisma.evaluation.count({ where: { targetId: itemA2 } })).toBe(1);
    // another target of the same campaign is fine
    expect((await rate(ent1, { targetType: 'unit', targetId: unitA, level: 4 })).statusCode).toBe(201);
    const bad = await rate(ent1, { targetId: itemA2, level: 9 });
    expect(bad.statusCode).toBe(400);
  });

  it('refuses ratings after the period ends and scope changes once rated', async () => {
    await setNow('2027-01-01T02:00:00Z');
    const late = await rate(ent2, { targetId: itemB1, level: 4 });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('CAMPAIGN_NOT_OPEN');
    await setNow('2026-09-28T02:00:00Z');
    const change = await call({
      method: 'PUT',
      url: `/api/staff/business/campaigns/${campaignId}`,
      headers: H.supervisor,
      payload: { name: '改名', startsOn: '2026-09-01', endsOn: '2026-12-31', unitIds: [unitA, unitB] },
    });
    expect(change.statusCode).toBe(409);
    expect(change.json().code).toBe('CAMPAIGN_SCOPE_LOCKED');
  });
});

describe('campaign points', () => {
  it('only enterprises of the points in scope see and rate a campaign', async () => {
    const other = await call({ method: 'POST', url: '/api/staff/business/monitoring-points', headers: H.admin, payload: { code: 'TJC02', name: '西河企业服务监测点' } });
    const c = await call({
      method: 'POST',
      url: '/api/staff/business/campaigns',
      headers: H.admin,
      payload: { name: '西河专项评议', startsOn: '2026-09-01', endsOn: '2026-10-31', monitoringPointIds: [other.json().id], unitIds: [unitB] },
    });
    await call({ method: 'POST', url: `/api/staff/business/campaigns/${c.json().id}/status`, headers: H.admin, payload: { status: 'open' } });
    const mine = await call({ method: 'GET', url: '/api/public/business/campaigns', headers: ent1 });
    expect(mine.json().items.map((i: { id: string }) => i.id)).toEqual([campaignId]);
    expect(mine.json().items[0]).toMatchObject({ targetCount: 4, ratedCount: 2 });
    const r = await call({ method: 'POST', url: '/api/public/business/evaluations', headers: ent1, payload: { campaignId: c.json().id, targetType: 'unit', targetId: unitB, level: 5 } });
    expect(r.statusCode).toBe(403);
    await call({ method: 'POST', url: `/api/staff/business/campaigns/${c.json().id}/status`, headers: H.admin, payload: { status: 'closed' } });
    const reopen = await call({ method: 'POST', url: `/api/staff/business/campaigns/${c.json().id}/status`, headers: H.admin, payload: { status: 'open' } });
    expect(reopen.statusCode).toBe(409);
  });
});

describe('bad ratings are handled as reports', () => {
  let evaluationId: string;
  let reportId: string;
  it('a rating of 2 on 2026-09-28 opens an accepted case due 15 working days later, across National Day: 2026-10-23', async () => {
    const r = await rate(ent2, { targetId: itemB1, level: 2, comment: '材料反复退回，要求补交无关材料' });
    expect(r.statusCode, r.body).toBe(201);
    evaluationId = r.json().id;
    expect(r.json().complaint).toMatchObject({ status: 'accepted', serial: expect.stringMatching(/^YS20260928-\d{4}$/) });
    reportId = r.json().complaint.reportId;
    const report = await t.db.prisma.report.findUniqueOrThrow({ where: { id: reportId } });
    // 09-29, 09-30 (2); 10-01..10-07 holiday; 10-08, 10-09, 10-10 make-up Saturday (5); 10-12..10-16 (10); 10-19..10-23 (15)
    expect(report.replyDueOn!.toISOString().slice(0, 10)).toBe('2026-10-23');
    expect(report).toMatchObject({ category: 'business_bad_rating', status: 'accepted', reportedUnitId: unitB, monitoringPointId: point.id });
    expect(report.reporterPhoneSealed).not.toContain('13800003333');
  });

  it('staff handle it in the report inbox; the enterprise follows, disputes once, then confirms', async () => {
    const inbox = await call({ method: 'GET', url: '/api/staff/reports?category=business_bad_rating', headers: H.intake });
    expect(inbox.json().items.map((i: { id: string }) => i.id)).toContain(reportId);
    const act = (h: Record<string, string>, payload: Record<string, unknown>) => call({ method: 'POST', url: `/api/staff/reports/${reportId}/transitions`, headers: h, payload });
    expect((await act(H.intake, { action: 'assign', unitId: unitB })).statusCode).toBe(200);
    expect((await act(H.liaisonB, { action: 'start' })).statusCode).toBe(200);
    await setNow('2026-10-20T02:00:00Z');
    expect((await act(H.liaisonB, { action: 'reply', reply: '经核实，已精简材料清单并向企业致歉。' })).statusCode).toBe(200);
    const mine = await call({ method: 'GET', url: `/api/public/reports/mine/${reportId}`, headers: ent2 });
    expect(mine.json()).toMatchObject({ status: 'replied', reply: '经核实，已精简材料清单并向企业致歉。', canRate: true });
    const cs = await call({ method: 'GET', url: '/api/public/business/complaints/mine', headers: ent2 });
    expect(cs.json().items[0]).toMatchObject({ reportId, kind: 'bad_rating', status: 'replied', replyDueOn: '2026-10-23' });
    const dispute = await call({ method: 'POST', url: `/api/public/reports/${reportId}/rating`, headers: ent2, payload: { rating: 'unsatisfied', comment: '问题没有解决' } });
    expect(dispute.json().status).toBe('in_progress');
    expect((await act(H.liaisonB, { action: 'reply', reply: '已约谈窗口负责人，材料一次性告知。' })).statusCode).toBe(200);
    const ok = await call({ method: 'POST', url: `/api/public/reports/${reportId}/rating`, headers: ent2, payload: { rating: 'satisfied' } });
    expect(ok.json().status).toBe('closed');
    const staffView = await call({ method: 'GET', url: `/api/staff/business/complaints?reportId=${reportId}`, headers: H.supervisor });
    expect(staffView.json().items[0]).toMatchObject({ evaluationId, status: 'closed', onTime: true, reportRating: 'satisfied' });
    await setNow('2026-09-28T02:00:00Z');
  });

  it('an explicit 投诉 is a report of its own category; citizens cannot file that category on the report form', async () => {
    const c = await call({ method: 'POST', url: '/api/public/business/complaints', headers: ent1, payload: { targetType: 'unit', targetId: unitA, category: 'extortion', content: '办理许可时被暗示需要请客吃饭才能尽快办结。', idempotencyKey: 'complaint-key-0001' } });
    expect(c.statusCode, c.body).toBe(201);
    expect(c.json()).toMatchObject({ kind: 'complaint', categoryLabel: '吃拿卡要', status: 'accepted', replyDueOn: '2026-10-23' });
    const replay = await call({ method: 'POST', url: '/api/public/business/complaints', headers: ent1, payload: { targetType: 'unit', targetId: unitA, category: 'extortion', content: '办理许可时被暗示需要请客吃饭才能尽快办结。', idempotencyKey: 'complaint-key-0001' } });
    expect(replay.statusCode).toBe(200);
    expect(replay.json().reportId).toBe(c.json().reportId);
    const report = await t.db.prisma.report.findUniqueOrThrow({ where: { id: c.json().reportId } });
    expect(report.category).toBe('business_complaint');
    // the colleague of the same enterprise follows it too; another enterprise cannot
    const colleague = await call({ method: 'GET', url: `/api/public/business/complaints/${c.json().id}`, headers: ent1b });
    expect(colleague.statusCode, colleague.body).toBe(200);
    expect(colleague.json()).toMatchObject({ id: c.json().reportId, status: 'accepted', canRate: false });
    expect((await call({ method: 'GET', url: `/api/public/business/complaints/${c.json().id}`, headers: ent2 })).statusCode).toBe(404);
    expect((await call({ method: 'POST', url: `/api/public/business/complaints/${c.json().id}/rating`, headers: ent1b, payload: { rating: 'satisfied' } })).statusCode).toBe(409);
    const cats = await call({ method: 'GET', url: '/api/public/reports/categories' });
    expect(cats.json().items.map((i: { code: string }) => i.code)).not.toContain('business_complaint');
    const viaForm = await call({ method: 'POST', url: '/api/public/reports', headers: ent1, payload: { category: 'business_complaint', content: '通过普通举报表单提交企业投诉类别。', reporterPhone: '13800001111' } });
    expect(viaForm.statusCode).toBe(400);
  });

  it('the reply deadline follows the category configuration', async () => {
    const cfg = await call({ method: 'PUT', url: '/api/staff/reports/categories/business_complaint', headers: H.supervisor, payload: { name: '企业投诉', replyDays: 10 } });
    expect(cfg.statusCode, cfg.body).toBe(200);
    const c = await call({ method: 'POST', url: '/api/public/business/complaints', headers: ent2, payload: { targetType: 'service_item', targetId: itemB1, category: 'efficiency', content: '社保登记提交两周仍显示待受理，无人联系。' } });
    // 10 working days from Monday 2026-09-28: 09-29, 09-30, 10-08, 10-09, 10-10 (make-up), 10-12 .. 10-16
    expect(c.json().replyDueOn).toBe('2026-10-16');
    await call({ method: 'PUT', url: '/api/staff/reports/categories/business_complaint', headers: H.supervisor, payload: { name: '企业投诉', replyDays: 15 } });
  });

  it('appeal: the rated unit files, a supervisor upholds with a reason; the rating stays but is not counted', async () => {
    expect((await call({ method: 'POST', url: `/api/staff/business/evaluations/${evaluationId}/appeal`, headers: H.liaisonA, payload: { reason: '不是本单位的事项' } })).statusCode).toBe(404);
    const filed = await call({ method: 'POST', url: `/api/staff/business/evaluations/${evaluationId}/appeal`, headers: H.liaisonB, payload: { reason: '企业所述材料为法定要件，非额外要求' } });
    expect(filed.statusCode, filed.body).toBe(200);
    expect(filed.json().appeal).toMatchObject({ status: 'pending', filedByRole: 'unit_liaison' });
    expect((await call({ method: 'POST', url: `/api/staff/business/evaluations/${evaluationId}/appeal/review`, headers: H.liaisonB, payload: { upheld: true, reason: '自行认定' } })).statusCode).toBe(403);
    const before = (await call({ method: 'GET', url: '/api/staff/business/stats', headers: H.supervisor })).json();
    const upheld = await call({ method: 'POST', url: `/api/staff/business/evaluations/${evaluationId}/appeal/review`, headers: H.supervisor, payload: { upheld: true, reason: '经调阅办件记录，所需材料均为法定要件，差评系误解' } });
    expect(upheld.statusCode).toBe(200);
    expect(upheld.json()).toMatchObject({ excluded: true, level: 2, appeal: { status: 'upheld', reviewReason: '经调阅办件记录，所需材料均为法定要件，差评系误解' } });
    const after = (await call({ method: 'GET', url: '/api/staff/business/stats', headers: H.supervisor })).json();
    expect(after.summary.evaluations).toBe(before.summary.evaluations);
    expect(after.summary.counted).toBe(before.summary.counted - 1);
    expect(after.summary.excluded).toBe(1);
    // 5, 4 (unit A) and 4 (item A2) counted: all satisfied
    expect(after.summary.satisfactionRate).toBe(1);
    expect(before.summary.satisfactionRate).toBe(0.75);
    const again = await call({ method: 'POST', url: `/api/staff/business/evaluations/${evaluationId}/appeal/review`, headers: H.supervisor, payload: { upheld: false, reason: '重新复核改判不成立' } });
    expect(again.statusCode).toBe(409);
    const audit = await t.db.prisma.auditLog.findFirst({ where: { action: 'business.appeal.uphold', entityId: evaluationId } });
    expect(audit?.reason).toContain('法定要件');
    const good = await t.db.prisma.evaluation.findFirstOrThrow({ where: { level: 5 } });
    const notBad = await call({ method: 'POST', url: `/api/staff/business/evaluations/${good.id}/appeal`, headers: H.supervisor, payload: { reason: '试图申诉好评' } });
    expect(notBad.statusCode).toBe(409);
  });
});

describe('roles and scope', () => {
  it('documents every business route in the OpenAPI document', async () => {
    const doc = await call({ method: 'GET', url: '/docs/json' });
    expect(doc.statusCode, doc.body.slice(0, 300)).toBe(200);
    expect(Object.keys(doc.json().paths)).toEqual(
      expect.arrayContaining(['/api/staff/business/service-items/import', '/api/staff/business/stats/export', '/api/public/business/bind', '/api/public/business/evaluations']),
    );
  });

  it('a liaison reads only their own unit and edits nothing', async () => {
    const items = await call({ method: 'GET', url: '/api/staff/business/service-items', headers: H.liaisonA });
    expect(items.json().items.map((i: { code: string }) => i.code)).toEqual(['BA01-001', 'BA01-002']);
    expect((await call({ method: 'GET', url: `/api/staff/business/service-items/${itemB1}`, headers: H.liaisonA })).statusCode).toBe(404);
    const evs = await call({ method: 'GET', url: '/api/staff/business/evaluations', headers: H.liaisonA });
    expect(evs.json().items.length).toBeGreaterThan(0);
    expect(evs.json().items.every((e: { unitId: string }) => e.unitId === unitA)).toBe(true);
    const cs = await call({ method: 'GET', url: '/api/staff/business/complaints', headers: H.liaisonA });
    expect(cs.json().items.length).toBeGreaterThan(0);
    expect(cs.json().items.every((c: { unitId: string }) => c.unitId === unitA)).toBe(true);
    // the unit complained about never learns which enterprise complained (Art. 47), in the list or the detail
    expect(cs.json().items.every((c: { enterpriseId: string | null; enterpriseName: string }) => c.enterpriseId === null && c.enterpriseName === '（投诉企业已隐去）')).toBe(true);
    const one = await call({ method: 'GET', url: `/api/staff/business/complaints/${cs.json().items[0].id}`, headers: H.liaisonA });
    expect(one.json()).toMatchObject({ enterpriseId: null, enterpriseName: '（投诉企业已隐去）' });
    const names = (await call({ method: 'GET', url: '/api/staff/business/complaints', headers: H.supervisor })).json().items.map((c: { enterpriseName: string }) => c.enterpriseName);
    expect(names.some((n: string) => n !== '（投诉企业已隐去）')).toBe(true);
    for (const n of names) expect(cs.body).not.toContain(n);
    expect((await call({ method: 'POST', url: '/api/staff/business/service-items', headers: H.liaisonA, payload: { code: 'X1', name: 'x', unitId: unitA, promisedDays: 1 } })).statusCode).toBe(403);
    expect((await call({ method: 'GET', url: '/api/staff/business/stats', headers: H.liaisonA })).statusCode).toBe(403);
  });

  it('validates item input field by field and refuses to delete a rated item', async () => {
    const bad = await call({ method: 'POST', url: '/api/staff/business/service-items', headers: H.admin, payload: { code: '有空格 的编码', name: '', unitId: unitA, promisedDays: -1 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['code', 'name', 'promisedDays']);
    const dup = await call({ method: 'POST', url: '/api/staff/business/service-items', headers: H.admin, payload: { code: 'BA01-001', name: '重复', unitId: unitA, promisedDays: 1 } });
    expect(dup.statusCode).toBe(409);
    const del = await call({ method: 'DELETE', url: `/api/staff/business/service-items/${itemA1}`, headers: H.admin });
    expect(del.statusCode).toBe(409);
    expect(del.json().code).toBe('SERVICE_ITEM_IN_USE');
  });
});

describe('XLSX import of service items', () => {
  async function workbook(rows: (string | number | null)[][]) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('事项');
    ws.addRow(['事项编码', '事项名称', '单位编码', '承诺时限', '申报材料']);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  function multipart(buf: Buffer) {
    const boundary = '----msjdtest';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="items.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`;
    return { payload: Buffer.concat([Buffer.from(head), buf, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
  }
  const post = async (buf: Buffer, query = '') => {
    const m = multipart(buf);
    return call({ method: 'POST', url: `/api/staff/business/service-items/import${query}`, headers: { ...H.admin, ...m.headers }, payload: m.payload });
  };

  it('reports every bad row by line and field and writes nothing unless partial', async () => {
    const buf = await workbook([
      ['IM-001', '建设工程规划许可', 'BA01', 10, '申请表；规划图纸\n土地证明'],
      ['IM-002', '', 'BA01', 5, ''],
      ['IM-003', '施工许可', 'NOPE', 5, '申请表'],
      ['IM-004', '竣工验收备案', 'BA02', '三天', '申请表'],
      ['IM-001', '重复行', 'BA01', 3, ''],
      ['IM-005', '环评审批', 'BA02', '20个工作日', '环评报告;申请表'],
    ]);
    const r = await post(buf);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ committed: false, rows: 6, created: 0 });
    expect(r.json().rejected.map((x: { line: number; field: string }) => [x.line, x.field])).toEqual([
      [3, '事项名称'],
      [4, '单位编码'],
      [5, '承诺时限'],
      [6, '事项编码'],
    ]);
    expect(await t.db.prisma.serviceItem.count({ where: { code: { startsWith: 'IM-' } } })).toBe(0);

    const partial = await post(buf, '?partial=true');
    expect(partial.json()).toMatchObject({ committed: true, created: 2, updated: 0, unchanged: 0 });
    const item = await t.db.prisma.serviceItem.findUniqueOrThrow({ where: { code: 'IM-001' } });
    expect(item.materials).toEqual(['申请表', '规划图纸', '土地证明']);
    expect((await t.db.prisma.serviceItem.findUniqueOrThrow({ where: { code: 'IM-005' } })).promisedDays).toBe(20);
  });

  it('re-importing the same file changes nothing; a changed row updates', async () => {
    const buf = await workbook([
      ['IM-001', '建设工程规划许可', 'BA01', 10, '申请表；规划图纸\n土地证明'],
      ['IM-005', '环评审批', 'BA02', 20, '环评报告;申请表'],
    ]);
    expect((await post(buf)).json()).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 2, rejected: [] });
    const changed = await workbook([['IM-001', '建设工程规划许可', 'BA01', 8, '申请表']]);
    expect((await post(changed)).json()).toMatchObject({ committed: true, updated: 1 });
    expect(await t.db.prisma.serviceItem.count({ where: { code: { startsWith: 'IM-' } } })).toBe(2);
    const notXlsx = await post(Buffer.from('事项编码,事项名称\n'));
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json().code).toBe('IMPORT_UNREADABLE');
  });
});

describe('concurrent cases', () => {
  it('two enterprises rating badly at the same moment both get their case (serial numbers do not clash)', async () => {
    const [a, b] = await Promise.all([rate(ent1, { targetId: itemB1, level: 1, comment: '同时提交一' }), rate(ent2, { targetId: itemA1, level: 2, comment: '同时提交二' })]);
    expect([a.statusCode, b.statusCode], a.body + b.body).toEqual([201, 201]);
    expect(a.json().complaint.serial).not.toBe(b.json().complaint.serial);
  });
});
