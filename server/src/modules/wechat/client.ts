// The WeChat server API the product uses besides login (auth/wechat.ts): the access token, unlimited mini-program
// codes and subscribe messages. One client per app (its token cache lives with it).
// https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-access-token/getStableAccessToken.html
// https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/qrcode-link/qr-code/getUnlimitedQRCode.html
// https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
import type { Config } from '../../config';

export type WechatCredentials = NonNullable<Config['wechat']>;

/** WeChat answered with an errcode (or an unusable body). `permanent`: retrying the same call cannot help. */
export class WechatApiError extends Error {
  constructor(
    readonly errcode: number | null,
    message: string,
    readonly permanent = false,
  ) {
    super(message);
  }
}

/** errcodes meaning the token we sent is no longer good (expired, or replaced by a forced refresh elsewhere) */
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
/** the user has not (or no longer) subscribed: no retry delivers this message */
const NOT_SUBSCRIBED = 43101;
export const SCENE_MAX = 32;

export interface UnlimitedCodeOptions {
  scene: string;
  page: string;
  /** false: the page need not be published yet (codes printed before a release still open it later) */
  checkPath?: boolean;
  envVersion?: 'release' | 'trial' | 'develop';
  width?: number;
}

export interface SubscribeMessage {
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
}

export interface WechatClient {
  accessToken(): Promise<string>;
  unlimitedCode(o: UnlimitedCodeOptions): Promise<Buffer>;
  sendSubscribe(m: SubscribeMessage): Promise<void>;
}

export function createWechatClient(cfg: WechatCredentials, opts: { fetch?: typeof fetch; now?: () => number; timeoutMs?: number } = {}): WechatClient {
  const f = opts.fetch ?? fetch;
  const now = opts.now ?? Date.now;
  const timeout = opts.timeoutMs ?? 10_000;
  let cached: { token: string; until: number } | undefined;
  let pending: Promise<string> | undefined;

  async function post(path: string, body: unknown, token?: string): Promise<Response> {
    const url = new URL(path, cfg.apiBase);
    if (token) url.search = new URLSearchParams({ access_token: token }).toString();
    const res = await f(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(timeout) });
    if (!res.ok) throw new WechatApiError(null, `${path} HTTP ${res.status}`);
    return res;
  }

  async function fetchToken(): Promise<string> {
    // stable_token with force_refresh false: every instance of the server gets the same token while it is valid,
    // so one instance never invalidates the token another is using (the old /cgi-bin/token did exactly that)
    const res = await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: cfg.appId, secret: cfg.secret, force_refresh: false });
    const body = (await res.json()) as { access_token?: string; expires_in?: number; errcode?: number; errmsg?: string };
    if (!body.access_token) throw new WechatApiError(body.errcode ?? null, `stable_token errcode ${body.errcode}: ${body.errmsg}`);
    cached = { token: body.access_token, until: now() + Math.max(60, (body.expires_in ?? 7200) - 300) * 1000 };
    return body.access_token;
  }

  async function accessToken(): Promise<string> {
    if (cached && cached.until > now()) return cached.token;
    // concurrent callers share one request
    pending ??= fetchToken().finally(() => {
      pending = undefined;
    });
    return pending;
  }

  /** One call with the token; a token WeChat no longer accepts is dropped and the call made once more. */
  async function withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    try {
      return await call(await accessToken());
    } catch (err) {
      if (!(err instanceof WechatApiError) || err.errcode === null || !TOKEN_ERRORS.has(err.errcode)) throw err;
      cached = undefined;
      return call(await accessToken());
    }
  }

  return {
    accessToken,

    unlimitedCode: (o) => {
      if (o.scene.length === 0 || o.scene.length > SCENE_MAX) throw new RangeError(`scene must be 1..${SCENE_MAX} characters`);
      return withToken(async (token) => {
        const res = await post(
          '/wxa/getwxacodeunlimit',
          { scene: o.scene, page: o.page, check_path: o.checkPath ?? false, env_version: o.envVersion ?? 'release', width: o.width ?? 430 },
          token,
        );
        const type = res.headers.get('content-type') ?? '';
        const bytes = Buffer.from(await res.arrayBuffer());
        // success is the image itself; a failure is JSON (sometimes labelled as text/plain)
        if (type.startsWith('image/')) return bytes;
        let body: { errcode?: number; errmsg?: string } = {};
        try {
          body = JSON.parse(bytes.toString('utf8'));
        } catch {
          throw new WechatApiError(null, `getwxacodeunlimit answered ${type || 'no content type'}`);
        }
        throw new WechatApiError(body.errcode ?? null, `getwxacodeunlimit errcode ${body.errcode}: ${body.errmsg}`, body.errcode === 41030 || body.errcode === 40097);
      });
    },

    sendSubscribe: (m) =>
      withToken(async (token) => {
        const res = await post('/cgi-bin/message/subscribe/send', { touser: m.touser, template_id: m.templateId, page: m.page, data: m.data }, token);
        const body = (await res.json()) as { errcode?: number; errmsg?: string };
        if (body.errcode) {
          throw new WechatApiError(body.errcode, body.errcode === NOT_SUBSCRIBED ? '用户未订阅或订阅已用完 (43101)' : `subscribe/send errcode ${body.errcode}: ${body.errmsg}`, body.errcode === NOT_SUBSCRIBED || body.errcode === 47003);
        }
      }),
  };
}
