// `pnpm bench`: benchmarks on real PostgreSQL (DATABASE_URL). Each prints
//   bench <name>: <figure> <unit> (<ratio> x <baseline>)
// with the baseline measured in the same run on the same machine. BENCH_ROWS sets the import size (default 200000).
// Names on the command line pick benches (`pnpm bench report-submit`); without any, all run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openPostgres } from '../src/db/database';
import { applyMigrations } from '../src/db/migrate';
import { runAlerts } from '../src/modules/alerts/engine';
import { validateRow, mapHeader, importServiceCases } from '../src/modules/alerts/import/service-cases';
import { readTable } from '../src/modules/alerts/import/read';
import { compileModel } from '../src/modules/alerts/models/compile';
import { loadModels } from '../src/modules/alerts/engine';
import { sqlOf } from '../src/modules/alerts/sql';
import { generateServiceCases } from './generate-service-cases';
import { benchReportSubmit } from './report-submit';

/** Each group and the lines it prints; a group runs when it or one of its lines is named. */
const groups = {
  'service-cases': ['psql-copy', 'import-parse-validate', 'import-service-cases', 'import-service-cases-throughput', 'import-peak-rss', 'reimport-unchanged'],
  alerts: ['alerts-run', 'alerts-rerun-same-as-of'],
  'report-submit': ['report-submit', 'report-submit-p99'],
} as const;
const named = process.argv.slice(2).filter((a) => a !== '--');
const known = Object.entries(groups).flatMap(([g, lines]) => [g, ...lines]);
const unknown = named.filter((n) => !known.includes(n));
if (unknown.length) {
  console.error(`未知的基准测试: ${unknown.join(', ')}；可选: ${Object.keys(groups).join(', ')}（或其中的某一行）`);
  process.exit(2);
}
const wants = (group: keyof typeof groups) => named.length === 0 || named.includes(group) || groups[group].some((l) => named.includes(l));

const baseUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!baseUrl) {
  console.error('基准测试需要真实的 PostgreSQL：请设置 DATABASE_URL（例如 postgres://postgres@127.0.0.1:5432/postgres）');
  process.exit(2);
}
const rows = Number(process.env.BENCH_ROWS ?? 200_000);
const line = (name: string, figure: string, unit: string, ratio: number, baseline: string) =>
  console.log(`bench ${name}: ${figure} ${unit} (${ratio.toFixed(2)} x ${baseline})`);
const secs = (ms: number) => (ms / 1000).toFixed(2);

const dbName = `msjd_bench_${Date.now().toString(36)}`;
const admin = new pg.Client({ connectionString: baseUrl });
await admin.connect();
await admin.query(`CREATE DATABASE "${dbName}"`);
const url = new URL(baseUrl);
url.pathname = `/${dbName}`;
const dir = mkdtempSync(path.join(tmpdir(), 'msjd-bench-'));
const opened = await openPostgres(url.toString());
if (opened.kind !== 'postgres') throw new Error('unreachable');
const db = opened;
try {
  await applyMigrations(db.sql);
  // the alerts run over the imported cases, so it needs the import
  if (wants('service-cases') || wants('alerts')) {
    const file = path.join(dir, 'service-cases.csv');
    let t = performance.now();
    await generateServiceCases(file, rows);
    console.error(`generated ${rows} rows (${(statSync(file).size / 2 ** 20).toFixed(1)} MiB) in ${secs(performance.now() - t)} s`);

    // baseline: psql \copy of the same clean file into a plain typed table
    await db.pool.query(`CREATE TABLE bench_plain (case_no text, unit_code text, unit_name text, item_code text, item_name text,
      applicant_id text, applicant_type text, channel text, accepted_at timestamptz, promised_days int, finished_at timestamptz,
      result text, supplement_count int, rating int)`);
    t = performance.now();
    execFileSync('psql', [url.toString(), '-q', '-c', `\\copy bench_plain FROM '${file}' WITH (FORMAT csv, HEADER)`], {
      env: { ...process.env, PGTZ: 'Asia/Shanghai' },
    });
    const copyMs = performance.now() - t;
    line('psql-copy', secs(copyMs), 's', 1, 'itself');

    // read + clean + validate only, no database
    t = performance.now();
    const it = readTable(file);
    const header = mapHeader((await it.next()).value!.cells);
    let n = 0;
    for await (const row of it) if (!('reason' in validateRow(header, row))) n++;
    const parseMs = performance.now() - t;
    line('import-parse-validate', secs(parseMs), 's', parseMs / copyMs, 'psql \\copy');

    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    let timings = { readValidateStageMs: 0, upsertMs: 0 };
    t = performance.now();
    const r1 = await importServiceCases(db, file, { onTimings: (x) => (timings = x) });
    const importMs = performance.now() - t;
    clearInterval(timer);
    if (r1.imported !== n) throw new Error(`imported ${r1.imported}, expected ${n}`);
    line('import-service-cases', secs(importMs), 's', importMs / copyMs, 'psql \\copy');
    line('import-service-cases-throughput', Math.round(rows / (importMs / 1000)).toString(), 'rows/s', copyMs / importMs, 'psql \\copy speed');
    console.error(`  where the time goes: read+clean+validate+COPY to staging ${secs(timings.readValidateStageMs)} s, set-based upsert ${secs(timings.upsertMs)} s`);
    line('import-peak-rss', ((peak - rss0) / 2 ** 20).toFixed(0), 'MiB over start', peak / rss0, 'RSS before import');

    t = performance.now();
    const r2 = await importServiceCases(db, file, { onTimings: (x) => (timings = x) });
    const reimportMs = performance.now() - t;
    if (r2.unchanged !== n) throw new Error('re-import changed rows');
    line('reimport-unchanged', secs(reimportMs), 's', reimportMs / copyMs, 'psql \\copy');

    if (wants('alerts')) {
      await db.pool.query('ANALYZE');
      // baseline: the six models' hit queries alone (the same SQL hand-run, no warning insert / identity / escalation)
      const sql = sqlOf(db);
      await runAlerts(db, '2000-01-01'); // creates the models and work_calendar, finds nothing
      const models = await loadModels(sql, { enabledOnly: true });
      const asOf = '2026-06-30';
      t = performance.now();
      for (const m of models) {
        const c = compileModel(m, { asOf, runId: '00000000-0000-0000-0000-000000000000' });
        await db.pool.query(c.text.replace(/,\s*ins AS \([\s\S]*$/, '\nSELECT count(*)::int AS new FROM hits, (SELECT $2::uuid, $3::text) AS p'), c.values);
      }
      const hitsMs = performance.now() - t;
      t = performance.now();
      const run = await runAlerts(db, asOf);
      const runMs = performance.now() - t;
      const raised = Object.values(run.models).reduce((s, m) => s + m.new, 0);
      line('alerts-run', secs(runMs), 's', runMs / hitsMs, 'hit queries alone');
      console.error(`  ${rows} cases, ${raised} warnings raised, ${run.escalations.opened} escalation cases opened`);
      t = performance.now();
      await runAlerts(db, asOf);
      const rerunMs = performance.now() - t;
      line('alerts-rerun-same-as-of', secs(rerunMs), 's', rerunMs / hitsMs, 'hit queries alone');
    }
  }
  if (wants('report-submit')) await benchReportSubmit(db, url.toString(), dir, line);
} finally {
  await db.close();
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
}
