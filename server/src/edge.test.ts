// The network edge, in one place for every route: NUL characters and malformed uploads are the client's fault (400
// with a field), a database outage is a 503 with Retry-After, API answers are never cached, images have a pixel limit.
import { createHash } from 'node:crypto';
import Fastify from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findNulByte, isDatabaseUnavailable, registerErrorHandler } from './errors';
import { cleanImage, MAX_IMAGE_PIXELS } from './modules/reports/images';
import { inlineScriptHashes } from './plugins/security-headers';
import { citizenHeader, createTestApp, staffHeader, type TestApp } from './test-support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(async () => t?.close());

describe('NUL characters', () => {
  it('finds them in nested bodies, keys and arrays', () => {
    expect(findNulByte({ a: 'ok', b: ['x', 'y\u0000'] })).toBe('b.1');
    expect(findNulByte({ ['k\u0000']: 1 })).toBe('k\u0000');
    expect(findNulByte({ a: 'fine', n: 3, d: null })).toBeNull();
  });

  it('answer 400 with the field for a body, a query parameter and a path parameter, changing nothing', async () => {
    const staff = await staffHeader(t, 'intake');
    const before = await t.db.prisma.report.count();
    const body = await t.app.inject({
      method: 'POST',
      url: '/api/public/reports/confidential',
      payload: { category: 'other', content: '村里的补贴发放有问题\u0000请核查一下情况', confidential: true },
    });
    expect(body.statusCode).toBe(400);
    expect(body.json()).toMatchObject({ code: 'NUL_CHARACTER', issues: [{ path: 'content', code: 'nul_character' }] });
    expect(await t.db.prisma.report.count()).toBe(before);

    const query = await t.app.inject({ method: 'GET', url: '/api/staff/units?q=a%00b', headers: staff });
    expect(query.statusCode).toBe(400);
    expect(query.json().issues[0].path).toBe('querystring.q');

    const params = await t.app.inject({ method: 'GET', url: '/api/staff/reports/%00', headers: staff });
    expect(params.statusCode).toBe(400);
  });
});

describe('malformed multipart', () => {
  it('answers 400 with the file field, not 500', async () => {
    const citizen = await citizenHeader(t);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/public/reports',
      headers: citizen,
      payload: { category: 'other', content: '乡镇窗口办事拖延，多次往返仍未办结。', confidential: false, reporterPhone: '13900002222' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const boundary = '----msjdbroken';
    const truncated = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff partial`;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/public/reports/${created.json().id}/attachments`,
      headers: { ...citizen, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: truncated,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'MULTIPART_MALFORMED', issues: [{ path: 'file' }] });
  });
});

describe('caching', () => {
  it('marks staff and citizen answers no-store', async () => {
    const staff = await t.app.inject({ method: 'GET', url: '/api/staff/units', headers: await staffHeader(t, 'intake') });
    expect(staff.headers['cache-control']).toBe('no-store');
    const pub = await t.app.inject({ method: 'GET', url: '/api/public/reports/categories' });
    expect(pub.headers['cache-control']).toBe('no-store');
  });
});

describe('security headers', () => {
  it('every answer carries the CSP and the other helmet headers; the CSP allows only what the clients load', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')*;/);
    // photos and downloads are presigned addresses on the storage endpoint
    expect(csp).toContain(`img-src 'self' data: blob: ${t.app.storage.endpoint}`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['strict-transport-security']).toContain('max-age=31536000');
  });

  it('hashes exactly the inline scripts of a built page', () => {
    const html = '<script>a()</script><script defer src="/x.js"></script><script type="text/javascript">b()</script>';
    expect(inlineScriptHashes(html)).toEqual([
      `'sha256-${createHash('sha256').update('a()').digest('base64')}'`,
      `'sha256-${createHash('sha256').update('b()').digest('base64')}'`,
    ]);
  });
});

describe('database outage', () => {
  it('recognises connection failures however deeply wrapped', () => {
    expect(isDatabaseUnavailable({ message: 'x', cause: { cause: { code: 'ECONNREFUSED' } } })).toBe(true);
    expect(isDatabaseUnavailable({ code: '57P01' })).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable({ code: '23505' })).toBe(false);
  });

  it('answers 503 with Retry-After, not 500', async () => {
    const app = Fastify();
    registerErrorHandler(app);
    app.get('/x', async () => {
      throw Object.assign(new Error('driver adapter error'), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }) });
    });
    const res = await app.inject('/x');
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json().code).toBe('DATABASE_UNAVAILABLE');
    await app.close();
  });

  it('answers 503 when the database really goes away', async () => {
    const gone = await createTestApp();
    const staff = await staffHeader(gone, 'intake');
    await gone.db.close();
    const res = await gone.app.inject({ method: 'GET', url: '/api/staff/units', headers: staff });
    expect(res.statusCode, res.body).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
    await gone.app.close();
    await gone.storage.close();
  });
});

describe('image decoding limit', () => {
  it('refuses an image declaring more pixels than the limit before decoding it', async () => {
    const side = Math.ceil(Math.sqrt(MAX_IMAGE_PIXELS)) + 10;
    const png = await sharp({ create: { width: side, height: side, channels: 3, background: '#fff' } }).png({ compressionLevel: 9 }).toBuffer();
    await expect(cleanImage(png)).rejects.toMatchObject({ status: 413, code: 'IMAGE_TOO_MANY_PIXELS' });
    const small = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#0a0' } }).png().toBuffer();
    expect((await cleanImage(small)).mime).toBe('image/png');
  });
});
