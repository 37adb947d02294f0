// A 实名 report filed by a citizen who logged in by SMS code carries the number that code proved: the 联系电话 staff
// call back on is then known to reach the reporter, and an H5 session cannot file under a stranger's number. Citizens
// who logged in otherwise (WeChat, device) type whatever number they like; this check leaves them alone.
import type { PrismaClient } from '../../generated/prisma/client';
import { AppError } from '../../errors';
import type { Sealer } from '../../lib/sealing';
import { maskPhone } from './service';

interface CitizenLogin {
  via: string;
  phoneSealed: string | null;
}

// A citizen's way of login and number never change after the row is created (an SMS citizen *is* its number), so
// they are kept in process: the submit path pays the read once per citizen, not once per report. Bounded, oldest
// dropped first; the numbers in it stay sealed.
const CACHE_MAX = 5000;
const logins = new Map<string, CitizenLogin | null>();

async function citizenLogin(prisma: PrismaClient, citizenId: string): Promise<CitizenLogin | null> {
  if (logins.has(citizenId)) return logins.get(citizenId)!;
  const row = await prisma.citizen.findUnique({ where: { id: citizenId }, select: { via: true, phoneSealed: true } });
  // an unknown id is not remembered: the submit that follows fails on it anyway, and a later row would be missed
  if (!row) return null;
  if (logins.size >= CACHE_MAX) logins.delete(logins.keys().next().value!);
  logins.set(citizenId, row);
  return row;
}

export const REPORTER_PHONE_NOT_VERIFIED = 'REPORTER_PHONE_NOT_VERIFIED';

/**
 * The 联系电话 a 实名 report must carry: for a citizen verified by SMS, the verified number (filled in when the form
 * left it empty; any other number refused with a 400 naming the field); for anyone else, what they typed.
 */
export async function verifiedReporterPhone(
  ctx: { prisma: PrismaClient; sealer: Sealer },
  citizenId: string,
  reporterPhone: string | undefined,
): Promise<string | undefined> {
  const login = await citizenLogin(ctx.prisma, citizenId);
  if (!login || login.via !== 'sms' || !login.phoneSealed) return reporterPhone;
  const verified = ctx.sealer.open(login.phoneSealed);
  const typed = reporterPhone?.trim();
  if (!typed || typed === verified) return verified;
  const message = `实名反映的联系电话须为您短信验证过的号码（${maskPhone(verified)}）；要留其他号码，请先用该号码获取验证码并验证`;
  throw new AppError('invalid', REPORTER_PHONE_NOT_VERIFIED, message, undefined, [{ path: 'reporterPhone', code: REPORTER_PHONE_NOT_VERIFIED, message }]);
}
