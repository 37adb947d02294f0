// The engine's hand-written SQL runs on the database's own executor (db.sql, server/src/db/database.ts). Transactions
// stay here rather than on db.sql.session: the service-case import needs the raw pg client for COPY, and on PGlite
// only pglite.transaction() keeps other callers' queries out of an open transaction (db.sql.session on PGlite is the
// shared single session, where a BEGIN would let concurrent requests' statements run inside the engine's transaction).
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type pg from 'pg';
import type { Database } from '../../db/database';

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

/** What the engine needs of the lead's Database (structural, so tests may pass their own). */
export type EngineDb = Pick<Database, 'kind' | 'sql'> & ({ kind: 'postgres'; pool: pg.Pool } | { kind: 'pglite'; pglite: PGlite });

export type TxSession = { kind: 'postgres'; sql: Sql; client: pg.PoolClient } | { kind: 'pglite'; sql: Sql; tx: Transaction };

/** The database's own executor (pool queries on PostgreSQL, the PGlite session). */
export function sqlOf(db: EngineDb): Sql {
  return db.sql;
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
