// The daily run: all enabled models once a day at ALERTS_DAILY_AT ("HH:MM", Asia/Shanghai), for as-of = the day
// before (the last complete day of data: departments' exports of a day arrive overnight). Time comes from the app's
// injectable clock. Runs never overlap: one at a time in this process, and runAlerts takes a PostgreSQL advisory lock
// across processes; with several server instances the first to get the lock runs, the others find that day's
// scheduled run and skip.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { runDailyWhileUp } from '../../lib/daily-schedule';
import type { Clock } from '../../plugins/clock';
import { type RunResult, runAlerts } from './engine';
import type { EngineDb } from './sql';

export { dailyAsOf, nextDailyRun, parseDailyAt, startDailySchedule, type DailySchedule, type Timer } from '../../lib/daily-schedule';

/** The scheduled run: once per as-of across all processes. */
export function scheduledRun(db: EngineDb, clock?: Clock) {
  return (asOf: string) => runAlerts(db, asOf, { trigger: 'schedule', oncePerAsOf: true, now: clock?.now() });
}

/** Fastify plugin: the daily schedule while the app runs (off when dailyAt is unset). */
export const alertSchedulePlugin = fp<{ dailyAt?: string }>(
  async (app: FastifyInstance, opts) => {
    if (!opts.dailyAt) return;
    runDailyWhileUp(app, {
      name: 'daily alert run',
      dailyAt: opts.dailyAt,
      run: scheduledRun(app.db, app.clock),
      summary: (r) => ({ skipped: r === null, models: r?.models }),
    });
  },
  { name: 'alert-schedule', dependencies: ['clock'] },
);
