// Import of the `service-cases` data set (办件), exactly as datasets.md says: streaming read, cleaning, one error per
// rejected row, accepted rows staged (COPY on PostgreSQL, batched INSERTs on PGlite) and upserted set-based in one
// transaction. A later row with the same case_no replaces an earlier one within the file.
import { from as copyFrom } from 'pg-copy-streams';
import { type EngineDb, type TxSession, withTransaction } from '../sql';
import {
  APPLICANT_TYPES,
  CHANNELS,
  RATINGS,
  RESULT_VALUES,
  checkApplicantId,
  cleanText,
  digitsLettersToHalfWidth,
  finishedBeforeAccepted,
  fromExcelDate,
  lookup,
  parseDateTime,
  parseNonNegativeInt,
  type ParsedDateTime,
  trimAll,
} from './clean';
import { type Cell, ImportFileError, type RawRow, readTable } from './read';

export { ImportFileError };

export type FieldName =
  | 'case_no'
  | 'unit_code'
  | 'unit_name'
  | 'item_code'
  | 'item_name'
  | 'applicant_id'
  | 'applicant_type'
  | 'channel'
  | 'accepted_at'
  | 'promised_days'
  | 'finished_at'
  | 'result'
  | 'supplement_count'
  | 'rating';

/** Canonical order (the order in which a row's fields are checked). */
export const SERVICE_CASE_COLUMNS: { field: FieldName; zh: string; required: boolean }[] = [
  { field: 'case_no', zh: '办件编号', required: true },
  { field: 'unit_code', zh: '部门编码', required: true },
  { field: 'unit_name', zh: '部门名称', required: false },
  { field: 'item_code', zh: '事项编码', required: true },
  { field: 'item_name', zh: '事项名称', required: false },
  { field: 'applicant_id', zh: '申请人证件号码', required: true },
  { field: 'applicant_type', zh: '申请人类型', required: false },
  { field: 'channel', zh: '办理渠道', required: false },
  { field: 'accepted_at', zh: '受理时间', required: true },
  { field: 'promised_days', zh: '承诺时限', required: true },
  { field: 'finished_at', zh: '办结时间', required: false },
  { field: 'result', zh: '办理结果', required: true },
  { field: 'supplement_count', zh: '补正次数', required: false },
  { field: 'rating', zh: '评价', required: false },
];

export type ImportError = { line: number; field: string; reason: string };
export type ImportResult = { imported: number; updated: number; unchanged: number; rejected: number; errors: ImportError[] };
export type ImportProgress = { rows: number; accepted: number; rejected: number; done: boolean };

/** A cleaned, accepted row as staged. */
export type StagedCase = {
  line: number;
  case_no: string;
  unit_code: string;
  unit_name: string | null;
  item_code: string;
  item_name: string | null;
  applicant_id: string;
  applicant_type: string | null;
  channel: string | null;
  accepted_at: string;
  accepted_on: string;
  promised_days: number;
  finished_at: string | null;
  finished_on: string | null;
  result: string;
  supplement_count: number | null;
  rating: number | null;
};

const STAGE_COLUMNS = [
  'line',
  'case_no',
  'unit_code',
  'unit_name',
  'item_code',
  'item_name',
  'applicant_id',
  'applicant_type',
  'channel',
  'accepted_at',
  'accepted_on',
  'promised_days',
  'finished_at',
  'finished_on',
  'result',
  'supplement_count',
  'rating',
] as const;
const STAGE_TYPES: Record<(typeof STAGE_COLUMNS)[number], string> = {
  line: 'int',
  case_no: 'text',
  unit_code: 'text',
  unit_name: 'text',
  item_code: 'text',
  item_name: 'text',
  applicant_id: 'text',
  applicant_type: 'text',
  channel: 'text',
  accepted_at: 'timestamptz(3)',
  accepted_on: 'date',
  promised_days: 'int',
  finished_at: 'timestamptz(3)',
  finished_on: 'date',
  result: 'text',
  supplement_count: 'int',
  rating: 'int',
};

function normalizeHeader(h: Cell): string {
  if (h === null) return '';
  return cleanText(String(h)).toLowerCase().replace(/\s+/g, '_');
}

const HEADER_LOOKUP = new Map<string, FieldName>();
for (const c of SERVICE_CASE_COLUMNS) {
  HEADER_LOOKUP.set(c.field, c.field);
  HEADER_LOOKUP.set(c.zh, c.field);
}

/** Maps header cells to fields; throws ImportFileError when a required column is missing. */
export function mapHeader(cells: Cell[]): Map<FieldName, number> {
  const map = new Map<FieldName, number>();
  cells.forEach((cell, i) => {
    const f = HEADER_LOOKUP.get(normalizeHeader(cell));
    if (f && !map.has(f)) map.set(f, i);
  });
  const missing = SERVICE_CASE_COLUMNS.filter((c) => c.required && !map.has(c.field));
  if (missing.length) {
    throw new ImportFileError(`缺少必需的列: ${missing.map((c) => `${c.field}（${c.zh}）`).join('、')}`);
  }
  return map;
}

type Rejection = { field: FieldName; reason: string };
class Reject {
  constructor(
    readonly field: FieldName,
    readonly reason: string,
  ) {}
}

function excelSerialToDate(n: number): Date | null {
  if (!(n > 0 && n < 2958466)) return null;
  return new Date(Math.round((n - 25569) * 86400_000));
}

/** Access to one row's cells by field, with the cleaning rules (a class: no per-row closures). */
class RowFields {
  constructor(
    readonly header: Map<FieldName, number>,
    readonly row: RawRow,
  ) {}
  raw(f: FieldName): Cell {
    const i = this.header.get(f);
    return i === undefined ? null : (this.row.cells[i] ?? null);
  }
  text(f: FieldName): string {
    const v = this.raw(f);
    if (v === null) return '';
    if (v instanceof Date) throw new Reject(f, '格式错误（不应为日期）');
    if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
    return f === 'unit_name' || f === 'item_name' ? trimAll(digitsLettersToHalfWidth(v)) : cleanText(v);
  }
  required(f: FieldName): string {
    const t = this.text(f);
    if (!t) throw new Reject(f, '必填字段为空');
    return t;
  }
  dateTime(f: FieldName, isRequired: boolean): ParsedDateTime | null {
    const v = this.raw(f);
    if (v instanceof Date) {
      const p = fromExcelDate(v);
      if (!p) throw new Reject(f, '日期无效');
      return p;
    }
    if (typeof v === 'number') {
      const d = excelSerialToDate(v);
      const p = d && fromExcelDate(d);
      if (!p) throw new Reject(f, `日期时间格式无法识别: ${v}`);
      return p;
    }
    const t = isRequired ? this.required(f) : this.text(f);
    if (!t) return null;
    const p = parseDateTime(t);
    if (!p) throw new Reject(f, `日期时间格式无法识别: ${t}`);
    return p;
  }
  optionalEnum<T>(f: FieldName, table: Record<string, T>, allowed: string): T | null {
    const t = this.text(f);
    if (!t) return null;
    const v = lookup(table, t);
    if (v === undefined) throw new Reject(f, `取值无效: ${t}（应为 ${allowed}）`);
    return v;
  }
}

/** Validates and cleans one data row. Returns the staged row or the first failing field. */
export function validateRow(header: Map<FieldName, number>, row: RawRow): StagedCase | Rejection {
  const r = new RowFields(header, row);
  try {
    const case_no = r.required('case_no');
    const unit_code = r.required('unit_code');
    const unit_name = r.text('unit_name') || null;
    const item_code = r.required('item_code');
    const item_name = r.text('item_name') || null;
    if (typeof r.raw('applicant_id') === 'number') {
      throw new Reject('applicant_id', '证件号码以数字形式存储，已丢失位数（请将该列设为文本格式）');
    }
    const idCheck = checkApplicantId(r.required('applicant_id'));
    if (!idCheck.ok) throw new Reject('applicant_id', idCheck.reason);
    const applicant_type = r.optionalEnum('applicant_type', APPLICANT_TYPES, 'enterprise/individual 或 企业/个人');
    const channel = r.optionalEnum('channel', CHANNELS, 'window/online 或 窗口/网办');
    const accepted = r.dateTime('accepted_at', true)!;
    const pdText = r.required('promised_days');
    const promised_days = parseNonNegativeInt(pdText);
    if (promised_days === null) throw new Reject('promised_days', `承诺时限应为大于等于 0 的整数: ${pdText}`);
    const finished = r.dateTime('finished_at', false);
    if (finished && finishedBeforeAccepted(accepted, finished)) throw new Reject('finished_at', '办结时间早于受理时间');
    const resultText = r.required('result');
    const result = lookup(RESULT_VALUES, resultText);
    if (!result) throw new Reject('result', `办理结果无效: ${resultText}（应为 approved/rejected/returned/pending 或 通过/不予许可/退回/办理中）`);
    if (result === 'pending' && finished) throw new Reject('result', '办理结果为办理中，但已填写办结时间');
    if (result !== 'pending' && !finished) throw new Reject('result', `办理结果为${resultText}，但办结时间为空`);
    let supplement_count: number | null = header.has('supplement_count') ? 0 : null;
    const scText = r.text('supplement_count');
    if (scText) {
      supplement_count = parseNonNegativeInt(scText);
      if (supplement_count === null) throw new Reject('supplement_count', `补正次数应为大于等于 0 的整数: ${scText}`);
    }
    let rating: number | null = null;
    const rText = r.text('rating');
    if (rText) {
      const v = lookup(RATINGS, rText.replace(/\.0+$/, ''));
      if (v === undefined) throw new Reject('rating', `评价应为 1-5 或 非常满意/满意/基本满意/不满意/非常不满意: ${rText}`);
      rating = v;
    }
    return {
      line: row.line,
      case_no,
      unit_code,
      unit_name,
      item_code,
      item_name,
      applicant_id: idCheck.value,
      applicant_type,
      channel,
      accepted_at: accepted.instant.toISOString(),
      accepted_on: accepted.date,
      promised_days,
      finished_at: finished ? finished.instant.toISOString() : null,
      finished_on: finished ? finished.date : null,
      result,
      supplement_count,
      rating,
    };
  } catch (err) {
    if (err instanceof Reject) return { field: err.field, reason: err.reason };
    throw err;
  }
}

// ---- staging -----------------------------------------------------------------------------------------------------

const STAGE_TABLE = 'svc_case_stage';

function csvField(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  return `"${v.replace(/"/g, '""')}"`;
}

interface Stager {
  add(row: StagedCase): Promise<void>;
  finish(): Promise<void>;
  /** Ends a COPY in progress with CopyFail, so the session can roll back. */
  abort(err: Error): Promise<void>;
}

async function createStager(s: TxSession): Promise<Stager> {
  await s.sql.query(
    `CREATE TEMP TABLE ${STAGE_TABLE} (${STAGE_COLUMNS.map((c) => `${c} ${STAGE_TYPES[c]}`).join(', ')}) ON COMMIT DROP`,
  );
  if (s.kind === 'postgres') {
    const copy = s.client.query(copyFrom(`COPY ${STAGE_TABLE} (${STAGE_COLUMNS.join(', ')}) FROM STDIN WITH (FORMAT csv)`));
    let failed: Error | undefined;
    const finished = new Promise<void>((resolve, reject) => {
      copy.on('finish', () => resolve());
      copy.on('error', (e: Error) => {
        failed = e;
        reject(e);
      });
    });
    finished.catch(() => {});
    let buffer: string[] = [];
    const flush = async () => {
      if (failed) throw failed;
      if (!buffer.length) return;
      const chunk = buffer.join('');
      buffer = [];
      if (!copy.write(chunk)) await new Promise<void>((r) => { copy.once('drain', r); copy.once('error', () => r()); });
      if (failed) throw failed;
    };
    return {
      async add(row) {
        buffer.push(STAGE_COLUMNS.map((c) => csvField(row[c])).join(',') + '\n');
        if (buffer.length >= 2000) await flush();
      },
      async finish() {
        await flush();
        copy.end();
        await finished;
      },
      async abort(err) {
        if (failed) return;
        copy.destroy(err);
        await finished.catch(() => {});
      },
    };
  }
  let batch: StagedCase[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const params = STAGE_COLUMNS.map((c) => batch.map((r) => r[c]));
    batch = [];
    await s.sql.query(
      `INSERT INTO ${STAGE_TABLE} (${STAGE_COLUMNS.join(', ')}) SELECT * FROM unnest(${STAGE_COLUMNS.map(
        (c, i) => `$${i + 1}::${STAGE_TYPES[c].replace('(3)', '')}[]`,
      ).join(', ')})`,
      params,
    );
  };
  return {
    async add(row) {
      batch.push(row);
      if (batch.length >= 5000) await flush();
    },
    finish: flush,
    abort: async () => {},
  };
}

/** Columns of service_case written from the staged row, by the file column that supplies them. */
const STORED_BY_FIELD: Record<FieldName, string[]> = {
  case_no: ['case_no'],
  unit_code: ['unit_code'],
  unit_name: ['unit_name'],
  item_code: ['item_code'],
  item_name: ['item_name'],
  applicant_id: ['applicant_id'],
  applicant_type: ['applicant_type'],
  channel: ['channel'],
  accepted_at: ['accepted_at', 'accepted_on'],
  promised_days: ['promised_days'],
  finished_at: ['finished_at', 'finished_on'],
  result: ['result'],
  supplement_count: ['supplement_count'],
  rating: ['rating'],
};

/** The set-based upsert; `present` = the file's columns (missing optional columns keep stored values on update). */
export function upsertSql(present: Iterable<FieldName>): string {
  const all = SERVICE_CASE_COLUMNS.flatMap((c) => STORED_BY_FIELD[c.field]);
  const set = [...present].flatMap((f) => STORED_BY_FIELD[f]).filter((c) => c !== 'case_no');
  const staged = (c: string) => (c === 'supplement_count' ? 'coalesce(s.supplement_count, 0)' : `s.${c}`);
  // rows identical to the stored case are left out before the upsert: ON CONFLICT DO UPDATE … WHERE locks (writes
  // xmax into) every conflicting row even when its WHERE is false, so a re-import would rewrite every page it touches
  return `WITH s AS (SELECT DISTINCT ON (case_no) * FROM ${STAGE_TABLE} ORDER BY case_no, line DESC),
up AS (
  INSERT INTO service_case AS c (${all.join(', ')})
  SELECT ${all.map(staged).join(', ')} FROM s
   WHERE NOT EXISTS (SELECT 1 FROM service_case o WHERE o.case_no = s.case_no
                       AND (${set.map((c) => `o.${c}`).join(', ')}) IS NOT DISTINCT FROM (${set.map(staged).join(', ')}))
  ON CONFLICT (case_no) DO UPDATE SET ${set.map((c) => `${c} = excluded.${c}`).join(', ')}, updated_at = now()
  WHERE (${set.map((c) => `c.${c}`).join(', ')}) IS DISTINCT FROM (${set.map((c) => `excluded.${c}`).join(', ')})
  RETURNING (xmax = 0) AS inserted)
SELECT (SELECT count(*) FROM s)::int AS total,
       (count(*) FILTER (WHERE inserted))::int AS imported,
       (count(*) FILTER (WHERE NOT inserted))::int AS updated
  FROM up`;
}

export type ImportTimings = { readValidateStageMs: number; upsertMs: number };
export type ImportOptions = {
  onProgress?: (p: ImportProgress) => void;
  progressEvery?: number;
  /** where the time went (benchmarks) */
  onTimings?: (t: ImportTimings) => void;
  /** called inside the import's transaction once the rows are in (the import history row commits with them) */
  record?: ImportRecorder;
};

/** What an import hands its recorder: rows read and accepted, and the result. */
export type ImportSummary = { rows: number; accepted: number; result: ImportResult };
export type ImportRecorder = (sql: TxSession['sql'], summary: ImportSummary) => Promise<void>;

/** Imports a CSV/XLSX file of service cases. Throws ImportFileError (nothing stored) when the file cannot be read. */
export async function importServiceCases(db: EngineDb, file: string, opts: ImportOptions = {}): Promise<ImportResult> {
  const every = opts.progressEvery ?? 10_000;
  const rows = readTable(file);
  const first = await rows.next();
  if (first.done) throw new ImportFileError('文件为空，缺少表头行');
  const header = mapHeader(first.value.cells);

  return withTransaction(db, async (s) => {
    const t0 = performance.now();
    // the dedupe sort of the staged rows stays in memory (the default 4 MB spills to disk at ~30 k rows)
    await s.sql.query(`SET LOCAL work_mem = '64MB'`);
    const stager = await createStager(s);
    const errors: ImportError[] = [];
    let processed = 0;
    let accepted = 0;
    try {
      for await (const row of rows) {
        const v = validateRow(header, row);
        if ('reason' in v) errors.push({ line: row.line, field: v.field, reason: v.reason });
        else {
          accepted++;
          await stager.add(v);
        }
        processed++;
        if (opts.onProgress && processed % every === 0) opts.onProgress({ rows: processed, accepted, rejected: errors.length, done: false });
      }
      await stager.finish();
    } catch (err) {
      await stager.abort(err as Error);
      throw err;
    }
    const t1 = performance.now();
    const [r] = await s.sql.query<{ total: number; imported: number; updated: number }>(upsertSql(header.keys()));
    opts.onTimings?.({ readValidateStageMs: t1 - t0, upsertMs: performance.now() - t1 });
    opts.onProgress?.({ rows: processed, accepted, rejected: errors.length, done: true });
    const result = {
      imported: r.imported,
      updated: r.updated,
      unchanged: r.total - r.imported - r.updated,
      rejected: errors.length,
      errors,
    };
    await opts.record?.(s.sql, { rows: processed, accepted, result });
    return result;
  });
}
