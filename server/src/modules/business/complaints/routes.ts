// 涉诉办理 routes: the cases opened from bad ratings and enterprise complaints (handled as reports in 线索受理).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema, complaintListQuery, complaintListResponse, complaintView } from '@msjd/shared';
import { idParams } from '@msjd/shared/common';
import { staffActor } from '../../../plugins/auth';
import { routeErrors as errors, tags, today, unitScope } from '../common';
import { getComplaint, listComplaints } from './service';

export const complaintRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/business/complaints',
    { config: { permission: 'business.read' }, schema: { tags, summary: '涉诉案件（差评整改、企业投诉；办理在线索受理中进行）', querystring: complaintListQuery, response: { 200: complaintListResponse, 403: apiErrorSchema } } },
    async (request) => listComplaints(app, unitScope(staffActor(request)), request.query, today(app)),
  );
  app.get(
    '/business/complaints/:id',
    { config: { permission: 'business.read' }, schema: { tags, summary: '涉诉案件详情（办理过程见对应举报）', params: idParams, response: { 200: complaintView, ...errors } } },
    async (request) => getComplaint(app, unitScope(staffActor(request)), request.params.id, today(app)),
  );
};
