// The report-scale data set at a thousandth of its size: the counts it promises, a chain the audit verifier accepts,
// and its refusals (an embedded database, production, a database that already has staff).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { chainKey, chainReaders, verifyChain } from '../lib/audit-chain';
import { createSealer } from '../lib/sealing';
import { loadConfig } from '../config';
import { createTestDatabase } from '../test-support/database';
import { DEMO_REPORT_COUNT } from '../modules/reports/seed';
import { DEMO_COMPLAINT_COUNT } from '../modules/business/seed';
import { seedScale, ScaleSeedRefused } from './scale';

const onPostgres = !!process.env.TEST_DATABASE_URL;
let db: Database;
const config = loadConfig({}, { NODE_ENV: 'test', DATA_DIR: '/tmp' });
const sealer = () => createSealer(config.identityKeys, config.hashKey, { suite: config.sealSuite });

beforeAll(async () => {
  db = await createTestDatabase();
}, 120_000);
afterAll(async () => db?.close());

it.runIf(!onPostgres)('refuses the embedded database with a clear message', async () => {
  await expect(seedScale(db, { env: 'development', sealer: sealer(), hashKey: config.hashKey, fraction: 0.001 })).rejects.toThrow(/只能装入 PostgreSQL/);
});

it.runIf(onPostgres)('loads a thousandth of the report: cases, warnings with runs and cases, reports with timelines, chained audit rows', async () => {
  await expect(seedScale(db, { env: 'production', sealer: sealer(), hashKey: config.hashKey, fraction: 0.001 })).rejects.toBeInstanceOf(ScaleSeedRefused);
  const now = new Date('2026-12-04T02:00:00Z');
  const counts = await seedScale(db, { env: 'development', sealer: sealer(), hashKey: config.hashKey, fraction: 0.001, now });
  if (db.kind !== 'postgres') throw new Error('unreachable');
  const { rows: demoCases } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM service_case WHERE case_no NOT LIKE 'BJ%'`);
  expect(counts.serviceCases - demoCases[0]!.n).toBe(2150);
  // the demo's reports and the reports of its 31 business complaints beside the scale's
  expect(counts.reports).toBe(100 + DEMO_REPORT_COUNT + DEMO_COMPLAINT_COUNT);
  expect(counts).toMatchObject({ serviceItems: 1805, enterprises: 120, evaluations: 261 });
  // about 300 warnings of the six models beside the demo run's, each on its run, most in an escalation case
  const { rows: byModel } = await db.pool.query<{ model: string; n: number; linked: number }>(
    `SELECT model, count(*)::int AS n, count(escalation_id)::int AS linked FROM alert_warning w
      WHERE EXISTS (SELECT 1 FROM alert_run r WHERE r.id = w.run_id AND r.trigger = 'schedule') GROUP BY model ORDER BY model`,
  );
  expect(byModel.map((m) => m.model)).toEqual(['dissatisfied', 'low_pass_rate', 'not_one_time', 'obstruction', 'overdue', 'unequal_treatment']);
  const total = byModel.reduce((s, m) => s + m.n, 0);
  expect(total).toBeGreaterThan(250);
  expect(total).toBeLessThanOrEqual(300);
  expect(byModel.reduce((s, m) => s + m.linked, 0)).toBeGreaterThan(total * 0.9);
  const { rows: stages } = await db.pool.query<{ stage: string }>(`SELECT DISTINCT stage FROM escalation_case ORDER BY stage`);
  expect(stages.map((s) => s.stage)).toEqual(expect.arrayContaining(['done', 'urge']));
  // every scale report has its first event; each status its timeline
  const { rows: events } = await db.pool.query<{ missing: number; closedShort: number }>(
    `SELECT count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM report_event e WHERE e.report_id = r.id AND e.kind = 'submitted'))::int AS missing,
            count(*) FILTER (WHERE r.status = 'closed' AND r.content LIKE '%规模测试%' AND (SELECT count(*) FROM report_event e WHERE e.report_id = r.id) <> 6)::int AS "closedShort"
       FROM report r`,
  );
  expect(events[0]).toEqual({ missing: 0, closedShort: 0 });
  // nothing made up in sealed columns
  const { rows: sealed } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM report WHERE content LIKE '%规模测试%' AND (reporter_name_sealed IS NOT NULL OR reporter_phone_sealed IS NOT NULL)`);
  expect(sealed[0]!.n).toBe(0);
  const { rows: logged } = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
  expect(logged[0]!.n).toBe(counts.auditLogs);
  // every row is already linked: the verifier finds nothing pending and no break
  const read = chainReaders(db.prisma);
  const chain = await verifyChain(read.chained, read.unchained, chainKey(config.hashKey), null);
  expect(chain).toMatchObject({ checked: counts.auditLogs, pending: 0, break: null });
  // a second load into the same database is refused
  await expect(seedScale(db, { env: 'development', sealer: sealer(), hashKey: config.hashKey, fraction: 0.001 })).rejects.toThrow(/不是空的/);
}, 300_000);
