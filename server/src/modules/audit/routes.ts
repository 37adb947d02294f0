// 审计日志: the auditor's alone (三员分立, see lib/permissions.ts). Exporting is itself audited.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema, auditLogFilter, auditLogListResponse, auditLogQuery } from '@msjd/shared';
import { AppError } from '../../errors';
import { contentDisposition } from '../posters';
import { AUDIT_EXPORT_MAX_ROWS, exportAudit, listAudit } from './service';
import { shanghaiDay } from '@msjd/shared/common';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit-logs',
    {
      config: { permission: 'audit.read' },
      schema: { tags: ['审计'], summary: '审计日志（审计管理员）：按操作人、操作、对象、时间筛选', querystring: auditLogQuery, response: { 200: auditLogListResponse, 400: apiErrorSchema } },
    },
    async (request) => listAudit(app.db, request.query),
  );

  app.get(
    '/audit-logs/export.xlsx',
    {
      config: { permission: 'audit.export' },
      schema: { tags: ['审计'], summary: '导出审计日志（XLSX，与列表相同的筛选；导出本身记入审计日志）', querystring: auditLogFilter },
    },
    async (request, reply) => {
      const result = await exportAudit(app.db, request.query);
      if ('tooMany' in result) {
        throw new AppError('invalid', 'EXPORT_TOO_LARGE', `符合条件的审计记录超过 ${AUDIT_EXPORT_MAX_ROWS} 条，请缩小筛选范围后再导出`);
      }
      await app.audit(request, { action: 'audit.export', entity: 'audit_log', detail: { filters: request.query, rows: result.rows } });
      const day = shanghaiDay(app.clock.now()).replaceAll('-', '');
      return reply
        .headers({
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'content-disposition': contentDisposition(`审计日志_${day}.xlsx`),
        })
        .send(result.buffer);
    },
  );
};
