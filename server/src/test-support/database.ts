// Each test file gets a clean, migrated database: a fresh PostgreSQL database when TEST_DATABASE_URL is set (CI),
// otherwise an in-memory PGlite.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { applyCitusLayout, createCitusDatabase } from '../db/citus';
import { openPglite, openPostgres, type Database } from '../db/database';
import { applyMigrations } from '../db/migrate';

/** `migrate: false` leaves the database empty, for a test that applies migrations itself (a data migration's test). */
export async function createTestDatabase(opts: { migrate?: boolean } = {}): Promise<Database> {
  const migrate = opts.migrate ?? true;
  const baseUrl = process.env.TEST_DATABASE_URL;
  // the Citus suite (scripts/test.mjs, when CITUS_COORDINATOR_URL is set) runs integration tests on the cluster
  if (process.env.CITUS_TEST_DATABASES === '1' && process.env.CITUS_COORDINATOR_URL) return createCitusTestDatabase(process.env.CITUS_COORDINATOR_URL, migrate);
  if (!baseUrl) {
    const db = await openPglite(undefined);
    if (migrate) await applyMigrations(db.sql);
    return db;
  }
  const name = `msjd_t_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString());
  if (migrate) await applyMigrations(db.sql);
  const close = db.close;
  return {
    ...db,
    async close() {
      // DROP … WITH (FORCE) below ends any connection still open, so a close that stalls (a client never released)
      // is reported rather than left to hang the test run.
      const stalled = await Promise.race([close().then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 10_000).unref())]);
      if (stalled) console.warn(`test database ${name}: pool did not close within 10 s; dropping it anyway`);
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  } as Database;
}

/** A fresh database on every node of the Citus cluster, migrated and laid out (src/db/citus.ts). */
async function createCitusTestDatabase(coordinatorUrl: string, migrate: boolean): Promise<Database> {
  const cluster = await createCitusDatabase(coordinatorUrl, `msjd_c_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`);
  const db = await openPostgres(cluster.url);
  if (migrate) {
    await applyMigrations(db.sql);
    await applyCitusLayout(db.sql);
  }
  const close = db.close;
  return {
    ...db,
    async close() {
      await close();
      await cluster.drop();
    },
  } as Database;
}
