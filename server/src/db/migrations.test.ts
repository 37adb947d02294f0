import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test-support/database';
import type { Database } from './database';
import { applyMigrations, listMigrations } from './migrate';
import { diffMigrationsToSchema } from './schema-engine';

describe('migrations', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.close());

  it('schema.prisma and the migrations folder agree (run `pnpm db:migration <name>` if not)', async () => {
    expect(await diffMigrationsToSchema()).toBe('');
    // the WASM schema engine replays every migration into a shadow database: ~40 s on a loaded 2-core machine
  }, 180_000);

  it('records every migration as prisma migrate deploy does, and a second run applies nothing', async () => {
    const files = await listMigrations();
    const rows = await db.sql.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    expect(rows.map((r) => r.checksum)).toEqual(files.map((f) => f.checksum));
    expect(rows.every((r) => r.finished_at && r.applied_steps_count === 1)).toBe(true);
    expect(await applyMigrations(db.sql)).toEqual([]);
  });

  it('refuses to go on after a failed, unresolved migration', async () => {
    await db.sql.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ('x', 'c', '99999999_broken', now(), 0)`,
    );
    await expect(applyMigrations(db.sql)).rejects.toThrow(/99999999_broken/);
    await db.sql.query(`DELETE FROM "_prisma_migrations" WHERE id = 'x'`);
  });
});
