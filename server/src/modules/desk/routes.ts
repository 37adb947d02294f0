// 工作台 route (staff scope): every role has one; what it counts follows the caller's role and assignment.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { deskResponse } from '@msjd/shared';
import { staffActor } from '../../plugins/auth';
import { toShanghaiDate } from '../calendar';
import { loadOverrides } from './overrides';
import { deskFor } from './service';

export const deskRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/desk',
    {
      config: { permission: 'desk.read' },
      schema: { tags: ['工作台'], summary: '工作台：待办事项计数（与所打开的列表同一口径）、我最近办理的举报、本角色的考核指标', response: { 200: deskResponse } },
    },
    async (request) => {
      const actor = staffActor(request);
      return deskFor({ sql: app.db.sql, today: toShanghaiDate(app.clock.now()), overrides: await loadOverrides(app.db.sql), actor });
    },
  );
};
