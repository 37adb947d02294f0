// Two API instances against one PostgreSQL and one Redis behave as one: rate limits are shared, the outbox is
// delivered once, the daily alert run happens once. Each instance has its own connection pool, as two processes
// would. Needs real PostgreSQL (PGlite is one process) and Redis (TEST_REDIS_URL, default the machine's 6379).
import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { openPostgres, type Database } from './db/database';
import { type Timer, scheduledRun, startDailySchedule } from './modules/alerts/schedule';
import { deliverPending } from './modules/reports/outbox';
import type { Clock } from './plugins/clock';
import { createTestApp, type TestApp } from './test-support/app';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const onPostgres = !!process.env.TEST_DATABASE_URL;

describe.skipIf(!onPostgres)('two instances on one PostgreSQL and one Redis', () => {
  // 2026-12-05 02:00 Asia/Shanghai: the daily run at 02:00 is due now
  const clock: Clock = { now: () => new Date('2026-12-04T18:00:00Z') };
  let first: TestApp;
  let secondDb: Database;
  let a: FastifyInstance;
  let b: FastifyInstance;

  beforeAll(async () => {
    const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect().catch((err) => {
      throw new Error(`此测试需要 Redis（${redisUrl}，或设置 TEST_REDIS_URL）: ${err.message}`);
    });
    redis.disconnect();
    first = await createTestApp({ env: { REDIS_URL: redisUrl }, clock });
    a = first.app;
    if (first.db.kind !== 'postgres') throw new Error('expected PostgreSQL');
    secondDb = await openPostgres(String((first.db.pool as unknown as { options: { connectionString: string } }).options.connectionString));
    b = await buildApp({ config: first.config, db: secondDb, storage: first.storage, clock, logger: false });
    await b.ready();
  });
  afterAll(async () => {
    await b?.close();
    await secondDb?.close();
    await first?.close();
  });

  it('shares the rate limit: 20 device logins a minute per address across both instances', async () => {
    // a fresh address per run, so runs sharing the Redis never count against each other
    const ip = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 24; i++) {
      const res = await (i % 2 ? b : a).inject({
        method: 'POST',
        url: '/api/public/auth/device',
        remoteAddress: ip,
        payload: { deviceId: `multi-instance-device-${i}`.padEnd(24, 'x') },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses.slice(20)).toEqual([429, 429, 429, 429]);
  });

  it('delivers each outbox row once while both instances work the queue at the same time', async () => {
    const due = new Date(clock.now().getTime() - 60_000);
    await first.db.prisma.outbox.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({ channel: 'in_app', payload: { title: `n${i}` }, nextAttemptAt: due, createdAt: new Date(due.getTime() + i) })),
    });
    const worker = async (app: FastifyInstance) => {
      let handled = 0;
      for (;;) {
        const r = await deliverPending(app, { batch: 7 });
        const n = r.sent + r.kept + r.retried + r.failed;
        if (!n) return handled;
        handled += n;
      }
    };
    const [byA, byB] = await Promise.all([worker(a), worker(b), worker(a), worker(b)]).then((counts) => [
      counts[0]! + counts[2]!,
      counts[1]! + counts[3]!,
    ]);
    expect(byA + byB).toBe(60);
    expect(await first.db.prisma.outbox.count({ where: { status: 'kept' } })).toBe(60);
  });

  it('runs the daily alert schedule once for the day when both instances fire', async () => {
    const timers: (() => void)[] = [];
    const timer: Timer = { set: (fn) => timers.push(fn), clear: () => {} };
    const results: unknown[] = [];
    const schedules = [first.db, secondDb].map((db) =>
      startDailySchedule({ dailyAt: '02:00', clock, run: scheduledRun(db, clock), timer, onDone: (_asOf, r) => results.push(r), onError: (err) => results.push(err) }),
    );
    timers.splice(0).forEach((fire) => fire());
    await Promise.all(schedules.map((s) => s.running()));
    schedules.forEach((s) => s.stop());
    expect(results).toHaveLength(2);
    expect(results.filter((r) => r === null)).toHaveLength(1);
    const runs = await first.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM alert_run WHERE as_of = '2026-12-04' AND trigger = 'schedule'`);
    expect(runs[0]!.n).toBe(1);
  });
});
