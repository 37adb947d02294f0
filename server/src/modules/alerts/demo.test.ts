import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { seedDemoData } from '../../seed/demo';
import { createTestApp, staffHeader, type TestApp } from '../../test-support/app';
import { createTestDatabase } from '../../test-support/database';
import { checkApplicantId } from './import/clean';
import { DEMO_URGE_DEADLINE_DAYS, demoResidentId, demoServiceCases, runDemoAlerts, seedDemoAlertData, seedDemoUrgeNotice } from './demo';
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

describe('the demo 督办通知书', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoData(t.db);
  }, 120_000);
  afterAll(async () => t?.close());

  it('is issued once through the service the route uses, and shows on 督办核查问责 and 整改跟踪', async () => {
    const issued = await seedDemoUrgeNotice(t.app);
    expect(issued?.urgeNotice).toMatch(/^〔\d{4}〕督办第1号$/);
    expect(await seedDemoUrgeNotice(t.app)).toBeNull();
    const serial = issued!.urgeNotice;
    const p = t.db.prisma;
    const notice = await p.urgeNotice.findFirstOrThrow();
    const c = await p.escalationCase.findUniqueOrThrow({ where: { id: notice.escalationId } });
    const unit = await p.unit.findFirstOrThrow({ where: { code: c.unitCode } });
    // the first late-case 督办 of a unit in the directory, addressed to that unit with the 督办要求 phrase
    expect(c).toMatchObject({ model: 'overdue', stage: 'urge' });
    expect(notice).toMatchObject({ serial, unitId: unit.id, unitReason: null, deadlineDays: DEMO_URGE_DEADLINE_DAYS, status: 'issued' });
    expect(notice.content).toContain(`请${unit.name}对上述超期办件逐件核查原因`);
    expect(notice.warningCount).toBeGreaterThan(0);
    expect(JSON.stringify(notice.findings)).not.toMatch(/\d{17}[\dX]/);
    expect(await p.escalationEvent.count({ where: { escalationId: c.id, kind: 'notice_issued' } })).toBe(1);
    expect(await p.auditLog.findFirst({ where: { action: 'alerts.urge_notice_issue', entityId: c.id }, select: { actorType: true } })).toEqual({ actorType: 'system' });

    const supervisor = await staffHeader(t, 'supervisor');
    const escalations = await t.app.inject({ url: '/api/staff/alerts/escalations?stage=urge&pageSize=100', headers: supervisor });
    expect(escalations.statusCode, escalations.body).toBe(200);
    expect(escalations.json().items.find((e: { id: string }) => e.id === c.id)).toMatchObject({ notice: { serial, status: 'issued', taskId: notice.taskId } });
    const tasks = await t.app.inject({ url: '/api/staff/rectifications?pageSize=100', headers: supervisor });
    expect(tasks.statusCode, tasks.body).toBe(200);
    expect(tasks.json().items.find((r: { id: string }) => r.id === notice.taskId)).toMatchObject({
      sourceKind: 'warning',
      title: `督办通知书 ${serial}`,
      unitName: unit.name,
      status: 'pending',
      urgeNotice: { serial, escalationId: c.id },
    });
  });
});
