import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/database';
import { createTestDatabase } from '../../../test-support/database';
import { runAlertsCli } from '../cli';
import { declareDataset } from '../datasets/store';
import { DEMO_COLLISION_MODELS, DEMO_DATASETS } from '../demo';
import { saveModel } from '../engine';
import { type Sql, sqlOf } from '../sql';
import { NOTICE_SAMPLE_LINES, NOTICE_SAMPLE_PER_KIND, dataFreshness, importWithHistory, listImports, noticeSample, saveAlertSettings, staleDataForRun } from './history';
import { ImportFileError } from './service-cases';

const SAMPLE = path.join(import.meta.dirname, '../fixtures/service-cases.sample.csv');
let db: Database;
let sql: Sql;
let dir: string;
beforeAll(async () => {
  db = await createTestDatabase();
  sql = sqlOf(db);
  dir = mkdtempSync(path.join(tmpdir(), 'msjd-history-'));
}, 60_000);
afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  for (const t of ['alert_import', 'alert_setting', 'alert_warning', 'escalation_case', 'alert_run', 'alert_model', 'service_case', 'alert_dataset_row', 'alert_dataset']) {
    await sql.query(`DELETE FROM ${t}`);
  }
});

const io = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s) } };
};
const rows = () => sql.query<Record<string, unknown>>(`SELECT * FROM alert_import ORDER BY started_at`);

describe('import history', () => {
  it('keeps file name, sha256, counts and the rejected rows of an import from the command line', async () => {
    const x = io();
    expect(await runAlertsCli(db, ['import', 'service-cases', SAMPLE], x.io)).toBe(0);
    const [r] = await rows();
    expect(r).toMatchObject({
      kind: 'service_cases',
      dataset: null,
      file_name: 'service-cases.sample.csv',
      sha256: createHash('sha256').update(readFileSync(SAMPLE)).digest('hex'),
      status: 'ok',
      rows_read: 9,
      accepted: 5,
      rejected: 4,
      imported: 4,
      via: 'cli',
      imported_by: null,
    });
    expect(Number(r.file_bytes)).toBe(readFileSync(SAMPLE).length);
    expect((r.rejected_sample as { line: number }[]).map((e) => e.line)).toEqual([6, 7, 8, 9]);
    const listed = await listImports(sql, { page: 1, pageSize: 20 });
    expect(listed.total).toBe(1);
    expect(listed.items[0]).toMatchObject({ datasetLabel: '办件数据', fileName: 'service-cases.sample.csv', rejectedSample: [{ line: 6, field: 'applicant_id' }, {}, {}, {}] });
  });

  it('keeps at most 20 rejected rows as the sample, and records an unreadable file as failed with nothing stored', async () => {
    const bad = path.join(dir, 'bad.csv');
    const line = (i: number) => `B${i},U1,I1,110105194912310021,2026-03-02,1,,通过,0,`; // 通过 without a finish time
    writeFileSync(bad, ['办件编号,部门编码,事项编码,申请人证件号码,受理时间,承诺时限,办结时间,办理结果,补正次数,评价', ...Array.from({ length: 25 }, (_, i) => line(i))].join('\n'));
    const r = await importWithHistory(db, { kind: 'service_cases' }, bad, { fileName: '三月办件.csv', via: 'admin' });
    expect(r.rejected).toBe(25);
    const [ok] = await rows();
    expect(ok).toMatchObject({ file_name: '三月办件.csv', rows_read: 25, accepted: 0, rejected: 25 });
    expect(ok.rejected_sample).toHaveLength(20);

    const noHeader = path.join(dir, 'x.csv');
    writeFileSync(noHeader, 'a,b\n1,2\n');
    await expect(importWithHistory(db, { kind: 'service_cases' }, noHeader, { fileName: 'x.csv', via: 'admin' })).rejects.toBeInstanceOf(ImportFileError);
    const failed = (await rows()).at(-1)!;
    expect(failed).toMatchObject({ file_name: 'x.csv', status: 'failed', rows_read: 0 });
    expect(failed.error).toMatch(/缺少必需的列/);
    expect(await sql.query(`SELECT 1 FROM service_case`)).toEqual([]);
    // a file that cannot be opened is no import at all
    await expect(importWithHistory(db, { kind: 'service_cases' }, path.join(dir, 'nope.csv'), { fileName: 'nope.csv', via: 'cli' })).rejects.toThrow(/文件不存在/);
    expect(await rows()).toHaveLength(2);
  });
});

describe('the cleaning report\'s notices in the history', () => {
  const HEADER = '办件编号,部门编码,事项编码,申请人证件号码,受理时间,承诺时限,办结时间,办理结果,补正次数,评价';
  const row = (caseNo: string, unit = 'NOPE') => `${caseNo},${unit},I1,11010519491231002X,2026-03-02 09:00,1,2026-03-03 10:00,通过,0,`;

  it('counts keys repeated in the file and unknown unit codes, and keeps 20 of each kind with bounded lines', async () => {
    // 25 case numbers twice each, one 30 times: 26 repeated keys; every row's unit code is outside the (empty) directory
    const lines = [HEADER, ...Array.from({ length: 25 }, (_, i) => row(`D${i}`)), ...Array.from({ length: 25 }, (_, i) => row(`D${i}`))];
    lines.push(...Array.from({ length: 30 }, () => row('MANY')));
    const file = path.join(dir, '重复.csv');
    writeFileSync(file, lines.join('\n'));
    const r = await importWithHistory(db, { kind: 'service_cases' }, file, { fileName: '重复.csv', via: 'admin' });
    expect([r.duplicates, r.unknownUnits, r.imported]).toEqual([26, 80, 26]);

    const [stored] = await rows();
    expect(stored).toMatchObject({ duplicates: 26, unknown_units: 80 });
    const { items } = await listImports(sql, { page: 1, pageSize: 20 });
    const sample = items[0].noticeSample;
    expect(items[0]).toMatchObject({ duplicates: 26, unknownUnits: 80 });
    const dups = sample.filter((n) => n.kind === 'duplicate');
    const unknown = sample.filter((n) => n.kind === 'unknown_unit');
    expect([dups.length, unknown.length]).toEqual([NOTICE_SAMPLE_PER_KIND, NOTICE_SAMPLE_PER_KIND]);
    // by line: the first 20 repeated keys, D0 on lines 2 and 27
    expect(dups[0]).toMatchObject({ line: 2, field: 'case_no', lines: [2, 27], reason: '办件编号 D0 在文件中出现 2 次（第 2、27 行），已按第 27 行导入' });
    expect(unknown.map((n) => n.line)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    expect(unknown[0]).toMatchObject({ field: 'unit_code', reason: expect.stringContaining('NOPE') });
    expect(sample.map((n) => n.line)).toEqual([...sample.map((n) => n.line)].sort((a, b) => a - b));
  });

  it('cuts a key repeated on many lines to its first lines, keeping what the reason says was stored', () => {
    const lines = Array.from({ length: 400 }, (_, i) => i + 2);
    const reason = `办件编号 MANY 在文件中出现 400 次（第 ${lines.join('、')} 行），已按第 401 行导入`;
    const [n] = noticeSample([{ kind: 'duplicate', line: 2, field: 'case_no', reason, lines }]);
    expect(n.lines).toEqual(lines.slice(0, NOTICE_SAMPLE_LINES));
    expect(n.reason.length).toBeLessThanOrEqual(300);
    expect(n.reason.startsWith('办件编号 MANY 在文件中出现 400 次（第 2、3、')).toBe(true);
    expect(n.reason.endsWith('行），已按第 401 行导入')).toBe(true);
    expect(noticeSample([{ kind: 'unknown_unit', line: 9, field: 'unit_code', reason: '短' }])).toEqual([{ kind: 'unknown_unit', line: 9, field: 'unit_code', reason: '短' }]);
  });

  it('a data set\'s repeated keys are kept too, and a file without notices keeps zero counts and an empty sample', async () => {
    const d = DEMO_DATASETS[0]; // disability certificates, keyed by 残疾证号
    await declareDataset(sql, d.name, d.declaration);
    const certs = path.join(dir, 'certs.csv');
    const cert = '41072519680312041X42,41072519680312041X,王建军,肢体,2,2019-05-14,T001';
    writeFileSync(certs, ['残疾证号,身份证号码,姓名,残疾类别,残疾等级,发证日期,乡镇编码', cert, cert].join('\n'));
    await importWithHistory(db, { kind: 'dataset', dataset: d.name }, certs, { fileName: 'certs.csv', via: 'cli' });
    await sql.query(`INSERT INTO unit (code, name, kind) VALUES ('U1', '县市场监管局', 'department') ON CONFLICT DO NOTHING`);
    const clean = path.join(dir, 'clean.csv');
    writeFileSync(clean, [HEADER, row('C1', 'U1'), row('C2', 'U1')].join('\n'));
    expect(await importWithHistory(db, { kind: 'service_cases' }, clean, { fileName: 'clean.csv', via: 'cli' })).toMatchObject({ imported: 2, rejected: 0 });
    const { items } = await listImports(sql, { page: 1, pageSize: 5 });
    const byFile = Object.fromEntries(items.map((i) => [i.fileName, i]));
    expect(byFile['certs.csv']).toMatchObject({ duplicates: 1, unknownUnits: 0, noticeSample: [{ kind: 'duplicate', line: 2, field: 'cert_no', lines: [2, 3] }] });
    expect(byFile['clean.csv']).toMatchObject({ duplicates: 0, unknownUnits: 0, noticeSample: [] });
  });
});

describe('data freshness and the stale-data warning', () => {
  const now = new Date('2026-03-20T04:00:00Z'); // 2026-03-20 12:00 Beijing

  it('dates each source by its last import, marks what is older than the setting, and names the models reading it', async () => {
    const d = DEMO_DATASETS[1]; // village_cadres, read by 假残真证 together with disability_certificates
    for (const set of [DEMO_DATASETS[0], d]) await declareDataset(sql, set.name, set.declaration);
    await saveModel(sql, DEMO_COLLISION_MODELS[0]);
    await importWithHistory(db, { kind: 'service_cases' }, SAMPLE, { fileName: 'a.csv', via: 'cli' });
    await importWithHistory(db, { kind: 'dataset', dataset: d.name }, path.join(import.meta.dirname, '../fixtures/demo', d.file), { fileName: d.file, via: 'seed' });
    // service cases last imported 2026-03-12 23:30 Beijing: 8 days before 2026-03-20; the cadres 2026-03-13 00:10: 7 days
    await sql.query(`UPDATE alert_import SET started_at = '2026-03-12T15:30:00Z' WHERE kind = 'service_cases'`);
    await sql.query(`UPDATE alert_import SET started_at = '2026-03-12T16:10:00Z' WHERE kind = 'dataset'`);
    const f = await dataFreshness(sql, now);
    expect(f.staleDays).toBe(7);
    expect(f.sources.map((s) => [s.label, s.ageDays, s.stale])).toEqual([
      ['办件数据', 8, true],
      ['残疾人证登记（残联）', null, true],
      ['村（社区）干部名册（组织部）', 7, false],
    ]);
    expect(f.sources[1].models).toEqual(['假残真证']);
    expect(f.sources[0].models).toEqual(['办件超期', '审批通过率低', '未一次性告知', '办件区别对待', '不满意', '故意刁难']);

    await saveAlertSettings(sql, { staleDays: 8 });
    expect((await dataFreshness(sql, now)).sources.map((s) => s.stale)).toEqual([false, true, false]);
    expect((await staleDataForRun(sql, now)).sources.map((s) => s.label)).toEqual(['残疾人证登记（残联）']);
  });

  it('alerts run says on stderr what is stale, and still runs', async () => {
    const x = io();
    expect(await runAlertsCli(db, ['alerts', 'run', '--as-of', '2026-03-20'], x.io)).toBe(0);
    expect(x.err.join('')).toContain('警告：办件数据从未导入（超过 7 天视为过期），读取它的模型：办件超期、审批通过率低');
    expect(JSON.parse(x.out.join(''))).toMatchObject({ asOf: '2026-03-20' });
  });
});
