// Server-side staff sessions: created at login, ended by logout, by an administrator's change to the account, or
// by the checks in plugins/auth.ts (idle, absolute end, account disabled).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Prisma } from '../../generated/prisma/client';

type SessionWriter = Pick<Prisma.TransactionClient, 'staffSession'>;

export type SessionEndReason =
  | 'logout'
  | 'logout_others'
  | 'disabled'
  | 'role_changed'
  | 'password_changed'
  | 'password_reset'
  | 'totp_reset';

export async function startStaffSession(app: FastifyInstance, request: FastifyRequest, userId: string) {
  const now = app.clock.now();
  const { absoluteMs, idleMs } = app.sessionSettings;
  const session = await app.db.prisma.staffSession.create({
    data: {
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + absoluteMs),
      ip: request.ip,
      userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
    },
  });
  return { sessionId: session.id, token: app.signStaffToken(userId, session.id), expiresIn: Math.ceil(absoluteMs / 1000), idleTimeout: Math.round(idleMs / 1000) };
}

/** Ends every live session of the user (but `except`, the caller's own, when given); returns how many. */
export async function endStaffSessions(db: SessionWriter, userId: string, reason: SessionEndReason, now: Date, except?: string) {
  const { count } = await db.staffSession.updateMany({
    where: { userId, revokedAt: null, ...(except ? { id: { not: except } } : {}) },
    data: { revokedAt: now, revokedReason: reason },
  });
  return count;
}
