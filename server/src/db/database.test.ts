import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, openPglite, openPostgres } from './database';

describe('embedded database guard', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'msjd-pglite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a data dir held by a live process cannot be opened a second time', async () => {
    const dataDir = path.join(dir, 'pglite');
    const first = await openPglite(dataDir, 'server');
    // pretend another live process holds it: our parent's pid
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(dir, 'pglite.lock'), `${process.ppid}\nserver\n`);
    await expect(openPglite(dataDir, 'cli')).rejects.toThrow(/正被进程 \d+（server）使用/);
    writeFileSync(path.join(dir, 'pglite.lock'), `${process.pid}\nserver\n`);
    await first.close();
    const again = await openPglite(dataDir, 'cli');
    expect((await again.sql.query<{ one: number }>('SELECT 1 AS one'))[0]!.one).toBe(1);
    await again.close();
  });

  it('an unreachable PostgreSQL gives one clear error', async () => {
    await expect(openPostgres('postgres://nobody@127.0.0.1:1/none')).rejects.toThrow(DatabaseUnavailableError);
  });
});
