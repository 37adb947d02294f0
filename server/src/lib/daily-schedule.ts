// A job once a day at "HH:MM" Beijing time (the alert run, the retention job), timed by the app's injectable clock.
// One run at a time per process; jobs that must also not overlap across processes take their own advisory lock.
import type { Clock } from '../plugins/clock';

const SHANGHAI_MS = 8 * 3600_000;
const DAY_MS = 86400_000;

export function parseDailyAt(value: string): { hour: number; minute: number } {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
  if (!m) throw new Error(`每日运行时间应为 HH:MM（北京时间），实际为 ${value}`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

/** The next instant strictly after `now` at which the daily run is due. */
export function nextDailyRun(dailyAt: string, now: Date): Date {
  const { hour, minute } = parseDailyAt(dailyAt);
  const local = now.getTime() + SHANGHAI_MS;
  const dayStart = local - (((local % DAY_MS) + DAY_MS) % DAY_MS);
  let at = dayStart + (hour * 60 + minute) * 60_000;
  if (at <= local) at += DAY_MS;
  return new Date(at - SHANGHAI_MS);
}

/** The as-of of a daily run started at `at`: the previous calendar day in Asia/Shanghai. */
export function dailyAsOf(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_MS - DAY_MS).toISOString().slice(0, 10);
}

export type Timer = { set(fn: () => void, ms: number): unknown; clear(handle: unknown): void };
const realTimer: Timer = {
  set: (fn, ms) => setTimeout(fn, ms).unref(),
  clear: (h) => clearTimeout(h as NodeJS.Timeout),
};

export type DailySchedule = { stop(): void; next(): Date | null; /** the run in progress, if any */ running(): Promise<unknown> | null };

/**
 * Arms the timer for the next due instant; when it fires, runs (unless a run of this process is still going) and
 * re-arms. `run` returns null when it skipped (e.g. that day's scheduled run exists already).
 */
export function startDailySchedule<R>(opts: {
  dailyAt: string;
  clock: Clock;
  run: (asOf: string) => Promise<R | null>;
  onDone?: (asOf: string, result: R | null, ms: number) => void;
  onError?: (err: unknown) => void;
  timer?: Timer;
}): DailySchedule {
  const timer = opts.timer ?? realTimer;
  parseDailyAt(opts.dailyAt);
  let handle: unknown;
  let nextAt: Date | null = null;
  let inFlight: Promise<unknown> | null = null;
  let stopped = false;
  const arm = () => {
    if (stopped) return;
    nextAt = nextDailyRun(opts.dailyAt, opts.clock.now());
    // a fixed test clock would otherwise re-fire at once: never less than a minute apart
    handle = timer.set(fire, Math.max(nextAt.getTime() - opts.clock.now().getTime(), 60_000));
  };
  const fire = () => {
    if (stopped) return;
    if (!inFlight) {
      const started = opts.clock.now();
      const asOf = dailyAsOf(started);
      inFlight = opts
        .run(asOf)
        .then((r) => opts.onDone?.(asOf, r, opts.clock.now().getTime() - started.getTime()))
        .catch((err) => opts.onError?.(err))
        .finally(() => {
          inFlight = null;
        });
    }
    arm();
  };
  arm();
  return {
    stop() {
      stopped = true;
      timer.clear(handle);
    },
    next: () => nextAt,
    running: () => inFlight,
  };
}


/**
 * Runs a daily job while the app runs: armed when the app is ready, stopped (and the run in progress awaited) when it
 * closes. `name` labels the log lines.
 */
export function runDailyWhileUp<R>(
  app: { clock: Clock; log: { info(o: object, m: string): void; error(o: object, m: string): void }; addHook(name: 'onReady' | 'onClose', fn: () => Promise<void>): unknown },
  opts: { name: string; dailyAt: string; run: (asOf: string) => Promise<R | null>; summary?: (result: R | null) => object },
): void {
  let schedule: DailySchedule | undefined;
  app.addHook('onReady', async () => {
    schedule = startDailySchedule({
      dailyAt: opts.dailyAt,
      clock: app.clock,
      run: opts.run,
      onDone: (asOf, r, ms) => app.log.info({ asOf, ms, ...(opts.summary?.(r) ?? {}) }, opts.name),
      onError: (err) => app.log.error({ err }, `${opts.name} failed`),
    });
    app.log.info({ dailyAt: opts.dailyAt, next: schedule.next()?.toISOString() }, `${opts.name} scheduled`);
  });
  app.addHook('onClose', async () => {
    schedule?.stop();
    await schedule?.running();
  });
}
