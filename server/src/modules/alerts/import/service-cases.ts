// Import of the `service-cases` data set (办件), exactly as datasets.md says: streaming read, cleaning, one error per
// rejected row, accepted rows staged (COPY on PostgreSQL, batched INSERTs on PGlite) and upserted set-based in one
// transaction. A later row with the same case_no replaces an earlier one within the file.
// On a Citus cluster the staging table is distributed by item_code beside service_case (docs/scaling.md, "Citus"), so
// the upsert runs shard by shard; a case number is global there only through the import itself (see settleOnCitus).
import { randomBytes } from 'node:crypto';
import { from as copyFrom } from 'pg-copy-streams';
import { type EngineDb, type TxSession, withTransaction } from '../sql';
import { IMPORT_NOTICE_LIMIT, type ImportNoticeKind } from '@msjd/shared/alerts';
import {
  checkApplicantId,
  cleanText,
  digitsLettersToHalfWidth,
  fromExcelDate,
  lookup,
  parseDateTime,
  parseNonNegativeInt,
  type ParsedDateTime,
  trimAll,
} from './clean';
import { type Cell, ImportFileError, type RawRow, readTable } from './read';
import { type FieldName, type FieldRule, SERVICE_CASE_CROSS_RULES, SERVICE_CASE_RULES, unknownUnitReason } from './rules';

export { ImportFileError };

export type { FieldName };

/** Canonical order (the order in which a row's fields are checked). */
export const SERVICE_CASE_COLUMNS: { field: FieldName; zh: string; required: boolean }[] = SERVICE_CASE_RULES.map(({ field, zh, required }) => ({ field, zh, required }));

export type ImportFault = { field: string; reason: string };
/** One per rejected row: the first failing column, and the row's other faults when it has more. */
export type ImportError = { line: number; field: string; reason: string; otherFaults?: ImportFault[] };
export type ImportNotice = { kind: ImportNoticeKind; line: number; field: string; reason: string; lines?: number[] };
export type ImportResult = {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: ImportError[];
  duplicates: number;
  unknownUnits: number;
  notices: ImportNotice[];
};
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

type Fault = { field: FieldName; reason: string };
export type Rejection = { field: FieldName; reason: string; otherFaults?: Fault[]; unknownUnit?: string };

function excelSerialToDate(n: number): Date | null {
  if (!(n > 0 && n < 2958466)) return null;
  return new Date(Math.round((n - 25569) * 86400_000));
}

const FIELD_ORDER = new Map(SERVICE_CASE_RULES.map((r, i) => [r.field, i]));
/** a column that failed its own check (so the cross-column rules reading it are not tried) */
const FAILED = Symbol('failed');
type Checked = string | number | ParsedDateTime | null | typeof FAILED;

/** One row checked against SERVICE_CASE_RULES, collecting every fault (a class: no per-row closures). */
class RowCheck {
  faults: Fault[] | null = null;
  constructor(
    readonly header: Map<FieldName, number>,
    readonly row: RawRow,
  ) {}
  fail(field: FieldName, reason: string): typeof FAILED {
    (this.faults ??= []).push({ field, reason });
    return FAILED;
  }
  raw(f: FieldName): Cell {
    const i = this.header.get(f);
    return i === undefined ? null : (this.row.cells[i] ?? null);
  }
  /** The cell as cleaned text ('' when empty), or FAILED. */
  text(rule: FieldRule): string | typeof FAILED {
    const v = this.raw(rule.field);
    if (v === null) return '';
    if (v instanceof Date) return this.fail(rule.field, '格式错误（不应为日期）');
    if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
    return rule.check.kind === 'name' ? trimAll(digitsLettersToHalfWidth(v)) : cleanText(v);
  }
  /** The cleaned value of a column by its rule; null when empty and optional. */
  value(rule: FieldRule): Checked {
    const { field, check } = rule;
    const raw = this.raw(field);
    if (check.kind === 'datetime' && raw !== null && typeof raw !== 'string') {
      const p = raw instanceof Date ? fromExcelDate(raw) : typeof raw === 'number' ? fromExcelDate(excelSerialToDate(raw) ?? new Date(NaN)) : null;
      return p ?? this.fail(field, raw instanceof Date ? '日期无效' : `日期时间格式无法识别: ${String(raw)}`);
    }
    if (check.kind === 'applicant_id' && typeof raw === 'number') {
      return this.fail(field, '证件号码以数字形式存储，已丢失位数（请将该列设为文本格式）');
    }
    const t = this.text(rule);
    if (t === FAILED) return t;
    if (!t) return rule.required ? this.fail(field, '必填字段为空') : null;
    switch (check.kind) {
      case 'code':
      case 'name':
        return t;
      case 'applicant_id': {
        const id = checkApplicantId(t);
        return id.ok ? id.value : this.fail(field, id.reason);
      }
      case 'datetime':
        return parseDateTime(t) ?? this.fail(field, `日期时间格式无法识别: ${t}`);
      case 'count':
        return parseNonNegativeInt(t) ?? this.fail(field, `${check.reason}: ${t}`);
      case 'enum':
        return lookup(check.values, t) ?? this.fail(field, `${rule.zh}无效: ${t}（应为 ${check.allowed}）`);
      case 'rating':
        return lookup(check.values, t.replace(/\.0+$/, '')) ?? this.fail(field, `评价应为 ${check.allowed}: ${t}`);
    }
  }
}

/**
 * Validates and cleans one data row by SERVICE_CASE_RULES. Returns the staged row, or the rejection naming the first
 * failing column (datasets.md) with every other fault of the row. `units`, when given, is the unit directory's codes:
 * a unit code outside it is flagged (`unknownUnit`), not rejected.
 */
export function validateRow(header: Map<FieldName, number>, row: RawRow, units?: ReadonlySet<string>): (StagedCase & { unknownUnit?: string }) | Rejection {
  const c = new RowCheck(header, row);
  const v = {} as Record<FieldName, Checked>;
  for (const rule of SERVICE_CASE_RULES) v[rule.field] = c.value(rule);
  for (const rule of SERVICE_CASE_CROSS_RULES) {
    if (rule.reads.some((f) => v[f] === FAILED)) continue;
    const reason = rule.broken({
      accepted_at: v.accepted_at as ParsedDateTime,
      finished_at: v.finished_at as ParsedDateTime | null,
      result: v.result as string,
      resultText: c.text(SERVICE_CASE_RULES[FIELD_ORDER.get('result')!]) as string,
    });
    if (reason) c.fail(rule.field, reason);
  }
  const unitCode = v.unit_code;
  const unknownUnit = units && typeof unitCode === 'string' && !units.has(unitCode) ? unitCode : undefined;
  if (c.faults) {
    // stable: a cross-column fault follows its column's own fault
    const [first, ...others] = c.faults.sort((a, b) => FIELD_ORDER.get(a.field)! - FIELD_ORDER.get(b.field)!);
    const rejection: Rejection = { field: first.field, reason: first.reason };
    if (others.length) rejection.otherFaults = others;
    if (unknownUnit !== undefined) rejection.unknownUnit = unknownUnit;
    return rejection;
  }
  const accepted = v.accepted_at as ParsedDateTime;
  const finished = v.finished_at as ParsedDateTime | null;
  const staged: StagedCase & { unknownUnit?: string } = {
    line: row.line,
    case_no: v.case_no as string,
    unit_code: v.unit_code as string,
    unit_name: (v.unit_name as string | null) || null,
    item_code: v.item_code as string,
    item_name: (v.item_name as string | null) || null,
    applicant_id: v.applicant_id as string,
    applicant_type: v.applicant_type as string | null,
    channel: v.channel as string | null,
    accepted_at: accepted.instant.toISOString(),
    accepted_on: accepted.date,
    promised_days: v.promised_days as number,
    finished_at: finished ? finished.instant.toISOString() : null,
    finished_on: finished ? finished.date : null,
    result: v.result as string,
    supplement_count: (v.supplement_count as number | null) ?? (header.has('supplement_count') ? 0 : null),
    rating: v.rating as number | null,
  };
  if (unknownUnit !== undefined) staged.unknownUnit = unknownUnit;
  return staged;
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

/**
 * The staging table: a temp table on one node and PGlite; on Citus an unlogged table distributed by item_code and
 * co-located with service_case (a temp table lives on the coordinator only, so the upsert would pull every row through
 * it). The distributed one is created and dropped inside the import's transaction, so a failed import leaves nothing.
 */
async function createStager(s: TxSession, table: string, distributed: boolean): Promise<Stager> {
  const columns = STAGE_COLUMNS.map((c) => `${c} ${STAGE_TYPES[c]}`).join(', ');
  if (distributed) {
    await s.sql.query(`CREATE UNLOGGED TABLE ${table} (${columns})`);
    await s.sql.query(`SELECT create_distributed_table('${table}', 'item_code', colocate_with => 'service_case')`);
  } else {
    await s.sql.query(`CREATE TEMP TABLE ${table} (${columns}) ON COMMIT DROP`);
  }
  if (s.kind === 'postgres') {
    const copy = s.client.query(copyFrom(`COPY ${table} (${STAGE_COLUMNS.join(', ')}) FROM STDIN WITH (FORMAT csv)`));
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
      `INSERT INTO ${table} (${STAGE_COLUMNS.join(', ')}) SELECT * FROM unnest(${STAGE_COLUMNS.map(
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

/**
 * The set-based upsert; `present` = the file's columns (missing optional columns keep stored values on update).
 * $1 = the import's time (a parameter: Citus refuses now() in ON CONFLICT … DO UPDATE). `key`: the unique key the
 * upsert lands on — case_no on one node (a case moved to another item is updated in place), (item_code, case_no) on
 * Citus, where only keys holding the distribution column exist (docs/scaling.md).
 */
export function upsertSql(present: Iterable<FieldName>, key: 'case_no' | 'item_code, case_no' = 'case_no', stage = STAGE_TABLE): string {
  const all = SERVICE_CASE_COLUMNS.flatMap((c) => STORED_BY_FIELD[c.field]);
  const set = [...present].flatMap((f) => STORED_BY_FIELD[f]).filter((c) => c !== 'case_no');
  const staged = (c: string) => (c === 'supplement_count' ? 'coalesce(s.supplement_count, 0)' : `s.${c}`);
  // rows identical to the stored case are left out before the upsert: ON CONFLICT DO UPDATE … WHERE locks (writes
  // xmax into) every conflicting row even when its WHERE is false, so a re-import would rewrite every page it touches.
  // An anti-join on the full key, not a correlated NOT EXISTS (Citus plans none against a distributed table): a row
  // matching no stored case of the same item and number, or differing from it, goes on to the upsert
  // on Citus the staged rows are already one per case number (settleOnCitus) and the stage is read as it is: a CTE read
  // twice is materialised on the coordinator there, which pulled every staged row through it (3.7 s of a 4 s
  // re-import upsert at 200 k rows), and a DISTINCT ON (case_no) could not run shard by shard
  const source = key === 'case_no' ? `(SELECT DISTINCT ON (case_no) * FROM ${stage} ORDER BY case_no, line DESC)` : stage;
  return `WITH s AS ${key === 'case_no' ? '' : 'NOT '}MATERIALIZED (SELECT * FROM ${source} x),
up AS (
  INSERT INTO service_case AS c (${all.join(', ')})
  SELECT ${all.map(staged).join(', ')} FROM s
    LEFT JOIN service_case o ON o.item_code = s.item_code AND o.case_no = s.case_no
   WHERE o.case_no IS NULL
      OR (${set.map((c) => `o.${c}`).join(', ')}) IS DISTINCT FROM (${set.map(staged).join(', ')})
  ON CONFLICT (${key}) DO UPDATE SET ${set.map((c) => `${c} = excluded.${c}`).join(', ')}, updated_at = $1::timestamptz
  WHERE (${set.map((c) => `c.${c}`).join(', ')}) IS DISTINCT FROM (${set.map((c) => `excluded.${c}`).join(', ')})
  RETURNING (xmax = 0) AS inserted)
SELECT (SELECT count(*) FROM s)::int AS total,
       (count(*) FILTER (WHERE inserted))::int AS imported,
       (count(*) FILTER (WHERE NOT inserted))::int AS updated
  FROM up`;
}

// ---- the report beyond rejections ------------------------------------------------------------------------------

export function importError(line: number, v: { field: string; reason: string; otherFaults?: ImportFault[] }): ImportError {
  return v.otherFaults ? { line, field: v.field, reason: v.reason, otherFaults: v.otherFaults } : { line, field: v.field, reason: v.reason };
}

/** Rows whose unit code is not in the directory: all counted, the first IMPORT_NOTICE_LIMIT kept. */
class UnknownUnits {
  count = 0;
  notices: ImportNotice[] = [];
  add(line: number, code: string) {
    this.count++;
    if (this.notices.length < IMPORT_NOTICE_LIMIT) this.notices.push({ kind: 'unknown_unit', line, field: 'unit_code', reason: unknownUnitReason(code) });
  }
}

/**
 * Keys staged on more than one line, from the staging table (set-based: no per-row memory for a key map). One notice
 * per key on its first line, naming every line; the last line is what was stored (datasets.md: a later row replaces an
 * earlier one). `table` and `keyColumn` are the callers' constants, never input.
 */
export async function duplicateKeys(
  sql: TxSession['sql'],
  table: string,
  keyColumn: string,
  key: { field: string; label: string },
): Promise<{ total: number; notices: ImportNotice[] }> {
  const rows = await sql.query<{ key: string; lines: string; total: number }>(
    `WITH d AS (SELECT ${keyColumn} AS key FROM ${table} GROUP BY ${keyColumn} HAVING count(*) > 1)
     SELECT t.${keyColumn} AS key, string_agg(t.line::text, ',' ORDER BY t.line) AS lines, (SELECT count(*) FROM d)::int AS total
       FROM ${table} t JOIN d ON d.key = t.${keyColumn}
      GROUP BY t.${keyColumn} ORDER BY min(t.line) LIMIT ${IMPORT_NOTICE_LIMIT}`,
  );
  const notices = rows.map((r) => duplicateNotice(r.key, r.lines.split(',').map(Number), key));
  return { total: rows[0]?.total ?? 0, notices };
}

/** The notice for a key staged on `lines` (ascending): the last line is what was stored. */
function duplicateNotice(value: string, lines: number[], key: { field: string; label: string }): ImportNotice {
  const last = lines[lines.length - 1];
  return {
    kind: 'duplicate',
    line: lines[0],
    field: key.field,
    reason: `${key.label} ${value} 在文件中出现 ${lines.length} 次（第 ${lines.join('、')} 行），已按第 ${last} 行导入`,
    lines,
  };
}

/**
 * Case numbers seen while streaming, as 32-bit hashes in an open-addressed table (about 16 MB at 2 M rows, where a Set
 * of the strings would take hundreds): a hash seen before makes the case number a candidate duplicate. Candidates are
 * settled exactly in SQL; a hash collision only adds a candidate that turns out to have one line.
 */
export class CaseNumbersSeen {
  private slots = new Uint32Array(1 << 16);
  private used = 0;
  readonly candidates = new Set<string>();
  add(caseNo: string): void {
    let h = 0x811c9dc5;
    for (let i = 0; i < caseNo.length; i++) h = Math.imul(h ^ caseNo.charCodeAt(i), 0x01000193);
    h = h >>> 0 || 1;
    if (this.used * 2 >= this.slots.length) this.grow();
    const mask = this.slots.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const v = this.slots[i];
      if (v === 0) {
        this.slots[i] = h;
        this.used++;
        return;
      }
      if (v === h) {
        this.candidates.add(caseNo);
        return;
      }
    }
  }
  private grow() {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    const mask = this.slots.length - 1;
    for (const h of old) {
      if (!h) continue;
      let i = h & mask;
      while (this.slots[i]) i = (i + 1) & mask;
      this.slots[i] = h;
    }
  }
}

/**
 * On Citus, before the upsert: service_case is keyed by (item_code, case_no) and each shard sees only its items, so what
 * one node gets from its case_no key is done here for the whole file.
 * 1. A case number on several lines (under one item or several): the notices as duplicateKeys gives them, and every
 *    line but the last is removed from the staging table.
 * 2. A case number now under another item than stored (a case moved to another item in a later export): the stored
 *    row under the old item is deleted, so the upsert inserts it under the new one. One node updates it in place and
 *    counts it as updated; `moved` lets the caller count it so too (its imported_at becomes this import's).
 * Only keys new to service_case can be moved cases, so an unchanged re-import ships nothing between nodes.
 */
async function settleOnCitus(
  sql: TxSession['sql'],
  stage: string,
  candidates: Set<string>,
): Promise<{ duplicates: { total: number; notices: ImportNotice[] }; moved: number }> {
  const duplicates = { total: 0, notices: [] as ImportNotice[] };
  if (candidates.size) {
    const rows = await sql.query<{ case_no: string; lines: number[] }>(
      `SELECT case_no, array_agg(line ORDER BY line) AS lines FROM ${stage} WHERE case_no = ANY($1::text[]) GROUP BY case_no HAVING count(*) > 1`,
      [[...candidates]],
    );
    const repeated = rows.map((r) => ({ caseNo: r.case_no, lines: r.lines.map(Number) })).sort((a, b) => a.lines[0] - b.lines[0]);
    duplicates.total = repeated.length;
    duplicates.notices = repeated.slice(0, IMPORT_NOTICE_LIMIT).map((r) => duplicateNotice(r.caseNo, r.lines, { field: 'case_no', label: '办件编号' }));
    const superseded = repeated.flatMap((r) => r.lines.slice(0, -1));
    if (superseded.length) await sql.query(`DELETE FROM ${stage} WHERE line = ANY($1::int[])`, [superseded]);
  }
  // an empty service_case (a first load) has nothing to move
  if (!(await sql.query(`SELECT 1 FROM service_case LIMIT 1`)).length) return { duplicates, moved: 0 };
  // the staged keys not stored yet (a co-located anti-join, shard by shard), then their case numbers under other items:
  // Citus ships the new keys to the workers and each shard hash-joins them
  const stale = await sql.query<{ item_code: string; case_no: string }>(
    `WITH fresh AS MATERIALIZED (
       SELECT s.item_code, s.case_no FROM ${stage} s
         LEFT JOIN service_case o ON o.item_code = s.item_code AND o.case_no = s.case_no
        WHERE o.case_no IS NULL)
     SELECT o.item_code, o.case_no FROM service_case o JOIN fresh f ON f.case_no = o.case_no WHERE o.item_code <> f.item_code`,
  );
  if (!stale.length) return { duplicates, moved: 0 };
  await sql.query(`DELETE FROM service_case WHERE (item_code, case_no) IN (SELECT * FROM unnest($1::text[], $2::text[]))`, [
    stale.map((r) => r.item_code),
    stale.map((r) => r.case_no),
  ]);
  return { duplicates, moved: new Set(stale.map((r) => r.case_no)).size };
}

/** Notices by line, at most IMPORT_NOTICE_LIMIT. */
export function mergeNotices(...lists: ImportNotice[][]): ImportNotice[] {
  return lists
    .flat()
    .sort((a, b) => a.line - b.line)
    .slice(0, IMPORT_NOTICE_LIMIT);
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
    // the unit directory, read once: a row's unit code is checked against this set, never by a query per row
    const units = new Set((await s.sql.query<{ code: string }>(`SELECT code FROM unit`)).map((u) => u.code));
    const citus = s.kind === 'postgres' && (await s.sql.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`)).length > 0;
    // a distributed table is visible to other sessions: each import stages into its own
    const stage = citus ? `${STAGE_TABLE}_${randomBytes(6).toString('hex')}` : STAGE_TABLE;
    const seen = citus ? new CaseNumbersSeen() : null;
    const stager = await createStager(s, stage, citus);
    const errors: ImportError[] = [];
    const unknown = new UnknownUnits();
    let processed = 0;
    let accepted = 0;
    try {
      for await (const row of rows) {
        const v = validateRow(header, row, units);
        if (v.unknownUnit !== undefined) unknown.add(row.line, v.unknownUnit);
        if ('reason' in v) errors.push(importError(row.line, v));
        else {
          accepted++;
          seen?.add(v.case_no);
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
    const settled = seen ? await settleOnCitus(s.sql, stage, seen.candidates) : null;
    const [r] = await s.sql.query<{ total: number; imported: number; updated: number }>(
      upsertSql(header.keys(), citus ? 'item_code, case_no' : 'case_no', stage),
      [new Date().toISOString()],
    );
    if (citus) await s.sql.query(`DROP TABLE ${stage}`);
    const moved = settled?.moved ?? 0;
    opts.onTimings?.({ readValidateStageMs: t1 - t0, upsertMs: performance.now() - t1 });
    opts.onProgress?.({ rows: processed, accepted, rejected: errors.length, done: true });
    // accepted rows outnumber the distinct keys only when the file repeats a key: the common file skips the query
    const dups =
      settled?.duplicates ??
      (accepted > r.total ? await duplicateKeys(s.sql, STAGE_TABLE, 'case_no', { field: 'case_no', label: '办件编号' }) : { total: 0, notices: [] });
    const result = {
      imported: r.imported - moved,
      updated: r.updated + moved,
      unchanged: r.total - r.imported - r.updated,
      rejected: errors.length,
      errors,
      duplicates: dups.total,
      unknownUnits: unknown.count,
      notices: mergeNotices(dups.notices, unknown.notices),
    };
    await opts.record?.(s.sql, { rows: processed, accepted, result });
    return result;
  });
}
