import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { createTestDatabase } from '../../test-support/database';
import { checkApplicantId } from './import/clean';
import { demoResidentId, demoServiceCases, runDemoAlerts, seedDemoAlertData } from './demo';
import { sqlOf } from './sql';

let db: Database;
beforeAll(async () => {
  db = await createTestDatabase();
}, 60_000);
afterAll(async () => db?.close());

describe('demo alerts', () => {
  it('makes resident IDs whose check character is valid', () => {
    for (let i = 0; i < 50; i++) expect(checkApplicantId(demoResidentId('1975-03-12', i)).ok).toBe(true);
    expect(new Set(demoServiceCases().map((c) => c.no)).size).toBe(demoServiceCases().length);
  });

  it('a fresh demo has warnings of every model and escalations, through the engine, as of the demo day', async () => {
    const sql = sqlOf(db);
    await seedDemoAlertData(db);
    const now = new Date('2026-11-20T02:00:00Z');
    const seeded = await runDemoAlerts(db, now);
    expect(seeded.serviceCases).toBe(demoServiceCases().length);
    const byModel = Object.fromEntries(
      (await sql.query<{ model: string; n: number }>(`SELECT model, count(*)::int AS n FROM alert_warning GROUP BY model`)).map((r) => [r.model, r.n]),
    );
    for (const model of ['overdue', 'low_pass_rate', 'not_one_time', 'unequal_treatment', 'dissatisfied', 'obstruction', 'fake_disability', 'inflated_land_area']) {
      expect(byModel[model], model).toBeGreaterThan(0);
    }
    expect(seeded.warnings).toBe(Object.values(byModel).reduce((a, b) => a + b, 0));
    expect(await sql.query(`SELECT DISTINCT as_of::text AS as_of FROM alert_warning`)).toEqual([{ as_of: '2026-11-20' }]);
    const stages = (await sql.query<{ stage: string }>(`SELECT DISTINCT stage FROM escalation_case ORDER BY stage`)).map((r) => r.stage);
    expect(stages).toEqual(['urge', 'verify']);
    // every warning names the model version that raised it; two are closed with a reason (查实率 has data)
    expect(await sql.query(`SELECT 1 FROM alert_warning WHERE model_version IS NULL`)).toEqual([]);
    expect((await sql.query<{ close_reason: string }>(`SELECT close_reason FROM alert_warning WHERE status = 'closed' ORDER BY close_reason`)).map((r) => r.close_reason)).toEqual([
      'confirmed',
      'justified',
    ]);
    // the demo import is in the history like any other
    expect(await sql.query(`SELECT file_name, via, status FROM alert_import WHERE kind = 'service_cases'`)).toEqual([{ file_name: '演示办件数据.csv', via: 'seed', status: 'ok' }]);
  });
});
