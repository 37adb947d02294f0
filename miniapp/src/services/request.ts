import { ApiRequestError, clientErrorCodes, isApiRequestError, toApiRequestError } from '../lib/api-error'
import { ensureSession, renewSession } from './auth'
import { showErrorToast } from './feedback'
import { send, type SendOptions } from './transport'

/** Structural stand-in for a zod schema, so services can pass the shared response schemas without a zod import. */
export interface ResponseSchema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false }
}

export interface RequestOptions<T> extends Omit<SendOptions, 'token'> {
  /** Validates the answer against the shared contract; a mismatch is reported as a bad response. */
  schema?: ResponseSchema<T>
  /** Set when the page tells the failure its own way (inline under a field, for instance) instead of a toast. */
  silent?: boolean
}

async function sendWithSession(options: Omit<SendOptions, 'token'>): Promise<unknown> {
  const session = await ensureSession()
  try {
    return await send({ ...options, token: session.token })
  } catch (error) {
    if (!(isApiRequestError(error) && error.status === 401)) throw error
    // The token was revoked or expired early (server restart with a new secret, clock skew): log in again once.
    // A second 401 is a real refusal and goes to the caller.
    const renewed = await renewSession(session.token)
    return send({ ...options, token: renewed.token })
  }
}

/**
 * The one way pages and services talk to the API as a citizen: logs in first if needed, attaches the token,
 * retries once after a 401, tells the citizen what went wrong, and throws an ApiRequestError.
 */
export async function request<T = unknown>({ schema, silent = false, ...options }: RequestOptions<T>): Promise<T> {
  try {
    const body = await sendWithSession(options)
    if (!schema) return body as T
    const parsed = schema.safeParse(body)
    if (!parsed.success) {
      throw new ApiRequestError({ status: 200, code: clientErrorCodes.badResponse, message: '服务返回了无法识别的数据，请稍后重试' })
    }
    return parsed.data
  } catch (error) {
    const failure = toApiRequestError(error)
    if (!silent) showErrorToast(failure)
    throw failure
  }
}
