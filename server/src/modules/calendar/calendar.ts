// Working-day arithmetic (datasets.md "Working days"): the State Council schedule shipped by `chinese-days`
// (public holidays and 调休 make-up days), Monday-Friday outside the known years, staff overrides win.
// Dates are 'YYYY-MM-DD' strings meaning a calendar day in Asia/Shanghai.
import { createRequire } from 'node:module';
import { shanghaiDay } from '@msjd/shared/common';

const require = createRequire(import.meta.url);
const data = require('chinese-days/dist/chinese-days.json') as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};

export type IsoDate = string;
/** Staff overrides: day -> isWorkday. */
export type CalendarOverrides = ReadonlyMap<IsoDate, boolean>;

const NO_OVERRIDES: CalendarOverrides = new Map();

/** Official exceptions to Monday-Friday: true = make-up working day on a weekend, false = holiday on a weekday. */
export const officialExceptions: ReadonlyMap<IsoDate, boolean> = (() => {
  const m = new Map<IsoDate, boolean>();
  for (const day of Object.keys(data.holidays)) if (isWeekday(day)) m.set(day, false);
  for (const day of Object.keys(data.workdays)) if (!isWeekday(day)) m.set(day, true);
  return m;
})();

/** The years the shipped schedule covers. */
export const knownYears: readonly number[] = (() => {
  const ys = new Set<number>();
  for (const d of [...Object.keys(data.holidays), ...Object.keys(data.workdays)]) ys.add(Number(d.slice(0, 4)));
  return [...ys].sort((a, b) => a - b);
})();

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function assertIsoDate(date: string): IsoDate {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`不是有效日期: ${date}`);
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  if (d.getUTCFullYear() !== +m[1] || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) {
    throw new RangeError(`不是有效日期: ${date}`);
  }
  return date;
}

function toUtc(date: IsoDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

export function addDays(date: IsoDate, n: number): IsoDate {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function isWeekday(date: IsoDate): boolean {
  const dow = toUtc(date).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/** The calendar day in Asia/Shanghai (UTC+8, no DST since 1991) of an instant. */
export function toShanghaiDate(instant: Date): IsoDate {
  return shanghaiDay(instant);
}

export function isWorkday(date: IsoDate, overrides: CalendarOverrides = NO_OVERRIDES): boolean {
  const o = overrides.get(date);
  if (o !== undefined) return o;
  const e = officialExceptions.get(date);
  if (e !== undefined) return e;
  return isWeekday(date);
}

/** The n-th working day after `date` (the date itself not counted); n = 0 -> `date`. */
export function addWorkdays(date: IsoDate, n: number, overrides: CalendarOverrides = NO_OVERRIDES): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`工作日数必须是非负整数: ${n}`);
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkday(d, overrides)) left--;
  }
  return d;
}

/** Number of working days d with a < d <= b (0 when b <= a). */
export function workdaysBetween(a: IsoDate, b: IsoDate, overrides: CalendarOverrides = NO_OVERRIDES): number {
  let n = 0;
  for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (isWorkday(d, overrides)) n++;
  return n;
}
