// 进驻管理 routes: list the units and set whether one is stationed in the service hall.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema, businessUnitListQuery, businessUnitListResponse, businessUnitOnboardBody, businessUnitView } from '@msjd/shared';
import { idParams } from '@msjd/shared/common';
import { staffActor } from '../../../plugins/auth';
import { routeErrors as errors, tags, unitScope } from '../common';
import { listUnits, setOnboard } from './service';

export const unitRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/business/units',
    { config: { permission: 'business.read' }, schema: { tags, summary: '进驻单位（事项数、监测点数）', querystring: businessUnitListQuery, response: { 200: businessUnitListResponse, 403: apiErrorSchema } } },
    async (request) => listUnits(app.db.prisma, unitScope(staffActor(request)), request.query),
  );
  app.put(
    '/business/units/:id/onboard',
    { config: { permission: 'business.manage' }, schema: { tags, summary: '设置单位是否进驻', params: idParams, body: businessUnitOnboardBody, response: { 200: businessUnitView, ...errors } } },
    async (request) => setOnboard(app, request, request.params.id, request.body.onboard),
  );
};
