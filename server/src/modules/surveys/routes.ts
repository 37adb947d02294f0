import {
  apiErrorSchema,
  pageOf,
  publicSurveySchema,
  surveyAnswerBody,
  surveyBody,
  surveyResultsSchema,
  surveySchema,
  surveyStatusSchema,
  surveyUpdateBody,
  type Survey as SurveyDto,
} from '@msjd/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { conflict, AppError, notFound } from '../../errors';
import { isUniqueViolation } from '../../lib/retry';
import type { Prisma, Survey } from '../../generated/prisma/client';
import { citizenActor, staffActor } from '../../plugins/auth';
import { contentDisposition, safeFileName } from '../posters';
import { hasRoundEnded, isoDate, isoOrNull } from '../tours';
import { aggregate, type Answers, exportXlsx, parseQuestions, validateAnswers } from './service';
import { idParams } from '@msjd/shared/common';

type SurveyRow = Survey & { tourRound: { name: string; status: string; endsOn: Date } | null; _count?: { answers: number } };

/** A published survey closes with its round: once the round has ended it reads (and answers) as closed. */
function closedWithRound(s: SurveyRow, now: Date): boolean {
  return s.status === 'published' && !!s.tourRound && hasRoundEnded(s.tourRound, now);
}

function toDto(s: SurveyRow, now: Date): SurveyDto {
  const withRound = closedWithRound(s, now);
  return {
    id: s.id,
    tourRoundId: s.tourRoundId,
    roundName: s.tourRound?.name ?? null,
    title: s.title,
    intro: s.intro,
    questions: parseQuestions(s.questions),
    status: withRound ? 'closed' : s.status,
    publishedAt: isoOrNull(s.publishedAt),
    // the day after the round's last day, Beijing midnight
    closedAt: withRound ? new Date(`${isoDate(s.tourRound!.endsOn)}T16:00:00Z`).toISOString() : isoOrNull(s.closedAt),
    answerCount: s._count?.answers ?? 0,
  };
}
const roundSelect = { select: { name: true, status: true, endsOn: true } } as const;
const include = { tourRound: roundSelect, _count: { select: { answers: true } } } satisfies Prisma.SurveyInclude;

export const staffSurveyRoutes: FastifyPluginAsyncZod = async (app) => {
  const prisma = app.db.prisma;
  async function load(id: string) {
    const s = await prisma.survey.findUnique({ where: { id }, include });
    if (!s) throw notFound('问卷');
    return s;
  }
  async function roundExists(id: string | null | undefined) {
    if (id && !(await prisma.tourRound.findUnique({ where: { id } }))) throw notFound('巡察轮次');
  }

  app.get(
    '/surveys',
    {
      config: { permission: 'tour.survey' },
      schema: {
        tags: ['巡察调研'],
        summary: '问卷列表',
        querystring: z.object({ status: surveyStatusSchema.optional(), tourRoundId: z.uuid().optional(), page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20) }),
        response: { 200: pageOf(surveySchema) },
      },
    },
    async (request) => {
      const { status, tourRoundId, page, pageSize } = request.query;
      const where: Prisma.SurveyWhereInput = { ...(status ? { status } : {}), ...(tourRoundId ? { tourRoundId } : {}) };
      const [rows, total] = await Promise.all([
        prisma.survey.findMany({ where, include, orderBy: { createdAt: 'desc' }, skip: (page - 1) * pageSize, take: pageSize }),
        prisma.survey.count({ where }),
      ]);
      return { items: rows.map((r) => toDto(r, app.clock.now())), total, page, pageSize };
    },
  );
  app.get(
    '/surveys/:id',
    { config: { permission: 'tour.survey' }, schema: { tags: ['巡察调研'], summary: '问卷详情', params: idParams, response: { 200: surveySchema } } },
    async (request) => toDto(await load(request.params.id), app.clock.now()),
  );
  app.post(
    '/surveys',
    { config: { permission: 'tour.survey' }, schema: { tags: ['巡察调研'], summary: '新建问卷（草稿）', body: surveyBody, response: { 201: surveySchema } } },
    async (request, reply) => {
      const b = request.body;
      await roundExists(b.tourRoundId);
      const s = await prisma.$transaction(async (tx) => {
        const s = await tx.survey.create({
          data: { tourRoundId: b.tourRoundId ?? null, title: b.title, intro: b.intro ?? null, questions: b.questions, createdById: staffActor(request).id },
          include,
        });
        await app.audit(request, { action: 'survey.create', entity: 'survey', entityId: s.id }, tx);
        return s;
      });
      return reply.status(201).send(toDto(s, app.clock.now()));
    },
  );
  app.patch(
    '/surveys/:id',
    {
      config: { permission: 'tour.survey' },
      schema: { tags: ['巡察调研'], summary: '修改问卷（题目仅草稿可改）', params: idParams, body: surveyUpdateBody, response: { 200: surveySchema } },
    },
    async (request) => {
      const s = await load(request.params.id);
      const b = request.body;
      if (s.status !== 'draft' && (b.questions !== undefined || b.tourRoundId !== undefined)) {
        throw conflict('SURVEY_NOT_DRAFT', '问卷已发布，题目不能再修改');
      }
      await roundExists(b.tourRoundId);
      const u = await prisma.$transaction(async (tx) => {
        const u = await tx.survey.update({
          where: { id: s.id },
          data: { title: b.title, intro: b.intro, tourRoundId: b.tourRoundId, questions: b.questions },
          include,
        });
        await app.audit(request, { action: 'survey.update', entity: 'survey', entityId: s.id }, tx);
        return u;
      });
      return toDto(u, app.clock.now());
    },
  );
  app.post(
    '/surveys/:id/publish',
    { config: { permission: 'tour.survey' }, schema: { tags: ['巡察调研'], summary: '发布问卷', params: idParams, response: { 200: surveySchema } } },
    async (request) => {
      const s = await load(request.params.id);
      if (s.status !== 'draft') throw conflict('SURVEY_NOT_DRAFT', '只有草稿可以发布');
      // it would read as closed at once (a survey closes with its round)
      if (s.tourRound && hasRoundEnded(s.tourRound, app.clock.now())) {
        throw conflict('ROUND_ENDED', '该问卷所属的巡察轮次已结束，不能发布；请改选进行中的轮次');
      }
      if (!parseQuestions(s.questions).length) throw new AppError('invalid', 'SURVEY_EMPTY', '问卷至少需要一道题目');
      const u = await prisma.$transaction(async (tx) => {
        const u = await tx.survey.update({ where: { id: s.id }, data: { status: 'published', publishedAt: app.clock.now() }, include });
        await app.audit(request, { action: 'survey.publish', entity: 'survey', entityId: s.id }, tx);
        return u;
      });
      return toDto(u, app.clock.now());
    },
  );
  app.post(
    '/surveys/:id/close',
    { config: { permission: 'tour.survey' }, schema: { tags: ['巡察调研'], summary: '结束问卷', params: idParams, response: { 200: surveySchema } } },
    async (request) => {
      const s = await load(request.params.id);
      if (s.status !== 'published') throw conflict('SURVEY_NOT_PUBLISHED', '只有进行中的问卷可以结束');
      const u = await prisma.$transaction(async (tx) => {
        const u = await tx.survey.update({ where: { id: s.id }, data: { status: 'closed', closedAt: app.clock.now() }, include });
        await app.audit(request, { action: 'survey.close', entity: 'survey', entityId: s.id }, tx);
        return u;
      });
      return toDto(u, app.clock.now());
    },
  );
  app.delete(
    '/surveys/:id',
    { config: { permission: 'tour.survey' }, schema: { tags: ['巡察调研'], summary: '删除草稿问卷', params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      const s = await load(request.params.id);
      if (s.status !== 'draft') throw conflict('SURVEY_NOT_DRAFT', '只能删除草稿');
      await prisma.$transaction(async (tx) => {
        await tx.survey.delete({ where: { id: s.id } });
        await app.audit(request, { action: 'survey.delete', entity: 'survey', entityId: s.id }, tx);
      });
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/surveys/:id/results',
    { config: { permission: 'tour.survey' }, schema: { tags: ['巡察调研'], summary: '问卷结果（每题统计与文字回答）', params: idParams, response: { 200: surveyResultsSchema } } },
    async (request) => {
      const s = await load(request.params.id);
      const rows = await prisma.surveyAnswer.findMany({ where: { surveyId: s.id }, orderBy: { createdAt: 'asc' }, select: { answers: true } });
      return aggregate(s, parseQuestions(s.questions), rows.map((r) => r.answers as Answers));
    },
  );
  app.get(
    '/surveys/:id/export.xlsx',
    { config: { permission: 'tour.survey' }, schema: { tags: ['巡察调研'], summary: '导出问卷结果（XLSX）', params: idParams } },
    async (request, reply) => {
      const s = await load(request.params.id);
      const rows = await prisma.surveyAnswer.findMany({ where: { surveyId: s.id }, orderBy: { createdAt: 'asc' }, select: { answers: true, createdAt: true } });
      const buf = await exportXlsx(s, parseQuestions(s.questions), rows.map((r) => ({ answers: r.answers as Answers, createdAt: r.createdAt })));
      return reply
        .headers({
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'content-disposition': contentDisposition(`${safeFileName(s.title)}_结果.xlsx`),
        })
        .send(buf);
    },
  );
};

const THANKS = '感谢您参与巡察调研！您的意见将作为巡察工作的重要参考。';

export const publicSurveyRoutes: FastifyPluginAsyncZod = async (app) => {
  const prisma = app.db.prisma;
  const visible = { status: { in: ['published', 'closed'] } } satisfies Prisma.SurveyWhereInput;
  const toPublic = (s: SurveyRow, answered: boolean) => {
    const { answerCount: _ignored, ...rest } = toDto(s, app.clock.now());
    return { ...rest, answered };
  };

  app.get(
    '/surveys',
    {
      config: { permission: 'citizen' },
      schema: {
        tags: ['巡察调研'],
        summary: '问卷列表（进行中在前）',
        querystring: z.object({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(100).default(20) }),
        response: { 200: pageOf(publicSurveySchema) },
      },
    },
    async (request) => {
      const citizen = citizenActor(request);
      const { page, pageSize } = request.query;
      const [rows, total] = await Promise.all([
        prisma.survey.findMany({
          where: visible,
          include: { tourRound: roundSelect },
          orderBy: [{ status: 'asc' }, { publishedAt: 'desc' }],
          skip: (page - 1) * pageSize,
          take: pageSize,
        }),
        prisma.survey.count({ where: visible }),
      ]);
      const mine = new Set(
        (await prisma.surveyAnswer.findMany({ where: { citizenId: citizen.id, surveyId: { in: rows.map((r) => r.id) } }, select: { surveyId: true } })).map((a) => a.surveyId),
      );
      return { items: rows.map((s) => toPublic(s, mine.has(s.id))), total, page, pageSize };
    },
  );
  app.get(
    '/surveys/:id',
    { config: { permission: 'citizen' }, schema: { tags: ['巡察调研'], summary: '问卷详情', params: idParams, response: { 200: publicSurveySchema } } },
    async (request) => {
      const citizen = citizenActor(request);
      const s = await prisma.survey.findFirst({ where: { id: request.params.id, ...visible }, include: { tourRound: roundSelect } });
      if (!s) throw notFound('问卷');
      const answered = !!(await prisma.surveyAnswer.findUnique({ where: { surveyId_citizenId: { surveyId: s.id, citizenId: citizen.id } } }));
      return toPublic(s, answered);
    },
  );
  app.post(
    '/surveys/:id/answers',
    {
      config: { permission: 'citizen', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['巡察调研'],
        summary: '提交答卷（每人每份问卷一次）',
        params: idParams,
        body: surveyAnswerBody,
        response: { 201: z.object({ ok: z.literal(true), message: z.string() }), 400: apiErrorSchema, 409: apiErrorSchema },
      },
    },
    async (request, reply) => {
      const citizen = citizenActor(request);
      const s = await prisma.survey.findFirst({ where: { id: request.params.id, ...visible }, include: { tourRound: roundSelect } });
      if (!s) throw notFound('问卷');
      if (s.status === 'closed') throw conflict('SURVEY_CLOSED', '该问卷已结束，感谢关注');
      if (closedWithRound(s, app.clock.now())) throw conflict('SURVEY_CLOSED', '本轮巡察已结束，问卷随之关闭，感谢关注');
      const already = () => conflict('ALREADY_ANSWERED', '您已提交过这份问卷，每人只能填写一次');
      if (await prisma.surveyAnswer.findUnique({ where: { surveyId_citizenId: { surveyId: s.id, citizenId: citizen.id } } })) throw already();
      const { issues, clean } = validateAnswers(parseQuestions(s.questions), request.body);
      if (issues.length) {
        return reply.status(400).send({ code: 'VALIDATION_FAILED', message: '答卷不完整或有误，请检查标出的题目', requestId: String(request.id), issues });
      }
      try {
        await prisma.surveyAnswer.create({ data: { surveyId: s.id, citizenId: citizen.id, answers: clean } });
      } catch (err) {
        if (isUniqueViolation(err)) throw already();
        throw err;
      }
      return reply.status(201).send({ ok: true as const, message: THANKS });
    },
  );
};
