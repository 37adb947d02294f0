// What every submission reads and staff rarely change, kept in this process: the report categories and the working-day
// calendar's overrides. A change made through this process drops its copy at once (invalidateReportCaches after the
// write commits), so the next submission reads the new value; a change made elsewhere (another server process, a
// direct SQL edit) is seen within MAX_AGE_MS.
import type { PrismaClient } from '../../generated/prisma/client';
import type { CalendarOverrides } from '../calendar';

export const REPORT_CACHE_MAX_AGE_MS = 60_000;

type Category = { code: string; name: string; replyDays: number; active: boolean };
type Entry<T> = { value: Promise<T>; at: number };
type Caches = { categories?: Entry<Map<string, Category>>; overrides?: Entry<CalendarOverrides> };

// per database client: each app (and each test's app) has its own
const caches = new WeakMap<object, Caches>();
const of = (db: PrismaClient) => {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = {}));
  return c;
};

function cached<T>(db: PrismaClient, key: keyof Caches, load: () => Promise<T>): Promise<T> {
  const c = of(db) as Record<string, Entry<T> | undefined>;
  const hit = c[key];
  if (hit && Date.now() - hit.at < REPORT_CACHE_MAX_AGE_MS) return hit.value;
  const value = load();
  c[key] = { value, at: Date.now() };
  // a failed read is not kept
  value.catch(() => {
    if (c[key]?.value === value) delete c[key];
  });
  return value;
}

/** The category of that code (active or not), or null. */
export async function cachedCategory(db: PrismaClient, code: string): Promise<Category | null> {
  const all = await cached(db, 'categories', async () => {
    const rows = await db.reportCategory.findMany({ select: { code: true, name: true, replyDays: true, active: true } });
    return new Map(rows.map((r) => [r.code, r]));
  });
  return all.get(code) ?? null;
}

export function cachedCalendarOverrides(db: PrismaClient): Promise<CalendarOverrides> {
  return cached(db, 'overrides', async () => {
    const rows = await db.calendarOverride.findMany({ select: { day: true, isWorkday: true } });
    return new Map(rows.map((r) => [r.day.toISOString().slice(0, 10), r.isWorkday]));
  });
}

/** After a category or a calendar override changed (committed): the next submission reads them again. */
export function invalidateReportCaches(db: PrismaClient, what: 'categories' | 'overrides') {
  delete of(db)[what];
}
