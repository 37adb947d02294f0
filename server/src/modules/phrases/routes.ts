// /api/staff/handling-phrases: everyone who handles reports reads the presets; supervisors and admins keep them.
import { apiErrorSchema } from '@msjd/shared/errors';
import {
  handlingPhraseCreateBody,
  handlingPhraseListQuery,
  handlingPhraseListResponse,
  handlingPhraseUpdateBody,
  handlingPhraseView,
} from '@msjd/shared/phrases';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { staffActor } from '../../plugins/auth';
import { createPhrase, deletePhrase, listPhrases, updatePhrase, type PhraseContext } from './service';
import { idParams } from '@msjd/shared/common';

const errors = { 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema };
const tags = ['办理常用语'];

export const phraseRoutes: FastifyPluginAsyncZod = async (app) => {
  const context = (request: FastifyRequest): PhraseContext => ({
    prisma: app.db.prisma,
    actorId: staffActor(request).id,
    now: app.clock.now(),
    audit: (entry, tx) => app.audit(request, entry, tx),
  });

  app.get(
    '/handling-phrases',
    {
      config: { permission: 'handling.phrase.read' },
      schema: { tags, summary: '办理常用语（不予受理理由、答复模板等；all=true 含已停用）', querystring: handlingPhraseListQuery, response: { 200: handlingPhraseListResponse, ...errors } },
    },
    async (request) => ({ items: await listPhrases(app.db.prisma, request.query) }),
  );

  app.post(
    '/handling-phrases',
    {
      config: { permission: 'handling.phrase.manage' },
      schema: { tags, summary: '新增常用语（可含占位符 {编号} {类别} {单位} {承办单位} {日期}）', body: handlingPhraseCreateBody, response: { 201: handlingPhraseView, ...errors } },
    },
    async (request, reply) => reply.status(201).send(await createPhrase(context(request), request.body)),
  );

  app.put(
    '/handling-phrases/:id',
    {
      config: { permission: 'handling.phrase.manage' },
      schema: { tags, summary: '修改、停用或启用常用语', params: idParams, body: handlingPhraseUpdateBody, response: { 200: handlingPhraseView, ...errors } },
    },
    async (request) => updatePhrase(context(request), request.params.id, request.body),
  );

  app.delete(
    '/handling-phrases/:id',
    {
      config: { permission: 'handling.phrase.manage' },
      schema: { tags, summary: '删除常用语（已用过的文字保留在各件中）', params: idParams, response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      await deletePhrase(context(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
