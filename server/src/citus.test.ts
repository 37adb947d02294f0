// The alert engine on a Citus cluster against one PostgreSQL node (docs/scaling.md, "Citus"): the same generated
// service cases, the same runs, and `warnings list --json` and the escalation cases byte for byte. Runs only when
// CITUS_COORDINATOR_URL names a coordinator whose workers are added (scripts/test.mjs says "skipped: no Citus"
// otherwise); CITUS_TEST_ROWS sets the size (default 200,000). The engine's own integration tests run on the cluster
// too: scripts/test.mjs runs src/modules/alerts/engine.test.ts with CITUS_TEST_DATABASES=1.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateServiceCases } from '../bench/generate-service-cases';
import { applyCitusLayout, createCitusDatabase } from './db/citus';
import { type Database, openPostgres } from './db/database';
import { applyMigrations } from './db/migrate';
import { runAlertsCli } from './modules/alerts/cli';
import { closeWarning, dryRunModel } from './modules/alerts/engine';
import { DEFAULT_MODELS } from './modules/alerts/models/definitions';
import { createTestDatabase } from './test-support/database';

const coordinator = process.env.CITUS_COORDINATOR_URL;
const ROWS = Number(process.env.CITUS_TEST_ROWS ?? 200_000);

async function cli(db: Database, ...argv: string[]): Promise<string> {
  let out = '';
  const code = await runAlertsCli(db, argv, { out: (s) => void (out += s), err: () => {} });
  expect(code, `${argv.join(' ')}: ${out}`).toBe(0);
  return out;
}

const ESCALATIONS = `SELECT model, unit_code, stage, opened_as_of::text, stage_as_of::text, open_key FROM escalation_case ORDER BY model, unit_code, opened_as_of`;

/** A run's counts without its duration (the only figure that may differ). */
const runCounts = (out: string) => JSON.parse(out) as unknown;

describe.skipIf(!coordinator)(`the alert engine on Citus (${ROWS} generated cases)`, () => {
  let single: Database;
  let citus: Database;
  let dropCluster: () => Promise<void> = async () => {};
  let dir: string;
  const timings: string[] = [];
  const timed = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const r = await fn();
    timings.push(`${label} ${((performance.now() - t0) / 1000).toFixed(2)} s`);
    return r;
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'msjd-citus-'));
    const cluster = await createCitusDatabase(coordinator!, `msjd_citus_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`);
    dropCluster = cluster.drop;
    citus = await openPostgres(cluster.url);
    await applyMigrations(citus.sql);
    await applyCitusLayout(citus.sql);
    single = await createTestDatabase();
    if (single.kind !== 'postgres') throw new Error('the Citus suite compares with one PostgreSQL node: set TEST_DATABASE_URL too');
    await generateServiceCases(path.join(dir, 'cases.csv'), ROWS);
  }, 600_000);

  afterAll(async () => {
    if (timings.length) console.log(`Citus suite timings (${ROWS} cases): ${timings.join('; ')}`);
    await citus?.close();
    await dropCluster();
    await single?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 120_000);

  it('lays the tables out: service cases and warnings distributed by item and co-located, the rest replicated', async () => {
    const rows = await citus.sql.query<{ t: string; type: string; col: string; colocation: number }>(
      `SELECT table_name::text AS t, citus_table_type AS type, distribution_column AS col, colocation_id AS colocation FROM citus_tables ORDER BY 1`,
    );
    const by = new Map(rows.map((r) => [r.t, r]));
    expect(by.get('service_case')).toMatchObject({ type: 'distributed', col: 'item_code' });
    expect(by.get('alert_warning')).toMatchObject({ type: 'distributed', col: 'item_key', colocation: by.get('service_case')!.colocation });
    for (const t of ['work_calendar', 'alert_model', 'alert_model_version', 'alert_run', 'escalation_case', 'alert_dataset', 'alert_dataset_row']) {
      expect(by.get(t)?.type, t).toBe('reference');
    }
  });

  it('applies a later multi-statement migration to distributed tables, one statement at a time', async () => {
    const migrations = path.join(dir, 'migrations');
    await mkdir(path.join(migrations, '29991231000000_citus_probe'), { recursive: true });
    await writeFile(
      path.join(migrations, '29991231000000_citus_probe', 'migration.sql'),
      `ALTER TABLE "service_case" ADD COLUMN "probe" INTEGER;\nCREATE INDEX "service_case_probe_idx" ON "service_case"("probe");\n` +
        `UPDATE "alert_warning" SET "close_note" = NULL WHERE false;\nALTER TABLE "service_case" DROP COLUMN "probe";\n`,
    );
    expect(await applyMigrations(citus.sql, migrations)).toEqual(['29991231000000_citus_probe']);
  });

  it('import -> run -> rerun -> later run -> list: the same warnings and escalation cases as one node, byte for byte', async () => {
    const file = path.join(dir, 'cases.csv');
    const importedA = await timed('import (one node)', () => cli(single, 'import', 'service-cases', file));
    const importedB = await timed('import (Citus)', () => cli(citus, 'import', 'service-cases', file));
    expect(importedB).toBe(importedA);
    expect(JSON.parse(importedA).imported).toBeGreaterThan(ROWS * 0.9);
    // the same file again: every row unchanged, nothing written
    const againA = await timed('re-import unchanged (one node)', () => cli(single, 'import', 'service-cases', file));
    const againB = await timed('re-import unchanged (Citus)', () => cli(citus, 'import', 'service-cases', file));
    expect(againB).toBe(againA);
    expect(JSON.parse(againA)).toMatchObject({ imported: 0, updated: 0 });
    const cases = `SELECT md5(string_agg(c::text, '|' ORDER BY c.case_no)) AS h, count(*)::int AS n
                     FROM (SELECT case_no, unit_code, item_code, applicant_id, accepted_at, accepted_on, promised_days, finished_at,
                                  finished_on, result, supplement_count, rating FROM service_case) c`;
    expect(await citus.sql.query(cases)).toEqual(await single.sql.query(cases));
    await citus.sql.query('ANALYZE service_case');
    await single.sql.query('ANALYZE service_case');

    for (const asOf of ['2026-06-30', '2026-06-30', '2026-09-30']) {
      const a = await timed(`run ${asOf} (one node)`, () => cli(single, 'alerts', 'run', '--as-of', asOf));
      const b = await timed(`run ${asOf} (Citus)`, () => cli(citus, 'alerts', 'run', '--as-of', asOf));
      expect(runCounts(b)).toEqual(runCounts(a));
    }
    const listA = await timed('warnings list --json (one node)', () => cli(single, 'warnings', 'list', '--json'));
    const listB = await timed('warnings list --json (Citus)', () => cli(citus, 'warnings', 'list', '--json'));
    expect(listB.length).toBeGreaterThan(1000);
    expect(listB === listA, 'warnings list --json differs').toBe(true);
    expect(await citus.sql.query(ESCALATIONS)).toEqual(await single.sql.query(ESCALATIONS));
  }, 1_800_000);

  it('a dry run and closing a warning give the same results on both', async () => {
    const def = DEFAULT_MODELS.find((m) => m.name === 'overdue')!;
    const [da, db] = [await dryRunModel(single, def, '2026-10-31'), await dryRunModel(citus, def, '2026-10-31')];
    expect(db).toEqual(da);
    expect(da.hits).toBeGreaterThan(da.newHits);
    // the same warning on both (by identity), closed on both: a group warning's identity is released
    const pick = `SELECT id::text, item_key FROM alert_warning WHERE model = 'low_pass_rate' OR model = 'obstruction' ORDER BY identity_key LIMIT 1`;
    const [wa] = await single.sql.query<{ id: string; item_key: string }>(pick);
    const [wb] = await citus.sql.query<{ id: string; item_key: string }>(pick);
    if (wa) {
      await closeWarning(single.sql, wa.id, { reason: 'confirmed' });
      await closeWarning(citus.sql, wb.id, { reason: 'justified' }, undefined, undefined, wb.item_key);
      const state = `SELECT count(*) FILTER (WHERE status = 'closed')::int AS closed, count(identity_key)::int AS held FROM alert_warning`;
      expect(await citus.sql.query(state)).toEqual(await single.sql.query(state));
    }
  });
});
