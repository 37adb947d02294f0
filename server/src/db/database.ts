// One handle on the database, whichever it is: a real PostgreSQL (DATABASE_URL) or the embedded PGlite.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client';
import type { SqlExecutor } from './migrate';

export type Database =
  | { kind: 'postgres'; prisma: PrismaClient; pool: pg.Pool; sql: SqlExecutor; close(): Promise<void> }
  | { kind: 'pglite'; prisma: PrismaClient; pglite: PGlite; sql: SqlExecutor; close(): Promise<void> };

export class DatabaseUnavailableError extends Error {}

export async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle pooled connection that the server ends (restart, failover, DROP … WITH (FORCE)) emits 'error'; unhandled,
  // that would crash the process. The pool drops such a client and the next query opens a fresh one.
  pool.on('error', (err) => {
    if ((err as { code?: string }).code !== '57P01') console.error(`数据库连接中断: ${err.message}`);
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => {});
    throw new DatabaseUnavailableError(`无法连接数据库 ${redact(url)}: ${(err as Error).message}`);
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const sql: SqlExecutor = {
    async query(text, params) {
      return (await pool.query(text, params as unknown[])).rows;
    },
    // A multi-statement script must run on one connection (BEGIN … COMMIT).
    async exec(script) {
      await sql.session((s) => s.exec(script));
    },
    async session(fn) {
      const client = await pool.connect();
      try {
        return await fn({
          query: async (text, params) => (await client.query(text, params as unknown[])).rows,
          exec: async (script) => {
            await client.query(script);
          },
        });
      } finally {
        client.release();
      }
    },
  };
  return {
    kind: 'postgres',
    prisma,
    pool,
    sql,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/**
 * The embedded default. PGlite is one process with one session: two processes opening the same data dir silently
 * lose data, so the dir is guarded with a lock file naming the owner's pid.
 */
export async function openPglite(dataDir: string | undefined, owner = 'server'): Promise<Database> {
  let lockFile: string | undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    lockFile = path.join(dataDir, '..', `${path.basename(dataDir)}.lock`);
    acquireLock(lockFile, owner);
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dataDir ? { dataDir } : {});
  } catch (err) {
    if (lockFile) rmSync(lockFile, { force: true });
    throw new DatabaseUnavailableError(`无法打开内置数据库 ${dataDir}: ${(err as Error).message}`);
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const sql: SqlExecutor = {
    async query(text, params) {
      return (await pglite.query(text, params as unknown[])).rows as never[];
    },
    async exec(script) {
      await pglite.exec(script);
    },
    // PGlite has a single session already.
    session: (fn) => fn(sql),
  };
  return {
    kind: 'pglite',
    prisma,
    pglite,
    sql,
    async close() {
      await prisma.$disconnect();
      await pglite.close();
      if (lockFile) rmSync(lockFile, { force: true });
    },
  };
}

function acquireLock(lockFile: string, owner: string) {
  if (existsSync(lockFile)) {
    const [pidText, holder] = readFileSync(lockFile, 'utf8').split('\n');
    const pid = Number(pidText);
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new DatabaseUnavailableError(
        `内置数据库正被进程 ${pid}（${holder || '未知'}）使用。请先停止它，或设置 DATABASE_URL 使用 PostgreSQL 以便服务与命令行同时运行。`,
      );
    }
  }
  writeFileSync(lockFile, `${process.pid}\n${owner}\n`);
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function redact(url: string) {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

export function openDatabase(opts: { databaseUrl?: string; dataDir: string; owner?: string }): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(path.join(opts.dataDir, 'pglite'), opts.owner);
}
