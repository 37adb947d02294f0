// Key rotation end to end: data sealed under master key A (and under AES, with data from before per-report keys),
// `keys rotate` with B first and A still listed, then A dropped from the configuration: every report's identity and
// every photo still opens, staff still log in with their second factor, and a citizen still finds their account
// though the suite changed to 国密 in between.
import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { loadConfig } from '../config';
import type { Database } from '../db/database';
import { createSealer, isEncryptedObject } from '../lib/sealing';
import { hashPassword } from '../modules/auth/password';
import { newTotpSecret } from '../modules/auth/totp';
import { openReportValue, reportDataKey } from '../modules/reports/data-keys';
import { sniff } from '../modules/reports';
import { openStorage, type Storage } from '../plugins/storage';
import { citizenHeader, loginToken, staffHeader, TEST_PASSWORD, type TestApp } from '../test-support/app';
import { createTestDatabase } from '../test-support/database';
import { testStorageEnv } from '../test-support/storage';
import { rotateKeys } from './keys';

const keyA = randomBytes(32);
const A = `kA:${keyA.toString('base64')}`;
const B = `kB:${randomBytes(32).toString('base64')}`;
const NAMES = ['甲某', '乙某', '丙某', '丁某'];
const PHONE = (i: number) => `1360000000${i}`;
const DEVICE = 'device-rotation-test-0001';

let db: Database;
let storage: Storage;
let dataDir: string;
let storageEnv: Record<string, string>;
const apps: TestApp[] = [];

async function appWith(env: Record<string, string>): Promise<TestApp> {
  const config = loadConfig({}, { NODE_ENV: 'test', DATA_DIR: dataDir, SERVE_STATIC: 'false', ...storageEnv, ...env });
  const app = await buildApp({ config, db, storage, logger: false });
  await app.ready();
  const t: TestApp = { app, db, storage, config, close: () => app.close() };
  apps.push(t);
  return t;
}

function v1(plain: string) {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', keyA, iv);
  const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return ['v1', 'kA', iv.toString('base64url'), c.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}

const jpeg = () => sharp({ create: { width: 12, height: 9, channels: 3, background: '#c03030' } }).jpeg().toBuffer();

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'msjd-keys-'));
  storageEnv = testStorageEnv();
  db = await createTestDatabase();
  storage = await openStorage(loadConfig({}, { NODE_ENV: 'test', DATA_DIR: dataDir, ...storageEnv }));
}, 120_000);
afterAll(async () => {
  for (const t of apps) await t.close();
  await Promise.all([db?.close(), storage?.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('pnpm cli keys rotate', () => {
  it('re-wraps every data key under the new master key; with the old key gone, every report and photo still opens', async () => {
    // ---- before: an AES deployment under key A, with reports from before per-report keys ----
    const before = await appWith({ IDENTITY_KEYS: A, SEAL_SUITE: 'aes' });
    const citizenBefore = await citizenHeader(before, DEVICE);
    const citizenId = JSON.parse(Buffer.from(citizenBefore.authorization.split('.')[1]!, 'base64url').toString()).sub as string;
    const reportIds: string[] = [];
    for (const i of [0, 1]) {
      const res = await before.app.inject({
        method: 'POST',
        url: '/api/public/reports',
        headers: citizenBefore,
        payload: { category: 'other', content: `轮换测试举报 ${i}：村务不公开。`, reporterName: NAMES[i], reporterPhone: PHONE(i) },
      });
      expect(res.statusCode, res.body).toBe(201);
      reportIds.push(res.json().id);
      const boundary = '----msjdKeys';
      const file = await jpeg();
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
        file,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const up = await before.app.inject({
        method: 'POST',
        url: `/api/public/reports/${res.json().id}/attachments`,
        headers: { ...citizenBefore, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload,
      });
      expect(up.statusCode, up.body).toBe(201);
    }
    // filed before per-report keys (v1 values, a plaintext photo), and one registered with master-key values
    for (const [i, seal] of [[2, v1], [3, (p: string) => before.app.sealer.seal(p)]] as const) {
      const report = await db.prisma.report.create({
        data: {
          serial: `JB20260101-0000${i}`,
          category: 'other',
          content: `升级前的举报 ${i}`,
          reporterNameSealed: seal(NAMES[i]!),
          reporterPhoneSealed: seal(PHONE(i)),
          submittedAt: new Date(),
          acceptDueOn: new Date('2026-11-05'),
        },
      });
      reportIds.push(report.id);
      if (i === 2) {
        const storageKey = `reports/${report.id}/${randomUUID()}.jpg`;
        const body = await jpeg();
        await storage.put(storageKey, body, 'image/jpeg');
        await db.prisma.reportAttachment.create({ data: { reportId: report.id, storageKey, mime: 'image/jpeg', size: body.length, addedBy: 'citizen', createdAt: new Date() } });
      }
    }
    const totpSecret = newTotpSecret();
    await db.prisma.staffUser.create({
      data: { username: 'rotating_sup', displayName: '轮换', role: 'supervisor', passwordHash: await hashPassword(TEST_PASSWORD), totpSecretSealed: v1(totpSecret), totpEnabledAt: new Date() },
    });
    await db.prisma.citizen.update({ where: { id: citizenId }, data: { openidSealed: before.app.sealer.seal('o-rotation-openid') } });
    const wrappedUnderA = await db.prisma.reportDataKey.findMany();
    expect(wrappedUnderA.map((k) => k.masterKeyId)).toEqual(['kA', 'kA']);
    // B alone cannot open anything yet
    expect(() => createSealer(B, before.config.hashKey).unwrapDataKey('aes', wrappedUnderA[0]!.wrappedKey!, wrappedUnderA[0]!.reportId)).toThrow();

    // ---- rotate: B first, A still listed, and the deployment moves to 国密 ----
    const rotating = await appWith({ IDENTITY_KEYS: `${B},${A}`, SEAL_SUITE: 'sm' });
    const first = await rotateKeys(db, rotating.app.sealer, storage, { hashKey: rotating.config.hashKey, batch: 1 });
    expect(first).toMatchObject({ masterKeyId: 'kB', suite: 'sm', rewrapped: 2, keyed: 2, reportValues: 4, photosEncrypted: 1, photosChecked: 3, problems: [] });
    expect(Object.keys(first.resealed).sort()).toEqual(['citizen.openidSealed', 'staff_user.totpSecretSealed']);
    const again = await rotateKeys(db, rotating.app.sealer, storage, { hashKey: rotating.config.hashKey });
    expect(again).toMatchObject({ rewrapped: 0, keyed: 0, reportValues: 0, photosEncrypted: 0, resealed: {}, problems: [] });
    const keys = await db.prisma.reportDataKey.findMany({ orderBy: { createdAt: 'asc' } });
    expect(keys).toHaveLength(4);
    for (const k of keys) {
      expect(k.masterKeyId).toBe('kB');
      expect(k.wrappedKey).toMatch(/^v2\.sm\.kB\./);
    }
    // data keys keep their suite: the AES-encrypted photos need no re-encryption
    expect(keys.map((k) => k.suite).sort()).toEqual(['aes', 'aes', 'sm', 'sm']);
    for (const a of await db.prisma.reportAttachment.findMany()) expect(isEncryptedObject(await storage.get(a.storageKey))).toBe(true);
    const audit = await db.prisma.auditLog.findMany({ where: { action: 'keys.rotate' } });
    expect(audit).toHaveLength(2);

    // ---- after: A dropped from the configuration ----
    const after = await appWith({ IDENTITY_KEYS: B, SEAL_SUITE: 'sm' });
    const intake = await staffHeader(after, 'intake');
    for (const [i, id] of reportIds.entries()) {
      const report = await db.prisma.report.findUniqueOrThrow({ where: { id } });
      const key = await reportDataKey(after.app.sealer, db.prisma, id);
      expect(openReportValue(after.app.sealer, key, report.reporterNameSealed)).toBe(NAMES[i]);
      expect(openReportValue(after.app.sealer, key, report.reporterPhoneSealed)).toBe(PHONE(i));
      const detail = await after.app.inject({ method: 'GET', url: `/api/staff/reports/${id}`, headers: intake });
      for (const photo of detail.json().attachments as { url: string }[]) {
        const res = await after.app.inject({ method: 'GET', url: photo.url });
        expect(res.statusCode, res.body).toBe(200);
        expect(sniff(res.rawPayload)).toBe('image/jpeg');
      }
    }
    expect((await db.prisma.reportAttachment.count())).toBe(3);
    // second factor sealed under A, re-sealed under B: the supervisor still logs in
    expect(await loginToken(after, 'rotating_sup', TEST_PASSWORD, totpSecret)).toBeTruthy();
    const citizen = await db.prisma.citizen.findUniqueOrThrow({ where: { id: citizenId } });
    expect(after.app.sealer.open(citizen.openidSealed!)).toBe('o-rotation-openid');
    // the suite moved to 国密, the keyed hashes did not: the same device finds the same account and its reports
    const citizenAfter = await citizenHeader(after, DEVICE);
    expect(JSON.parse(Buffer.from(citizenAfter.authorization.split('.')[1]!, 'base64url').toString()).sub).toBe(citizenId);
    const mine = await after.app.inject({ method: 'GET', url: '/api/public/reports/mine', headers: citizenAfter });
    expect(mine.json().items).toHaveLength(2);
  }, 120_000);

  it('refuses a KEYED_HASH that contradicts the one this database was made with', async () => {
    await expect(appWith({ IDENTITY_KEYS: B, KEYED_HASH: 'hmac-sm3' })).rejects.toThrow(/hmac-sha256/);
  });
});
