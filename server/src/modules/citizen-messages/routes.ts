// 消息 routes (citizen scope, the caller's own messages only): the list, the badge count, marking read.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema, citizenMessageList, citizenMessageQuery, citizenMessageUnread } from '@msjd/shared';
import { notFound } from '../../errors';
import { citizenActor } from '../../plugins/auth';
import { listMessages, markAllRead, markRead, unreadCount } from './service';

const errors = { 400: apiErrorSchema, 401: apiErrorSchema };

export const citizenMessageRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/messages',
    {
      config: { permission: 'citizen' },
      schema: {
        tags: ['消息'],
        summary: '我的消息：实名反映和本企业涉诉案件的办理进展，最新在前（可只看未读）',
        querystring: citizenMessageQuery,
        response: { 200: citizenMessageList, ...errors },
      },
    },
    async (request) => listMessages(app.db.sql, citizenActor(request).id, request.query),
  );

  app.get(
    '/messages/unread',
    { config: { permission: 'citizen' }, schema: { tags: ['消息'], summary: '未读消息数（“我的”角标）', response: { 200: citizenMessageUnread, 401: apiErrorSchema } } },
    async (request) => ({ unread: await unreadCount(app.db.sql, citizenActor(request).id) }),
  );

  app.post(
    '/messages/:id/read',
    {
      config: { permission: 'citizen' },
      schema: {
        tags: ['消息'],
        summary: '标记一条消息为已读（重复标记无副作用）',
        params: z.object({ id: z.string().uuid('消息编号格式不正确') }),
        response: { 200: citizenMessageUnread, ...errors, 404: apiErrorSchema },
      },
    },
    async (request) => {
      const me = citizenActor(request);
      if (!(await markRead(app.db.sql, me.id, request.params.id, app.clock.now()))) throw notFound('消息');
      return { unread: await unreadCount(app.db.sql, me.id) };
    },
  );

  app.post(
    '/messages/read-all',
    { config: { permission: 'citizen' }, schema: { tags: ['消息'], summary: '全部标记为已读', response: { 200: citizenMessageUnread, 401: apiErrorSchema } } },
    async (request) => ({ unread: await markAllRead(app.db.sql, citizenActor(request).id, app.clock.now()) }),
  );
};
