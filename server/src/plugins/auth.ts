// Bearer tokens for both audiences. Staff tokens carry role, unit and tour group; citizen tokens carry only the
// citizen id. Which audience a route serves is decided by the scope it is registered in (see app.ts), never by URL.
import fastifyJwt from '@fastify/jwt';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StaffRole } from '@msjd/shared';
import type { Config } from '../config';
import { DomainError } from '../errors';

export type StaffActor = { kind: 'staff'; id: string; role: StaffRole; unitId: string | null; tourGroupId: string | null };
export type CitizenActor = { kind: 'citizen'; id: string };
export type Actor = StaffActor | CitizenActor;

export const STAFF_TOKEN_TTL_S = 8 * 3600;
export const CITIZEN_TOKEN_TTL_S = 30 * 24 * 3600;

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: { sub: string; aud: 'staff' | 'citizen'; role?: StaffRole; unitId?: string | null; tourGroupId?: string | null };
    user: { sub: string; aud: 'staff' | 'citizen'; role?: StaffRole; unitId?: string | null; tourGroupId?: string | null };
  }
}
declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
  interface FastifyInstance {
    /** onRequest hook of the staff scope: 401 without a valid staff token. */
    authenticateStaff(request: FastifyRequest, reply: FastifyReply): Promise<void>;
    /** onRequest hook of the citizen scope: 401 without a valid citizen token. */
    authenticateCitizen(request: FastifyRequest, reply: FastifyReply): Promise<void>;
    signStaffToken(actor: StaffActor): string;
    signCitizenToken(citizenId: string): string;
  }
  interface FastifyContextConfig {
    /** the route is reachable without a token inside an authenticated scope (e.g. login) */
    anonymous?: boolean;
    /** staff roles allowed; absent = every staff role */
    roles?: readonly StaffRole[];
  }
}

const unauthorized = () => new DomainError(401, 'UNAUTHORIZED', '登录已失效，请重新登录');

export default fp<{ config: Config }>(
  async (app, opts) => {
    await app.register(fastifyJwt, { secret: opts.config.jwtSecret });

    app.decorate('signStaffToken', (a: StaffActor) =>
      app.jwt.sign({ sub: a.id, aud: 'staff', role: a.role, unitId: a.unitId, tourGroupId: a.tourGroupId }, { expiresIn: STAFF_TOKEN_TTL_S }),
    );
    app.decorate('signCitizenToken', (id: string) => app.jwt.sign({ sub: id, aud: 'citizen' }, { expiresIn: CITIZEN_TOKEN_TTL_S }));

    async function verify(request: FastifyRequest, aud: 'staff' | 'citizen') {
      if (request.routeOptions.config?.anonymous) return;
      try {
        await request.jwtVerify();
      } catch {
        throw unauthorized();
      }
      const u = request.user;
      if (u.aud !== aud) throw unauthorized();
      request.actor =
        aud === 'staff'
          ? { kind: 'staff', id: u.sub, role: u.role!, unitId: u.unitId ?? null, tourGroupId: u.tourGroupId ?? null }
          : { kind: 'citizen', id: u.sub };
      const roles = request.routeOptions.config?.roles;
      if (aud === 'staff' && roles && !roles.includes(u.role!)) {
        throw new DomainError(403, 'FORBIDDEN', '当前角色无权执行此操作');
      }
    }
    app.decorate('authenticateStaff', async (request: FastifyRequest) => verify(request, 'staff'));
    app.decorate('authenticateCitizen', async (request: FastifyRequest) => verify(request, 'citizen'));
  },
  { name: 'auth' },
);

export function staffActor(request: FastifyRequest): StaffActor {
  if (request.actor?.kind !== 'staff') throw unauthorized();
  return request.actor;
}
export function citizenActor(request: FastifyRequest): CitizenActor {
  if (request.actor?.kind !== 'citizen') throw unauthorized();
  return request.actor;
}
