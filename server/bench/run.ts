// `pnpm bench`: benchmarks on real PostgreSQL (DATABASE_URL). Each prints
//   bench <name>: <figure> <unit> (<ratio> x <baseline>)
// with the baseline measured in the same run on the same machine. BENCH_ROWS sets the import size (default 200000).
// Names on the command line pick benches (`pnpm bench report-submit`); without any, all run. `pnpm bench alerts` imports
// the cases (it needs them) but skips the import-only lines (parse-validate, re-import).
// `pnpm bench staff-lists` loads the report-scale data set (`pnpm cli demo --scale report`, BENCH_SCALE_FRACTION of it,
// default all) into the bench database, or reads one loaded already when BENCH_SCALE_URL names it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openPostgres } from '../src/db/database';
import { applyMigrations } from '../src/db/migrate';
import { runAlerts } from '../src/modules/alerts/engine';
import { validateRow, mapHeader } from '../src/modules/alerts/import/service-cases';
import { readTable } from '../src/modules/alerts/import/read';
import { NEW_WARNINGS_DDL, compileModel } from '../src/modules/alerts/models/compile';
import { loadModels } from '../src/modules/alerts/engine';
import { sqlOf } from '../src/modules/alerts/sql';
import { HAND_WRITTEN } from './hand-written-models';
import { generateServiceCases } from './generate-service-cases';
import { benchReportSubmit } from './report-submit';
import { benchStaffLists, STAFF_LIST_ENDPOINTS } from './staff-lists';
import { loadConfig } from '../src/config';
import { deploymentSealer } from '../src/plugins/sealer';
import { seedScale } from '../src/seed/scale';

/** Each group and the lines it prints; a group runs when it or one of its lines is named. */
const groups = {
  'service-cases': ['psql-copy', 'import-parse-validate', 'import-service-cases', 'import-service-cases-throughput', 'import-peak-rss', 'reimport-unchanged'],
  alerts: [
    'alerts-model-overdue', 'alerts-model-low_pass_rate', 'alerts-model-not_one_time', 'alerts-model-unequal_treatment',
    'alerts-model-dissatisfied', 'alerts-model-obstruction', 'alerts-models-total', 'alerts-run', 'alerts-rerun-same-as-of',
  ],
  'report-submit': ['report-submit', 'report-submit-p99', 'report-submit-round-trips'],
  'staff-lists': STAFF_LIST_ENDPOINTS.map(([name]) => `staff-list-${name}`),
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

    const importLines = wants('service-cases');
    let n = -1;
    if (importLines) {
      // read + clean + validate only, no database
      t = performance.now();
      const it = readTable(file);
      const header = mapHeader((await it.next()).value!.cells);
      n = 0;
      for await (const row of it) if (!('reason' in validateRow(header, row))) n++;
      const parseMs = performance.now() - t;
      line('import-parse-validate', secs(parseMs), 's', parseMs / copyMs, 'psql \\copy');
    }

    // the import runs in a child process of its own, so its peak RSS is the import's and nothing else's
    const imp = importInChild(url.toString(), file);
    if (n >= 0 && imp.imported !== n) throw new Error(`imported ${imp.imported}, expected ${n}`);
    const importMs = imp.ms;
    line('import-service-cases', secs(importMs), 's', importMs / copyMs, 'psql \\copy');
    line('import-service-cases-throughput', Math.round(rows / (importMs / 1000)).toString(), 'rows/s', copyMs / importMs, 'psql \\copy speed');
    console.error(`  where the time goes: read+clean+validate+COPY to staging ${secs(imp.timings.readValidateStageMs)} s, set-based upsert ${secs(imp.timings.upsertMs)} s`);
    line('import-peak-rss', (imp.peakRssBytes / 2 ** 20).toFixed(0), 'MiB', imp.peakRssBytes / imp.rssBeforeBytes, 'RSS of the process before the import');

    if (importLines) {
      const r2 = importInChild(url.toString(), file);
      if (r2.unchanged !== imp.imported) throw new Error('re-import changed rows');
      line('reimport-unchanged', secs(r2.ms), 's', r2.ms / copyMs, 'psql \\copy');
    }

    if (wants('alerts')) {
      const sql = sqlOf(db);
      await runAlerts(db, '2000-01-01'); // creates the models and work_calendar, finds nothing
      // statistics as autovacuum would have them: the cases and the freshly built work_calendar
      await db.pool.query('ANALYZE');
      const models = await loadModels(sql, { enabledOnly: true });
      const asOf = '2026-06-30';
      const runId = '00000000-0000-0000-0000-000000000000';
      // each model twice, alternating with its hand-written SQL, the better of two (the machine is shared)
      const client = await db.pool.connect();
      // both write their hits into a temp table, the engine's with its identity check and jsonb values
      const timed = async (setup: [string, unknown[]], text: string, values: unknown[], engine: boolean) => {
        await client.query('BEGIN');
        try {
          await client.query(setup[0], setup[1]);
          const t0 = performance.now();
          const r = await client.query(text, values);
          return { ms: performance.now() - t0, rows: engine ? (r.rows[0] as { new: number }).new : r.rowCount! };
        } finally {
          await client.query('ROLLBACK');
        }
      };
      let modelsMs = 0;
      let handMs = 0;
      try {
        for (const m of models) {
          const hand = HAND_WRITTEN[m.name];
          if (!hand) continue;
          const c = compileModel(m, { asOf, runId });
          const handSetup: [string, unknown[]] = [`CREATE TEMP TABLE hand_hits ON COMMIT DROP AS ${hand} WITH NO DATA`, [asOf]];
          let best = { engine: Infinity, hand: Infinity };
          for (let i = 0; i < 2; i++) {
            const h = await timed(handSetup, `INSERT INTO hand_hits ${hand}`, [asOf], false);
            const e = await timed([NEW_WARNINGS_DDL, []], c.text, c.values, true);
            if (h.rows !== e.rows) throw new Error(`${m.name}: compiled SQL found ${e.rows} hits, hand-written ${h.rows}`);
            best = { engine: Math.min(best.engine, e.ms), hand: Math.min(best.hand, h.ms) };
            if (i === 0) console.error(`  ${m.name}: ${e.rows} hits`);
          }
          modelsMs += best.engine;
          handMs += best.hand;
          line(`alerts-model-${m.name}`, secs(best.engine), 's', best.engine / best.hand, 'hand-written SQL');
        }
      } finally {
        client.release();
      }
      line('alerts-models-total', secs(modelsMs), 's', modelsMs / handMs, 'hand-written SQL');

      t = performance.now();
      const run = await runAlerts(db, asOf);
      const runMs = performance.now() - t;
      const raised = Object.values(run.models).reduce((sum, m) => sum + m.new, 0);
      line('alerts-run', secs(runMs), 's', runMs / handMs, 'the six hand-written queries');
      console.error(`  ${rows} cases, ${raised} warnings raised, ${run.escalations.opened} escalation cases opened`);
      t = performance.now();
      await runAlerts(db, asOf);
      const rerunMs = performance.now() - t;
      line('alerts-rerun-same-as-of', secs(rerunMs), 's', rerunMs / handMs, 'the six hand-written queries');
    }
  }
  if (wants('report-submit')) await benchReportSubmit(db, url.toString(), dir, line);
  if (wants('staff-lists')) {
    const lineNamed = named.filter((n) => (groups['staff-lists'] as readonly string[]).includes(n));
    const only = named.includes('staff-lists') || lineNamed.length === 0 ? undefined : (n: string) => lineNamed.includes(n);
    const scaleUrl = process.env.BENCH_SCALE_URL;
    if (scaleUrl) {
      const scaled = await openPostgres(scaleUrl);
      try {
        await applyMigrations(scaled.sql);
        await benchStaffLists(scaled, scaleUrl, line, only);
      } finally {
        await scaled.close();
      }
    } else {
      const t = performance.now();
      const config = loadConfig({}, { NODE_ENV: 'development', DATA_DIR: dir, DATABASE_URL: url.toString() });
      const counts = await seedScale(db, {
        env: 'development',
        sealer: await deploymentSealer(db.sql, config),
        hashKey: config.hashKey,
        fraction: Number(process.env.BENCH_SCALE_FRACTION ?? 1),
        log: (m) => console.error(`  ${m}`),
      });
      console.error(`  scale data set loaded in ${secs(performance.now() - t)} s: ${JSON.stringify(counts)}`);
      await benchStaffLists(db, url.toString(), line, only);
    }
  }
} finally {
  await db.close();
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
}

type ChildImport = {
  ms: number;
  imported: number;
  unchanged: number;
  timings: { readValidateStageMs: number; upsertMs: number };
  rssBeforeBytes: number;
  peakRssBytes: number;
};

function importInChild(dbUrl: string, file: string): ChildImport {
  const child = path.join(path.dirname(new URL(import.meta.url).pathname), 'import-child.ts');
  const out = execFileSync(process.execPath, ['--import', 'tsx', child, dbUrl, file], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return JSON.parse(out.trim().split('\n').at(-1)!) as ChildImport;
}
