// H5 实名 login by SMS code, against a local fake of 腾讯云短信 that checks signatures as the provider does: the signer,
// the provider's refusals, the captcha, the code's life (expiry by the injected clock, single use, burnt after five
// wrong answers or by a newer code), the per-number and per-address limits, and production mode (device login off,
// SMS login on, a 实名 report filed with its session). Nothing logs the code or the full number.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMS_DAILY_LIMIT } from '@msjd/shared';
import { buildApp } from '../../app';
import { loadConfig } from '../../config';
import { openStorage } from '../../plugins/storage';
import { createTestApp, type TestApp } from '../../test-support/app';
import { createTestDatabase } from '../../test-support/database';
import { testStorageEnv } from '../../test-support/storage';
import { startFakeTencentSms, type FakeTencentSms } from '../../test-support/fake-tencent-sms';
import { AppError } from '../../errors';
import { beijingDayStart, captchaHash } from './service';
import { SMS_IP_LIMITS } from './routes';
import { tencentSmsSender, tc3Authorization } from './tencent';
import { verifiedReporterPhone } from './reporter-phone';

let fake: FakeTencentSms;
beforeAll(async () => {
  fake = await startFakeTencentSms();
});
afterAll(async () => {
  await fake?.close();
});

const quietLog = { warn: () => undefined };
const senderCfg = () => ({
  secretId: fake.secretId,
  secretKey: fake.secretKey,
  sdkAppId: fake.sdkAppId,
  signName: fake.signName,
  templateId: fake.templateId,
  region: 'ap-guangzhou',
  endpoint: fake.endpoint,
});

async function refusal(p: Promise<unknown>) {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('腾讯云短信 client and TC3-HMAC-SHA256 signer', () => {
  it('signs a SendSms request the fake accepts, with the code and minutes as template parameters', async () => {
    const before = fake.sent.length;
    await tencentSmsSender(senderCfg(), quietLog).sendLoginCode('13800138000', '042917', 5);
    expect(fake.sent.slice(before)).toEqual([expect.objectContaining({ phone: '+8613800138000', params: ['042917', '5'], templateId: fake.templateId })]);
  });

  it('is refused for a wrong secret, a stale timestamp, and the provider says why in its own codes', async () => {
    const wrongKey = await refusal(tencentSmsSender({ ...senderCfg(), secretKey: 'not-the-key' }, quietLog).sendLoginCode('13800138000', '111111', 5));
    expect([wrongKey.status, wrongKey.code]).toEqual([502, 'SMS_SEND_FAILED']);
    expect(fake.refusals.at(-1)).toBe('AuthFailure.SignatureFailure');

    const stale = await refusal(tencentSmsSender(senderCfg(), quietLog, () => Date.now() - 10 * 60_000).sendLoginCode('13800138000', '111111', 5));
    expect(stale.code).toBe('SMS_SEND_FAILED');
    expect(fake.refusals.at(-1)).toBe('AuthFailure.SignatureExpire');

    fake.failNext('LimitExceeded.PhoneNumberDailyLimit');
    const limited = await refusal(tencentSmsSender(senderCfg(), quietLog).sendLoginCode('13800138000', '111111', 5));
    expect([limited.status, limited.code]).toEqual([429, 'SMS_PROVIDER_LIMIT']);

    const unreachable = await refusal(tencentSmsSender({ ...senderCfg(), endpoint: 'http://127.0.0.1:9' }, quietLog).sendLoginCode('13800138000', '111111', 5));
    expect([unreachable.status, unreachable.code]).toEqual([502, 'SMS_UNAVAILABLE']);
  });

  it('changes its signature with every signed part (payload, host, action, time)', () => {
    const base = { secretId: 'id', secretKey: 'key', service: 'sms', host: 'sms.tencentcloudapi.com', contentType: 'application/json; charset=utf-8', action: 'SendSms', payload: '{}', timestamp: 1551113065 };
    const sig = (over: Partial<typeof base>) => tc3Authorization({ ...base, ...over }).split('Signature=')[1];
    expect(tc3Authorization(base)).toMatch(/^TC3-HMAC-SHA256 Credential=id\/2019-02-25\/sms\/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=[0-9a-f]{64}$/);
    const all = [sig({}), sig({ payload: '{"a":1}' }), sig({ host: 'x' }), sig({ action: 'PullSmsSendStatus' }), sig({ timestamp: 1551113066 })];
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('SMS login routes', () => {
  let t: TestApp;
  let now = new Date('2026-12-01T02:00:00Z'); // 10:00 Beijing
  const logLines: string[] = [];
  let ipNo = 0;
  const ip = () => `10.9.${Math.floor(++ipNo / 250)}.${ipNo % 250}`;

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _enc, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    t = await createTestApp({ env: fake.env(), clock: { now: () => now }, logger: { level: 'trace', stream } });
  });
  afterAll(async () => {
    await t?.close();
  });
  const later = (seconds: number) => {
    now = new Date(now.getTime() + seconds * 1000);
  };

  /** A captcha whose answer the test knows: the picture is paths, so its stored answer is replaced. */
  async function captcha(answer = 'ab3d') {
    const res = await t.app.inject({ url: '/api/public/h5/captcha', remoteAddress: ip() });
    expect(res.statusCode, res.body).toBe(200);
    const { captchaId, svg } = res.json();
    expect(svg).toMatch(/^<svg/);
    await t.db.prisma.smsCaptcha.update({ where: { id: captchaId }, data: { answerHash: captchaHash(t.app.sealer, captchaId, answer) } });
    return captchaId as string;
  }
  const askCode = async (phone: string, opts: { captchaId?: string; answer?: string; from?: string } = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/public/h5/sms-code',
      remoteAddress: opts.from ?? ip(),
      payload: { phone, captchaId: opts.captchaId ?? (await captcha()), captchaAnswer: opts.answer ?? 'AB3D' },
    });
  const login = (phone: string, code: string) => t.app.inject({ method: 'POST', url: '/api/public/h5/sms-login', remoteAddress: ip(), payload: { phone, code } });
  const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  it('says SMS login is available', async () => {
    expect((await t.app.inject({ url: '/api/public/auth/options' })).json()).toEqual({ wechat: false, device: true, sms: true });
  });

  it('sends a 6-digit code after a right captcha, stores neither the code nor the number, and logs in once with it', async () => {
    const phone = '13900000001';
    const res = await askCode(phone);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ expiresIn: 300, resendIn: 60 });
    const code = fake.lastCode(phone)!;
    expect(code).toMatch(/^\d{6}$/);
    const rows = await t.db.prisma.smsCode.findMany();
    expect(JSON.stringify(rows)).not.toContain(phone);
    expect(JSON.stringify(rows)).not.toContain(code);

    const ok = await login(phone, code);
    expect(ok.statusCode, ok.body).toBe(200);
    const session = ok.json();
    expect(session.citizen.via).toBe('sms');
    const citizen = await t.db.prisma.citizen.findUniqueOrThrow({ where: { id: session.citizen.id } });
    expect(JSON.stringify(citizen)).not.toContain(phone);
    expect(t.app.sealer.open(citizen.phoneSealed!)).toBe(phone);
    // the session is a citizen session like the app's
    const mine = await t.app.inject({ url: '/api/public/reports/mine', headers: { authorization: `Bearer ${session.token}` } });
    expect(mine.statusCode, mine.body).toBe(200);

    // single use
    const again = await login(phone, code);
    expect([again.statusCode, again.json().code]).toEqual([400, 'SMS_CODE_EXPIRED']);

    // the same number is the same citizen next time
    later(61);
    await askCode(phone);
    const second = await login(phone, fake.lastCode(phone)!);
    expect(second.json().citizen.id).toBe(session.citizen.id);
  });

  it('asks for the captcha first, spends it on one answer, and sends nothing on a wrong one', async () => {
    const phone = '13900000002';
    const sentBefore = fake.sent.length;
    const none = await t.app.inject({ method: 'POST', url: '/api/public/h5/sms-code', remoteAddress: ip(), payload: { phone } });
    expect(none.statusCode).toBe(400);
    expect(none.json().issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['captchaId', 'captchaAnswer']));

    const id = await captcha('k7pq');
    const wrong = await askCode(phone, { captchaId: id, answer: 'zzzz' });
    expect([wrong.statusCode, wrong.json().code, wrong.json().message]).toEqual([400, 'CAPTCHA_WRONG', '图形验证码不正确或已失效，请看新图片重新输入']);
    const reused = await askCode(phone, { captchaId: id, answer: 'k7pq' });
    expect(reused.json().code).toBe('CAPTCHA_WRONG');

    const expiring = await captcha('k7pq');
    later(301);
    expect((await askCode(phone, { captchaId: expiring, answer: 'k7pq' })).json().code).toBe('CAPTCHA_WRONG');
    expect(fake.sent.length).toBe(sentBefore);

    const badPhone = await askCode('12345', {});
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.json().issues[0]).toMatchObject({ path: 'phone', message: '请输入 11 位手机号码' });
  });

  it('expires a code after 5 minutes (by the clock), and a newer code replaces an older one', async () => {
    const phone = '13900000003';
    await askCode(phone);
    const first = fake.lastCode(phone)!;
    later(301);
    expect((await login(phone, first)).json().code).toBe('SMS_CODE_EXPIRED');

    await askCode(phone);
    const older = fake.lastCode(phone)!;
    later(61);
    await askCode(phone);
    const newer = fake.lastCode(phone)!;
    if (older !== newer) expect((await login(phone, older)).json().code).toBe('SMS_CODE_WRONG');
    expect((await login(phone, newer)).statusCode).toBe(200);
  });

  it('burns a code on its 5th wrong answer, saying how many tries are left before', async () => {
    const phone = '13900000004';
    later(61);
    await askCode(phone);
    const code = fake.lastCode(phone)!;
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await login(phone, wrongCode(code))).json());
    expect(answers.map((a) => a.code)).toEqual(['SMS_CODE_WRONG', 'SMS_CODE_WRONG', 'SMS_CODE_WRONG', 'SMS_CODE_WRONG', 'SMS_CODE_BURNT']);
    expect(answers[0].message).toBe('验证码不正确，还可以再试 4 次');
    expect(answers[0].issues[0]).toMatchObject({ path: 'code' });
    expect((await login(phone, code)).json().code).toBe('SMS_CODE_EXPIRED');
  });

  it('sends one code a minute and ten a Beijing day per number', async () => {
    const phone = '13900000005';
    later(3600);
    expect((await askCode(phone)).statusCode).toBe(200);
    const soon = await askCode(phone);
    expect([soon.statusCode, soon.json().code]).toEqual([429, 'SMS_TOO_FREQUENT']);
    expect(soon.json().message).toMatch(/^获取验证码太频繁，请 \d+ 秒后再试$/);
    // another number is not held up by this one
    expect((await askCode('13900000006')).statusCode).toBe(200);

    // move to the start of a fresh Beijing day, then use the day up
    now = new Date(beijingDayStart(now).getTime() + 86_400_000 + 60_000);
    for (let i = 0; i < SMS_DAILY_LIMIT; i++) {
      const r = await askCode(phone);
      expect(r.statusCode, `send ${i + 1}: ${r.body}`).toBe(200);
      later(61);
    }
    const over = await askCode(phone);
    expect([over.statusCode, over.json().code]).toEqual([429, 'SMS_DAILY_LIMIT']);
    // Beijing midnight, not UTC's, starts the next day
    now = new Date(beijingDayStart(now).getTime() + 86_400_000);
    expect((await askCode(phone)).statusCode).toBe(200);
  });

  it('limits sending per client address', async () => {
    const from = '10.77.0.1';
    const codes: number[] = [];
    for (let i = 0; i <= SMS_IP_LIMITS.code.max; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/public/h5/sms-code', remoteAddress: from, payload: {} });
      codes.push(r.statusCode);
    }
    expect(codes.slice(0, -1).every((c) => c === 400)).toBe(true);
    const last = await t.app.inject({ method: 'POST', url: '/api/public/h5/sms-code', remoteAddress: from, payload: {} });
    expect([last.statusCode, last.json().code]).toEqual([429, 'RATE_LIMITED']);
  });

  it('a provider refusal costs the send and its code never works', async () => {
    const phone = '13900000007';
    later(3600);
    fake.failNext('FailedOperation.PhoneNumberInBlacklist');
    const refused = await askCode(phone);
    expect([refused.statusCode, refused.json().code]).toEqual([400, 'SMS_PHONE_REFUSED']);
    expect((await login(phone, '000000')).json().code).toBe('SMS_CODE_EXPIRED');
  });

  it('a 实名 report of a citizen verified by SMS carries the verified number: another is refused in Chinese and nothing is filed', async () => {
    const phone = '13900000077';
    await askCode(phone);
    const session = (await login(phone, fake.lastCode(phone)!)).json();
    const category = (await t.app.inject({ url: '/api/public/reports/categories' })).json().items[0].code;
    const file = (token: string, reporterPhone: string, remoteAddress = ip()) =>
      t.app.inject({
        method: 'POST',
        url: '/api/public/reports',
        remoteAddress,
        headers: { authorization: `Bearer ${token}` },
        payload: { category, content: '村里低保名单未经公示，村干部亲属违规享受低保。', confidential: false, reporterName: '王五', reporterPhone },
      });
    const before = await t.db.prisma.report.count();
    const other = await file(session.token, '13700000000');
    expect(other.statusCode, other.body).toBe(400);
    expect(other.json()).toMatchObject({
      code: 'REPORTER_PHONE_NOT_VERIFIED',
      message: expect.stringContaining('139****0077'),
      issues: [{ path: 'reporterPhone', code: 'REPORTER_PHONE_NOT_VERIFIED' }],
    });
    expect(other.body).not.toContain(phone);
    expect(await t.db.prisma.report.count()).toBe(before);

    const same = await file(session.token, phone);
    expect(same.statusCode, same.body).toBe(201);
    expect((await t.db.prisma.report.findUniqueOrThrow({ where: { id: same.json().id } })).citizenId).toBe(session.citizen.id);
    // a form that left the number out is given the verified one; another login's citizen keeps what it typed
    const ctx = { prisma: t.db.prisma, sealer: t.app.sealer };
    expect(await verifiedReporterPhone(ctx, session.citizen.id, undefined)).toBe(phone);
    expect(await verifiedReporterPhone(ctx, session.citizen.id, ` ${phone} `)).toBe(phone);
    const device = (await t.app.inject({ method: 'POST', url: '/api/public/auth/device', remoteAddress: ip(), payload: { deviceId: 'smsTestDevice0123456789' } })).json();
    expect(await verifiedReporterPhone(ctx, device.citizen.id, '0371-66881001')).toBe('0371-66881001');
    const typedByDevice = await file(device.token, '13700000000');
    expect(typedByDevice.statusCode, typedByDevice.body).toBe(201);
  });

  it('never logs a code or a full number', () => {
    const log = logLines.join('\n');
    expect(log).toContain('/api/public/h5/sms-code');
    for (const s of fake.sent) {
      expect(log).not.toContain(s.phone.slice(3));
      expect(log).not.toContain(s.params[0]);
    }
  });
});

describe('without an SMS provider', () => {
  it('says so and refuses the SMS routes in Chinese', async () => {
    const t = await createTestApp();
    try {
      expect((await t.app.inject({ url: '/api/public/auth/options' })).json()).toMatchObject({ sms: false });
      const res = await t.app.inject({ url: '/api/public/h5/captcha' });
      expect([res.statusCode, res.json().code]).toEqual([403, 'SMS_LOGIN_DISABLED']);
      expect(res.json().message).toContain('保密反映');
    } finally {
      await t.close();
    }
  });
});

describe('production mode', () => {
  it('refuses device login but logs in by SMS code, and that session files a 实名 report', async () => {
    const key = () => randomBytes(32).toString('base64');
    // the production config as a deployment sets it; the database and object storage are the tests' own
    const dataDir = mkdtempSync(path.join(tmpdir(), 'msjd-prod-'));
    const config = loadConfig({}, {
      ...fake.env(),
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      SERVE_STATIC: 'false',
      RETENTION_DAILY_AT: 'off',
      JWT_SECRET: randomBytes(32).toString('hex'),
      IDENTITY_KEYS: `k1:${key()}`,
      HASH_KEY: key(),
      DATABASE_URL: 'postgres://unused@127.0.0.1/unused',
      S3_ENDPOINT: 'http://127.0.0.1:1',
      S3_ACCESS_KEY: 'unused',
      S3_SECRET_KEY: 'unused',
    });
    expect(config.deviceLogin).toBe(false);
    const [db, storage] = await Promise.all([createTestDatabase(), openStorage(loadConfig({}, { NODE_ENV: 'test', DATA_DIR: dataDir, ...testStorageEnv() }))]);
    const app = await buildApp({ config, db, storage, logger: false });
    const t = { app, db, close: async () => (await app.close(), await Promise.all([db.close(), storage.close()]), rmSync(dataDir, { recursive: true, force: true })) };
    try {
      expect((await t.app.inject({ url: '/api/public/auth/options' })).json()).toEqual({ wechat: false, device: false, sms: true });
      const device = await t.app.inject({ method: 'POST', url: '/api/public/auth/device', payload: { deviceId: 'abcdefghijklmnop1234' } });
      expect([device.statusCode, device.json().code]).toEqual([403, 'DEVICE_LOGIN_DISABLED']);

      const phone = '13900000099';
      const c = (await t.app.inject({ url: '/api/public/h5/captcha' })).json();
      await t.db.prisma.smsCaptcha.update({ where: { id: c.captchaId }, data: { answerHash: captchaHash(t.app.sealer, c.captchaId, 'wxyz') } });
      const sent = await t.app.inject({ method: 'POST', url: '/api/public/h5/sms-code', payload: { phone: `+86 ${phone}`, captchaId: c.captchaId, captchaAnswer: 'WXYZ' } });
      expect(sent.statusCode, sent.body).toBe(200);
      const session = (await t.app.inject({ method: 'POST', url: '/api/public/h5/sms-login', payload: { phone, code: fake.lastCode(phone) } })).json();
      expect(session.citizen.via).toBe('sms');

      const category = (await t.app.inject({ url: '/api/public/reports/categories' })).json().items[0].code;
      const report = await t.app.inject({
        method: 'POST',
        url: '/api/public/reports',
        headers: { authorization: `Bearer ${session.token}` },
        payload: { category, content: '村里低保名单未经公示，村干部亲属违规享受低保。', confidential: false, reporterName: '李四', reporterPhone: phone },
      });
      expect(report.statusCode, report.body).toBe(201);
      const stored = await t.db.prisma.report.findUniqueOrThrow({ where: { id: report.json().id } });
      expect(stored.citizenId).toBe(session.citizen.id);
    } finally {
      await t.close();
    }
  });
});
