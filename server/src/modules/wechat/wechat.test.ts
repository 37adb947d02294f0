// The WeChat client over real HTTP against a local fake of WeChat's API (stable_token, getwxacodeunlimit,
// subscribe/send), and the mini-program codes on posters and QR downloads.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, staffHeader, type TestApp } from '../../test-support/app';
import { pdfPageCount, qrPng } from '../posters';
import { seedTour } from '../tours/test-fixtures';
import { createWechatClient, WechatApiError } from './client';
import { codeKey } from './codes';

type Seen = { path: string; query: URLSearchParams; body: Record<string, unknown> };
let fake: Server;
let apiBase: string;
const seen: Seen[] = [];
let tokenNo = 0;
/** tokens WeChat still accepts */
const valid = new Set<string>();
let codeAnswer: 'image' | 'jpeg' | { errcode: number; errmsg: string } = 'image';
let sendAnswer: { errcode: number; errmsg: string } = { errcode: 0, errmsg: 'ok' };
let codePng: Buffer;
let codeJpeg: Buffer;

beforeAll(async () => {
  // a stand-in for a real code: any image WeChat might send back
  codePng = await sharp({ create: { width: 280, height: 280, channels: 3, background: '#1aad19' } }).png().toBuffer();
  codeJpeg = await sharp({ create: { width: 280, height: 280, channels: 3, background: '#1aad19' } }).jpeg().toBuffer();
  fake = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url!, 'http://x');
      const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : {};
      seen.push({ path: u.pathname, query: u.searchParams, body });
      const json = (o: unknown) => {
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.end(JSON.stringify(o));
      };
      if (req.method !== 'POST') return json({ errcode: 43002, errmsg: 'require POST method' });
      if (u.pathname === '/cgi-bin/stable_token') {
        if (body.appid !== 'wxtest' || body.secret !== 'sec') return json({ errcode: 40013, errmsg: 'invalid appid' });
        const token = `TOKEN${++tokenNo}`;
        valid.add(token);
        return json({ access_token: token, expires_in: 7200 });
      }
      const token = u.searchParams.get('access_token') ?? '';
      if (!valid.has(token)) return json({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
      if (u.pathname === '/wxa/getwxacodeunlimit') {
        if (typeof codeAnswer === 'object') return json(codeAnswer);
        res.setHeader('content-type', codeAnswer === 'jpeg' ? 'image/jpeg' : 'image/png');
        return res.end(codeAnswer === 'jpeg' ? codeJpeg : codePng);
      }
      if (u.pathname === '/cgi-bin/message/subscribe/send') return json(sendAnswer);
      res.statusCode = 404;
      res.end('{}');
    });
  });
  fake.listen(0, '127.0.0.1');
  await once(fake, 'listening');
  apiBase = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
});
afterAll(() => fake?.close());
beforeEach(() => {
  seen.length = 0;
  codeAnswer = 'image';
  sendAnswer = { errcode: 0, errmsg: 'ok' };
});

const calls = (path: string) => seen.filter((s) => s.path === path);

describe('WeChat client over HTTP', () => {
  const cfg = () => ({ appId: 'wxtest', secret: 'sec', apiBase });

  it('takes the token from stable_token without forcing a refresh, once, shared by concurrent callers', async () => {
    const c = createWechatClient(cfg());
    const [a, b] = await Promise.all([c.accessToken(), c.accessToken()]);
    expect(a).toBe(b);
    expect(calls('/cgi-bin/stable_token')).toHaveLength(1);
    expect(calls('/cgi-bin/stable_token')[0]!.body).toEqual({ grant_type: 'client_credential', appid: 'wxtest', secret: 'sec', force_refresh: false });
    await c.accessToken();
    expect(calls('/cgi-bin/stable_token')).toHaveLength(1);
  });

  it('renews the token after it expires, and once when WeChat says it is no longer valid', async () => {
    let now = 1_000_000;
    const c = createWechatClient(cfg(), { now: () => now });
    const first = await c.accessToken();
    now += 7200 * 1000;
    const second = await c.accessToken();
    expect(second).not.toBe(first);
    valid.delete(second); // e.g. another system forced a refresh
    await c.sendSubscribe({ touser: 'o1', templateId: 'T', page: 'pages/track/index', data: { thing3: { value: 'x' } } });
    expect(calls('/cgi-bin/message/subscribe/send').map((s) => s.query.get('access_token'))).toEqual([second, `TOKEN${tokenNo}`]);
  });

  it('asks for an unlimited code with the scene, the page and no path check; refuses scenes over 32 characters', async () => {
    const c = createWechatClient(cfg());
    const img = await c.unlimitedCode({ scene: 'Ab3_k.Zx9-q', page: 'pages/scene/index' });
    expect(img.equals(codePng)).toBe(true);
    expect(calls('/wxa/getwxacodeunlimit')[0]!.body).toMatchObject({ scene: 'Ab3_k.Zx9-q', page: 'pages/scene/index', check_path: false, env_version: 'release' });
    expect(() => c.unlimitedCode({ scene: 'x'.repeat(33), page: 'pages/scene/index' })).toThrow(RangeError);
    codeAnswer = { errcode: 45009, errmsg: 'reach max api daily quota limit' };
    await expect(c.unlimitedCode({ scene: 'Ab3', page: 'pages/scene/index' })).rejects.toMatchObject({ errcode: 45009 });
  });

  it('sends a subscribe message; 43101 (not subscribed) is permanent, a system error is not', async () => {
    const c = createWechatClient(cfg());
    await c.sendSubscribe({ touser: 'o1', templateId: 'TPL', page: 'pages/track/index', data: { phrase2: { value: '办理中' } } });
    expect(calls('/cgi-bin/message/subscribe/send').at(-1)!.body).toEqual({ touser: 'o1', template_id: 'TPL', page: 'pages/track/index', data: { phrase2: { value: '办理中' } } });
    sendAnswer = { errcode: 43101, errmsg: 'user refuse to accept the msg' };
    const refused = await c.sendSubscribe({ touser: 'o1', templateId: 'TPL', page: 'p', data: {} }).catch((e: WechatApiError) => e);
    expect(refused).toBeInstanceOf(WechatApiError);
    expect(refused).toMatchObject({ errcode: 43101, permanent: true });
    sendAnswer = { errcode: -1, errmsg: 'system error' };
    expect(await c.sendSubscribe({ touser: 'o1', templateId: 'TPL', page: 'p', data: {} }).catch((e: WechatApiError) => e)).toMatchObject({ errcode: -1, permanent: false });
  });
});

describe('mini-program codes on posters and QR downloads', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { WECHAT_APPID: 'wxtest', WECHAT_SECRET: 'sec', WECHAT_API_BASE: apiBase, PUBLIC_H5_URL: 'https://h5.example.gov.cn' } });
  });
  afterAll(async () => t?.close());

  it('serves the mini-program code, generated once and cached in object storage; the H5 link QR as the second option', async () => {
    const s = await seedTour(t);
    const admin = await staffHeader(t, 'admin');
    const link = (await t.app.inject({ method: 'POST', url: '/api/staff/scenes', headers: admin, payload: { kind: 'tour_unit', inspectedUnitId: s.inspected.id } })).json();
    const url = `/api/staff/posters/inspected-units/${s.inspected.id}/qr.png`;
    const first = await t.app.inject({ method: 'GET', url, headers: admin });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('image/png');
    expect(first.rawPayload.equals(codePng)).toBe(true);
    expect(calls('/wxa/getwxacodeunlimit').map((c) => c.body.scene)).toEqual([link.scene]);
    expect(calls('/wxa/getwxacodeunlimit')[0]!.body.page).toBe('pages/scene/index');
    expect((await t.storage.get(codeKey(link.scene))).equals(codePng)).toBe(true);

    const again = await t.app.inject({ method: 'GET', url, headers: admin });
    expect(again.rawPayload.equals(codePng)).toBe(true);
    expect(calls('/wxa/getwxacodeunlimit')).toHaveLength(1);

    const h5 = await t.app.inject({ method: 'GET', url: `${url}?variant=h5`, headers: admin });
    expect(h5.rawPayload.equals(await qrPng(link.h5Url))).toBe(true);

    const pdf = await t.app.inject({ method: 'GET', url: `/api/staff/posters/inspected-units/${s.inspected.id}/poster.pdf`, headers: admin });
    expect(pdf.statusCode).toBe(200);
    expect(pdfPageCount(pdf.rawPayload)).toBe(1);
    expect(pdf.rawPayload.toString('latin1')).toMatch(/\/Subtype \/Image/);
    expect(calls('/wxa/getwxacodeunlimit')).toHaveLength(1);

    const zip = await t.app.inject({ method: 'GET', url: `/api/staff/posters/rounds/${s.round.id}/posters.zip`, headers: admin });
    expect(zip.statusCode).toBe(200);
    const eocd = zip.rawPayload.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    expect(zip.rawPayload.readUInt16LE(eocd + 10)).toBe(3); // code, H5 link QR, poster
    expect(zip.rawPayload.includes(Buffer.from(`${s.round.code}_${s.unit.name}_H5链接.png`))).toBe(true);
  });

  it('regenerates the code when the scene is revoked, and drops the old one from storage', async () => {
    const s = await seedTour(t);
    const admin = await staffHeader(t, 'admin');
    const old = (await t.app.inject({ method: 'POST', url: '/api/staff/scenes', headers: admin, payload: { kind: 'tour_unit', inspectedUnitId: s.inspected.id } })).json();
    await t.app.inject({ method: 'GET', url: `/api/staff/posters/inspected-units/${s.inspected.id}/qr.png`, headers: admin });
    const fresh = (await t.app.inject({ method: 'POST', url: '/api/staff/scenes/revoke', headers: admin, payload: { scene: old.scene, reason: '海报被覆盖' } })).json();
    await expect(t.storage.get(codeKey(old.scene))).rejects.toThrow();
    codeAnswer = 'jpeg';
    const r = await t.app.inject({ method: 'GET', url: `/api/staff/posters/inspected-units/${s.inspected.id}/qr.png`, headers: admin });
    expect(calls('/wxa/getwxacodeunlimit').map((c) => c.body.scene)).toEqual([old.scene, fresh.scene]);
    // WeChat's JPEG is kept and served as PNG
    expect((await sharp(r.rawPayload).metadata()).format).toBe('png');
  });

  it('says clearly when WeChat refuses, and points to the H5 link QR', async () => {
    const mp = await t.db.prisma.monitoringPoint.create({ data: { code: `WX${Date.now()}`, name: '县医保服务大厅', address: '新城路2号' } });
    const admin = await staffHeader(t, 'admin');
    codeAnswer = { errcode: 45009, errmsg: 'reach max api daily quota limit' };
    const r = await t.app.inject({ method: 'GET', url: `/api/staff/posters/monitoring-points/${mp.id}/qr.png`, headers: admin });
    expect(r.statusCode).toBe(502);
    expect(r.json()).toMatchObject({ code: 'WECHAT_CODE_FAILED', message: '生成小程序码失败，请稍后重试，或下载 H5 链接二维码' });
    const h5 = await t.app.inject({ method: 'GET', url: `/api/staff/posters/monitoring-points/${mp.id}/qr.png?variant=h5`, headers: admin });
    expect(h5.statusCode).toBe(200);
  });
});

describe('two API instances and one WeChat access token (issue #10: several instances behave as one)', () => {
  // WeChat's own rules: the legacy /cgi-bin/token and a forced stable_token refresh invalidate every earlier token;
  // stable_token without force_refresh hands out the token that is current.
  let wx: Server;
  let base: string;
  let current: string | null = null;
  let issued = 0;
  const legacyCalls: string[] = [];
  beforeAll(async () => {
    wx = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const u = new URL(req.url!, 'http://x');
        const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : {};
        const json = (o: unknown) => res.end(JSON.stringify(o));
        const fresh = () => (current = `T${++issued}`);
        if (u.pathname === '/cgi-bin/token') {
          legacyCalls.push(u.pathname);
          return json({ access_token: fresh(), expires_in: 7200 });
        }
        if (u.pathname === '/cgi-bin/stable_token') return json({ access_token: body.force_refresh || !current ? fresh() : current, expires_in: 7200 });
        if (u.searchParams.get('access_token') !== current) return json({ errcode: 40001, errmsg: 'invalid credential' });
        return json({ errcode: 0, errmsg: 'ok' });
      });
    });
    wx.listen(0, '127.0.0.1');
    await once(wx, 'listening');
    base = `http://127.0.0.1:${(wx.address() as AddressInfo).port}`;
  });
  afterAll(() => wx?.close());

  it('neither instance invalidates the token the other holds', async () => {
    const cfg = { appId: 'wxtest', secret: 'sec', apiBase: base };
    const a = createWechatClient(cfg);
    const b = createWechatClient(cfg);
    const tokenA = await a.accessToken();
    const tokenB = await b.accessToken();
    expect(tokenB).toBe(tokenA);
    const msg = { touser: 'o1', templateId: 'T', page: 'pages/track/index', data: { thing3: { value: 'x' } } };
    await a.sendSubscribe(msg);
    await b.sendSubscribe(msg);
    expect(issued).toBe(1);
    expect(legacyCalls).toEqual([]);
  });
});

describe('订阅消息 templates for the mini-program', () => {
  it('names the report template only when WeChat is configured', async () => {
    const bare = await createTestApp();
    try {
      const res = await bare.app.inject({ method: 'GET', url: '/api/public/wechat/subscribe-templates' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ report: null });
    } finally {
      await bare.close();
    }
    const configured = await createTestApp({ env: { WECHAT_APPID: 'wx0123456789abcdef', WECHAT_SECRET: 'secret', WECHAT_REPORT_TEMPLATE_ID: 'tmpl-report-1' } });
    try {
      const res = await configured.app.inject({ method: 'GET', url: '/api/public/wechat/subscribe-templates' });
      expect(res.json()).toEqual({ report: 'tmpl-report-1' });
    } finally {
      await configured.close();
    }
  });
});
