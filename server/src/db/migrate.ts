// Applies prisma/migrations/*/migration.sql in order, recording each in _prisma_migrations exactly as
// `prisma migrate deploy` does (same table, sha256 checksum, advisory lock), so production may use either tool.
import { createHash, randomUUID } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { migrationsDir } from './paths';
import { splitStatements } from './split-statements';

/** The two things the runner needs from a connection: parameterised queries and multi-statement scripts. */
export interface SqlExecutor {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  exec(script: string): Promise<void>;
  /** Runs fn on one connection: session state (advisory locks, BEGIN…COMMIT) must not hop between pooled clients. */
  session<R>(fn: (session: Omit<SqlExecutor, 'session'>) => Promise<R>): Promise<R>;
}

const MIGRATE_LOCK_KEY = 72707369;

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export async function listMigrations(dir = migrationsDir) {
  const names = (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

export class MigrationError extends Error {}

export async function applyMigrations(executor: SqlExecutor, dir = migrationsDir): Promise<string[]> {
  const migrations = await listMigrations(dir);
  return executor.session((db) => applyInSession(db, migrations));
}

async function applyInSession(db: Omit<SqlExecutor, 'session'>, migrations: Awaited<ReturnType<typeof listMigrations>>) {
  await db.query('SELECT pg_advisory_lock($1)', [MIGRATE_LOCK_KEY]);
  try {
    await db.exec(CREATE_TABLE);
    const rows = await db.query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"',
    );
    const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
    if (failed) {
      throw new MigrationError(`迁移 ${failed.migration_name} 曾执行失败且未处理，拒绝继续（与 prisma migrate deploy 的 P3009 相同）`);
    }
    const done = new Set(rows.filter((r) => r.finished_at !== null).map((r) => r.migration_name));
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.name)) continue;
      const id = randomUUID();
      await db.query('INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)', [
        id,
        m.checksum,
        m.name,
      ]);
      // one statement per round trip, all in one transaction: Citus refuses some multi-statement strings once tables
      // are distributed, and a failure then names its statement
      const statements = splitStatements(m.sql);
      let at = 0;
      try {
        await db.exec('BEGIN');
        for (; at < statements.length; at++) await db.exec(statements[at]);
        await db.exec('COMMIT');
      } catch (err) {
        await db.exec('ROLLBACK').catch(() => {});
        await db.query('UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1', [id, String((err as Error).message)]);
        const where = at < statements.length ? `（第 ${at + 1} 条语句）` : '';
        throw new MigrationError(`迁移 ${m.name} 执行失败${where}: ${(err as Error).message}`);
      }
      await db.query('UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1', [id]);
      applied.push(m.name);
    }
    return applied;
  } finally {
    await db.query('SELECT pg_advisory_unlock($1)', [MIGRATE_LOCK_KEY]);
  }
}
