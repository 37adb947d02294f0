// A real app for integration tests: fresh migrated database, a real local S3 server over HTTP, silent logs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import { loadConfig, type Config } from '../config';
import type { Database } from '../db/database';
import { hashPassword } from '../modules/auth/password';
import type { Clock } from '../plugins/clock';
import { openStorage, type Storage } from '../plugins/storage';
import { createTestDatabase } from './database';

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  storage: Storage;
  config: Config;
  close(): Promise<void>;
}

/** `logger`: pino options (e.g. a capturing stream) for tests that read the log; silent otherwise. */
export async function createTestApp(opts: { env?: Record<string, string>; clock?: Clock; logger?: object } = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'msjd-test-'));
  const config = loadConfig({}, { NODE_ENV: 'test', DATA_DIR: dataDir, SERVE_STATIC: 'false', ...opts.env });
  const [db, storage] = await Promise.all([createTestDatabase(), openStorage(config)]);
  const app = await buildApp({ config, db, storage, clock: opts.clock, logger: opts.logger ?? false });
  await app.ready();
  return {
    app,
    db,
    storage,
    config,
    async close() {
      await app.close();
      await Promise.all([db.close(), storage.close()]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const TEST_PASSWORD = 'Test@123456';

/** Creates a staff user and returns a bearer header for it. */
export async function staffHeader(
  t: TestApp,
  role: 'intake' | 'tour_group' | 'unit_liaison' | 'supervisor' | 'admin',
  extra: { unitId?: string; tourGroupId?: string; username?: string } = {},
) {
  const username = extra.username ?? `${role}_${Math.random().toString(36).slice(2, 8)}`;
  await t.db.prisma.staffUser.create({
    data: { username, displayName: username, role, passwordHash: await hashPassword(TEST_PASSWORD), unitId: extra.unitId, tourGroupId: extra.tourGroupId },
  });
  const res = await t.app.inject({ method: 'POST', url: '/api/staff/auth/login', payload: { username, password: TEST_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
  return { authorization: `Bearer ${res.json().token}` };
}

export async function citizenHeader(t: TestApp, deviceId = 'device' + Math.random().toString(36).slice(2).padEnd(20, 'x')) {
  const res = await t.app.inject({ method: 'POST', url: '/api/public/auth/device', payload: { deviceId } });
  if (res.statusCode !== 200) throw new Error(`device login failed: ${res.body}`);
  return { authorization: `Bearer ${res.json().token}` };
}
