import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { addWorkdays } from '../calendar';
import { citizenHeader, createTestApp, keepStaffSessionsAlive, staffHeader, type TestApp } from '../../test-support/app';
import { autoCloseReplied } from './service';
import { LOOKUP_RATE_LIMIT } from './public-routes';

// 2026-09-30 10:00 in Shanghai: the last working day before National Day (10-01..10-07 off, 10-10 a make-up Saturday)
let now = new Date('2026-09-30T02:00:00Z');
const clock = { now: () => now };
const setNow = async (iso: string) => {
  now = new Date(iso);
  if (t) await keepStaffSessionsAlive(t);
};

const NAME = '张三丰测试';
const PHONE = '13912345678';
const OPENID = 'oWX_openid_secret_4711';

let t: TestApp;
const bodies: string[] = [];
/** every response body of this file is kept, to prove sealed identity never leaves except through the reveal */
async function call(opts: InjectOptions, keep = true): Promise<LightMyRequestResponse> {
  const res = await t.app.inject(opts);
  if (keep) bodies.push(res.body);
  return res;
}

let H: Record<string, Record<string, string>> = {};
let groupA: string;
let groupB: string;
let unitX: string;
let unitY: string;
let citizen: Record<string, string>;
let wechatCitizen: Record<string, string>;
let ip = 0;
const nextIp = () => `10.0.${Math.floor(++ip / 250)}.${ip % 250}`;

const submitBody = (extra: Record<string, unknown> = {}) => ({
  category: 'work_style',
  reportedPerson: '某科长',
  content: '窗口工作人员上班时间玩手机，群众排队无人办理。',
  occurredAt: '2026年9月下旬',
  location: '县政务服务中心二楼',
  reportedUnitId: unitX,
  ...extra,
});

async function submit(headers = citizen, extra: Record<string, unknown> = {}, key?: string) {
  const res = await call({
    method: 'POST',
    url: '/api/public/reports',
    headers: { ...headers, 'x-forwarded-for': nextIp(), ...(key ? { 'idempotency-key': key } : {}) },
    payload: submitBody(extra),
  });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
}
const act = (who: string, id: string, payload: Record<string, unknown>) =>
  call({ method: 'POST', url: `/api/staff/reports/${id}/transitions`, headers: H[who], payload });

async function toInProgress(id: string, assign: Record<string, string> = { tourGroupId: groupA }) {
  expect((await act('intake', id, { action: 'accept' })).statusCode).toBe(200);
  expect((await act('intake', id, { action: 'assign', ...assign })).statusCode).toBe(200);
  expect((await act('supervisor', id, { action: 'start' })).statusCode).toBe(200);
}

beforeAll(async () => {
  // clients are told apart by X-Forwarded-For, as behind the production proxy (inject's peer is 127.0.0.1)
  t = await createTestApp({ clock, env: { TRUST_PROXY: '127.0.0.1' } });
  const p = t.db.prisma;
  groupA = (await p.tourGroup.create({ data: { name: '第一巡察组' } })).id;
  groupB = (await p.tourGroup.create({ data: { name: '第二巡察组' } })).id;
  unitX = (await p.unit.create({ data: { code: 'X01', name: '县住建局', kind: 'department' } })).id;
  unitY = (await p.unit.create({ data: { code: 'Y01', name: '城关镇', kind: 'township' } })).id;
  H = {
    intake: await staffHeader(t, 'intake'),
    supervisor: await staffHeader(t, 'supervisor'),
    admin: await staffHeader(t, 'admin'),
    groupA: await staffHeader(t, 'tour_group', { tourGroupId: groupA }),
    groupB: await staffHeader(t, 'tour_group', { tourGroupId: groupB }),
    liaisonX: await staffHeader(t, 'unit_liaison', { unitId: unitX }),
    liaisonY: await staffHeader(t, 'unit_liaison', { unitId: unitY }),
  };
  citizen = await citizenHeader(t);
  const c = await p.citizen.create({ data: { subjectHash: t.app.sealer.keyedHash(`wechat:${OPENID}`), via: 'wechat', openidSealed: t.app.sealer.seal(OPENID) } });
  wechatCitizen = { authorization: `Bearer ${t.app.signCitizenToken(c.id)}` };
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('submission', () => {
  it('real-name submit seals identity, sets the acceptance deadline over National Day, and is idempotent', async () => {
    const key = 'retry-key-0001';
    const first = await submit(wechatCitizen, { reporterName: NAME, reporterPhone: PHONE }, key);
    expect(first.serial).toMatch(/^JB20260930-\d{4}$/);
    expect(first.replayed).toBe(false);
    expect(first.queryCode).toBeNull();
    // 3 working days after 09-30: 10-08, 10-09, 10-10 (make-up Saturday)
    expect(first.acceptDueOn).toBe('2026-10-10');
    const again = await submit(wechatCitizen, { reporterName: NAME, reporterPhone: PHONE }, key);
    expect(again.id).toBe(first.id);
    expect(again.replayed).toBe(true);
    // the key may also come in the body
    const viaBody = await submit(wechatCitizen, { reporterName: NAME, reporterPhone: PHONE, idempotencyKey: key });
    expect(viaBody.id).toBe(first.id);
    expect(await t.db.prisma.report.count({ where: { citizenId: { not: null }, idempotencyKey: key } })).toBe(1);

    const row = await t.db.prisma.report.findUniqueOrThrow({ where: { id: first.id } });
    for (const v of [row.reporterNameSealed, row.reporterPhoneSealed, row.reporterOpenidSealed]) {
      // sealed with the report's own key, under the default 国密 suite
      expect(v).toMatch(/^v2\.sm\.dek\./);
      expect(v).not.toContain(PHONE);
    }
    expect(JSON.stringify(row)).not.toContain(PHONE);
    expect(JSON.stringify(row)).not.toContain(NAME);
    expect(JSON.stringify(row)).not.toContain(OPENID);
  });

  it('concurrent retries with one key give one report', async () => {
    const key = 'retry-key-concurrent';
    const results = await Promise.all([1, 2, 3].map(() => submit(citizen, { reporterPhone: PHONE }, key)));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
  });

  it('validates in Chinese: real-name needs a phone, confidential takes none, unknown category', async () => {
    let res = await call({ method: 'POST', url: '/api/public/reports', headers: citizen, payload: submitBody() });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues.map((i: { path: string }) => i.path)).toContain('reporterPhone');
    res = await call({ method: 'POST', url: '/api/public/reports', headers: citizen, payload: submitBody({ confidential: true, reporterPhone: PHONE }) });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0].message).toMatch(/保密/);
    res = await call({ method: 'POST', url: '/api/public/reports', headers: citizen, payload: submitBody({ category: 'nope', reporterPhone: PHONE }) });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('UNKNOWN_CATEGORY');
    res = await call({ method: 'POST', url: '/api/public/reports', payload: submitBody({ reporterPhone: PHONE }) });
    expect(res.statusCode).toBe(401);
  });

  it('confidential: code + secret once, stored only as HMACs; lookup, supplement; uniform error', async () => {
    const r = await submit(citizen, { confidential: true }, 'confidential-key-1');
    expect(r.queryCode).toMatch(/^\d{16}$/);
    expect(r.querySecret).toMatch(/^[A-Z2-9]{8}$/);
    expect(r.notice).toMatch(/遗失后无法找回/);
    const replay = await submit(citizen, { confidential: true }, 'confidential-key-1');
    expect(replay.queryCode).toBeNull();
    expect(replay.querySecret).toBeNull();
    const row = await t.db.prisma.report.findUniqueOrThrow({ where: { id: r.id } });
    expect(JSON.stringify(row)).not.toContain(r.queryCode);
    expect(JSON.stringify(row)).not.toContain(r.querySecret);
    expect(row.reporterOpenidSealed).toBeNull();

    const ipa = nextIp();
    const look = await call({ method: 'POST', url: '/api/public/reports/lookup', headers: { 'x-forwarded-for': ipa }, payload: { code: r.queryCode, secret: r.querySecret } });
    expect(look.statusCode, look.body).toBe(200);
    expect(look.json()).toMatchObject({ serial: r.serial, status: 'submitted', canSupplement: true, canRate: false });
    const sup = await call({
      method: 'POST',
      url: '/api/public/reports/lookup/supplements',
      headers: { 'x-forwarded-for': ipa },
      payload: { code: r.queryCode, secret: r.querySecret, text: '补充：每周一上午最严重。' },
    });
    expect(sup.statusCode).toBe(200);
    expect(sup.json().timeline.map((e: { kind: string }) => e.kind)).toEqual(['submitted', 'supplement']);

    const wrongSecret = await call({ method: 'POST', url: '/api/public/reports/lookup', headers: { 'x-forwarded-for': ipa }, payload: { code: r.queryCode, secret: 'ABCDEFGH' } });
    const wrongCode = await call({ method: 'POST', url: '/api/public/reports/lookup', headers: { 'x-forwarded-for': ipa }, payload: { code: '0000000000000000', secret: r.querySecret } });
    expect(wrongSecret.statusCode).toBe(404);
    expect(wrongCode.statusCode).toBe(404);
    const strip = (b: string) => ({ ...JSON.parse(b), requestId: undefined });
    expect(strip(wrongSecret.body)).toEqual(strip(wrongCode.body));
    expect(wrongCode.json().message).toBe('查询码或查询密码不正确');
  });

  it('scene references are checked and filled: an inspected unit gives its round and unit', async () => {
    const p = t.db.prisma;
    const round = await p.tourRound.create({ data: { name: '2026年第二轮巡察', code: '2026-2', startsOn: new Date('2026-09-01'), endsOn: new Date('2026-11-30') } });
    const iu = await p.inspectedUnit.create({ data: { tourRoundId: round.id, unitId: unitY, tourGroupId: groupB } });
    const r = await submit(citizen, { reporterPhone: PHONE, reportedUnitId: undefined, inspectedUnitId: iu.id });
    const row = await p.report.findUniqueOrThrow({ where: { id: r.id } });
    expect(row).toMatchObject({ tourRoundId: round.id, inspectedUnitId: iu.id, reportedUnitId: unitY });
    const list = await call({ method: 'GET', url: `/api/staff/reports?tourRoundId=${round.id}`, headers: H.intake });
    expect(list.json().items).toHaveLength(1);
    expect(list.json().items[0]).toMatchObject({ id: r.id, reportedUnitName: '城关镇', assigneeName: null });
    // from a notice: round + unit only; the unit is inspected in that round, so the report joins that inspection
    const fromNotice = await submit(citizen, { reporterPhone: PHONE, tourRoundId: round.id, reportedUnitId: unitY });
    expect(await p.report.findUniqueOrThrow({ where: { id: fromNotice.id } })).toMatchObject({ tourRoundId: round.id, inspectedUnitId: iu.id });
    const bad = await call({
      method: 'POST',
      url: '/api/public/reports',
      headers: citizen,
      payload: submitBody({ reporterPhone: PHONE, inspectedUnitId: '00000000-0000-4000-8000-000000000000' }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'INVALID_REFERENCE', details: { field: 'inspectedUnitId' } });
  });

  it('a typed 被反映单位 is its own field: stored, shown, searched and filtered by staff (not pasted into the description)', async () => {
    const r = await submit(citizen, { reporterPhone: PHONE, reportedUnitId: undefined, reportedUnitText: '  青石乡卫生院独有名  ' });
    const row = await t.db.prisma.report.findUniqueOrThrow({ where: { id: r.id } });
    expect(row).toMatchObject({ reportedUnitId: null, reportedUnitText: '青石乡卫生院独有名' });
    expect(row.content).not.toContain('青石乡卫生院独有名');
    const byText = await call({ method: 'GET', url: `/api/staff/reports?reportedUnit=${encodeURIComponent('卫生院独有')}`, headers: H.intake });
    expect(byText.json().items.map((i: { id: string }) => i.id)).toEqual([r.id]);
    expect(byText.json().items[0]).toMatchObject({ reportedUnitId: null, reportedUnitName: '青石乡卫生院独有名', reportedUnitText: '青石乡卫生院独有名' });
    // the filter also matches a known unit by its name
    const byName = await call({ method: 'GET', url: `/api/staff/reports?reportedUnit=${encodeURIComponent('住建')}&pageSize=200`, headers: H.intake });
    expect(byName.json().items.length).toBeGreaterThan(0);
    expect(byName.json().items.every((i: { reportedUnitName: string }) => i.reportedUnitName === '县住建局')).toBe(true);
    const search = await call({ method: 'GET', url: `/api/staff/reports?q=${encodeURIComponent('卫生院独有')}`, headers: H.intake });
    expect(search.json().items.map((i: { id: string }) => i.id)).toEqual([r.id]);
    const tooLong = await call({ method: 'POST', url: '/api/public/reports', headers: citizen, payload: submitBody({ reporterPhone: PHONE, reportedUnitText: '单'.repeat(101) }) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().issues[0]).toMatchObject({ path: 'reportedUnitText', message: '被反映单位不能超过 100 个字' });
  });

  it('lookup is rate limited per IP', async () => {
    const ipa = nextIp();
    const statuses: number[] = [];
    for (let i = 0; i < LOOKUP_RATE_LIMIT.max + 2; i++) {
      const res = await call({ method: 'POST', url: '/api/public/reports/lookup', headers: { 'x-forwarded-for': ipa }, payload: { code: '1234567812345678', secret: 'ABCDEFGH' } });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, LOOKUP_RATE_LIMIT.max).every((s) => s === 404)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // another IP is not affected…
    const other = await call({ method: 'POST', url: '/api/public/reports/lookup', headers: { 'x-forwarded-for': nextIp() }, payload: { code: '8765432187654321', secret: 'ABCDEFGH' } });
    expect(other.statusCode).toBe(404);
    // …but the guessed code has a budget of its own, whichever address asks
    const sameCode = await call({ method: 'POST', url: '/api/public/reports/lookup', headers: { 'x-forwarded-for': nextIp() }, payload: { code: '1234567812345678', secret: 'ABCDEFGH' } });
    expect(sameCode.statusCode).toBe(429);
  });
});

describe('lifecycle', () => {
  it('accept -> assign -> start -> reply -> rate 满意 closes; deadlines in working days; events, audit and outbox', async () => {
    await setNow('2026-09-30T02:00:00Z');
    const r = await submit(wechatCitizen, { reporterName: NAME, reporterPhone: PHONE });
    let res = await act('intake', r.id, { action: 'accept', note: '线索具体' });
    expect(res.statusCode, res.body).toBe(200);
    // 15 working days after 09-30
    expect(res.json().replyDueOn).toBe(addWorkdays('2026-09-30', 15));
    expect(res.json().replyDueOn).toBe('2026-10-27');
    res = await act('intake', r.id, { action: 'assign', tourGroupId: groupA });
    expect(res.json()).toMatchObject({ status: 'assigned', assigneeTourGroupId: groupA, assigneeName: '第一巡察组', reportedUnitName: '县住建局' });
    res = await act('groupA', r.id, { action: 'start' });
    expect(res.json().status).toBe('in_progress');
    // it answers, or hands the case back (退回) if it is not theirs
    expect(res.json().allowedActions).toEqual(['reply', 'return']);
    res = await act('groupA', r.id, { action: 'reply', reply: '经核查，已对相关人员批评教育并通报。', note: '内部：已约谈' });
    expect(res.json()).toMatchObject({ status: 'replied', reply: '经核查，已对相关人员批评教育并通报。' });

    const mine = await call({ method: 'GET', url: `/api/public/reports/mine/${r.id}`, headers: wechatCitizen });
    expect(mine.json()).toMatchObject({ status: 'replied', canRate: true });
    expect(mine.body).not.toContain('内部：已约谈');
    expect(mine.body).not.toContain('线索具体');
    const rate = await call({ method: 'POST', url: `/api/public/reports/${r.id}/rating`, headers: wechatCitizen, payload: { rating: 'satisfied' } });
    expect(rate.statusCode, rate.body).toBe(200);
    expect(rate.json()).toMatchObject({ status: 'closed', rating: 'satisfied' });

    const events = await t.db.prisma.reportEvent.findMany({ where: { reportId: r.id }, orderBy: { at: 'asc' } });
    expect(events.map((e) => e.kind)).toEqual(['submitted', 'accepted', 'assigned', 'started', 'replied', 'rated', 'closed']);
    const audits = await t.db.prisma.auditLog.findMany({ where: { entity: 'report', entityId: r.id } });
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(['report.submit', 'report.accept', 'report.assign', 'report.start', 'report.reply', 'report.rate']),
    );
    const outbox = await t.db.prisma.outbox.findMany({ where: { reportId: r.id } });
    expect(outbox.map((o) => (o.payload as { status: string }).status).sort()).toEqual(['accepted', 'assigned', 'closed', 'in_progress', 'replied'].sort());
    expect(JSON.stringify(outbox)).not.toContain(PHONE);

    const notes = await call({ method: 'GET', url: '/api/public/notifications', headers: wechatCitizen });
    expect(notes.json().items.length).toBeGreaterThanOrEqual(5);
  });

  it('invalid transitions -> 409 with the allowed ones', async () => {
    const r = await submit(citizen, { reporterPhone: PHONE });
    let res = await act('intake', r.id, { action: 'assign', tourGroupId: groupA });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'INVALID_TRANSITION', details: { status: 'submitted', allowed: ['accept', 'reject', 'merge'] } });
    res = await act('supervisor', r.id, { action: 'reply', reply: '答复内容测试' });
    expect(res.statusCode).toBe(409);
    await act('intake', r.id, { action: 'accept' });
    res = await act('intake', r.id, { action: 'accept' });
    expect(res.statusCode).toBe(409);
    expect(res.json().details.allowed).toEqual(['assign']);
  });

  it('role checks: who may triage, who may handle; tour groups and liaisons only their own', async () => {
    // accusing unit Y, so that unit X may handle it (回避)
    const r = await submit(citizen, { reporterPhone: PHONE, reportedUnitId: unitY });
    for (const who of ['groupA', 'liaisonX']) {
      const res = await act(who, r.id, { action: 'accept' });
      expect(res.statusCode, who).toBe(404); // not assigned to them: not even visible
    }
    expect((await act('intake', r.id, { action: 'accept' })).statusCode).toBe(200);
    expect((await act('intake', r.id, { action: 'assign', unitId: unitX })).statusCode).toBe(200);
    // intake does not handle
    let res = await act('intake', r.id, { action: 'start' });
    expect(res.statusCode).toBe(403);
    // the other unit's liaison and the tour group do not see it
    expect((await act('liaisonY', r.id, { action: 'start' })).statusCode).toBe(404);
    expect((await act('groupA', r.id, { action: 'start' })).statusCode).toBe(404);
    expect((await call({ method: 'GET', url: `/api/staff/reports/${r.id}`, headers: H.liaisonY })).statusCode).toBe(404);
    // its own liaison does
    res = await act('liaisonX', r.id, { action: 'start' });
    expect(res.statusCode, res.body).toBe(200);
    // a liaison may not triage even its own report
    const r2 = await submit(citizen, { reporterPhone: PHONE, reportedUnitId: unitY });
    await act('intake', r2.id, { action: 'accept' });
    await act('intake', r2.id, { action: 'assign', unitId: unitX });
    res = await act('liaisonX', r2.id, { action: 'merge', intoId: r.id });
    expect(res.statusCode).toBe(403);
    res = await act('liaisonX', r.id, { action: 'reply', reply: '已整改完毕，情况属实。' });
    expect(res.statusCode).toBe(200);
    // tour group B cannot close a report of group A
    const r3 = await submit(citizen, { reporterPhone: PHONE });
    await toInProgress(r3.id, { tourGroupId: groupA });
    expect((await act('groupB', r3.id, { action: 'reply', reply: '越权答复测试' })).statusCode).toBe(404);
    expect((await act('admin', r3.id, { action: 'reply', reply: '管理员答复测试' })).statusCode).toBe(200);
  });

  it('reject needs a reason; merge needs a valid target; both end the report for the citizen', async () => {
    const a = await submit(citizen, { reporterPhone: PHONE });
    const b = await submit(citizen, { reporterPhone: PHONE });
    let res = await act('intake', a.id, { action: 'reject' });
    expect(res.statusCode).toBe(400);
    res = await act('intake', a.id, { action: 'reject', reason: '不属于纪检监察机关受理范围' });
    expect(res.json()).toMatchObject({ status: 'not_accepted', notAcceptedReason: '不属于纪检监察机关受理范围' });
    res = await act('intake', b.id, { action: 'merge', intoId: a.id });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('MERGE_TARGET_INVALID');
    res = await act('intake', b.id, { action: 'merge', intoId: b.id });
    expect(res.statusCode).toBe(400);
    const c = await submit(citizen, { reporterPhone: PHONE });
    res = await act('intake', b.id, { action: 'merge', intoId: c.id });
    expect(res.json()).toMatchObject({ status: 'merged', mergedIntoId: c.id });
    const target = await call({ method: 'GET', url: `/api/staff/reports/${c.id}`, headers: H.intake });
    expect(target.json().mergedFrom).toEqual([{ id: b.id, serial: b.serial }]);
    const view = await call({ method: 'GET', url: `/api/public/reports/mine/${b.id}`, headers: citizen });
    expect(view.json().timeline.at(-1).publicNote).toContain(c.serial);
    const sup = await call({ method: 'POST', url: `/api/public/reports/${a.id}/supplements`, headers: citizen, payload: { text: '再补充一点' } });
    expect(sup.statusCode).toBe(409);
    // assign needs exactly one of group / unit
    const d = await submit(citizen, { reporterPhone: PHONE });
    await act('intake', d.id, { action: 'accept' });
    expect((await act('intake', d.id, { action: 'assign' })).statusCode).toBe(400);
    expect((await act('intake', d.id, { action: 'assign', unitId: unitX, tourGroupId: groupA })).statusCode).toBe(400);
  });

  it('不满意 reopens once with the reply clock restarted; the second 不满意 closes', async () => {
    await setNow('2026-11-02T02:00:00Z');
    const r = await submit(citizen, { reporterPhone: PHONE });
    await toInProgress(r.id);
    await act('groupA', r.id, { action: 'reply', reply: '第一次答复内容' });
    await setNow('2026-11-10T02:00:00Z');
    let res = await call({ method: 'POST', url: `/api/public/reports/${r.id}/rating`, headers: citizen, payload: { rating: 'unsatisfied', comment: '反映的问题没有解决' } });
    expect(res.json()).toMatchObject({ status: 'in_progress', canRate: false });
    const row = await t.db.prisma.report.findUniqueOrThrow({ where: { id: r.id } });
    expect(row.reopenedOnce).toBe(true);
    expect(row.replyDueOn!.toISOString().slice(0, 10)).toBe(addWorkdays('2026-11-10', 15));
    const detail = await call({ method: 'GET', url: `/api/staff/reports/${r.id}`, headers: H.groupA });
    expect(detail.json().events.map((e: { kind: string }) => e.kind)).toContain('reopened');
    await act('groupA', r.id, { action: 'reply', reply: '第二次答复内容' });
    // 不满意 says why, checked on the server too
    res = await call({ method: 'POST', url: `/api/public/reports/${r.id}/rating`, headers: citizen, payload: { rating: 'unsatisfied' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0]).toMatchObject({ path: 'comment', message: expect.stringContaining('不满意的原因') });
    res = await call({ method: 'POST', url: `/api/public/reports/${r.id}/rating`, headers: citizen, payload: { rating: 'unsatisfied', comment: '第二次答复仍未解决问题' } });
    expect(res.json()).toMatchObject({ status: 'closed', rating: 'unsatisfied' });
    res = await call({ method: 'POST', url: `/api/public/reports/${r.id}/rating`, headers: citizen, payload: { rating: 'satisfied' } });
    expect(res.statusCode).toBe(409);
  });

  it('rating a confidential report by code; 基本满意 closes', async () => {
    const r = await submit(citizen, { confidential: true });
    await toInProgress(r.id);
    await act('groupA', r.id, { action: 'reply', reply: '保密举报答复内容' });
    const res = await call({
      method: 'POST',
      url: '/api/public/reports/lookup/rating',
      headers: { 'x-forwarded-for': nextIp() },
      payload: { code: r.queryCode, secret: r.querySecret, rating: 'basically_satisfied' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'closed', rating: 'basically_satisfied', reply: '保密举报答复内容' });
  });

  it('staff 办结 early needs a note; the system closes 7 calendar days after an unrated reply', async () => {
    await setNow('2026-11-02T02:00:00Z');
    await autoCloseReplied(t.app); // replies left over by earlier tests
    const a = await submit(citizen, { reporterPhone: PHONE });
    const b = await submit(citizen, { reporterPhone: PHONE });
    for (const r of [a, b]) {
      await toInProgress(r.id);
      await act('groupA', r.id, { action: 'reply', reply: '答复：已处理完毕' });
    }
    let res = await act('intake', a.id, { action: 'close' });
    expect(res.statusCode).toBe(400);
    res = await act('intake', a.id, { action: 'close', note: '已电话联系举报人，表示满意' });
    expect(res.json().status).toBe('closed');
    await setNow('2026-11-08T02:00:00Z');
    expect(await autoCloseReplied(t.app)).toBe(0);
    await setNow('2026-11-09T02:00:01Z');
    expect(await autoCloseReplied(t.app)).toBe(1);
    const row = await t.db.prisma.report.findUniqueOrThrow({ where: { id: b.id } });
    expect(row.status).toBe('closed');
    const ev = await t.db.prisma.reportEvent.findFirst({ where: { reportId: b.id, kind: 'auto_closed' } });
    expect(ev?.actorType).toBe('system');
  });
});

describe('staff inbox, identity and rectification', () => {
  it('lists with filters, overdue flags, counts, search; never identity', async () => {
    await setNow('2026-12-01T02:00:00Z'); // Tuesday
    const fresh = await submit(citizen, { reporterName: NAME, reporterPhone: PHONE, category: 'illegal_fees', content: '乡镇收取不合理的办证费用，独特关键词甲乙丙。' });
    await setNow('2026-12-07T02:00:00Z'); // accept due 12-04 -> overdue
    let res = await call({ method: 'GET', url: '/api/staff/reports?overdue=true&pageSize=200', headers: H.intake });
    expect(res.statusCode, res.body).toBe(200);
    const item = res.json().items.find((i: { id: string }) => i.id === fresh.id);
    expect(item).toMatchObject({ acceptOverdue: true, overdue: true, acceptDueOn: '2026-12-04', categoryName: '乱收费' });
    expect(res.json().counts.overdue).toBeGreaterThanOrEqual(1);
    res = await call({ method: 'GET', url: `/api/staff/reports?q=${encodeURIComponent('甲乙丙')}`, headers: H.intake });
    expect(res.json().items.map((i: { id: string }) => i.id)).toEqual([fresh.id]);
    res = await call({ method: 'GET', url: '/api/staff/reports?category=illegal_fees&status=submitted&from=2026-12-01&to=2026-12-01', headers: H.supervisor });
    expect(res.json().total).toBe(1);
    expect(res.json().counts.byStatus.submitted).toBe(1);
    res = await call({ method: 'GET', url: '/api/staff/reports?from=2026-12-02', headers: H.supervisor });
    expect(res.json().total).toBe(0);
    res = await call({ method: 'GET', url: `/api/staff/reports?unitId=${unitX}&pageSize=5&page=1`, headers: H.admin });
    expect(res.json().items.length).toBeLessThanOrEqual(5);
    expect(res.json().total).toBeGreaterThan(5);
    // scoped views
    res = await call({ method: 'GET', url: '/api/staff/reports?pageSize=200', headers: H.groupB });
    expect(res.json().total).toBe(0);
    res = await call({ method: 'GET', url: '/api/staff/reports?pageSize=200', headers: H.groupA });
    expect(res.json().items.every((i: { assigneeTourGroupId: string }) => i.assigneeTourGroupId === groupA)).toBe(true);
    res = await call({ method: 'GET', url: '/api/staff/reports?pageSize=200', headers: H.liaisonX });
    expect(res.json().items.every((i: { assigneeUnitId: string }) => i.assigneeUnitId === unitX)).toBe(true);
    res = await call({ method: 'GET', url: '/api/staff/reports?status=bogus', headers: H.intake });
    expect(res.statusCode).toBe(400);
  });

  it('reveals identity only to intake/supervisor/admin, with a reason, audited', async () => {
    const r = await submit(wechatCitizen, { reporterName: NAME, reporterPhone: PHONE });
    const detail = await call({ method: 'GET', url: `/api/staff/reports/${r.id}`, headers: H.intake });
    expect(detail.json().hasIdentity).toBe(true);
    for (const who of ['groupA', 'liaisonX']) {
      const res = await call({ method: 'POST', url: `/api/staff/reports/${r.id}/identity`, headers: H[who], payload: { reason: '核实情况需要联系' } });
      expect(res.statusCode, who).toBe(403);
    }
    let res = await call({ method: 'POST', url: `/api/staff/reports/${r.id}/identity`, headers: H.intake, payload: {} });
    expect(res.statusCode).toBe(400);
    // 双人审批 (custody.test.ts covers the refusals): intake asks, a supervisor approves
    res = await call({ method: 'POST', url: `/api/staff/reports/${r.id}/identity-requests`, headers: H.intake, payload: { reason: '电话核实线索' } });
    expect(res.statusCode, res.body).toBe(201);
    expect((await call({ method: 'POST', url: `/api/staff/identity-requests/${res.json().id}/decision`, headers: H.supervisor, payload: { approve: true } })).statusCode).toBe(200);
    res = await call({ method: 'POST', url: `/api/staff/reports/${r.id}/identity`, headers: H.intake, payload: { reason: '电话核实线索' } }, false);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ name: NAME, phone: PHONE, openid: OPENID, confidential: false });
    const audit = await t.db.prisma.auditLog.findMany({ where: { action: 'report.reveal_identity', entityId: r.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.reason).toBe('电话核实线索');
    const conf = await submit(citizen, { confidential: true });
    res = await call({ method: 'POST', url: `/api/staff/reports/${conf.id}/identity`, headers: H.supervisor, payload: { reason: '检查保密举报' } }, false);
    expect(res.json()).toEqual({ name: null, phone: null, openid: null, confidential: true });
  });

  it('立行立改 notice: issued in progress by the tour group, working-day deadline, evidence by the notice\'s unit only, completion', async () => {
    await setNow('2026-09-30T02:00:00Z');
    const r = await submit(citizen, { reporterPhone: PHONE });
    let res = await call({ method: 'POST', url: `/api/staff/reports/${r.id}/rectification-notices`, headers: H.supervisor, payload: { content: '立即整改窗口纪律', deadlineDays: 5 } });
    expect(res.statusCode).toBe(409);
    await act('intake', r.id, { action: 'accept' });
    await act('intake', r.id, { action: 'assign', tourGroupId: groupA });
    await act('groupA', r.id, { action: 'start' });
    res = await call({ method: 'POST', url: `/api/staff/reports/${r.id}/rectification-notices`, headers: H.groupB, payload: { content: '立即整改窗口纪律', deadlineDays: 5 } });
    expect(res.statusCode).toBe(404);
    res = await call({ method: 'POST', url: `/api/staff/reports/${r.id}/rectification-notices`, headers: H.groupA, payload: { content: '立即整改窗口纪律', deadlineDays: 5 } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ dueOn: addWorkdays('2026-09-30', 5), status: 'issued', overdue: false, unitId: unitX });
    expect(res.json().dueOn).toBe('2026-10-13'); // 10-08, 10-09, 10-10 (make-up Saturday), 10-12, 10-13
    const id = res.json().id;
    // the responsible unit receives it as a rectification task with the same deadline: the one track it is answered on
    const task = await t.db.prisma.rectificationTask.findFirstOrThrow({ where: { sourceKind: 'notice', sourceId: id } });
    expect(task).toMatchObject({ requirement: '立即整改窗口纪律', deadlineDays: 5, status: 'pending', unitId: unitX });
    expect(task.dueOn.toISOString().slice(0, 10)).toBe('2026-10-13');
    expect(res.json().taskId).toBe(task.id);
    const review = (who: string, payload: object) => call({ method: 'POST', url: `/api/staff/rectifications/${task.id}/review`, headers: H[who], payload });
    res = await review('groupA', { decision: 'accept' });
    expect(res.statusCode).toBe(409);
    // evidence comes from the notice's unit only: not the tour group, not another unit's liaison
    const evidence = { 'content-type': 'multipart/form-data; boundary=b' };
    const pdf = '--b\r\nContent-Disposition: form-data; name="file"; filename="整改情况.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--b--\r\n';
    const upload = (who: string) => call({ method: 'POST', url: `/api/staff/rectifications/${task.id}/evidence`, headers: { ...H[who], ...evidence }, payload: pdf });
    expect((await upload('groupA')).statusCode).toBe(403);
    expect((await upload('intake')).statusCode).toBe(403);
    expect((await upload('liaisonY')).statusCode).toBe(403);
    expect((await upload('liaisonX')).statusCode).toBe(201);
    res = await call({ method: 'POST', url: `/api/staff/rectifications/${task.id}/submit`, headers: H.liaisonX, payload: { note: '已调整排班并公示监督电话' } });
    expect(res.json().status).toBe('submitted');
    let detail = await call({ method: 'GET', url: `/api/staff/reports/${r.id}`, headers: H.groupA });
    expect(detail.json().rectificationNotices[0]).toMatchObject({ status: 'evidence_submitted', taskStatus: 'submitted' });
    res = await review('groupA', { decision: 'accept', note: '核验属实' });
    expect(res.json().status).toBe('accepted');
    detail = await call({ method: 'GET', url: `/api/staff/reports/${r.id}`, headers: H.groupA });
    expect(detail.json().rectificationNotices).toHaveLength(1);
    expect(detail.json().rectificationNotices[0]).toMatchObject({ status: 'completed', taskStatus: 'accepted' });
  });

  it('per-category reply days are configurable by supervisor/admin only', async () => {
    let res = await call({ method: 'PUT', url: '/api/staff/reports/categories/engineering', headers: H.intake, payload: { name: '工程项目', replyDays: 20 } });
    expect(res.statusCode).toBe(403);
    res = await call({ method: 'PUT', url: '/api/staff/reports/categories/engineering', headers: H.admin, payload: { name: '工程项目', replyDays: 20 } });
    expect(res.statusCode).toBe(200);
    await setNow('2026-09-30T02:00:00Z');
    const r = await submit(citizen, { reporterPhone: PHONE, category: 'engineering' });
    res = await act('intake', r.id, { action: 'accept' });
    expect(res.json().replyDueOn).toBe(addWorkdays('2026-09-30', 20));
    const cats = await call({ method: 'GET', url: '/api/public/reports/categories' });
    expect(cats.json().items.find((c: { code: string }) => c.code === 'engineering').replyDays).toBe(20);
  });
});

describe('sealed identity', () => {
  it('no response of this file (except the audited reveal) carries the name, phone or openid', async () => {
    // list + detail + mine as everyone once more, to be sure
    for (const h of Object.values(H)) await call({ method: 'GET', url: '/api/staff/reports?pageSize=200', headers: h });
    const all = await t.db.prisma.report.findMany({ select: { id: true } });
    for (const { id } of all) await call({ method: 'GET', url: `/api/staff/reports/${id}`, headers: H.admin });
    await call({ method: 'GET', url: '/api/public/reports/mine', headers: wechatCitizen });
    expect(bodies.length).toBeGreaterThan(100);
    for (const b of bodies) {
      expect(b).not.toContain(PHONE);
      expect(b).not.toContain(NAME);
      expect(b).not.toContain(OPENID);
    }
  });
});
