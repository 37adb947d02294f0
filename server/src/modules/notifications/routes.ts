// 提醒中心 routes (staff, own reminders only). Reading the badge or the list first collects what is new in the
// caller's queues, so reminders need no writer in the modules whose state changes they announce.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema, staffNotificationList, staffNotificationQuery, staffNotificationReadResponse, staffNotificationSummary } from '@msjd/shared';
import type { FastifyRequest } from 'fastify';
import { notFound } from '../../errors';
import { staffActor } from '../../plugins/auth';
import { toShanghaiDate } from '../calendar';
import { loadOverrides } from '../desk';
import { collectNotifications, listNotifications, markAllRead, markRead, notificationSummary } from './service';

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const collect = async (request: FastifyRequest) => {
    const now = app.clock.now();
    const actor = staffActor(request);
    await collectNotifications({ sql: app.db.sql, now, today: toShanghaiDate(now), overrides: await loadOverrides(app.db.sql), actor });
    return actor;
  };

  app.get(
    '/notifications/summary',
    {
      config: { permission: 'notification.own' },
      schema: { tags: ['提醒中心'], summary: '提醒角标：未读数与最新 5 条（先收集本人待办中新出现的事项）', response: { 200: staffNotificationSummary } },
    },
    async (request) => notificationSummary(app.db.sql, (await collect(request)).id),
  );

  app.get(
    '/notifications',
    {
      config: { permission: 'notification.own' },
      schema: {
        tags: ['提醒中心'],
        summary: '本人的提醒，最新在前（可只看未读）',
        querystring: staffNotificationQuery,
        response: { 200: staffNotificationList, 400: apiErrorSchema },
      },
    },
    async (request) => listNotifications(app.db.sql, (await collect(request)).id, request.query),
  );

  app.post(
    '/notifications/:id/read',
    {
      config: { permission: 'notification.own' },
      schema: {
        tags: ['提醒中心'],
        summary: '标记一条提醒为已读（重复标记无副作用）',
        params: z.object({ id: z.string().uuid('提醒编号格式不正确') }),
        response: { 200: staffNotificationReadResponse, 400: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (request) => {
      const actor = staffActor(request);
      if (!(await markRead(app.db.sql, actor.id, request.params.id, app.clock.now()))) throw notFound('提醒');
      return { unread: (await notificationSummary(app.db.sql, actor.id)).unread };
    },
  );

  app.post(
    '/notifications/read-all',
    {
      config: { permission: 'notification.own' },
      schema: { tags: ['提醒中心'], summary: '全部标记为已读', response: { 200: staffNotificationReadResponse } },
    },
    async (request) => ({ unread: await markAllRead(app.db.sql, staffActor(request).id, app.clock.now()) }),
  );
};
