// H5 实名 login by SMS verification code (server/src/modules/sms): which ways in a server offers, the captcha asked
// before a code is sent, sending the code, and exchanging it for a citizen session (citizenLoginResponse).
import { z } from 'zod';

/** What this server lets a citizen log in with; H5 offers 实名 only when `sms` (or, in development, `device`) is true. */
export const citizenLoginOptionsResponse = z.object({
  wechat: z.boolean(),
  device: z.boolean(),
  sms: z.boolean(),
});
export type CitizenLoginOptions = z.infer<typeof citizenLoginOptionsResponse>;

export const SMS_CODE_LENGTH = 6;
/** seconds a code stays valid */
export const SMS_CODE_TTL_S = 300;
/** seconds before the same number may be sent another code */
export const SMS_RESEND_AFTER_S = 60;
/** codes one number may be sent in a day (Beijing time) */
export const SMS_DAILY_LIMIT = 10;
/** wrong answers that burn a code */
export const SMS_MAX_TRIES = 5;

/** A mainland mobile number, 11 digits; a leading +86 or spaces and dashes typed with it are dropped. */
export const mobileNumber = z
  .string()
  .transform((v) => v.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, ''))
  .pipe(z.string().regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号码'));

export const smsCaptchaResponse = z.object({ captchaId: z.string(), svg: z.string(), expiresIn: z.number().int() });
export type SmsCaptcha = z.infer<typeof smsCaptchaResponse>;

export const smsCodeBody = z.object({
  phone: mobileNumber,
  captchaId: z.uuid('图形验证码已失效，请点击图片换一张'),
  captchaAnswer: z.string().trim().min(1, '请输入图形验证码').max(10, '图形验证码不正确'),
});
export type SmsCodeBody = z.input<typeof smsCodeBody>;
export const smsCodeResponse = z.object({
  /** seconds the code is valid */
  expiresIn: z.number().int(),
  /** seconds before another code may be asked for this number */
  resendIn: z.number().int(),
});

export const smsLoginBody = z.object({
  phone: mobileNumber,
  code: z
    .string()
    .trim()
    .regex(new RegExp(`^\\d{${SMS_CODE_LENGTH}}$`), `请输入短信中的 ${SMS_CODE_LENGTH} 位验证码`),
});
export type SmsLoginBody = z.input<typeof smsLoginBody>;
