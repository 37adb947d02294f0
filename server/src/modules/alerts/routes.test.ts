// Needs `await staff.register(alertRoutes)` in app.ts (staff scope); skipped until it is registered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, staffHeader, type TestApp } from '../../test-support/app';

let t: TestApp;
let registered = false;
beforeAll(async () => {
  t = await createTestApp();
  registered = t.app.hasRoute({ method: 'GET', url: '/api/staff/alerts/models' });
}, 60_000);
afterAll(() => t?.close());

// one login per role for the tests below: logins are rate-limited per address
const logins = new Map<string, Promise<Record<string, string>>>();
const as = (role: 'admin' | 'intake' | 'supervisor') => {
  if (!logins.has(role)) logins.set(role, staffHeader(t, role));
  return logins.get(role)!;
};

const csv = `办件编号,部门编码,事项编码,申请人证件号码,受理时间,承诺时限,办结时间,办理结果,补正次数,评价
H1,U1,I1,11010519491231002X,2026-03-02 09:30,1,2026-03-05,通过,2,非常不满意
H2,U1,I1,110105194912310021,2026-03-02,1,2026-03-03,通过,0,
`;

function multipart(filename: string, content: string) {
  const boundary = '----msjd' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('alert routes', () => {
  it('import, run, list, escalate and close', async (ctx) => {
    if (!registered) return ctx.skip();
    const admin = await staffHeader(t, 'admin');
    const intake = await staffHeader(t, 'intake');
    const up = multipart('cases.csv', csv);
    expect((await t.app.inject({ method: 'POST', url: '/api/staff/alerts/imports/service-cases', headers: { ...intake, ...up.headers }, payload: up.payload })).statusCode).toBe(403);
    const imp = await t.app.inject({ method: 'POST', url: '/api/staff/alerts/imports/service-cases', headers: { ...admin, ...up.headers }, payload: up.payload });
    expect(imp.statusCode).toBe(200);
    expect(imp.json()).toMatchObject({ imported: 1, rejected: 1, errors: [{ line: 3, field: 'applicant_id' }] });

    const bad = multipart('x.csv', 'a,b\n1,2\n');
    const unreadable = await t.app.inject({ method: 'POST', url: '/api/staff/alerts/imports/service-cases', headers: { ...admin, ...bad.headers }, payload: bad.payload });
    expect(unreadable.statusCode).toBe(422);
    expect(unreadable.json().message).toMatch(/缺少必需的列/);

    const badRun = await t.app.inject({ method: 'POST', url: '/api/staff/alerts/runs', headers: admin, payload: { asOf: '2026/03/20' } });
    expect(badRun.statusCode).toBe(400);
    const run = await t.app.inject({ method: 'POST', url: '/api/staff/alerts/runs', headers: admin, payload: { asOf: '2026-03-20' } });
    expect(run.statusCode).toBe(200);
    expect(run.json()).toMatchObject({ models: { overdue: { new: 1 }, dissatisfied: { new: 1 }, not_one_time: { new: 1 } }, escalations: { opened: 3 } });

    const ws = (await t.app.inject({ url: '/api/staff/alerts/warnings?model=dissatisfied', headers: intake })).json();
    expect(ws.total).toBe(1);
    expect(ws.items[0]).toMatchObject({ caseNo: 'H1', unitCode: 'U1', itemCode: 'I1', stage: 'urge', values: { rating: 1 } });

    // models, runs and data are for supervisors and administrators only (issue #12)
    expect((await t.app.inject({ url: '/api/staff/alerts/models', headers: intake })).statusCode).toBe(403);
    const models = (await t.app.inject({ url: '/api/staff/alerts/models', headers: admin })).json();
    expect(models.items.map((m: { name: string }) => m.name)).toEqual(['overdue', 'low_pass_rate', 'not_one_time', 'unequal_treatment', 'dissatisfied', 'obstruction']);
    const badModel = await t.app.inject({
      method: 'PUT',
      url: '/api/staff/alerts/models/dissatisfied',
      headers: admin,
      payload: { kind: 'dissatisfied', title: '不满意', params: { maxRating: 9 } },
    });
    expect(badModel.statusCode).toBe(400);
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/staff/alerts/models/dissatisfied',
      headers: admin,
      payload: { kind: 'dissatisfied', title: '不满意', params: { maxRating: 3 } },
    });
    expect(saved.json()).toMatchObject({ name: 'dissatisfied', startStage: 'urge', params: { maxRating: 3 } });

    const esc = (await t.app.inject({ url: '/api/staff/alerts/escalations?open=true&model=dissatisfied', headers: admin })).json();
    expect(esc.items).toMatchObject([{ model: 'dissatisfied', unitCode: 'U1', stage: 'urge', warnings: 1 }]);
    const id = esc.items[0].id;
    const wrong = await t.app.inject({ method: 'POST', url: `/api/staff/alerts/escalations/${id}/close`, headers: admin, payload: { stage: 'accountability', people: [{ name: '王某', kind: '诫勉' }] } });
    expect(wrong.statusCode).toBe(409);
    const done = await t.app.inject({ method: 'POST', url: `/api/staff/alerts/escalations/${id}/close`, headers: admin, payload: { stage: 'done', note: '已回复' } });
    expect(done.statusCode).toBe(204);
    expect(await t.db.prisma.auditLog.count({ where: { action: { startsWith: 'alerts.' } } })).toBeGreaterThanOrEqual(4);
  });
});

// The two tests below continue from the state the first one leaves: U1 has an overdue case at urge, a dissatisfied
// case closed as done and a not_one_time case at verify, all opened at as-of 2026-03-20; the first of them adds a
// dissatisfied warning at 2026-03-25, which opens a new dissatisfied case at verify (the 30-day rule).
describe('alert routes: as-of range, stage filter, structured 问责 record', () => {
  it('filters warnings by as-of range and refuses an inverted or impossible range in Chinese', async (ctx) => {
    if (!registered) return ctx.skip();
    const admin = await staffHeader(t, 'admin');
    const later = multipart('later.csv', `办件编号,部门编码,事项编码,申请人证件号码,受理时间,承诺时限,办结时间,办理结果,补正次数,评价
H3,U1,I1,11010519491231002X,2026-03-20 09:30,5,2026-03-23,通过,0,不满意
`);
    expect((await t.app.inject({ method: 'POST', url: '/api/staff/alerts/imports/service-cases', headers: { ...admin, ...later.headers }, payload: later.payload })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/staff/alerts/runs', headers: admin, payload: { asOf: '2026-03-25' } })).json()).toMatchObject({
      models: { dissatisfied: { new: 1 } },
    });
    const list = async (q: string) => (await t.app.inject({ url: `/api/staff/alerts/warnings?${q}`, headers: admin })).json();
    const asOfs = (body: { items: { asOf: string }[] }) => body.items.map((w) => w.asOf).sort();
    expect(asOfs(await list('asOfFrom=2026-03-21'))).toEqual(['2026-03-25']);
    expect(asOfs(await list('asOfTo=2026-03-20'))).toEqual(['2026-03-20', '2026-03-20', '2026-03-20']);
    expect(asOfs(await list('asOfFrom=2026-03-20&asOfTo=2026-03-25'))).toEqual(['2026-03-20', '2026-03-20', '2026-03-20', '2026-03-25']);
    expect((await list('asOfFrom=2026-03-21&asOfTo=2026-03-24')).total).toBe(0);
    expect((await list('model=dissatisfied&asOfFrom=2026-03-25&asOfTo=2026-03-25')).items).toMatchObject([{ caseNo: 'H3' }]);

    const inverted = await t.app.inject({ url: '/api/staff/alerts/warnings?asOfFrom=2026-03-25&asOfTo=2026-03-20', headers: admin });
    expect(inverted.statusCode).toBe(400);
    expect(inverted.json()).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'querystring.asOfTo', message: '预警截止日期不能早于起始日期' }] });
    const impossible = await t.app.inject({ url: '/api/staff/alerts/warnings?asOfFrom=2026-02-30', headers: admin });
    expect(impossible.statusCode).toBe(400);
    expect(impossible.json().issues).toMatchObject([{ path: 'querystring.asOfFrom', message: '预警起始日期不是有效的日期' }]);
    const malformed = await t.app.inject({ url: '/api/staff/alerts/warnings?asOfTo=20260320', headers: admin });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().issues[0]).toMatchObject({ path: 'querystring.asOfTo', message: '预警截止日期格式应为 YYYY-MM-DD' });
  });

  it('lists by stage, records 问责 people and money exactly, and sums them', async (ctx) => {
    if (!registered) return ctx.skip();
    const admin = await staffHeader(t, 'admin');
    const list = async (q: string) => (await t.app.inject({ url: `/api/staff/alerts/escalations?${q}`, headers: admin })).json();
    expect((await list('stage=verify')).items).toMatchObject([
      { model: 'dissatisfied', unitCode: 'U1', stage: 'verify', openedAsOf: '2026-03-25' },
      { model: 'not_one_time', unitCode: 'U1', stage: 'verify', people: [], moneyRecovered: null },
    ]);
    expect((await list('stage=done')).items).toMatchObject([{ model: 'dissatisfied', stage: 'done', outcome: { stage: 'done', note: '已回复' } }]);
    expect((await t.app.inject({ url: '/api/staff/alerts/escalations?stage=closed', headers: admin })).statusCode).toBe(400);
    const before = await list('');
    expect(before.summary).toEqual({
      byStage: { urge: 1, verify: 2, done: 1, unfounded: 0, accountability: 0 },
      accountabilityCases: 0,
      peopleHandled: 0,
      moneyRecovered: '0.00',
    });
    const [second, verify] = (await list('stage=verify')).items as { id: string }[];
    const verifyId = verify.id;
    const close = (id: string, payload: object) => t.app.inject({ method: 'POST', url: `/api/staff/alerts/escalations/${id}/close`, headers: admin, payload });
    expect((await close(second.id, { stage: 'unfounded', note: '申请人撤回评价' })).statusCode).toBe(204);
    expect((await list('stage=unfounded')).items).toMatchObject([{ id: second.id, people: [], moneyRecovered: null }]);

    const badKind = await close(verifyId, { stage: 'accountability', people: [{ name: '王某', kind: '开除' }] });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().issues[0]).toMatchObject({ path: 'people.0.kind' });
    expect(badKind.json().issues[0].message).toContain('党纪处分');
    const noName = await close(verifyId, { stage: 'accountability', people: [{ name: '  ', kind: '诫勉' }] });
    expect(noName.json().issues[0]).toMatchObject({ path: 'people.0.name', message: '请填写被问责人姓名' });
    for (const money of [0.1 + 0.2, '12.345', -5, '1e3']) {
      const bad = await close(verifyId, { stage: 'accountability', people: [{ name: '王某', kind: '诫勉' }], moneyRecovered: money });
      expect(bad.statusCode, String(money)).toBe(400);
      expect(bad.json().issues[0].path).toBe('moneyRecovered');
    }
    const empty = await close(verifyId, { stage: 'accountability', people: [], moneyRecovered: '0', note: '查实' });
    expect(empty.json().issues).toMatchObject([{ path: 'people', message: '问责处理须至少记录一名问责对象或追回金额' }]);

    const ok = await close(verifyId, {
      stage: 'accountability',
      people: [
        { name: '王某（窗口负责人）', kind: '党纪处分', detail: '党内警告' },
        { name: '李某', kind: '诫勉' },
      ],
      moneyRecovered: '12000.1',
      note: '查实多次要求补正',
    });
    expect(ok.statusCode).toBe(204);
    expect((await list('stage=accountability')).items).toMatchObject([
      {
        id: verifyId,
        stage: 'accountability',
        people: [
          { name: '王某（窗口负责人）', kind: '党纪处分', detail: '党内警告' },
          { name: '李某', kind: '诫勉' },
        ],
        moneyRecovered: '12000.10',
        outcome: { stage: 'accountability', note: '查实多次要求补正' },
      },
    ]);
    const [stored] = await t.db.sql.query<{ people: unknown; money: string }>(
      `SELECT people, money_recovered::text AS money FROM escalation_case WHERE id = $1::uuid`,
      [verifyId],
    );
    expect(stored).toEqual({ people: [{ name: '王某（窗口负责人）', kind: '党纪处分', detail: '党内警告' }, { name: '李某', kind: '诫勉' }], money: '12000.10' });

    // a second verify case (another unit) closed with money as a JSON number: the total stays exact to the fen,
    // where 12000.1 + 0.2 in binary floating point is 12000.300000000001
    const [other] = await t.db.sql.query<{ id: string }>(
      `INSERT INTO escalation_case (model, unit_code, stage, open_key, opened_as_of, stage_as_of)
       VALUES ('overdue', 'U2', 'verify', 'overdue|U2', '2026-03-25', '2026-03-25') RETURNING id::text`,
    );
    expect((await close(other.id, { stage: 'accountability', moneyRecovered: 0.2, note: '追回违规收取的费用' })).statusCode).toBe(204);
    // a case closed before the record was structured: its texts stay readable, its money (carried over by the
    // migration) counts, it names no people
    await t.db.sql.query(
      `INSERT INTO escalation_case (model, unit_code, stage, opened_as_of, stage_as_of, closed_at, outcome, money_recovered)
       VALUES ('obstruction', 'U3', 'accountability', '2026-02-01', '2026-02-01', now(),
               '{"stage":"accountability","discipline":"赵某（政务处分）：记过","moneyRecovered":5000}', 5000)`,
    );
    const all = await list('');
    expect(all.summary).toEqual({
      byStage: { urge: 1, verify: 0, done: 1, unfounded: 1, accountability: 3 },
      accountabilityCases: 3,
      peopleHandled: 2,
      moneyRecovered: '17000.30',
    });
    expect(all.items.find((e: { unitCode: string }) => e.unitCode === 'U3')).toMatchObject({
      people: [],
      moneyRecovered: '5000.00',
      outcome: { discipline: '赵某（政务处分）：记过' },
    });
    // the summary follows model and unit, not the stage tab
    expect((await list('unitCode=U1&stage=urge')).summary).toMatchObject({ accountabilityCases: 1, peopleHandled: 2, moneyRecovered: '12000.10' });
    expect((await list('model=overdue')).summary.byStage).toEqual({ urge: 1, verify: 0, done: 0, unfounded: 0, accountability: 1 });
  });
});

describe('alert routes: closing a warning', () => {
  it('needs a reason from the list, records who and why, and refuses a second close', async (ctx) => {
    if (!registered) return ctx.skip();
    const admin = await as('admin');
    const intake = await as('intake');
    const open = (await t.app.inject({ url: '/api/staff/alerts/warnings?model=dissatisfied&status=open', headers: admin })).json();
    const [w] = open.items;
    const close = (payload: unknown, headers = admin) => t.app.inject({ method: 'POST', url: `/api/staff/alerts/warnings/${w.id}/close`, headers, payload: payload as object });
    const none = await close({});
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'reason', message: '请选择关闭原因：属实、合理原因、数据错误或重复' }] });
    expect((await close({ reason: 'whatever' })).statusCode).toBe(400);
    expect((await close({ reason: 'confirmed' }, intake)).statusCode).toBe(403);
    // nothing changed by the refused calls
    expect((await t.app.inject({ url: `/api/staff/alerts/warnings?model=dissatisfied&status=open`, headers: admin })).json().total).toBe(open.total);
    // the item the list gave is the warning's shard key: another item finds no such warning and changes nothing
    expect((await close({ reason: 'confirmed', itemKey: `${w.itemCode ?? ''}-other` })).statusCode).toBe(409);
    expect((await t.app.inject({ url: `/api/staff/alerts/warnings?model=dissatisfied&status=open`, headers: admin })).json().total).toBe(open.total);
    expect((await close({ reason: 'confirmed', note: '  经核实，窗口人员态度生硬  ', itemKey: w.itemCode ?? '' })).statusCode).toBe(204);
    const [closed] = (await t.app.inject({ url: '/api/staff/alerts/warnings?model=dissatisfied&status=closed', headers: admin })).json().items;
    expect(closed).toMatchObject({ id: w.id, status: 'closed', closeReason: 'confirmed', closeNote: '经核实，窗口人员态度生硬' });
    expect(closed.closedByName).toMatch(/\S/);
    expect(Date.parse(closed.closedAt)).not.toBeNaN();
    expect((await close({ reason: 'duplicate' })).statusCode).toBe(409);
    const audit = await t.db.prisma.auditLog.findFirst({ where: { action: 'alerts.warning_closed', entityId: w.id } });
    expect(audit?.detail).toMatchObject({ reason: 'confirmed' });
  });
});

describe('alert routes: model versions', () => {
  it('lists a model’s versions with who saved them and what they raised, and diffs two of them', async (ctx) => {
    if (!registered) return ctx.skip();
    const admin = await as('admin');
    const intake = await as('intake');
    const versions = async () => (await t.app.inject({ url: '/api/staff/alerts/models/dissatisfied/versions', headers: admin })).json().items;
    // the first test raised H1 with version 1, then raised maxRating to 3 (version 2), which raised H3
    const before = await versions();
    expect(before.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(before[0]).toMatchObject({ version: 2, params: { maxRating: 3 }, warnings: 1 });
    expect(before[0].createdByName).toMatch(/\S/);
    expect(before[1]).toMatchObject({ version: 1, params: { maxRating: 2 }, warnings: 1, createdByName: null });
    const ws = (await t.app.inject({ url: '/api/staff/alerts/warnings?model=dissatisfied', headers: admin })).json().items;
    expect(Object.fromEntries(ws.map((w: { caseNo: string; modelVersion: number }) => [w.caseNo, w.modelVersion]))).toEqual({ H1: 1, H3: 2 });

    const diff = await t.app.inject({ url: '/api/staff/alerts/models/dissatisfied/versions/diff?from=1&to=2', headers: admin });
    expect(diff.statusCode).toBe(200);
    expect(diff.json()).toEqual({ from: 1, to: 2, changes: [{ path: 'params.maxRating', label: '评价阈值', before: 2, after: 3 }] });
    expect((await t.app.inject({ url: '/api/staff/alerts/models/dissatisfied/versions/diff?from=1&to=9', headers: admin })).statusCode).toBe(404);
    const bad = await t.app.inject({ url: '/api/staff/alerts/models/dissatisfied/versions/diff?from=x&to=2', headers: admin });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0]).toMatchObject({ path: 'querystring.from', message: '版本号应为整数' });
    expect((await t.app.inject({ url: '/api/staff/alerts/models/nosuch/versions', headers: admin })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/staff/alerts/models/dissatisfied/versions', headers: intake })).statusCode).toBe(403);

    // disabling is an edit like any other: a new version, the old ones unchanged
    const off = await t.app.inject({ method: 'PATCH', url: '/api/staff/alerts/models/dissatisfied', headers: admin, payload: { enabled: false } });
    expect(off.json()).toMatchObject({ enabled: false, version: 3 });
    const on = await t.app.inject({ method: 'PATCH', url: '/api/staff/alerts/models/dissatisfied', headers: admin, payload: { enabled: true } });
    expect(on.json()).toMatchObject({ enabled: true, version: 4 });
    expect((await versions()).map((v: { version: number; enabled: boolean }) => [v.version, v.enabled])).toEqual([
      [4, true],
      [3, false],
      [2, true],
      [1, true],
    ]);
    expect((await t.app.inject({ url: '/api/staff/alerts/models/dissatisfied/versions/diff?from=2&to=3', headers: admin })).json().changes).toEqual([
      { path: 'enabled', label: '启用', before: true, after: false },
    ]);
  });
});

describe('alert routes: import history, freshness, stale data', () => {
  it('lists every import with its file and who made it, dates the data and warns before a run', async (ctx) => {
    if (!registered) return ctx.skip();
    const admin = await as('admin');
    const intake = await as('intake');
    const list = (await t.app.inject({ url: '/api/staff/alerts/imports?kind=service_cases', headers: admin })).json();
    // the earlier tests uploaded cases.csv, x.csv (unreadable) and later.csv through the admin
    expect(list.items.map((i: { fileName: string; status: string }) => [i.fileName, i.status])).toEqual([
      ['later.csv', 'ok'],
      ['x.csv', 'failed'],
      ['cases.csv', 'ok'],
    ]);
    expect(list.items[2]).toMatchObject({ datasetLabel: '办件数据', rowsRead: 2, accepted: 1, rejected: 1, rejectedSample: [{ line: 3, field: 'applicant_id' }], via: 'admin' });
    expect(list.items[2].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(list.items[2].importedByName).toMatch(/\S/);
    expect((await t.app.inject({ url: '/api/staff/alerts/imports', headers: intake })).statusCode).toBe(403);

    const fresh = (await t.app.inject({ url: '/api/staff/alerts/freshness', headers: admin })).json();
    expect(fresh.staleDays).toBe(7);
    expect(fresh.sources[0]).toMatchObject({ kind: 'service_cases', label: '办件数据', ageDays: 0, stale: false });
    expect((await t.app.inject({ url: '/api/staff/alerts/runs/stale-data', headers: admin })).json().sources).toEqual([]);

    const bad = await t.app.inject({ method: 'PUT', url: '/api/staff/alerts/settings', headers: admin, payload: { staleDays: 0 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0]).toMatchObject({ path: 'staleDays', message: '天数不小于 1' });
    const saved = await t.app.inject({ method: 'PUT', url: '/api/staff/alerts/settings', headers: admin, payload: { staleDays: 14 } });
    expect(saved.json()).toEqual({ staleDays: 14 });
    expect((await t.app.inject({ url: '/api/staff/alerts/settings', headers: admin })).json()).toEqual({ staleDays: 14 });
  });
});

describe('alert routes: a warning explained, its sources, ID numbers masked unless revealed', () => {
  it('explains each warning in a sentence, shows the case behind it masked, and reveals the full ID to a supervisor only, audited', async (ctx) => {
    if (!registered) return ctx.skip();
    const admin = await as('admin');
    const supervisor = await as('supervisor');
    const [h1] = (await t.app.inject({ url: '/api/staff/alerts/warnings?model=not_one_time', headers: admin })).json().items;
    expect(h1).toMatchObject({
      caseNo: 'H1',
      modelTitle: '未一次性告知',
      subjectText: '办件 H1',
      applicantId: '110105********002X',
      explanation: '办件 H1（事项 I1）补正 2 次（达到 2 次即预警），未做到一次性告知',
    });
    const [overdue] = (await t.app.inject({ url: '/api/staff/alerts/warnings?model=overdue', headers: admin })).json().items;
    // H1: accepted Mon 2026-03-02, 1 working day promised (deadline 03-03), finished Thu 03-05
    expect(overdue.explanation).toBe('办件 H1（事项 I1）超出承诺时限 2 个工作日（承诺 1 个工作日，实际 3 个工作日）');

    const detail = await t.app.inject({ url: `/api/staff/alerts/warnings/${h1.id}`, headers: admin });
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({
      warning: { id: h1.id, explanation: h1.explanation },
      casesTotal: 1,
      cases: [{ caseNo: 'H1', unitCode: 'U1', itemCode: 'I1', applicantId: '110105********002X', supplementCount: 2, rating: 1, result: 'approved' }],
      rows: [],
    });
    expect(detail.body).not.toContain('11010519491231002X');
    expect((await t.app.inject({ url: '/api/staff/alerts/warnings/00000000-0000-4000-8000-000000000000', headers: admin })).statusCode).toBe(404);
    // a liaison of another unit does not see it
    const unit = await t.db.prisma.unit.create({ data: { code: 'ZZ9', name: '别的单位', kind: 'department' } });
    const liaison = await staffHeader(t, 'unit_liaison', { unitId: unit.id });
    expect((await t.app.inject({ url: `/api/staff/alerts/warnings/${h1.id}`, headers: liaison })).statusCode).toBe(404);

    const reveal = (headers: Record<string, string>) => t.app.inject({ method: 'POST', url: `/api/staff/alerts/warnings/${h1.id}/reveal`, headers });
    expect((await reveal(admin)).statusCode).toBe(403);
    const shown = await reveal(supervisor);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toEqual({ applicantId: '11010519491231002X', cases: [{ caseNo: 'H1', applicantId: '11010519491231002X' }], rows: [] });
    const audit = await t.db.prisma.auditLog.findFirst({ where: { action: 'alerts.id_revealed', entityId: h1.id } });
    expect(audit?.detail).toEqual({ cases: ['H1'], rows: [] });
  });
});

describe('alert routes: data-set rows masked unless revealed', () => {
  it('masks resident IDs in the rows, and reveals a page in full to a supervisor, audited', async (ctx) => {
    if (!registered) return ctx.skip();
    const admin = await as('admin');
    const supervisor = await as('supervisor');
    const { DEMO_DATASETS } = await import('./demo');
    const cadres = DEMO_DATASETS.find((d) => d.name === 'village_cadres')!;
    expect((await t.app.inject({ method: 'PUT', url: '/api/staff/alerts/datasets/village_cadres', headers: admin, payload: cadres.declaration })).statusCode).toBe(200);
    const file = multipart('cadres.csv', `身份证号码,姓名,乡镇编码,村（社区）,职务,任职申报残疾等级\n41072519680312041X,王建军,T001,东街社区,主任,0\n`);
    expect((await t.app.inject({ method: 'POST', url: '/api/staff/alerts/datasets/village_cadres/import', headers: { ...admin, ...file.headers }, payload: file.payload })).json()).toMatchObject({ imported: 1 });
    const rows = await t.app.inject({ url: '/api/staff/alerts/datasets/village_cadres/rows', headers: admin });
    expect(rows.json().items).toEqual([{ key: '410725********041X', residentId: '410725********041X', values: expect.objectContaining({ id_number: '410725********041X', name: '王建军' }) }]);
    expect(rows.body).not.toContain('41072519680312041X');
    const reveal = (headers: Record<string, string>) => t.app.inject({ method: 'POST', url: '/api/staff/alerts/datasets/village_cadres/rows/reveal?page=1&pageSize=50', headers });
    expect((await reveal(admin)).statusCode).toBe(403);
    expect((await reveal(supervisor)).json().items[0]).toMatchObject({ key: '41072519680312041X', residentId: '41072519680312041X' });
    expect(await t.db.prisma.auditLog.count({ where: { action: 'alerts.id_revealed', entity: 'alert_dataset', entityId: 'village_cadres' } })).toBe(1);
  });
});

describe('alert routes: Chinese names for every reader', () => {
  it('gives whoever reads warnings the models’ Chinese names, and no definitions', async (ctx) => {
    if (!registered) return ctx.skip();
    const intake = await as('intake');
    const names = await t.app.inject({ url: '/api/staff/alerts/model-names', headers: intake });
    expect(names.statusCode).toBe(200);
    expect(names.json().items).toContainEqual({ name: 'overdue', kind: 'overdue', title: '办件超期' });
    expect(names.json().items[0]).not.toHaveProperty('params');
    const [w] = (await t.app.inject({ url: '/api/staff/alerts/warnings?model=overdue', headers: intake })).json().items;
    expect(w.modelTitle).toBe('办件超期');
  });
});
