import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema, citizenDeviceLoginBody, citizenLoginOptionsResponse, citizenLoginResponse, citizenWechatLoginBody } from '@msjd/shared';
import type { Config } from '../../config';
import { AppError } from '../../errors';
import { CITIZEN_TOKEN_TTL_S } from '../../plugins/auth';
import { code2session } from './wechat';

export const citizenAuthRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  const rateLimit = { max: 20, timeWindow: '1 minute' };

  // The openid itself is sealed; only its keyed hash identifies the citizen on later logins.
  async function upsertCitizen(subject: string, via: 'wechat' | 'device', openid?: string) {
    const subjectHash = app.sealer.keyedHash(subject);
    const now = app.clock.now();
    return app.db.prisma.citizen.upsert({
      where: { subjectHash },
      create: { subjectHash, via, openidSealed: openid ? app.sealer.seal(openid) : null, lastSeenAt: now },
      update: { lastSeenAt: now },
    });
  }

  // H5 asks this before offering 实名: without SMS (and with device login off, as in production) it offers 保密 only
  app.get(
    '/auth/options',
    {
      config: { permission: 'public' },
      schema: { tags: ['群众认证'], summary: '可用的登录方式（H5 据此决定是否提供实名反映）', security: [], response: { 200: citizenLoginOptionsResponse } },
    },
    async () => ({ wechat: !!config.wechat, device: config.deviceLogin, sms: !!config.sms }),
  );

  app.post(
    '/auth/wechat',
    {
      config: { permission: 'public', rateLimit },
      schema: {
        tags: ['群众认证'],
        summary: '微信登录（code2session）',
        body: citizenWechatLoginBody,
        response: { 200: citizenLoginResponse, 401: apiErrorSchema, 403: apiErrorSchema },
      },
    },
    async (request) => {
      if (!config.wechat) throw new AppError('forbidden', 'WECHAT_LOGIN_DISABLED', '未配置微信登录');
      const { openid } = await code2session(config.wechat, request.body.code);
      const citizen = await upsertCitizen(`wechat:${openid}`, 'wechat', openid);
      return { token: app.signCitizenToken(citizen.id), expiresIn: CITIZEN_TOKEN_TTL_S, citizen: { id: citizen.id, via: 'wechat' as const } };
    },
  );

  app.post(
    '/auth/device',
    {
      config: { permission: 'public', rateLimit },
      schema: {
        tags: ['群众认证'],
        summary: '设备登录（H5/开发环境，可由配置关闭）',
        body: citizenDeviceLoginBody,
        response: { 200: citizenLoginResponse, 403: apiErrorSchema },
      },
    },
    async (request) => {
      if (!config.deviceLogin) throw new AppError('forbidden', 'DEVICE_LOGIN_DISABLED', '设备登录已关闭，请在微信中打开');
      const citizen = await upsertCitizen(`device:${request.body.deviceId}`, 'device');
      return { token: app.signCitizenToken(citizen.id), expiresIn: CITIZEN_TOKEN_TTL_S, citizen: { id: citizen.id, via: 'device' as const } };
    },
  );
};
