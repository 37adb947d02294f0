import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, staffHeader, type TestApp } from '../../test-support/app';
import { previousPeriod } from './service';

// Today 2026-12-10 in Beijing. A small hand-made set around the October/November and November/December boundaries;
// every expected number below is worked out by hand from the comments beside the rows.
const now = new Date('2026-12-10T04:00:00Z');
let t: TestApp;
let leader: Record<string, string>;
let T1: string;
let D1: string;

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => now } });
  const p = t.db.prisma;
  await p.reportCategory.createMany({ data: [{ code: 'cat_a', name: '作风问题' }, { code: 'cat_b', name: '乱收费' }], skipDuplicates: true });
  T1 = (await p.unit.create({ data: { code: 'ST1', name: '城关镇', kind: 'township' } })).id;
  const V1 = (await p.unit.create({ data: { code: 'SV1', name: '城关镇东村', kind: 'village', parentId: T1 } })).id;
  D1 = (await p.unit.create({ data: { code: 'SD1', name: '县民政局', kind: 'department' } })).id;
  let n = 0;
  const report = async (r: {
    at: string;
    category: string;
    channel?: 'miniapp' | 'phone' | 'letter';
    unit?: string | null;
    status: 'submitted' | 'accepted' | 'replied' | 'closed' | 'not_accepted';
    acceptDue: string;
    replyDue?: string;
    repliedAt?: string;
    rating?: 'satisfied' | 'unsatisfied';
    reopened?: boolean;
    decidedAt?: string;
  }) => {
    const row = await p.report.create({
      data: {
        serial: `JBSTAT-${++n}`,
        category: r.category,
        channel: r.channel ?? 'miniapp',
        reportedUnitId: r.unit ?? null,
        content: '测试举报',
        status: r.status,
        submittedAt: new Date(r.at),
        acceptDueOn: d(r.acceptDue),
        replyDueOn: r.replyDue ? d(r.replyDue) : null,
        repliedAt: r.repliedAt ? new Date(r.repliedAt) : null,
        rating: r.rating ?? null,
        reopenedOnce: r.reopened ?? false,
      },
    });
    if (r.decidedAt) {
      await p.reportEvent.create({ data: { reportId: row.id, kind: 'accepted', fromStatus: 'submitted', toStatus: 'accepted', actorType: 'staff', at: new Date(r.decidedAt) } });
    }
    return row.id;
  };
  // R1: 2026-11-01 00:30 Beijing -> this period. Accepted on time (11-02 <= 11-04); reply due 11-25, still open: late.
  await report({ at: '2026-10-31T16:30:00Z', category: 'cat_a', channel: 'phone', unit: T1, status: 'accepted', acceptDue: '2026-11-04', replyDue: '2026-11-25', decidedAt: '2026-11-02T02:00:00Z' });
  // R2: 2026-10-31 23:30 Beijing -> previous period. Never decided, acceptance due 11-04: late.
  await report({ at: '2026-10-31T15:30:00Z', category: 'cat_a', unit: V1, status: 'submitted', acceptDue: '2026-11-04' });
  // R3: decided on time; replied 2026-11-19 01:00 Beijing, due 11-18: late; rated 满意.
  const r3 = await report({
    at: '2026-11-05T02:00:00Z', category: 'cat_b', unit: D1, status: 'replied', acceptDue: '2026-11-10', replyDue: '2026-11-18',
    repliedAt: '2026-11-18T17:00:00Z', rating: 'satisfied', decidedAt: '2026-11-05T03:00:00Z',
  });
  // R3's reply deadline was extended once (approved); a refused request does not count
  for (const status of ['approved', 'refused'] as const) {
    await p.reportExtension.create({ data: { reportId: r3, requesterId: 'x', workdays: 3, reason: '需要调取材料', status, dueOnBefore: d('2026-11-13'), createdAt: new Date('2026-11-10T02:00:00Z') } });
  }
  // a later event that leaves another state does not count as the acceptance decision
  await p.reportEvent.create({ data: { reportId: r3, kind: 'assigned', fromStatus: 'accepted', toStatus: 'assigned', actorType: 'staff', at: new Date('2026-11-30T02:00:00Z') } });
  // R4: by letter, no unit; decided and replied on time; 不满意 after a reopening.
  await report({
    at: '2026-11-10T02:00:00Z', category: 'cat_b', channel: 'letter', status: 'closed', acceptDue: '2026-11-13', replyDue: '2026-11-30',
    repliedAt: '2026-11-16T02:00:00Z', rating: 'unsatisfied', reopened: true, decidedAt: '2026-11-11T01:00:00Z',
  });
  // R5: 2026-11-30 23:59 Beijing -> this period; 不予受理 on 12-01 Beijing, due 12-03: on time.
  await report({ at: '2026-11-30T15:59:00Z', category: 'cat_a', channel: 'phone', unit: D1, status: 'not_accepted', acceptDue: '2026-12-03', decidedAt: '2026-11-30T16:10:00Z' });
  // R6: 2026-12-01 00:01 Beijing -> in neither period.
  await report({ at: '2026-11-30T16:01:00Z', category: 'cat_a', status: 'submitted', acceptDue: '2026-12-04' });
  // R7: November a year before (同比 of the month table), outside both periods.
  await report({ at: '2025-11-15T02:00:00Z', category: 'cat_a', status: 'submitted', acceptDue: '2025-11-18' });

  await p.alertModel.createMany({
    data: [
      { name: 'st_overdue', kind: 'overdue', title: '办件超期', startStage: 'urge' },
      { name: 'st_unsat', kind: 'unsatisfied', title: '不满意', startStage: 'urge' },
    ],
  });
  const run = await p.alertRun.create({ data: { asOf: d('2026-12-01') } });
  const esc = async (model: string, stage: string, closedAt: string | null, people = 0, money: string | null = null) =>
    (
      await p.escalationCase.create({
        data: {
          model, unitCode: 'SD1', stage, openedAsOf: d('2026-10-01'), stageAsOf: d('2026-10-01'), closedAt: closedAt ? new Date(closedAt) : null,
          openKey: closedAt ? null : `${model}|SD1|${stage}`,
          people: people ? Array.from({ length: people }, (_, i) => ({ name: `干部${i}`, kind: 'discipline', detail: '' })) : undefined,
          moneyRecovered: money,
        },
      })
    ).id;
  const E1 = await esc('st_overdue', 'accountability', '2026-11-30T15:00:00Z', 2, '1234.50'); // Nov 30 23:00 Beijing
  await esc('st_overdue', 'unfounded', '2026-11-15T02:00:00Z');
  await esc('st_overdue', 'accountability', '2026-10-31T16:10:00Z', 1, '100.00'); // Nov 1 00:10 Beijing
  await esc('st_unsat', 'accountability', '2026-10-20T02:00:00Z', 1, '50.00'); // previous period
  await esc('st_overdue', 'accountability', '2026-11-30T16:30:00Z', 5, '9999.00'); // Dec 1 Beijing: neither
  const E5 = await esc('st_overdue', 'urge', null);
  const warn = async (subject: string, asOf: string, escalationId: string | null) =>
    p.alertWarning.create({ data: { model: 'st_overdue', level: 'case', subject, runId: run.id, asOf: d(asOf), unitCode: 'SD1', escalationId } });
  await warn('c1', '2026-11-01', E1);
  await warn('c2', '2026-10-31', E5);
  await warn('c3', '2026-11-30', null);
  await warn('c4', '2026-12-01', null);
  // closed warnings (raised before both periods, so the per-stage counts above stay as they are), counted by the
  // Beijing date they were closed: 查实率 = 属实 / closed with a reason
  const closed = (model: string, subject: string, closedAt: string, closeReason: string | null) =>
    p.alertWarning.create({
      data: { model, level: 'case', subject, runId: run.id, asOf: d('2026-09-01'), unitCode: 'SD1', status: 'closed', closedAt: new Date(closedAt), closeReason },
    });
  await closed('st_overdue', 'k1', '2026-11-30T15:00:00Z', 'confirmed'); // Nov 30 23:00 Beijing
  await closed('st_overdue', 'k2', '2026-10-31T16:10:00Z', 'justified'); // Nov 1 00:10 Beijing
  await closed('st_overdue', 'k3', '2026-11-10T02:00:00Z', 'data_error');
  await closed('st_overdue', 'k4', '2026-11-12T02:00:00Z', null); // closed before reasons were asked: not in the rate
  await closed('st_overdue', 'k5', '2026-11-30T16:30:00Z', 'confirmed'); // Dec 1 Beijing: neither period
  await closed('st_overdue', 'k6', '2026-10-31T15:50:00Z', 'confirmed'); // Oct 31 23:50 Beijing: previous period
  await closed('st_unsat', 'k7', '2026-11-20T02:00:00Z', 'duplicate');
  await closed('st_unsat', 'k8', '2026-10-20T02:00:00Z', 'confirmed'); // previous period
  leader = await staffHeader(t, 'supervisor');
}, 120_000);
afterAll(async () => t?.close());

const get = (url: string, headers = leader) => t.app.inject({ method: 'GET', url, headers });

describe('previousPeriod', () => {
  it('is the period of the same length ending the day before', () => {
    expect(previousPeriod('2026-11-01', '2026-11-30')).toEqual({ from: '2026-10-02', to: '2026-10-31' });
    expect(previousPeriod('2026-03-01', '2026-03-01')).toEqual({ from: '2026-02-28', to: '2026-02-28' });
  });
});

describe('GET /api/staff/statistics', () => {
  it('counts reports by Beijing date across the month boundaries, with the previous period', async () => {
    const r = await get('/api/staff/statistics?from=2026-11-01&to=2026-11-30');
    expect(r.statusCode, r.body).toBe(200);
    const s = r.json();
    expect(s.previousPeriod).toEqual({ from: '2026-10-02', to: '2026-10-31' });
    expect(s.totals).toEqual({ submitted: 4, previous: 1 });
    const byKey = (rows: { key: string; count: number; previous: number }[]) => Object.fromEntries(rows.map((x) => [x.key, [x.count, x.previous]]));
    expect(byKey(s.status)).toEqual({ accepted: [1, 0], replied: [1, 0], closed: [1, 0], not_accepted: [1, 0], submitted: [0, 1] });
    expect(byKey(s.category)).toEqual({ cat_a: [2, 1], cat_b: [2, 0] });
    expect(s.category.map((c: { label: string }) => c.label).sort()).toEqual(['乱收费', '作风问题']);
    expect(byKey(s.channel)).toEqual({ phone: [2, 0], miniapp: [1, 1], letter: [1, 0] });
    expect(s.channel.find((c: { key: string }) => c.key === 'phone').label).toBe('来电');
    expect(byKey(s.unit)).toEqual({ [T1]: [1, 0], [D1]: [2, 0], '': [1, 0], [(await t.db.prisma.unit.findUnique({ where: { code: 'SV1' } }))!.id]: [0, 1] });
    // the village's report belongs to its township
    expect(byKey(s.township)).toEqual({ [T1]: [1, 1], '': [3, 0] });
    expect(s.township.find((x: { key: string }) => x.key === '').label).toBe('县直及其他');
    expect(s.month).toEqual([{ key: '2026-11', label: '2026-11', count: 4, previous: 1 }]);
  });

  it('computes the handling rates over the period’s reports as of today', async () => {
    const s = (await get('/api/staff/statistics?from=2026-11-01&to=2026-11-30')).json();
    expect(s.rates.current).toEqual({
      acceptOnTime: { numerator: 4, denominator: 4, rate: 1 },
      replyOnTime: { numerator: 1, denominator: 3, rate: 1 / 3 },
      overdue: { numerator: 2, denominator: 4, rate: 0.5 },
      satisfaction: { numerator: 1, denominator: 2, rate: 0.5 },
      reopen: { numerator: 1, denominator: 2, rate: 0.5 },
      extended: { numerator: 1, denominator: 3, rate: 1 / 3 },
    });
    expect(s.rates.previous).toEqual({
      acceptOnTime: { numerator: 0, denominator: 1, rate: 0 },
      replyOnTime: { numerator: 0, denominator: 0, rate: null },
      overdue: { numerator: 1, denominator: 1, rate: 1 },
      satisfaction: { numerator: 0, denominator: 0, rate: null },
      reopen: { numerator: 0, denominator: 0, rate: null },
      extended: { numerator: 0, denominator: 0, rate: null },
    });
  });

  it('counts warnings per model and stage, 查实率 per model, 问责 people and money by Beijing date', async () => {
    const s = (await get('/api/staff/statistics?from=2026-11-01&to=2026-11-30')).json();
    expect(s.warnings).toEqual([
      { model: 'st_overdue', modelTitle: '办件超期', stage: 'accountability', stageLabel: '问责', count: 1, previous: 0 },
      { model: 'st_overdue', modelTitle: '办件超期', stage: 'none', stageLabel: '未立案', count: 1, previous: 0 },
      { model: 'st_overdue', modelTitle: '办件超期', stage: 'urge', stageLabel: '督办', count: 0, previous: 1 },
    ]);
    expect(s.verification).toEqual([
      {
        model: 'st_overdue', modelTitle: '办件超期',
        warningConfirmed: 1, warningClosed: 3, warningUnrecorded: 1, warningRate: 1 / 3, warningPreviousRate: 1,
        confirmed: 2, unfounded: 1, rate: 2 / 3, previousRate: null,
      },
      {
        model: 'st_unsat', modelTitle: '不满意',
        warningConfirmed: 0, warningClosed: 1, warningUnrecorded: 0, warningRate: 0, warningPreviousRate: 1,
        confirmed: 0, unfounded: 0, rate: null, previousRate: 1,
      },
    ]);
    expect(s.accountability).toEqual({ current: { cases: 2, people: 3, moneyRecovered: '1334.50' }, previous: { cases: 1, people: 1, moneyRecovered: '50.00' } });
  });

  it('exports each table as XLSX with the same numbers', async () => {
    const r = await get('/api/staff/statistics/export?from=2026-11-01&to=2026-11-30&table=channel');
    expect(r.statusCode, r.body).toBe(200);
    expect(decodeURIComponent(String(r.headers['content-disposition']))).toContain('举报按来源渠道_20261101-20261130.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0].getSheetValues().slice(2).map((row) => (row as unknown[]).slice(1));
    expect(rows).toEqual([['来电', 2, 0], ['小程序/H5', 1, 1], ['来信', 1, 0]]);
    const rates = await get('/api/staff/statistics/export?from=2026-11-01&to=2026-11-30&table=rates');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(rates.rawPayload as unknown as ArrayBuffer);
    expect((wb2.worksheets[0].getRow(3).values as unknown[]).slice(1)).toEqual(['答复按时率', 1 / 3, 1, 3, '', 0, 0]);
    const verification = await get('/api/staff/statistics/export?from=2026-11-01&to=2026-11-30&table=verification');
    const wb3 = new ExcelJS.Workbook();
    await wb3.xlsx.load(verification.rawPayload as unknown as ArrayBuffer);
    expect((wb3.worksheets[0].getRow(1).values as unknown[]).slice(1, 5)).toEqual(['模型', '预警关闭为属实', '预警关闭（有原因）', '预警查实率']);
    expect((wb3.worksheets[0].getRow(2).values as unknown[]).slice(1)).toEqual(['办件超期', 1, 3, 1 / 3, 1, 1, 2, 1, 2 / 3, '']);
    const audit = await t.db.prisma.auditLog.findFirst({ where: { action: 'statistics.export' } });
    expect(audit).not.toBeNull();
  });

  it('answers field errors in Chinese and refuses other roles', async () => {
    const bad = await get('/api/staff/statistics?from=2026-11-30&to=2026-11-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('开始日期不能晚于结束日期');
    const intake = await staffHeader(t, 'intake');
    expect((await get('/api/staff/statistics?from=2026-11-01&to=2026-11-30', intake)).statusCode).toBe(403);
  });
});
