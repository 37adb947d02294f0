// Generic data sets and collision models against a real database: declaration, import (cleaning report, idempotent
// re-import, a later row replacing an earlier one, missing optional columns), the two demo collision models, dry runs.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/database';
import { createTestDatabase } from '../../../test-support/database';
import { runAlertsCli } from '../cli';
import { DEMO_COLLISION_MODELS, seedDemoAlertData } from '../demo';
import { ModelInvalidError, dryRunModel, listWarnings, runAlerts, saveModel } from '../engine';
import { scheduledRun } from '../schedule';
import { type Sql, sqlOf } from '../sql';
import { importDataset } from './import';
import { declareDataset, listDatasets } from './store';

let db: Database;
let sql: Sql;
let dir: string;
beforeAll(async () => {
  db = await createTestDatabase();
  sql = sqlOf(db);
  dir = await mkdtemp(path.join(tmpdir(), 'msjd-datasets-'));
}, 60_000);
afterAll(async () => db?.close());
beforeEach(async () => {
  for (const t of ['alert_warning', 'escalation_case', 'alert_run', 'alert_model', 'alert_dataset_row', 'alert_dataset']) await sql.query(`DELETE FROM ${t}`);
});

async function file(name: string, content: string | Buffer) {
  const f = path.join(dir, name);
  await writeFile(f, content);
  return f;
}

const people = {
  declaration: {
    label: '人员',
    keyColumn: 'person_no',
    residentIdColumn: 'id_number',
    columns: [
      { name: 'person_no', label: '编号', type: 'text', required: true },
      { name: 'id_number', label: '身份证号码', type: 'id_number', required: true },
      { name: 'age', label: '年龄', type: 'integer' },
      { name: 'area', label: '面积', type: 'decimal' },
      { name: 'since', label: '日期', type: 'date' },
      { name: 'note', label: '备注', type: 'text' },
    ],
  },
};

describe('data set import', () => {
  it('cleans, rejects with line/field/reason, replaces earlier rows, and re-imports idempotently', async () => {
    await declareDataset(sql, 'people', people.declaration);
    const csv = [
      '编号,身份证号码,年龄,面积,日期,备注',
      'P1, 11010519491231002x ,４２,"1,234.50",2026/3/2,  甲  ',
      'P2,110105194912310021,30,1,2026-03-02,', // check digit
      'P3,11010519491231002X,abc,1,2026-03-02,', // integer
      'P4,11010519491231002X,30,1.2.3,2026-03-02,', // decimal
      'P5,11010519491231002X,30,1,2026-02-30,', // date
      ',11010519491231002X,30,1,2026-03-02,', // key missing
      'P6,,30,1,2026-03-02,', // required id
      'P7,11010519491231002X,,,2026年3月4日,乙',
      'P7,11010519491231002X,31,,2026年3月4日,乙（后一行）',
    ].join('\n');
    const f = await file('people.csv', csv);
    const r = await importDataset(db, 'people', f);
    expect(r).toEqual({
      imported: 2,
      updated: 0,
      unchanged: 0,
      rejected: 6,
      errors: [
        { line: 3, field: 'id_number', reason: '身份证号码校验位错误' },
        { line: 4, field: 'age', reason: '应为整数: abc' },
        { line: 5, field: 'area', reason: '应为数字: 1.2.3' },
        { line: 6, field: 'since', reason: '日期格式无法识别: 2026-02-30' },
        { line: 7, field: 'person_no', reason: '必填字段为空' },
        { line: 8, field: 'id_number', reason: '必填字段为空' },
      ],
      duplicates: 1,
      unknownUnits: 0,
      notices: [{ kind: 'duplicate', line: 9, field: 'person_no', lines: [9, 10], reason: '编号 P7 在文件中出现 2 次（第 9、10 行），已按第 10 行导入' }],
    });
    const rows = await sql.query<{ key: string; resident_id: string; values: Record<string, string | null> }>(
      `SELECT key, resident_id, "values" FROM alert_dataset_row WHERE dataset = 'people' ORDER BY key`,
    );
    expect(rows).toEqual([
      { key: 'P1', resident_id: '11010519491231002X', values: { person_no: 'P1', id_number: '11010519491231002X', age: '42', area: '1234.5', since: '2026-03-02', note: '甲' } },
      { key: 'P7', resident_id: '11010519491231002X', values: { person_no: 'P7', id_number: '11010519491231002X', age: '31', area: null, since: '2026-03-04', note: '乙（后一行）' } },
    ]);
    // same rows again (GB18030 this time): nothing changes
    expect(await importDataset(db, 'people', await file('people-gb.csv', iconv.encode(csv, 'gb18030')))).toMatchObject({ imported: 0, updated: 0, unchanged: 2, rejected: 6 });
    // a file without the optional columns keeps their stored values; a changed value counts as updated
    const partial = await file('partial.csv', 'person_no,id_number,note\nP1,11010519491231002X,甲\nP7,11010519491231002X,丙\nP8,11010519491231002X,新\n');
    expect(await importDataset(db, 'people', partial)).toEqual({ imported: 1, updated: 1, unchanged: 1, rejected: 0, errors: [], duplicates: 0, unknownUnits: 0, notices: [] });
    const [p7] = await sql.query<{ values: Record<string, string | null> }>(`SELECT "values" FROM alert_dataset_row WHERE key = 'P7'`);
    expect(p7.values).toMatchObject({ age: '31', since: '2026-03-04', note: '丙' });
    expect((await listDatasets(sql)).find((d) => d.name === 'people')?.rowCount).toBe(3);
  });

  it('a row with several faults reports each of them', async () => {
    await declareDataset(sql, 'people', people.declaration);
    const r = await importDataset(db, 'people', await file('faults.csv', '编号,身份证号码,年龄,面积,日期\nP1,110105194912310021,abc,1.2.3,2026-02-30\n'));
    expect(r.errors).toEqual([
      {
        line: 2,
        field: 'id_number',
        reason: '身份证号码校验位错误',
        otherFaults: [
          { field: 'age', reason: '应为整数: abc' },
          { field: 'area', reason: '应为数字: 1.2.3' },
          { field: 'since', reason: '日期格式无法识别: 2026-02-30' },
        ],
      },
    ]);
  });

  it('an unreadable file or a missing required column stores nothing; a declaration with rows keeps its shape', async () => {
    await declareDataset(sql, 'people', people.declaration);
    await expect(importDataset(db, 'people', await file('nokey.csv', '身份证号码,年龄\n11010519491231002X,3\n'))).rejects.toThrow(/缺少必需的列: person_no（编号）/);
    await importDataset(db, 'people', await file('one.csv', '编号,身份证号码\nP1,11010519491231002X\n'));
    await expect(declareDataset(sql, 'people', { ...people.declaration, keyColumn: 'id_number' })).rejects.toMatchObject({ kind: 'conflict', code: 'DATASET_STATE' });
    // labels may change
    await seedDemoAlertData(db);
    const cadres = (await import('../demo')).DEMO_DATASETS.find((d) => d.name === 'village_cadres')!;
    await sql.query(`DELETE FROM alert_dataset_row WHERE dataset = 'village_cadres'`);
    // without rows the shape may change, but not so that a collision model reading it breaks
    await expect(
      declareDataset(sql, 'village_cadres', { ...cadres.declaration, columns: cadres.declaration.columns.filter((c) => c.name !== 'declared_disability_level') }),
    ).rejects.toThrow(/模型「假残真证」（fake_disability）使用了该数据集.*没有列 declared_disability_level/);
    await declareDataset(sql, 'people', { ...people.declaration, label: '人员名单' });
    expect((await listDatasets(sql)).find((d) => d.name === 'people')).toMatchObject({ label: '人员名单', rowCount: 1 });
  });

  it('the CLI prints the service-cases report shape', async () => {
    await declareDataset(sql, 'people', people.declaration);
    const out: string[] = [];
    const err: string[] = [];
    const f = await file('cli.csv', '编号,身份证号码\nP1,11010519491231002X\nP2,123\n');
    const code = await runAlertsCli(db, ['import', 'dataset', 'people', f], { out: (s) => out.push(s), err: (s) => err.push(s) });
    expect(code).toBe(0);
    expect(JSON.parse(out.join(''))).toEqual({
      imported: 1,
      updated: 0,
      unchanged: 0,
      rejected: 1,
      errors: [{ line: 3, field: 'id_number', reason: '身份证号码应为18位，实际3位' }],
    });
    expect(await runAlertsCli(db, ['import', 'dataset', 'nobody', f], { out: () => {}, err: () => {} })).toBe(1);
  });
});

describe('collision models', () => {
  it('the two demo models raise one warning per match, once, and appear in every run', async () => {
    expect(await seedDemoAlertData(db)).toEqual({ datasets: 4, datasetRows: 24, collisionModels: 2 });
    const first = await runAlerts(db, '2026-04-30');
    expect(first.models.fake_disability).toEqual({ new: 2, total: 2 });
    expect(first.models.inflated_land_area).toEqual({ new: 3, total: 3 });
    expect(Object.keys(first.models)).toEqual([
      'overdue',
      'low_pass_rate',
      'not_one_time',
      'unequal_treatment',
      'dissatisfied',
      'obstruction',
      'fake_disability',
      'inflated_land_area',
    ]);
    const again = await runAlerts(db, '2026-04-30');
    expect(again.models.fake_disability).toEqual({ new: 0, total: 2 });
    expect(again.models.inflated_land_area).toEqual({ new: 0, total: 3 });

    const ws = await listWarnings(sql, { model: 'inflated_land_area' });
    expect(ws.map((w) => [w.unit_code, w.applicant_id, w.stage])).toEqual([
      ['T001', '410725198501013108', 'verify'],
      ['T003', '410725197209095324', 'verify'],
      ['T005', '410725195901173051', 'verify'],
    ]);
    const [fake] = await sql.query<{ subject: string; values: { left: { values: Record<string, string> }; right: { values: Record<string, string> } } }>(
      `SELECT subject, "values" FROM alert_warning WHERE model = 'fake_disability' ORDER BY subject LIMIT 1`,
    );
    expect(fake.subject).toBe('41072519680312041X42|41072519680312041X');
    expect(fake.values.left.values.level).toBe('2');
    expect(fake.values.right.values.declared_disability_level).toBe('0');

    // correcting the register and re-importing: the closed subject is not raised again, the open ones stay
    await sql.query(`UPDATE alert_warning SET status = 'closed', identity_key = NULL WHERE model = 'inflated_land_area' AND unit_code = 'T005'`);
    await sql.query(`UPDATE alert_dataset_row SET "values" = "values" || '{"registered_area":"20"}' WHERE dataset = 'land_contract_register' AND key = '4107250050030001'`);
    expect((await runAlerts(db, '2026-05-01')).models.inflated_land_area).toEqual({ new: 0, total: 3 });
    // a collision model without a unit column raises warnings with unit_code null (and no escalation case)
    await saveModel(sql, { ...DEMO_COLLISION_MODELS[0], name: 'fake_disability_nounit', params: { ...(DEMO_COLLISION_MODELS[0].params as object), unit: null } });
    const r = await runAlerts(db, '2026-05-01');
    expect(r.models.fake_disability_nounit).toEqual({ new: 2, total: 2 });
    expect((await listWarnings(sql, { model: 'fake_disability_nounit' })).map((w) => [w.unit_code, w.stage])).toEqual([
      [null, null],
      [null, null],
    ]);
  });

  it('constants are bound parameters; an undeclared column is a field error', async () => {
    await seedDemoAlertData(db);
    const severe = {
      name: 'severe_cert_cadre',
      title: '重度残疾证持证村干部',
      kind: 'collision',
      params: {
        left: 'disability_certificates',
        right: 'village_cadres',
        on: [{ left: 'id_number', right: 'id_number' }],
        conditions: [{ a: { side: 'left', column: 'level' }, op: '<=', b: { value: 2 } }],
      },
    };
    const dry = await dryRunModel(db, severe, '2026-04-30');
    expect(dry).toMatchObject({ hits: 1, newHits: 1, samples: [{ subject: '41072519680312041X42|41072519680312041X', unitCode: null, isNew: true }] });
    // a dry run writes nothing
    expect(await sql.query(`SELECT 1 FROM alert_warning`)).toEqual([]);
    expect(await sql.query(`SELECT 1 FROM alert_run`)).toEqual([]);

    const bad = { ...severe, params: { ...severe.params, conditions: [{ a: { side: 'left', column: 'levle' }, op: '<=', b: { value: 'x' } }] } };
    const err = await saveModel(sql, bad).catch((e) => e);
    expect(err).toBeInstanceOf(ModelInvalidError);
    expect(err.issues).toEqual([
      { path: 'params.conditions.0.a.column', code: 'invalid_reference', message: '数据集 残疾人证登记（残联）（disability_certificates）没有列 levle' },
    ]);
    const typeClash = { ...severe, params: { ...severe.params, on: [{ left: 'level', right: 'id_number' }] } };
    expect((await saveModel(sql, typeClash).catch((e) => e)).issues[0]).toMatchObject({ path: 'params.on.0.right', code: 'type_mismatch' });
    const badValue = { ...severe, params: { ...severe.params, conditions: [{ a: { side: 'left', column: 'level' }, op: '<=', b: { value: '二级' } }] } };
    expect((await saveModel(sql, badValue).catch((e) => e)).issues[0]).toMatchObject({ path: 'params.conditions.0.b.value', code: 'invalid_value' });
  });
});

describe('runs', () => {
  it('the scheduled run happens once per as-of; concurrent runs do not overlap', async () => {
    await seedDemoAlertData(db);
    const once = scheduledRun(db);
    expect((await once('2026-04-30'))?.models.fake_disability).toEqual({ new: 2, total: 2 });
    expect(await once('2026-04-30')).toBeNull();
    await Promise.all([runAlerts(db, '2026-05-01'), runAlerts(db, '2026-05-02'), runAlerts(db, '2026-05-03')]);
    const runs = await sql.query<{ trigger: string; s: string; f: string }>(
      `SELECT trigger, extract(epoch FROM started_at)::float8 AS s, extract(epoch FROM finished_at)::float8 AS f FROM alert_run ORDER BY started_at`,
    );
    expect(runs.map((r) => r.trigger)).toEqual(['schedule', 'manual', 'manual', 'manual']);
    for (let i = 1; i < runs.length; i++) expect(Number(runs[i].s)).toBeGreaterThanOrEqual(Number(runs[i - 1].f));
  });
});
