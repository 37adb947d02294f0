// H5 实名 login by SMS code. A captcha (single use) before any code is sent; per number at most one code a minute and
// ten a Beijing day (counted from sms_code, so every instance sees the same count); a code is 6 digits, kept only as a
// keyed hash, lives 5 minutes, is spent by its first right answer and burnt by the 5th wrong one or by a newer code.
// The number itself is never stored in the clear here: rows carry its keyed hash, the citizen its sealed form.
import { randomInt, randomUUID } from 'node:crypto';
import svgCaptcha from 'svg-captcha';
import { SMS_CODE_LENGTH, SMS_CODE_TTL_S, SMS_DAILY_LIMIT, SMS_MAX_TRIES, SMS_RESEND_AFTER_S } from '@msjd/shared';
import type { PrismaClient } from '../../generated/prisma/client';
import { AppError, type ErrorKind } from '../../errors';
import type { Sealer } from '../../lib/sealing';
import type { SmsSender } from './tencent';

export interface SmsCtx {
  prisma: PrismaClient;
  sealer: Sealer;
  now: Date;
}

const CAPTCHA_TTL_MS = 5 * 60_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000; // China keeps no daylight saving time
const DAY_MS = 86_400_000;

const phoneHash = (sealer: Sealer, phone: string) => sealer.keyedHash(`sms-phone:${phone}`);
// the row id in the hash: the same code sent twice never hashes alike, and a hash says nothing without HASH_KEY
const codeHash = (sealer: Sealer, id: string, code: string) => sealer.keyedHash(`sms-code:${id}:${code}`);
/** Exported for tests, which put an answer of their own in a captcha's place (the picture is drawn as paths). */
export const captchaHash = (sealer: Sealer, id: string, answer: string) => sealer.keyedHash(`sms-captcha:${id}:${answer.trim().toLowerCase()}`);

/** Midnight Beijing time of the day `now` falls in. */
export function beijingDayStart(now: Date): Date {
  return new Date(Math.floor((now.getTime() + BEIJING_OFFSET_MS) / DAY_MS) * DAY_MS - BEIJING_OFFSET_MS);
}

/** 138****5678: enough to recognise one's own number, in logs and on screen. */
export const maskPhone = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

const fieldError = (kind: ErrorKind, code: string, path: string, message: string, details?: Record<string, unknown>) =>
  new AppError(kind, code, message, details, [{ path, code, message }]);

export async function createSmsCaptcha({ prisma, sealer, now }: SmsCtx) {
  const c = svgCaptcha.create({ size: 4, noise: 2, ignoreChars: '0oO1ilI', color: true, background: '#f5f5f5' });
  // expired captchas go here rather than by a timer: the table stays as small as the traffic
  await prisma.smsCaptcha.deleteMany({ where: { expiresAt: { lt: now } } });
  const id = randomUUID();
  await prisma.smsCaptcha.create({ data: { id, answerHash: captchaHash(sealer, id, c.text), expiresAt: new Date(now.getTime() + CAPTCHA_TTL_MS) } });
  return { captchaId: id, svg: c.data, expiresIn: CAPTCHA_TTL_MS / 1000 };
}

/** Spent by the first answer, right or wrong, so one picture cannot be guessed at. */
async function consumeCaptcha({ prisma, sealer, now }: SmsCtx, id: string, answer: string): Promise<boolean> {
  const row = await prisma.smsCaptcha.findUnique({ where: { id } });
  if (!row) return false;
  const { count } = await prisma.smsCaptcha.updateMany({ where: { id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  return count === 1 && sealer.hashEquals(row.answerHash, captchaHash(sealer, id, answer));
}

export async function sendLoginCode(ctx: SmsCtx, sender: SmsSender, input: { phone: string; captchaId: string; captchaAnswer: string }) {
  const { prisma, sealer, now } = ctx;
  if (!(await consumeCaptcha(ctx, input.captchaId, input.captchaAnswer))) {
    throw fieldError('invalid', 'CAPTCHA_WRONG', 'captchaAnswer', '图形验证码不正确或已失效，请看新图片重新输入');
  }
  const hash = phoneHash(sealer, input.phone);
  const code = String(randomInt(0, 10 ** SMS_CODE_LENGTH)).padStart(SMS_CODE_LENGTH, '0');
  const id = randomUUID();
  await prisma.$transaction(async (tx) => {
    // two requests for one number at once would both pass the once-a-minute check without this
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${hash}))`;
    const last = await tx.smsCode.findFirst({ where: { phoneHash: hash }, orderBy: { createdAt: 'desc' }, select: { createdAt: true } });
    const wait = last ? Math.ceil((last.createdAt.getTime() + SMS_RESEND_AFTER_S * 1000 - now.getTime()) / 1000) : 0;
    if (wait > 0) throw fieldError('rate_limited', 'SMS_TOO_FREQUENT', 'phone', `获取验证码太频繁，请 ${wait} 秒后再试`, { retryAfter: wait });
    const today = await tx.smsCode.count({ where: { phoneHash: hash, createdAt: { gte: beijingDayStart(now) } } });
    if (today >= SMS_DAILY_LIMIT) {
      throw fieldError('rate_limited', 'SMS_DAILY_LIMIT', 'phone', `该号码今天已获取 ${SMS_DAILY_LIMIT} 次验证码，请明天再试`);
    }
    // a newer code replaces any earlier one still open; rows older than two days are no longer counted
    await tx.smsCode.updateMany({ where: { phoneHash: hash, usedAt: null, burntAt: null }, data: { burntAt: now } });
    await tx.smsCode.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - 2 * DAY_MS) } } });
    await tx.smsCode.create({
      data: { id, phoneHash: hash, codeHash: codeHash(sealer, id, code), createdAt: now, expiresAt: new Date(now.getTime() + SMS_CODE_TTL_S * 1000) },
    });
  });
  try {
    await sender.sendLoginCode(input.phone, code, SMS_CODE_TTL_S / 60);
  } catch (err) {
    // the send still counts towards the limits (a failing number is no way round them), but its code can never work
    await prisma.smsCode.update({ where: { id }, data: { burntAt: now } });
    throw err;
  }
  return { expiresIn: SMS_CODE_TTL_S, resendIn: SMS_RESEND_AFTER_S };
}

/** Checks a code; on success it is spent and the number is returned for the login. */
export async function verifyLoginCode({ prisma, sealer, now }: SmsCtx, input: { phone: string; code: string }): Promise<void> {
  const hash = phoneHash(sealer, input.phone);
  const row = await prisma.smsCode.findFirst({
    where: { phoneHash: hash, usedAt: null, burntAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: 'desc' },
  });
  if (!row) throw fieldError('invalid', 'SMS_CODE_EXPIRED', 'code', '验证码已失效，请重新获取');
  if (sealer.hashEquals(row.codeHash, codeHash(sealer, row.id, input.code))) {
    // single use even when two answers race: only one of them sets used_at
    const { count } = await prisma.smsCode.updateMany({ where: { id: row.id, usedAt: null, burntAt: null }, data: { usedAt: now } });
    if (count === 1) return;
    throw fieldError('invalid', 'SMS_CODE_EXPIRED', 'code', '验证码已失效，请重新获取');
  }
  const { count } = await prisma.smsCode.updateMany({
    where: { id: row.id, usedAt: null, burntAt: null, attempts: { lt: SMS_MAX_TRIES } },
    data: { attempts: { increment: 1 } },
  });
  const after = await prisma.smsCode.findUniqueOrThrow({ where: { id: row.id }, select: { attempts: true } });
  if (count === 0 || after.attempts >= SMS_MAX_TRIES) {
    await prisma.smsCode.updateMany({ where: { id: row.id, burntAt: null }, data: { burntAt: now } });
    throw fieldError('invalid', 'SMS_CODE_BURNT', 'code', `验证码已输错 ${SMS_MAX_TRIES} 次，已失效，请重新获取`);
  }
  throw fieldError('invalid', 'SMS_CODE_WRONG', 'code', `验证码不正确，还可以再试 ${SMS_MAX_TRIES - after.attempts} 次`, { triesLeft: SMS_MAX_TRIES - after.attempts });
}
