// The one error the clients (admin panel and mini-program) throw for anything that went wrong talking to the API,
// built from the server's error body (./errors) or from the client's own failure. Each client keeps only how it
// reaches the network and how it words the error for its readers (errorText, toastText).
import { apiErrorSchema, type ApiError } from './errors';

export type ApiIssue = NonNullable<ApiError['issues']>[number];

/** Codes the clients produce themselves; every other code comes from the server's error body. */
export const clientErrorCodes = {
  network: 'NETWORK_ERROR',
  timeout: 'TIMEOUT',
  aborted: 'ABORTED',
  badResponse: 'BAD_RESPONSE',
  wechatLoginFailed: 'WECHAT_LOGIN_FAILED',
  noSecureRandom: 'NO_SECURE_RANDOM',
  unexpected: 'UNEXPECTED',
} as const;

export interface ApiRequestErrorInit {
  /** HTTP status; 0 when no answer arrived (offline, timeout, cancelled) or the failure happened on the device. */
  status: number;
  code: string;
  message: string;
  issues?: ApiIssue[];
  requestId?: string;
  /** The server's extra facts about the refusal, e.g. `{ captchaRequired: true }` after failed logins. */
  details?: Record<string, unknown>;
}

export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: ApiIssue[];
  readonly requestId?: string;
  readonly details: Record<string, unknown>;

  constructor(init: ApiRequestErrorInit) {
    super(init.message);
    // Babel's ES5 class transform can lose the subclass prototype when extending Error; restore it so
    // `instanceof ApiRequestError` holds on old mini-program engines too.
    Object.setPrototypeOf(this, ApiRequestError.prototype);
    this.name = 'ApiRequestError';
    this.status = init.status;
    this.code = init.code;
    this.issues = init.issues ?? [];
    this.requestId = init.requestId;
    this.details = init.details ?? {};
  }
}

export function isApiRequestError(value: unknown): value is ApiRequestError {
  return value instanceof ApiRequestError;
}

/** Anything thrown on the way (including our own bugs) becomes an ApiRequestError, so callers handle one type. */
export function toApiRequestError(value: unknown): ApiRequestError {
  if (isApiRequestError(value)) return value;
  return new ApiRequestError({ status: 0, code: clientErrorCodes.unexpected, message: '操作失败，请稍后重试' });
}

/** What to say when the server's body is missing or not ours (a proxy's HTML 502, an empty 404 …). */
export function messageForStatus(status: number, retryAfterSeconds?: number): string {
  if (status === 400) return '提交的信息有误，请检查后重试';
  if (status === 401) return '登录已失效，请重新登录';
  if (status === 403) return '没有权限进行此操作';
  if (status === 404) return '请求的内容不存在';
  if (status === 408) return '请求超时，请稍后重试';
  if (status === 409) return '操作冲突，请刷新后重试';
  if (status === 413) return '提交的内容过大';
  if (status === 429) {
    return retryAfterSeconds ? `操作过于频繁，请 ${retryAfterSeconds} 秒后再试` : '操作过于频繁，请稍后再试';
  }
  if (status >= 500) return '服务暂时不可用，请稍后重试';
  return `请求失败（${status}），请稍后重试`;
}

const hasChinese = /[\u4e00-\u9fff]/;

/**
 * Turns a non-2xx answer into an error, trusting the body only when it has the shared error shape. A message
 * without any Chinese is a framework default that slipped past the server's error handler (a rate limiter's
 * "Rate limit exceeded", a proxy's text): the reader gets the Chinese sentence for the status instead.
 */
export function errorFromResponse(status: number, body: unknown, retryAfterSeconds?: number): ApiRequestError {
  const parsed = apiErrorSchema.safeParse(body);
  if (!parsed.success) {
    return new ApiRequestError({ status, code: `HTTP_${status}`, message: messageForStatus(status, retryAfterSeconds) });
  }
  const { code, message, issues, requestId, details } = parsed.data;
  return new ApiRequestError({
    status,
    code,
    message: hasChinese.test(message) ? message : messageForStatus(status, retryAfterSeconds),
    issues,
    requestId,
    details,
  });
}
