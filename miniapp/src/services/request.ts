import { ApiRequestError, clientErrorCodes, isApiRequestError, toApiRequestError } from '../lib/api-error'
import { ensureSession, renewSession, SMS_LOGIN_REQUIRED } from './auth'
import { showErrorToast } from './feedback'
import { send, sendFile, type SendFileOptions, type SendOptions } from './transport'

/** Structural stand-in for a zod schema, so services can pass the shared response schemas without a zod import. */
export interface ResponseSchema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false }
}

export interface RequestOptions<T> extends Omit<SendOptions, 'token'> {
  /** Validates the answer against the shared contract; a mismatch is reported as a bad response. */
  schema?: ResponseSchema<T>
  /** Set when the page tells the failure its own way (inline under a field, for instance) instead of a toast. */
  silent?: boolean
  /**
   * No citizen session: no login first and no token (a report reached by query code + secret; the routes are public
   * and unlinkable, and a token would tie the 保密 report to this device or WeChat account in transit).
   */
  anonymous?: boolean
}

/**
 * Runs one exchange with the citizen's token. The token may have been revoked or expired early (server restart with
 * a new secret, clock skew): after a 401 it logs in again once and repeats the exchange; a second 401 is a real
 * refusal and goes to the caller. JSON requests and file uploads both go through here.
 */
async function withSession<T>(exchange: (token: string | undefined) => Promise<T>): Promise<T> {
  let session
  try {
    session = await ensureSession()
  } catch (error) {
    // H5 in production has no login until a number is verified by SMS: public routes (categories, 进度查询 by query
    // code) still answer without a token, and a route that needs one says so itself
    if (isApiRequestError(error) && error.code === SMS_LOGIN_REQUIRED) return exchange(undefined)
    throw error
  }
  try {
    return await exchange(session.token)
  } catch (error) {
    if (!(isApiRequestError(error) && error.status === 401)) throw error
    const renewed = await renewSession(session.token)
    return exchange(renewed.token)
  }
}

function checked<T>(body: unknown, schema: ResponseSchema<T> | undefined): T {
  if (!schema) return body as T
  const parsed = schema.safeParse(body)
  if (!parsed.success) {
    throw new ApiRequestError({ status: 200, code: clientErrorCodes.badResponse, message: '服务返回了无法识别的数据，请稍后重试' })
  }
  return parsed.data
}

/**
 * The one way pages and services talk to the API as a citizen: logs in first if needed, attaches the token,
 * retries once after a 401, tells the citizen what went wrong, and throws an ApiRequestError.
 */
export async function request<T = unknown>({ schema, silent = false, anonymous = false, ...options }: RequestOptions<T>): Promise<T> {
  try {
    return checked(anonymous ? await send(options) : await withSession((token) => send({ ...options, token })), schema)
  } catch (error) {
    const failure = toApiRequestError(error)
    if (!silent) showErrorToast(failure)
    throw failure
  }
}

export interface UploadFileOptions<T> extends Omit<SendFileOptions, 'token' | 'name'> {
  /** The multipart field of the file; `file` unless the route says otherwise. */
  name?: string
  schema?: ResponseSchema<T>
  /** No citizen session: `header` carries the credentials instead (a 保密 report's query code + secret). */
  anonymous?: boolean
}

/**
 * Uploads one file as the citizen (photos, and any other file a route takes): the same login, bearer token and one
 * re-login after a 401 as `request`, with upload progress. Never toasts: the page says which file failed.
 */
export async function uploadFile<T = unknown>({ name = 'file', schema, anonymous = false, ...options }: UploadFileOptions<T>): Promise<T> {
  try {
    const body = anonymous ? await sendFile({ ...options, name }) : await withSession((token) => sendFile({ ...options, name, token }))
    return checked(body, schema)
  } catch (error) {
    throw isApiRequestError(error) ? error : new ApiRequestError({ status: 0, code: clientErrorCodes.unexpected, message: '文件上传失败，请稍后重试' })
  }
}
