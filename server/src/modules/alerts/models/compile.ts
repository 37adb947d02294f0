// The pure compiler: a validated model definition -> one parameterised SQL statement that, for an as-of date, finds
// the hits set-based inside PostgreSQL and inserts the new warnings — those whose identity (model|subject) is not held
// by an existing warning — into the run's table of new warnings (NEW_WARNINGS_TABLE, a temp table the engine creates;
// it then applies the escalation ladder and writes them to alert_warning in one INSERT), returning their number.
// Bind parameters: $1 as-of date, $2 run id, $3 model name, $4.. the model's parameters.
import type { DatasetDeclaration } from '../datasets/store';
import { collisionHits } from './collision';
import { GROUP_KINDS, type ModelDefinition } from './definitions';

/** What a compile may need besides the definition: the declarations of the data sets collision models join. */
export type CompileContext = { datasets?: Map<string, DatasetDeclaration> };

export type CompiledModel = { text: string; values: unknown[] };

/** The temp table (ON COMMIT DROP) holding one run's new warnings; same columns as alert_warning's insert list. */
export const NEW_WARNINGS_TABLE = 'alert_new_warning';
export const NEW_WARNINGS_DDL = `CREATE TEMP TABLE ${NEW_WARNINGS_TABLE} (
  model text NOT NULL, level text NOT NULL, subject text NOT NULL, identity_key text NOT NULL, run_id uuid NOT NULL,
  as_of date NOT NULL, unit_code text, item_code text, case_no text, applicant_id text, "values" jsonb NOT NULL
) ON COMMIT DROP`;

/** Cases that exist at as-of, with `fin` = finished by as-of (approved/rejected/returned, finish date <= as-of). */
const CASES = `cases AS (
  SELECT c.*, (c.result IN ('approved', 'rejected', 'returned') AND c.finished_on <= $1::date) AS fin
    FROM service_case c
   WHERE c.accepted_on <= $1::date)`;

/** finish dates in the `windowParam`-day window ending at as-of: [as-of - (w - 1), as-of] */
const inWindow = (col: string, windowParam: string) => `${col} BETWEEN $1::date - (${windowParam}::int - 1) AND $1::date`;

/**
 * Each kind's hits: columns subject, unit_code, item_code, case_no, applicant_id, vals (jsonb).
 * Returns the CTE list (after `cases`) ending with `hits`, and the extra bind values ($4..).
 */
function hitsFor(def: ModelDefinition, ctx: CompileContext): { ctes: string; values: unknown[] } {
  switch (def.kind) {
    case 'collision':
      return collisionHits(def.params, ctx.datasets ?? new Map(), 4);
    case 'overdue':
      return {
        values: [],
        ctes: `dl AS (
  SELECT c.*, CASE WHEN c.promised_days = 0 THEN c.accepted_on ELSE d.day END AS deadline
    FROM cases c
    LEFT JOIN work_calendar s ON s.day = c.accepted_on
    LEFT JOIN work_calendar d ON d.is_workday AND d.workday_seq = s.workday_seq + c.promised_days),
hits AS (
  SELECT dl.case_no AS subject, dl.unit_code, dl.item_code, dl.case_no, dl.applicant_id,
         jsonb_build_object('accepted_on', dl.accepted_on, 'promised_days', dl.promised_days, 'deadline', dl.deadline,
                            'finished_on', CASE WHEN dl.fin THEN dl.finished_on END) AS vals
    FROM dl
   WHERE CASE WHEN dl.fin THEN dl.finished_on > dl.deadline ELSE $1::date > dl.deadline END)`,
      };
    case 'low_pass_rate':
      return {
        values: [def.params.windowDays, def.params.minFinished, def.params.maxPassRate],
        ctes: `g AS (
  SELECT c.unit_code, c.item_code, count(*) AS finished, count(*) FILTER (WHERE c.result = 'approved') AS approved
    FROM cases c
   WHERE c.fin AND ${inWindow('c.finished_on', '$4')}
   GROUP BY c.unit_code, c.item_code),
hits AS (
  SELECT g.unit_code || '|' || g.item_code AS subject, g.unit_code, g.item_code, NULL::text AS case_no, NULL::text AS applicant_id,
         jsonb_build_object('finished', g.finished, 'approved', g.approved,
                            'pass_rate', round(g.approved::numeric / g.finished, 4), 'window_days', $4::int) AS vals
    FROM g
   WHERE g.finished >= $5::int AND g.approved::numeric / g.finished < $6::numeric)`,
      };
    case 'not_one_time':
      return {
        values: [def.params.minSupplements],
        ctes: `hits AS (
  SELECT c.case_no AS subject, c.unit_code, c.item_code, c.case_no, c.applicant_id,
         jsonb_build_object('supplement_count', c.supplement_count) AS vals
    FROM cases c
   WHERE c.supplement_count >= $4::int)`,
      };
    case 'unequal_treatment':
      return {
        values: [def.params.windowDays, def.params.minFinished, def.params.factor, def.params.minMedian],
        // f is read twice, so PostgreSQL materialises it: carry only the columns the hits need, not the whole case
        ctes: `f AS (
  SELECT c.case_no, c.unit_code, c.item_code, c.applicant_id, (e.workday_seq - s.workday_seq) AS duration
    FROM cases c
    JOIN work_calendar s ON s.day = c.accepted_on
    JOIN work_calendar e ON e.day = c.finished_on
   WHERE c.fin AND ${inWindow('c.finished_on', '$4')}),
st AS (
  SELECT f.item_code, count(*) AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY f.duration) AS median
    FROM f GROUP BY f.item_code HAVING count(*) >= $5::int),
hits AS (
  SELECT f.case_no AS subject, f.unit_code, f.item_code, f.case_no, f.applicant_id,
         jsonb_build_object('duration', f.duration, 'median', st.median, 'finished', st.n, 'factor', $6::numeric) AS vals
    FROM f JOIN st ON st.item_code = f.item_code
   WHERE f.duration > $6::numeric * greatest(st.median::numeric, $7::numeric))`,
      };
    case 'dissatisfied':
      return {
        values: [def.params.maxRating],
        ctes: `hits AS (
  SELECT c.case_no AS subject, c.unit_code, c.item_code, c.case_no, c.applicant_id,
         jsonb_build_object('rating', c.rating) AS vals
    FROM cases c
   WHERE c.rating BETWEEN 1 AND $4::int)`,
      };
    case 'obstruction':
      return {
        values: [def.params.windowDays, def.params.minCount, def.params.results],
        ctes: `g AS (
  SELECT c.applicant_id, c.item_code, mode() WITHIN GROUP (ORDER BY c.unit_code) AS unit_code, count(*) AS n,
         array_agg(c.case_no ORDER BY c.case_no) AS case_nos
    FROM cases c
   WHERE c.fin AND c.result = ANY($6::text[]) AND ${inWindow('c.finished_on', '$4')}
   GROUP BY c.applicant_id, c.item_code),
hits AS (
  SELECT g.applicant_id || '|' || g.item_code AS subject, g.unit_code, g.item_code, NULL::text AS case_no, g.applicant_id,
         jsonb_build_object('count', g.n, 'cases', to_jsonb(g.case_nos), 'window_days', $4::int) AS vals
    FROM g
   WHERE g.n >= $5::int)`,
      };
  }
}

/**
 * The identity check as an anti-join, not a correlated NOT EXISTS (Citus plans no correlated subquery against a
 * distributed table): the stored warning with the hit's identity, matched on the warnings' distribution column too —
 * the hit's item (service cases and warnings are co-located by item), or '' for collisions (no item) — so on Citus the
 * join stays inside each shard group. `w.id IS NULL` marks a hit no warning holds. The identity also names the model
 * (redundant: model names cannot hold '|'): PostgreSQL then hashes only this model's warnings through the
 * (model, subject) index instead of every warning of every model.
 */
function heldBy(def: ModelDefinition): string {
  const item = def.kind === 'collision' ? `w.item_key = ''` : 'w.item_key = h.item_code';
  return `LEFT JOIN alert_warning w ON ${item} AND w.model = $3::text AND w.identity_key = $3::text || '|' || h.subject`;
}

/** Compiles a definition for one run. Pure: same input, same SQL text and values. */
export function compileModel(def: ModelDefinition, run: { asOf: string; runId: string }, ctx: CompileContext = {}): CompiledModel {
  const { ctes, values } = hitsFor(def, ctx);
  const level = GROUP_KINDS.has(def.kind) ? 'group' : 'case';
  const text = `WITH ${def.kind === 'collision' ? '' : `${CASES},\n`}${ctes},
ins AS (
  INSERT INTO ${NEW_WARNINGS_TABLE} (model, level, subject, identity_key, run_id, as_of, unit_code, item_code, case_no, applicant_id, "values")
  SELECT $3::text, '${level}', h.subject, $3::text || '|' || h.subject, $2::uuid, $1::date,
         h.unit_code, h.item_code, h.case_no, h.applicant_id, h.vals
    FROM hits h
    ${heldBy(def)}
   WHERE w.id IS NULL
  RETURNING 1)
SELECT count(*)::int AS new FROM ins`;
  return { text, values: [run.asOf, run.runId, def.name, ...values] };
}

/**
 * The dry run of a definition (自主建模 试运行): the same hits, SELECT only — nothing is written. Returns every hit's
 * count, how many a real run would raise (identity not held by an existing warning), and the first `limit` hits by
 * subject. Binds as compileModel ($2 carries no run: a dry run has none).
 */
export function compileDryRun(def: ModelDefinition, asOf: string, ctx: CompileContext = {}, limit = 20): CompiledModel {
  const { ctes, values } = hitsFor(def, ctx);
  const text = `WITH ${def.kind === 'collision' ? '' : `${CASES},\n`}${ctes},
marked AS (
  SELECT h.*, w.id IS NULL AS is_new
    FROM hits h
    ${heldBy(def)}
   WHERE $1::date IS NOT NULL AND $2::uuid IS NULL)
SELECT m.subject, m.unit_code AS "unitCode", m.item_code AS "itemCode", m.case_no AS "caseNo", m.applicant_id AS "applicantId",
       m.vals AS "values", m.is_new AS "isNew",
       (count(*) OVER ())::int AS hits, (count(*) FILTER (WHERE m.is_new) OVER ())::int AS "newHits"
  FROM marked m
 ORDER BY m.subject
 LIMIT ${Number.isInteger(limit) && limit > 0 ? limit : 20}`;
  return { text, values: [asOf, null, def.name, ...values] };
}
