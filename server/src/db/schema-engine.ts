// Prisma's WASM schema engine, loaded in-process: the offline replacement for `prisma migrate diff`.
// The native engine that `prisma migrate` downloads cannot be fetched here; the WASM build computes the same diffs,
// replaying the migrations folder into an in-memory PGlite shadow database.
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';

const require = createRequire(import.meta.url);



import { migrationsDir, schemaDir } from './paths';

type Engine = {
  diff(params: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
};

async function loadEngine(shadow: PGlite): Promise<Engine> {
  const pkgDir = path.dirname(require.resolve('@prisma/schema-engine-wasm'));
  const bg = await import('@prisma/schema-engine-wasm/schema_engine_bg');
  const bytes = await readFile(path.join(pkgDir, 'schema_engine_bg.wasm'));
  // WebAssembly is a Node global; the server's lib setting (ES2023, no DOM) does not declare it.
  const wasm = (globalThis as unknown as { WebAssembly: { instantiate(b: Buffer, i: object): Promise<{ instance: { exports: Record<string, unknown> } }> } }).WebAssembly;
  const { instance } = await wasm.instantiate(bytes, { './schema_engine_bg.js': bg });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(shadow));
  return bg.SchemaEngine.new({ datamodels: undefined }, () => {}, adapter);
}

export async function readSchemaFiles() {
  const names = (await readdir(schemaDir)).filter((f) => f.endsWith('.prisma')).sort();
  return Promise.all(
    names.map(async (name) => ({ path: path.join(schemaDir, name), content: await readFile(path.join(schemaDir, name), 'utf8') })),
  );
}

export async function readMigrationsList() {
  const dirs = (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const migrationDirectories = await Promise.all(
    dirs.map(async (dir) => ({
      path: dir,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok', value: await readFile(path.join(migrationsDir, dir, 'migration.sql'), 'utf8') },
      },
    })),
  );
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  const lockContent = await readFile(lockPath, 'utf8').catch(() => null);
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

/** SQL that takes the database from the state of the migrations folder to the state of schema.prisma ('' if none). */
export async function diffMigrationsToSchema(): Promise<string> {
  const shadow = await PGlite.create();
  try {
    const engine = await loadEngine(shadow);
    const result = await engine.diff({
      from: { tag: 'migrations', ...(await readMigrationsList()) },
      to: { tag: 'schemaDatamodel', files: await readSchemaFiles() },
      script: true,
      exitCode: true,
      filters: { externalTables: [], externalEnums: [] },
    });
    const sql = result.stdout ?? '';
    return result.exitCode === 2 ? sql : '';
  } finally {
    await shadow.close();
  }
}
