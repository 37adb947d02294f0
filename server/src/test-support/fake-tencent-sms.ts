// A local stand-in for 腾讯云短信's API (sms.tencentcloudapi.com, SendSms 2021-01-11) over real HTTP. It checks each
// request the way the provider documents (签名方法 v3): the Authorization header's credential scope, the signed
// headers taken from the request as received, the payload's hash, the timestamp's age, and the signature recomputed
// from the secret; then the app, sign and template. It answers in the provider's shapes, including its errors, and
// records what it "sent" so tests can read the code a phone would receive. Its verifier is written separately from
// the client's signer, so one cannot share a mistake with the other.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeSmsMessage {
  /** as the API gives it: +86… */
  phone: string;
  params: string[];
  templateId: string;
  signName: string;
  at: Date;
}

export interface FakeTencentSms {
  endpoint: string;
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  templateId: string;
  sent: FakeSmsMessage[];
  /** every refusal, by the provider's error code (signature failures included) */
  refusals: string[];
  /** the next SendSms answers with this error code in its send status (e.g. LimitExceeded.PhoneNumberDailyLimit) */
  failNext(code: string): void;
  /** the code of the last message to this 11-digit number */
  lastCode(phone: string): string | undefined;
  /** env vars that point the server at this fake */
  env(): Record<string, string>;
  close(): Promise<void>;
}

const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');
const hmacSha256 = (key: string | Buffer, msg: string) => createHmac('sha256', key).update(msg).digest();

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startFakeTencentSms(opts: { maxSkewS?: number } = {}): Promise<FakeTencentSms> {
  const secretId = 'AKIDfakeSmsSecretId0000000000000000';
  const secretKey = 'fakeSmsSecretKey00000000000000000';
  const sdkAppId = '1400000001';
  const signName = '某县纪委监委';
  const templateId = '100001';
  const sent: FakeSmsMessage[] = [];
  const refusals: string[] = [];
  let failure: string | null = null;
  const maxSkew = opts.maxSkewS ?? 300;

  /** The provider's own check, step by step; returns an error code or null. */
  function verify(req: IncomingMessage, body: Buffer): string | null {
    const auth = req.headers.authorization ?? '';
    const m = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(auth);
    if (!m) return 'AuthFailure.InvalidAuthorization';
    const [, id, date, service, signedHeaders, signature] = m as unknown as [string, string, string, string, string, string];
    if (id !== secretId) return 'AuthFailure.SecretIdNotFound';
    const ts = Number(req.headers['x-tc-timestamp']);
    if (!Number.isInteger(ts)) return 'MissingParameter';
    if (Math.abs(Date.now() / 1000 - ts) > maxSkew) return 'AuthFailure.SignatureExpire';
    if (new Date(ts * 1000).toISOString().slice(0, 10) !== date) return 'AuthFailure.SignatureFailure';
    if (service !== 'sms') return 'AuthFailure.SignatureFailure';
    const names = signedHeaders.split(';');
    if (!names.includes('content-type') || !names.includes('host')) return 'AuthFailure.SignatureFailure';
    const canonicalHeaders = names.map((n) => `${n}:${String(req.headers[n] ?? '').trim().toLowerCase()}\n`).join('');
    const query = (req.url ?? '/').split('?')[1] ?? '';
    const path = (req.url ?? '/').split('?')[0];
    const canonical = `${req.method}\n${path}\n${query}\n${canonicalHeaders}\n${signedHeaders}\n${sha256(body)}`;
    const toSign = `TC3-HMAC-SHA256\n${ts}\n${date}/${service}/tc3_request\n${sha256(canonical)}`;
    const key = hmacSha256(hmacSha256(hmacSha256(`TC3${secretKey}`, date), service), 'tc3_request');
    const expected = createHmac('sha256', key).update(toSign).digest();
    if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return 'AuthFailure.SignatureFailure';
    if (req.headers['x-tc-action'] !== 'SendSms') return 'InvalidAction';
    if (req.headers['x-tc-version'] !== '2021-01-11') return 'NoSuchVersion';
    if (!req.headers['x-tc-region']) return 'MissingParameter';
    return null;
  }

  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const requestId = crypto.randomUUID();
    const reply = (response: object) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ Response: { ...response, RequestId: requestId } }));
    };
    const refuse = (code: string) => {
      refusals.push(code);
      reply({ Error: { Code: code, Message: code } });
    };
    const authError = verify(req, body);
    if (authError) return refuse(authError);
    let p: { PhoneNumberSet?: string[]; SmsSdkAppId?: string; SignName?: string; TemplateId?: string; TemplateParamSet?: string[] };
    try {
      p = JSON.parse(body.toString('utf8'));
    } catch {
      return refuse('InvalidParameter');
    }
    if (p.SmsSdkAppId !== sdkAppId) return refuse('InvalidParameterValue.SdkAppIdNotExist');
    if (p.SignName !== signName) return refuse('FailedOperation.SignatureIncorrectOrUnapproved');
    if (p.TemplateId !== templateId) return refuse('FailedOperation.TemplateIncorrectOrUnapproved');
    if (!Array.isArray(p.PhoneNumberSet) || p.PhoneNumberSet.length !== 1) return refuse('InvalidParameterValue.IncorrectPhoneNumber');
    const phone = p.PhoneNumberSet[0]!;
    if (failure) {
      const code = failure;
      failure = null;
      refusals.push(code);
      return reply({ SendStatusSet: [{ SerialNo: '', PhoneNumber: phone, Fee: 0, SessionContext: '', Code: code, Message: code, IsoCode: 'CN' }] });
    }
    if (!/^\+861[3-9]\d{9}$/.test(phone)) {
      refusals.push('InvalidParameterValue.IncorrectPhoneNumber');
      return reply({ SendStatusSet: [{ SerialNo: '', PhoneNumber: phone, Fee: 0, SessionContext: '', Code: 'InvalidParameterValue.IncorrectPhoneNumber', Message: 'incorrect number', IsoCode: 'CN' }] });
    }
    sent.push({ phone, params: p.TemplateParamSet ?? [], templateId: p.TemplateId, signName: p.SignName, at: new Date() });
    reply({ SendStatusSet: [{ SerialNo: requestId, PhoneNumber: phone, Fee: 1, SessionContext: '', Code: 'Ok', Message: 'send success', IsoCode: 'CN' }] });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    secretId,
    secretKey,
    sdkAppId,
    signName,
    templateId,
    sent,
    refusals,
    failNext(code) {
      failure = code;
    },
    lastCode(phone) {
      return sent.filter((s) => s.phone === `+86${phone}`).at(-1)?.params[0];
    },
    env: () => ({
      SMS_PROVIDER: 'tencent',
      SMS_SECRET_ID: secretId,
      SMS_SECRET_KEY: secretKey,
      SMS_SDK_APP_ID: sdkAppId,
      SMS_SIGN_NAME: signName,
      SMS_TEMPLATE_ID: templateId,
      SMS_ENDPOINT: endpoint,
    }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
