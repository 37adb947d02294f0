// H5 实名 login by SMS code: a captcha picture, sending a code (captcha answer checked first), and the code exchanged
// for the same citizen session the app uses. Off (403 SMS_LOGIN_DISABLED) when no SMS provider is configured.
// Neither the code nor the full number is ever logged: request logs carry the URL only, and failures name neither.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema, citizenLoginResponse, smsCaptchaResponse, smsCodeBody, smsCodeResponse, smsLoginBody } from '@msjd/shared';
import type { Config } from '../../config';
import { AppError } from '../../errors';
import { CITIZEN_TOKEN_TTL_S } from '../../plugins/auth';
import { createSmsCaptcha, sendLoginCode, verifyLoginCode, type SmsCtx } from './service';
import { tencentSmsSender, type SmsSender } from './tencent';

/** Per client address, on top of the per-number limits in the service (shared through Redis when REDIS_URL is set). */
export const SMS_IP_LIMITS = {
  captcha: { max: 60, timeWindow: '1 hour' },
  code: { max: 20, timeWindow: '1 hour' },
  login: { max: 30, timeWindow: '1 hour' },
} as const;

export const smsRoutes: FastifyPluginAsyncZod<{ config: Config; sender?: SmsSender }> = async (app, { config, sender: given }) => {
  const sender = given ?? (config.sms ? tencentSmsSender(config.sms, app.log) : undefined);
  const errors = { 400: apiErrorSchema, 403: apiErrorSchema, 429: apiErrorSchema, 502: apiErrorSchema };
  const ctx = (): SmsCtx => ({ prisma: app.db.prisma, sealer: app.sealer, now: app.clock.now() });
  const requireSms = (): SmsSender => {
    if (!sender) throw new AppError('forbidden', 'SMS_LOGIN_DISABLED', '本系统未开通短信验证，网页版只能保密反映；实名反映请使用微信小程序');
    return sender;
  };

  app.get(
    '/h5/captcha',
    {
      config: { permission: 'public', rateLimit: SMS_IP_LIMITS.captcha },
      schema: { tags: ['群众认证'], summary: '图形验证码（获取短信验证码前）', security: [], response: { 200: smsCaptchaResponse, ...errors } },
    },
    async () => {
      requireSms();
      return createSmsCaptcha(ctx());
    },
  );

  app.post(
    '/h5/sms-code',
    {
      config: { permission: 'public', rateLimit: SMS_IP_LIMITS.code },
      schema: {
        tags: ['群众认证'],
        summary: '发送短信验证码（须先答对图形验证码；每个号码每分钟 1 次、每天 10 次）',
        security: [],
        body: smsCodeBody,
        response: { 200: smsCodeResponse, ...errors },
      },
    },
    async (request) => sendLoginCode(ctx(), requireSms(), request.body),
  );

  app.post(
    '/h5/sms-login',
    {
      config: { permission: 'public', rateLimit: SMS_IP_LIMITS.login },
      schema: {
        tags: ['群众认证'],
        summary: '短信验证码登录（H5 实名反映）',
        security: [],
        body: smsLoginBody,
        response: { 200: citizenLoginResponse, ...errors },
      },
    },
    async (request) => {
      requireSms();
      const c = ctx();
      const { phone } = request.body;
      await verifyLoginCode(c, request.body);
      // the same identity on every login from this number; the number itself only sealed
      const subjectHash = app.sealer.keyedHash(`sms:${phone}`);
      const citizen = await app.db.prisma.citizen.upsert({
        where: { subjectHash },
        create: { subjectHash, via: 'sms', phoneSealed: app.sealer.seal(phone), lastSeenAt: c.now },
        update: { lastSeenAt: c.now },
      });
      return { token: app.signCitizenToken(citizen.id), expiresIn: CITIZEN_TOKEN_TTL_S, citizen: { id: citizen.id, via: 'sms' as const } };
    },
  );
};
