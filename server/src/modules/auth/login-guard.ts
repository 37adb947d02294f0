// Brute-force guard for staff login, keyed on the username as typed (lower-cased) whether or not it exists, so the
// answers for a real and an unknown username look the same: a captcha after 3 failures within 15 minutes, a
// 15-minute lock after 5. An administrator can lift a lock early (users module).
import svgCaptcha from 'svg-captcha';
import type { PrismaClient } from '../../generated/prisma/client';
import type { Sealer } from '../../lib/sealing';

export const FAILURE_WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;
export const CAPTCHA_AFTER = 3;
export const LOCK_AFTER = 5;
const CAPTCHA_TTL_MS = 5 * 60_000;

export const loginKey = (username: string) => username.trim().toLowerCase();

interface Ctx {
  prisma: PrismaClient;
  sealer: Sealer;
  now: Date;
}

export async function lockedUntil({ prisma, now }: Ctx, key: string): Promise<Date | null> {
  const lock = await prisma.staffLoginLock.findUnique({ where: { username: key } });
  return lock && lock.lockedUntil > now ? lock.lockedUntil : null;
}

export async function recentFailures({ prisma, now }: Ctx, key: string): Promise<number> {
  return prisma.staffLoginFailure.count({ where: { username: key, at: { gt: new Date(now.getTime() - FAILURE_WINDOW_MS) } } });
}

/** Records a failure; returns the failures now in the window and whether this one locked the username. */
export async function recordFailure(ctx: Ctx, key: string, ip: string | null): Promise<{ failures: number; locked: Date | null }> {
  const { prisma, now } = ctx;
  await prisma.staffLoginFailure.create({ data: { username: key, at: now, ip } });
  const failures = await recentFailures(ctx, key);
  if (failures < LOCK_AFTER) return { failures, locked: null };
  const until = new Date(now.getTime() + LOCK_MS);
  await prisma.$transaction([
    prisma.staffLoginLock.upsert({ where: { username: key }, create: { username: key, lockedUntil: until }, update: { lockedUntil: until } }),
    // The count starts again after the lock; otherwise the first try after it would lock again at once.
    prisma.staffLoginFailure.deleteMany({ where: { username: key } }),
  ]);
  return { failures, locked: until };
}

export async function clearFailures({ prisma }: Pick<Ctx, 'prisma'>, key: string) {
  await prisma.$transaction([prisma.staffLoginFailure.deleteMany({ where: { username: key } }), prisma.staffLoginLock.deleteMany({ where: { username: key } })]);
}

export const captchaAnswerHash = (sealer: Sealer, id: string, answer: string) => sealer.keyedHash(`captcha:${id}:${answer.trim().toLowerCase()}`);

export async function createCaptcha({ prisma, sealer, now }: Ctx) {
  const c = svgCaptcha.create({ size: 4, noise: 2, ignoreChars: '0oO1ilI', color: true, background: '#f5f5f5' });
  // Old captchas are removed here rather than by a timer: the table stays as small as the login traffic.
  await prisma.staffCaptcha.deleteMany({ where: { expiresAt: { lt: now } } });
  const id = crypto.randomUUID();
  await prisma.staffCaptcha.create({ data: { id, answerHash: captchaAnswerHash(sealer, id, c.text), expiresAt: new Date(now.getTime() + CAPTCHA_TTL_MS) } });
  return { captchaId: id, svg: c.data };
}

/** Single use: a captcha is spent by the first answer, right or wrong. */
export async function consumeCaptcha({ prisma, sealer, now }: Ctx, id: string, answer: string): Promise<boolean> {
  const row = await prisma.staffCaptcha.findUnique({ where: { id } });
  if (!row) return false;
  const { count } = await prisma.staffCaptcha.updateMany({ where: { id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  return count === 1 && sealer.hashEquals(row.answerHash, captchaAnswerHash(sealer, id, answer));
}

