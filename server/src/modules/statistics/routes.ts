// 统计分析 routes (staff scope): the figures for a period with the previous period, and each table as XLSX.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema, statisticsExportQuery, statisticsQuery, statisticsResponse, statisticsTableLabels } from '@msjd/shared';
import { toShanghaiDate } from '../calendar';
import { contentDisposition } from '../posters';
import { computeStatistics } from './service';
import { statisticsWorkbook } from './workbook';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const statisticsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/statistics',
    {
      config: { permission: 'statistics.overview' },
      schema: {
        tags: ['统计分析'],
        summary: '统计分析：举报按状态/类别/渠道/单位/乡镇/月份，受理与答复按时率、超期率、满意率、重办率，预警按模型和阶段、查实率、问责与追回资金（含上期对比）',
        querystring: statisticsQuery,
        response: { 200: statisticsResponse, 400: apiErrorSchema, 403: apiErrorSchema },
      },
    },
    async (request) => computeStatistics(app.db.sql, request.query, toShanghaiDate(app.clock.now())),
  );

  app.get(
    '/statistics/export',
    {
      config: { permission: 'statistics.overview' },
      schema: { tags: ['统计分析'], summary: '导出一张统计表（XLSX，与页面相同的数字，记入审计日志）', querystring: statisticsExportQuery },
    },
    async (request, reply) => {
      const { table, from, to } = request.query;
      const stats = await computeStatistics(app.db.sql, { from, to }, toShanghaiDate(app.clock.now()));
      await app.audit(request, { action: 'statistics.export', entity: 'statistics', detail: { table, from, to } });
      return reply
        .headers({
          'content-type': XLSX,
          'content-disposition': contentDisposition(`${statisticsTableLabels[table]}_${from.replaceAll('-', '')}-${to.replaceAll('-', '')}.xlsx`),
          'cache-control': 'no-store',
        })
        .send(await statisticsWorkbook(stats, table));
    },
  );
};
