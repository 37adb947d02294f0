// 服务办理: the imported service cases (办件) as staff browse them. The table holds millions of rows (2.15 M at the
// report's scale), so: one fixed order that an index serves (accepted_at DESC, case_no DESC: case_no makes it total,
// so pages never repeat or skip a row), offsets bounded at SERVICE_CASE_MAX_OFFSET, and a total that is exact up to
// that bound and otherwise estimated from a repeatable block sample of the table (the list then says 约).
// Warnings are the alert engine's (explained and masked by its warnings module); reveal stays there, audited.
import {
  SERVICE_CASE_MAX_OFFSET,
  type ServiceCaseDetail,
  type ServiceCaseListResponse,
  type ServiceCaseSummary,
} from '@msjd/shared/service-cases';
import { maskIdNumbers } from '@msjd/shared/alerts';
import type { z } from 'zod';
import type { serviceCaseListQuery } from '@msjd/shared/service-cases';
import { addWorkdays, toShanghaiDate, workdaysBetween, loadOverrides, refreshWorkCalendar } from '../calendar';
import { type EngineDb, type Sql, withTransaction, listWarningItems, type WarningReader } from '../alerts';

export type ServiceCaseFilter = z.output<typeof serviceCaseListQuery>;

/** Who reads: a tour group the units it inspects in an active round, a liaison their own unit, others all. */
export type CaseReader = { tourGroupId: string | null; unitId: string | null };

export type CountOptions = {
  /** counted exactly up to this many matching rows */
  exactUpTo: number;
  /** rows the estimate reads (a block sample of about this many) */
  sampleRows: number;
  /** PostgreSQL only: a capped count slower than this falls back to the estimate */
  countTimeoutMs: number;
};
export const DEFAULT_COUNT: CountOptions = { exactUpTo: 2_000, sampleRows: 20_000, countTimeoutMs: 1500 };

const ISO = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The deadline of c (datasets.md): the promised_days-th working day after acceptance, the acceptance date for 0. */
const CALENDAR_JOINS = `LEFT JOIN work_calendar ws ON ws.day = c.accepted_on
  LEFT JOIN work_calendar wd ON wd.is_workday AND wd.workday_seq = ws.workday_seq + c.promised_days`;
const DEADLINE = `(CASE WHEN c.promised_days = 0 THEN c.accepted_on ELSE wd.day END)`;
/** Finished cases are late when they finished after the deadline; open ones once today ($today) is past it. */
const overdueExpr = (today: string) =>
  `coalesce(CASE WHEN c.result <> 'pending' AND c.finished_on IS NOT NULL THEN c.finished_on > ${DEADLINE} ELSE ${today}::date > ${DEADLINE} END, false)`;

/** Models whose group warnings list their cases in values.cases, subject = applicant|item (故意刁难). */
async function listingModels(sql: Sql): Promise<string[]> {
  const rows = await sql.query<{ name: string }>(
    `SELECT name FROM alert_model WHERE kind = 'obstruction' UNION SELECT model FROM alert_model_version WHERE kind = 'obstruction'`,
  );
  return rows.map((r) => r.name);
}

/** Every warning about case c: its own case-level ones, and group warnings that name it (indexed both ways). */
const warningsOf = (models: string) => `(SELECT count(*) FROM alert_warning aw WHERE aw.item_key = c.item_code AND aw.case_no = c.case_no)
  + (SELECT count(*) FROM alert_warning aw WHERE aw.model = ANY(${models}::text[]) AND aw.item_key = c.item_code AND aw.subject = c.applicant_id || '|' || c.item_code
                                              AND aw."values"->'cases' ? c.case_no)`;
/**
 * Whether case c has a warning, as a per-row probe of the two indexes (case_no; model, subject). Scalar subqueries,
 * because PostgreSQL would otherwise hash every warning (320 k at the report's scale) before it reads the first page.
 */
const warned = (models: string) => `((SELECT true FROM alert_warning aw WHERE aw.item_key = c.item_code AND aw.case_no = c.case_no LIMIT 1) IS NOT NULL
    OR (SELECT true FROM alert_warning aw WHERE aw.model = ANY(${models}::text[]) AND aw.item_key = c.item_code AND aw.subject = c.applicant_id || '|' || c.item_code
                                         AND aw."values"->'cases' ? c.case_no LIMIT 1) IS NOT NULL)`;

/** Databases ordered by code point (C, POSIX, C.UTF-8) let a prefix become a range of the case_no index. */
const codePointOrdered = new WeakMap<Sql, Promise<boolean>>();
function orderedByCodePoint(sql: Sql): Promise<boolean> {
  let known = codePointOrdered.get(sql);
  if (!known) {
    known = sql
      .query<{ c: string }>(`SELECT datcollate AS c FROM pg_database WHERE datname = current_database()`)
      .then((r) => /^(C|POSIX|C\.UTF-?8)$/i.test(r[0]?.c ?? ''));
    codePointOrdered.set(sql, known);
  }
  return known;
}

/** `simple`: conditions on the row's own columns (the planner's statistics estimate them); `derived`: overdue and warnings. */
type Built = { where: string; simple: string; derived: string | null; values: unknown[]; simpleValues: number; needsCalendar: boolean; bind: (v: unknown) => string };

async function build(sql: Sql, f: ServiceCaseFilter, reader: CaseReader, today: string): Promise<Built> {
  const values: unknown[] = [];
  const bind = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const and: string[] = [];
  if (reader.unitId) and.push(`c.unit_code IN (SELECT u.code FROM unit u WHERE u.id::text = ${bind(reader.unitId)})`);
  if (reader.tourGroupId !== null) {
    and.push(`c.unit_code IN (SELECT u.code FROM inspected_unit iu
        JOIN tour_round tr ON tr.id = iu."tourRoundId" AND tr.status = 'active'
        JOIN unit u ON u.id = iu."unitId"
       WHERE iu."tourGroupId"::text = ${bind(reader.tourGroupId)})`);
  }
  if (f.unitCode) and.push(`c.unit_code = ${bind(f.unitCode)}`);
  if (f.itemCode) and.push(`c.item_code = ${bind(f.itemCode)}`);
  if (f.applicantType) and.push(`c.applicant_type = ${bind(f.applicantType)}`);
  if (f.result) and.push(`c.result = ${bind(f.result)}`);
  // Beijing dates -> instants, so the (accepted_at, case_no) index serves both the range and the order
  if (f.acceptedFrom) and.push(`c.accepted_at >= (${bind(f.acceptedFrom)}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
  if (f.acceptedTo) and.push(`c.accepted_at < (${bind(f.acceptedTo)}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
  if (f.finishedFrom) and.push(`c.finished_on >= ${bind(f.finishedFrom)}::date`);
  if (f.finishedTo) and.push(`c.finished_on <= ${bind(f.finishedTo)}::date`);
  if (f.caseNo) {
    // a pasted case number or its beginning; LIKE's own wildcards in the input are taken literally
    and.push(`c.case_no LIKE ${bind(f.caseNo.replace(/[\\%_]/g, (m) => `\\${m}`) + '%')}`);
    if (await orderedByCodePoint(sql)) {
      const last = f.caseNo.codePointAt(f.caseNo.length - 1)!;
      const next = f.caseNo.slice(0, f.caseNo.length - (last > 0xffff ? 2 : 1)) + String.fromCodePoint(Math.min(last + 1, 0x10ffff));
      and.push(`c.case_no >= ${bind(f.caseNo)} AND c.case_no < ${bind(next)}`);
    }
  }
  const derived: string[] = [];
  // the conditions below bind after the plain ones, so the plain ones alone take the first `simpleValues` values
  const simpleValues = values.length;
  if (f.hasWarnings) {
    const models = bind(await listingModels(sql));
    derived.push(`${f.hasWarnings === 'true' ? '' : 'NOT '}${warned(models)}`);
  }
  const needsCalendar = f.overdue !== undefined;
  if (f.overdue) derived.push(`${f.overdue === 'true' ? '' : 'NOT '}${overdueExpr(bind(today))}`);
  const join = (cs: string[]) => (cs.length ? cs.join('\n    AND ') : 'true');
  return { where: join([...and, ...derived]), simple: join(and), derived: derived.length ? join(derived) : null, values, simpleValues, needsCalendar, bind };
}

/** work_calendar is built by the first alert run or calendar change; a fresh database may not have it yet. */
async function ensureWorkCalendar(sql: Sql) {
  const [{ ready }] = await sql.query<{ ready: boolean }>(`SELECT EXISTS (SELECT 1 FROM work_calendar) AS ready`);
  if (!ready) await refreshWorkCalendar(sql);
}

type SummaryRow = Omit<ServiceCaseSummary, 'warningCount'> & { warningCount: number | string };
const SUMMARY_COLUMNS = `c.case_no AS "caseNo", c.unit_code AS "unitCode", coalesce(un.name, c.unit_name) AS "unitName",
       c.item_code AS "itemCode", coalesce(c.item_name, si.name) AS "itemName", c.applicant_type AS "applicantType", c.channel,
       ${ISO('c.accepted_at')} AS "acceptedAt", ${ISO('c.finished_at')} AS "finishedAt", c.promised_days AS "promisedDays",
       ${DEADLINE}::text AS deadline, c.result`;

function summary(r: SummaryRow): ServiceCaseSummary {
  return { ...r, warningCount: Number(r.warningCount) };
}

/** A page of the cases matching the filter that the reader may see, newest acceptance first. */
export async function listServiceCases(
  db: EngineDb,
  filter: ServiceCaseFilter,
  reader: CaseReader,
  today: string,
  count: CountOptions = DEFAULT_COUNT,
): Promise<ServiceCaseListResponse> {
  await ensureWorkCalendar(db.sql);
  return readSession(db, async (sql, timed) => {
    const b = await build(sql, filter, reader, today);
    const from = `service_case c${b.needsCalendar ? `\n  ${CALENDAR_JOINS}` : ''}`;
    const pageValues = [...b.values];
    const p = (v: unknown) => {
      pageValues.push(v);
      return `$${pageValues.length}`;
    };
    const models = p(await listingModels(sql));
    const todayParam = p(today);
    const limit = p(filter.pageSize);
    const offset = p((filter.page - 1) * filter.pageSize);
    // the page is chosen first (index order, LIMIT), the calendar and the counts are joined to its rows only
    const rows = await sql.query<SummaryRow & { overdue: boolean }>(
      `WITH page AS (
    SELECT c.* FROM ${from}
     WHERE ${b.where}
     ORDER BY c.accepted_at DESC, c.case_no DESC
     LIMIT ${limit} OFFSET ${offset})
  SELECT ${SUMMARY_COLUMNS}, ${overdueExpr(todayParam)} AS overdue, ${warningsOf(models)} AS "warningCount"
    FROM page c
    ${CALENDAR_JOINS}
    LEFT JOIN unit un ON un.code = c.unit_code
    LEFT JOIN service_item si ON si.code = c.item_code
   ORDER BY c.accepted_at DESC, c.case_no DESC`,
      pageValues,
    );
    const { total, exact } = await countCases(sql, timed, from, b, count);
    return { items: rows.map(summary), total, totalExact: exact, pageable: Math.min(total, SERVICE_CASE_MAX_OFFSET) };
  });
}

/**
 * One read-only session for a list: on PostgreSQL a transaction with JIT off (a backward index scan that stops after
 * 20 rows is costed as if it read the table, and compiling it took 0.8 s of a 1 ms query) and a way to bound one
 * statement in time. PGlite has neither JIT nor timeouts.
 */
async function readSession<T>(db: EngineDb, fn: (sql: Sql, timed: Timed) => Promise<T>): Promise<T> {
  if (db.kind !== 'postgres') return fn(db.sql, async (_ms, q) => q(db.sql));
  return withTransaction(db, async (s) => {
    await s.sql.query('SET LOCAL jit = off');
    const timed: Timed = async (ms, q) => {
      await s.sql.query('SAVEPOINT timed');
      await s.sql.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(ms))}`);
      try {
        const result = await q(s.sql);
        await s.sql.query('SET LOCAL statement_timeout = 0');
        await s.sql.query('RELEASE SAVEPOINT timed');
        return result;
      } catch (err) {
        if ((err as { code?: string }).code !== '57014') throw err;
        // rolling back to the savepoint also undoes the SET LOCAL made after it
        await s.sql.query('ROLLBACK TO SAVEPOINT timed');
        return null;
      }
    };
    return fn(s.sql, timed);
  });
}
/** Runs q with a time limit; null when it ran out (PostgreSQL only: elsewhere it runs to the end). */
type Timed = <R>(ms: number, q: (sql: Sql) => Promise<R>) => Promise<R | null>;

/**
 * Exact up to `exactUpTo` rows (the bounded count stops there: cheap wherever an index narrows the filter). Past it,
 * or when the capped count runs past `countTimeoutMs` (a rare match no index finds), an estimate: the planner's row
 * estimate for the conditions on the row's own columns (its statistics know date ranges, units and items well),
 * times the share of overdue / warned cases among those conditions in a repeatable block sample of about
 * `sampleRows` rows (the planner cannot know that share). Repeatable, so paging does not move the figure.
 */
async function countCases(sql: Sql, timed: Timed, from: string, b: Built, opts: CountOptions): Promise<{ total: number; exact: boolean }> {
  const capped = `SELECT count(*)::int AS n FROM (SELECT 1 FROM ${from} WHERE ${b.where} LIMIT ${opts.exactUpTo + 1}) x`;
  const n = await timed(opts.countTimeoutMs, async (s) => (await s.query<{ n: number }>(capped, b.values))[0].n);
  if (n !== null && n <= opts.exactUpTo) return { total: n, exact: true };
  const [plan] = await sql.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) SELECT 1 FROM service_case c WHERE ${b.simple}`, b.values.slice(0, b.simpleValues));
  const planned = planRows(plan['QUERY PLAN']);
  let share = 1;
  if (b.derived) {
    const [{ rows }] = await sql.query<{ rows: number }>(`SELECT greatest(reltuples, 0)::float8 AS rows FROM pg_class WHERE oid = 'service_case'::regclass`);
    const percent = rows > 0 ? Math.min(100, Math.max(0.01, (100 * opts.sampleRows) / rows)) : 100;
    const sampled = from.replace('service_case c', `service_case c TABLESAMPLE SYSTEM (${percent.toFixed(4)}) REPEATABLE (20261)`);
    const [s] = await sql.query<{ simple: number; both: number; all: number; derived: number }>(
      `SELECT count(*) FILTER (WHERE s)::int AS simple, count(*) FILTER (WHERE s AND d)::int AS both, count(*)::int AS all, count(*) FILTER (WHERE d)::int AS derived
         FROM (SELECT ${b.simple} AS s, ${b.derived} AS d FROM ${sampled}) x`,
      b.values,
    );
    // too few sampled rows meet the plain conditions to say anything: take the share over the whole sample
    share = s.simple >= 50 ? s.both / s.simple : s.all ? s.derived / s.all : 0;
  }
  // at least what the capped count saw
  return { total: Math.max(Math.round(planned * share), n === null ? 0 : opts.exactUpTo + 1), exact: false };
}

function planRows(plan: unknown): number {
  const root = (typeof plan === 'string' ? JSON.parse(plan) : plan) as { Plan?: { 'Plan Rows'?: number } }[];
  return Number(root?.[0]?.Plan?.['Plan Rows'] ?? 0);
}

/** One case as the reader may see it, with its timeline, its warnings and its item's 申报材料; null when out of sight. */
export async function serviceCaseDetail(db: EngineDb, caseNo: string, reader: CaseReader, warningReader: WarningReader, now: Date): Promise<ServiceCaseDetail | null> {
  const sql = db.sql;
  await ensureWorkCalendar(sql);
  const today = toShanghaiDate(now);
  const b = await build(sql, {} as ServiceCaseFilter, reader, today);
  const key = b.bind(caseNo);
  const todayParam = b.bind(today);
  const [row] = await sql.query<
    SummaryRow & { overdue: boolean; applicantId: string; supplementCount: number; rating: number | null; importedAt: string; updatedAt: string; acceptedOn: string; finishedOn: string | null }
  >(
    `SELECT ${SUMMARY_COLUMNS}, ${overdueExpr(todayParam)} AS overdue, 0 AS "warningCount",
            c.applicant_id AS "applicantId", c.supplement_count AS "supplementCount", c.rating,
            ${ISO('c.imported_at')} AS "importedAt", ${ISO('c.updated_at')} AS "updatedAt",
            c.accepted_on::text AS "acceptedOn", c.finished_on::text AS "finishedOn"
       FROM service_case c
       ${CALENDAR_JOINS}
       LEFT JOIN unit un ON un.code = c.unit_code
       LEFT JOIN service_item si ON si.code = c.item_code
      WHERE c.case_no = ${key} AND ${b.where}`,
    b.values,
  );
  if (!row) return null;
  const models = await listingModels(sql);
  const ids = await sql.query<{ id: string }>(
    `SELECT aw.id::text AS id FROM alert_warning aw WHERE aw.item_key = $4 AND aw.case_no = $1
     UNION
     SELECT aw.id::text FROM alert_warning aw
      WHERE aw.model = ANY($2::text[]) AND aw.item_key = $4 AND aw.subject = $3 AND aw."values"->'cases' ? $1`,
    [caseNo, models, `${row.applicantId}|${row.itemCode}`, row.itemCode],
  );
  // the alert engine's own presentation (explained, IDs masked, the reader's warning scope applied)
  const warnings = (await Promise.all(ids.map(async ({ id }) => (await listWarningItems(sql, { id }, warningReader, { page: 1, pageSize: 1 })).items[0])))
    .filter((w) => w !== undefined)
    .sort((x, y) => (x.asOf === y.asOf ? x.modelTitle.localeCompare(y.modelTitle, 'zh') : y.asOf.localeCompare(x.asOf)));
  const [item] = await sql.query<{ code: string; name: string; unitName: string | null; promisedDays: number; materials: unknown }>(
    `SELECT si.code, si.name, u.name AS "unitName", si."promisedDays", si.materials FROM service_item si LEFT JOIN unit u ON u.id = si."unitId" WHERE si.code = $1`,
    [row.itemCode],
  );
  const overrides = await loadOverrides(sql);
  const finished = row.result !== 'pending' && row.finishedOn !== null;
  const end = finished ? row.finishedOn! : today;
  const deadline = addWorkdays(row.acceptedOn, row.promisedDays, overrides);
  const { acceptedOn, finishedOn, applicantId, supplementCount, rating, importedAt, updatedAt, ...rest } = row;
  const materials = typeof item?.materials === 'string' ? JSON.parse(item.materials) : item?.materials;
  return {
    case: { ...summary({ ...rest, overdue: end > deadline, warningCount: warnings.length }), deadline, applicantId: maskIdNumbers(applicantId), supplementCount, rating, importedAt, updatedAt },
    timeline: {
      acceptedOn,
      deadline,
      finishedOn: finished ? finishedOn : null,
      workdaysUsed: workdaysBetween(acceptedOn, end, overrides),
      workdaysOver: end > deadline ? workdaysBetween(deadline, end, overrides) : 0,
      measuredTo: end,
    },
    warnings,
    item: item
      ? { code: item.code, name: item.name, unitName: item.unitName, promisedDays: item.promisedDays, materials: Array.isArray(materials) ? materials.map(String) : [] }
      : null,
  };
}
