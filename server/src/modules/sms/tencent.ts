// 腾讯云短信 SendSms (API 3.0, version 2021-01-11), signed with TC3-HMAC-SHA256 as the provider documents it:
// https://cloud.tencent.com/document/api/382/55981 (SendSms) and https://cloud.tencent.com/document/api/382/52072
// (签名方法 v3). The signer is written from that text: canonical request -> string to sign -> a key derived from the
// secret, the UTC date, the service and "tc3_request" -> hex HMAC-SHA256.
import { createHash, createHmac } from 'node:crypto';
import { AppError } from '../../errors';

export interface TencentSmsConfig {
  secretId: string;
  secretKey: string;
  /** SmsSdkAppId, the 短信应用 the sign and template belong to */
  sdkAppId: string;
  /** 短信签名内容, e.g. 某县纪委监委 */
  signName: string;
  /** 验证码 template, "{1}" the code and "{2}" the minutes it lasts */
  templateId: string;
  region: string;
  /** https://sms.tencentcloudapi.com in production; a local fake in tests */
  endpoint: string;
}

export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';
const SERVICE = 'sms';
const ACTION = 'SendSms';
const VERSION = '2021-01-11';
const CONTENT_TYPE = 'application/json; charset=utf-8';

const sha256Hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

export interface Tc3Input {
  secretId: string;
  secretKey: string;
  service: string;
  /** the Host header as sent (host[:port]) */
  host: string;
  contentType: string;
  action: string;
  payload: string;
  /** X-TC-Timestamp, seconds since the epoch */
  timestamp: number;
}

/** The Authorization header of a POST to "/" with an empty query, signing content-type, host and x-tc-action. */
export function tc3Authorization(input: Tc3Input): string {
  // CredentialScope's date is the UTC date of the timestamp, not the local one
  const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10);
  const signedHeaders = 'content-type;host;x-tc-action';
  const canonicalHeaders = `content-type:${input.contentType.toLowerCase()}\nhost:${input.host.toLowerCase()}\nx-tc-action:${input.action.toLowerCase()}\n`;
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, signedHeaders, sha256Hex(input.payload)].join('\n');
  const scope = `${date}/${input.service}/tc3_request`;
  const stringToSign = [TC3_ALGORITHM, String(input.timestamp), scope, sha256Hex(canonicalRequest)].join('\n');
  const secretDate = hmac(`TC3${input.secretKey}`, date);
  const secretService = hmac(secretDate, input.service);
  const secretSigning = hmac(secretService, 'tc3_request');
  const signature = createHmac('sha256', secretSigning).update(stringToSign, 'utf8').digest('hex');
  return `${TC3_ALGORITHM} Credential=${input.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

interface SendSmsAnswer {
  Response?: {
    Error?: { Code?: string; Message?: string };
    SendStatusSet?: { Code?: string; Message?: string; PhoneNumber?: string }[];
    RequestId?: string;
  };
}

export interface SmsSender {
  /** Sends the login code to an 11-digit mainland number; throws an AppError in Chinese when it was not sent. */
  sendLoginCode(phone: string, code: string, minutes: number): Promise<void>;
}

/**
 * Failures name the provider's code and request id (for the operator) and never the number or the code. `now` is the
 * wall clock on purpose: the provider refuses a timestamp more than five minutes off its own.
 */
export function tencentSmsSender(cfg: TencentSmsConfig, log: { warn(obj: object, msg: string): void }, now: () => number = Date.now): SmsSender {
  return {
    async sendLoginCode(phone, code, minutes) {
      const url = new URL('/', cfg.endpoint);
      const payload = JSON.stringify({
        PhoneNumberSet: [`+86${phone}`],
        SmsSdkAppId: cfg.sdkAppId,
        SignName: cfg.signName,
        TemplateId: cfg.templateId,
        TemplateParamSet: [code, String(minutes)],
      });
      const timestamp = Math.floor(now() / 1000);
      const headers = {
        'content-type': CONTENT_TYPE,
        'x-tc-action': ACTION,
        'x-tc-version': VERSION,
        'x-tc-timestamp': String(timestamp),
        'x-tc-region': cfg.region,
        authorization: tc3Authorization({
          secretId: cfg.secretId,
          secretKey: cfg.secretKey,
          service: SERVICE,
          host: url.host,
          contentType: CONTENT_TYPE,
          action: ACTION,
          payload,
          timestamp,
        }),
      };
      let answer: SendSmsAnswer;
      try {
        const res = await fetch(url, { method: 'POST', headers, body: payload, signal: AbortSignal.timeout(8000) });
        answer = (await res.json()) as SendSmsAnswer;
      } catch (err) {
        log.warn({ err: (err as Error).message }, 'sms provider unreachable');
        throw new AppError('upstream', 'SMS_UNAVAILABLE', '短信服务暂不可用，请稍后再试');
      }
      const requestId = answer.Response?.RequestId ?? null;
      const error = answer.Response?.Error;
      const status = answer.Response?.SendStatusSet?.[0];
      const failure = error?.Code ?? (status && status.Code !== 'Ok' ? status.Code : undefined) ?? (status ? undefined : 'NoSendStatus');
      if (!failure) return;
      log.warn({ providerCode: failure, requestId }, 'sms not sent');
      if (failure.startsWith('LimitExceeded')) {
        throw new AppError('rate_limited', 'SMS_PROVIDER_LIMIT', '该号码接收验证码过于频繁，请稍后再试');
      }
      if (failure === 'InvalidParameterValue.IncorrectPhoneNumber' || failure === 'FailedOperation.PhoneNumberInBlacklist') {
        throw new AppError('invalid', 'SMS_PHONE_REFUSED', '该号码无法接收短信验证码，请换一个手机号码', undefined, [
          { path: 'phone', code: 'SMS_PHONE_REFUSED', message: '该号码无法接收短信验证码，请换一个手机号码' },
        ]);
      }
      throw new AppError('upstream', 'SMS_SEND_FAILED', '验证码短信发送失败，请稍后再试');
    },
  };
}
