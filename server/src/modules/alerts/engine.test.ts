import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { createTestDatabase } from '../../test-support/database';
import { addDays, addWorkdays } from '../calendar';
import { closeEscalation, closeWarning, dryRunModel, listWarnings, runAlerts, saveModel } from './engine';
import { runAlertsCli } from './cli';
import { type Sql, sqlOf } from './sql';

let db: Database;
let sql: Sql;
beforeAll(async () => {
  db = await createTestDatabase();
  sql = sqlOf(db);
}, 60_000);
afterAll(async () => db?.close());
beforeEach(async () => {
  await sql.query('DELETE FROM alert_warning');
  await sql.query('DELETE FROM escalation_case');
  await sql.query('DELETE FROM alert_run');
  await sql.query('DELETE FROM alert_model');
  await sql.query('DELETE FROM service_case');
});

type C = {
  case_no?: string;
  unit?: string;
  item?: string;
  applicant?: string;
  accepted?: string;
  promised?: number;
  finished?: string | null;
  result?: string;
  supplement?: number;
  rating?: number | null;
};
let seq = 0;
async function addCases(...cases: C[]) {
  for (const c of cases) {
    const finished = c.finished === undefined ? null : c.finished;
    await sql.query(
      `INSERT INTO service_case (case_no, unit_code, item_code, applicant_id, accepted_at, accepted_on, promised_days,
                                 finished_at, finished_on, result, supplement_count, rating)
       VALUES ($1, $2, $3, $4, ($5::date)::timestamp AT TIME ZONE 'Asia/Shanghai', $5::date, $6,
               ($7::date)::timestamp AT TIME ZONE 'Asia/Shanghai', $7::date, $8, $9, $10)`,
      [
        c.case_no ?? `K${++seq}`,
        c.unit ?? 'U1',
        c.item ?? 'I1',
        c.applicant ?? '11010519491231002X',
        c.accepted ?? '2026-03-02',
        c.promised ?? 5,
        finished,
        c.result ?? (finished ? 'approved' : 'pending'),
        c.supplement ?? 0,
        c.rating ?? null,
      ],
    );
  }
}
const many = (n: number, c: C | ((i: number) => C)) => Array.from({ length: n }, (_, i) => (typeof c === 'function' ? c(i) : c));
const newOf = async (model: string, asOf: string) => (await runAlerts(db, asOf)).models[model].new;

describe('overdue', () => {
  // accepted Mon 2026-03-02, 5 working days -> deadline Mon 2026-03-09
  it.each<[string, C, string, number]>([
    ['finished on the deadline', { finished: '2026-03-09' }, '2026-03-20', 0],
    ['finished a day after', { finished: '2026-03-10' }, '2026-03-20', 1],
    ['open, as-of = deadline', {}, '2026-03-09', 0],
    ['open, as-of = deadline + 1', {}, '2026-03-10', 1],
    ['finished after as-of counts as open', { finished: '2026-03-12' }, '2026-03-09', 0],
    ['finished after as-of, as-of past the deadline', { finished: '2026-03-12' }, '2026-03-10', 1],
    ['即办 finished the same day', { promised: 0, finished: '2026-03-02' }, '2026-03-20', 0],
    ['即办 finished the next day', { promised: 0, finished: '2026-03-03' }, '2026-03-20', 1],
    ['deadline on a make-up Saturday (2026-02-14), met', { accepted: '2026-02-13', promised: 1, finished: '2026-02-14' }, '2026-03-20', 0],
    ['over Spring Festival 2026, late', { accepted: '2026-02-13', promised: 1, finished: '2026-02-24' }, '2026-03-20', 1],
    ['over Spring Festival 2026, 2 days -> 02-24', { accepted: '2026-02-13', promised: 2, finished: '2026-02-24' }, '2026-03-20', 0],
    ['finished on a Saturday after a Friday deadline', { accepted: '2026-03-05', promised: 1, finished: '2026-03-07' }, '2026-03-20', 1],
    ['accepted after as-of does not exist yet', { accepted: '2026-03-21' }, '2026-03-20', 0],
    ['rejected cases are finished too', { finished: '2026-03-10', result: 'rejected' }, '2026-03-20', 1],
  ])('%s', async (_n, c, asOf, want) => {
    await addCases(c);
    expect(await newOf('overdue', asOf)).toBe(want);
  });
});

describe('low_pass_rate', () => {
  const asOf = '2026-04-30'; // window [2026-01-31, 2026-04-30]
  it.each<[string, C[], number]>([
    ['20 finished, 11 approved (0.55)', [...many(11, { finished: '2026-03-05' }), ...many(9, { finished: '2026-03-05', result: 'rejected' })], 1],
    ['20 finished, 12 approved (exactly 0.60)', [...many(12, { finished: '2026-03-05' }), ...many(8, { finished: '2026-03-05', result: 'returned' })], 0],
    ['19 finished, none approved', many(19, { finished: '2026-03-05', result: 'rejected' }), 0],
    [
      'window edge: as-of - 89 counts',
      [...many(19, { finished: '2026-03-05', result: 'rejected' }), { accepted: '2026-01-20', promised: 30, finished: '2026-01-31', result: 'rejected' }],
      1,
    ],
    [
      'window edge: as-of - 90 does not',
      [...many(19, { finished: '2026-03-05', result: 'rejected' }), { accepted: '2026-01-20', promised: 30, finished: '2026-01-30', result: 'rejected' }],
      0,
    ],
    ['pairs are per unit', [...many(10, { finished: '2026-03-05', result: 'rejected' }), ...many(10, { unit: 'U2', finished: '2026-03-05', result: 'rejected' })], 0],
  ])('%s', async (_n, cases, want) => {
    await addCases(...cases);
    expect(await newOf('low_pass_rate', asOf)).toBe(want);
  });

  it('a finish after as-of is not finished', async () => {
    await addCases(...many(19, { finished: '2026-03-05', result: 'rejected' }), { finished: '2026-05-05', result: 'rejected' });
    expect(await newOf('low_pass_rate', asOf)).toBe(0);
  });

  it('stores the triggering values, unit and item', async () => {
    await addCases(...many(20, { finished: '2026-03-05', result: 'rejected' }));
    await runAlerts(db, asOf);
    const [w] = await sql.query<{ unit_code: string; item_code: string; subject: string; values: unknown; as_of: string }>(
      `SELECT unit_code, item_code, subject, "values", as_of::text AS as_of FROM alert_warning`,
    );
    expect(w).toMatchObject({ unit_code: 'U1', item_code: 'I1', subject: 'U1|I1', as_of: asOf });
    expect(w.values).toMatchObject({ finished: 20, approved: 0, pass_rate: 0 });
  });
});

describe('not_one_time and dissatisfied', () => {
  it.each([
    [1, 0],
    [2, 1],
    [3, 1],
  ])('supplement_count %i -> %i', async (s, want) => {
    await addCases({ supplement: s });
    expect(await newOf('not_one_time', '2026-03-20')).toBe(want);
  });
  it.each<[number | null, number]>([
    [1, 1],
    [2, 1],
    [3, 0],
    [5, 0],
    [null, 0],
  ])('rating %s -> %i', async (r, want) => {
    await addCases({ rating: r, finished: '2026-03-25' }); // finished after as-of: its rating still counts
    expect(await newOf('dissatisfied', '2026-03-20')).toBe(want);
  });
});

describe('unequal_treatment', () => {
  const asOf = '2026-04-30';
  const withDurations = (ds: number[]) =>
    ds.map((d) => ({ accepted: '2026-03-02', finished: addWorkdays('2026-03-02', d) }) satisfies C);
  it.each<[string, number[], number]>([
    ['median 1, duration 3 = 3 x 1 (not above)', [1, 1, 1, 1, 1, 1, 1, 1, 1, 3], 0],
    ['median 1, duration 4 (just above)', [1, 1, 1, 1, 1, 1, 1, 1, 1, 4], 1],
    ['only 9 finished cases', [1, 1, 1, 1, 1, 1, 1, 1, 9], 0],
    ['median below 1 counts as 1', [0, 0, 0, 0, 0, 0, 0, 0, 0, 4], 1],
    ['median below 1 counts as 1 (3 not above)', [0, 0, 0, 0, 0, 0, 0, 0, 0, 3], 0],
    // even count: median = (2 + 4) / 2 = 3 -> above 9 fires (10, 10, 12); lower (2) would add 7, upper (4) would drop all
    ['even-count median is the mean of the two middle values', [0, 0, 0, 0, 2, 4, 7, 10, 10, 12], 3],
    ['exactly at 3 x median 3 does not fire', [0, 0, 0, 0, 2, 4, 9, 9, 9, 9], 0],
  ])('%s', async (_n, ds, want) => {
    await addCases(...withDurations(ds));
    expect(await newOf('unequal_treatment', asOf)).toBe(want);
  });
  it('the median is per item', async () => {
    await addCases(...withDurations([1, 1, 1, 1, 1, 1, 1, 1, 1]), { item: 'I2', finished: addWorkdays('2026-03-02', 9) });
    expect(await newOf('unequal_treatment', asOf)).toBe(0);
  });
});

describe('obstruction', () => {
  const asOf = '2026-04-30'; // window [2026-04-01, 2026-04-30]
  const bad = (finished: string, result = 'rejected', extra: C = {}): C => ({ accepted: '2026-03-30', promised: 20, finished, result, ...extra });
  it.each<[string, C[], number]>([
    ['3 rejected/returned', [bad('2026-04-10'), bad('2026-04-11', 'returned'), bad('2026-04-30')], 1],
    ['2 only', [bad('2026-04-10'), bad('2026-04-11')], 0],
    ['window edge as-of - 29 counts', [bad('2026-04-01'), bad('2026-04-11'), bad('2026-04-12')], 1],
    ['as-of - 30 does not', [bad('2026-03-31'), bad('2026-04-11'), bad('2026-04-12')], 0],
    ['approved does not count', [bad('2026-04-10'), bad('2026-04-11'), bad('2026-04-12', 'approved')], 0],
    ['per item', [bad('2026-04-10'), bad('2026-04-11'), bad('2026-04-12', 'rejected', { item: 'I2' })], 0],
    ['per applicant', [bad('2026-04-10'), bad('2026-04-11'), bad('2026-04-12', 'rejected', { applicant: '91350100M000100Y43' })], 0],
  ])('%s', async (_n, cases, want) => {
    await addCases(...cases);
    expect(await newOf('obstruction', asOf)).toBe(want);
  });
});

describe('warning identity', () => {
  it('the same data and as-of never raise new warnings', async () => {
    await addCases({ rating: 1, supplement: 2 }, ...many(20, { finished: '2026-03-05', result: 'rejected' }));
    const first = await runAlerts(db, '2026-04-30');
    const again = await runAlerts(db, '2026-04-30');
    for (const [name, m] of Object.entries(again.models)) {
      expect(m.new, name).toBe(0);
      expect(m.total, name).toBe(first.models[name].total);
    }
    expect(first.models.overdue.new).toBeGreaterThan(0);
    expect(again.escalations).toEqual({ opened: 0, advanced: 0 });
  });

  it('a case-level warning is never raised again, even after it is closed', async () => {
    await addCases({ case_no: 'R1', rating: 1, finished: '2026-03-03' });
    expect(await newOf('dissatisfied', '2026-03-20')).toBe(1);
    const [w] = await sql.query<{ id: string }>(`SELECT id FROM alert_warning WHERE model = 'dissatisfied'`);
    await closeWarning(sql, w.id, { reason: 'justified' });
    expect(await newOf('dissatisfied', '2026-03-21')).toBe(0);
  });

  it('a group warning is raised again only after it is closed', async () => {
    await addCases(...many(20, { finished: '2026-03-05', result: 'rejected' }));
    expect(await newOf('low_pass_rate', '2026-04-01')).toBe(1);
    expect(await newOf('low_pass_rate', '2026-04-02')).toBe(0);
    const [w] = await sql.query<{ id: string }>(`SELECT id FROM alert_warning WHERE model = 'low_pass_rate'`);
    await closeWarning(sql, w.id, { reason: 'justified' });
    const r = await runAlerts(db, '2026-04-03');
    expect(r.models.low_pass_rate).toEqual({ new: 1, total: 2 });
  });

  it('an edit adds a version, never rewrites one, and each warning keeps the version that raised it', async () => {
    await addCases({ case_no: 'V1', rating: 3, finished: '2026-03-03' }, { case_no: 'V2', rating: 2, finished: '2026-03-03' });
    await runAlerts(db, '2026-03-20'); // the defaults, at version 1
    const v = async () =>
      sql.query<{ version: number; params: Record<string, unknown> }>(`SELECT version, params FROM alert_model_version WHERE model = 'dissatisfied' ORDER BY version`);
    expect(await v()).toEqual([{ version: 1, params: { maxRating: 2 } }]);
    const saved = await saveModel(sql, { name: 'dissatisfied', kind: 'dissatisfied', title: '不满意', params: { maxRating: 3 } });
    expect(saved.version).toBe(2);
    // the same definition again is no new version
    expect((await saveModel(sql, { name: 'dissatisfied', kind: 'dissatisfied', title: '不满意', params: { maxRating: 3 } })).version).toBe(2);
    expect(await v()).toEqual([
      { version: 1, params: { maxRating: 2 } },
      { version: 2, params: { maxRating: 3 } },
    ]);
    await runAlerts(db, '2026-03-21');
    expect(await sql.query(`SELECT case_no, model_version FROM alert_warning WHERE model = 'dissatisfied' ORDER BY case_no`)).toEqual([
      { case_no: 'V1', model_version: 2 },
      { case_no: 'V2', model_version: 1 },
    ]);
    // a version row cannot be edited in place
    await expect(sql.query(`UPDATE alert_model_version SET params = '{}' WHERE model = 'dissatisfied' AND version = 1`)).rejects.toThrow(/不可修改|immutable/);
  });

  it('disabled models do not run and edited parameters apply', async () => {
    await addCases({ rating: 3, finished: '2026-03-03' });
    await runAlerts(db, '2026-03-20'); // creates the defaults
    await saveModel(sql, { name: 'dissatisfied', kind: 'dissatisfied', title: '不满意', params: { maxRating: 3 } });
    await saveModel(sql, { name: 'overdue', kind: 'overdue', title: '办件超期', enabled: false });
    const r = await runAlerts(db, '2026-03-21');
    expect(r.models.dissatisfied.new).toBe(1);
    expect(r.models.overdue).toBeUndefined();
  });
});

describe('escalation', () => {
  const warn = (caseNo: string, unit = 'U1') => addCases({ case_no: caseNo, unit, rating: 1, finished: '2026-03-03' });
  const cases = () =>
    sql.query<{ id: string; model: string; unit_code: string; stage: string; opened_as_of: string }>(
      `SELECT id, model, unit_code, stage, opened_as_of::text AS opened_as_of FROM escalation_case ORDER BY opened_as_of, model`,
    );

  it('first warning opens at urge; a later run advances to verify; then warnings just attach', async () => {
    await warn('E1');
    expect((await runAlerts(db, '2026-03-10')).escalations).toEqual({ opened: 1, advanced: 0 });
    expect(await cases()).toMatchObject([{ model: 'dissatisfied', unit_code: 'U1', stage: 'urge' }]);
    // another run at the same as-of with new data: attaches, no advance
    await warn('E2');
    expect((await runAlerts(db, '2026-03-10')).escalations).toEqual({ opened: 0, advanced: 0 });
    await warn('E3');
    expect((await runAlerts(db, '2026-03-11')).escalations).toEqual({ opened: 0, advanced: 1 });
    await warn('E4');
    expect((await runAlerts(db, '2026-03-12')).escalations).toEqual({ opened: 0, advanced: 0 });
    const [c] = await cases();
    expect(c.stage).toBe('verify');
    const ws = await listWarnings(sql, { model: 'dissatisfied' });
    expect(ws.map((w) => [w.case_no, w.stage])).toEqual([
      ['E1', 'verify'],
      ['E2', 'verify'],
      ['E3', 'verify'],
      ['E4', 'verify'],
    ]);
    const [{ n }] = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM alert_warning WHERE escalation_id = $1::uuid`, [c.id]);
    expect(n).toBe(4);
  });

  it('verify-start models open at verify; one case per (model, unit)', async () => {
    await addCases({ case_no: 'V1', supplement: 2 }, { case_no: 'V2', supplement: 3, unit: 'U2' }, { case_no: 'V3', supplement: 2, rating: 2 });
    const r = await runAlerts(db, '2026-03-20');
    // not_one_time U1, U2; dissatisfied U1; overdue U1, U2 (all three are open past their deadline)
    expect(r.escalations.opened).toBe(5);
    const cs = await cases();
    expect(cs.filter((c) => c.model === 'not_one_time').map((c) => [c.unit_code, c.stage]).sort()).toEqual([
      ['U1', 'verify'],
      ['U2', 'verify'],
    ]);
    expect(cs.find((c) => c.model === 'dissatisfied')?.stage).toBe('urge');
  });

  it('30-day rule: a new case within 30 days of the last opening starts at verify', async () => {
    await warn('T1');
    await runAlerts(db, '2026-03-10');
    const [c1] = await cases();
    await closeEscalation(sql, c1.id, { stage: 'done', note: '单位已整改' });
    await warn('T2');
    await runAlerts(db, addDays('2026-03-10', 30)); // opened in [D - 30, D - 1]
    let cs = await cases();
    expect(cs[1]).toMatchObject({ stage: 'verify', opened_as_of: '2026-04-09' });
    await closeEscalation(sql, cs[1].id, { stage: 'accountability', discipline: '诫勉谈话', moneyRecovered: 5000 });
    await warn('T3');
    await runAlerts(db, addDays('2026-04-09', 31)); // 31 days later: back to urge
    cs = await cases();
    expect(cs[2]).toMatchObject({ stage: 'urge', opened_as_of: '2026-05-10' });
  });

  it('closing follows the stages', async () => {
    await warn('S1');
    await runAlerts(db, '2026-03-10');
    const [c] = await cases();
    await expect(closeEscalation(sql, c.id, { stage: 'unfounded' })).rejects.toThrow(/核查/);
    await closeEscalation(sql, c.id, { stage: 'done' });
    await expect(closeEscalation(sql, c.id, { stage: 'done' })).rejects.toThrow();
  });
});

describe('整改不彻底', () => {
  it('an accepted rectification task linked to (model, unit) is flagged when a later run raises the same model there', async () => {
    await addCases({ case_no: 'W1', rating: 1, finished: '2026-03-03' });
    await runAlerts(db, '2026-03-10');
    const [w] = await sql.query<{ id: string }>(`SELECT id::text AS id FROM alert_warning WHERE model = 'dissatisfied'`);
    const [u] = await sql.query<{ id: string }>(
      `INSERT INTO unit (code, name, kind) VALUES ('U1-' || gen_random_uuid(), '测试单位', 'department') RETURNING id::text AS id`,
    );
    const task = async (status: string) =>
      (
        await sql.query<{ id: string }>(
          `INSERT INTO rectification_task ("sourceKind", "sourceId", "unitId", title, requirement, "deadlineDays", "issuedOn", "dueOn", status)
           VALUES ('warning', $1, $2::uuid, '整改', '整改要求', 10, '2026-03-10', '2026-03-24', $3::"RectificationStatus") RETURNING id::text AS id`,
          [w.id, u.id, status],
        )
      )[0].id;
    const accepted = await task('accepted');
    const pending = await task('pending');
    const flags = async () =>
      Object.fromEntries(
        (await sql.query<{ id: string; incomplete: boolean }>(`SELECT id::text AS id, incomplete FROM rectification_task`)).map((r) => [r.id, r.incomplete]),
      );
    await addCases({ case_no: 'W2', supplement: 2 }); // another model: no flag
    await runAlerts(db, '2026-03-11');
    expect(await flags()).toEqual({ [accepted]: false, [pending]: false });
    await addCases({ case_no: 'W3', rating: 2, finished: '2026-03-03' });
    await runAlerts(db, '2026-03-12', { now: new Date('2026-03-12T01:00:00Z') });
    expect(await flags()).toEqual({ [accepted]: true, [pending]: false });
    const [flagged] = await sql.query<{ at: string; note: string }>(
      `SELECT to_char("incompleteAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS at, "incompleteNote" AS note FROM rectification_task WHERE id = $1::uuid`,
      [accepted],
    );
    expect(flagged).toEqual({ at: '2026-03-12T01:00', note: '整改不彻底：验收后同一单位再次出现同类预警（预警日期 2026-03-12）' });
    await sql.query('DELETE FROM rectification_task');
  });
});

describe('dry run (试运行)', () => {
  it('finds what a run would raise, writes nothing, and marks hits already raised', async () => {
    await addCases(
      { case_no: 'D1', accepted: '2026-03-02', promised: 1, finished: '2026-03-05' }, // overdue
      { case_no: 'D2', accepted: '2026-03-02', promised: 5, finished: '2026-03-03', rating: 1 },
      ...many(20, (i) => ({ case_no: `LP${i}`, item: 'I9', accepted: '2026-03-02', promised: 10, finished: '2026-03-04', result: i < 11 ? 'approved' : 'rejected' })),
    );
    const overdue = { name: 'overdue_try', title: '超期（试）', kind: 'overdue' };
    const lowPass = { name: 'lp_try', title: '通过率（试）', kind: 'low_pass_rate' };
    expect(await dryRunModel(db, overdue, '2026-03-20')).toMatchObject({ hits: 1, newHits: 1, samples: [{ subject: 'D1', caseNo: 'D1', unitCode: 'U1', isNew: true }] });
    expect(await dryRunModel(db, lowPass, '2026-03-20')).toMatchObject({
      hits: 1,
      samples: [{ subject: 'U1|I9', itemCode: 'I9', caseNo: null, values: { finished: 20, approved: 11 } }],
    });
    const counts = async () => (await sql.query<{ n: number }>(`SELECT (SELECT count(*) FROM alert_warning) + (SELECT count(*) FROM alert_run) + (SELECT count(*) FROM alert_model) AS n`))[0];
    expect(Number((await counts()).n)).toBe(0);
    await runAlerts(db, '2026-03-20');
    // the default overdue model raised D1: a model of the same kind under another name would raise it again
    expect(await dryRunModel(db, { ...overdue, name: 'overdue' }, '2026-03-20')).toMatchObject({ hits: 1, newHits: 0, samples: [{ isNew: false }] });
    expect(await dryRunModel(db, overdue, '2026-03-20')).toMatchObject({ hits: 1, newHits: 1 });
    await expect(dryRunModel(db, { ...overdue, kind: 'sql' }, '2026-03-20')).rejects.toThrow();
  });
});

describe('runs', () => {
  it('records as-of, duration and counts', async () => {
    await addCases({ rating: 1, finished: '2026-03-03' });
    await runAlerts(db, '2026-03-20');
    const [r] = await sql.query<{ as_of: string; finished: boolean; duration_ms: number; counts: Record<string, { new: number }> }>(
      `SELECT as_of::text AS as_of, finished_at IS NOT NULL AS finished, duration_ms, counts FROM alert_run`,
    );
    expect(r).toMatchObject({ as_of: '2026-03-20', finished: true });
    expect(r.duration_ms).toBeGreaterThanOrEqual(0);
    expect(r.counts.dissatisfied.new).toBe(1);
  });

  it('concurrent runs do not overlap or double-raise', async () => {
    await addCases(...many(5, (i) => ({ case_no: `P${i}`, rating: 1, finished: '2026-03-03' })));
    const rs = await Promise.all([runAlerts(db, '2026-03-20'), runAlerts(db, '2026-03-20')]);
    expect(rs.map((r) => r.models.dissatisfied.new).sort()).toEqual([0, 5]);
    expect(rs.reduce((s, r) => s + r.escalations.opened, 0)).toBe(1); // dissatisfied U1
  });
});

describe('CLI', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s) } };
  };
  it('alerts run prints every enabled model; warnings list --json one object per line', async () => {
    await addCases({ case_no: 'Z2', rating: 1, finished: '2026-03-03', item: 'I7', applicant: '91350100M000100Y43' }, { case_no: 'Z1', supplement: 2 });
    const a = io();
    expect(await runAlertsCli(db, ['alerts', 'run', '--as-of', '2026-03-20'], a.io)).toBe(0);
    const printed = JSON.parse(a.out.join(''));
    expect(Object.keys(printed.models)).toEqual(['overdue', 'low_pass_rate', 'not_one_time', 'unequal_treatment', 'dissatisfied', 'obstruction']);
    expect(printed).toMatchObject({ asOf: '2026-03-20', models: { dissatisfied: { new: 1, total: 1 } }, escalations: { opened: 3, advanced: 0 } });
    const l = io();
    expect(await runAlertsCli(db, ['warnings', 'list', '--json'], l.io)).toBe(0);
    const lines = l.out.join('').trim().split('\n').map((x) => JSON.parse(x));
    expect(lines.map((x) => [x.model, x.case_no])).toEqual([
      ['dissatisfied', 'Z2'],
      ['not_one_time', 'Z1'],
      ['overdue', 'Z1'],
    ]);
    expect(lines[0]).toEqual({
      model: 'dissatisfied',
      unit_code: 'U1',
      item_code: 'I7',
      case_no: 'Z2',
      applicant_id: '91350100M000100Y43',
      stage: 'urge',
      as_of: '2026-03-20',
    });
    const f = io();
    await runAlertsCli(db, ['warnings', 'list', '--model', 'overdue', '--json'], f.io);
    expect(f.out).toHaveLength(1);
    const t = io();
    await runAlertsCli(db, ['warnings', 'list'], t.io);
    expect(t.out.join('')).toMatch(/共 3 条预警/);
    // the readable table names models in Chinese and masks resident IDs (JSON above keeps them for scripts)
    expect(t.out.join('')).toContain('未一次性告知');
    expect(t.out.join('')).toContain('110105********002X');
    expect(t.out.join('')).not.toContain('11010519491231002X');
    expect(a.err.join('')).toContain('模型 不满意（dissatisfied）: 新增 1');
  });
  it.each([
    [['alerts', 'run']],
    [['alerts', 'run', '--as-of', '2026-02-30']],
    [['alerts', 'run', '--asof', '2026-02-01']],
    [['warnings', 'list', '--model']],
    [['import', 'people', 'x.csv']],
    [['import', 'service-cases']],
  ])('bad args %j -> exit 2 with a message on stderr', async (args) => {
    const x = io();
    expect(await runAlertsCli(db, args, x.io)).toBe(2);
    expect(x.out).toEqual([]);
    expect(x.err.join('')).not.toBe('');
  });
  it('an unreadable file -> exit 1, nothing on stdout', async () => {
    const x = io();
    expect(await runAlertsCli(db, ['import', 'service-cases', '/nonexistent/file.csv'], x.io)).toBe(1);
    expect(x.out).toEqual([]);
    expect(x.err.join('')).toMatch(/不存在/);
  });
});
