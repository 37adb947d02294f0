// Unique violations and the retries they call for, defined once: a serial or key taken by a concurrent writer means
// "run the transaction again", any other failure is final.

/**
 * Whether a Prisma error is a unique violation, optionally on a constraint whose fields or name mention `field`.
 * P2002 comes from the query builder; P2010 (raw statement failed) names a unique violation from a raw statement.
 */
export function isUniqueViolation(err: unknown, field?: string): boolean {
  const e = err as { code?: string; meta?: { driverAdapterError?: { cause?: { kind?: string } } }; message?: string };
  const raw = e?.code === 'P2010' && e.meta?.driverAdapterError?.cause?.kind === 'UniqueConstraintViolation';
  if (e?.code !== 'P2002' && !raw) return false;
  if (!field) return true;
  return JSON.stringify(e.meta ?? {}).includes(field) || (e.message ?? '').includes(field);
}

/**
 * Runs `attempt` up to `times` times while it fails with an error `retryIf` accepts (each run is a fresh transaction,
 * so a retry is idempotent); any other error goes up at once, and `exhausted()` is thrown when every run was refused.
 */
export async function withRetries<T>(times: number, attempt: (n: number) => Promise<T>, retryIf: (err: unknown) => boolean, exhausted: () => Error): Promise<T> {
  for (let n = 0; n < times; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      if (!retryIf(err)) throw err;
    }
  }
  throw exhausted();
}
