// The retention job once a day (RETENTION_DAILY_AT, Beijing time). Instances may overlap safely (see service.ts).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { runDailyWhileUp } from '../../lib/daily-schedule';
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
    runDailyWhileUp(app, { name: 'retention run', dailyAt: opts.dailyAt, run: () => runRetentionJob(app), summary: (r) => ({ ...r }) });
  },
  { name: 'retention-schedule', dependencies: ['clock'] },
);
