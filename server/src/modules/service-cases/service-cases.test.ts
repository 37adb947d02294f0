// 服务办理 over a real database: paging that neither repeats nor skips, every filter, the count (exact, and the
// estimate past its bound), a case's timeline in working days with its warnings (raised by a real run) and its
// item's 申报材料, IDs masked, and who may read which cases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenHeader, createTestApp, staffHeader, type TestApp } from '../../test-support/app';
import { runAlerts } from '../alerts/engine';
import { listServiceCases } from './service';

const TODAY = '2026-03-20';
let t: TestApp;
const ids: Record<string, string> = {};
const headers: Record<string, Record<string, string>> = {};

const RESIDENT = '11010519491231002X';
const OBSTRUCTED = '110101199003070011';
const CREDIT = '91350100M000100Y43';

type Case = {
  no: string;
  unit: string;
  item: string;
  applicant?: string;
  type?: 'individual' | 'enterprise' | null;
  accepted: string;
  promised: number;
  finished?: string | null;
  result?: string;
  supplements?: number;
  rating?: number | null;
};

async function insertCases(cases: Case[]) {
  for (const c of cases) {
    const result = c.result ?? (c.finished ? 'approved' : 'pending');
    await t.db.sql.query(
      `INSERT INTO service_case (case_no, unit_code, unit_name, item_code, item_name, applicant_id, applicant_type, channel,
                                 accepted_at, accepted_on, promised_days, finished_at, finished_on, result, supplement_count, rating)
       VALUES ($1, $2, NULL, $3, NULL, $4, $5, 'window', $6::timestamptz, ($6::timestamptz AT TIME ZONE 'Asia/Shanghai')::date, $7,
               $8::timestamptz, ($8::timestamptz AT TIME ZONE 'Asia/Shanghai')::date, $9, $10, $11)`,
      [c.no, c.unit, c.item, c.applicant ?? RESIDENT, c.type === undefined ? 'individual' : c.type, c.accepted, c.promised, c.finished ?? null, result, c.supplements ?? 0, c.rating ?? null],
    );
  }
}

const list = async (who: string, query: string) => {
  const res = await t.app.inject({ url: `/api/staff/service-cases${query ? `?${query}` : ''}`, headers: headers[who] });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: { caseNo: string; overdue: boolean; warningCount: number; deadline: string | null; unitName: string | null }[]; total: number; totalExact: boolean; pageable: number };
};
const nos = async (who: string, query: string) => (await list(who, query)).items.map((c) => c.caseNo);

beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => new Date(`${TODAY}T04:00:00Z`) } });
  const p = t.db.prisma;
  for (const code of ['SCU1', 'SCU2', 'SCU3']) {
    ids[code] = (await p.unit.create({ data: { code, name: { SCU1: '县市场监管局', SCU2: '县人社局', SCU3: '县住建局' }[code]!, kind: 'department' } })).id;
  }
  await p.serviceItem.create({ data: { code: 'SCI1', name: '食品经营许可', unitId: ids.SCU1, promisedDays: 1, materials: ['营业执照', '食品经营许可申请书'] } });
  const round = await p.tourRound.create({ data: { name: '2026年第一轮', code: 'SC-2026-1', startsOn: new Date('2026-03-01'), endsOn: new Date('2026-05-01'), status: 'active' } });
  const group = await p.tourGroup.create({ data: { name: '服务办理测试巡察组' } });
  await p.inspectedUnit.create({ data: { tourRoundId: round.id, unitId: ids.SCU2, tourGroupId: group.id } });

  await insertCases([
    // late (deadline 03-03), two 补正, 非常不满意: three case-level warnings
    { no: 'H1', unit: 'SCU1', item: 'SCI1', accepted: '2026-03-02T09:30:00+08:00', promised: 1, finished: '2026-03-05T10:00:00+08:00', supplements: 2, rating: 1 },
    // an enterprise, in time
    { no: 'H2', unit: 'SCU1', item: 'SCI1', applicant: CREDIT, type: 'enterprise', accepted: '2026-03-02T10:00:00+08:00', promised: 1, finished: '2026-03-03T10:00:00+08:00' },
    // still open on 03-20, due 03-13: overdue while open
    { no: 'H3', unit: 'SCU2', item: 'SCI2', accepted: '2026-03-10T09:00:00+08:00', promised: 3 },
    // turned away three times: one 故意刁难 group warning naming all three
    { no: 'O1', unit: 'SCU1', item: 'SCI3', applicant: OBSTRUCTED, accepted: '2026-03-09T09:00:00+08:00', promised: 5, finished: '2026-03-10T09:00:00+08:00', result: 'rejected' },
    { no: 'O2', unit: 'SCU1', item: 'SCI3', applicant: OBSTRUCTED, accepted: '2026-03-11T09:00:00+08:00', promised: 5, finished: '2026-03-12T09:00:00+08:00', result: 'returned' },
    { no: 'O3', unit: 'SCU1', item: 'SCI3', applicant: OBSTRUCTED, accepted: '2026-03-13T09:00:00+08:00', promised: 5, finished: '2026-03-16T09:00:00+08:00', result: 'rejected' },
    // 25 cases of one unit in time, several accepted at the same instant (the order must still be total)
    ...Array.from({ length: 25 }, (_, i) => ({
      no: `P${String(i + 1).padStart(3, '0')}`,
      unit: 'SCU3',
      item: 'SCI4',
      type: null,
      accepted: `2026-02-${String(2 + Math.floor(i / 3)).padStart(2, '0')}T09:00:00+08:00`,
      promised: 10,
      finished: `2026-02-${String(3 + Math.floor(i / 3)).padStart(2, '0')}T09:00:00+08:00`,
    })),
  ]);
  await runAlerts(t.db, TODAY);

  headers.admin = await staffHeader(t, 'admin');
  headers.intake = await staffHeader(t, 'intake');
  headers.liaison = await staffHeader(t, 'unit_liaison', { unitId: ids.SCU1 });
  headers.tour = await staffHeader(t, 'tour_group', { tourGroupId: group.id });
  headers.auditor = await staffHeader(t, 'auditor');
  headers.citizen = await citizenHeader(t);
}, 120_000);
afterAll(() => t?.close());

describe('服务办理 list', () => {
  it('pages newest acceptance first, by case number within one instant, without repeats or gaps', async () => {
    const all = await list('intake', 'pageSize=100');
    expect(all.total).toBe(31);
    expect(all.totalExact).toBe(true);
    expect(all.items.slice(0, 3).map((c) => c.caseNo)).toEqual(['O3', 'O2', 'H3']);
    const paged: string[] = [];
    for (let page = 1; page <= 4; page++) paged.push(...(await nos('intake', `pageSize=10&page=${page}`)));
    expect(paged).toEqual(all.items.map((c) => c.caseNo));
    // P023..P025 were accepted at the same instant: case number breaks the tie, descending
    expect(paged.indexOf('P025')).toBeLessThan(paged.indexOf('P024'));
    expect(all.items.find((c) => c.caseNo === 'H1')).toMatchObject({ unitName: '县市场监管局', deadline: '2026-03-03', overdue: true, warningCount: 3 });
    expect(all.items.find((c) => c.caseNo === 'O2')).toMatchObject({ warningCount: 1, overdue: false });
  });

  it('filters by item, unit, applicant type, result, dates, overdue, warnings and case number', async () => {
    expect(await nos('intake', 'itemCode=SCI1')).toEqual(['H2', 'H1']);
    expect(await nos('intake', 'unitCode=SCU2')).toEqual(['H3']);
    expect(await nos('intake', 'applicantType=enterprise')).toEqual(['H2']);
    expect((await nos('intake', 'applicantType=individual')).sort()).toEqual(['H1', 'H3', 'O1', 'O2', 'O3']);
    expect(await nos('intake', 'result=pending')).toEqual(['H3']);
    expect(await nos('intake', 'result=rejected')).toEqual(['O3', 'O1']);
    // Beijing dates: 03-02 09:30 +08 is 03-02 01:30 UTC, the same day either way; 03-10 09:00 +08 stays 03-10
    expect(await nos('intake', 'acceptedFrom=2026-03-02&acceptedTo=2026-03-02')).toEqual(['H2', 'H1']);
    expect(await nos('intake', 'acceptedFrom=2026-03-10&acceptedTo=2026-03-13')).toEqual(['O3', 'O2', 'H3']);
    expect(await nos('intake', 'finishedFrom=2026-03-05&finishedTo=2026-03-12')).toEqual(['O2', 'O1', 'H1']);
    expect(await nos('intake', 'overdue=true')).toEqual(['H3', 'H1']);
    expect(await nos('intake', 'overdue=false&itemCode=SCI1')).toEqual(['H2']);
    expect(await nos('intake', 'hasWarnings=true')).toEqual(['O3', 'O2', 'H3', 'O1', 'H1']);
    expect(await nos('intake', 'hasWarnings=false&unitCode=SCU1')).toEqual(['H2']);
    expect(await nos('intake', 'caseNo=O')).toEqual(['O3', 'O2', 'O1']);
    expect(await nos('intake', 'caseNo=P01&pageSize=100')).toHaveLength(10);
    // LIKE's wildcards are literal
    expect(await nos('intake', 'caseNo=%25')).toEqual([]);
    const combined = await list('intake', 'unitCode=SCU1&hasWarnings=true&overdue=false');
    expect(combined.items.map((c) => c.caseNo)).toEqual(['O3', 'O2', 'O1']);
    expect(combined.total).toBe(3);
  });

  it('refuses bad filters in Chinese, field by field, and pages past the bound', async () => {
    const bad = await t.app.inject({ url: '/api/staff/service-cases?acceptedFrom=2026-02-30&applicantType=robot&overdue=yes', headers: headers.intake });
    expect(bad.statusCode).toBe(400);
    const issues = bad.json().issues as { path: string; message: string }[];
    expect(issues.map((i) => i.path).sort()).toEqual(['querystring.acceptedFrom', 'querystring.applicantType', 'querystring.overdue']);
    expect(issues.find((i) => i.path === 'querystring.acceptedFrom')!.message).toMatch(/不是有效的日期/);
    const inverted = await t.app.inject({ url: '/api/staff/service-cases?finishedFrom=2026-03-10&finishedTo=2026-03-01', headers: headers.intake });
    expect(inverted.json().issues).toEqual([expect.objectContaining({ path: 'querystring.finishedTo', message: '办结截止日期不能早于起始日期' })]);
    const deep = await t.app.inject({ url: '/api/staff/service-cases?page=101&pageSize=100', headers: headers.intake });
    expect(deep.statusCode).toBe(400);
    expect(deep.json().issues[0]).toMatchObject({ path: 'querystring.page' });
    expect(deep.json().issues[0].message).toMatch(/只能翻阅前 10000 条/);
  });

  it('counts exactly up to the bound and estimates past it', async () => {
    const filter = { page: 1, pageSize: 5 } as const;
    const reader = { tourGroupId: null, unitId: null };
    const exact = await listServiceCases(t.db, filter, reader, TODAY, { exactUpTo: 31, sampleRows: 1000, countTimeoutMs: 1500 });
    expect(exact).toMatchObject({ total: 31, totalExact: true, pageable: 31 });
    const estimated = await listServiceCases(t.db, filter, reader, TODAY, { exactUpTo: 10, sampleRows: 1000, countTimeoutMs: 1500 });
    expect(estimated.totalExact).toBe(false);
    // a sample of a 31-row table is the whole table (the estimate never says less than the bound it passed)
    expect(estimated.total).toBeGreaterThanOrEqual(11);
    expect(estimated.items).toHaveLength(5);
  });
});

describe('服务办理 detail', () => {
  it('shows the timeline in working days, the warnings explained with IDs masked, and the item’s 申报材料', async () => {
    const res = await t.app.inject({ url: '/api/staff/service-cases/H1', headers: headers.intake });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.case).toMatchObject({ caseNo: 'H1', applicantId: '110105********002X', overdue: true, warningCount: 3, supplementCount: 2, rating: 1 });
    // accepted Monday 03-02, 1 working day promised: due 03-03, finished Thursday 03-05 = 3 working days, 2 over
    expect(d.timeline).toEqual({ acceptedOn: '2026-03-02', deadline: '2026-03-03', finishedOn: '2026-03-05', workdaysUsed: 3, workdaysOver: 2, measuredTo: '2026-03-05' });
    expect(d.warnings.map((w: { model: string }) => w.model).sort()).toEqual(['dissatisfied', 'not_one_time', 'overdue']);
    const overdue = d.warnings.find((w: { model: string }) => w.model === 'overdue');
    expect(overdue.explanation).toMatch(/超出承诺时限 2 个工作日/);
    expect(overdue.stage).toBe('urge');
    expect(d.item).toEqual({ code: 'SCI1', name: '食品经营许可', unitName: '县市场监管局', promisedDays: 1, materials: ['营业执照', '食品经营许可申请书'] });
    expect(res.body).not.toContain(RESIDENT);
  });

  it('names a group warning on each case it lists, and measures an open case to today', async () => {
    const o2 = (await t.app.inject({ url: '/api/staff/service-cases/O2', headers: headers.admin })).json();
    expect(o2.warnings).toHaveLength(1);
    expect(o2.warnings[0]).toMatchObject({ model: 'obstruction', level: 'group' });
    expect(JSON.stringify(o2)).not.toContain(OBSTRUCTED);
    expect(o2.item).toBeNull();
    const h3 = (await t.app.inject({ url: '/api/staff/service-cases/H3', headers: headers.admin })).json();
    // accepted Tuesday 03-10 with 3 days: due Friday 03-13; on Friday 03-20 it has used 8 working days, 5 over
    expect(h3.timeline).toEqual({ acceptedOn: '2026-03-10', deadline: '2026-03-13', finishedOn: null, workdaysUsed: 8, workdaysOver: 5, measuredTo: TODAY });
    const h2 = (await t.app.inject({ url: '/api/staff/service-cases/H2', headers: headers.admin })).json();
    expect(h2.case.applicantId).toBe(CREDIT);
    expect(h2.case.applicantType).toBe('enterprise');
    expect((await t.app.inject({ url: '/api/staff/service-cases/NOPE', headers: headers.admin })).statusCode).toBe(404);
  });
});

describe('服务办理 access', () => {
  it('refuses citizens, the auditor and anonymous callers', async () => {
    for (const url of ['/api/staff/service-cases', '/api/staff/service-cases/H1']) {
      expect((await t.app.inject({ url, headers: headers.auditor })).statusCode).toBe(403);
      expect((await t.app.inject({ url, headers: headers.citizen })).statusCode).toBe(401);
      expect((await t.app.inject({ url })).statusCode).toBe(401);
    }
  });

  it('limits a liaison to their unit and a tour group to the units it inspects', async () => {
    expect((await nos('liaison', 'pageSize=100')).sort()).toEqual(['H1', 'H2', 'O1', 'O2', 'O3']);
    expect(await nos('liaison', 'unitCode=SCU2')).toEqual([]);
    expect((await t.app.inject({ url: '/api/staff/service-cases/H3', headers: headers.liaison })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/staff/service-cases/H1', headers: headers.liaison })).json().warnings).toHaveLength(3);
    expect(await nos('tour', 'pageSize=100')).toEqual(['H3']);
    expect((await list('tour', '')).total).toBe(1);
    expect((await t.app.inject({ url: '/api/staff/service-cases/H1', headers: headers.tour })).statusCode).toBe(404);
  });
});
