// Pieces every module's schemas and services share, defined once: the validated calendar date and the Asia/Shanghai
// day arithmetic around it, ids in paths, paging.
import { z } from 'zod';

// ---- dates ----
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Whether a YYYY-MM-DD string names a day that exists (2026-02-30 does not). */
export function isRealIsoDate(day: string): boolean {
  if (!ISO_DATE.test(day)) return false;
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}
/** A calendar date, YYYY-MM-DD, that exists: the one date type of every query, body and response. */
export const isoDateSchema = z
  .string()
  .regex(ISO_DATE, '日期格式应为 YYYY-MM-DD')
  .refine((day) => !ISO_DATE.test(day) || isRealIsoDate(day), '日期不存在');

/** Asia/Shanghai is UTC+8 all year (no daylight saving since 1991). */
export const SHANGHAI_OFFSET_MS = 8 * 3600_000;
/** The Asia/Shanghai calendar day of an instant. */
export const shanghaiDay = (instant: Date): string => new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
/** The instant a Shanghai day begins. */
export const shanghaiStart = (day: string): Date => new Date(`${day}T00:00:00+08:00`);
/** The instant the Shanghai day after `day` begins (the exclusive end of a date range). */
export const shanghaiEndExclusive = (day: string): Date => new Date(shanghaiStart(day).getTime() + 24 * 3600_000);
/** An instant shifted so that its UTC fields read as Shanghai wall-clock time (for formatting only). */
export const shanghaiWallClock = (instant: Date): Date => new Date(instant.getTime() + SHANGHAI_OFFSET_MS);

// ---- ids ----
/** A uuid in a path or query, refused in Chinese. */
export const uuidParam = z.uuid('编号格式不正确');
/** `/:id` of a route that addresses one record. */
export const idParams = z.object({ id: uuidParam });

// ---- paging ----
/** page (from 1) and pageSize of a list query; each list keeps its own largest and default page size. */
export const pagingQuery = ({ max = 200, size = 20 }: { max?: number; size?: number } = {}) =>
  z.object({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(max).default(size),
  });
/** One page of a list as every list route answers it. */
export const pageOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
/** The rows a page skips and takes. */
export const pageArgs = (q: { page: number; pageSize: number }) => ({ skip: (q.page - 1) * q.pageSize, take: q.pageSize });
