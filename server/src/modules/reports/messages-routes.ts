// The thread with the reporter, staff side (/api/staff): read it, ask a question. Intake and supervisors only: they
// read the original report, and an answer may say who the reporter is (see messages.ts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema, reportAskBody, reportMessageListResponse } from '@msjd/shared';
import { staffActor } from '../../plugins/auth';
import { askReporter, staffThread } from './messages';
import { loadVisible } from './service';
import { idParams } from '@msjd/shared/common';

const errors = { 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema };

export const reportMessageRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/reports/:id/messages',
    {
      config: { permission: 'report.message.read' },
      schema: { tags: ['举报人保护'], summary: '与举报人的往来消息（打开即标记举报人的回复为已读）', params: idParams, response: { 200: reportMessageListResponse, ...errors } },
    },
    async (request) => staffThread(app, await loadVisible(app, staffActor(request), request.params.id)),
  );

  app.post(
    '/reports/:id/messages',
    {
      config: { permission: 'report.message.ask' },
      schema: {
        tags: ['举报人保护'],
        summary: '向举报人询问情况（不改变办理状态；实名举报人会收到消息通知，保密举报人凭查询码查看）',
        params: idParams,
        body: reportAskBody,
        response: { 201: reportMessageListResponse, ...errors },
      },
    },
    async (request, reply) => {
      const r = await loadVisible(app, staffActor(request), request.params.id);
      await askReporter(app, request, staffActor(request), r, request.body.body);
      return reply.status(201).send(await staffThread(app, r));
    },
  );
};
