// A tiny layer over the two database kinds for the engine's hand-written SQL: parameterised queries and
// transactions on one session (a pg PoolClient, or PGlite's transaction).
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type pg from 'pg';
import type { Database } from '../../db/database';

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

/** What the engine needs of the lead's Database (structural, so tests may pass their own). */
export type EngineDb = Pick<Database, 'kind'> & ({ kind: 'postgres'; pool: pg.Pool } | { kind: 'pglite'; pglite: PGlite });

export type TxSession = { kind: 'postgres'; sql: Sql; client: pg.PoolClient } | { kind: 'pglite'; sql: Sql; tx: Transaction };

export function sqlOf(db: EngineDb): Sql {
  if (db.kind === 'postgres') return { query: async (t, p) => (await db.pool.query(t, p as unknown[])).rows };
  return { query: async (t, p) => (await db.pglite.query(t, p as unknown[])).rows as never[] };
}

export async function withTransaction<T>(db: EngineDb, fn: (s: TxSession) => Promise<T>): Promise<T> {
  if (db.kind === 'pglite') {
    return db.pglite.transaction(async (tx) =>
      fn({ kind: 'pglite', tx, sql: { query: async (t, p) => (await tx.query(t, p as unknown[])).rows as never[] } }),
    );
  }
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn({ kind: 'postgres', client, sql: { query: async (t, p) => (await client.query(t, p as unknown[])).rows } });
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
