// 监测点 routes: the points, their enterprises and their invite codes.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema, monitoringPointBody, monitoringPointDetail, monitoringPointListQuery, monitoringPointListResponse, monitoringPointView } from '@msjd/shared';
import { idParams } from '@msjd/shared/common';
import { unitLimit } from '../../../plugins/permissions';
import { routeErrors as errors, tags } from '../common';
import { getPoint, listPoints, renewInvite, savePoint } from './service';

export const pointRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/business/monitoring-points',
    { config: { permission: 'business.point.read' }, schema: { tags, summary: '监测点列表（企业数、评价数、邀请码）', querystring: monitoringPointListQuery, response: { 200: monitoringPointListResponse, 403: apiErrorSchema } } },
    async (request) => listPoints(app.db.prisma, unitLimit(request), request.query),
  );
  app.get(
    '/business/monitoring-points/:id',
    { config: { permission: 'business.point.read' }, schema: { tags, summary: '监测点详情（所联系的企业）', params: idParams, response: { 200: monitoringPointDetail, ...errors } } },
    async (request) => getPoint(app.db.prisma, unitLimit(request), request.params.id),
  );
  app.post(
    '/business/monitoring-points',
    { config: { permission: 'business.point.manage' }, schema: { tags, summary: '新增监测点', body: monitoringPointBody, response: { 201: monitoringPointView, ...errors } } },
    async (request, reply) => reply.status(201).send(await savePoint(app, request, null, request.body)),
  );
  app.put(
    '/business/monitoring-points/:id',
    { config: { permission: 'business.point.manage' }, schema: { tags, summary: '修改监测点（停用：active=false）', params: idParams, body: monitoringPointBody, response: { 200: monitoringPointView, ...errors } } },
    async (request) => savePoint(app, request, request.params.id, request.body),
  );
  app.post(
    '/business/monitoring-points/:id/invite-code',
    { config: { permission: 'business.point.manage' }, schema: { tags, summary: '重新生成邀请码（旧邀请码失效）', params: idParams, response: { 200: monitoringPointView, ...errors } } },
    async (request) => renewInvite(app, request, request.params.id),
  );
};
