// Citizen routes (/api/public): submit, follow own reports, query-code lookup for 保密 reports, rating, supplements,
// photos and the in-app notifications. No response here carries reporter identity.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  apiErrorSchema,
  BUSINESS_REPORT_CATEGORY_PREFIX,
  reportAnswerBody,
  reportAnswerResponse,
  reportAttachmentQuery,
  reportLookupAnswerBody,
  idempotencyKeySchema,
  notificationListResponse,
  reportCategoryListResponse,
  reportConfidentialSubmitBody,
  reportLookupBody,
  reportLookupRateBody,
  reportLookupSupplementBody,
  reportMineResponse,
  reportPublicView,
  reportQueryCodeSchema,
  reportQuerySecretSchema,
  reportRateBody,
  reportStatusLabels,
  reportSubmitBody,
  reportSubmitResponse,
  reportSupplementBody,
  reportVideoUploadResponse,
} from '@msjd/shared';
import type { Report } from '../../generated/prisma/client';
import { budgetHook, UPLOAD_RATE_LIMIT } from '../../lib/budget';
import { AppError, notFound } from '../../errors';
import { citizenActor } from '../../plugins/auth';
import { verifiedReporterPhone } from '../sms';
import { storeAttachment } from './attachments';
import { storeVideo } from './videos';
import { OPEN_STATUSES } from './lifecycle';
import { answerAsReporter, reporterMessageOf } from './messages';
import { categoryNames, citizenRate, citizenSupplement, codeHash, secretHash, submitted, submitReport, toPublicView } from './service';
import { idParams } from '@msjd/shared/common';

/**
 * Counters are keyed by a keyed hash (HASH_KEY, the same on every instance, so instances sharing limits in Redis
 * count together), never by the address or the query code itself: a counter lives only for its window.
 */
const hashed = (request: FastifyRequest, value: string) => request.server.sealer.keyedHash(`rate-limit:${value}`);
const hashedAddress = (request: FastifyRequest) => hashed(request, request.ip);
/** The four query-code routes share one budget per client address… */
export const LOOKUP_RATE_LIMIT = { max: 10, timeWindow: '1 minute' };
/** …and one per query code, so neither cycling the routes nor spreading over addresses multiplies the guesses. */
export const LOOKUP_CODE_RATE_LIMIT = { max: 10, timeWindow: '1 hour' };
/** Filing 保密 reports without an account. */
export const CONFIDENTIAL_RATE_LIMIT = { max: 10, timeWindow: '1 minute', keyGenerator: hashedAddress };

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema };
const lookupFailed = () => new AppError('not_found', 'QUERY_FAILED', '查询码或查询密码不正确');
const DUMMY_HASH = '0'.repeat(64);

async function byCode(app: FastifyInstance, code: string, secret: string): Promise<Report> {
  const r = await app.db.prisma.report.findUnique({ where: { queryCodeHash: codeHash(app, code) } });
  // compare even when no report matched, so a wrong code and a wrong secret look and take the same
  const ok = app.sealer.hashEquals(secretHash(app, code, secret), r?.querySecretHash ?? DUMMY_HASH);
  if (!r || !ok) throw lookupFailed();
  return r;
}

async function ownReport(app: FastifyInstance, request: FastifyRequest, id: string): Promise<Report> {
  const me = citizenActor(request);
  const r = await app.db.prisma.report.findUnique({ where: { id } });
  if (!r || r.confidential || r.citizenId !== me.id) throw notFound('举报');
  return r;
}

export const publicReportRoutes: FastifyPluginAsyncZod = async (app) => {
  const lookupPerClient = budgetHook(app, 'lookup-client', LOOKUP_RATE_LIMIT, hashedAddress);
  const lookupPerCode = budgetHook(app, 'lookup-code', LOOKUP_CODE_RATE_LIMIT, (request) => {
    const code = (request.body as { code?: unknown } | undefined)?.code ?? request.headers['x-report-code'];
    return typeof code === 'string' ? hashed(request, `code:${code}`) : undefined;
  });
  app.get(
    '/reports/categories',
    { config: { permission: 'public' }, schema: { tags: ['群众举报'], summary: '举报类别', response: { 200: reportCategoryListResponse } } },
    async () => {
      // enterprise cases (营商环境) are filed through the business routes, never on the citizen form
      const items = await app.db.prisma.reportCategory.findMany({ where: { active: true, NOT: { code: { startsWith: BUSINESS_REPORT_CATEGORY_PREFIX } } }, orderBy: [{ sort: 'asc' }, { code: 'asc' }] });
      return { items: items.map((c) => ({ code: c.code, name: c.name, replyDays: c.replyDays })) };
    },
  );

  // 保密 without any account (H5 in production has no device login). A token, if sent, is not even read.
  app.post(
    '/reports/confidential',
    {
      config: { permission: 'public', unlinkable: true, rateLimit: CONFIDENTIAL_RATE_LIMIT },
      schema: {
        tags: ['群众举报'],
        summary: '保密举报（无需登录；不记录账号、设备或 IP；凭查询码和查询密码跟进）',
        security: [],
        headers: z.object({ 'idempotency-key': idempotencyKeySchema.optional() }).passthrough(),
        body: reportConfidentialSubmitBody,
        response: { 200: reportSubmitResponse, 201: reportSubmitResponse, 400: apiErrorSchema, 409: apiErrorSchema, 429: apiErrorSchema },
      },
    },
    async (request, reply) => {
      const { idempotencyKey: bodyKey, ...body } = request.body;
      if (body.category.startsWith(BUSINESS_REPORT_CATEGORY_PREFIX)) {
        throw new AppError('invalid', 'UNKNOWN_CATEGORY', '问题类别不存在或已停用，请重新选择');
      }
      return submitted(reply, await submitReport(app, request, null, { ...body, confidential: true }, request.headers['idempotency-key'] ?? bodyKey));
    },
  );

  app.post(
    '/reports',
    {
      // the address of a 保密 filing must not reach the log, and which kind this is is known only after parsing
      config: { permission: 'citizen', unlinkable: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['群众举报'],
        summary: '提交举报（Idempotency-Key 请求头或 idempotencyKey 字段：重试返回同一件举报）',
        headers: z.object({ 'idempotency-key': idempotencyKeySchema.optional() }).passthrough(),
        body: reportSubmitBody,
        response: { 200: reportSubmitResponse, 201: reportSubmitResponse, ...errors, 429: apiErrorSchema },
      },
    },
    async (request, reply) => {
      const me = citizenActor(request);
      const { idempotencyKey: bodyKey, ...body } = request.body;
      if (body.category.startsWith(BUSINESS_REPORT_CATEGORY_PREFIX)) {
        throw new AppError('invalid', 'UNKNOWN_CATEGORY', '问题类别不存在或已停用，请重新选择');
      }
      const key = request.headers['idempotency-key'] ?? bodyKey;
      // a citizen verified by SMS code files 实名 under that number only
      if (!body.confidential) body.reporterPhone = await verifiedReporterPhone({ prisma: app.db.prisma, sealer: app.sealer }, me.id, body.reporterPhone);
      // the token proves a session but a 保密 report is never tied to it
      return submitted(reply, await submitReport(app, request, body.confidential ? null : me.id, body, key));
    },
  );

  app.get(
    '/reports/mine',
    { config: { permission: 'citizen' }, schema: { tags: ['群众举报'], summary: '我的举报', response: { 200: reportMineResponse, 401: apiErrorSchema } } },
    async (request) => {
      const me = citizenActor(request);
      const [rows, names] = await Promise.all([
        // 保密 reports carry no owner; the device keeps their receipts itself
        app.db.prisma.report.findMany({ where: { citizenId: me.id, confidential: false }, orderBy: { submittedAt: 'desc' }, take: 200 }),
        categoryNames(app),
      ]);
      return {
        items: rows.map((r) => ({
          id: r.id,
          serial: r.serial,
          categoryName: names.get(r.category) ?? r.category,
          status: r.status,
          statusLabel: reportStatusLabels[r.status],
          confidential: r.confidential,
          submittedAt: r.submittedAt.toISOString(),
          summary: r.content.length > 60 ? `${r.content.slice(0, 60)}…` : r.content,
        })),
      };
    },
  );

  app.get(
    '/reports/mine/:id',
    { config: { permission: 'citizen' }, schema: { tags: ['群众举报'], summary: '我的举报详情（进度、答复）', params: idParams, response: { 200: reportPublicView, ...errors } } },
    async (request) => toPublicView(app, await ownReport(app, request, request.params.id)),
  );

  app.post(
    '/reports/:id/supplements',
    { config: { permission: 'citizen' }, schema: { tags: ['群众举报'], summary: '补充材料（文字）', params: idParams, body: reportSupplementBody, response: { 200: reportPublicView, ...errors } } },
    async (request) => {
      const r = await ownReport(app, request, request.params.id);
      await citizenSupplement(app, request, r, request.body.text);
      return toPublicView(app, r);
    },
  );

  app.post(
    '/reports/:id/messages',
    {
      config: { permission: 'citizen' },
      schema: { tags: ['群众举报'], summary: '回复办理人员的询问（图片随后上传，带 ?messageId=）', params: idParams, body: reportAnswerBody, response: { 200: reportAnswerResponse, 201: reportAnswerResponse, ...errors } },
    },
    async (request, reply) => {
      const r = await ownReport(app, request, request.params.id);
      const answer = await answerAsReporter(app, request, r, request.body.body);
      return reply.status(answer.replayed ? 200 : 201).send({ ...answer, report: await toPublicView(app, r) });
    },
  );

  app.post(
    '/reports/:id/rating',
    { config: { permission: 'citizen' }, schema: { tags: ['群众举报'], summary: '评价答复（不满意可重新办理一次）', params: idParams, body: reportRateBody, response: { 200: reportPublicView, ...errors } } },
    async (request) => {
      const r = await ownReport(app, request, request.params.id);
      await citizenRate(app, request, r, request.body.rating, request.body.comment);
      return toPublicView(app, await app.db.prisma.report.findUniqueOrThrow({ where: { id: r.id } }));
    },
  );

  app.post(
    '/reports/:id/attachments',
    {
      config: { permission: 'citizen', rateLimit: UPLOAD_RATE_LIMIT },
      schema: {
        tags: ['群众举报'],
        summary: '上传图片（multipart，字段 file；JPG/PNG/WebP，每张不超过 10 MB，每件最多 9 张；元数据会被清除；回复询问时带 ?messageId=）',
        params: idParams,
        querystring: reportAttachmentQuery,
        response: { 201: z.object({ id: z.string(), mime: z.string(), size: z.number().int() }), ...errors, 413: apiErrorSchema, 415: apiErrorSchema },
      },
    },
    async (request, reply) => {
      const r = await ownReport(app, request, request.params.id);
      if (!OPEN_STATUSES.includes(r.status)) {
        throw new AppError('conflict', 'REPORT_CLOSED', '该件已办结或不予受理，不能再上传图片');
      }
      const messageId = await reporterMessageOf(app, r, request.query.messageId);
      const att = await storeAttachment(app, request, r, { addedBy: 'citizen', addedById: r.citizenId, messageId });
      return reply.status(201).send(att);
    },
  );

  app.post(
    '/reports/:id/video',
    {
      config: { permission: 'citizen', rateLimit: UPLOAD_RATE_LIMIT },
      schema: {
        tags: ['群众举报'],
        summary: '上传视频（multipart，字段 file；MP4/MOV，不超过 60 秒、50 MB，每件 1 段；位置、设备等元数据会被清除）',
        params: idParams,
        response: { 201: reportVideoUploadResponse, ...errors, 413: apiErrorSchema, 415: apiErrorSchema },
      },
    },
    async (request, reply) => {
      const r = await ownReport(app, request, request.params.id);
      if (!OPEN_STATUSES.includes(r.status)) throw new AppError('conflict', 'REPORT_CLOSED', '该件已办结或不予受理，不能再上传视频');
      return reply.status(201).send(await storeVideo(app, request, r, { addedById: r.citizenId }));
    },
  );

  const lookupErrors = { 400: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema, 429: apiErrorSchema };
  app.post(
    '/reports/lookup',
    {
      config: { permission: 'public', unlinkable: true },
      onRequest: lookupPerClient,
      preHandler: lookupPerCode,
      schema: { tags: ['群众举报'], summary: '凭查询码和查询密码查看（保密举报，无需登录）', security: [], body: reportLookupBody, response: { 200: reportPublicView, ...lookupErrors } },
    },
    async (request) => toPublicView(app, await byCode(app, request.body.code, request.body.secret)),
  );

  app.post(
    '/reports/lookup/supplements',
    {
      config: { permission: 'public', unlinkable: true },
      onRequest: lookupPerClient,
      preHandler: lookupPerCode,
      schema: { tags: ['群众举报'], summary: '凭查询码补充材料', security: [], body: reportLookupSupplementBody, response: { 200: reportPublicView, ...lookupErrors } },
    },
    async (request) => {
      const r = await byCode(app, request.body.code, request.body.secret);
      await citizenSupplement(app, request, r, request.body.text);
      return toPublicView(app, r);
    },
  );

  app.post(
    '/reports/lookup/messages',
    {
      config: { permission: 'public', unlinkable: true },
      onRequest: lookupPerClient,
      preHandler: lookupPerCode,
      schema: { tags: ['群众举报'], summary: '凭查询码回复办理人员的询问', security: [], body: reportLookupAnswerBody, response: { 200: reportAnswerResponse, 201: reportAnswerResponse, ...lookupErrors } },
    },
    async (request, reply) => {
      const r = await byCode(app, request.body.code, request.body.secret);
      const answer = await answerAsReporter(app, request, r, request.body.body);
      return reply.status(answer.replayed ? 200 : 201).send({ ...answer, report: await toPublicView(app, r) });
    },
  );

  app.post(
    '/reports/lookup/rating',
    {
      config: { permission: 'public', unlinkable: true },
      onRequest: lookupPerClient,
      preHandler: lookupPerCode,
      schema: { tags: ['群众举报'], summary: '凭查询码评价答复', security: [], body: reportLookupRateBody, response: { 200: reportPublicView, ...lookupErrors } },
    },
    async (request) => {
      const r = await byCode(app, request.body.code, request.body.secret);
      await citizenRate(app, request, r, request.body.rating, request.body.comment);
      return toPublicView(app, await app.db.prisma.report.findUniqueOrThrow({ where: { id: r.id } }));
    },
  );

  app.post(
    '/reports/lookup/attachments',
    {
      config: { permission: 'public', unlinkable: true, rateLimit: UPLOAD_RATE_LIMIT },
      onRequest: lookupPerClient,
      preHandler: lookupPerCode,
      schema: {
        tags: ['群众举报'],
        summary: '凭查询码上传补充图片（multipart，字段 file；查询码和密码放在请求头 x-report-code / x-report-secret；回复询问时带 ?messageId=）',
        security: [],
        querystring: reportAttachmentQuery,
        headers: z.object({ 'x-report-code': reportQueryCodeSchema, 'x-report-secret': reportQuerySecretSchema }).passthrough(),
        response: { 201: z.object({ id: z.string(), mime: z.string(), size: z.number().int() }), ...lookupErrors, 413: apiErrorSchema, 415: apiErrorSchema },
      },
    },
    async (request, reply) => {
      const r = await byCode(app, request.headers['x-report-code'], request.headers['x-report-secret']);
      if (!OPEN_STATUSES.includes(r.status)) throw new AppError('conflict', 'REPORT_CLOSED', '该件已办结或不予受理，不能再上传图片');
      const messageId = await reporterMessageOf(app, r, request.query.messageId);
      const att = await storeAttachment(app, request, r, { addedBy: 'citizen', addedById: null, messageId });
      return reply.status(201).send(att);
    },
  );

  app.post(
    '/reports/lookup/video',
    {
      config: { permission: 'public', unlinkable: true, rateLimit: UPLOAD_RATE_LIMIT },
      onRequest: lookupPerClient,
      preHandler: lookupPerCode,
      schema: {
        tags: ['群众举报'],
        summary: '凭查询码上传视频（保密反映；multipart，字段 file；查询码和密码放在请求头 x-report-code / x-report-secret）',
        security: [],
        headers: z.object({ 'x-report-code': reportQueryCodeSchema, 'x-report-secret': reportQuerySecretSchema }).passthrough(),
        response: { 201: reportVideoUploadResponse, ...lookupErrors, 413: apiErrorSchema, 415: apiErrorSchema },
      },
    },
    async (request, reply) => {
      const r = await byCode(app, request.headers['x-report-code'], request.headers['x-report-secret']);
      if (!OPEN_STATUSES.includes(r.status)) throw new AppError('conflict', 'REPORT_CLOSED', '该件已办结或不予受理，不能再上传视频');
      return reply.status(201).send(await storeVideo(app, request, r, { addedById: null }));
    },
  );

  app.get(
    '/notifications',
    { config: { permission: 'citizen' }, schema: { tags: ['群众举报'], summary: '我的消息（举报状态变化）', response: { 200: notificationListResponse, 401: apiErrorSchema } } },
    async (request) => {
      const me = citizenActor(request);
      const rows = await app.db.prisma.outbox.findMany({ where: { citizenId: me.id }, orderBy: { createdAt: 'desc' }, take: 100 });
      return {
        items: rows.map((o) => {
          const p = o.payload as { title?: string; body?: string };
          return { id: o.id, reportId: o.reportId, title: p.title ?? '', body: p.body ?? '', at: o.createdAt.toISOString() };
        }),
      };
    },
  );
};
