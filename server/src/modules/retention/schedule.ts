// The retention job once a day (RETENTION_DAILY_AT, Beijing time). Instances may overlap safely (see service.ts).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { startDailySchedule, type DailySchedule } from '../../lib/daily-schedule';
import { runRetention } from './service';
import type { RetentionRunResult } from '@msjd/shared';

/** One run as the system. */
export function runRetentionJob(app: FastifyInstance): Promise<RetentionRunResult> {
  return runRetention({
    prisma: app.db.prisma,
    sql: app.db.sql,
    storage: app.storage,
    audit: (entry, tx) => app.audit(null, entry, tx),
    now: app.clock.now(),
  });
}

export const retentionSchedulePlugin = fp<{ dailyAt?: string }>(
  async (app, opts) => {
    if (!opts.dailyAt) return;
    const dailyAt = opts.dailyAt;
    let schedule: DailySchedule | undefined;
    app.addHook('onReady', async () => {
      schedule = startDailySchedule({
        dailyAt,
        clock: app.clock,
        run: () => runRetentionJob(app),
        onDone: (_asOf, r, ms) => app.log.info({ ms, ...r }, 'retention run'),
        onError: (err) => app.log.error({ err }, 'retention run failed'),
      });
      app.log.info({ dailyAt, next: schedule.next()?.toISOString() }, 'retention run scheduled');
    });
    app.addHook('onClose', async () => {
      schedule?.stop();
      await schedule?.running();
    });
  },
  { name: 'retention-schedule', dependencies: ['clock'] },
);
