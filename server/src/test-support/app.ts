// A real app for integration tests: fresh migrated database, a real local S3 server over HTTP, silent logs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import { loadConfig, type Config } from '../config';
import type { Database } from '../db/database';
import { totpRequiredRoles, type StaffRole } from '@msjd/shared';
import { hashPassword } from '../modules/auth/password';
import { newTotpSecret, totpCode } from '../modules/auth/totp';
import type { Clock } from '../plugins/clock';
import { openStorage, type Storage } from '../plugins/storage';
import { createTestDatabase } from './database';
import { testStorageEnv } from './storage';

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
  const config = loadConfig({}, { NODE_ENV: 'test', DATA_DIR: dataDir, SERVE_STATIC: 'false', RETENTION_DAILY_AT: 'off', ...testStorageEnv(), ...opts.env });
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

/**
 * Creates a staff user and logs it in through the real login, second factor included for the roles that require
 * one (the user is enrolled with a fresh secret), and returns a bearer header for it.
 */
export async function staffHeader(
  t: TestApp,
  role: StaffRole,
  extra: { unitId?: string; tourGroupId?: string; username?: string } = {},
) {
  const username = extra.username ?? `${role}_${Math.random().toString(36).slice(2, 8)}`;
  const needsTotp = totpRequiredRoles.includes(role);
  const secret = needsTotp ? newTotpSecret() : null;
  await t.db.prisma.staffUser.create({
    data: {
      username,
      displayName: username,
      role,
      passwordHash: await hashPassword(TEST_PASSWORD),
      unitId: extra.unitId,
      tourGroupId: extra.tourGroupId,
      totpSecretSealed: secret ? t.app.sealer.seal(secret) : null,
      totpEnabledAt: secret ? t.app.clock.now() : null,
    },
  });
  return { authorization: `Bearer ${await loginToken(t, username, TEST_PASSWORD, secret)}` };
}

/**
 * For tests that move the injected clock by days to walk a case through its deadlines: the staff in them stand for
 * people who keep working, so their live sessions move with the clock. Idle and absolute session limits have their
 * own tests (modules/auth); without this every clock jump would end every session.
 */
export async function keepStaffSessionsAlive(t: TestApp) {
  const now = t.app.clock.now();
  await t.db.prisma.staffSession.updateMany({
    where: { revokedAt: null },
    data: { createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + t.config.session.absoluteMs) },
  });
}

/** Logs in through the API (password, then the TOTP step when `totpSecret` is given) and returns the token. */
export async function loginToken(t: TestApp, username: string, password: string, totpSecret?: string | null): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/staff/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
  const body = res.json();
  if (!body.totpRequired) return body.token;
  if (!totpSecret) throw new Error(`login of ${username} asks for a second factor`);
  const code = await totpCode(totpSecret, t.app.clock.now());
  const second = await t.app.inject({ method: 'POST', url: '/api/staff/auth/login/totp', payload: { challenge: body.challenge, code } });
  if (second.statusCode !== 200) throw new Error(`TOTP step failed: ${second.body}`);
  return second.json().token;
}

export async function citizenHeader(t: TestApp, deviceId = 'device' + Math.random().toString(36).slice(2).padEnd(20, 'x')) {
  const res = await t.app.inject({ method: 'POST', url: '/api/public/auth/device', payload: { deviceId } });
  if (res.statusCode !== 200) throw new Error(`device login failed: ${res.body}`);
  return { authorization: `Bearer ${res.json().token}` };
}
