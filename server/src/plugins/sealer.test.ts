// The keyed-hash algorithm is the database's, not the suite's: a database that held data before suites keeps
// HMAC-SHA-256 (its lookups, query codes and printed QR signatures depend on it), a new one takes its suite's, and a
// KEYED_HASH that contradicts the record stops the start.
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../config';
import { openPglite, type Database } from '../db/database';
import { applyMigrations } from '../db/migrate';
import { migrationsDir } from '../db/paths';
import { deploymentKeyedHash } from './sealer';

const opened: Database[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function fresh() {
  const db = await openPglite(undefined);
  opened.push(db);
  return db;
}

describe('the deployment keyed hash', () => {
  it('a new database takes the suite’s algorithm and keeps it when the suite changes', async () => {
    const db = await fresh();
    await applyMigrations(db.sql);
    expect(await deploymentKeyedHash(db.sql, { sealSuite: 'sm', keyedHash: undefined })).toBe('hmac-sm3');
    expect(await deploymentKeyedHash(db.sql, { sealSuite: 'aes', keyedHash: undefined })).toBe('hmac-sm3');
    await expect(deploymentKeyedHash(db.sql, { sealSuite: 'sm', keyedHash: 'hmac-sha256' })).rejects.toThrow(ConfigError);
  }, 60_000);

  it('a database that held data before suites is recorded as HMAC-SHA-256 by its upgrade', async () => {
    const before = mkdtempSync(path.join(tmpdir(), 'msjd-migrations-'));
    dirs.push(before);
    for (const name of readdirSync(migrationsDir).filter((n) => n < '20261206000849_report_data_keys')) {
      cpSync(path.join(migrationsDir, name), path.join(before, name), { recursive: true });
    }
    const db = await fresh();
    await applyMigrations(db.sql, before);
    await db.sql.query(`INSERT INTO citizen ("subjectHash", via) VALUES ('a-hash-made-with-hmac-sha256', 'device')`);
    await applyMigrations(db.sql);
    expect(await deploymentKeyedHash(db.sql, { sealSuite: 'sm', keyedHash: undefined })).toBe('hmac-sha256');
    await expect(deploymentKeyedHash(db.sql, { sealSuite: 'sm', keyedHash: 'hmac-sm3' })).rejects.toThrow(/hmac-sha256/);
  }, 60_000);
});
