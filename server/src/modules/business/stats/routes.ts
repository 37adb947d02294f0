// 统计分析 routes: the business environment figures, and one table of them as XLSX.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { businessStats, businessStatsExportQuery, businessStatsQuery, businessStatsTableLabels } from '@msjd/shared';
import { contentDisposition } from '../../posters';
import { routeErrors as errors, tags, today, XLSX_TYPE } from '../common';
import { computeStats, statsWorkbook } from './service';

export const statsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/business/stats',
    { config: { permission: 'statistics.read' }, schema: { tags, summary: '营商环境统计（满意率不含申诉成立的评价）', querystring: businessStatsQuery, response: { 200: businessStats, ...errors } } },
    async (request) => computeStats(app, request.query, today(app)),
  );
  app.get(
    '/business/stats/export',
    { config: { permission: 'statistics.read' }, schema: { tags, summary: '导出一张统计表（XLSX）', querystring: businessStatsExportQuery } },
    async (request, reply) => {
      const { table, ...q } = request.query;
      const stats = await computeStats(app, q, today(app));
      await app.audit(request, { action: 'business.stats.export', entity: 'business_stats', detail: { table, ...q } });
      const period = q.from || q.to ? `_${(q.from ?? '').replaceAll('-', '')}-${(q.to ?? '').replaceAll('-', '')}` : '';
      return reply
        .headers({ 'content-type': XLSX_TYPE, 'content-disposition': contentDisposition(`${businessStatsTableLabels[table]}${period}.xlsx`), 'cache-control': 'no-store' })
        .send(await statsWorkbook(stats, table));
    },
  );
};
