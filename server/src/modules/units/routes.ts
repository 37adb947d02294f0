import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { unitListQuery, unitListResponse } from '@msjd/shared';
import type { Prisma } from '../../generated/prisma/client';

export const unitRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/units',
    { config: { permission: 'unit.read' }, schema: { tags: ['单位'], summary: '单位列表', querystring: unitListQuery, response: { 200: unitListResponse } } },
    async (request) => {
      const { q, kind, page, pageSize } = request.query;
      const where: Prisma.UnitWhereInput = {
        ...(kind ? { kind } : {}),
        ...(q ? { OR: [{ name: { contains: q } }, { code: { contains: q } }] } : {}),
      };
      const [items, total] = await Promise.all([
        app.db.prisma.unit.findMany({ where, orderBy: { code: 'asc' }, skip: (page - 1) * pageSize, take: pageSize }),
        app.db.prisma.unit.count({ where }),
      ]);
      return {
        items: items.map((u) => ({ id: u.id, code: u.code, name: u.name, kind: u.kind, onboard: u.onboard, parentId: u.parentId })),
        total,
        page,
        pageSize,
      };
    },
  );
};
