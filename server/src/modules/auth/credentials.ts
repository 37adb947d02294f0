import type { Prisma } from '../../generated/prisma/client';
import { PASSWORD_HISTORY_DEPTH } from './password-policy';

/** Sets a new password hash and keeps it in the history (only the last five are kept). */
export async function setPassword(
  tx: Prisma.TransactionClient,
  userId: string,
  passwordHash: string,
  now: Date,
  mustChange: boolean,
) {
  await tx.staffUser.update({ where: { id: userId }, data: { passwordHash, passwordChangedAt: now, mustChangePassword: mustChange } });
  await tx.staffPasswordHistory.create({ data: { userId, passwordHash, createdAt: now } });
  const keep = await tx.staffPasswordHistory.findMany({ where: { userId }, orderBy: { createdAt: 'desc' }, take: PASSWORD_HISTORY_DEPTH, select: { id: true } });
  await tx.staffPasswordHistory.deleteMany({ where: { userId, id: { notIn: keep.map((k) => k.id) } } });
}
