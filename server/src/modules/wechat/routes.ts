// What the mini-program needs before a citizen taps 提交: the 订阅消息 template ids to ask permission for. WeChat
// only shows the permission dialog from a tap, so the app loads these at launch and asks synchronously on the tap.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { subscribeTemplatesResponse } from '@msjd/shared';
import type { Config } from '../../config';

export const publicWechatRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  app.get(
    '/wechat/subscribe-templates',
    {
      config: { permission: 'public' },
      schema: { tags: ['群众举报'], summary: '订阅消息模板（提交实名反映时请求授权；未配置微信时为空）', security: [], response: { 200: subscribeTemplatesResponse } },
    },
    async () => ({ report: config.wechat && config.wechatReportTemplateId ? config.wechatReportTemplateId : null }),
  );
};
