// 评议 routes: evaluation campaigns, drafted, opened and closed by the leaders.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema, campaignBody, campaignListQuery, campaignListResponse, campaignStatusBody, campaignView } from '@msjd/shared';
import { idParams } from '@msjd/shared/common';
import { staffActor } from '../../../plugins/auth';
import { routeErrors as errors, tags, today } from '../common';
import { getCampaign, listCampaigns, saveCampaign, setCampaignStatus } from './service';

export const campaignRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/business/campaigns',
    { config: { permission: 'business.read' }, schema: { tags, summary: '评议列表', querystring: campaignListQuery, response: { 200: campaignListResponse, 403: apiErrorSchema } } },
    async (request) => listCampaigns(app.db.prisma, request.query, today(app)),
  );
  app.get(
    '/business/campaigns/:id',
    { config: { permission: 'business.read' }, schema: { tags, summary: '评议详情', params: idParams, response: { 200: campaignView, ...errors } } },
    async (request) => getCampaign(app.db.prisma, request.params.id, today(app)),
  );
  app.post(
    '/business/campaigns',
    { config: { permission: 'business.manage' }, schema: { tags, summary: '新建评议（未发布）', body: campaignBody, response: { 201: campaignView, ...errors } } },
    async (request, reply) => reply.status(201).send(await saveCampaign(app, request, staffActor(request).id, null, request.body, today(app))),
  );
  app.put(
    '/business/campaigns/:id',
    { config: { permission: 'business.manage' }, schema: { tags, summary: '修改评议（已有评价后范围不可改；已结束不可改）', params: idParams, body: campaignBody, response: { 200: campaignView, ...errors } } },
    async (request) => saveCampaign(app, request, staffActor(request).id, request.params.id, request.body, today(app)),
  );
  app.post(
    '/business/campaigns/:id/status',
    { config: { permission: 'business.manage' }, schema: { tags, summary: '发布（open）或结束（closed）评议', params: idParams, body: campaignStatusBody, response: { 200: campaignView, ...errors } } },
    async (request) => setCampaignStatus(app, request, request.params.id, request.body.status, today(app)),
  );
};
