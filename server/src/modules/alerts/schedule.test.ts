// The daily schedule: due instants in Asia/Shanghai from the injectable clock, as-of = the day before, no overlap.
import { describe, expect, it } from 'vitest';
import type { RunResult } from './engine';
import { dailyAsOf, nextDailyRun, parseDailyAt, startDailySchedule, type Timer } from './schedule';

describe('daily schedule', () => {
  it.each([
    // now (UTC), dailyAt, next (UTC)
    ['2026-04-30T17:59:00Z', '02:00', '2026-04-30T18:00:00.000Z'], // 01:59 Shanghai -> 02:00 today
    ['2026-04-30T18:00:00Z', '02:00', '2026-05-01T18:00:00.000Z'], // exactly due -> tomorrow
    ['2026-04-30T20:00:00Z', '02:00', '2026-05-01T18:00:00.000Z'],
    ['2026-04-30T15:30:00Z', '23:45', '2026-04-30T15:45:00.000Z'],
    ['2026-12-31T16:00:00Z', '0:05', '2026-12-31T16:05:00.000Z'], // 2027-01-01 00:00 Shanghai
  ])('at %s, daily at %s, the next run is %s', (now, at, next) => {
    expect(nextDailyRun(at, new Date(now)).toISOString()).toBe(next);
  });

  it('as-of is the previous day in Shanghai', () => {
    expect(dailyAsOf(new Date('2026-04-30T18:00:00Z'))).toBe('2026-04-30'); // 05-01 02:00 Shanghai
    expect(dailyAsOf(new Date('2026-02-28T17:00:00Z'))).toBe('2026-02-28'); // 03-01 01:00 Shanghai
  });

  it.each(['2:0', '24:00', '02:60', 'noon', ''])('refuses %j', (v) => expect(() => parseDailyAt(v)).toThrow(/HH:MM/));

  it('fires at the due time, re-arms, and never starts a second run while one is going', async () => {
    let now = new Date('2026-04-30T17:00:00Z');
    const timers: { fn: () => void; ms: number }[] = [];
    const timer: Timer = { set: (fn, ms) => timers.push({ fn, ms }), clear: () => {} };
    const started: string[] = [];
    let finish!: () => void;
    const s = startDailySchedule({
      dailyAt: '02:00',
      clock: { now: () => now },
      timer,
      run: (asOf) => {
        started.push(asOf);
        return new Promise<RunResult | null>((resolve) => {
          finish = () => resolve(null);
        });
      },
    });
    expect(timers[0].ms).toBe(3600_000);
    expect(s.next()?.toISOString()).toBe('2026-04-30T18:00:00.000Z');
    now = new Date('2026-04-30T18:00:00Z');
    timers[0].fn();
    expect(started).toEqual(['2026-04-30']);
    expect(timers[1].ms).toBe(86400_000);
    // the next day comes while the run is still going: no second run
    now = new Date('2026-05-01T18:00:00Z');
    timers[1].fn();
    expect(started).toEqual(['2026-04-30']);
    finish();
    await s.running();
    now = new Date('2026-05-02T18:00:00Z');
    timers[2].fn();
    expect(started).toEqual(['2026-04-30', '2026-05-02']);
    s.stop();
  });
});
