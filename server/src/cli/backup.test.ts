// Backup and restore on real PostgreSQL and a real S3 server (s3rver, or Ceph RGW in CI): a restore into an empty
// database and an empty bucket holds every report, photo and audit row of the original.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { openPostgres } from '../db/database';
import { openStorage } from '../plugins/storage';
import { citizenHeader, createTestApp, type TestApp } from '../test-support/app';
import { backup, MANIFEST, restore } from './backup';

const baseUrl = process.env.TEST_DATABASE_URL;

function multipart(file: Buffer) {
  const boundary = '----msjdbackup' + randomBytes(6).toString('hex');
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`);
  return { payload: Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe.skipIf(!baseUrl)('pnpm cli backup / restore', () => {
  let t: TestApp;
  const dirs: string[] = [];
  const targetDb = `msjd_restore_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  let targetUrl: string;
  const tmp = () => {
    const d = mkdtempSync(path.join(tmpdir(), 'msjd-backup-'));
    dirs.push(d);
    return d;
  };
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: baseUrl });
    await c.connect();
    await c.query(sql).finally(() => c.end());
  };

  beforeAll(async () => {
    // backup needs an S3 endpoint: the test app's own local server (or TEST_S3_ENDPOINT) is given to it by address
    t = await createTestApp();
    const u = new URL(baseUrl!);
    u.pathname = `/${targetDb}`;
    targetUrl = u.toString();
    await admin(`CREATE DATABASE "${targetDb}"`);
  });
  afterAll(async () => {
    await t?.close();
    await admin(`DROP DATABASE IF EXISTS "${targetDb}" WITH (FORCE)`);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  const configFor = (databaseUrl: string, bucket: string) =>
    loadConfig({}, {
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      S3_ENDPOINT: t.storage.endpoint,
      S3_ACCESS_KEY: t.config.s3.accessKey,
      S3_SECRET_KEY: t.config.s3.secretKey,
      S3_BUCKET: bucket,
      DATA_DIR: tmp(),
    });

  it('restores into an empty database and bucket every report, photo and audit row, verified by the manifest', async () => {
    const citizen = await citizenHeader(t);
    const reports: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/public/reports', headers: citizen, payload: { category: 'other', content: `备份测试第 ${i} 件：现场照片见附件。`, confidential: false, reporterName: '备份测试', reporterPhone: '13900001111' } });
      expect(res.statusCode, res.body).toBe(201);
      reports.push(res.json().id);
      const photo = await sharp({ create: { width: 20 + i, height: 20, channels: 3, background: { r: 10 * i, g: 100, b: 10 } } }).jpeg().toBuffer();
      const m = multipart(photo);
      const up = await t.app.inject({ method: 'POST', url: `/api/public/reports/${reports[i]}/attachments`, headers: { ...citizen, ...m.headers }, payload: m.payload });
      expect(up.statusCode, up.body).toBe(201);
    }
    const source = configFor(String((t.db as { pool: { options: { connectionString: string } } }).pool.options.connectionString), t.storage.bucket);
    const dir = path.join(tmp(), 'b');
    const manifest = await backup(source, dir);
    const attachments = await t.db.prisma.reportAttachment.findMany({ orderBy: { storageKey: 'asc' } });
    expect(attachments).toHaveLength(3);
    expect(manifest.objects.map((o) => o.key).sort()).toEqual(expect.arrayContaining(attachments.map((a) => a.storageKey)));
    expect(manifest.objects.every((o) => /^[0-9a-f]{64}$/.test(o.sha256) && o.bytes > 0)).toBe(true);
    expect(manifest.database.migrations.length).toBeGreaterThan(0);

    const targetBucket = `msjd-restore-${randomBytes(4).toString('hex')}`;
    const target = configFor(targetUrl, targetBucket);
    const restored = await restore(target, dir);
    expect(restored.objects).toBe(manifest.objects.length);

    const db = await openPostgres(targetUrl);
    const storage = await openStorage(target);
    try {
      const [srcReports, dstReports] = await Promise.all([t.db.prisma.report.findMany({ orderBy: { id: 'asc' } }), db.prisma.report.findMany({ orderBy: { id: 'asc' } })]);
      expect(dstReports).toEqual(srcReports);
      expect(dstReports.map((r) => r.id)).toEqual(expect.arrayContaining(reports));
      const [srcAudit, dstAudit] = await Promise.all([t.db.prisma.auditLog.findMany({ orderBy: { id: 'asc' } }), db.prisma.auditLog.findMany({ orderBy: { id: 'asc' } })]);
      expect(dstAudit.length).toBeGreaterThan(0);
      expect(dstAudit).toEqual(srcAudit);
      for (const a of attachments) {
        expect(await db.prisma.reportAttachment.findUnique({ where: { id: a.id } })).toEqual(a);
        expect((await storage.get(a.storageKey)).equals(await t.storage.get(a.storageKey))).toBe(true);
      }
      // the restored database is migrated as far as the source: the runner finds nothing to apply
      const { applyMigrations } = await import('../db/migrate');
      expect(await applyMigrations(db.sql)).toEqual([]);
    } finally {
      await db.close();
      await storage.close();
    }

    // a second restore into the now non-empty target is refused, changing nothing
    await expect(restore(target, dir)).rejects.toThrow(/目标数据库非空/);
  });

  it('refuses a backup whose file does not match the manifest, before touching the target', async () => {
    const source = configFor(String((t.db as { pool: { options: { connectionString: string } } }).pool.options.connectionString), t.storage.bucket);
    const dir = path.join(tmp(), 'b');
    const manifest = await backup(source, dir);
    const victim = path.join(dir, manifest.objects[0]!.path);
    const bytes = readFileSync(victim);
    bytes[bytes.length - 3] ^= 0xff;
    writeFileSync(victim, bytes);
    const fresh = `msjd_restore_x_${randomBytes(3).toString('hex')}`;
    await admin(`CREATE DATABASE "${fresh}"`);
    try {
      const u = new URL(baseUrl!);
      u.pathname = `/${fresh}`;
      await expect(restore(configFor(u.toString(), `msjd-restore-${randomBytes(4).toString('hex')}`), dir)).rejects.toThrow(/校验和与清单不符/);
      const c = new pg.Client({ connectionString: u.toString() });
      await c.connect();
      const { rows } = await c.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`).finally(() => c.end());
      expect(rows[0].n).toBe(0);
    } finally {
      await admin(`DROP DATABASE IF EXISTS "${fresh}" WITH (FORCE)`);
    }
    expect(readFileSync(path.join(dir, MANIFEST), 'utf8')).toContain('msjd-backup/1');
  });
});
