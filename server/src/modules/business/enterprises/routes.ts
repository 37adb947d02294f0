// 企业 routes: the enterprises bound to monitoring points; their contacts are sealed and shown only with a reason.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema, enterpriseContacts, enterpriseListQuery, enterpriseListResponse, enterpriseRevealBody, enterpriseUpdateBody, enterpriseView } from '@msjd/shared';
import { idParams } from '@msjd/shared/common';
import { unitLimit } from '../../../plugins/permissions';
import { staffActor } from '../../../plugins/auth';
import { routeErrors as errors, tags } from '../common';
import { getEnterprise, listEnterprises, revealContacts, updateEnterprise } from './service';

export const enterpriseRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/business/enterprises',
    { config: { permission: 'business.point.read' }, schema: { tags, summary: '企业列表（不含联系人）', querystring: enterpriseListQuery, response: { 200: enterpriseListResponse, 403: apiErrorSchema } } },
    async (request) => listEnterprises(app.db.prisma, unitLimit(request), request.query),
  );
  app.get(
    '/business/enterprises/:id',
    { config: { permission: 'business.point.read' }, schema: { tags, summary: '企业详情', params: idParams, response: { 200: enterpriseView, ...errors } } },
    async (request) => getEnterprise(app.db.prisma, unitLimit(request), request.params.id),
  );
  app.put(
    '/business/enterprises/:id',
    { config: { permission: 'business.point.manage' }, schema: { tags, summary: '修改企业名称或所属监测点', params: idParams, body: enterpriseUpdateBody, response: { 200: enterpriseView, ...errors } } },
    async (request) => updateEnterprise(app, request, request.params.id, request.body),
  );
  app.post(
    '/business/enterprises/:id/contacts/reveal',
    {
      config: { permission: 'business.contact.reveal' },
      schema: { tags, summary: '查看企业联系人（须填写原因，记入审计日志）', params: idParams, body: enterpriseRevealBody, response: { 200: enterpriseContacts, ...errors } },
    },
    async (request) => revealContacts(app, request, staffActor(request), request.params.id, request.body.reason),
  );
};
