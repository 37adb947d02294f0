// Runs the enabled models for an as-of date, set-based inside the database, in one transaction (runs never overlap:
// an advisory transaction lock on PostgreSQL; PGlite is a single session anyway), then applies the escalation ladder
// 督办 -> 核查 -> 问责 (datasets.md "Escalation") and records the run.
import { AppError } from '../../errors';
import { refreshWorkCalendar } from '../calendar';
import { type DatasetDeclaration, loadDatasets } from './datasets/store';
import { collisionIssues, type CollisionIssue } from './models/collision';
import { type CompileContext, NEW_WARNINGS_DDL, NEW_WARNINGS_TABLE, compileDryRun, compileModel } from './models/compile';
import { DEFAULT_MODELS, MODEL_KINDS, type ModelDefinition, parseModel } from './models/definitions';
import { type EngineDb, type Sql, sqlOf, withTransaction } from './sql';
import type { WarningCloseReason } from '@msjd/shared/alerts';

export const ALERT_RUN_LOCK_KEY = 72707370;

export type RunResult = {
  asOf: string;
  models: Record<string, { new: number; total: number }>;
  escalations: { opened: number; advanced: number };
};

/** Input the engine cannot run with (a bad as-of date, a model whose definition does not compile): 400 ALERTS_INPUT. */
export class AlertsInputError extends AppError {
  constructor(message: string) {
    super('invalid', 'ALERTS_INPUT', message);
    this.name = 'AlertsInputError';
  }
}

/** A definition that is well-formed but does not fit the data (e.g. a collision on an undeclared column). */
export class ModelInvalidError extends AppError {
  constructor(issues: CollisionIssue[]) {
    super('invalid', 'VALIDATION_FAILED', '模型定义不符合要求，请检查标出的字段', { issues }, issues);
    this.name = 'ModelInvalidError';
  }
}

export function assertAsOf(asOf: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf);
  const d = m && new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  if (!m || !d || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) throw new AlertsInputError(`as-of 日期无效: ${asOf}（应为 YYYY-MM-DD）`);
  return asOf;
}

/**
 * Inserts the six default models if absent (staff edits are kept), each with its version 1, and writes the version
 * row of any model whose current version has none (a model stored before versions were kept, or by hand), so every
 * warning a run raises can name the definition that raised it.
 */
export async function ensureDefaultModels(sql: Sql): Promise<void> {
  await sql.query(
    `WITH ins AS (
       INSERT INTO alert_model (name, kind, title, enabled, start_stage, params, version)
       SELECT x->>'name', x->>'kind', x->>'title', (x->>'enabled')::boolean, x->>'startStage', x->'params', 1
         FROM jsonb_array_elements($1::jsonb) x
       ON CONFLICT (name) DO NOTHING
       RETURNING name, kind, title, enabled, start_stage, params, version, updated_at)
     INSERT INTO alert_model_version (model, version, kind, title, enabled, start_stage, params, created_at)
     SELECT name, version, kind, title, enabled, start_stage, params, updated_at FROM ins`,
    [JSON.stringify(DEFAULT_MODELS)],
  );
  await sql.query(
    `INSERT INTO alert_model_version (model, version, kind, title, enabled, start_stage, params, created_at)
     SELECT m.name, m.version, m.kind, m.title, m.enabled, m.start_stage, m.params, m.updated_at
       FROM alert_model m
      WHERE NOT EXISTS (SELECT 1 FROM alert_model_version v WHERE v.model = m.name AND v.version = m.version)
     ON CONFLICT DO NOTHING`,
  );
}

type ModelRow = { name: string; kind: string; title: string; enabled: boolean; start_stage: string; params: unknown; version: number };

/** A stored model: its definition and the version it is at. */
export type StoredModel = ModelDefinition & { version: number };

export async function loadModels(sql: Sql, opts: { enabledOnly?: boolean } = {}): Promise<StoredModel[]> {
  const rows = await sql.query<ModelRow>(`SELECT name, kind, title, enabled, start_stage, params, version FROM alert_model`);
  const defs = rows
    .filter((r) => !opts.enabledOnly || r.enabled)
    .map((r) => {
      const params = typeof r.params === 'string' ? JSON.parse(r.params) : r.params;
      try {
        return { ...parseModel({ name: r.name, kind: r.kind, title: r.title, enabled: r.enabled, startStage: r.start_stage, params }), version: r.version };
      } catch (err) {
        throw new AlertsInputError(`模型 ${r.name} 的定义无效: ${(err as Error).message}`);
      }
    });
  const rank = (k: string) => MODEL_KINDS.indexOf(k as never);
  return defs.sort((a, b) => rank(a.kind) - rank(b.kind) || a.name.localeCompare(b.name));
}

/** The data sets the collision models among `defs` join (declarations). */
export async function compileContext(sql: Sql, defs: ModelDefinition[]): Promise<CompileContext> {
  const names = [...new Set(defs.flatMap((d) => (d.kind === 'collision' ? [d.params.left, d.params.right] : [])))];
  return { datasets: names.length ? await loadDatasets(sql, names) : new Map<string, DatasetDeclaration>() };
}

/** Checks a parsed definition against the data it reads; throws ModelInvalidError with field issues. */
export async function checkModel(sql: Sql, def: ModelDefinition): Promise<CompileContext> {
  const ctx = await compileContext(sql, [def]);
  if (def.kind === 'collision') {
    const issues = collisionIssues(def.params, ctx.datasets!);
    if (issues.length) throw new ModelInvalidError(issues);
  }
  return ctx;
}

/**
 * Saves a model definition after validation. History is never overwritten: a definition that differs from the
 * current one becomes the model's next version (alert_model_version) and the model points at it; saving the same
 * definition again changes nothing. One statement, so the version row and the model cannot part.
 * `create`: fail when the name is taken. `by`: the staff user saving it.
 */
export async function saveModel(sql: Sql, input: unknown, opts: { create?: boolean; by?: string | null } = {}): Promise<StoredModel> {
  const def = parseModel(input);
  await checkModel(sql, def);
  if (opts.create) {
    const taken = await sql.query(`SELECT 1 FROM alert_model WHERE name = $1`, [def.name]);
    if (taken.length) throw new AlertsStateError(`模型标识 ${def.name} 已被使用`);
  }
  const [row] = await sql.query<{ version: number }>(
    `WITH prev AS (SELECT version, (kind = $2 AND title = $3 AND enabled = $4 AND start_stage = $5 AND params = $6::jsonb) AS same
                     FROM alert_model WHERE name = $1 FOR UPDATE),
          up AS (
            INSERT INTO alert_model (name, kind, title, enabled, start_stage, params, version, updated_at)
            SELECT $1, $2, $3, $4, $5, $6::jsonb, coalesce((SELECT version FROM prev), 0) + 1, $8::timestamptz
             WHERE NOT coalesce((SELECT same FROM prev), false)
            ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, title = excluded.title, enabled = excluded.enabled,
              start_stage = excluded.start_stage, params = excluded.params, version = excluded.version, updated_at = excluded.updated_at
            RETURNING version),
          ver AS (
            INSERT INTO alert_model_version (model, version, kind, title, enabled, start_stage, params, created_by, created_at)
            SELECT $1, up.version, $2, $3, $4, $5, $6::jsonb, $7::uuid, $8::timestamptz FROM up
            RETURNING version)
     SELECT coalesce((SELECT version FROM ver), (SELECT version FROM prev))::int AS version`,
    // the time is a parameter: Citus refuses now() in ON CONFLICT … DO UPDATE of a replicated table
    [def.name, def.kind, def.title, def.enabled, def.startStage, JSON.stringify(def.params), opts.by ?? null, new Date().toISOString()],
  );
  return { ...def, version: row.version };
}

/** Enables or disables a model: a new version like any other edit (the warnings already raised stay). */
export async function setModelEnabled(sql: Sql, name: string, enabled: boolean, by?: string | null): Promise<StoredModel | null> {
  await ensureDefaultModels(sql);
  const current = (await loadModels(sql)).find((m) => m.name === name);
  if (!current) return null;
  const { version: _v, ...def } = current;
  return saveModel(sql, { ...def, enabled }, { by });
}

const NEW_KEYS = `n AS (SELECT DISTINCT w.model, w.unit_code, w.model || '|' || w.unit_code AS k
             FROM ${NEW_WARNINGS_TABLE} w WHERE w.run_id = $2::uuid AND w.unit_code IS NOT NULL)`;

/**
 * The escalation ladder for the new warnings of run $2 at as-of $1 (still in the run's temp table; advance: $3 the
 * app's clock for the case's history, else the database's), then the warnings
 * written to alert_warning attached to their (model, unit) case — one INSERT, no later UPDATE of every warning.
 */
export const ESCALATION_SQL = {
  advance: `WITH ${NEW_KEYS},
adv AS (UPDATE escalation_case e SET stage = 'verify', stage_as_of = $1::date
          FROM n WHERE e.open_key = n.k AND e.stage = 'urge' AND e.opened_as_of < $1::date RETURNING e.id),
-- the case's history (escalation_event) keeps when it moved; a 督办通知书 still out goes on being answered
ev AS (INSERT INTO escalation_event (escalation_id, kind, note, at)
       SELECT adv.id, 'advanced', '再次预警（预警日期 ' || $1::date::text || '），升级为核查', coalesce($3::timestamptz, clock_timestamp()) FROM adv)
SELECT count(*)::int AS n FROM adv`,
  open: `WITH ${NEW_KEYS},
ins AS (
  INSERT INTO escalation_case (model, unit_code, stage, open_key, opened_as_of, stage_as_of)
  SELECT n.model, n.unit_code,
         CASE WHEN m.start_stage = 'verify'
                OR EXISTS (SELECT 1 FROM escalation_case p
                            WHERE p.model = n.model AND p.unit_code = n.unit_code
                              AND p.opened_as_of BETWEEN $1::date - 30 AND $1::date - 1)
              THEN 'verify' ELSE 'urge' END,
         n.k, $1::date, $1::date
    FROM n JOIN alert_model m ON m.name = n.model
   WHERE NOT EXISTS (SELECT 1 FROM escalation_case o WHERE o.open_key = n.k)
  ON CONFLICT (open_key) DO NOTHING
  RETURNING 1)
SELECT count(*)::int AS n FROM ins`,
  /** $2: { model name: the version the run compiled } — each warning keeps the definition that raised it */
  write: `INSERT INTO alert_warning (item_key, model, model_version, level, subject, identity_key, run_id, as_of, unit_code, item_code, case_no, applicant_id, "values", escalation_id)
SELECT coalesce(w.item_code, ''), w.model, ($2::jsonb ->> w.model)::int, w.level, w.subject, w.identity_key, w.run_id, w.as_of, w.unit_code, w.item_code, w.case_no, w.applicant_id, w."values", e.id
  FROM ${NEW_WARNINGS_TABLE} w
  LEFT JOIN escalation_case e ON e.open_key = w.model || '|' || w.unit_code
 WHERE w.run_id = $1::uuid
ON CONFLICT (item_key, identity_key) DO NOTHING`,
};

/**
 * 整改不彻底: an accepted rectification task linked to (model, unit) — its sourceId names a warning or an escalation
 * case of that model and unit — is flagged when run $1 raised a new warning of the same model for the same unit.
 * The run's new warnings are read from its own table of new warnings (still in this transaction), and the tasks'
 * warnings are looked up by id through the id index, never by joining on a cast of it: on Citus that pulled every
 * warning of every shard to the coordinator.
 */
export const INCOMPLETE_RECTIFICATION_SQL = `WITH cand AS (
  SELECT t.id, CASE WHEN t."sourceId" ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN t."sourceId"::uuid END AS source
    FROM rectification_task t
   WHERE t."sourceKind" = 'warning' AND t.status = 'accepted' AND NOT t.incomplete),
nw AS (SELECT DISTINCT n.model, n.unit_code FROM ${NEW_WARNINGS_TABLE} n WHERE n.run_id = $1::uuid AND n.unit_code IS NOT NULL),
src AS (
  SELECT w.id, w.model, w.unit_code FROM alert_warning w WHERE w.id IN (SELECT source FROM cand WHERE source IS NOT NULL)
  UNION ALL
  SELECT e.id, e.model, e.unit_code FROM escalation_case e WHERE e.id IN (SELECT source FROM cand WHERE source IS NOT NULL)),
hit AS (
  SELECT DISTINCT cand.id FROM cand
    JOIN src ON src.id = cand.source
    JOIN nw ON nw.model = src.model AND nw.unit_code = src.unit_code),
upd AS (
  UPDATE rectification_task t SET incomplete = true, "incompleteAt" = $3::timestamptz, "updatedAt" = $3::timestamptz,
         "incompleteNote" = '整改不彻底：验收后同一单位再次出现同类预警（预警日期 ' || $2::text || '）'
    FROM hit WHERE t.id = hit.id RETURNING 1)
SELECT count(*)::int AS n FROM upd`;

export type RunOptions = {
  /** manual (admin, CLI) or schedule (the daily run) */
  trigger?: 'manual' | 'schedule';
  /** the app's clock at the start of the run (when a task was found 整改不彻底) */
  now?: Date;
  /** skip (return null) when a run with this trigger exists for the as-of already (the daily run, several instances) */
  oncePerAsOf?: boolean;
  onModel?: (name: string, result: { new: number }, title: string) => void;
  /** number of accepted rectification tasks flagged 整改不彻底 by this run */
  onRectificationsIncomplete?: (n: number) => void;
};

export function runAlerts(db: EngineDb, asOf: string, opts: RunOptions & { oncePerAsOf: true }): Promise<RunResult | null>;
export function runAlerts(db: EngineDb, asOf: string, opts?: RunOptions): Promise<RunResult>;
export async function runAlerts(db: EngineDb, asOf: string, opts: RunOptions = {}): Promise<RunResult | null> {
  assertAsOf(asOf);
  // the calendar is refreshed (and analysed when it changed) before the run's transaction: ANALYZE and the refresh of
  // a replicated table do not belong inside a distributed transaction on Citus, and a calendar just (re)built has no
  // statistics yet — without them the deadline join is planned for millions of rows
  if ((await refreshWorkCalendar(sqlOf(db))).changed) await sqlOf(db).query('ANALYZE work_calendar');
  return withTransaction(db, async (s) => {
    const sql = s.sql;
    if (s.kind === 'postgres') {
      await sql.query('SELECT pg_advisory_xact_lock($1)', [ALERT_RUN_LOCK_KEY]);
      // the model statements are scans of seconds at most whose cost estimates grow with the table: JIT compiling
      // them gains nothing (bench alerts-run); the per-item median and the group sorts of millions of cases spill
      // to disk at the default 4 MB
      await sql.query('SET LOCAL jit = off');
      await sql.query(`SET LOCAL work_mem = '64MB'`);
    }
    if (opts.oncePerAsOf) {
      const done = await sql.query(`SELECT 1 FROM alert_run WHERE as_of = $1::date AND trigger = $2 LIMIT 1`, [asOf, opts.trigger ?? 'manual']);
      if (done.length) return null;
    }
    const started = Date.now();
    await ensureDefaultModels(sql);
    const models = await loadModels(sql, { enabledOnly: true });
    // the run's own times are taken here, after the lock wait (now() would be the transaction's start), and passed as
    // parameters: Citus refuses now()/clock_timestamp() in writes to distributed and replicated tables
    const ctx = await compileContext(sql, models);
    const [run] = await sql.query<{ id: string }>(`INSERT INTO alert_run (as_of, trigger, started_at) VALUES ($1::date, $2, $3::timestamptz) RETURNING id::text`, [
      asOf,
      opts.trigger ?? 'manual',
      new Date(started).toISOString(),
    ]);
    await sql.query(NEW_WARNINGS_DDL);
    const newCounts: Record<string, number> = {};
    for (const def of models) {
      let c;
      try {
        c = compileModel(def, { asOf, runId: run.id }, ctx);
      } catch (err) {
        throw new AlertsInputError(`模型 ${def.name}（${def.title}）无法运行: ${(err as Error).message}`);
      }
      const [r] = await sql.query<{ new: number }>(c.text, c.values);
      newCounts[def.name] = r.new;
      opts.onModel?.(def.name, r, def.title);
    }
    const [adv] = await sql.query<{ n: number }>(ESCALATION_SQL.advance, [asOf, run.id, opts.now?.toISOString() ?? null]);
    const [opn] = await sql.query<{ n: number }>(ESCALATION_SQL.open, [asOf, run.id]);
    await sql.query(ESCALATION_SQL.write, [run.id, JSON.stringify(Object.fromEntries(models.map((m) => [m.name, m.version])))]);
    const [inc] = await sql.query<{ n: number }>(INCOMPLETE_RECTIFICATION_SQL, [run.id, asOf, (opts.now ?? new Date()).toISOString()]);
    opts.onRectificationsIncomplete?.(inc.n);
    const totals = await sql.query<{ model: string; n: number }>(`SELECT model, count(*)::int AS n FROM alert_warning GROUP BY model`);
    const totalBy = new Map(totals.map((t) => [t.model, t.n]));
    const result: RunResult = {
      asOf,
      models: Object.fromEntries(models.map((m) => [m.name, { new: newCounts[m.name], total: totalBy.get(m.name) ?? 0 }])),
      escalations: { opened: opn.n, advanced: adv.n },
    };
    const finished = Date.now();
    await sql.query(
      `UPDATE alert_run SET finished_at = $6::timestamptz, duration_ms = $2, counts = $3::jsonb, opened = $4, advanced = $5 WHERE id = $1::uuid`,
      [run.id, finished - started, JSON.stringify(result.models), opn.n, adv.n, new Date(finished).toISOString()],
    );
    return result;
  });
}

export type DryRunHit = {
  subject: string;
  unitCode: string | null;
  itemCode: string | null;
  caseNo: string | null;
  applicantId: string | null;
  values: Record<string, unknown>;
  isNew: boolean;
};

/** 试运行: hit count and up to 20 sample hits of a (possibly unsaved) definition on current data; writes nothing. */
export async function dryRunModel(db: EngineDb, input: unknown, asOf: string): Promise<{ asOf: string; hits: number; newHits: number; samples: DryRunHit[] }> {
  assertAsOf(asOf);
  const def = parseModel(input);
  // the deadline models read the work calendar, which a run refreshes first: refresh inside a transaction that is
  // rolled back, so a dry run leaves the database exactly as it found it
  return withRollback(db, async (sql) => {
    const ctx = await checkModel(sql, def);
    if (def.kind === 'overdue' || def.kind === 'unequal_treatment') await refreshWorkCalendar(sql);
    const c = compileDryRun(def, asOf, ctx);
    const rows = await sql.query<DryRunHit & { hits: number; newHits: number }>(c.text, c.values);
    return {
      asOf,
      hits: rows[0]?.hits ?? 0,
      newHits: rows[0]?.newHits ?? 0,
      samples: rows.map(({ hits: _h, newHits: _n, values, ...h }) => ({ ...h, values: typeof values === 'string' ? JSON.parse(values) : values })),
    };
  });
}

class Rollback<T> {
  constructor(readonly value: T) {}
}

/** Runs fn in a transaction that is always rolled back. */
async function withRollback<T>(db: EngineDb, fn: (sql: Sql) => Promise<T>): Promise<T> {
  try {
    await withTransaction(db, async (s) => {
      throw new Rollback(await fn(s.sql));
    });
  } catch (err) {
    if (err instanceof Rollback) return err.value as T;
    throw err;
  }
  throw new Error('unreachable');
}

// ---- staff actions ------------------------------------------------------------------------------------------------

/** A staff action the warning or escalation's current state does not allow (closed already, wrong stage): 409 ALERTS_STATE. */
export class AlertsStateError extends AppError {
  constructor(message: string) {
    super('conflict', 'ALERTS_STATE', message);
    this.name = 'AlertsStateError';
  }
}

export type AccountabilityPerson = { name: string; kind: string; detail?: string };

export type EscalationOutcome =
  | { stage: 'done'; note?: string }
  | { stage: 'unfounded'; note?: string }
  | {
      stage: 'accountability';
      /** 问责对象, stored structured (people jsonb) */
      people?: AccountabilityPerson[];
      /** yuan; decimal text ("12000.50") keeps it exact, a number is taken by its decimal text */
      moneyRecovered?: string | number;
      note?: string;
      /** the free texts of the record before it was structured; still accepted from the CLI and tests */
      discipline?: string;
      organisational?: string;
    };

/**
 * Staff close an `urge` case as done, a `verify` case as unfounded or accountability. The 问责 record (people, money
 * recovered) goes to its own columns; outcome keeps the stage, the note and any legacy texts. One statement: the
 * stage check and the write cannot be split by a concurrent close or run.
 */
export async function closeEscalation(sql: Sql, id: string, outcome: EscalationOutcome, by?: string, at?: Date): Promise<void> {
  const allowedFrom = outcome.stage === 'done' ? 'urge' : 'verify';
  const { people, moneyRecovered, ...rest } = outcome.stage === 'accountability' ? outcome : { ...outcome, people: undefined, moneyRecovered: undefined };
  // a 督办 answered through a 督办通知书 closes when its rectification is accepted (urge-notices.ts), not by hand
  const rows = await sql.query<{ id: string }>(
    `UPDATE escalation_case SET stage = $2, open_key = NULL, closed_at = $6::timestamptz, closed_by = $3,
            outcome = $4::jsonb, people = $7::jsonb, money_recovered = $8::numeric
      WHERE id = $1::uuid AND stage = $5
        AND ($2 <> 'done' OR NOT EXISTS (SELECT 1 FROM urge_notice n WHERE n.escalation_id = $1::uuid AND n.status <> 'completed'))
      RETURNING id`,
    [
      id,
      outcome.stage,
      by ?? null,
      JSON.stringify(rest),
      allowedFrom,
      // a parameter, not now(): Citus refuses non-immutable functions in an UPDATE of a replicated table
      (at ?? new Date()).toISOString(),
      outcome.stage === 'accountability' ? JSON.stringify(people ?? []) : null,
      moneyRecovered === undefined ? null : String(moneyRecovered),
    ],
  );
  if (!rows.length) {
    if (outcome.stage === 'done') {
      const [open] = await sql.query<{ serial: string }>(`SELECT serial FROM urge_notice WHERE escalation_id = $1::uuid AND status <> 'completed' LIMIT 1`, [id]);
      if (open) throw new AlertsStateError(`已下发督办通知书${open.serial}，单位整改经验收后自动办结，不能直接办结`);
    }
    throw new AlertsStateError(`督办案件不存在或不处于${allowedFrom === 'urge' ? '督办' : '核查'}阶段，不能办结为 ${outcome.stage}`);
  }
}

export type WarningClosing = { reason: WarningCloseReason; note?: string };

/** A warning's distribution column (its item_key) found by id alone: the id index of every shard on Citus. */
export async function warningItemKey(sql: Sql, id: string): Promise<string | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  const [row] = await sql.query<{ item_key: string }>(`SELECT item_key FROM alert_warning WHERE id = $1::uuid`, [id]);
  return row?.item_key ?? null;
}

/**
 * Closes a warning with the reason staff chose (属实 / 合理原因 / 数据错误 / 重复) and who closed it; a group warning's
 * subject may then be raised again by a later run. The update names the warning's distribution column (one shard on
 * Citus): `itemKey` when the caller knows it (the item of the warning as listed, '' when it has none), else looked up
 * by id first. The time is a parameter (Citus refuses now() in an UPDATE of a distributed table).
 */
export async function closeWarning(sql: Sql, id: string, closing: WarningClosing, by?: string, at?: Date, itemKey?: string | null): Promise<void> {
  const key = itemKey ?? (await warningItemKey(sql, id));
  const rows =
    key === null
      ? []
      : await sql.query<{ id: string }>(
          `UPDATE alert_warning SET status = 'closed', closed_at = $5::timestamptz, closed_by = $4::uuid,
                  close_reason = $2, close_note = nullif($3, ''),
                  identity_key = CASE WHEN level = 'group' THEN NULL ELSE identity_key END
            WHERE item_key = $6 AND id = $1::uuid AND status = 'open' RETURNING id`,
          [id, closing.reason, closing.note ?? null, by ?? null, (at ?? new Date()).toISOString(), key],
        );
  if (!rows.length) throw new AlertsStateError('预警不存在或已关闭');
}

export type WarningListItem = {
  model: string;
  unit_code: string | null;
  item_code: string | null;
  case_no: string | null;
  applicant_id: string | null;
  stage: string | null;
  as_of: string;
};

export async function listWarnings(sql: Sql, filter: { model?: string } = {}): Promise<WarningListItem[]> {
  return sql.query<WarningListItem>(
    `SELECT w.model, w.unit_code, coalesce(w.item_code, c.item_code) AS item_code, w.case_no,
            coalesce(w.applicant_id, c.applicant_id) AS applicant_id, e.stage, w.as_of::text AS as_of
       FROM alert_warning w
       LEFT JOIN escalation_case e ON e.id = w.escalation_id
       LEFT JOIN service_case c ON c.item_code = w.item_key AND c.case_no = w.case_no
      WHERE ($1::text IS NULL OR w.model = $1::text)
      ORDER BY w.model, w.subject, w.as_of, w.created_at`,
    [filter.model ?? null],
  );
}
