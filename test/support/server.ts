// Starts the real product for a browser flow: the app with built admin and H5, a fresh migrated database
// (PostgreSQL when TEST_DATABASE_URL is set), a real local S3 server, demo data; listening on a free port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../../server/src/app';
import { seedDemoUrgeNotice } from '../../server/src/modules/alerts/demo';
import { loadConfig } from '../../server/src/config';
import { openStorage } from '../../server/src/plugins/storage';
import { enrolDemoTotp, seedDemoData } from '../../server/src/seed/demo';
import { createTestDatabase } from '../../server/src/test-support/database';
import { testStorageEnv } from '../../server/src/test-support/storage';

// the test package does not depend on fastify itself: the app's type comes from the factory
type App = Awaited<ReturnType<typeof buildApp>>;

/** `env`: configuration beyond the test defaults (e.g. an SMS provider pointed at a local fake). */
export async function startProduct(env: Record<string, string> = {}): Promise<{ baseUrl: string; app: App; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'msjd-e2e-'));
  const config = loadConfig({}, { NODE_ENV: 'test', DATA_DIR: dataDir, ...testStorageEnv(), ...env });
  const [db, storage] = await Promise.all([createTestDatabase(), openStorage(config)]);
  await seedDemoData(db);
  const app = await buildApp({ config, db, storage, logger: false });
  await enrolDemoTotp(db, app.sealer, app.clock.now());
  // as `pnpm start` does: the demo's 督办通知书 is issued through the app's own service
  await seedDemoUrgeNotice(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    app,
    async stop() {
      await app.close();
      await Promise.all([db.close(), storage.close()]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
