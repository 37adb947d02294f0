// Bearer tokens for both audiences. A staff token names a server-side session (staff_session); every staff request
// checks that session is live and the account enabled, and takes role, unit and tour group from the account as it
// is now, so a change by an administrator applies at once. Citizen tokens carry only the citizen id. Which audience
// a route serves is decided by the scope it is registered in (see app.ts), never by URL.
import fastifyJwt from '@fastify/jwt';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { backgroundRequestHeader, sessionIdleDeadlineHeader, totpRequiredRoles, type StaffPendingStep, type StaffRole } from '@msjd/shared';
import type { Config } from '../config';
import { AppError } from '../errors';

export type StaffActor = {
  kind: 'staff';
  id: string;
  role: StaffRole;
  unitId: string | null;
  tourGroupId: string | null;
  /** the session the request came in on; absent for actors built outside a request (CLI, scheduler) */
  sessionId?: string;
};
export type CitizenActor = { kind: 'citizen'; id: string };
export type Actor = StaffActor | CitizenActor;

export const CITIZEN_TOKEN_TTL_S = 30 * 24 * 3600;
/** lastSeenAt is written at most this often per session: a request then costs one read, not a write too. */
export const SESSION_TOUCH_MS = 30_000;

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: { sub: string; aud: 'staff' | 'citizen' | 'staff-mfa'; sid?: string; until?: number };
    user: { sub: string; aud: 'staff' | 'citizen' | 'staff-mfa'; sid?: string; until?: number };
  }
}
declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
  interface FastifyInstance {
    /** onRequest hook of the staff scope: 401 without a live staff session. */
    authenticateStaff(request: FastifyRequest, reply: FastifyReply): Promise<void>;
    /** onRequest hook of the citizen scope: 401 without a valid citizen token. */
    authenticateCitizen(request: FastifyRequest, reply: FastifyReply): Promise<void>;
    signStaffToken(userId: string, sessionId: string): string;
    signCitizenToken(citizenId: string): string;
    sessionSettings: { idleMs: number; absoluteMs: number; passwordMaxAgeDays: number };
  }
  interface FastifyContextConfig {
    /** the route is reachable without a token inside an authenticated scope (e.g. login) */
    anonymous?: boolean;
    /** the route answers while the user still has this step to take (change password, enrol TOTP) */
    pendingAllowed?: readonly StaffPendingStep[];
  }
}

const unauthorized = (code = 'UNAUTHORIZED', message = '登录已失效，请重新登录') => new AppError('unauthenticated', code, message);

export interface AccountState {
  role: StaffRole;
  mustChangePassword: boolean;
  passwordChangedAt: Date;
  totpEnabledAt: Date | null;
}

/** What the user must do before anything else, in this order: change the password, then enrol the second factor. */
export function pendingStep(u: AccountState, now: Date, passwordMaxAgeDays: number): StaffPendingStep | null {
  if (u.mustChangePassword || now.getTime() - u.passwordChangedAt.getTime() >= passwordMaxAgeDays * 86_400_000) return 'password_change';
  if (totpRequiredRoles.includes(u.role) && !u.totpEnabledAt) return 'totp_enrolment';
  return null;
}

export default fp<{ config: Config }>(
  async (app, opts) => {
    const { idleMs, absoluteMs } = opts.config.session;
    await app.register(fastifyJwt, { secret: opts.config.jwtSecret });
    app.decorate('sessionSettings', { idleMs, absoluteMs, passwordMaxAgeDays: opts.config.passwordMaxAgeDays });

    app.decorate('signStaffToken', (userId: string, sessionId: string) =>
      app.jwt.sign({ sub: userId, aud: 'staff', sid: sessionId }, { expiresIn: Math.ceil(absoluteMs / 1000) }),
    );
    app.decorate('signCitizenToken', (id: string) => app.jwt.sign({ sub: id, aud: 'citizen' }, { expiresIn: CITIZEN_TOKEN_TTL_S }));

    async function endSession(id: string, reason: string, now: Date) {
      await app.db.prisma.staffSession.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now, revokedReason: reason } });
    }

    async function verifyStaff(request: FastifyRequest, reply: FastifyReply) {
      if (request.routeOptions.config?.anonymous) return;
      try {
        await request.jwtVerify();
      } catch {
        throw unauthorized();
      }
      const { sub, aud, sid } = request.user;
      if (aud !== 'staff' || !sid) throw unauthorized();
      const session = await app.db.prisma.staffSession.findUnique({
        where: { id: sid },
        select: {
          userId: true,
          lastSeenAt: true,
          expiresAt: true,
          revokedAt: true,
          revokedReason: true,
          user: {
            select: { role: true, unitId: true, tourGroupId: true, active: true, mustChangePassword: true, passwordChangedAt: true, totpEnabledAt: true },
          },
        },
      });
      if (!session || session.userId !== sub) throw unauthorized();
      // disabling ends the sessions at once; the open tab is told why rather than a bare 登录已失效
      if (session.revokedAt) throw session.revokedReason === 'disabled' ? unauthorized('ACCOUNT_DISABLED', '账号已停用，请联系管理员') : unauthorized();
      const now = app.clock.now();
      const user = session.user;
      if (!user.active) {
        await endSession(sid, 'disabled', now);
        throw unauthorized('ACCOUNT_DISABLED', '账号已停用，请联系管理员');
      }
      if (now >= session.expiresAt) {
        await endSession(sid, 'expired', now);
        throw unauthorized('SESSION_EXPIRED', '登录时间已达上限，请重新登录');
      }
      if (now.getTime() - session.lastSeenAt.getTime() >= idleMs) {
        await endSession(sid, 'idle', now);
        throw unauthorized('SESSION_IDLE', '长时间未操作，已自动退出，请重新登录');
      }
      let lastSeen = session.lastSeenAt;
      const background = request.headers[backgroundRequestHeader] === '1';
      if (!background && now.getTime() - lastSeen.getTime() >= SESSION_TOUCH_MS) {
        await app.db.prisma.staffSession.update({ where: { id: sid }, data: { lastSeenAt: now } });
        lastSeen = now;
      }
      const deadline = new Date(Math.min(lastSeen.getTime() + idleMs, session.expiresAt.getTime()));
      reply.header(sessionIdleDeadlineHeader, deadline.toISOString());

      request.actor = { kind: 'staff', id: sub, role: user.role, unitId: user.unitId, tourGroupId: user.tourGroupId, sessionId: sid };
      const pending = pendingStep(user, now, opts.config.passwordMaxAgeDays);
      if (pending && !request.routeOptions.config?.pendingAllowed?.includes(pending)) {
        throw pending === 'password_change'
          ? new AppError('forbidden', 'PASSWORD_CHANGE_REQUIRED', '请先修改密码')
          : new AppError('forbidden', 'TOTP_ENROLMENT_REQUIRED', '请先绑定两步验证');
      }
    }

    async function verifyCitizen(request: FastifyRequest) {
      if (request.routeOptions.config?.anonymous) return;
      try {
        await request.jwtVerify();
      } catch {
        throw unauthorized();
      }
      if (request.user.aud !== 'citizen') throw unauthorized();
      request.actor = { kind: 'citizen', id: request.user.sub };
    }
    app.decorate('authenticateStaff', verifyStaff);
    app.decorate('authenticateCitizen', verifyCitizen);
  },
  { name: 'auth', dependencies: ['database', 'clock'] },
);

export function staffActor(request: FastifyRequest): StaffActor {
  if (request.actor?.kind !== 'staff') throw unauthorized();
  return request.actor;
}
export function citizenActor(request: FastifyRequest): CitizenActor {
  if (request.actor?.kind !== 'citizen') throw unauthorized();
  return request.actor;
}
