// 监测评价 routes: the ratings enterprises gave, and 申诉复核 of a bad one.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema, appealFileBody, appealReviewBody, evaluationListQuery, evaluationListResponse, evaluationView } from '@msjd/shared';
import { idParams } from '@msjd/shared/common';
import { staffActor } from '../../../plugins/auth';
import { routeErrors as errors, tags, unitScope } from '../common';
import { evaluationDetail, fileAppeal, listEvaluations, reviewAppeal } from './service';

export const evaluationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/business/evaluations',
    { config: { permission: 'business.read' }, schema: { tags, summary: '评价列表（联络员仅本单位）', querystring: evaluationListQuery, response: { 200: evaluationListResponse, 403: apiErrorSchema } } },
    async (request) => listEvaluations(app.db.prisma, unitScope(staffActor(request)), request.query),
  );
  app.get(
    '/business/evaluations/:id',
    { config: { permission: 'business.read' }, schema: { tags, summary: '评价详情', params: idParams, response: { 200: evaluationView, ...errors } } },
    async (request) => evaluationDetail(app, staffActor(request), request.params.id),
  );
  app.post(
    '/business/evaluations/:id/appeal',
    {
      config: { permission: 'business.appeal' },
      schema: { tags, summary: '对差评提出申诉（被评单位联络员、纪检干部）', params: idParams, body: appealFileBody, response: { 200: evaluationView, ...errors } },
    },
    async (request) => {
      const actor = staffActor(request);
      await fileAppeal(app, request, actor, request.params.id, request.body.reason);
      return evaluationDetail(app, actor, request.params.id);
    },
  );
  app.post(
    '/business/evaluations/:id/appeal/review',
    { config: { permission: 'business.manage' }, schema: { tags, summary: '申诉复核：成立（不计入满意度，评价保留）或不成立，须填写意见', params: idParams, body: appealReviewBody, response: { 200: evaluationView, ...errors } } },
    async (request) => {
      const actor = staffActor(request);
      await reviewAppeal(app, request, actor, request.params.id, request.body.upheld, request.body.reason);
      return evaluationDetail(app, actor, request.params.id);
    },
  );
};
