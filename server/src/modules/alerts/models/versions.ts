// Model versions (alert_model_version): the history of a model's definition, and what changed between two versions.
import { modelFieldLabels, type AlertModelVersion, type ModelVersionChange } from '@msjd/shared/alerts';
import type { Sql } from '../sql';

type Definition = Pick<AlertModelVersion, 'kind' | 'title' | 'enabled' | 'startStage' | 'params'>;

/** JSON with object keys sorted: two parameter values are the same when their canonical texts are. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The fields that differ from `a` to `b`: the definition's own fields, then each parameter (a parameter present in
 * one version only reads null in the other). Pure.
 */
export function diffDefinitions(a: Definition, b: Definition): ModelVersionChange[] {
  const changes: ModelVersionChange[] = [];
  const push = (path: string, before: unknown, after: unknown) => {
    if (canonical(before) !== canonical(after)) changes.push({ path, label: modelFieldLabels[path] ?? path, before: before ?? null, after: after ?? null });
  };
  for (const key of ['kind', 'title', 'enabled', 'startStage'] as const) push(key, a[key], b[key]);
  const keys = [...new Set([...Object.keys(a.params), ...Object.keys(b.params)])].sort();
  for (const key of keys) push(`params.${key}`, a.params[key], b.params[key]);
  return changes;
}

/** A model's versions, newest first, each with who saved it and how many warnings it raised; null: no such model. */
export async function listModelVersions(sql: Sql, model: string): Promise<AlertModelVersion[] | null> {
  const rows = await sql.query<AlertModelVersion>(
    `SELECT v.version, v.kind, v.title, v.enabled, v.start_stage AS "startStage", v.params,
            to_char(v.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
            su."displayName" AS "createdByName",
            (SELECT count(*)::int FROM alert_warning w WHERE w.model = v.model AND w.model_version = v.version) AS warnings
       FROM alert_model_version v
       LEFT JOIN staff_user su ON su.id = v.created_by
      WHERE v.model = $1
      ORDER BY v.version DESC`,
    [model],
  );
  if (rows.length) return rows.map((r) => ({ ...r, params: typeof r.params === 'string' ? JSON.parse(r.params) : r.params }));
  const exists = await sql.query(`SELECT 1 FROM alert_model WHERE name = $1`, [model]);
  return exists.length ? [] : null;
}
