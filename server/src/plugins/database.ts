import fp from 'fastify-plugin';
import type { Config } from '../config';
import { openDatabase, type Database } from '../db/database';
import { applyMigrations } from '../db/migrate';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
  }
}

/** Uses an injected database (tests) or opens the configured one and applies pending migrations. */
export default fp<{ config: Config; db?: Database }>(
  async (app, opts) => {
    const owned = !opts.db;
    const db = opts.db ?? (await openDatabase({ databaseUrl: opts.config.databaseUrl, dataDir: opts.config.dataDir }));
    if (owned) {
      const applied = await applyMigrations(db.sql);
      if (applied.length) app.log.info({ applied }, 'migrations applied');
    }
    // a getter, because decorate() cannot infer a union-typed value
    app.decorate('db', { getter: () => db });
    app.addHook('onClose', async () => {
      if (owned) await db.close();
    });
  },
  { name: 'database' },
);
