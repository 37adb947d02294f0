import { apiErrorSchema, type ApiError } from '@msjd/shared/errors'

export type ApiIssue = NonNullable<ApiError['issues']>[number]

/** Codes the client itself produces; every other code comes from the server's error body. */
export const clientErrorCodes = {
  network: 'NETWORK_ERROR',
  timeout: 'TIMEOUT',
  badResponse: 'BAD_RESPONSE',
  wechatLoginFailed: 'WECHAT_LOGIN_FAILED',
  noSecureRandom: 'NO_SECURE_RANDOM',
  unexpected: 'UNEXPECTED',
} as const

export interface ApiRequestErrorInit {
  /** HTTP status; 0 when no answer arrived (offline, timeout) or the failure happened on the device. */
  status: number
  code: string
  message: string
  issues?: ApiIssue[]
  requestId?: string
}

export class ApiRequestError extends Error {
  readonly status: number
  readonly code: string
  readonly issues: ApiIssue[]
  readonly requestId?: string

  constructor(init: ApiRequestErrorInit) {
    super(init.message)
    // Babel's ES5 class transform can lose the subclass prototype when extending Error; restore it so
    // `instanceof ApiRequestError` holds on old mini-program engines too.
    Object.setPrototypeOf(this, ApiRequestError.prototype)
    this.name = 'ApiRequestError'
    this.status = init.status
    this.code = init.code
    this.issues = init.issues ?? []
    this.requestId = init.requestId
  }
}

export function isApiRequestError(value: unknown): value is ApiRequestError {
  return value instanceof ApiRequestError
}

/** What to say when the server's body is missing or not ours (a proxy's HTML 502, an empty 404 …). */
export function messageForStatus(status: number): string {
  if (status === 400) return '提交的信息有误，请检查后重试'
  if (status === 401) return '登录已失效，请重新登录'
  if (status === 403) return '没有权限进行此操作'
  if (status === 404) return '请求的内容不存在'
  if (status === 408) return '请求超时，请稍后重试'
  if (status === 409) return '操作冲突，请刷新后重试'
  if (status === 413) return '提交的内容过大'
  if (status === 429) return '操作过于频繁，请稍后再试'
  if (status >= 500) return '服务暂时不可用，请稍后重试'
  return `请求失败（${status}），请稍后重试`
}

/** Turns a non-2xx answer into an error, trusting the body only when it has the shared error shape. */
export function errorFromResponse(status: number, body: unknown): ApiRequestError {
  const parsed = apiErrorSchema.safeParse(body)
  if (parsed.success) {
    const { code, message, issues, requestId } = parsed.data
    return new ApiRequestError({ status, code, message: message || messageForStatus(status), issues, requestId })
  }
  return new ApiRequestError({ status, code: `HTTP_${status}`, message: messageForStatus(status) })
}

/**
 * A request that never got an answer. weapp rejects with `{ errMsg: 'request:fail timeout' }`; H5 (fetch) rejects
 * with an AbortError when Taro's timer aborts it, or a TypeError when offline.
 */
export function errorFromTransportFailure(failure: unknown): ApiRequestError {
  const f = (failure ?? {}) as { errMsg?: unknown; message?: unknown; name?: unknown }
  const text = [f.errMsg, f.message].filter((v) => typeof v === 'string').join(' ')
  if (f.name === 'AbortError' || /time(d)?\s?out/i.test(text)) {
    return new ApiRequestError({ status: 0, code: clientErrorCodes.timeout, message: '请求超时，请稍后重试' })
  }
  return new ApiRequestError({ status: 0, code: clientErrorCodes.network, message: '网络连接失败，请检查网络后重试' })
}

/** Anything thrown on the way (including our own bugs) becomes an ApiRequestError, so callers handle one type. */
export function toApiRequestError(value: unknown): ApiRequestError {
  if (isApiRequestError(value)) return value
  return new ApiRequestError({ status: 0, code: clientErrorCodes.unexpected, message: '操作失败，请稍后重试' })
}

/**
 * The sentence shown to the citizen. A server fault carries the request id so the citizen can quote it to the
 * hotline and staff can find the log line; nothing else technical is shown.
 */
export function toastText(error: ApiRequestError): string {
  if (error.status >= 500 && error.requestId) {
    return `${error.message}（编号 ${error.requestId.slice(0, 12)}）`
  }
  return error.message
}
