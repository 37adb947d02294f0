import type { Prisma, PrismaClient } from '../../generated/prisma/client';

type Executor = PrismaClient | Prisma.TransactionClient;

/**
 * Hands out the next serial of a prefix (`JB20261124-` → `JB20261124-0001`, …).
 *
 * One update of the prefix's counter row: concurrent callers queue only on that row, for the length of the statement
 * when called outside a transaction. The first call of a prefix starts after the highest serial already stored, so
 * reports written before the counter existed (or by the demo seed) are never numbered twice; later calls do not
 * look at the reports at all.
 * A transaction that fails after taking a number leaves a gap; serials identify reports, they do not count them.
 */
export async function nextSerial(db: Executor, prefix: string): Promise<string> {
  // the usual case: the prefix has its row, one indexed update
  const bumped = await db.$queryRaw<{ last: number }[]>`
    UPDATE report_serial_counter SET last = last + 1 WHERE prefix = ${prefix} RETURNING last`;
  if (bumped[0]) return formatSerial(prefix, bumped[0].last);
  // first of the day: look at what is stored once, and let a concurrent first caller's row win
  const rows = await db.$queryRaw<{ last: number }[]>`
    INSERT INTO report_serial_counter (prefix, last)
    VALUES (
      ${prefix},
      COALESCE((SELECT max(substring(serial FROM char_length(${prefix}) + 1)::int) FROM report
                WHERE serial LIKE ${prefix} || '%' AND substring(serial FROM char_length(${prefix}) + 1) ~ '^[0-9]+$'), 0) + 1
    )
    ON CONFLICT (prefix) DO UPDATE SET last = report_serial_counter.last + 1
    RETURNING last`;
  return formatSerial(prefix, rows[0]!.last);
}

export const formatSerial = (prefix: string, n: number) => `${prefix}${String(n).padStart(4, '0')}`;
