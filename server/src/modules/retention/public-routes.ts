// The retention years as the citizen's privacy guide states them: public, since the guide is read before any login.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { publicRetentionResponse } from '@msjd/shared';
import { ruleYears } from './service';

export const publicRetentionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/retention',
    {
      config: { permission: 'public' },
      schema: { tags: ['保存期限'], summary: '举报人身份信息、联系方式、图片与视频的保存年限（隐私保护指引据此说明）', security: [], response: { 200: publicRetentionResponse } },
    },
    async () => ({ reportSealedMaterialYears: await ruleYears(app.db.sql, 'report_sealed_material') }),
  );
};
