// 统计分析: every figure is one SQL aggregate over the period and the period of the same length before it, in
// Beijing dates (a report submitted at 2026-10-31 16:30 UTC belongs to 2026-11-01). Rates are taken over the
// cohort of reports submitted in the period, so a period's figures do not move when later periods are added.
import {
  alertStageLabels,
  reportChannelLabels,
  reportStatusLabels,
  statisticsRateKeys,
  type ReportChannel,
  type ReportStatus,
  type StatisticsCountRow,
  type StatisticsQuery,
  type StatisticsRate,
  type StatisticsRateKey,
  type StatisticsResponse,
} from '@msjd/shared';
import { addDays, type IsoDate } from '../calendar';

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

/** The report scope of a role, as SQL over alias `r` with its id in $1 (or no filter). */
export interface ReportScope {
  clause: string;
  param: string | null;
}
export const ALL_REPORTS: ReportScope = { clause: 'TRUE', param: null };

const NO_UNIT = '未指明';
const NOT_TOWNSHIP = '县直及其他';

/** The period of the same length ending the day before `from`. */
export function previousPeriod(from: IsoDate, to: IsoDate): { from: IsoDate; to: IsoDate } {
  const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  const prevTo = addDays(from, -1);
  return { from: addDays(prevTo, -days), to: prevTo };
}

/** Beijing midnight of $n as an instant, for range conditions on timestamptz columns. */
const startOf = (p: string) => `((${p})::date::timestamp AT TIME ZONE 'Asia/Shanghai')`;
const endOf = (p: string) => `(((${p})::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;
const shanghaiDay = (col: string) => `((${col}) AT TIME ZONE 'Asia/Shanghai')::date`;

/** Reports of both periods, tagged 'cur' / 'prev'; $1..$3 = from, to, previous from (the previous period ends the day before from). */
const cohort = (scope: ReportScope, scopeParam: string) => `
  SELECT CASE WHEN r.submitted_at >= ${startOf('$1')} THEN 'cur' ELSE 'prev' END AS k, r.*
    FROM report r
   WHERE r.submitted_at >= ${startOf('$3')} AND r.submitted_at < ${endOf('$2')}
     AND ${scope.clause.replaceAll('$S', scopeParam)}`;

function rateOf(numerator: number, denominator: number): StatisticsRate {
  return { numerator, denominator, rate: denominator === 0 ? null : numerator / denominator };
}

type Rates = Record<StatisticsRateKey, StatisticsRate>;

/**
 * The handling rates of the reports submitted in [from, to] (and the previous period), as of `today`.
 * The acceptance decision is the first event leaving 已提交 (受理, 不予受理 or 合并).
 */
export async function reportRates(sql: Sql, q: StatisticsQuery, today: IsoDate, scope: ReportScope = ALL_REPORTS): Promise<{ current: Rates; previous: Rates }> {
  const prev = previousPeriod(q.from, q.to);
  const params: unknown[] = [q.from, q.to, prev.from, today];
  if (scope.param !== null) params.push(scope.param);
  const rows = await sql.query<Record<string, string | number>>(
    `WITH c AS (${cohort(scope, '$5')}),
          d AS (
            SELECT c.*, ${shanghaiDay('dec.at')} AS decided_on, ${shanghaiDay('c.replied_at')} AS replied_on
              FROM c
              -- each report's first decision, grouped once over the (from_status, report_id, at) index and hash-joined,
              -- rather than one index probe per report of the cohort
              LEFT JOIN (SELECT e.report_id, min(e.at) AS at FROM report_event e WHERE e.from_status = 'submitted' GROUP BY e.report_id) dec
                ON dec.report_id = c.id),
          f AS (
            SELECT k,
                   decided_on IS NOT NULL OR (status = 'submitted' AND accept_due_on < $4::date) AS accept_due,
                   decided_on IS NOT NULL AND decided_on <= accept_due_on AS accept_on_time,
                   reply_due_on IS NOT NULL AND (replied_on IS NOT NULL OR (status IN ('accepted', 'assigned', 'in_progress') AND reply_due_on < $4::date)) AS reply_due,
                   replied_on IS NOT NULL AND replied_on <= reply_due_on AS reply_on_time,
                   (decided_on > accept_due_on) OR (decided_on IS NULL AND status = 'submitted' AND accept_due_on < $4::date)
                     OR (replied_on > reply_due_on) OR (replied_on IS NULL AND status IN ('accepted', 'assigned', 'in_progress') AND reply_due_on < $4::date) AS was_overdue,
                   rating IS NOT NULL AS rated,
                   rating IN ('satisfied', 'basically_satisfied') AS satisfied,
                   replied_at IS NOT NULL OR reopened_once AS replied_ever,
                   reopened_once,
                   reply_due_on IS NOT NULL AS accepted_ever,
                   ext.report_id IS NOT NULL AS extended
              FROM d
              -- reports with an approved extension, found once rather than probed per report
              LEFT JOIN (SELECT DISTINCT x.report_id FROM report_extension x WHERE x.status = 'approved') ext ON ext.report_id = d.id)
     SELECT k,
            count(*)::int AS total,
            count(*) FILTER (WHERE accept_due)::int AS accept_due, count(*) FILTER (WHERE accept_on_time)::int AS accept_on_time,
            count(*) FILTER (WHERE reply_due)::int AS reply_due, count(*) FILTER (WHERE reply_on_time)::int AS reply_on_time,
            count(*) FILTER (WHERE was_overdue)::int AS was_overdue,
            count(*) FILTER (WHERE rated)::int AS rated, count(*) FILTER (WHERE satisfied)::int AS satisfied,
            count(*) FILTER (WHERE replied_ever)::int AS replied_ever, count(*) FILTER (WHERE reopened_once)::int AS reopened,
            count(*) FILTER (WHERE accepted_ever)::int AS accepted_ever, count(*) FILTER (WHERE extended)::int AS extended
       FROM f GROUP BY k`,
    params,
  );
  const pick = (k: string): Rates => {
    const r = rows.find((x) => x.k === k);
    const n = (name: string) => Number(r?.[name] ?? 0);
    return {
      acceptOnTime: rateOf(n('accept_on_time'), n('accept_due')),
      replyOnTime: rateOf(n('reply_on_time'), n('reply_due')),
      overdue: rateOf(n('was_overdue'), n('total')),
      satisfaction: rateOf(n('satisfied'), n('rated')),
      reopen: rateOf(n('reopened'), n('replied_ever')),
      extended: rateOf(n('extended'), n('accepted_ever')),
    };
  };
  return { current: pick('cur'), previous: pick('prev') };
}

type Breakdown = { key: string | null; cur: number; prev: number }[];
const DIMENSIONS = ['status', 'category', 'channel', 'unit', 'township'] as const;

/**
 * The cohort counted by status, category, channel, reported unit and township in one grouped pass (GROUPING SETS)
 * rather than one scan each; every breakdown ordered by count, then the previous count, then key (no key last).
 */
async function breakdowns(sql: Sql, q: StatisticsQuery): Promise<Record<(typeof DIMENSIONS)[number], Breakdown>> {
  const prev = previousPeriod(q.from, q.to);
  const rows = await sql.query<{ dim: (typeof DIMENSIONS)[number]; key: string | null; cur: number; prev: number }>(
    `WITH c AS (${cohort(ALL_REPORTS, '')}),
          t AS (SELECT c.k, c.status::text AS status, c.category, c.channel::text AS channel, c.reported_unit_id::text AS unit,
                       CASE WHEN u.kind = 'township' THEN u.id WHEN pu.kind = 'township' THEN pu.id END::text AS township
                  FROM c LEFT JOIN unit u ON u.id = c.reported_unit_id LEFT JOIN unit pu ON pu.id = u."parentId")
     SELECT CASE WHEN GROUPING(status) = 0 THEN 'status' WHEN GROUPING(category) = 0 THEN 'category'
                 WHEN GROUPING(channel) = 0 THEN 'channel' WHEN GROUPING(unit) = 0 THEN 'unit' ELSE 'township' END AS dim,
            coalesce(status, category, channel, unit, township) AS key,
            count(*) FILTER (WHERE k = 'cur')::int AS cur, count(*) FILTER (WHERE k = 'prev')::int AS prev
       FROM t GROUP BY GROUPING SETS ((status), (category), (channel), (unit), (township))`,
    [q.from, q.to, prev.from],
  );
  const byKey = (a: { key: string | null; cur: number; prev: number }, b: typeof a) =>
    b.cur - a.cur || b.prev - a.prev || (a.key === b.key ? 0 : a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : 1);
  return Object.fromEntries(
    DIMENSIONS.map((d) => [d, rows.filter((r) => r.dim === d).map(({ key, cur, prev }) => ({ key, cur: Number(cur), prev: Number(prev) })).sort(byKey)]),
  ) as Record<(typeof DIMENSIONS)[number], Breakdown>;
}

function months(from: IsoDate, to: IsoDate): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const end = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(key);
    if (key >= end) return out;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
}

const minusYear = (d: IsoDate) => `${Number(d.slice(0, 4)) - 1}${d.slice(4)}`.replace(/-02-29$/, '-02-28');

export async function computeStatistics(sql: Sql, q: StatisticsQuery, today: IsoDate): Promise<StatisticsResponse> {
  const prev = previousPeriod(q.from, q.to);
  const named = async (rows: { key: string | null; cur: number; prev: number }[], label: (key: string | null) => string): Promise<StatisticsCountRow[]> =>
    rows.map((r) => ({ key: r.key ?? '', label: label(r.key), count: r.cur, previous: r.prev }));

  // every query below is independent of the others: all of them at once, each on its own connection
  const [categories, units, counted, monthRows, [rates, warningRows, verificationRows, closingRows, accountabilityRows, models]] = await Promise.all([
    sql.query<{ code: string; name: string }>(`SELECT code, name FROM report_category`),
    sql.query<{ id: string; name: string }>(`SELECT id::text AS id, name FROM unit`),
    breakdowns(sql, q),
    // 同比: each month of the period against the same month a year before.
    sql.query<{ key: string; cur: number; prev: number }>(
      `SELECT to_char(r.submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS key, count(*)::int AS cur, 0 AS prev
         FROM report r WHERE r.submitted_at >= ${startOf('$1')} AND r.submitted_at < ${endOf('$2')} GROUP BY 1
       UNION ALL
       SELECT to_char((r.submitted_at AT TIME ZONE 'Asia/Shanghai') + interval '1 year', 'YYYY-MM'), 0, count(*)::int
         FROM report r WHERE r.submitted_at >= ${startOf('$3')} AND r.submitted_at < ${endOf('$4')} GROUP BY 1`,
      [q.from, q.to, minusYear(q.from), minusYear(q.to)],
    ),
    Promise.all([
    reportRates(sql, q, today),
    sql.query<{ model: string; stage: string; cur: number; prev: number }>(
      `SELECT w.model, coalesce(e.stage, 'none') AS stage,
              count(*) FILTER (WHERE w.as_of >= $1::date)::int AS cur, count(*) FILTER (WHERE w.as_of < $1::date)::int AS prev
         FROM alert_warning w LEFT JOIN escalation_case e ON e.id = w.escalation_id
        WHERE w.as_of BETWEEN $3::date AND $2::date
        GROUP BY 1, 2 ORDER BY 1, 2`,
      [q.from, q.to, prev.from],
    ),
    sql.query<{ model: string; k: string; confirmed: number; unfounded: number }>(
      `SELECT e.model, CASE WHEN e.closed_at >= ${startOf('$1')} THEN 'cur' ELSE 'prev' END AS k,
              count(*) FILTER (WHERE e.stage = 'accountability')::int AS confirmed,
              count(*) FILTER (WHERE e.stage = 'unfounded')::int AS unfounded
         FROM escalation_case e
        WHERE e.stage IN ('accountability', 'unfounded') AND e.closed_at >= ${startOf('$3')} AND e.closed_at < ${endOf('$2')}
        GROUP BY 1, 2`,
      [q.from, q.to, prev.from],
    ),
    // a warning's own verdict: 属实 over every warning closed with a reason; those closed before reasons were asked
    // (close_reason null) are counted apart and left out of the rate
    sql.query<{ model: string; k: string; confirmed: number; closed: number; unrecorded: number }>(
      `SELECT w.model, CASE WHEN w.closed_at >= ${startOf('$1')} THEN 'cur' ELSE 'prev' END AS k,
              count(*) FILTER (WHERE w.close_reason = 'confirmed')::int AS confirmed,
              count(*) FILTER (WHERE w.close_reason IS NOT NULL)::int AS closed,
              count(*) FILTER (WHERE w.close_reason IS NULL)::int AS unrecorded
         FROM alert_warning w
        WHERE w.status = 'closed' AND w.closed_at >= ${startOf('$3')} AND w.closed_at < ${endOf('$2')}
        GROUP BY 1, 2`,
      [q.from, q.to, prev.from],
    ),
    sql.query<{ k: string; cases: number; people: number; money: string | null }>(
      `SELECT CASE WHEN e.closed_at >= ${startOf('$1')} THEN 'cur' ELSE 'prev' END AS k, count(*)::int AS cases,
              coalesce(sum(CASE WHEN jsonb_typeof(e.people::jsonb) = 'array' THEN jsonb_array_length(e.people::jsonb) ELSE 0 END), 0)::int AS people,
              coalesce(sum(e.money_recovered), 0)::numeric(14, 2)::text AS money
         FROM escalation_case e
        WHERE e.stage = 'accountability' AND e.closed_at >= ${startOf('$3')} AND e.closed_at < ${endOf('$2')}
        GROUP BY 1`,
      [q.from, q.to, prev.from],
    ),
    sql.query<{ name: string; title: string }>(`SELECT name, title FROM alert_model`),
    ]),
  ]);
  const [statusRows, categoryRows, channelRows, unitRows, townshipRows] = (['status', 'category', 'channel', 'unit', 'township'] as const).map((d) => counted[d]);
  const categoryName = new Map(categories.map((c) => [c.code, c.name]));
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const month = months(q.from, q.to).map((key) => ({
    key,
    label: key,
    count: monthRows.filter((r) => r.key === key).reduce((s, r) => s + Number(r.cur), 0),
    previous: monthRows.filter((r) => r.key === key).reduce((s, r) => s + Number(r.prev), 0),
  }));
  const modelTitle = new Map(models.map((m) => [m.name, m.title]));
  const stageLabel = (s: string) => (s === 'none' ? '未立案' : ((alertStageLabels as Record<string, string>)[s] ?? s));

  const verificationModels = [...new Set([...verificationRows, ...closingRows].map((r) => r.model))].sort();
  const verification = verificationModels.map((model) => {
    const cur = verificationRows.find((r) => r.model === model && r.k === 'cur');
    const old = verificationRows.find((r) => r.model === model && r.k === 'prev');
    const share = (r?: { confirmed: number; unfounded: number }) => (r && r.confirmed + r.unfounded > 0 ? r.confirmed / (r.confirmed + r.unfounded) : null);
    const wCur = closingRows.find((r) => r.model === model && r.k === 'cur');
    const wOld = closingRows.find((r) => r.model === model && r.k === 'prev');
    const warningShare = (r?: { confirmed: number; closed: number }) => (r && r.closed > 0 ? r.confirmed / r.closed : null);
    return {
      model,
      modelTitle: modelTitle.get(model) ?? model,
      warningConfirmed: wCur?.confirmed ?? 0,
      warningClosed: wCur?.closed ?? 0,
      warningUnrecorded: wCur?.unrecorded ?? 0,
      warningRate: warningShare(wCur),
      warningPreviousRate: warningShare(wOld),
      confirmed: cur?.confirmed ?? 0,
      unfounded: cur?.unfounded ?? 0,
      rate: share(cur),
      previousRate: share(old),
    };
  });
  const acc = (k: string) => {
    const r = accountabilityRows.find((x) => x.k === k);
    return { cases: r?.cases ?? 0, people: r?.people ?? 0, moneyRecovered: r?.money ?? '0.00' };
  };
  const status = await named(statusRows, (k) => reportStatusLabels[k as ReportStatus] ?? String(k));
  return {
    period: { from: q.from, to: q.to },
    previousPeriod: prev,
    totals: { submitted: status.reduce((s, r) => s + r.count, 0), previous: status.reduce((s, r) => s + r.previous, 0) },
    status,
    category: await named(categoryRows, (k) => categoryName.get(k ?? '') ?? String(k)),
    channel: await named(channelRows, (k) => reportChannelLabels[k as ReportChannel] ?? String(k)),
    unit: await named(unitRows, (k) => (k ? (unitName.get(k) ?? k) : NO_UNIT)),
    township: await named(townshipRows, (k) => (k ? (unitName.get(k) ?? k) : NOT_TOWNSHIP)),
    month,
    rates,
    warnings: warningRows.map((w) => ({ model: w.model, modelTitle: modelTitle.get(w.model) ?? w.model, stage: w.stage, stageLabel: stageLabel(w.stage), count: w.cur, previous: w.prev })),
    verification,
    accountability: { current: acc('cur'), previous: acc('prev') },
  };
}

export { statisticsRateKeys };
