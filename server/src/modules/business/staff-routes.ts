// Staff routes of 营商环境监督 (/api/staff/business/...), one file per sub-resource next to its service: 进驻管理
// (units), 事项管理 with XLSX import (items), 监测点 (points), 企业 (enterprises), 评议 (campaigns), 监测评价 with
// 申诉复核 (evaluations), 涉诉办理 (complaints; the cases themselves are handled as reports), 统计分析 with XLSX
// export (stats).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { campaignRoutes } from './campaigns/routes';
import { complaintRoutes } from './complaints/routes';
import { enterpriseRoutes } from './enterprises/routes';
import { evaluationRoutes } from './evaluations/routes';
import { itemRoutes } from './items/routes';
import { pointRoutes } from './points/routes';
import { statsRoutes } from './stats/routes';
import { unitRoutes } from './units/routes';

export const staffBusinessRoutes: FastifyPluginAsyncZod = async (app) => {
  for (const routes of [unitRoutes, itemRoutes, pointRoutes, enterpriseRoutes, campaignRoutes, evaluationRoutes, complaintRoutes, statsRoutes]) {
    await app.register(routes);
  }
};
