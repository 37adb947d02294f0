import ExifReader from 'exifreader';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEncryptedObject } from '../../lib/sealing';
import { citizenHeader, createTestApp, staffHeader, type TestApp } from '../../test-support/app';
import { MAX_IMAGE_BYTES, MAX_IMAGES_PER_REPORT, sniff } from './images';

let t: TestApp;
let citizen: Record<string, string>;
let other: Record<string, string>;
let intake: Record<string, string>;
let liaison: Record<string, string>;
let reportId: string;

function multipart(file: Buffer, filename: string, contentType: string) {
  const boundary = '----msjdtest' + Math.random().toString(16).slice(2);
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, file, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const upload = (headers: Record<string, string>, file: Buffer, name = 'a.jpg', type = 'image/jpeg', url = `/api/public/reports/${reportId}/attachments`) => {
  const m = multipart(file, name, type);
  return t.app.inject({ method: 'POST', url, headers: { ...headers, ...m.headers }, payload: m.payload });
};

async function jpegWithGps() {
  return sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 10, b: 10 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'TestPhone', Model: 'X1 Pro' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 15/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '120/1 10/1 0/1' },
    })
    .toBuffer();
}

beforeAll(async () => {
  t = await createTestApp();
  citizen = await citizenHeader(t);
  other = await citizenHeader(t);
  intake = await staffHeader(t, 'intake');
  const unit = await t.db.prisma.unit.create({ data: { code: 'Z9', name: '某局', kind: 'department' } });
  liaison = await staffHeader(t, 'unit_liaison', { unitId: unit.id });
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/public/reports',
    headers: citizen,
    // real-name: a 保密 report has no owner account, its photos come with the query code (test below)
    payload: { category: 'other', content: '附件测试：现场照片见附件。', reporterPhone: '13900001111' },
  });
  reportId = res.json().id;
}, 120_000);
afterAll(async () => t?.close());

describe('photo attachments', () => {
  it('sniffs types from bytes', () => {
    expect(sniff(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniff(Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(sniff(Buffer.from('\0\0\0\x18ftypheic\0\0\0\0', 'latin1'))).toBe('heic');
    expect(sniff(Buffer.from('GIF89a......'))).toBeNull();
  });

  it('strips EXIF GPS and device data before storage; staff open it through a file token', async () => {
    const original = await jpegWithGps();
    const before = ExifReader.load(original);
    expect(before.GPSLatitude).toBeDefined();
    expect(before.Make).toBeDefined();

    // the client lies about the type: the bytes decide
    const res = await upload(citizen, original, 'photo.png', 'image/png');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().mime).toBe('image/jpeg');

    const detail = await t.app.inject({ method: 'GET', url: `/api/staff/reports/${reportId}`, headers: intake });
    const att = detail.json().attachments[0];
    expect(att).toMatchObject({ id: res.json().id, mime: 'image/jpeg', addedBy: 'citizen' });
    const one = await t.app.inject({ method: 'GET', url: `/api/staff/reports/${reportId}/attachments/${att.id}`, headers: intake });
    expect(one.statusCode).toBe(200);
    expect(one.json().url).toMatch(/^\/api\/files\//);
    const download = await t.app.inject({ method: 'GET', url: one.json().url });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/jpeg');
    const stored = download.rawPayload;
    expect(sniff(stored)).toBe('image/jpeg');
    const after = ExifReader.load(stored);
    expect(Object.keys(after).filter((k) => k.startsWith('GPS'))).toEqual([]);
    expect(after.Make).toBeUndefined();
    expect(after.Model).toBeUndefined();
    const meta = await sharp(stored).metadata();
    expect(meta.exif).toBeUndefined();
    expect([meta.width, meta.height].sort()).toEqual([30, 40]);
    // a liaison not assigned the report cannot see it
    const denied = await t.app.inject({ method: 'GET', url: `/api/staff/reports/${reportId}/attachments/${att.id}`, headers: liaison });
    expect(denied.statusCode).toBe(404);
  });

  it('accepts PNG and WebP, re-encoded', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 4, background: '#00ff0080' } }).png().withExif({ IFD0: { Make: 'Cam' } }).toBuffer();
    const webp = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#0000ff' } }).webp().toBuffer();
    expect((await upload(citizen, png, 'a.png', 'image/png')).json().mime).toBe('image/png');
    expect((await upload(citizen, webp, 'a.webp', 'image/webp')).json().mime).toBe('image/webp');
  });

  it('refuses HEIC with a clear message, other types with 415, oversize with 413', async () => {
    const heic = Buffer.concat([Buffer.from('\0\0\0\x18ftypheic\0\0\0\0mif1heic', 'latin1'), Buffer.alloc(200)]);
    let res = await upload(citizen, heic, 'IMG_0001.HEIC', 'image/heic');
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ code: 'HEIC_NOT_SUPPORTED' });
    expect(res.json().message).toMatch(/HEIC/);
    res = await upload(citizen, Buffer.from('GIF89a' + 'x'.repeat(100)), 'a.gif', 'image/gif');
    expect(res.statusCode).toBe(415);
    expect(res.json().message).toMatch(/JPG、PNG、WebP/);
    res = await upload(citizen, Buffer.from('%PDF-1.7 ...'), 'a.jpg', 'image/jpeg');
    expect(res.statusCode).toBe(415);
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(MAX_IMAGE_BYTES + 10)]);
    res = await upload(citizen, big);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('FILE_TOO_LARGE');
    res = await t.app.inject({ method: 'POST', url: `/api/public/reports/${reportId}/attachments`, headers: citizen, payload: { a: 1 } });
    expect(res.statusCode).toBe(415);
  });

  it('a confidential reporter adds photos with the query code, no account', async () => {
    const sub = await t.app.inject({
      method: 'POST',
      url: '/api/public/reports',
      headers: other,
      payload: { category: 'other', content: '凭查询码补充图片的测试举报内容。', confidential: true },
    });
    const { id, queryCode, querySecret } = sub.json();
    const jpeg = await jpegWithGps();
    let res = await upload({ 'x-report-code': queryCode, 'x-report-secret': 'ABCDEFGH' }, jpeg, 'a.jpg', 'image/jpeg', '/api/public/reports/lookup/attachments');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('QUERY_FAILED');
    res = await upload({ 'x-report-code': queryCode, 'x-report-secret': querySecret }, jpeg, 'a.jpg', 'image/jpeg', '/api/public/reports/lookup/attachments');
    expect(res.statusCode, res.body).toBe(201);
    const row = await t.db.prisma.reportAttachment.findUniqueOrThrow({ where: { id: res.json().id } });
    expect(row).toMatchObject({ reportId: id, addedBy: 'citizen', addedById: null });
    // the bucket holds ciphertext only; the photo, opened through a token, carries no GPS
    expect(isEncryptedObject(await t.storage.get(row.storageKey))).toBe(true);
    const staffView = await t.app.inject({ method: 'GET', url: `/api/staff/reports/${id}`, headers: intake });
    const photo = staffView.json().attachments.find((a: { id: string }) => a.id === row.id);
    const opened = await t.app.inject({ method: 'GET', url: photo.url });
    expect(sniff(opened.rawPayload)).toBe('image/jpeg');
    expect(Object.keys(ExifReader.load(opened.rawPayload)).filter((k) => k.startsWith('GPS'))).toEqual([]);
  });

  it('only the reporter uploads to a report; at most 9 photos', async () => {
    const jpeg = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } }).jpeg().toBuffer();
    expect((await upload(other, jpeg)).statusCode).toBe(404);
    const have = await t.db.prisma.reportAttachment.count({ where: { reportId } });
    for (let i = have; i < MAX_IMAGES_PER_REPORT; i++) expect((await upload(citizen, jpeg)).statusCode).toBe(201);
    const res = await upload(citizen, jpeg);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('TOO_MANY_ATTACHMENTS');
  });
});
