// The collision compiler, table by table: join and condition SQL per column kind, bind values, identity, dry run.
import { describe, expect, it } from 'vitest';
import { datasetDeclarationBody } from '@msjd/shared/alerts';
import type { DatasetDeclaration } from '../datasets/store';
import { DEMO_COLLISION_MODELS, DEMO_DATASETS } from '../demo';
import { collisionIssues } from './collision';
import { compileDryRun, compileModel } from './compile';
import { parseModel } from './definitions';

const run = { asOf: '2026-04-30', runId: '00000000-0000-0000-0000-000000000001' };
const datasets = new Map<string, DatasetDeclaration>(DEMO_DATASETS.map((d) => [d.name, { ...datasetDeclarationBody.parse(d.declaration), name: d.name }]));
const ctx = { datasets };
const [fake, inflated] = DEMO_COLLISION_MODELS.map((m) => parseModel(m));

const withParams = (p: object) => parseModel({ ...DEMO_COLLISION_MODELS[0], params: { ...(DEMO_COLLISION_MODELS[0].params as object), ...p } });

describe('collision compiler', () => {
  it('binds as-of, run, name, then the two data set names and the constants; no user text in the SQL', () => {
    const c = compileModel(fake, run, ctx);
    expect(c.values).toEqual([run.asOf, run.runId, 'fake_disability', 'disability_certificates', 'village_cadres']);
    const used = new Set([...c.text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
    expect(Math.max(...used)).toBe(c.values.length);
    expect(c.text).not.toContain('disability_certificates');
    expect(c.text).not.toContain('service_case');
    expect(c.text).toContain("'group', h.subject");
    expect(compileModel(fake, run, ctx)).toEqual(c);
  });

  it.each([
    // [what, params, expected SQL fragment]
    ['resident ID column joins on the typed, indexed resident_id', {}, 'r.dataset = $5::text AND l."resident_id" = r."key"'],
    ['integer columns compare as bigint', {}, `(l."values" ->> 'level')::bigint <> (r."values" ->> 'declared_disability_level')::bigint`],
    ['the unit comes from the named column', {}, `(r."values" ->> 'township_code') AS unit_code`],
    ['no unit column: unit_code is null', { unit: null }, 'NULL::text AS unit_code'],
    ['a constant is a parameter cast to the column type', { conditions: [{ a: { side: 'left', column: 'level' }, op: '<=', b: { value: 2 } }] }, `(l."values" ->> 'level')::bigint <= $6::bigint`],
    ['a date constant', { conditions: [{ a: { side: 'left', column: 'issued_on' }, op: '>=', b: { value: '2020-01-01' } }] }, `(l."values" ->> 'issued_on')::date >= $6::date`],
    ['a text comparison stays text', { conditions: [{ a: { side: 'left', column: 'category' }, op: '=', b: { value: '肢体' } }] }, `(l."values" ->> 'category') = $6::text`],
  ])('%s', (_what, params, fragment) => {
    expect(compileModel(withParams(params), run, ctx).text).toContain(fragment);
  });

  it('decimal comparison of the area model, joined on the register key', () => {
    const c = compileModel(inflated, run, ctx);
    expect(c.text).toContain(`(l."values" ->> 'parcel_no') = r."key"`);
    expect(c.text).toContain(`(l."values" ->> 'declared_area')::numeric > (r."values" ->> 'registered_area')::numeric`);
    expect(c.text).toContain(`coalesce(l."resident_id", r."resident_id") AS applicant_id`);
    expect(c.text).toContain(`l."key" || '|' || r."key" AS subject`);
  });

  it('constants never reach the SQL text', () => {
    const c = compileModel(withParams({ conditions: [{ a: { side: 'left', column: 'category' }, op: '=', b: { value: "x'; DROP TABLE unit; --" } }] }), run, ctx);
    expect(c.text).not.toContain('DROP');
    expect(c.values).toContain("x'; DROP TABLE unit; --");
  });

  it.each([
    ['an unknown data set', { left: 'nothing' }, 'params.left'],
    ['an unknown join column', { on: [{ left: 'id_number', right: 'idno' }] }, 'params.on.0.right'],
    ['join columns of different kinds', { on: [{ left: 'level', right: 'id_number' }] }, 'params.on.0.right'],
    ['compared columns of different kinds', { conditions: [{ a: { side: 'left', column: 'issued_on' }, op: '>', b: { side: 'right', column: 'declared_disability_level' } }] }, 'params.conditions.0.b.column'],
    ['a constant that is not an integer', { conditions: [{ a: { side: 'left', column: 'level' }, op: '>', b: { value: '1.5' } }] }, 'params.conditions.0.b.value'],
    ['a constant that is not a date', { conditions: [{ a: { side: 'left', column: 'issued_on' }, op: '>', b: { value: '2026/1/1' } }] }, 'params.conditions.0.b.value'],
    ['an unknown unit column', { unit: { side: 'left', column: 'town' } }, 'params.unit.column'],
  ])('rejects %s with a field path', (_what, params, path) => {
    const def = withParams(params);
    if (def.kind !== 'collision') throw new Error('collision expected');
    expect(collisionIssues(def.params, datasets).map((i) => i.path)).toEqual([path]);
    expect(() => compileModel(def, run, ctx)).toThrow();
  });

  it.each([
    [{ on: [] }],
    [{ conditions: [{ a: { side: 'middle', column: 'level' }, op: '>', b: { value: 1 } }] }],
    [{ conditions: [{ a: { side: 'left', column: 'level' }, op: 'LIKE', b: { value: 1 } }] }],
    [{ conditions: [{ a: { side: 'left', column: 'level"; --' }, op: '>', b: { value: 1 } }] }],
    [{ left: 'Bad Name' }],
  ])('the definition schema refuses %j', (params) => expect(() => withParams(params)).toThrow());

  it('the dry run is SELECT only and binds no run', () => {
    const c = compileDryRun(fake, run.asOf, ctx);
    expect(c.values).toEqual([run.asOf, null, 'fake_disability', 'disability_certificates', 'village_cadres']);
    expect(c.text).not.toMatch(/\b(INSERT|UPDATE|DELETE)\b/);
    expect(c.text).toContain('LIMIT 20');
  });
});
