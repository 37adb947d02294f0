// Warnings as staff read them: the list (filtered, scoped to what the reader may see), one warning's detail with the
// service cases or data-set rows behind it, and the audited reveal of the ID numbers those show masked.
import { maskIdNumbers, maskIdNumbersDeep, type AlertWarning, type AlertWarningDetail, type WarningReveal, type WarningSourceCase, type WarningSourceRow } from '@msjd/shared/alerts';
import { type ExplainContext, explainWarning, subjectText } from './explain';
import type { Sql } from './sql';

export type WarningFilter = {
  id?: string;
  model?: string;
  unitCode?: string;
  stage?: string;
  status?: string;
  asOfFrom?: string;
  asOfTo?: string;
};
/** Who reads: a tour group sees the units it inspects in an active round, a liaison their own unit, others all. */
export type WarningReader = { tourGroupId: string | null; unitId: string | null };

const ISO = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const WHERE = `($1::text IS NULL OR w.model = $1) AND ($2::text IS NULL OR w.unit_code = $2)
  AND ($3::text IS NULL OR e.stage = $3) AND ($4::text IS NULL OR w.status = $4)
  AND ($5::text IS NULL OR w.unit_code IN (
        SELECT u.code FROM inspected_unit iu
          JOIN tour_round tr ON tr.id = iu."tourRoundId" AND tr.status = 'active'
          JOIN unit u ON u.id = iu."unitId"
         WHERE iu."tourGroupId"::text = $5))
  AND ($6::date IS NULL OR w.as_of >= $6::date) AND ($7::date IS NULL OR w.as_of <= $7::date)
  AND ($8::text IS NULL OR w.unit_code IN (SELECT u.code FROM unit u WHERE u.id::text = $8))
  AND ($9::uuid IS NULL OR w.id = $9::uuid)`;

const GROUP_UNIT_CODES = `SELECT u.code FROM inspected_unit iu
  JOIN tour_round tr ON tr.id = iu."tourRoundId" AND tr.status = 'active'
  JOIN unit u ON u.id = iu."unitId"
 WHERE iu."tourGroupId"::text = $1`;

type Row = Omit<AlertWarning, 'subjectText' | 'explanation'> & {
  kind: string;
  params: Record<string, unknown> | string;
  itemName: string | null;
  unitName: string | null;
};

function paramsOf(f: WarningFilter, r: WarningReader) {
  return [f.model ?? null, f.unitCode ?? null, f.stage ?? null, f.status ?? null, r.tourGroupId, f.asOfFrom ?? null, f.asOfTo ?? null, r.unitId, f.id ?? null];
}

async function explainContext(sql: Sql, rows: Row[]): Promise<ExplainContext> {
  const days = new Set<string>();
  for (const r of rows) {
    if (r.kind !== 'overdue') continue;
    for (const d of [r.values.accepted_on, r.values.deadline, r.values.finished_on ?? r.asOf]) if (typeof d === 'string') days.add(d);
  }
  const [seqs, sets] = await Promise.all([
    days.size
      ? sql.query<{ day: string; seq: number }>(`SELECT day::text AS day, workday_seq AS seq FROM work_calendar WHERE day = ANY($1::date[])`, [[...days]])
      : Promise.resolve([]),
    sql.query<{ name: string; label: string }>(`SELECT name, label FROM alert_dataset`),
  ]);
  const labels = new Map(sets.map((s) => [s.name, s.label]));
  return { workdaySeq: new Map(seqs.map((s) => [s.day, Number(s.seq)])), datasetLabel: (n) => labels.get(n) ?? n };
}

function present(rows: Row[], ctx: ExplainContext): AlertWarning[] {
  return rows.map(({ kind, params, itemName, unitName, ...w }) => {
    const p = (typeof params === 'string' ? JSON.parse(params) : (params ?? {})) as Record<string, unknown>;
    const e = { ...w, kind, params: p, itemName, unitName };
    return {
      ...w,
      applicantId: maskIdNumbers(w.applicantId),
      subject: maskIdNumbers(w.subject),
      values: maskIdNumbersDeep(w.values),
      subjectText: subjectText(e, ctx),
      explanation: explainWarning(e, ctx),
    };
  });
}

/** Counted exactly up to this many matching warnings; past it the total is the planner's estimate (the list says 约). */
export const WARNING_EXACT_COUNT = 2_000;

/**
 * The warnings matching the filter that the reader may see, newest as-of first, explained and with IDs masked.
 * The page is picked from alert_warning alone in index order ((as_of desc, model, subject), by model or by unit) and
 * only its rows are decorated, so a deep page skips index entries rather than joined rows. The total is exact up to
 * WARNING_EXACT_COUNT and otherwise the planner's estimate for the same conditions (`totalExact: false`).
 */
export async function listWarningItems(
  sql: Sql,
  filter: WarningFilter,
  reader: WarningReader,
  page = { page: 1, pageSize: 50 },
  exactUpTo = WARNING_EXACT_COUNT,
): Promise<{ items: AlertWarning[]; total: number; totalExact: boolean }> {
  const params = paramsOf(filter, reader);
  let where = filter.stage ? WHERE : WHERE.replace('($3::text IS NULL OR e.stage = $3)', '$3::text IS NULL');
  // the reader's units resolved first, so the filter is an equality on unit_code that the index and the planner's
  // statistics (hence the estimate) both see; a reader with no unit matches nothing
  if (reader.unitId !== null) {
    const [unit] = await sql.query<{ code: string }>(`SELECT code FROM unit WHERE id::text = $1`, [reader.unitId]);
    where = where.replace('w.unit_code IN (SELECT u.code FROM unit u WHERE u.id::text = $8)', 'w.unit_code = $8');
    params[7] = unit?.code ?? '';
  }
  if (reader.tourGroupId !== null) {
    const codes = await sql.query<{ code: string }>(GROUP_UNIT_CODES, [reader.tourGroupId]);
    where = where.replace('$5::text IS NULL OR ', '').replace(/w\.unit_code IN \(\s*SELECT u\.code FROM inspected_unit iu[^]*?WHERE iu\."tourGroupId"::text = \$5\)/, 'w.unit_code = ANY($5::text[])');
    params[4] = codes.map((c) => c.code) as never;
  }
  // the stage lives on the escalation case: joined only when asked for
  const matching = `FROM alert_warning w ${filter.stage ? 'LEFT JOIN escalation_case e ON e.id = w.escalation_id' : ''} WHERE ${where}`;
  const [rows, [{ n }]] = await Promise.all([
    sql.query<Row>(
      `WITH p AS (SELECT w.item_key, w.id ${matching} ORDER BY w.as_of DESC, w.model, w.subject, w.id LIMIT $10 OFFSET $11)
       SELECT w.id::text AS id, w.model, w.model_version AS "modelVersion", w.level, w.subject, w.unit_code AS "unitCode",
              coalesce(w.item_code, c.item_code) AS "itemCode", w.case_no AS "caseNo",
              coalesce(w.applicant_id, c.applicant_id) AS "applicantId", w.as_of::text AS "asOf", w."values", w.status,
              e.stage, w.escalation_id::text AS "escalationId",
              ${ISO('w.closed_at')} AS "closedAt",
              w.close_reason AS "closeReason", w.close_note AS "closeNote", su."displayName" AS "closedByName",
              coalesce(m.title, v.title, w.model) AS "modelTitle", coalesce(v.kind, m.kind, '') AS kind,
              coalesce(v.params, m.params, '{}'::jsonb) AS params, c.item_name AS "itemName", coalesce(un.name, c.unit_name) AS "unitName"
         FROM p
         JOIN alert_warning w ON w.item_key = p.item_key AND w.id = p.id
         LEFT JOIN escalation_case e ON e.id = w.escalation_id
         LEFT JOIN service_case c ON c.item_code = w.item_key AND c.case_no = w.case_no
         LEFT JOIN staff_user su ON su.id = w.closed_by
         LEFT JOIN alert_model m ON m.name = w.model
         LEFT JOIN alert_model_version v ON v.model = w.model AND v.version = w.model_version
         LEFT JOIN unit un ON un.code = w.unit_code
        ORDER BY w.as_of DESC, w.model, w.subject, w.id`,
      [...params, page.pageSize, (page.page - 1) * page.pageSize],
    ),
    // counting stops one past the bound: beyond it only the estimate is asked for
    sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 ${matching} LIMIT ${exactUpTo + 1}) x`, params),
  ]);
  const totalExact = n <= exactUpTo;
  const total = totalExact ? n : Math.max(exactUpTo + 1, await plannedRows(sql, `SELECT 1 ${matching}`, params));
  const parsed = rows.map((r) => ({ ...r, values: typeof r.values === 'string' ? JSON.parse(r.values) : r.values }));
  return { items: present(parsed, await explainContext(sql, parsed)), total, totalExact };
}

/** The planner's row estimate for a query with these parameters (its statistics of model, unit, status and as-of). */
async function plannedRows(sql: Sql, query: string, params: unknown[]): Promise<number> {
  const [row] = await sql.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${query}`, params);
  const raw = row?.['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: { 'Plan Rows': number } }[];
  return Math.round(plan[0]?.Plan['Plan Rows'] ?? 0);
}

const SOURCE_LIMIT = 50;

type CaseRow = WarningSourceCase & { total?: number };
const CASE_COLUMNS = `c.case_no AS "caseNo", c.unit_code AS "unitCode", c.unit_name AS "unitName", c.item_code AS "itemCode", c.item_name AS "itemName",
  c.applicant_id AS "applicantId", c.applicant_type AS "applicantType", c.channel, ${ISO('c.accepted_at')} AS "acceptedAt",
  c.promised_days AS "promisedDays", ${ISO('c.finished_at')} AS "finishedAt", c.result, c.supplement_count AS "supplementCount", c.rating`;

/** `c.item_code = $2 AND` when the warning names its item: the distribution column, so one shard on Citus. */
const byItem = (w: { itemCode: string | null }) => (w.itemCode ? 'c.item_code = $2 AND' : '');

/** The service cases a warning came from: its own case, an obstruction's cases, a low pass rate's finished cases. */
async function sourceCases(sql: Sql, w: AlertWarning & { kind: string }): Promise<{ cases: WarningSourceCase[]; total: number }> {
  let rows: CaseRow[] = [];
  if (w.kind === 'obstruction' && Array.isArray(w.values.cases)) {
    // an obstruction's cases are all of its item: naming it keeps the lookup in one shard on Citus
    rows = await sql.query<CaseRow>(
      `SELECT ${CASE_COLUMNS} FROM service_case c WHERE ${byItem(w)} c.case_no = ANY($1::text[]) ORDER BY c.case_no LIMIT ${SOURCE_LIMIT}`,
      [w.values.cases.map(String), ...(w.itemCode ? [w.itemCode] : [])],
    );
    return { cases: rows, total: w.values.cases.length };
  }
  if (w.kind === 'low_pass_rate' && w.unitCode && w.itemCode) {
    // the finished cases of the window the run counted (datasets.md: finish dates in [as-of - (w - 1), as-of])
    rows = await sql.query<CaseRow>(
      `SELECT ${CASE_COLUMNS}, count(*) OVER ()::int AS total FROM service_case c
        WHERE c.unit_code = $1 AND c.item_code = $2 AND c.accepted_on <= $3::date AND c.result IN ('approved', 'rejected', 'returned')
          AND c.finished_on BETWEEN $3::date - ($4::int - 1) AND $3::date
        ORDER BY c.finished_on, c.case_no LIMIT ${SOURCE_LIMIT}`,
      [w.unitCode, w.itemCode, w.asOf, Number(w.values.window_days ?? 90)],
    );
    return { cases: rows.map(({ total: _t, ...c }) => c), total: rows[0]?.total ?? 0 };
  }
  if (w.caseNo)
    rows = await sql.query<CaseRow>(`SELECT ${CASE_COLUMNS} FROM service_case c WHERE ${byItem(w)} c.case_no = $1`, [
      w.caseNo,
      ...(w.itemCode ? [w.itemCode] : []),
    ]);
  return { cases: rows, total: rows.length };
}

type Matched = { dataset: string; key: string; values: Record<string, string | null> };
function matchedRows(w: AlertWarning & { kind: string }): Matched[] {
  if (w.kind !== 'collision') return [];
  return [w.values.left, w.values.right].filter((m): m is Matched => typeof m === 'object' && m !== null && 'dataset' in m && 'key' in m);
}

async function sourceRows(sql: Sql, w: AlertWarning & { kind: string }): Promise<WarningSourceRow[]> {
  const matched = matchedRows(w);
  if (!matched.length) return [];
  const sets = await sql.query<{ name: string; label: string; columns: { name: string; label: string }[] | string }>(
    `SELECT name, label, columns FROM alert_dataset WHERE name = ANY($1::text[])`,
    [matched.map((m) => m.dataset)],
  );
  return matched.map((m) => {
    const set = sets.find((s) => s.name === m.dataset);
    const columns = (typeof set?.columns === 'string' ? JSON.parse(set.columns) : (set?.columns ?? [])) as { name: string; label: string }[];
    const names = columns.length ? columns.map((c) => c.name) : Object.keys(m.values ?? {});
    return {
      dataset: m.dataset,
      datasetLabel: set?.label ?? m.dataset,
      key: maskIdNumbers(String(m.key)),
      values: names.map((name) => ({
        column: name,
        label: columns.find((c) => c.name === name)?.label ?? name,
        value: maskIdNumbers(m.values?.[name] ?? null),
      })),
    };
  });
}

/** One warning as the reader may see it, with its model's kind and its values unmasked (to find its sources). */
async function oneWarning(sql: Sql, id: string, reader: WarningReader) {
  const { items } = await listWarningItems(sql, { id }, reader, { page: 1, pageSize: 1 });
  if (!items.length) return null;
  const [raw] = await sql.query<{ kind: string; values: Record<string, unknown> | string }>(
    `SELECT coalesce(v.kind, m.kind, '') AS kind, w."values" FROM alert_warning w
       LEFT JOIN alert_model m ON m.name = w.model LEFT JOIN alert_model_version v ON v.model = w.model AND v.version = w.model_version
      WHERE w.id = $1::uuid`,
    [id],
  );
  const values = (typeof raw.values === 'string' ? JSON.parse(raw.values) : raw.values) as Record<string, unknown>;
  return { shown: items[0], source: { ...items[0], kind: raw.kind, values } };
}

/** One warning with the service cases or data-set rows behind it; null when absent or outside the reader's scope. */
export async function warningDetail(sql: Sql, id: string, reader: WarningReader): Promise<AlertWarningDetail | null> {
  const found = await oneWarning(sql, id, reader);
  if (!found) return null;
  const [{ cases, total }, rows] = await Promise.all([sourceCases(sql, found.source), sourceRows(sql, found.source)]);
  return { warning: found.shown, cases: cases.map((c) => ({ ...c, applicantId: maskIdNumbers(c.applicantId) })), casesTotal: total, rows };
}

/** The full ID numbers of a warning and its sources (the caller audits the reveal); null when absent. */
export async function revealWarningIds(sql: Sql, id: string): Promise<WarningReveal | null> {
  const [raw] = await sql.query<{ applicantId: string | null; kind: string; values: Record<string, unknown> | string; caseNo: string | null; unitCode: string | null; itemCode: string | null; asOf: string }>(
    `SELECT coalesce(w.applicant_id, c.applicant_id) AS "applicantId", coalesce(v.kind, m.kind, '') AS kind, w."values",
            w.case_no AS "caseNo", w.unit_code AS "unitCode", coalesce(w.item_code, c.item_code) AS "itemCode", w.as_of::text AS "asOf"
       FROM alert_warning w
       LEFT JOIN service_case c ON c.item_code = w.item_key AND c.case_no = w.case_no
       LEFT JOIN alert_model m ON m.name = w.model
       LEFT JOIN alert_model_version v ON v.model = w.model AND v.version = w.model_version
      WHERE w.id = $1::uuid`,
    [id],
  );
  if (!raw) return null;
  const values = (typeof raw.values === 'string' ? JSON.parse(raw.values) : raw.values) as Record<string, unknown>;
  const w = { ...raw, values, kind: raw.kind } as unknown as AlertWarning & { kind: string };
  const { cases } = await sourceCases(sql, w);
  return {
    applicantId: raw.applicantId,
    cases: cases.map((c) => ({ caseNo: c.caseNo, applicantId: c.applicantId })),
    rows: matchedRows(w).map((m) => ({ dataset: m.dataset, key: String(m.key), values: m.values ?? {} })),
  };
}
