// `pnpm cli demo --scale report`: the demo data plus the volumes of the source report, to measure staff lists at
// the scale they will meet: 2.15 M service cases, 300 k warnings over the six business models with their escalation
// cases, 100 k reports with their timelines over a year, their audit trail, rectification tasks from them; the demo
// seed already holds the report's 1,805 service items, 120 enterprises and 261 evaluations.
//
// Everything is set-based: the service cases are the benchmark generator's CSV streamed through COPY, the rest is
// INSERT … SELECT over generate_series with hash-derived choices (hashint8 of the row number), so two loads of the
// same fraction give the same rows. Only real PostgreSQL (DATABASE_URL), never production, only into a database
// without staff accounts (a new one): the scale rows would otherwise mix with real work.
//
// Reporter identity: the scale reports carry none. Their sealed columns are null (no name, phone or openid, no data
// key row), so no made-up plaintext sits where ciphertext belongs; 保密 ones have no query code. Their timelines,
// statuses, deadlines and assignees are complete.
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { generateServiceCases, type CaseItem } from '../../bench/generate-service-cases';
import type { Database } from '../db/database';
import { AUDIT_CHAIN_LOCK_KEY, chainKey, chainPending, linkHash, rowSeal, type AuditRowData } from '../lib/audit-chain';
import type { Sealer } from '../lib/sealing';
import { seedDemoBusiness } from '../modules/business/seed';
import { seedDemoReports } from '../modules/reports/seed';
import { toShanghaiDate } from '../modules/calendar/calendar';
import { enrolDemoTotp, seedDemoData } from './demo';

/** The source report's volumes (fraction 1). */
export const REPORT_SCALE = { serviceCases: 2_150_000, warnings: 300_000, reports: 100_000 } as const;

export type ScaleCounts = {
  serviceCases: number;
  warnings: number;
  escalations: number;
  runs: number;
  reports: number;
  reportEvents: number;
  rectificationTasks: number;
  auditLogs: number;
  serviceItems: number;
  enterprises: number;
  evaluations: number;
};

export class ScaleSeedRefused extends Error {}

type Pg = Extract<Database, { kind: 'postgres' }>;
type Log = (message: string) => void;

/** r(k): a number in [0, 1) fixed by the row number `i` and the draw `k` (deterministic, no session state). */
const r = (i: string, k: number) => `((hashint8((${i}) * 64 + ${k}) & 2147483647)::float8 / 2147483648)`;

export async function seedScale(
  db: Database,
  opts: { env: string; sealer: Sealer; hashKey: string; fraction?: number; now?: Date; log?: Log },
): Promise<ScaleCounts> {
  const log = opts.log ?? (() => {});
  if (opts.env === 'production') throw new ScaleSeedRefused('生产环境不能装入规模测试数据');
  if (db.kind !== 'postgres') {
    throw new ScaleSeedRefused('规模测试数据只能装入 PostgreSQL：请设置 DATABASE_URL 指向一个新建的空数据库（嵌入式 PGlite 装不下 215 万件办件，也测不准）');
  }
  const fraction = opts.fraction ?? 1;
  if (!(fraction > 0 && fraction <= 1)) throw new ScaleSeedRefused('--fraction 须在 0 到 1 之间');
  const { rows: staff } = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM staff_user');
  if (staff[0]!.n > 0) throw new ScaleSeedRefused('数据库不是空的（已有工作人员账号）：规模测试数据只装入新建的空数据库，请另建一个数据库再运行');
  const now = opts.now ?? new Date();
  const n = (full: number) => Math.max(1, Math.round(full * fraction));
  const t0 = performance.now();
  const step = (what: string) => log(`${what}（${((performance.now() - t0) / 1000).toFixed(1)} 秒）`);

  // the demo data first: units, tour groups, staff, 1,805 items, 120 enterprises, 261 evaluations, demo reports
  await seedDemoData(db);
  await enrolDemoTotp(db, opts.sealer, now);
  await seedDemoReports(db, opts.sealer, now);
  await seedDemoBusiness(db, opts.sealer, now);
  step('演示数据已装入');

  const q = (text: string, values: unknown[] = []) => db.pool.query(text, values);
  await serviceCases(db, n(REPORT_SCALE.serviceCases));
  step('办件已装入');
  await warnings(q, n(REPORT_SCALE.warnings), toShanghaiDate(now));
  step('预警与督办案件已装入');
  await reports(q, n(REPORT_SCALE.reports), now);
  step('举报及其时间线已装入');
  const auditLogs = await auditTrail(db, opts.hashKey);
  step('审计日志已装入');
  // a bulk load leaves the visibility map unset until autovacuum passes: index-only scans need it set
  await q('VACUUM ANALYZE');

  const count = async (table: string, where = '') => Number((await q(`SELECT count(*)::int AS n FROM ${table} ${where}`)).rows[0].n);
  return {
    serviceCases: await count('service_case'),
    warnings: await count('alert_warning'),
    escalations: await count('escalation_case'),
    runs: await count('alert_run'),
    reports: await count('report'),
    reportEvents: await count('report_event'),
    rectificationTasks: await count('rectification_task'),
    auditLogs,
    serviceItems: await count('service_item'),
    enterprises: await count('enterprise'),
    evaluations: await count('evaluation'),
  };
}

// ---- service cases: the benchmark generator's file, over the demo's real items and units, through COPY ----------
async function serviceCases(db: Pg, rows: number) {
  const { rows: items } = await db.pool.query<CaseItem>(
    `SELECT i.code, i.name, u.code AS "unitCode", u.name AS "unitName" FROM service_item i JOIN unit u ON u.id = i."unitId" ORDER BY i.code`,
  );
  const clean = items.map((i) => ({ ...i, name: i.name.replaceAll(',', '，'), unitName: i.unitName.replaceAll(',', '，') }));
  const dir = mkdtempSync(path.join(tmpdir(), 'msjd-scale-'));
  try {
    const file = path.join(dir, 'service-cases.csv');
    await generateServiceCases(file, rows, 42, clean);
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`CREATE TEMP TABLE scale_case_stage (case_no text, unit_code text, unit_name text, item_code text, item_name text,
        applicant_id text, applicant_type text, channel text, accepted_at timestamp, promised_days int, finished_at timestamp,
        result text, supplement_count int, rating int) ON COMMIT DROP`);
      await pipeline(createReadStream(file), client.query(copyFrom(`COPY scale_case_stage FROM STDIN WITH (FORMAT csv, HEADER)`)));
      // the file's times are Beijing time; accepted_on/finished_on are their Beijing dates, as the importer stores them
      await client.query(`INSERT INTO service_case (case_no, unit_code, unit_name, item_code, item_name, applicant_id, applicant_type, channel,
          accepted_at, accepted_on, promised_days, finished_at, finished_on, result, supplement_count, rating)
        SELECT case_no, unit_code, unit_name, item_code, item_name, applicant_id, applicant_type, channel,
               accepted_at AT TIME ZONE 'Asia/Shanghai', accepted_at::date, promised_days,
               finished_at AT TIME ZONE 'Asia/Shanghai', finished_at::date, result, supplement_count, rating
          FROM scale_case_stage`);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    } finally {
      client.release();
    }
    await db.pool.query('ANALYZE service_case');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Q = (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>;

// ---- warnings, runs and escalation cases ------------------------------------------------------------------------
/**
 * `total` warnings over the six business models in the proportions a run over the generator's cases gives (overdue and
 * 补正 most, group models few), each on a case or subject that fits its model, dated at the month-end run after its
 * case; every month-end that has warnings has its run. Per model and unit and quarter one escalation case: the last
 * quarter's open (督办, or 核查 for a third of them), earlier ones closed as 办结 / 查无实据 / 问责 (6 : 3 : 1), with
 * people and money on the 问责 ones; closed cases' warnings are mostly closed with a reason.
 */
async function warnings(q: Q, total: number, today: string) {
  const share: [string, string, number, string][] = [
    // model, level, share, the cases it is raised on
    ['overdue', 'case', 0.36, `(c.finished_on IS NULL OR c.finished_on > c.accepted_on + c.promised_days + 2)`],
    ['not_one_time', 'case', 0.24, `c.supplement_count >= 1`],
    ['dissatisfied', 'case', 0.16, `c.rating <= 2`],
    ['unequal_treatment', 'case', 0.14, `c.finished_on > c.accepted_on + c.promised_days`],
    ['low_pass_rate', 'group', 0.04, ''],
    ['obstruction', 'group', 0.06, ''],
  ];
  await q(`CREATE TEMP TABLE scale_warning (model text, level text, subject text, unit_code text, item_code text, case_no text,
    applicant_id text, as_of date, vals jsonb)`);
  try {
    for (const [model, , s, where] of share) {
      const want = Math.max(1, Math.round(total * s));
      if (where) {
        // thin the matching cases evenly by a hash of the case number, then take them in case order
        const [{ matching }] = (await q(`SELECT count(*)::int AS matching FROM service_case c WHERE ${where}`)).rows as { matching: number }[];
        const keep = Math.min(1024, Math.ceil((want / Math.max(1, matching)) * 1024 * 1.1));
        await q(
          `INSERT INTO scale_warning (model, level, subject, unit_code, item_code, case_no, applicant_id, as_of, vals)
           SELECT $1, 'case', c.case_no, c.unit_code, c.item_code, c.case_no, c.applicant_id,
                  least((date_trunc('month', coalesce(c.finished_on, c.accepted_on + 30)) + interval '1 month - 1 day')::date, $4::date),
                  CASE $1
                    WHEN 'overdue' THEN jsonb_build_object('accepted_on', c.accepted_on, 'promised_days', c.promised_days,
                      'deadline', c.accepted_on + c.promised_days, 'finished_on', c.finished_on)
                    WHEN 'not_one_time' THEN jsonb_build_object('supplement_count', c.supplement_count)
                    WHEN 'dissatisfied' THEN jsonb_build_object('rating', c.rating)
                    ELSE jsonb_build_object('duration', c.finished_on - c.accepted_on, 'median', greatest(1, c.promised_days / 2),
                      'finished', 20 + (hashtext(c.item_code) & 63), 'factor', 2)
                  END
             FROM service_case c
            WHERE ${where} AND (hashtext(c.case_no) & 1023) < $2
            ORDER BY c.case_no LIMIT $3`,
          [model, keep, want, today],
        );
      } else if (model === 'low_pass_rate') {
        // an item of a unit whose pass rate fell, at a month-end: subject unit|item, one open per subject at most
        await q(
          `INSERT INTO scale_warning (model, level, subject, unit_code, item_code, as_of, vals)
           SELECT 'low_pass_rate', 'group', g.unit_code || '|' || g.item_code, g.unit_code, g.item_code, least(g.as_of, $2::date),
                  jsonb_build_object('window_days', 90, 'finished', g.finished, 'approved', g.approved,
                    'pass_rate', round(g.approved::numeric / g.finished, 4))
             FROM (SELECT c.unit_code, c.item_code, (date_trunc('month', c.finished_on) + interval '1 month - 1 day')::date AS as_of,
                          count(*)::int AS finished, count(*) FILTER (WHERE c.result = 'approved')::int AS approved
                     FROM service_case c WHERE c.finished_on IS NOT NULL GROUP BY 1, 2, 3) g
            ORDER BY g.approved::float8 / g.finished, g.unit_code, g.item_code, g.as_of LIMIT $1`,
          [want, today],
        );
      } else {
        // one applicant turned away on one item again and again: subject applicant|item
        await q(
          `INSERT INTO scale_warning (model, level, subject, unit_code, item_code, applicant_id, as_of, vals)
           SELECT 'obstruction', 'group', g.applicant_id || '|' || g.item_code, g.unit_code, g.item_code, g.applicant_id, least(g.as_of, $2::date),
                  jsonb_build_object('window_days', 30, 'count', g.n, 'cases', to_jsonb(g.cases))
             FROM (SELECT c.applicant_id, c.item_code, min(c.unit_code) AS unit_code,
                          (date_trunc('month', max(c.finished_on)) + interval '1 month - 1 day')::date AS as_of,
                          count(*)::int AS n, (array_agg(c.case_no ORDER BY c.case_no))[1:5] AS cases
                     FROM service_case c WHERE c.result IN ('rejected', 'returned')
                    GROUP BY c.applicant_id, c.item_code) g
            ORDER BY g.n DESC, g.applicant_id, g.item_code LIMIT $1`,
          [want, today],
        );
      }
    }
    // one run per month-end with warnings
    await q(`INSERT INTO alert_run (id, as_of, started_at, finished_at, duration_ms, counts, trigger)
             SELECT gen_random_uuid(), d.as_of, (d.as_of + time '02:00') AT TIME ZONE 'Asia/Shanghai',
                    (d.as_of + time '02:00:41') AT TIME ZONE 'Asia/Shanghai', 41000, d.counts, 'schedule'
               FROM (SELECT as_of, jsonb_object_agg(model, jsonb_build_object('new', n, 'total', n)) AS counts
                       FROM (SELECT as_of, model, count(*)::int AS n FROM scale_warning GROUP BY 1, 2) x GROUP BY as_of) d`);
    const [{ last }] = (await q(`SELECT max(as_of)::text AS last FROM scale_warning`)).rows as { last: string }[];
    // escalation cases per model, unit, quarter; the last quarter's stay open
    await q(
      `INSERT INTO escalation_case (id, model, unit_code, stage, open_key, opened_as_of, stage_as_of, opened_at, closed_at, closed_by, outcome, people, money_recovered)
       SELECT gen_random_uuid(), e.model, e.unit_code, e.stage,
              CASE WHEN e.stage IN ('urge', 'verify') THEN e.model || '|' || e.unit_code END,
              e.opened, e.opened + CASE WHEN e.stage = 'urge' THEN 0 ELSE 14 END,
              (e.opened + time '02:00') AT TIME ZONE 'Asia/Shanghai',
              CASE WHEN e.stage IN ('urge', 'verify') THEN NULL ELSE (e.opened + 40 + time '10:00') AT TIME ZONE 'Asia/Shanghai' END,
              CASE WHEN e.stage IN ('urge', 'verify') THEN NULL ELSE 'supervisor' END,
              CASE WHEN e.stage IN ('urge', 'verify') THEN NULL
                   ELSE jsonb_build_object('stage', e.stage, 'note', CASE e.stage WHEN 'done' THEN '已督促整改到位' WHEN 'unfounded' THEN '经核查，系数据录入延迟' ELSE '已移送追责' END) END,
              CASE WHEN e.stage = 'accountability' THEN jsonb_build_array(jsonb_build_object('name', '窗口负责人', 'kind', '诫勉', 'detail', '诫勉谈话')) END,
              CASE WHEN e.stage = 'accountability' THEN round((hashtext(e.model || e.unit_code || e.q) & 65535)::numeric * 3.17, 2) END
         FROM (SELECT w.model, w.unit_code, to_char(w.as_of, 'YYYY-"Q"Q') AS q, min(w.as_of) AS opened,
                      CASE WHEN date_trunc('quarter', max(w.as_of)) = date_trunc('quarter', $1::date)
                           THEN CASE WHEN (hashtext(w.model || w.unit_code) & 3) = 0 THEN 'verify' ELSE 'urge' END
                           ELSE (ARRAY['done', 'done', 'done', 'done', 'done', 'done', 'unfounded', 'unfounded', 'unfounded', 'accountability'])
                                  [1 + (hashtext(w.model || w.unit_code || to_char(w.as_of, 'YYYY-"Q"Q')) & 2147483647) % 10] END AS stage
                 FROM scale_warning w GROUP BY 1, 2, 3) e
       ON CONFLICT (open_key) DO NOTHING`,
      [last],
    );
    // the warnings, linked to their run and case; closed (with a reason) mostly where their case is closed
    await q(
      `INSERT INTO alert_warning (id, item_key, model, model_version, level, subject, identity_key, run_id, as_of, unit_code, item_code, case_no,
                                  applicant_id, "values", status, closed_at, closed_by, close_reason, escalation_id, created_at)
       SELECT gen_random_uuid(), coalesce(w.item_code, ''), w.model, v.version, w.level, w.subject,
              CASE WHEN w.level = 'case' OR NOT x.closed THEN w.model || '|' || w.subject END,
              ru.id, w.as_of, w.unit_code, w.item_code, w.case_no, w.applicant_id, w.vals,
              CASE WHEN x.closed THEN 'closed' ELSE 'open' END,
              CASE WHEN x.closed THEN (w.as_of + 20 + time '15:00') AT TIME ZONE 'Asia/Shanghai' END,
              NULL,
              CASE WHEN x.closed THEN (ARRAY['confirmed', 'confirmed', 'confirmed', 'justified', 'justified', 'data_error', 'duplicate'])[1 + (x.h % 7)] END,
              ec.id, (w.as_of + time '02:00:30') AT TIME ZONE 'Asia/Shanghai'
         FROM (SELECT DISTINCT ON (model, subject) * FROM scale_warning ORDER BY model, subject, as_of) w
         JOIN alert_run ru ON ru.as_of = w.as_of
         LEFT JOIN LATERAL (SELECT max(version) AS version FROM alert_model_version mv WHERE mv.model = w.model) v ON true
         LEFT JOIN escalation_case ec ON ec.model = w.model AND ec.unit_code = w.unit_code AND to_char(w.as_of, 'YYYY-"Q"Q') = to_char(ec.opened_as_of, 'YYYY-"Q"Q')
         CROSS JOIN LATERAL (SELECT (hashtext(w.model || w.subject) & 2147483647) AS h) hh
         CROSS JOIN LATERAL (SELECT (ec.open_key IS NULL AND hh.h % 10 < 8) OR (ec.open_key IS NOT NULL AND hh.h % 10 < 2) AS closed, hh.h) x
       ON CONFLICT (item_key, identity_key) DO NOTHING`,
    );
  } finally {
    await q('DROP TABLE IF EXISTS scale_warning');
  }
}

// ---- reports, their timelines and rectification tasks ------------------------------------------------------------
/**
 * `total` reports over the year before `now`: categories, channels (70 % the mini-program), reported units (the
 * departments and the townships), statuses by age (older ones mostly closed), assignees, deadlines in working days
 * from the work calendar, and the timeline events each status implies. About 3 % of handled ones have a
 * rectification task for the reported unit.
 */
async function reports(q: Q, total: number, now: Date) {
  await q(
    `CREATE TEMP TABLE scale_report AS
     WITH cats AS (SELECT array_agg(code ORDER BY sort, code) AS a FROM report_category WHERE active),
          units AS (SELECT array_agg(id ORDER BY code) AS a FROM unit),
          groups AS (SELECT array_agg(id ORDER BY name) AS a FROM tour_group),
          g AS (SELECT i, ($2::timestamptz - (365 * ${r('i', 1)}) * interval '1 day') AS submitted_at,
                       ${r('i', 2)} AS rs, ${r('i', 3)} AS rc, ${r('i', 4)} AS rch, ${r('i', 5)} AS ru, ${r('i', 6)} AS ra, ${r('i', 7)} AS rconf
                  FROM generate_series(1, $1::int) i)
     SELECT g.i, gen_random_uuid() AS id, g.submitted_at, (g.submitted_at AT TIME ZONE 'Asia/Shanghai')::date AS day,
            cats.a[1 + floor(g.rc * array_length(cats.a, 1))::int] AS category,
            units.a[1 + floor(g.ru * array_length(units.a, 1))::int] AS reported_unit_id,
            CASE WHEN g.ra < 0.6 THEN groups.a[1 + floor(g.ra / 0.6 * array_length(groups.a, 1))::int] END AS group_id,
            CASE WHEN g.ra >= 0.6 THEN units.a[1 + (floor(g.ru * array_length(units.a, 1))::int + 1 + floor(g.ra * 7)::int) % array_length(units.a, 1)] END AS unit_id,
            (CASE WHEN g.rch < 0.7 THEN 'miniapp' WHEN g.rch < 0.8 THEN 'letter' WHEN g.rch < 0.87 THEN 'phone' WHEN g.rch < 0.92 THEN 'visit'
                  WHEN g.rch < 0.97 THEN 'hotline_12388' ELSE 'superior' END)::"ReportChannel" AS channel,
            g.rconf < 0.25 AS confidential,
            -- older reports are further along: age in [0, 1] shifts the draw toward closed
            (CASE WHEN extract(epoch FROM $2::timestamptz - g.submitted_at) < 4 * 86400 AND g.rs < 0.7 THEN 'submitted'
                  WHEN g.rs < 0.06 THEN 'not_accepted'
                  WHEN g.rs < 0.09 THEN 'merged'
                  WHEN extract(epoch FROM $2::timestamptz - g.submitted_at) < 30 * 86400 THEN (ARRAY['accepted', 'assigned', 'in_progress', 'in_progress'])[1 + floor(g.rs * 4)::int % 4]
                  WHEN extract(epoch FROM $2::timestamptz - g.submitted_at) < 90 * 86400 AND g.rs < 0.45 THEN (ARRAY['in_progress', 'replied'])[1 + floor(g.rs * 20)::int % 2]
                  ELSE 'closed' END)::"ReportStatus" AS status
       FROM g, cats, units, groups`,
    [total, now],
  );
  await q(`ANALYZE scale_report`);
  // deadlines in working days through the work calendar (seq of the day's last working day, + n)
  await q(
    `INSERT INTO report (id, serial, category, reported_unit_id, content, channel, confidential, status, not_accepted_reason,
                         assignee_tour_group_id, assignee_unit_id, reply, submitted_at, accepted_at, replied_at, closed_at,
                         accept_due_on, reply_due_on, created_at, updated_at, location, occurred_at)
     SELECT s.id, 'JB' || to_char(s.day, 'YYYYMMDD') || '-' || lpad((9000 + row_number() OVER (PARTITION BY s.day ORDER BY s.i))::text, 5, '0'),
            s.category, s.reported_unit_id,
            (ARRAY['窗口工作人员上班时间玩手机，群众排队无人理睬。', '村里低保名额优亲厚友，真正困难的家庭没有评上。',
                   '办理不动产登记时被要求另交“加急费”，没有收据。', '村道硬化工程偷工减料，刚修好半年就出现大面积开裂。',
                   '耕地地力保护补贴被村干部截留，至今没有发放到户。'])[1 + s.i % 5] || '（规模测试 #' || s.i || '）',
            s.channel, s.confidential, s.status,
            CASE WHEN s.status = 'not_accepted' THEN '不属于纪检监察机关受理范围' END,
            CASE WHEN s.status IN ('assigned', 'in_progress', 'replied', 'closed') THEN s.group_id END,
            CASE WHEN s.status IN ('assigned', 'in_progress', 'replied', 'closed') THEN s.unit_id END,
            CASE WHEN s.status IN ('replied', 'closed') THEN '经核查，反映问题已责成整改。' END,
            s.submitted_at,
            CASE WHEN s.status NOT IN ('submitted', 'not_accepted', 'merged') THEN s.submitted_at + interval '1 day' END,
            CASE WHEN s.status IN ('replied', 'closed') THEN s.submitted_at + interval '20 days' END,
            CASE WHEN s.status IN ('closed', 'not_accepted', 'merged') THEN s.submitted_at + interval '28 days' END,
            acc.day,
            CASE WHEN s.status NOT IN ('submitted', 'not_accepted', 'merged') THEN rep.day END,
            s.submitted_at, s.submitted_at, '某镇某村', '近期'
       FROM scale_report s
       JOIN work_calendar d ON d.day = s.day
       JOIN work_calendar acc ON acc.is_workday AND acc.workday_seq = d.workday_seq + 3
       JOIN work_calendar rep ON rep.is_workday AND rep.workday_seq = d.workday_seq + 1 + 15`,
  );
  // the timeline each status implies
  await q(
    `INSERT INTO report_event (id, report_id, kind, from_status, to_status, actor_type, actor_role, public_note, at)
     SELECT gen_random_uuid(), s.id, e.kind, e.from_status::"ReportStatus", e.to_status::"ReportStatus", e.actor_type, e.actor_role, e.note,
            s.submitted_at + e.after
       FROM scale_report s
       JOIN LATERAL (VALUES
         (0, 'submitted', NULL, 'submitted', 'citizen', NULL, '已收到您的反映', interval '0'),
         (1, 'not_accepted', 'submitted', 'not_accepted', 'staff', 'intake', '不予受理', interval '1 day'),
         (1, 'merged', 'submitted', 'merged', 'staff', 'intake', '已合并办理', interval '1 day'),
         (2, 'accepted', 'submitted', 'accepted', 'staff', 'intake', '已受理', interval '1 day'),
         (3, 'assigned', 'accepted', 'assigned', 'staff', 'intake', '已交办承办单位办理', interval '2 days'),
         (4, 'started', 'assigned', 'in_progress', 'staff', 'tour_group', '正在办理', interval '3 days'),
         (5, 'replied', 'in_progress', 'replied', 'staff', 'tour_group', '已答复，请查看答复内容并评价', interval '20 days'),
         (6, 'closed', 'replied', 'closed', 'system', NULL, '已办结', interval '28 days')
       ) AS e(rank, kind, from_status, to_status, actor_type, actor_role, note, after)
         ON e.rank = 0
         OR (e.kind = s.status::text AND s.status IN ('not_accepted', 'merged'))
         OR (e.rank BETWEEN 2 AND 6 AND e.rank <= CASE s.status WHEN 'accepted' THEN 2 WHEN 'assigned' THEN 3 WHEN 'in_progress' THEN 4
                                                                 WHEN 'replied' THEN 5 WHEN 'closed' THEN 6 ELSE 0 END)`,
  );
  await q(
    `INSERT INTO rectification_task (id, "sourceKind", "sourceId", "unitId", "tourGroupId", title, requirement, "deadlineDays",
                                     "issuedOn", "dueOn", status, "submittedAt", "reviewedAt", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), 'report', s.id::text, s.reported_unit_id, s.group_id, '反映问题整改', '请对反映问题立行立改并上传整改材料。', 10,
            s.day + 3, s.day + 17,
            (CASE WHEN s.status = 'closed' THEN 'accepted' WHEN s.status = 'replied' THEN 'submitted' ELSE 'pending' END)::"RectificationStatus",
            CASE WHEN s.status IN ('replied', 'closed') THEN s.submitted_at + interval '12 days' END,
            CASE WHEN s.status = 'closed' THEN s.submitted_at + interval '14 days' END,
            s.submitted_at + interval '3 days', s.submitted_at + interval '3 days'
       FROM scale_report s
      WHERE s.status IN ('in_progress', 'replied', 'closed') AND s.i % 33 = 0`,
  );
  await q('DROP TABLE scale_report');
}

// ---- the audit trail: one chained row per timeline event, as the workflow writes them ------------------------------
/** Appends one audit row per scale report event, sealed and linked here as the chaining step would (its lock held). */
async function auditTrail(db: Pg, hashKey: string): Promise<number> {
  const key = chainKey(hashKey);
  // the demo seed's rows first, so the chain's head is its last row
  await chainPending(db.prisma, key);
  const client = await db.pool.connect();
  let written = 0;
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [AUDIT_CHAIN_LOCK_KEY]);
    const head = (await client.query<{ seq: string; hash: string }>('SELECT chain_seq::text AS seq, hash FROM audit_log WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1')).rows[0];
    let prev: string | null = head?.hash ?? null;
    let seq = BigInt(head?.seq ?? 0);
    const actions: Record<string, string> = {
      submitted: 'report.submit', accepted: 'report.accept', not_accepted: 'report.reject', merged: 'report.merge', assigned: 'report.assign',
      started: 'report.start', replied: 'report.reply', closed: 'report.close',
    };
    const { rows: events } = await client.query<{ report_id: string; kind: string; actor_type: string; at: Date }>(
      `SELECT e.report_id::text, e.kind, e.actor_type, e.at FROM report_event e
         JOIN report r ON r.id = e.report_id AND r.content LIKE '%（规模测试 #%'
        ORDER BY e.at, e.id`,
    );
    for (let start = 0; start < events.length; start += 20_000) {
      const batch = events.slice(start, start + 20_000);
      const { rows: ids } = await client.query<{ id: string }>(
        `SELECT nextval(pg_get_serial_sequence('audit_log', 'id'))::text AS id FROM generate_series(1, $1::int)`, [batch.length],
      );
      const cols: unknown[][] = Array.from({ length: 10 }, () => []);
      batch.forEach((e, i) => {
        const row: AuditRowData = {
          at: e.at, actorType: e.actor_type, actorId: null, action: actions[e.kind] ?? `report.${e.kind}`, entity: 'report',
          entityId: e.report_id, reason: null, detail: null, ip: null, requestId: null,
        };
        const id = BigInt(ids[i]!.id);
        const seal = rowSeal(key, id, row);
        seq += 1n;
        const hash = linkHash(key, prev, seq, id, seal);
        for (const [k, v] of [String(id), row.at, row.actorType, row.action, row.entity, row.entityId, seal, String(seq), prev, hash].entries()) cols[k]!.push(v);
        prev = hash;
      });
      await client.query(
        `INSERT INTO audit_log (id, at, "actorType", action, entity, "entityId", seal, chain_seq, prev_hash, hash)
         SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::text[], $10::text[])`,
        cols,
      );
      written += cols[0]!.length;
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
  return written;
}
