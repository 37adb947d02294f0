import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema, staffLoginBody, staffLoginResponse, staffUserSchema } from '@msjd/shared';
import { staffActor, STAFF_TOKEN_TTL_S } from '../../plugins/auth';
import { DomainError } from '../../errors';
import { verifyPassword } from './password';

export const staffAuthRoutes: FastifyPluginAsyncZod = async (app) => {
  const toUser = (u: { id: string; username: string; displayName: string; role: string; unitId: string | null; tourGroupId: string | null; unit: { name: string } | null }) =>
    staffUserSchema.parse({ ...u, unitName: u.unit?.name ?? null });

  app.post(
    '/auth/login',
    {
      config: { permission: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['工作人员认证'],
        summary: '工作人员登录',
        body: staffLoginBody,
        response: { 200: staffLoginResponse, 401: apiErrorSchema },
      },
    },
    async (request) => {
      const { username, password } = request.body;
      const user = await app.db.prisma.staffUser.findUnique({ where: { username }, include: { unit: { select: { name: true } } } });
      const ok = await verifyPassword(user?.passwordHash, password);
      if (!user || !ok || !user.active) {
        await app.audit(request, { action: 'staff.login_failed', entity: 'staff_user', entityId: user?.id ?? null, detail: { username } });
        throw new DomainError(401, 'INVALID_CREDENTIALS', '用户名或密码错误');
      }
      await app.db.prisma.staffUser.update({ where: { id: user.id }, data: { lastLoginAt: app.clock.now() } });
      const actor = { kind: 'staff' as const, id: user.id, role: user.role, unitId: user.unitId, tourGroupId: user.tourGroupId };
      request.actor = actor;
      await app.audit(request, { action: 'staff.login', entity: 'staff_user', entityId: user.id });
      return { token: app.signStaffToken(actor), expiresIn: STAFF_TOKEN_TTL_S, user: toUser(user) };
    },
  );

  app.get(
    '/auth/me',
    { config: { permission: 'session.self' }, schema: { tags: ['工作人员认证'], summary: '当前登录用户', response: { 200: z.object({ user: staffUserSchema }) } } },
    async (request) => {
      const actor = staffActor(request);
      const user = await app.db.prisma.staffUser.findUnique({ where: { id: actor.id }, include: { unit: { select: { name: true } } } });
      if (!user || !user.active) throw new DomainError(401, 'UNAUTHORIZED', '登录已失效，请重新登录');
      return { user: toUser(user) };
    },
  );
};
