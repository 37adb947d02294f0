// 延期 routes (/api/staff): ask for more working days on a report, the supervisors' queue, decide.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema, reportExtensionDecisionBody, reportExtensionList, reportExtensionRequestBody, reportExtensionView } from '@msjd/shared';
import { staffActor } from '../../plugins/auth';
import { decideExtension, extensionsOf, pendingExtensions, requestExtension } from './extensions';
import { idParams } from '@msjd/shared/common';

const errors = { 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema };
const tags = ['举报办理'];

export const reportExtensionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/reports/:id/extensions',
    { config: { permission: 'report.read' }, schema: { tags, summary: '本件的延期申请及审批结果', params: idParams, response: { 200: reportExtensionList, ...errors } } },
    async (request) => ({ items: await extensionsOf(app, staffActor(request), request.params.id) }),
  );

  app.post(
    '/reports/:id/extensions',
    {
      config: { permission: 'report.extension.request' },
      schema: { tags, summary: '申请延期答复（承办巡察组、联络员或受理员；须写理由，由纪检干部审批）', params: idParams, body: reportExtensionRequestBody, response: { 201: reportExtensionView, ...errors } },
    },
    async (request, reply) => reply.status(201).send(await requestExtension(app, request, staffActor(request), request.params.id, request.body)),
  );

  app.get(
    '/extension-requests',
    { config: { permission: 'report.extension.approve' }, schema: { tags, summary: '待审批的延期申请（纪检干部）', response: { 200: reportExtensionList, 403: apiErrorSchema } } },
    async () => ({ items: await pendingExtensions(app) }),
  );

  app.post(
    '/extension-requests/:id/decision',
    {
      config: { permission: 'report.extension.approve' },
      schema: { tags, summary: '审批延期申请（不能审批本人申请；批准后答复期限按工作日顺延）', params: idParams, body: reportExtensionDecisionBody, response: { 200: reportExtensionView, ...errors } },
    },
    async (request) => decideExtension(app, request, staffActor(request), request.params.id, request.body),
  );
};
