// Photos and identity under per-report keys, from the outside: the bucket holds only ciphertext, staff open photos
// through a short-lived token, both suites round-trip, data written before per-report keys stays readable, and a
// destroyed key leaves fields and photos unreadable with a clear answer.
import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEncryptedObject } from '../../lib/sealing';
import { citizenHeader, createTestApp, staffHeader, type TestApp } from '../../test-support/app';
import { destroyReportDataKey, sniff } from '../reports';

const NAME = '周密';
const PHONE = '13700007777';
let current = new Date('2026-11-02T02:00:00Z');
const clock = { now: () => current };

interface Staff {
  intake: Record<string, string>;
  sup1: Record<string, string>;
  sup2: Record<string, string>;
}

function multipart(file: Buffer) {
  const boundary = '----msjdFiles' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`);
  return { payload: Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const photo = () => sharp({ create: { width: 24, height: 16, channels: 3, background: { r: 10, g: 120, b: 200 } } }).jpeg().toBuffer();

async function fileReport(t: TestApp) {
  const citizen = await citizenHeader(t);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/public/reports',
    headers: citizen,
    payload: { category: 'work_style', content: '站所工作人员办事拖延，索要好处。', reporterName: NAME, reporterPhone: PHONE },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  const m = multipart(await photo());
  const up = await t.app.inject({ method: 'POST', url: `/api/public/reports/${id}/attachments`, headers: { ...citizen, ...m.headers }, payload: m.payload });
  expect(up.statusCode, up.body).toBe(201);
  return { id, attachmentId: up.json().id as string };
}

async function staffOf(t: TestApp): Promise<Staff> {
  return { intake: await staffHeader(t, 'intake'), sup1: await staffHeader(t, 'supervisor'), sup2: await staffHeader(t, 'supervisor') };
}

/** 双人审批 then the view: sup1 asks, sup2 approves, sup1 reads the identity. */
async function reveal(t: TestApp, h: Staff, reportId: string) {
  const asked = await t.app.inject({ method: 'POST', url: `/api/staff/reports/${reportId}/identity-requests`, headers: h.sup1, payload: { reason: '需电话核实线索细节' } });
  expect(asked.statusCode, asked.body).toBe(201);
  const ok = await t.app.inject({ method: 'POST', url: `/api/staff/identity-requests/${asked.json().id}/decision`, headers: h.sup2, payload: { approve: true } });
  expect(ok.statusCode, ok.body).toBe(200);
  return t.app.inject({ method: 'POST', url: `/api/staff/reports/${reportId}/identity`, headers: h.sup1, payload: { reason: '电话核实' } });
}

async function photoUrls(t: TestApp, h: Staff, reportId: string): Promise<string[]> {
  const detail = await t.app.inject({ method: 'GET', url: `/api/staff/reports/${reportId}`, headers: h.intake });
  expect(detail.statusCode, detail.body).toBe(200);
  return detail.json().attachments.map((a: { url: string }) => a.url);
}

describe('under 国密 (the default suite)', () => {
  let t: TestApp;
  let h: Staff;
  beforeAll(async () => {
    t = await createTestApp({ clock });
    h = await staffOf(t);
  }, 120_000);
  afterAll(async () => t?.close());

  it('the bucket holds ciphertext only; staff open the photo through a token, decrypted, never cached', async () => {
    const { id, attachmentId } = await fileReport(t);
    const row = await t.db.prisma.reportAttachment.findUniqueOrThrow({ where: { id: attachmentId } });
    const raw = await t.storage.get(row.storageKey);
    expect(isEncryptedObject(raw)).toBe(true);
    expect(sniff(raw)).toBeNull();
    expect(raw.includes(Buffer.from([0xff, 0xd8, 0xff]))).toBe(false);
    for (const text of [NAME, PHONE]) expect(raw.includes(Buffer.from(text))).toBe(false);
    const report = await t.db.prisma.report.findUniqueOrThrow({ where: { id } });
    expect(JSON.stringify(report)).not.toContain(PHONE);
    expect(report.reporterPhoneSealed).toMatch(/^v2\.sm\.dek\./);
    const key = await t.db.prisma.reportDataKey.findUniqueOrThrow({ where: { reportId: id } });
    expect(key).toMatchObject({ suite: 'sm', masterKeyId: 'dev1', destroyedAt: null });
    expect(key.wrappedKey).toMatch(/^v2\.sm\.dev1\./);

    const [url] = await photoUrls(t, h, id);
    expect(url).toMatch(/^\/api\/files\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const res = await t.app.inject({ method: 'GET', url: url! });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const meta = await sharp(res.rawPayload).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 24, 16]);
    // the single-attachment link mints the same kind of token
    const link = await t.app.inject({ method: 'GET', url: `/api/staff/reports/${id}/attachments/${attachmentId}`, headers: h.intake });
    expect((await t.app.inject({ method: 'GET', url: link.json().url })).statusCode).toBe(200);

    const identity = await reveal(t, h, id);
    expect(identity.statusCode, identity.body).toBe(200);
    expect(identity.json()).toMatchObject({ name: NAME, phone: PHONE });
    expect((await t.db.prisma.cryptoSetting.findUniqueOrThrow({ where: { name: 'keyed_hash' } })).value).toBe('hmac-sm3');
  });

  it('a forged, altered or expired token is refused; a token outlives no deleted photo', async () => {
    const { id, attachmentId } = await fileReport(t);
    const other = await fileReport(t);
    const [url] = await photoUrls(t, h, id);
    const [otherUrl] = await photoUrls(t, h, other.id);
    const [payload, sig] = url!.slice('/api/files/'.length).split('.') as [string, string];
    const [otherPayload] = otherUrl!.slice('/api/files/'.length).split('.') as [string];
    const flipped = sig.slice(0, -2) + (sig.endsWith('AA') ? 'BB' : 'AA');
    for (const forged of [`${payload}.${flipped}`, `${otherPayload}.${sig}`]) {
      const res = await t.app.inject({ method: 'GET', url: `/api/files/${forged}` });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FILE_TOKEN_INVALID');
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/files/not-a-token' })).statusCode).toBe(400);

    const start = current;
    current = new Date(start.getTime() + 601_000);
    try {
      const expired = await t.app.inject({ method: 'GET', url: url! });
      expect(expired.statusCode).toBe(403);
      expect(expired.json()).toMatchObject({ code: 'FILE_TOKEN_EXPIRED' });
      expect(expired.json().message).toMatch(/过期/);
    } finally {
      current = start;
    }
    await t.db.prisma.reportAttachment.delete({ where: { id: attachmentId } });
    expect((await t.app.inject({ method: 'GET', url: url! })).statusCode).toBe(404);
  });

  it('data sealed before per-report keys stays readable: v1 identity, a plaintext photo', async () => {
    const master = Buffer.alloc(32, 7); // the development key dev1
    const v1 = (plain: string) => {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', master, iv);
      const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return ['v1', 'dev1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
    };
    const report = await t.db.prisma.report.create({
      data: {
        serial: `JB20260101-${Math.floor(Math.random() * 90000) + 10000}`,
        category: 'other',
        content: '升级前提交的举报。',
        reporterNameSealed: v1(NAME),
        reporterPhoneSealed: v1(PHONE),
        submittedAt: current,
        acceptDueOn: new Date('2026-11-05'),
      },
    });
    const body = await photo();
    const storageKey = `reports/${report.id}/${randomUUID()}.jpg`;
    await t.storage.put(storageKey, body, 'image/jpeg');
    await t.db.prisma.reportAttachment.create({ data: { reportId: report.id, storageKey, mime: 'image/jpeg', size: body.length, addedBy: 'citizen', createdAt: current } });

    const [url] = await photoUrls(t, h, report.id);
    const res = await t.app.inject({ method: 'GET', url: url! });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(body)).toBe(true);
    const identity = await reveal(t, h, report.id);
    expect(identity.statusCode, identity.body).toBe(200);
    expect(identity.json()).toMatchObject({ name: NAME, phone: PHONE });
  });

  it('a destroyed key (crypto-shredding) leaves identity and photos unreadable, with a clear 410', async () => {
    const { id } = await fileReport(t);
    const [url] = await photoUrls(t, h, id);
    await t.db.prisma.$transaction((tx) => destroyReportDataKey(tx, id, current));
    const key = await t.db.prisma.reportDataKey.findUniqueOrThrow({ where: { reportId: id } });
    expect(key).toMatchObject({ wrappedKey: null, masterKeyId: null, destroyedAt: current });
    expect(await t.db.prisma.$transaction((tx) => destroyReportDataKey(tx, id, current))).toBe(false);

    const res = await t.app.inject({ method: 'GET', url: url! });
    expect(res.statusCode).toBe(410);
    expect(res.json()).toMatchObject({ code: 'DATA_DESTROYED' });
    // a destroyed identity cannot even be asked for (so no 双人审批 can open it): a clear 410
    const asked = await t.app.inject({ method: 'POST', url: `/api/staff/reports/${id}/identity-requests`, headers: h.sup1, payload: { reason: '需电话核实线索细节' } });
    expect(asked.statusCode).toBe(410);
    expect(asked.json()).toMatchObject({ code: 'DATA_DESTROYED' });
    expect(asked.json().message).toMatch(/销毁/);
    expect(await t.db.prisma.reportEvent.count({ where: { reportId: id, kind: 'identity_viewed' } })).toBe(0);
    // the facts stay
    const detail = await t.app.inject({ method: 'GET', url: `/api/staff/reports/${id}`, headers: h.intake });
    expect(detail.json().content).toContain('索要好处');
  });
});

describe('under AES-256-GCM (SEAL_SUITE=aes)', () => {
  let t: TestApp;
  let h: Staff;
  beforeAll(async () => {
    t = await createTestApp({ clock, env: { SEAL_SUITE: 'aes' } });
    h = await staffOf(t);
  }, 120_000);
  afterAll(async () => t?.close());

  it('round-trips identity and photos the same way', async () => {
    const { id, attachmentId } = await fileReport(t);
    const report = await t.db.prisma.report.findUniqueOrThrow({ where: { id } });
    expect(report.reporterNameSealed).toMatch(/^v2\.aes\.dek\./);
    expect(await t.db.prisma.reportDataKey.findUniqueOrThrow({ where: { reportId: id } })).toMatchObject({ suite: 'aes' });
    const row = await t.db.prisma.reportAttachment.findUniqueOrThrow({ where: { id: attachmentId } });
    expect(isEncryptedObject(await t.storage.get(row.storageKey))).toBe(true);
    const [url] = await photoUrls(t, h, id);
    const res = await t.app.inject({ method: 'GET', url: url! });
    expect(res.statusCode).toBe(200);
    expect(sniff(res.rawPayload)).toBe('image/jpeg');
    expect((await reveal(t, h, id)).json()).toMatchObject({ name: NAME, phone: PHONE });
    expect((await t.db.prisma.cryptoSetting.findUniqueOrThrow({ where: { name: 'keyed_hash' } })).value).toBe('hmac-sha256');
  });
});
