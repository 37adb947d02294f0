import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditLogListResponse, auditLogQuery } from '@msjd/shared';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit-logs',
    {
      config: { permission: 'audit.read' },
      schema: { tags: ['审计'], summary: '审计日志（管理员、纪检干部）', querystring: auditLogQuery, response: { 200: auditLogListResponse } },
    },
    async (request) => {
      const { action, entity, entityId, page, pageSize } = request.query;
      const where = { ...(action ? { action } : {}), ...(entity ? { entity } : {}), ...(entityId ? { entityId } : {}) };
      const [rows, total] = await Promise.all([
        app.db.prisma.auditLog.findMany({ where, orderBy: { id: 'desc' }, skip: (page - 1) * pageSize, take: pageSize }),
        app.db.prisma.auditLog.count({ where }),
      ]);
      return {
        items: rows.map((r) => ({ ...r, id: String(r.id), at: r.at.toISOString() })),
        total,
        page,
        pageSize,
      };
    },
  );
};
