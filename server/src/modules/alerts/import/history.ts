// Import history (alert_import) and data freshness: every import of service cases or of a data set leaves a row —
// the file's name, sha256 and size, rows read / accepted / rejected, a sample of the rejected rows, the cleaning
// report's notices (keys repeated in the file, unit codes outside the unit directory) counted with a sample, who, when,
// how long — and a run is warned when the data an enabled model reads was last imported too long ago.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import {
  DEFAULT_STALE_DAYS,
  SERVICE_CASES_LABEL,
  alertSettingsSchema,
  type AlertImport,
  type AlertSettings,
  type DataFreshness,
  type ImportKind,
} from '@msjd/shared/alerts';
import { toShanghaiDate } from '../../calendar';
import { importDataset } from '../datasets/import';
import { ensureDefaultModels, loadModels } from '../engine';
import { type EngineDb, type Sql, sqlOf } from '../sql';
import { ImportFileError, type ImportNotice, type ImportOptions, type ImportResult, type ImportSummary, importServiceCases } from './service-cases';

export const REJECTED_SAMPLE_SIZE = 20;
/** Notices kept per kind, so a file with a thousand unknown codes still shows its repeated keys. */
export const NOTICE_SAMPLE_PER_KIND = 20;
/** A key repeated on many lines keeps this many of them (its count and first and last lines stay in the reason). */
export const NOTICE_SAMPLE_LINES = 20;
const NOTICE_REASON_CHARS = 300;

/**
 * The notices an import history row keeps: the first NOTICE_SAMPLE_PER_KIND of each kind, by line, each bounded —
 * its `lines` cut to NOTICE_SAMPLE_LINES, its reason (which names every line) cut in the middle, keeping the ending
 * that says which line was stored. The counts beside it cover all.
 */
export function noticeSample(notices: readonly ImportNotice[]): ImportNotice[] {
  const kept = new Map<string, number>();
  const sample: ImportNotice[] = [];
  for (const n of [...notices].sort((a, b) => a.line - b.line)) {
    const k = kept.get(n.kind) ?? 0;
    if (k >= NOTICE_SAMPLE_PER_KIND) continue;
    kept.set(n.kind, k + 1);
    const reason = n.reason.length > NOTICE_REASON_CHARS ? `${n.reason.slice(0, NOTICE_REASON_CHARS - 61)}…${n.reason.slice(-60)}` : n.reason;
    sample.push({ ...n, reason, ...(n.lines ? { lines: n.lines.slice(0, NOTICE_SAMPLE_LINES) } : {}) });
  }
  return sample;
}

export type ImportSource = { kind: 'service_cases' } | { kind: 'dataset'; dataset: string };
export type ImportMeta = {
  /** the file's name as the user knows it (the upload's name, or the path given to the CLI) */
  fileName: string;
  /** the staff user; null from the command line and the demo seed */
  by?: string | null;
  via: 'admin' | 'cli' | 'seed';
};

export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const INSERT_IMPORT = `INSERT INTO alert_import (kind, dataset, file_name, sha256, file_bytes, status, error, rows_read, accepted, rejected,
                                                  imported, updated, unchanged, rejected_sample, imported_by, via, started_at, duration_ms,
                                                  duplicates, unknown_units, notice_sample)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15::uuid, $16, $17::timestamptz, $18, $19, $20, $21::jsonb)
  RETURNING id::text`;

/**
 * Imports `file` into the service cases or a data set and records the import: with the rows, in the import's own
 * transaction, when it succeeds; on its own when the file cannot be read (then nothing else was stored).
 */
export async function importWithHistory(
  db: EngineDb,
  source: ImportSource,
  file: string,
  meta: ImportMeta,
  opts: Omit<ImportOptions, 'record'> = {},
): Promise<ImportResult & { importId: string }> {
  const startedAt = new Date();
  const t0 = performance.now();
  // a file that cannot even be opened leaves no import to record (nothing to hash)
  const [sha256, { size }] = await Promise.all([fileSha256(file), stat(file)]).catch((err: NodeJS.ErrnoException) => {
    throw new ImportFileError(err.code === 'ENOENT' ? `文件不存在: ${file}` : `无法打开文件 ${file}: ${err.message}`);
  });
  const dataset = source.kind === 'dataset' ? source.dataset : null;
  const common = (status: 'ok' | 'failed', error: string | null, s?: ImportSummary) => [
    source.kind,
    dataset,
    meta.fileName,
    sha256,
    size,
    status,
    error,
    s?.rows ?? 0,
    s?.accepted ?? 0,
    s?.result.rejected ?? 0,
    s?.result.imported ?? 0,
    s?.result.updated ?? 0,
    s?.result.unchanged ?? 0,
    JSON.stringify(s?.result.errors.slice(0, REJECTED_SAMPLE_SIZE) ?? []),
    meta.by ?? null,
    meta.via,
    startedAt.toISOString(),
    Math.round(performance.now() - t0),
    s?.result.duplicates ?? 0,
    s?.result.unknownUnits ?? 0,
    JSON.stringify(noticeSample(s?.result.notices ?? [])),
  ];
  let importId = '';
  const record = async (sql: Sql, s: ImportSummary) => {
    [{ id: importId }] = await sql.query<{ id: string }>(INSERT_IMPORT, common('ok', null, s));
  };
  try {
    const result = source.kind === 'dataset' ? await importDataset(db, source.dataset, file, { ...opts, record }) : await importServiceCases(db, file, { ...opts, record });
    return { ...result, importId };
  } catch (err) {
    if (err instanceof ImportFileError) await sqlOf(db).query(INSERT_IMPORT, common('failed', err.message));
    throw err;
  }
}

const ISO = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The import history, newest first, optionally of one kind or data set. */
export async function listImports(
  sql: Sql,
  q: { kind?: ImportKind; dataset?: string; page: number; pageSize: number },
): Promise<{ items: AlertImport[]; total: number }> {
  const where = `($1::text IS NULL OR i.kind = $1) AND ($2::text IS NULL OR i.dataset = $2)`;
  const params = [q.kind ?? null, q.dataset ?? null];
  const items = await sql.query<AlertImport>(
    `SELECT i.id::text AS id, i.kind, i.dataset, coalesce(d.label, CASE WHEN i.kind = 'service_cases' THEN $5 ELSE i.dataset END) AS "datasetLabel",
            i.file_name AS "fileName", i.sha256, i.file_bytes::float8 AS "fileBytes", i.status, i.error,
            i.rows_read AS "rowsRead", i.accepted, i.rejected, i.imported, i.updated, i.unchanged, i.rejected_sample AS "rejectedSample",
            i.duplicates, i.unknown_units AS "unknownUnits", i.notice_sample AS "noticeSample",
            su."displayName" AS "importedByName", i.via, ${ISO('i.started_at')} AS "startedAt", i.duration_ms AS "durationMs"
       FROM alert_import i
       LEFT JOIN alert_dataset d ON d.name = i.dataset
       LEFT JOIN staff_user su ON su.id = i.imported_by
      WHERE ${where}
      ORDER BY i.started_at DESC, i.id
      LIMIT $3 OFFSET $4`,
    [...params, q.pageSize, (q.page - 1) * q.pageSize, SERVICE_CASES_LABEL],
  );
  const [{ n }] = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM alert_import i WHERE ${where}`, params);
  const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
  return { items: items.map((r) => ({ ...r, rejectedSample: json(r.rejectedSample), noticeSample: json(r.noticeSample) })), total: n };
}

// ---- settings -----------------------------------------------------------------------------------------------------

export async function getAlertSettings(sql: Sql): Promise<AlertSettings> {
  const rows = await sql.query<{ value: unknown }>(`SELECT value FROM alert_setting WHERE name = 'stale_days'`);
  const staleDays = Number(rows[0]?.value ?? DEFAULT_STALE_DAYS);
  return { staleDays: Number.isInteger(staleDays) && staleDays >= 1 ? staleDays : DEFAULT_STALE_DAYS };
}

export async function saveAlertSettings(sql: Sql, input: unknown, by?: string | null): Promise<AlertSettings> {
  const settings = alertSettingsSchema.parse(input);
  await sql.query(
    `INSERT INTO alert_setting (name, value, updated_by, updated_at) VALUES ('stale_days', $1::jsonb, $2::uuid, now())
     ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = now()`,
    [JSON.stringify(settings.staleDays), by ?? null],
  );
  return settings;
}

// ---- freshness ----------------------------------------------------------------------------------------------------

const dayMs = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / dayMs);

/**
 * Each source of data — the service cases and every declared data set — with its last import and the enabled models
 * that read it; `stale` when never imported or imported more than `staleDays` days before today (Beijing dates).
 * Data stored before imports were recorded counts from its newest row.
 */
export async function dataFreshness(sql: Sql, now: Date): Promise<{ staleDays: number; sources: DataFreshness[] }> {
  const { staleDays } = await getAlertSettings(sql);
  const today = toShanghaiDate(now);
  const last = await sql.query<{ kind: ImportKind; dataset: string | null; label: string; at: string | null }>(
    `WITH h AS (SELECT kind, dataset, max(started_at) AS at FROM alert_import WHERE status = 'ok' GROUP BY kind, dataset)
     SELECT 'service_cases' AS kind, NULL::text AS dataset, $1::text AS label,
            ${ISO(`coalesce((SELECT at FROM h WHERE kind = 'service_cases'), (SELECT max(updated_at) FROM service_case))`)} AS at
     UNION ALL
     SELECT 'dataset', d.name, d.label,
            ${ISO(`coalesce((SELECT at FROM h WHERE kind = 'dataset' AND h.dataset = d.name), (SELECT max(r.updated_at) FROM alert_dataset_row r WHERE r.dataset = d.name))`)}
       FROM alert_dataset d`,
    [SERVICE_CASES_LABEL],
  );
  // the built-in models as a run would find them (a run stores the defaults first)
  await ensureDefaultModels(sql);
  const models = await loadModels(sql, { enabledOnly: true });
  const readers = (kind: ImportKind, dataset: string | null) =>
    models
      .filter((m) => (kind === 'service_cases' ? m.kind !== 'collision' : m.kind === 'collision' && (m.params.left === dataset || m.params.right === dataset)))
      .map((m) => m.title);
  const sources = last
    .map((r) => {
      const ageDays = r.at ? daysBetween(toShanghaiDate(new Date(r.at)), today) : null;
      return {
        kind: r.kind,
        dataset: r.dataset,
        label: r.label,
        lastImportAt: r.at,
        ageDays,
        stale: ageDays === null || ageDays > staleDays,
        models: readers(r.kind, r.dataset),
      };
    })
    .sort((a, b) => (a.kind === b.kind ? a.label.localeCompare(b.label, 'zh-CN') : a.kind === 'service_cases' ? -1 : 1));
  return { staleDays, sources };
}

/** The stale sources an enabled model reads: what a run should warn about before it starts. */
export async function staleDataForRun(sql: Sql, now: Date): Promise<{ staleDays: number; sources: DataFreshness[] }> {
  const { staleDays, sources } = await dataFreshness(sql, now);
  return { staleDays, sources: sources.filter((s) => s.stale && s.models.length > 0) };
}

/** One line per stale source, in Chinese (the CLI's warning on stderr, the admin's confirmation). */
export function staleDataText(staleDays: number, s: DataFreshness): string {
  const when = s.lastImportAt === null ? '从未导入' : `最近一次导入在 ${s.ageDays} 天前`;
  return `${s.label}${when}（超过 ${staleDays} 天视为过期），读取它的模型：${s.models.join('、')}`;
}
