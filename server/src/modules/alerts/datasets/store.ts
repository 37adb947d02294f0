// Generic data sets for collision models (数据碰撞): staff declare them (stored as data in alert_dataset), rows live in
// one generic table, alert_dataset_row.
//
// Why one generic table and not a table per data set: a table per data set means DDL built from staff input at run
// time (and a migration story per declaration); the generic table needs none. The collision SQL stays set-based —
// one join of two row sets of the same table — and the columns collisions join on most are typed, indexed columns:
// `key` (primary key (dataset, key)) and `resident_id` (index (dataset, resident_id)). Other columns are read from the
// jsonb `values` with a cast fixed by the declaration; PostgreSQL hash-joins on such expressions, and an expression
// index can be added per data set should one grow large (docs/scaling.md).
import { type DatasetColumn, type DatasetDeclarationBody, collisionParams, datasetDeclarationBody } from '@msjd/shared/alerts';
import { collisionIssues } from '../models/collision';
import { AppError } from '../../../errors';
import type { Sql } from '../sql';
import type { DatasetDeclaration } from './declaration';

export type { DatasetDeclaration };

/** A declaration that cannot change as asked (its data or a model would no longer fit it). */
const datasetState = (message: string) => new AppError('conflict', 'DATASET_STATE', message);

type Row = { name: string; label: string; columns: unknown; key_column: string; resident_id_column: string | null };

function toDeclaration(r: Row): DatasetDeclaration {
  const columns = (typeof r.columns === 'string' ? JSON.parse(r.columns) : r.columns) as DatasetColumn[];
  return { name: r.name, label: r.label, columns, keyColumn: r.key_column, residentIdColumn: r.resident_id_column };
}

export async function loadDatasets(sql: Sql, names?: string[]): Promise<Map<string, DatasetDeclaration>> {
  const rows = await sql.query<Row>(
    `SELECT name, label, columns, key_column, resident_id_column FROM alert_dataset WHERE $1::text[] IS NULL OR name = ANY($1::text[])`,
    [names ?? null],
  );
  return new Map(rows.map((r) => [r.name, toDeclaration(r)]));
}

export async function getDataset(sql: Sql, name: string): Promise<DatasetDeclaration> {
  const d = (await loadDatasets(sql, [name])).get(name);
  if (!d) throw new AppError('not_found', 'NOT_FOUND', '数据集不存在', { dataset: name });
  return d;
}

const sameShape = (a: DatasetDeclaration, b: DatasetDeclaration) =>
  a.keyColumn === b.keyColumn &&
  a.residentIdColumn === b.residentIdColumn &&
  a.columns.length === b.columns.length &&
  a.columns.every((c, i) => c.name === b.columns[i].name && c.type === b.columns[i].type);

/**
 * Declares (or re-declares) a data set. Once it holds rows, the names, types, key and resident-ID column are fixed
 * (stored values were cleaned by them); labels and `required` may still change.
 */
export async function declareDataset(sql: Sql, name: string, input: unknown): Promise<DatasetDeclaration> {
  const decl: DatasetDeclaration = { ...datasetDeclarationBody.parse(input), name };
  const [existing] = await sql.query<Row & { rows: number }>(
    `SELECT d.name, d.label, d.columns, d.key_column, d.resident_id_column,
            (SELECT count(*)::int FROM (SELECT 1 FROM alert_dataset_row r WHERE r.dataset = d.name LIMIT 1) x) AS rows
       FROM alert_dataset d WHERE d.name = $1`,
    [name],
  );
  if (existing && existing.rows > 0 && !sameShape(toDeclaration(existing), decl)) {
    throw datasetState(`数据集 ${name} 已有数据，不能修改列名、列类型、主键列或身份证号码列（可修改中文表头与是否必填）`);
  }
  // a collision model that reads this data set must still fit it: one broken model would stop every run
  const users = await sql.query<{ name: string; title: string; params: unknown }>(
    `SELECT name, title, params FROM alert_model WHERE kind = 'collision' AND (params->>'left' = $1 OR params->>'right' = $1)`,
    [name],
  );
  if (users.length) {
    const others = await loadDatasets(sql);
    others.set(name, decl);
    for (const m of users) {
      const params = collisionParams.safeParse(typeof m.params === 'string' ? JSON.parse(m.params) : m.params);
      const issues = params.success ? collisionIssues(params.data, others) : [];
      if (issues.length) throw datasetState(`模型「${m.title}」（${m.name}）使用了该数据集，修改后将无法运行: ${issues.map((i) => i.message).join('；')}`);
    }
  }
  await sql.query(
    `INSERT INTO alert_dataset (name, label, columns, key_column, resident_id_column) VALUES ($1, $2, $3::jsonb, $4, $5)
     ON CONFLICT (name) DO UPDATE SET label = excluded.label, columns = excluded.columns, key_column = excluded.key_column,
       resident_id_column = excluded.resident_id_column, updated_at = $6::timestamptz`,
    // the time is a parameter: Citus refuses now() in ON CONFLICT … DO UPDATE of a replicated table
    [name, decl.label, JSON.stringify(decl.columns), decl.keyColumn, decl.residentIdColumn, new Date().toISOString()],
  );
  return decl;
}

export type DatasetSummary = DatasetDeclaration & { rowCount: number; updatedAt: string };

export async function listDatasets(sql: Sql): Promise<DatasetSummary[]> {
  const rows = await sql.query<Row & { row_count: number; updated_at: string }>(
    `SELECT d.name, d.label, d.columns, d.key_column, d.resident_id_column,
            (SELECT count(*)::int FROM alert_dataset_row r WHERE r.dataset = d.name) AS row_count,
            to_char(greatest(d.updated_at, (SELECT max(r.updated_at) FROM alert_dataset_row r WHERE r.dataset = d.name)) AT TIME ZONE 'UTC',
                    'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS updated_at
       FROM alert_dataset d ORDER BY d.name`,
  );
  return rows.map((r) => ({ ...toDeclaration(r), rowCount: r.row_count, updatedAt: r.updated_at }));
}

export async function datasetRows(sql: Sql, name: string, page: number, pageSize: number) {
  await getDataset(sql, name);
  const items = await sql.query<{ key: string; residentId: string | null; values: Record<string, string | null> }>(
    `SELECT key, resident_id AS "residentId", "values" FROM alert_dataset_row WHERE dataset = $1 ORDER BY key LIMIT $2 OFFSET $3`,
    [name, pageSize, (page - 1) * pageSize],
  );
  const [{ n }] = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM alert_dataset_row WHERE dataset = $1`, [name]);
  return { items: items.map((i) => ({ ...i, values: typeof i.values === 'string' ? JSON.parse(i.values) : i.values })), total: n };
}
