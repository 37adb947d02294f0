import { describe, expect, it } from 'vitest';
import { compileModel } from './compile';
import { DEFAULT_MODELS, parseModel } from './definitions';

const run = { asOf: '2026-04-30', runId: '00000000-0000-0000-0000-000000000001' };

describe('model definitions', () => {
  it('defaults are the documented ones', () => {
    expect(Object.fromEntries(DEFAULT_MODELS.map((m) => [m.name, { stage: m.startStage, params: m.params }]))).toEqual({
      overdue: { stage: 'urge', params: {} },
      low_pass_rate: { stage: 'urge', params: { windowDays: 90, minFinished: 20, maxPassRate: 0.6 } },
      not_one_time: { stage: 'verify', params: { minSupplements: 2 } },
      unequal_treatment: { stage: 'verify', params: { windowDays: 90, minFinished: 10, factor: 3, minMedian: 1 } },
      dissatisfied: { stage: 'urge', params: { maxRating: 2 } },
      obstruction: { stage: 'verify', params: { windowDays: 30, minCount: 3, results: ['rejected', 'returned'] } },
    });
  });

  it.each([
    [{ name: 'x1', title: 't', kind: 'low_pass_rate', params: { maxPassRate: 1.5 } }],
    [{ name: 'x1', title: 't', kind: 'low_pass_rate', params: { windowDays: 0 } }],
    [{ name: 'x1', title: 't', kind: 'dissatisfied', params: { maxRating: 6 } }],
    [{ name: 'x1', title: 't', kind: 'obstruction', params: { results: ['pending'] } }],
    [{ name: 'x1', title: 't', kind: 'overdue', params: { sql: 'DROP TABLE x' } }],
    [{ name: 'Bad Name', title: 't', kind: 'overdue' }],
    [{ name: 'x1', title: 't', kind: 'arbitrary_sql' }],
    [{ name: 'x1', title: 't', kind: 'overdue', startStage: 'accountability' }],
  ])('rejects %j', (input) => expect(() => parseModel(input)).toThrow());
});

describe('compileModel', () => {
  it.each([
    ['overdue', []],
    ['low_pass_rate', [90, 20, 0.6]],
    ['not_one_time', [2]],
    ['unequal_treatment', [90, 10, 3, 1]],
    ['dissatisfied', [2]],
    ['obstruction', [30, 3, ['rejected', 'returned']]],
  ])('%s binds as-of, run, name, then its parameters', (name, params) => {
    const def = DEFAULT_MODELS.find((m) => m.name === name)!;
    const c = compileModel(def, run);
    expect(c.values).toEqual([run.asOf, run.runId, name, ...params]);
    const used = new Set([...c.text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
    expect(Math.max(...used)).toBe(c.values.length);
    // the identity as an anti-join on the warnings' distribution column (Citus plans no correlated subquery)
    expect(c.text).toContain("LEFT JOIN alert_warning w ON w.item_key = h.item_code AND w.model = $3::text AND w.identity_key = $3::text || '|' || h.subject");
    expect(c.text).toContain('WHERE w.id IS NULL');
    expect(c.text).not.toMatch(/EXISTS/);
    expect(c.text).toContain('c.accepted_on <= $1::date');
    // pure: same input, same output; parameters never spliced into the SQL text
    expect(compileModel(def, run)).toEqual(c);
    expect(c.text).not.toContain(run.asOf);
  });

  it('group models are group-level, the others case-level', () => {
    const levels = Object.fromEntries(DEFAULT_MODELS.map((m) => [m.name, /'(group|case)', h\.subject/.exec(compileModel(m, run).text)![1]]));
    expect(levels).toEqual({
      overdue: 'case',
      low_pass_rate: 'group',
      not_one_time: 'case',
      unequal_treatment: 'case',
      dissatisfied: 'case',
      obstruction: 'group',
    });
  });

  it('windows are [as-of - (days - 1), as-of]; the median is percentile_cont (mean of the two middle values)', () => {
    const lp = compileModel(DEFAULT_MODELS[1], run).text;
    expect(lp).toContain('c.finished_on BETWEEN $1::date - ($4::int - 1) AND $1::date');
    const ut = compileModel(DEFAULT_MODELS[3], run).text;
    expect(ut).toContain('percentile_cont(0.5) WITHIN GROUP (ORDER BY f.duration)');
    expect(ut).toContain('f.duration > $6::numeric * greatest(st.median::numeric, $7::numeric)');
  });

  it('edited parameters flow into the values', () => {
    const def = parseModel({ name: 'strict_pass', title: '通过率（严格）', kind: 'low_pass_rate', params: { minFinished: 5, maxPassRate: 0.8 } });
    expect(compileModel(def, run).values).toEqual([run.asOf, run.runId, 'strict_pass', 90, 5, 0.8]);
  });
});
