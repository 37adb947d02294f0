// 保存期限 (staff): the rules and today's figures, setting a rule, and a report's legal holds.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  apiErrorSchema,
  legalHoldBody,
  legalHoldList,
  legalHoldReleaseBody,
  retentionOverview as retentionOverviewSchema,
  retentionRuleBody,
  retentionRuleKeySchema,
} from '@msjd/shared';
import { notFound } from '../../errors';
import { staffActor } from '../../plugins/auth';
import { legalHolds, placeLegalHold, releaseLegalHold, retentionOverview, setRuleYears } from './service';

const tags = ['保存期限'];
const errors = { 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema };
const reportParams = z.object({ id: z.string().uuid('举报编号格式不正确') });

export const retentionRoutes: FastifyPluginAsyncZod = async (app) => {
  const writer = (request: FastifyRequest) => ({
    prisma: app.db.prisma,
    now: app.clock.now(),
    audit: (entry: Parameters<typeof app.audit>[1], tx?: Parameters<typeof app.audit>[2]) => app.audit(request, entry, tx),
  });

  app.get(
    '/retention',
    {
      config: { permission: 'retention.read' },
      schema: { tags, summary: '保存期限规则，以及待销毁、保全中、已销毁的举报数', response: { 200: retentionOverviewSchema, 403: apiErrorSchema } },
    },
    async () => retentionOverview(app.db.sql, app.clock.now()),
  );

  app.put(
    '/retention/rules/:key',
    {
      config: { permission: 'retention.update' },
      schema: {
        tags,
        summary: '设置保存年限（1–30 年，逐次审计）',
        params: z.object({ key: retentionRuleKeySchema }),
        body: retentionRuleBody,
        response: { 200: retentionOverviewSchema, ...errors },
      },
    },
    async (request) => {
      await setRuleYears(writer(request), request.params.key, request.body.years, staffActor(request).id);
      return retentionOverview(app.db.sql, app.clock.now());
    },
  );

  app.get(
    '/reports/:id/legal-holds',
    {
      config: { permission: 'report.legal_hold.read' },
      schema: { tags, summary: '举报的法律保全记录、销毁期限与是否已销毁', params: reportParams, response: { 200: legalHoldList, ...errors } },
    },
    async (request) => {
      if (!(await app.db.prisma.report.count({ where: { id: request.params.id } }))) throw notFound('举报');
      return legalHolds(app.db.sql, request.params.id);
    },
  );

  app.post(
    '/reports/:id/legal-holds',
    {
      config: { permission: 'report.legal_hold' },
      schema: { tags, summary: '施加法律保全：期满也不销毁举报人身份信息与图片，直至解除', params: reportParams, body: legalHoldBody, response: { 201: legalHoldList, ...errors } },
    },
    async (request, reply) => {
      await placeLegalHold(writer(request), request.params.id, request.body.reason, staffActor(request).id);
      return reply.code(201).send(await legalHolds(app.db.sql, request.params.id));
    },
  );

  app.post(
    '/reports/:id/legal-holds/:holdId/release',
    {
      config: { permission: 'report.legal_hold' },
      schema: {
        tags,
        summary: '解除法律保全（须填写原因）',
        params: reportParams.extend({ holdId: z.string().uuid('保全记录编号格式不正确') }),
        body: legalHoldReleaseBody,
        response: { 200: legalHoldList, ...errors },
      },
    },
    async (request) => {
      await releaseLegalHold(writer(request), request.params.id, request.params.holdId, request.body.reason, staffActor(request).id);
      return legalHolds(app.db.sql, request.params.id);
    },
  );
};
