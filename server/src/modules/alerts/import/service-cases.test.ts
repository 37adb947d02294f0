import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/database';
import { createTestDatabase } from '../../../test-support/database';
import { runAlertsCli } from '../cli';
import { sqlOf } from '../sql';
import { CaseNumbersSeen, ImportFileError, importServiceCases } from './service-cases';

const dir = mkdtempSync(path.join(tmpdir(), 'svc-import-'));
let n = 0;
let db: Database;
// the unit directory knows the units of these files; unknown codes are tested with codes outside it
const KNOWN_UNITS = ['U1', 'UA1', 'SCJGJ', 'ZRZYJ', 'ZJJ'];
beforeAll(async () => {
  db = await createTestDatabase();
  await sqlOf(db).query(`INSERT INTO unit (code, name, kind) SELECT c, c, 'department' FROM unnest($1::text[]) AS c ON CONFLICT (code) DO NOTHING`, [KNOWN_UNITS]);
}, 60_000);
const clean = { duplicates: 0, unknownUnits: 0, notices: [] };
afterAll(async () => db?.close());
beforeEach(async () => {
  await sqlOf(db).query('DELETE FROM service_case');
});

const HEADERS = [
  'case_no',
  'unit_code',
  'unit_name',
  'item_code',
  'item_name',
  'applicant_id',
  'applicant_type',
  'channel',
  'accepted_at',
  'promised_days',
  'finished_at',
  'result',
  'supplement_count',
  'rating',
];
type Row = Record<string, string>;
const base: Row = {
  case_no: 'C1',
  unit_code: 'U1',
  unit_name: '县市场监管局',
  item_code: 'I1',
  item_name: '营业执照',
  applicant_id: '11010519491231002X',
  applicant_type: '个人',
  channel: '窗口',
  accepted_at: '2026-03-02 09:30',
  promised_days: '5',
  finished_at: '2026-03-05 10:00',
  result: '通过',
  supplement_count: '0',
  rating: '5',
};
const q = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
function csvText(rows: Row[], headers = HEADERS) {
  return [headers.join(','), ...rows.map((r) => headers.map((h) => q(r[h] ?? '')).join(','))].join('\n') + '\n';
}
function file(content: string | Buffer, ext = 'csv') {
  const p = path.join(dir, `f${++n}.${ext}`);
  writeFileSync(p, content);
  return p;
}
const run = (p: string) => importServiceCases(db, p);
const stored = (caseNo: string) =>
  sqlOf(db)
    .query<Record<string, unknown>>(
      `SELECT case_no, unit_code, unit_name, item_code, applicant_id, applicant_type, channel,
              to_char(accepted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS accepted_at, accepted_on::text AS accepted_on,
              promised_days, to_char(finished_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS finished_at,
              finished_on::text AS finished_on, result, supplement_count, rating
         FROM service_case WHERE case_no = $1`,
      [caseNo],
    )
    .then((r) => r[0]);

describe('accepted formats', () => {
  it.each([
    ['2026-03-02T09:30:00+08:00', '2026-03-02 09:30'],
    ['2026-03-02 09:30:00', '2026-03-02 09:30'],
    ['2026-03-02 09:30', '2026-03-02 09:30'],
    ['2026/3/2 9:30', '2026-03-02 09:30'],
    ['2026-03-02', '2026-03-02 00:00'],
    ['2026年3月2日', '2026-03-02 00:00'],
  ])('accepted_at %s', async (text, want) => {
    const r = await run(file(csvText([{ ...base, accepted_at: text, finished_at: '2026年3月5日' }])));
    expect(r).toMatchObject({ imported: 1, rejected: 0 });
    expect(await stored('C1')).toMatchObject({ accepted_at: want, accepted_on: '2026-03-02', finished_on: '2026-03-05' });
  });

  it('Chinese headers, BOM, stray spaces, full-width digits and letters, Chinese enumerations', async () => {
    const zh = ['办件编号', '部门编码', '部门名称', '事项编码', '申请人证件号码', '申请人类型', '办理渠道', '受理时间', '承诺时限', '办结时间', '办理结果', '补正次数', '评价'];
    const lines = [
      zh.join(','),
      ' Ｃ２ ,ＵＡ１, 县政务局 ,Ｉ９,１１０１０５１９４９１２３１００２ｘ,企业,网办,２０２６－０３－０２, ３ ,2026/3/4 10:00,不予许可,１,不满意',
    ];
    const r = await run(file('\ufeff' + lines.join('\r\n') + '\r\n'));
    expect(r).toEqual({ imported: 1, updated: 0, unchanged: 0, rejected: 0, errors: [], ...clean });
    expect(await stored('C2')).toMatchObject({
      unit_code: 'UA1',
      unit_name: '县政务局',
      item_code: 'I9',
      applicant_id: '11010519491231002X',
      applicant_type: 'enterprise',
      channel: 'online',
      promised_days: 3,
      result: 'rejected',
      supplement_count: 1,
      rating: 2,
    });
  });

  it('GB18030 files', async () => {
    const text = csvText([{ ...base, case_no: 'G1', unit_name: '县行政审批局', result: '准予许可', rating: '非常满意' }]).replace(
      HEADERS.join(','),
      '办件编号,部门编码,部门名称,事项编码,事项名称,申请人证件号码,申请人类型,办理渠道,受理时间,承诺时限,办结时间,办理结果,补正次数,评价',
    );
    const r = await run(file(iconv.encode(text, 'gb18030')));
    expect(r).toMatchObject({ imported: 1, rejected: 0 });
    expect(await stored('G1')).toMatchObject({ unit_name: '县行政审批局', result: 'approved', rating: 5 });
  });

  it('enumerations in English and 即办 (0 days)', async () => {
    const r = await run(
      file(csvText([{ ...base, applicant_type: 'Enterprise', channel: 'online', result: 'returned', promised_days: '0', rating: '', supplement_count: '' }])),
    );
    expect(r.rejected).toBe(0);
    expect(await stored('C1')).toMatchObject({ applicant_type: 'enterprise', channel: 'online', result: 'returned', promised_days: 0, rating: null, supplement_count: 0 });
  });
});

describe('rejections', () => {
  it.each<[string, Row, string, RegExp]>([
    ['missing case_no', { case_no: ' ' }, 'case_no', /必填/],
    ['missing unit_code', { unit_code: '' }, 'unit_code', /必填/],
    ['missing item_code', { item_code: '' }, 'item_code', /必填/],
    ['missing applicant_id', { applicant_id: '' }, 'applicant_id', /必填/],
    ['bad resident ID check digit', { applicant_id: '110105194912310021' }, 'applicant_id', /校验位/],
    ['bad USCC check character', { applicant_id: '91350100M000100Y44' }, 'applicant_id', /校验位/],
    ['ID of wrong length', { applicant_id: '1101051949123100' }, 'applicant_id', /18位/],
    ['bad applicant_type', { applicant_type: '单位' }, 'applicant_type', /无效/],
    ['bad channel', { channel: '电话' }, 'channel', /无效/],
    ['missing accepted_at', { accepted_at: '' }, 'accepted_at', /必填/],
    ['malformed accepted_at', { accepted_at: '2026-02-30' }, 'accepted_at', /格式/],
    ['missing promised_days', { promised_days: '' }, 'promised_days', /必填/],
    ['negative promised_days', { promised_days: '-1' }, 'promised_days', /整数/],
    ['fractional promised_days', { promised_days: '2.5' }, 'promised_days', /整数/],
    ['malformed finished_at', { finished_at: '明天' }, 'finished_at', /格式/],
    ['finished before accepted', { finished_at: '2026-03-02 09:00' }, 'finished_at', /早于/],
    ['finished the day before (date only)', { finished_at: '2026-03-01' }, 'finished_at', /早于/],
    ['missing result', { result: '' }, 'result', /必填/],
    ['unknown result', { result: 'maybe' }, 'result', /无效/],
    ['pending but finished', { result: '办理中' }, 'result', /办理中/],
    ['approved but not finished', { finished_at: '' }, 'result', /办结时间为空/],
    ['bad supplement_count', { supplement_count: 'two' }, 'supplement_count', /整数/],
    ['rating 7', { rating: '7' }, 'rating', /评价/],
    ['rating 0', { rating: '0' }, 'rating', /评价/],
    ['first failing field wins', { unit_code: '', rating: '9' }, 'unit_code', /必填/],
  ])('%s', async (_name, patch, field, reason) => {
    const r = await run(file(csvText([{ ...base, case_no: 'OK1' }, { ...base, ...patch }])));
    expect(r.rejected).toBe(1);
    expect(r.imported).toBe(1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ line: 3, field });
    expect(r.errors[0].reason).toMatch(reason);
  });

  it('same-day finish without time is not "before"', async () => {
    const r = await run(file(csvText([{ ...base, finished_at: '2026-03-02' }])));
    expect(r.rejected).toBe(0);
  });

  it('line numbers count multi-line quoted fields and blank lines', async () => {
    const text = csvText([{ ...base, case_no: 'A', unit_name: '第一行\n第二行' }, { ...base, case_no: 'B', rating: '8' }]).replace(/\n([^\n]*B,)/, '\n\n$1');
    const r = await run(file(text));
    expect(r.errors).toEqual([{ line: 5, field: 'rating', reason: expect.any(String) }]);
  });
});

describe('counting and idempotence', () => {
  it('imported / updated / unchanged / duplicates within a file', async () => {
    const rows = [
      { ...base, case_no: 'A' },
      { ...base, case_no: 'B' },
      { ...base, case_no: 'C' },
    ];
    expect(await run(file(csvText(rows)))).toEqual({ imported: 3, updated: 0, unchanged: 0, rejected: 0, errors: [], ...clean });
    // re-import of the same rows changes nothing
    expect(await run(file(csvText(rows)))).toEqual({ imported: 0, updated: 0, unchanged: 3, rejected: 0, errors: [], ...clean });
    const r = await run(
      file(
        csvText([
          { ...base, case_no: 'A', rating: '1' }, // updated
          { ...base, case_no: 'B' }, // unchanged
          { ...base, case_no: 'D', rating: '3' }, // new
          { ...base, case_no: 'D', rating: '4' }, // later duplicate replaces the earlier one
          { ...base, case_no: 'C', rating: '2' },
          { ...base, case_no: 'C', rating: 'x' }, // rejected later duplicate: the earlier accepted row stands
        ]),
      ),
    );
    expect(r).toMatchObject({ imported: 1, updated: 2, unchanged: 1, rejected: 1, duplicates: 1 });
    expect(r.errors).toEqual([{ line: 7, field: 'rating', reason: expect.any(String) }]);
    // D is on two accepted lines: reported on the first, naming both; C's later line was rejected, so C is no duplicate
    expect(r.notices).toEqual([{ kind: 'duplicate', line: 4, field: 'case_no', lines: [4, 5], reason: '办件编号 D 在文件中出现 2 次（第 4、5 行），已按第 5 行导入' }]);
    expect(await stored('D')).toMatchObject({ rating: 4 });
    expect(await stored('C')).toMatchObject({ rating: 2 });
    expect(await stored('A')).toMatchObject({ rating: 1 });
  });

  it('a case moved to another item in a later export stays one case, under its new item (also on Citus, keyed by item)', async () => {
    await run(file(csvText([{ ...base, case_no: 'M' }, { ...base, case_no: 'N' }, { ...base, case_no: 'K', item_code: 'I2' }])));
    const r = await run(
      file(
        csvText([
          { ...base, case_no: 'M', item_code: 'I2' }, // moved: an update, as on one node
          { ...base, case_no: 'N', item_code: 'I3' }, // on two items in the file: the last line (I1, as stored) wins
          { ...base, case_no: 'N' },
          { ...base, case_no: 'P', item_code: 'I5' }, // new, on two items: the last line wins
          { ...base, case_no: 'P', item_code: 'I6' },
          { ...base, case_no: 'K', item_code: 'I1' }, // moved back from I2
        ]),
      ),
    );
    expect(r).toMatchObject({ imported: 1, updated: 2, unchanged: 1, rejected: 0, duplicates: 2 });
    expect(r.notices.map((x) => [x.line, x.lines])).toEqual([
      [3, [3, 4]],
      [5, [5, 6]],
    ]);
    const rows = await sqlOf(db).query<{ case_no: string; item_code: string }>(`SELECT case_no, item_code FROM service_case ORDER BY case_no, item_code`);
    expect(rows).toEqual([
      { case_no: 'K', item_code: 'I1' },
      { case_no: 'M', item_code: 'I2' },
      { case_no: 'N', item_code: 'I1' },
      { case_no: 'P', item_code: 'I6' },
    ]);
    // the same file again: nothing moves, nothing is written
    expect(await run(file(csvText([{ ...base, case_no: 'M', item_code: 'I2' }, { ...base, case_no: 'K' }])))).toMatchObject({ imported: 0, updated: 0, unchanged: 2 });
  });

  it('the Citus import finds repeated case numbers by hash while streaming: every repeat, few false candidates', () => {
    const seen = new CaseNumbersSeen();
    for (let i = 0; i < 300_000; i++) seen.add(`BJ2026${String(i).padStart(8, '0')}`);
    // 32-bit hashes of 300 k numbers: about 300k² / 2³³ ≈ 10 colliding pairs are expected, and they are only re-checked
    expect(seen.candidates.size).toBeLessThan(100);
    for (const n of ['BJ202600000007', 'BJ202600299999', 'BJ202600000007']) seen.add(n);
    expect(seen.candidates.has('BJ202600000007') && seen.candidates.has('BJ202600299999')).toBe(true);
  });

  it('a missing optional column keeps stored values on update and is null on insert', async () => {
    await run(file(csvText([{ ...base, case_no: 'A', rating: '2', channel: '窗口' }])));
    const headers = HEADERS.filter((h) => h !== 'rating' && h !== 'channel');
    const r = await run(file(csvText([{ ...base, case_no: 'A' }, { ...base, case_no: 'B' }], headers)));
    expect(r).toMatchObject({ imported: 1, updated: 0, unchanged: 1 });
    expect(await stored('A')).toMatchObject({ rating: 2, channel: 'window' });
    expect(await stored('B')).toMatchObject({ rating: null, channel: null });
  });
});

describe('unreadable files store nothing', () => {
  it('a required column missing', async () => {
    const headers = HEADERS.filter((h) => h !== 'result');
    await expect(run(file(csvText([base], headers)))).rejects.toThrow(/缺少必需的列: result/);
    expect(await stored('C1')).toBeUndefined();
  });
  it('unknown encoding', async () => {
    await expect(run(file(iconv.encode(csvText([base]), 'utf16le')))).rejects.toBeInstanceOf(ImportFileError);
    await expect(run(file(Buffer.from([0x00, 0x01, 0xff, 0xfe, 0x80, 0x00])))).rejects.toBeInstanceOf(ImportFileError);
  });
  it('a missing file and an empty file', async () => {
    await expect(run(path.join(dir, 'nope.csv'))).rejects.toThrow(/不存在/);
    await expect(run(file(''))).rejects.toBeInstanceOf(ImportFileError);
  });
  it('a broken CSV part-way rolls everything back', async () => {
    const text = csvText([{ ...base, case_no: 'A' }]) + 'B,U1,"unterminated\n';
    await expect(run(file(text))).rejects.toBeInstanceOf(ImportFileError);
    expect(await stored('A')).toBeUndefined();
  });
});

describe('XLSX', () => {
  it('first sheet, Excel date cells, numeric IDs rejected, sheet row numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('办件');
    ws.addRow(['办件编号', '部门编码', '事项编码', '申请人证件号码', '受理时间', '承诺时限', '办结时间', '办理结果', '评价']);
    ws.addRow(['X1', 'U1', 'I1', '11010519491231002X', new Date(Date.UTC(2026, 2, 2, 9, 30)), 5, new Date(Date.UTC(2026, 2, 5)), '通过', 4]);
    ws.addRow(['X2', 'U1', 'I1', 110101199003074477, new Date(Date.UTC(2026, 2, 2)), 5, null, '办理中', null]);
    ws.addRow([12345, 'U1', 'I1', '91350100M000100Y43', '2026/3/3 8:00', 0, '2026-03-03 17:00', '退回', '满意']);
    ws.getColumn(5).numFmt = 'yyyy-mm-dd hh:mm';
    ws.getColumn(7).numFmt = 'yyyy-mm-dd';
    wb.addWorksheet('other').addRow(['ignored']);
    const p = path.join(dir, 'cases.xlsx');
    await wb.xlsx.writeFile(p);
    const r = await run(p);
    expect(r).toMatchObject({ imported: 2, rejected: 1 });
    expect(r.errors).toEqual([{ line: 3, field: 'applicant_id', reason: expect.stringMatching(/数字/) }]);
    expect(await stored('X1')).toMatchObject({ accepted_at: '2026-03-02 09:30', finished_on: '2026-03-05', rating: 4 });
    expect(await stored('12345')).toMatchObject({ result: 'returned', promised_days: 0, rating: 4 });
  });
});

describe('progress', () => {
  it('reports rows processed', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => ({ ...base, case_no: `P${i}` }));
    const seen: number[] = [];
    await importServiceCases(db, file(csvText(rows)), { progressEvery: 10, onProgress: (p) => seen.push(p.rows) });
    expect(seen).toEqual([10, 20, 25]);
  });
});

describe('other layouts', () => {
  it('tab- and semicolon-separated exports', async () => {
    const tsv = csvText([{ ...base, case_no: 'T1' }]).replace(/,/g, '\t');
    expect(await run(file(tsv, 'txt'))).toMatchObject({ imported: 1, rejected: 0 });
    const ssv = csvText([{ ...base, case_no: 'S1' }]).replace(/,/g, ';');
    expect(await run(file(ssv))).toMatchObject({ imported: 1, rejected: 0 });
  });
  it('old binary .xls is refused with a clear message', async () => {
    await expect(run(file(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'xls'))).rejects.toThrow(/xls/);
  });
});

describe('sample fixtures', () => {
  it.each(['service-cases.sample.csv', 'service-cases.sample.gb18030.csv'])('%s', async (name) => {
    const r = await run(path.join(import.meta.dirname, '../fixtures', name));
    expect(r).toEqual({
      imported: 4,
      updated: 0,
      unchanged: 0,
      rejected: 4,
      errors: [
        { line: 6, field: 'applicant_id', reason: '身份证号码校验位错误' },
        { line: 7, field: 'rating', reason: expect.stringContaining('7') },
        { line: 8, field: 'finished_at', reason: '办结时间早于受理时间' },
        { line: 9, field: 'result', reason: '办理结果为办理中，但已填写办结时间' },
      ],
      duplicates: 1,
      unknownUnits: 0,
      notices: [{ kind: 'duplicate', line: 2, field: 'case_no', lines: [2, 10], reason: expect.stringContaining('已按第 10 行导入') }],
    });
    expect(await stored('BJ2026030001')).toMatchObject({ rating: 4 });
    expect(await stored('BJ2026030003')).toMatchObject({ unit_code: 'ZRZYJ', applicant_id: '110101199003074477', accepted_on: '2026-03-03', result: 'pending' });
  });
});

describe('the whole cleaning report (issue #15)', () => {
  it('自然人/法人 are the applicant types individual/enterprise', async () => {
    const r = await run(file(csvText([{ ...base, case_no: 'N1', applicant_type: '自然人' }, { ...base, case_no: 'N2', applicant_type: ' 法人 ' }])));
    expect(r).toMatchObject({ imported: 2, rejected: 0 });
    expect(await stored('N1')).toMatchObject({ applicant_type: 'individual' });
    expect(await stored('N2')).toMatchObject({ applicant_type: 'enterprise' });
  });

  it('a row with three faults reports all three at once, the first failing column first', async () => {
    const r = await run(file(csvText([{ ...base, case_no: 'OK' }, { ...base, case_no: 'F3', applicant_id: '110105194912310021', promised_days: '-1', rating: '7' }])));
    expect(r).toMatchObject({ imported: 1, rejected: 1 });
    expect(r.errors).toEqual([
      {
        line: 3,
        field: 'applicant_id',
        reason: '身份证号码校验位错误',
        otherFaults: [
          { field: 'promised_days', reason: '承诺时限应为大于等于 0 的整数: -1' },
          { field: 'rating', reason: expect.stringContaining('7') },
        ],
      },
    ]);
  });

  it('cross-column rules are reported with the columns’ own faults, and skipped when a column they read is broken', async () => {
    const r = await run(
      file(
        csvText([
          { ...base, case_no: 'X1', channel: '电话', finished_at: '2026-03-01', supplement_count: 'two' }, // finished before accepted
          { ...base, case_no: 'X2', accepted_at: '昨天', finished_at: '2026-03-01', result: '办理中' }, // accepted broken: no date comparison
        ]),
      ),
    );
    expect(r.errors).toEqual([
      {
        line: 2,
        field: 'channel',
        reason: expect.stringMatching(/无效/),
        otherFaults: [
          { field: 'finished_at', reason: '办结时间早于受理时间' },
          { field: 'supplement_count', reason: expect.stringMatching(/整数/) },
        ],
      },
      { line: 3, field: 'accepted_at', reason: expect.stringMatching(/格式/), otherFaults: [{ field: 'result', reason: '办理结果为办理中，但已填写办结时间' }] },
    ]);
  });

  it('the same case_no on three lines: the last one is stored, the first reported naming all three', async () => {
    const r = await run(
      file(
        csvText([
          { ...base, case_no: 'R1', rating: '1' },
          { ...base, case_no: 'R1', rating: '2' },
          { ...base, case_no: 'OTHER' },
          { ...base, case_no: 'R1', rating: '3' },
        ]),
      ),
    );
    expect(r).toMatchObject({ imported: 2, rejected: 0, duplicates: 1 });
    expect(r.notices).toEqual([{ kind: 'duplicate', line: 2, field: 'case_no', lines: [2, 3, 5], reason: '办件编号 R1 在文件中出现 3 次（第 2、3、5 行），已按第 5 行导入' }]);
    expect(await stored('R1')).toMatchObject({ rating: 3 });
  });

  it('a unit code outside the unit directory is reported with its code, on accepted and rejected rows', async () => {
    const r = await run(file(csvText([{ ...base, case_no: 'K1' }, { ...base, case_no: 'K2', unit_code: 'NOPE' }, { ...base, case_no: 'K3', unit_code: 'ＮＯＰＥ2', rating: '9' }])));
    expect(r).toMatchObject({ imported: 2, rejected: 1, unknownUnits: 2 });
    expect(r.notices).toEqual([
      { kind: 'unknown_unit', line: 3, field: 'unit_code', reason: expect.stringContaining('部门编码 NOPE 不在单位目录中') },
      { kind: 'unknown_unit', line: 4, field: 'unit_code', reason: expect.stringContaining('部门编码 NOPE2 不在单位目录中') },
    ]);
    // not a rejection: datasets.md rejects on format only, and the warning still names the code
    expect(await stored('K2')).toMatchObject({ unit_code: 'NOPE' });
  });

  it('the CLI keeps stdout to the datasets.md shape and says the rest of the report on stderr', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const f = file(csvText([{ ...base, case_no: 'L1' }, { ...base, case_no: 'L1', unit_code: 'NOPE' }, { ...base, case_no: 'L2', promised_days: 'x', rating: '9' }]));
    expect(await runAlertsCli(db, ['import', 'service-cases', f], { out: (t) => out.push(t), err: (t) => err.push(t) })).toBe(0);
    expect(JSON.parse(out.join(''))).toEqual({ imported: 1, updated: 0, unchanged: 0, rejected: 1, errors: [{ line: 4, field: 'promised_days', reason: '承诺时限应为大于等于 0 的整数: x' }] });
    const said = err.join('');
    expect(said).toContain('第 4 行另有 rating: 评价应为');
    expect(said).toContain('提示：第 2 行 case_no: 办件编号 L1 在文件中出现 2 次（第 2、3 行），已按第 3 行导入');
    expect(said).toContain('提示：第 3 行 unit_code: 部门编码 NOPE 不在单位目录中');
  });
});
