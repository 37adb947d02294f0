import { ApiRequestError, clientErrorCodes } from '@msjd/shared/api-error'

/** The error class and its builders are the admin panel's too (shared/src/api-error.ts); the device's own failures are worded here. */
export {
  ApiRequestError,
  clientErrorCodes,
  errorFromResponse,
  isApiRequestError,
  messageForStatus,
  toApiRequestError,
  type ApiIssue,
  type ApiRequestErrorInit,
} from '@msjd/shared/api-error'

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
