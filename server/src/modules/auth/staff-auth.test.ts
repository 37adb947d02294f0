// Staff login, sessions and the second factor, black-box through HTTP on a real database, with the clock moved by
// the test (idle timeout, absolute end, password expiry, lock expiry).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, staffHeader, TEST_PASSWORD, type TestApp } from '../../test-support/app';
import { captchaAnswerHash } from './login-guard';
import { hashPassword } from './password';
import { totpCode } from './totp';

let now = new Date('2026-12-01T02:00:00Z');
const clock = { now: () => now };
const advance = (ms: number) => {
  now = new Date(now.getTime() + ms);
};
const MIN = 60_000;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(() => t?.close());

// Each call from its own address, so the per-address rate limit of the login route stays out of these tests.
let ipCounter = 1;
const nextIp = () => `10.20.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;
const login = (payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/staff/auth/login', payload, remoteAddress: nextIp() });
const get = (url: string, token: string) => t.app.inject({ url: `/api/staff${url}`, headers: { authorization: `Bearer ${token}` }, remoteAddress: nextIp() });
const post = (url: string, token: string, payload?: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: `/api/staff${url}`, headers: { authorization: `Bearer ${token}` }, payload: payload ?? {}, remoteAddress: nextIp() });

async function makeUser(role: 'intake' | 'unit_liaison' | 'admin' | 'supervisor' = 'intake', extra: { mustChangePassword?: boolean; totpSecret?: string } = {}) {
  const username = `u${Math.random().toString(36).slice(2, 9)}`;
  const user = await t.db.prisma.staffUser.create({
    data: {
      username,
      displayName: username,
      role,
      passwordHash: await hashPassword(TEST_PASSWORD),
      passwordChangedAt: now,
      mustChangePassword: extra.mustChangePassword ?? false,
      totpSecretSealed: extra.totpSecret ? t.app.sealer.seal(extra.totpSecret) : null,
      totpEnabledAt: extra.totpSecret ? now : null,
    },
  });
  return { id: user.id, username };
}
async function tokenFor(username: string, password = TEST_PASSWORD) {
  const res = await login({ username, password });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().token as string;
}

describe('sessions', () => {
  it('a session ends after the idle timeout, and each request moves that end', async () => {
    const { username } = await makeUser();
    const token = await tokenFor(username);
    advance(29 * MIN);
    const me = await get('/auth/me', token);
    expect(me.statusCode).toBe(200);
    // the answer tells the panel when the session will end without another request
    expect(new Date(String(me.headers['x-session-idle-deadline'])).getTime()).toBe(now.getTime() + 30 * MIN);
    advance(29 * MIN);
    expect((await get('/auth/me', token)).statusCode).toBe(200);
    advance(30 * MIN);
    const idle = await get('/auth/me', token);
    expect(idle.statusCode).toBe(401);
    expect(idle.json().code).toBe('SESSION_IDLE');
    // ended for good: coming back at once does not revive it
    advance(-29 * MIN);
    expect((await get('/auth/me', token)).statusCode).toBe(401);
    advance(29 * MIN);
  });

  it('a background request (the reminder badge’s poll) is answered but does not keep the session alive', async () => {
    const { username } = await makeUser();
    const token = await tokenFor(username);
    const poll = () =>
      t.app.inject({ url: '/api/staff/notifications/summary', headers: { authorization: `Bearer ${token}`, 'x-background-request': '1' } });
    advance(20 * MIN);
    expect((await poll()).statusCode).toBe(200);
    advance(9 * MIN);
    const last = await poll();
    expect(last.statusCode).toBe(200);
    // the deadline still counts from the login, the last thing the user did
    expect(new Date(String(last.headers['x-session-idle-deadline'])).getTime()).toBe(now.getTime() + 1 * MIN);
    advance(1 * MIN);
    expect((await poll()).json().code).toBe('SESSION_IDLE');
  });

  it('a session ends 8 hours after login however busy it is', async () => {
    const { username } = await makeUser();
    const token = await tokenFor(username);
    for (let q = 0; q < 8 * 4 - 1; q++) {
      advance(15 * MIN);
      expect((await get('/auth/me', token)).statusCode).toBe(200);
    }
    advance(15 * MIN);
    const res = await get('/auth/me', token);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('SESSION_EXPIRED');
  });

  it('settings change the idle and absolute limits', async () => {
    const short = await createTestApp({ clock, env: { SESSION_IDLE_MINUTES: '5', SESSION_ABSOLUTE_HOURS: '1' } });
    try {
      const username = `s${Math.random().toString(36).slice(2, 9)}`;
      await short.db.prisma.staffUser.create({ data: { username, displayName: username, role: 'intake', passwordHash: await hashPassword(TEST_PASSWORD), passwordChangedAt: now } });
      const res = await short.app.inject({ method: 'POST', url: '/api/staff/auth/login', payload: { username, password: TEST_PASSWORD } });
      expect(res.json()).toMatchObject({ expiresIn: 3600, idleTimeout: 300 });
      advance(6 * MIN);
      const me = await short.app.inject({ url: '/api/staff/auth/me', headers: { authorization: `Bearer ${res.json().token}` } });
      expect(me.json().code).toBe('SESSION_IDLE');
    } finally {
      await short.close();
    }
  });

  it('logout ends this session only; 退出其他设备 ends the others', async () => {
    const { username } = await makeUser();
    const [a, b, c] = [await tokenFor(username), await tokenFor(username), await tokenFor(username)];
    expect((await post('/auth/logout', a)).json()).toEqual({ ended: 1 });
    expect((await get('/auth/me', a)).statusCode).toBe(401);
    expect((await get('/auth/me', b)).statusCode).toBe(200);
    expect((await post('/auth/logout-others', b)).json()).toEqual({ ended: 1 });
    expect((await get('/auth/me', c)).statusCode).toBe(401);
    expect((await get('/auth/me', b)).statusCode).toBe(200);
    expect(await t.db.prisma.auditLog.count({ where: { action: { in: ['staff.logout', 'staff.logout_others'] } } })).toBeGreaterThanOrEqual(2);
  });

  it('disabling an account ends its sessions at once; a role change too', async () => {
    const admin = await staffHeader(t, 'admin');
    const victim = await makeUser();
    const token = await tokenFor(victim.username);
    expect((await get('/reports', token)).statusCode).toBe(200);
    const off = await t.app.inject({ method: 'POST', url: `/api/staff/users/${victim.id}/disable`, headers: admin });
    expect(off.statusCode, off.body).toBe(200);
    expect((await get('/reports', token)).statusCode).toBe(401);
    // re-enabled, it needs a new login; the old token stays dead
    await t.app.inject({ method: 'POST', url: `/api/staff/users/${victim.id}/enable`, headers: admin });
    expect((await get('/auth/me', token)).statusCode).toBe(401);
    const again = await tokenFor(victim.username);
    const put = await t.app.inject({ method: 'PUT', url: `/api/staff/users/${victim.id}`, headers: admin, payload: { displayName: 'x', role: 'tour_group', tourGroupId: null } });
    expect(put.statusCode).toBe(400); // a tour-group member needs a group
    const renamed = await t.app.inject({ method: 'PUT', url: `/api/staff/users/${victim.id}`, headers: admin, payload: { displayName: '改名', role: 'intake' } });
    expect(renamed.statusCode).toBe(200);
    expect((await get('/auth/me', again)).statusCode).toBe(200); // a new name is not a new identity
    const unit = await t.db.prisma.unit.create({ data: { code: `U${Date.now()}`, name: '测试单位', kind: 'department' } });
    await t.app.inject({ method: 'PUT', url: `/api/staff/users/${victim.id}`, headers: admin, payload: { displayName: '改名', role: 'unit_liaison', unitId: unit.id } });
    expect((await get('/auth/me', again)).statusCode).toBe(401);
  });

  it('a token without a session, a forged session id and a citizen token are refused', async () => {
    const { id } = await makeUser();
    const forged = t.app.jwt.sign({ sub: id, aud: 'staff', sid: '00000000-0000-4000-8000-000000000000' });
    expect((await get('/auth/me', forged)).statusCode).toBe(401);
    expect((await get('/auth/me', t.app.jwt.sign({ sub: id, aud: 'staff' }))).statusCode).toBe(401);
  });
});

describe('password rules', () => {
  it('first login must change the password; nothing else answers until then', async () => {
    const { username } = await makeUser('intake', { mustChangePassword: true });
    const res = await login({ username, password: TEST_PASSWORD });
    expect(res.json().user.pending).toBe('password_change');
    const token = res.json().token;
    const blocked = await get('/reports', token);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await get('/auth/me', token)).statusCode).toBe(200);
    const weak = await post('/auth/password', token, { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().issues.map((i: { path: string }) => i.path)).toEqual(['newPassword', 'newPassword']);
    const withName = await post('/auth/password', token, { currentPassword: TEST_PASSWORD, newPassword: `Ab1!${username}` });
    expect(withName.json().issues.map((i: { message: string }) => i.message)).toContain('密码不能包含用户名');
    const wrongCurrent = await post('/auth/password', token, { currentPassword: 'nope', newPassword: 'Good#Pass2026' });
    expect(wrongCurrent.json().issues[0]).toMatchObject({ path: 'currentPassword', message: '当前密码不正确' });
    const ok = await post('/auth/password', token, { currentPassword: TEST_PASSWORD, newPassword: 'Good#Pass2026' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().user.pending).toBeNull();
    expect((await get('/reports', token)).statusCode).toBe(200);
  });

  it('a new password may not repeat one of the last five; the change ends the other sessions', async () => {
    const { username } = await makeUser();
    const token = await tokenFor(username);
    const other = await tokenFor(username);
    const passwords = ['Hist#Pass2026a', 'Hist#Pass2026b', 'Hist#Pass2026c', 'Hist#Pass2026d', 'Hist#Pass2026e'];
    let current = TEST_PASSWORD;
    for (const p of passwords) {
      const r = await post('/auth/password', token, { currentPassword: current, newPassword: p });
      expect(r.statusCode, r.body).toBe(200);
      current = p;
    }
    expect((await get('/auth/me', other)).statusCode).toBe(401);
    expect((await get('/auth/me', token)).statusCode).toBe(200);
    const reuse = await post('/auth/password', token, { currentPassword: current, newPassword: 'Hist#Pass2026b' });
    expect(reuse.statusCode).toBe(400);
    expect(reuse.json().issues[0].message).toContain('最近 5 次');
    // the sixth-last (the original) is allowed again
    expect((await post('/auth/password', token, { currentPassword: current, newPassword: TEST_PASSWORD })).statusCode).toBe(200);
    expect(await t.db.prisma.staffPasswordHistory.count({ where: { user: { username } } })).toBe(5);
    // Seven password changes, each checked against up to five argon2id hashes (~40 hashes of 64 MiB each).
  }, 240_000);

  it('a password expires after 90 days: the login then asks for a change', async () => {
    const { username, id } = await makeUser();
    await t.db.prisma.staffUser.update({ where: { id }, data: { passwordChangedAt: new Date(now.getTime() - 89 * 86_400_000) } });
    expect((await login({ username, password: TEST_PASSWORD })).json().user.pending).toBeNull();
    await t.db.prisma.staffUser.update({ where: { id }, data: { passwordChangedAt: new Date(now.getTime() - 90 * 86_400_000) } });
    const res = await login({ username, password: TEST_PASSWORD });
    expect(res.json().user.pending).toBe('password_change');
    expect((await get('/reports', res.json().token)).json().code).toBe('PASSWORD_CHANGE_REQUIRED');
  });
});

describe('lockout and captcha', () => {
  async function solveCaptcha() {
    const c = (await t.app.inject({ url: '/api/staff/auth/captcha', remoteAddress: nextIp() })).json();
    expect(c.svg).toMatch(/^<svg/);
    // The answer is drawn as paths; the test stores an answer of its own in the captcha's place.
    await t.db.prisma.staffCaptcha.update({ where: { id: c.captchaId }, data: { answerHash: captchaAnswerHash(t.app.sealer, c.captchaId, 'abcd') } });
    return c.captchaId as string;
  }

  it('after 3 failures a captcha is needed, after 5 the account locks for 15 minutes; an unknown username looks the same', async () => {
    const { username } = await makeUser();
    const ghost = `ghost${Math.random().toString(36).slice(2, 8)}`;
    const trail: Record<string, unknown[]> = { [username]: [], [ghost]: [] };
    for (const name of [username, ghost]) {
      for (let i = 0; i < 3; i++) {
        const r = await login({ username: name, password: 'Wrong#1234' });
        trail[name]!.push([r.statusCode, r.json().code, r.json().message, r.json().details ?? null]);
      }
      const noCaptcha = await login({ username: name, password: TEST_PASSWORD });
      trail[name]!.push([noCaptcha.statusCode, noCaptcha.json().code]);
      const badCaptcha = await login({ username: name, password: TEST_PASSWORD, captchaId: await solveCaptcha(), captchaAnswer: 'zzzz' });
      trail[name]!.push([badCaptcha.statusCode, badCaptcha.json().code]);
      for (let i = 0; i < 2; i++) {
        const r = await login({ username: name, password: 'Wrong#1234', captchaId: await solveCaptcha(), captchaAnswer: 'ABCD' });
        trail[name]!.push([r.statusCode, r.json().code]);
      }
      const locked = await login({ username: name, password: TEST_PASSWORD });
      trail[name]!.push([locked.statusCode, locked.json().code, locked.json().message]);
    }
    expect(trail[username]).toEqual(trail[ghost]);
    expect(trail[username]).toEqual([
      [401, 'INVALID_CREDENTIALS', '用户名或密码错误', null],
      [401, 'INVALID_CREDENTIALS', '用户名或密码错误', null],
      [401, 'INVALID_CREDENTIALS', '用户名或密码错误', { captchaRequired: true }],
      [401, 'CAPTCHA_REQUIRED'],
      [401, 'CAPTCHA_INVALID'],
      [401, 'INVALID_CREDENTIALS'],
      [423, 'ACCOUNT_LOCKED'],
      [423, 'ACCOUNT_LOCKED', '登录失败次数过多，请 15 分钟后再试或联系管理员解锁'],
    ]);
    advance(15 * MIN);
    expect((await login({ username, password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('a captcha is spent by one answer', async () => {
    const { username } = await makeUser();
    for (let i = 0; i < 3; i++) await login({ username, password: 'Wrong#1234' });
    const id = await solveCaptcha();
    expect((await login({ username, password: TEST_PASSWORD, captchaId: id, captchaAnswer: 'abcd' })).statusCode).toBe(200);
    for (let i = 0; i < 3; i++) await login({ username, password: 'Wrong#1234' });
    expect((await login({ username, password: TEST_PASSWORD, captchaId: id, captchaAnswer: 'abcd' })).json().code).toBe('CAPTCHA_INVALID');
  });

  it('failures older than 15 minutes do not count; an administrator can unlock', async () => {
    const { username, id } = await makeUser();
    for (let i = 0; i < 2; i++) await login({ username, password: 'Wrong#1234' });
    advance(16 * MIN);
    for (let i = 0; i < 2; i++) await login({ username, password: 'Wrong#1234' });
    expect((await login({ username, password: TEST_PASSWORD })).statusCode).toBe(200); // 2 in the window: no captcha
    for (let i = 0; i < 5; i++) await login({ username, password: 'Wrong#1234', captchaId: i >= 3 ? await solveCaptcha() : undefined, captchaAnswer: i >= 3 ? 'abcd' : undefined });
    expect((await login({ username, password: TEST_PASSWORD })).statusCode).toBe(423);
    const admin = await staffHeader(t, 'admin');
    const list = await t.app.inject({ url: '/api/staff/users?status=locked', headers: admin });
    expect(list.json().items.map((u: { username: string }) => u.username)).toContain(username);
    const unlock = await t.app.inject({ method: 'POST', url: `/api/staff/users/${id}/unlock`, headers: admin });
    expect(unlock.json().account.lockedUntil).toBeNull();
    expect((await login({ username, password: TEST_PASSWORD })).statusCode).toBe(200);
    expect(await t.db.prisma.auditLog.count({ where: { action: 'staff_user.unlocked', entityId: id } })).toBe(1);
  });
});

describe('second factor (TOTP)', () => {
  it('admin without a second factor is taken to enrolment; enrolment by QR, recovery codes once; then login asks for the code', async () => {
    const { username, id } = await makeUser('admin');
    const first = await login({ username, password: TEST_PASSWORD });
    expect(first.json().user.pending).toBe('totp_enrolment');
    const token = first.json().token;
    expect((await get('/users', token)).json().code).toBe('TOTP_ENROLMENT_REQUIRED');
    const setup = await post('/auth/totp/setup', token);
    expect(setup.json()).toMatchObject({ secret: expect.stringMatching(/^[A-Z2-7]{16,}$/), otpauthUrl: expect.stringContaining('otpauth://totp/'), qrDataUrl: expect.stringMatching(/^data:image\/png;base64,/) });
    const secret: string = setup.json().secret;
    // stored sealed, never in the clear
    const row = await t.db.prisma.staffUser.findUniqueOrThrow({ where: { id } });
    expect(row.totpSecretSealed).not.toContain(secret);
    expect(t.app.sealer.open(row.totpSecretSealed!)).toBe(secret);
    expect((await post('/auth/totp/confirm', token, { code: '000000' })).statusCode).toBe(400);
    const confirm = await post('/auth/totp/confirm', token, { code: await totpCode(secret, now) });
    expect(confirm.statusCode, confirm.body).toBe(200);
    const codes: string[] = confirm.json().recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(confirm.json().user.pending).toBeNull();
    expect((await get('/users', token)).statusCode).toBe(200);
    const stored = await t.db.prisma.staffRecoveryCode.findMany({ where: { userId: id } });
    expect(stored.some((c) => codes.includes(c.codeHash))).toBe(false);

    // Next login: password, then the code.
    advance(MIN);
    const step1 = await login({ username, password: TEST_PASSWORD });
    expect(step1.json()).toMatchObject({ totpRequired: true, challenge: expect.any(String) });
    expect(step1.json().token).toBeUndefined();
    // the challenge is no bearer token
    expect((await get('/auth/me', step1.json().challenge)).statusCode).toBe(401);
    const totp = (payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/staff/auth/login/totp', payload, remoteAddress: nextIp() });
    expect((await totp({ challenge: step1.json().challenge, code: '123456' })).json().code).toBe('TOTP_INVALID');
    const code = await totpCode(secret, now);
    const step2 = await totp({ challenge: step1.json().challenge, code });
    expect(step2.statusCode, step2.body).toBe(200);
    expect((await get('/users', step2.json().token)).statusCode).toBe(200);
    // the same code is not accepted twice
    const again = await login({ username, password: TEST_PASSWORD });
    expect((await totp({ challenge: again.json().challenge, code })).json().code).toBe('TOTP_INVALID');
    // a recovery code works once
    expect((await totp({ challenge: again.json().challenge, code: codes[0] })).statusCode).toBe(200);
    const third = await login({ username, password: TEST_PASSWORD });
    expect((await totp({ challenge: third.json().challenge, code: codes[0] })).json().code).toBe('TOTP_INVALID');
    // the challenge lasts 5 minutes
    advance(6 * MIN);
    expect((await totp({ challenge: third.json().challenge, code: await totpCode(secret, now) })).json().code).toBe('CHALLENGE_EXPIRED');
  });

  it('optional for other roles; a required role cannot switch it off; an administrator can reset it', async () => {
    const { username } = await makeUser('intake');
    const token = (await login({ username, password: TEST_PASSWORD })).json().token;
    expect((await get('/reports', token)).statusCode).toBe(200);
    const secret = (await post('/auth/totp/setup', token)).json().secret;
    expect((await post('/auth/totp/confirm', token, { code: await totpCode(secret, now) })).statusCode).toBe(200);
    expect((await post('/auth/totp/disable', token, { password: 'wrong' })).statusCode).toBe(400);
    expect((await post('/auth/totp/disable', token, { password: TEST_PASSWORD })).json().user.totpEnabled).toBe(false);

    const sup = await makeUser('supervisor', { totpSecret: secret });
    const step1 = await login({ username: sup.username, password: TEST_PASSWORD });
    advance(MIN);
    const supToken = (
      await t.app.inject({ method: 'POST', url: '/api/staff/auth/login/totp', payload: { challenge: step1.json().challenge, code: await totpCode(secret, now) }, remoteAddress: nextIp() })
    ).json().token;
    expect((await post('/auth/totp/disable', supToken, { password: TEST_PASSWORD })).json().code).toBe('TOTP_REQUIRED_FOR_ROLE');
    const admin = await staffHeader(t, 'admin');
    const reset = await t.app.inject({ method: 'POST', url: `/api/staff/users/${sup.id}/reset-totp`, headers: admin });
    expect(reset.json().account.totpEnabled).toBe(false);
    expect((await get('/auth/me', supToken)).statusCode).toBe(401);
    expect((await login({ username: sup.username, password: TEST_PASSWORD })).json().user.pending).toBe('totp_enrolment');
  });
});
