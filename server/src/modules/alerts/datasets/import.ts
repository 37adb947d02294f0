// Import of a declared data set from CSV/XLSX (UTF-8 or GB18030), with the cleaning rules and the report of the
// service-case import (datasets.md): one error per rejected row naming the first failing column (declaration order)
// with the row's other faults, keys repeated within the file reported with their lines,
// accepted rows staged in batches and upserted set-based in one transaction, a later row with the same key replacing
// an earlier one, re-imports idempotent, a missing optional column leaving stored values as they are.
// Staging is batched INSERT … unnest on both databases: data sets for collisions are registers (certificates, cadres,
// land), far smaller than the service-case stream that needs COPY; memory stays flat either way (5,000-row batches).
import { checkApplicantId, cleanText, digitsLettersToHalfWidth, fromExcelDate, parseDateTime, trimAll } from '../import/clean';
import { type Cell, ImportFileError, type RawRow, readTable } from '../import/read';
import { duplicateKeys, type ImportError, type ImportProgress, type ImportRecorder, type ImportResult, importError } from '../import/service-cases';
import type { DatasetColumn } from '@msjd/shared/alerts';
import { type EngineDb, sqlOf, withTransaction } from '../sql';
import { type DatasetDeclaration, getDataset } from './store';

const STAGE_TABLE = 'alert_dataset_stage';
const BATCH = 5000;

function normalizeHeader(h: Cell): string {
  if (h === null) return '';
  return cleanText(String(h)).toLowerCase().replace(/\s+/g, '_');
}

/** Maps header cells to declared columns (by name or 中文表头); throws ImportFileError when a required one is missing. */
export function mapDatasetHeader(decl: DatasetDeclaration, cells: Cell[]): Map<string, number> {
  const lookup = new Map<string, string>();
  for (const c of decl.columns) {
    lookup.set(c.name, c.name);
    lookup.set(normalizeHeader(c.label), c.name);
  }
  const map = new Map<string, number>();
  cells.forEach((cell, i) => {
    const col = lookup.get(normalizeHeader(cell));
    if (col && !map.has(col)) map.set(col, i);
  });
  const missing = decl.columns.filter((c) => (c.required || c.name === decl.keyColumn) && !map.has(c.name));
  if (missing.length) throw new ImportFileError(`缺少必需的列: ${missing.map((c) => `${c.name}（${c.label}）`).join('、')}`);
  return map;
}

class Reject {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {}
}

const INTEGER = /^[+-]?\d{1,15}(?:\.0+)?$/;
const DECIMAL = /^[+-]?(?:\d{1,20}(?:\.\d{0,12})?|\.\d{1,12})$/;

/** A decimal in canonical text: no leading '+' or zeros, no trailing fraction zeros ("012.50" -> "12.5"). */
export function canonicalDecimal(t: string): string {
  let [int, frac = ''] = t.replace(/^\+/, '').split('.');
  const neg = int.startsWith('-');
  int = int.replace(/^-/, '').replace(/^0+(?=\d)/, '') || '0';
  frac = frac.replace(/0+$/, '');
  const s = frac ? `${int}.${frac}` : int;
  return neg && s !== '0' ? `-${s}` : s;
}

function excelSerialToDate(n: number): Date | null {
  if (!(n > 0 && n < 2958466)) return null;
  return new Date(Math.round((n - 25569) * 86400_000));
}

/** Cleans one cell by its column's type; null for an empty cell; throws Reject when malformed. */
export function cleanValue(col: DatasetColumn, v: Cell): string | null {
  if (v === null) return null;
  switch (col.type) {
    case 'text': {
      if (v instanceof Date) {
        const p = fromExcelDate(v);
        return p ? p.date : null;
      }
      const t = typeof v === 'number' ? String(v) : trimAll(digitsLettersToHalfWidth(v));
      return t || null;
    }
    case 'integer': {
      if (typeof v === 'number') {
        if (!Number.isSafeInteger(v)) throw new Reject(col.name, `应为整数: ${v}`);
        return String(v);
      }
      if (v instanceof Date) throw new Reject(col.name, '应为整数（不应为日期）');
      const t = cleanText(v).replace(/,/g, '');
      if (!t) return null;
      if (!INTEGER.test(t)) throw new Reject(col.name, `应为整数: ${t}`);
      return canonicalDecimal(t.replace(/\.0+$/, ''));
    }
    case 'decimal': {
      if (typeof v === 'number') {
        if (!Number.isFinite(v)) throw new Reject(col.name, `应为数字: ${v}`);
        return canonicalDecimal(String(v));
      }
      if (v instanceof Date) throw new Reject(col.name, '应为数字（不应为日期）');
      const t = cleanText(v).replace(/,/g, '');
      if (!t) return null;
      if (!DECIMAL.test(t)) throw new Reject(col.name, `应为数字: ${t}`);
      return canonicalDecimal(t);
    }
    case 'date': {
      if (v instanceof Date) {
        const p = fromExcelDate(v);
        if (!p) throw new Reject(col.name, '日期无效');
        return p.date;
      }
      if (typeof v === 'number') {
        const d = excelSerialToDate(v);
        const p = d && fromExcelDate(d);
        if (!p) throw new Reject(col.name, `日期格式无法识别: ${v}`);
        return p.date;
      }
      const t = cleanText(v);
      if (!t) return null;
      const p = parseDateTime(t);
      if (!p) throw new Reject(col.name, `日期格式无法识别: ${t}`);
      return p.date;
    }
    case 'id_number': {
      if (typeof v === 'number') throw new Reject(col.name, '身份证号码以数字形式存储，已丢失位数（请将该列设为文本格式）');
      if (v instanceof Date) throw new Reject(col.name, '身份证号码格式错误（不应为日期）');
      const t = cleanText(v);
      if (!t) return null;
      const id = t.toUpperCase();
      // the applicant-ID rules of datasets.md, restricted to resident IDs (a person is what a collision matches)
      if (id.length !== 18) throw new Reject(col.name, `身份证号码应为18位，实际${id.length}位`);
      if (!/^\d{17}[\dX]$/.test(id)) throw new Reject(col.name, '身份证号码格式错误（应为17位数字加校验位）');
      const check = checkApplicantId(id);
      if (!check.ok) throw new Reject(col.name, check.reason);
      return check.value;
    }
  }
}

export type StagedDatasetRow = { line: number; key: string; residentId: string | null; values: Record<string, string | null> };

export type DatasetRejection = { field: string; reason: string; otherFaults?: { field: string; reason: string }[] };

/**
 * Validates and cleans one row; returns the staged row, or the rejection naming the first failing column (declaration
 * order) with the row's other faults.
 */
export function validateDatasetRow(decl: DatasetDeclaration, header: Map<string, number>, row: RawRow): StagedDatasetRow | DatasetRejection {
  const values: Record<string, string | null> = {};
  let faults: { field: string; reason: string }[] | null = null;
  for (const col of decl.columns) {
    const i = header.get(col.name);
    if (i === undefined) continue;
    try {
      const v = cleanValue(col, row.cells[i] ?? null);
      if (v === null && (col.required || col.name === decl.keyColumn)) throw new Reject(col.name, '必填字段为空');
      values[col.name] = v;
    } catch (err) {
      if (!(err instanceof Reject)) throw err;
      (faults ??= []).push({ field: err.field, reason: err.reason });
    }
  }
  if (faults) {
    const [first, ...others] = faults;
    return others.length ? { ...first, otherFaults: others } : first;
  }
  return {
    line: row.line,
    key: values[decl.keyColumn]!,
    residentId: decl.residentIdColumn ? (values[decl.residentIdColumn] ?? null) : null,
    values,
  };
}

/**
 * The set-based upsert from the staged rows. $1 data set name, $2 whether the file has the resident-ID column, $3 the
 * import's time (a parameter: Citus refuses now() in ON CONFLICT … DO UPDATE of a replicated table).
 * Stored values are merged with the file's (`||`): columns the file lacks keep their stored values.
 */
export const DATASET_UPSERT_SQL = `WITH s AS (SELECT DISTINCT ON (key) * FROM ${STAGE_TABLE} ORDER BY key, line DESC),
up AS (
  INSERT INTO alert_dataset_row AS r (dataset, key, resident_id, "values")
  SELECT $1::text, s.key, s.resident_id, s."values" FROM s
  ON CONFLICT (dataset, key) DO UPDATE
     SET resident_id = CASE WHEN $2::boolean THEN excluded.resident_id ELSE r.resident_id END,
         "values" = r."values" || excluded."values", updated_at = $3::timestamptz
   WHERE (CASE WHEN $2::boolean THEN excluded.resident_id ELSE r.resident_id END, r."values" || excluded."values")
         IS DISTINCT FROM (r.resident_id, r."values")
  RETURNING (xmax = 0) AS inserted)
SELECT (SELECT count(*) FROM s)::int AS total,
       (count(*) FILTER (WHERE inserted))::int AS imported,
       (count(*) FILTER (WHERE NOT inserted))::int AS updated
  FROM up`;

export type DatasetImportOptions = { onProgress?: (p: ImportProgress) => void; progressEvery?: number; record?: ImportRecorder };

/** Imports a CSV/XLSX file into a declared data set. Throws ImportFileError (nothing stored) when unreadable. */
export async function importDataset(db: EngineDb, name: string, file: string, opts: DatasetImportOptions = {}): Promise<ImportResult> {
  const decl = await getDataset(sqlOf(db), name);
  const every = opts.progressEvery ?? 10_000;
  const rows = readTable(file);
  const first = await rows.next();
  if (first.done) throw new ImportFileError('文件为空，缺少表头行');
  const header = mapDatasetHeader(decl, first.value.cells);
  const hasResidentColumn = decl.residentIdColumn !== null && header.has(decl.residentIdColumn);

  return withTransaction(db, async (s) => {
    await s.sql.query(`CREATE TEMP TABLE ${STAGE_TABLE} (line int, key text, resident_id text, "values" jsonb) ON COMMIT DROP`);
    let batch: StagedDatasetRow[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const b = batch;
      batch = [];
      await s.sql.query(
        `INSERT INTO ${STAGE_TABLE} (line, key, resident_id, "values")
         SELECT l, k, rid, v::jsonb FROM unnest($1::int[], $2::text[], $3::text[], $4::text[]) AS t(l, k, rid, v)`,
        [b.map((r) => r.line), b.map((r) => r.key), b.map((r) => r.residentId), b.map((r) => JSON.stringify(r.values))],
      );
    };
    const errors: ImportError[] = [];
    let processed = 0;
    let accepted = 0;
    for await (const row of rows) {
      const v = validateDatasetRow(decl, header, row);
      if ('reason' in v) errors.push(importError(row.line, v));
      else {
        accepted++;
        batch.push(v);
        if (batch.length >= BATCH) await flush();
      }
      processed++;
      if (opts.onProgress && processed % every === 0) opts.onProgress({ rows: processed, accepted, rejected: errors.length, done: false });
    }
    await flush();
    const [r] = await s.sql.query<{ total: number; imported: number; updated: number }>(DATASET_UPSERT_SQL, [name, hasResidentColumn, new Date().toISOString()]);
    opts.onProgress?.({ rows: processed, accepted, rejected: errors.length, done: true });
    const keyColumn = decl.columns.find((c) => c.name === decl.keyColumn);
    const dups =
      accepted > r.total
        ? await duplicateKeys(s.sql, STAGE_TABLE, 'key', { field: decl.keyColumn, label: keyColumn?.label ?? decl.keyColumn })
        : { total: 0, notices: [] };
    const result: ImportResult = {
      imported: r.imported,
      updated: r.updated,
      unchanged: r.total - r.imported - r.updated,
      rejected: errors.length,
      errors,
      duplicates: dups.total,
      unknownUnits: 0,
      notices: dups.notices,
    };
    await opts.record?.(s.sql, { rows: processed, accepted, result });
    return result;
  });
}
