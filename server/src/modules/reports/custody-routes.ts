// Reporter-protection routes (/api/staff): 双人审批 (ask to see a real-name reporter, the custodians' queue, approve
// or refuse), the passages masked in the 交办单 and the photos, videos and materials that go with it.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  apiErrorSchema,
  identityRevealDecisionBody,
  identityRevealRequestBody,
  identityRevealRequestList,
  identityRevealRequestView,
  reportHandoverAttachmentsBody,
  reportHandoverAttachmentsView,
  reportRedactionsBody,
  reportRedactionsView,
} from '@msjd/shared';
import { getRedactions, setHandoverAttachments, setRedactions } from './handover';
import type { Config } from '../../config';
import { staffActor } from '../../plugins/auth';
import { decideReveal, pendingReveals, requestReveal, revealRequestsOf } from './custody';
import { idParams } from '@msjd/shared/common';

const errors = { 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema, 410: apiErrorSchema };

export const custodyRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, opts) => {
  app.post(
    '/reports/:id/identity-requests',
    {
      config: { permission: 'report.reveal' },
      schema: { tags: ['举报人保护'], summary: '申请查看举报人身份（须填写原因，由另一名纪检干部审批）', params: idParams, body: identityRevealRequestBody, response: { 201: identityRevealRequestView, ...errors } },
    },
    async (request, reply) => reply.status(201).send(await requestReveal(app, request, staffActor(request), request.params.id, request.body.reason)),
  );

  app.get(
    '/reports/:id/identity-requests',
    {
      config: { permission: 'report.reveal' },
      schema: { tags: ['举报人保护'], summary: '本件举报的身份查看申请及审批记录', params: idParams, response: { 200: identityRevealRequestList, ...errors } },
    },
    async (request) => ({ items: await revealRequestsOf(app, staffActor(request), request.params.id) }),
  );

  app.get(
    '/identity-requests',
    {
      config: { permission: 'report.reveal.approve' },
      schema: { tags: ['举报人保护'], summary: '待审批的身份查看申请（纪检干部）', response: { 200: identityRevealRequestList, 403: apiErrorSchema } },
    },
    async () => ({ items: await pendingReveals(app) }),
  );

  app.post(
    '/identity-requests/:id/decision',
    {
      config: { permission: 'report.reveal.approve' },
      schema: {
        tags: ['举报人保护'],
        summary: `审批身份查看申请（纪检干部，不能审批本人申请；批准后 ${opts.config.identityRevealHours} 小时内有效）`,
        params: idParams,
        body: identityRevealDecisionBody,
        response: { 200: identityRevealRequestView, ...errors },
      },
    },
    async (request) => decideReveal(app, request, staffActor(request), request.params.id, request.body, opts.config.identityRevealHours),
  );

  app.get(
    '/reports/:id/redactions',
    {
      config: { permission: 'report.redact' },
      schema: { tags: ['举报人保护'], summary: '交办单中遮蔽的身份信息片段及遮蔽后的内容', params: idParams, response: { 200: reportRedactionsView, ...errors } },
    },
    async (request) => getRedactions(app, staffActor(request), request.params.id),
  );

  app.put(
    '/reports/:id/redactions',
    {
      config: { permission: 'report.redact' },
      schema: {
        tags: ['举报人保护'],
        summary: '标注可识别举报人的片段（整体替换；承办单位和巡察组只看到遮蔽后的交办单，原文仍由受理和纪检干部查看）',
        params: idParams,
        body: reportRedactionsBody,
        response: { 200: reportRedactionsView, ...errors },
      },
    },
    async (request) => setRedactions(app, request, staffActor(request), request.params.id, request.body.phrases),
  );

  app.put(
    '/reports/:id/handover-attachments',
    {
      config: { permission: 'report.handover' },
      schema: {
        tags: ['举报人保护'],
        summary: '选择随交办单移交的图片、视频和材料（整体替换；未选的只由受理和纪检干部查看；举报人答复附带的图片不移交）',
        params: idParams,
        body: reportHandoverAttachmentsBody,
        response: { 200: reportHandoverAttachmentsView, ...errors },
      },
    },
    async (request) => setHandoverAttachments(app, request, staffActor(request), request.params.id, request.body.attachmentIds),
  );
};
