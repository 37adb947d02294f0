// The second factor: TOTP (RFC 6238, 30 s, 6 digits, SHA-1 — what every authenticator app reads from the QR code)
// with one-time recovery codes. The secret is stored sealed; recovery codes only as keyed hashes.
import { randomInt } from 'node:crypto';
import { generate, generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import type { Sealer } from '../../lib/sealing';

export const TOTP_ISSUER = '码上监督';
export const RECOVERY_CODE_COUNT = 10;
const RECOVERY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export const newTotpSecret = () => generateSecret();

export async function totpEnrolment(secret: string, username: string) {
  const otpauthUrl = generateURI({ issuer: TOTP_ISSUER, label: username, secret });
  return { secret, otpauthUrl, qrDataUrl: await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 220 }) };
}

/** The code an authenticator shows at `now` (tests and the demo banner use it). */
export const totpCode = (secret: string, now: Date) => generate({ secret, epoch: Math.floor(now.getTime() / 1000) });

/** The time step a code belongs to, when it is valid at `now` (one step of drift either way), else null. */
export async function totpStep(secret: string, code: string, now: Date): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({ secret, token: code, epoch: Math.floor(now.getTime() / 1000), epochTolerance: 30 });
  return result.valid && 'timeStep' in result && typeof result.timeStep === 'number' ? result.timeStep : null;
}

const normalizeRecovery = (code: string) => code.replace(/[\s-]/g, '').toUpperCase();
export const recoveryCodeHash = (sealer: Sealer, code: string) => sealer.keyedHash(`totp-recovery:${normalizeRecovery(code)}`);

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const s = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
    return `${s.slice(0, 5)}-${s.slice(5)}`;
  });
}

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * Checks a TOTP code or a recovery code for an enrolled user and spends it: a TOTP time step is never accepted
 * twice (replay), a recovery code only once.
 */
export async function checkSecondFactor(
  db: Db,
  sealer: Sealer,
  user: { id: string; totpSecretSealed: string | null; totpLastStep: number | null },
  code: string,
  now: Date,
): Promise<'totp' | 'recovery' | null> {
  if (!user.totpSecretSealed) return null;
  const trimmed = code.trim();
  if (/^\d{6}$/.test(trimmed)) {
    const step = await totpStep(sealer.open(user.totpSecretSealed), trimmed, now);
    if (step === null) return null;
    const { count } = await db.staffUser.updateMany({
      where: { id: user.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    return count === 1 ? 'totp' : null;
  }
  const { count } = await db.staffRecoveryCode.updateMany({
    where: { userId: user.id, codeHash: recoveryCodeHash(sealer, trimmed), usedAt: null },
    data: { usedAt: now },
  });
  return count === 1 ? 'recovery' : null;
}
