// The foundation, black-box through HTTP: health, docs, staff and citizen auth, roles, errors, rate limits, storage.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenHeader, createTestApp, staffHeader, TEST_PASSWORD, type TestApp } from './test-support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('operations endpoints', () => {
  it('health, ready (database and object storage reachable) and the OpenAPI document', async () => {
    expect((await t.app.inject('/health')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', database: { ok: true }, storage: { ok: true } });
    const doc = (await t.app.inject('/docs/json')).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/staff/auth/login', '/api/staff/units', '/api/public/auth/device']));
    expect((await t.app.inject('/docs')).statusCode).toBe(200);
  });
  it('unknown routes get a Chinese 404 with a request id', async () => {
    const res = await t.app.inject('/api/staff/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND', requestId: expect.any(String) });
  });
});

describe('staff auth and roles', () => {
  it('logs in, answers /me, and audits the login', async () => {
    const h = await staffHeader(t, 'intake', { username: 'intake_a' });
    const me = await t.app.inject({ url: '/api/staff/auth/me', headers: h });
    expect(me.json().user).toMatchObject({ username: 'intake_a', role: 'intake' });
    expect(me.body).not.toContain('passwordHash');
    expect(await t.db.prisma.auditLog.count({ where: { action: 'staff.login' } })).toBeGreaterThan(0);
  });
  it('wrong password -> 401 INVALID_CREDENTIALS, same as an unknown user', async () => {
    await staffHeader(t, 'intake', { username: 'intake_b' });
    const wrong = await t.app.inject({ method: 'POST', url: '/api/staff/auth/login', payload: { username: 'intake_b', password: 'nope' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/staff/auth/login', payload: { username: 'ghost', password: 'nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' });
    expect(unknown.json().code).toBe(wrong.json().code);
  });
  it('bad input -> 400 with field-level Chinese reasons, nothing changed', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/staff/auth/login', payload: { username: '  ' } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'username', message: '请输入用户名' }),
        expect.objectContaining({ path: 'password' }),
      ]),
    );
  });
  it('no token -> 401, a citizen token -> 401, a wrong role -> 403, the right role -> 200', async () => {
    expect((await t.app.inject('/api/staff/units')).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/staff/units', headers: await citizenHeader(t) })).statusCode).toBe(401);
    const intake = await staffHeader(t, 'intake');
    const denied = await t.app.inject({ url: '/api/staff/audit-logs', headers: intake });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('PERMISSION_DENIED');
    // 三员分立: the audit log is the auditor's alone
    const auditor = await staffHeader(t, 'auditor');
    const ok = await t.app.inject({ url: '/api/staff/audit-logs?action=staff.login', headers: auditor });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().total).toBeGreaterThan(0);
  });
  it('lists units with search and paging', async () => {
    await t.db.prisma.unit.createMany({
      data: [
        { code: 'U1', name: '县教育局', kind: 'department' },
        { code: 'U2', name: '城关镇', kind: 'township' },
        { code: 'U3', name: '县水利局', kind: 'department' },
      ],
    });
    const h = await staffHeader(t, 'supervisor');
    const res = (await t.app.inject({ url: '/api/staff/units?kind=department&pageSize=1', headers: h })).json();
    expect(res).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(res.items).toHaveLength(1);
    expect((await t.app.inject({ url: '/api/staff/units?q=城关', headers: h })).json().items.map((u: { code: string }) => u.code)).toEqual(['U2']);
  });
  it('rate-limits login attempts', async () => {
    const codes = [];
    for (let i = 0; i < 12; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/staff/auth/login', payload: { username: 'x', password: 'y' }, remoteAddress: '10.9.9.9' });
      codes.push(r.statusCode);
    }
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes.at(-1)).toBe(429);
  });
});

describe('citizen auth', () => {
  it('device login returns a citizen token and the same citizen on the next login', async () => {
    const body = { deviceId: 'abcdefghijklmnopqrstuvwxyz012345' };
    const a = (await t.app.inject({ method: 'POST', url: '/api/public/auth/device', payload: body })).json();
    const b = (await t.app.inject({ method: 'POST', url: '/api/public/auth/device', payload: body })).json();
    expect(a.citizen).toEqual({ id: b.citizen.id, via: 'device' });
    const stored = await t.db.prisma.citizen.findUniqueOrThrow({ where: { id: a.citizen.id } });
    expect(stored.subjectHash).not.toContain(body.deviceId);
  });
  it('WeChat login is refused clearly when not configured', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/public/auth/wechat', payload: { code: 'x' } });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('WECHAT_LOGIN_DISABLED');
  });
});

describe('WeChat code2session against a local fake of the endpoint', () => {
  let fake: Server;
  let w: TestApp;
  const seen: string[] = [];
  beforeAll(async () => {
    fake = createServer((req, res) => {
      const u = new URL(req.url!, 'http://x');
      seen.push(u.pathname + '?' + u.searchParams.get('appid') + '&' + u.searchParams.get('js_code'));
      res.setHeader('content-type', 'application/json');
      const code = u.searchParams.get('js_code');
      res.end(JSON.stringify(code === 'good' ? { openid: 'o-real-openid-1', session_key: 'k' } : { errcode: 40029, errmsg: 'invalid code' }));
    });
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
    const port = (fake.address() as AddressInfo).port;
    w = await createTestApp({ env: { WECHAT_APPID: 'wxtest', WECHAT_SECRET: 'sec', WECHAT_API_BASE: `http://127.0.0.1:${port}`, DEVICE_LOGIN: 'false' } });
  });
  afterAll(async () => {
    await w?.close();
    fake?.close();
  });
  it('exchanges the code over HTTP, seals the openid, refuses bad codes and device login', async () => {
    const ok = await w.app.inject({ method: 'POST', url: '/api/public/auth/wechat', payload: { code: 'good' } });
    expect(ok.statusCode).toBe(200);
    expect(seen).toContain('/sns/jscode2session?wxtest&good');
    const citizen = await w.db.prisma.citizen.findUniqueOrThrow({ where: { id: ok.json().citizen.id } });
    expect(JSON.stringify(citizen)).not.toContain('o-real-openid-1');
    expect(w.app.sealer.open(citizen.openidSealed!)).toBe('o-real-openid-1');
    const bad = await w.app.inject({ method: 'POST', url: '/api/public/auth/wechat', payload: { code: 'bad' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().code).toBe('WECHAT_LOGIN_FAILED');
    const device = await w.app.inject({ method: 'POST', url: '/api/public/auth/device', payload: { deviceId: 'abcdefghijklmnopqrstuvwxyz012345' } });
    expect(device.json().code).toBe('DEVICE_LOGIN_DISABLED');
  });
});

describe('object storage over HTTP', () => {
  it('puts, gets, presigns and deletes', async () => {
    const body = Buffer.from('证据材料');
    await t.storage.put('test/a.txt', body, 'text/plain');
    expect((await t.storage.get('test/a.txt')).toString()).toBe('证据材料');
    const url = await t.storage.presignGet('test/a.txt', 60);
    const fetched = await fetch(url);
    expect(fetched.status).toBe(200);
    expect(await fetched.text()).toBe('证据材料');
    const tampered = await fetch(url.replace(/X-Amz-Signature=[0-9a-f]+/, 'X-Amz-Signature=' + '0'.repeat(64)));
    expect(tampered.status).toBe(403);
    await t.storage.remove('test/a.txt');
    await expect(t.storage.get('test/a.txt')).rejects.toThrow();
  });
});

void TEST_PASSWORD;
