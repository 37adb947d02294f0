import { backgroundRequestHeader, sessionIdleDeadlineHeader } from '@msjd/shared/auth'
import { ApiRequestError, clientErrorCodes, errorFromResponse, type ApiIssue } from '@msjd/shared/api-error'

/** The error class and its builders are the mini-program's too (shared/src/api-error.ts). */
export { ApiRequestError, clientErrorCodes, errorFromResponse, toApiRequestError, type ApiIssue } from '@msjd/shared/api-error'

/** The sentence shown to staff. A server fault carries the request id so it can be quoted to the maintainers. */
export function errorText(error: ApiRequestError): string {
  if (error.status >= 500 && error.requestId) return `${error.message}（请求编号 ${error.requestId}）`
  return error.message
}

const TOKEN_KEY = 'msjd.admin.token'

export function getToken(): string | null {
  return localStorage.getItem(TOKEN_KEY)
}

export function setToken(token: string): void {
  localStorage.setItem(TOKEN_KEY, token)
}

export function clearToken(): void {
  localStorage.removeItem(TOKEN_KEY)
  lastIdleDeadline = null
}

type SessionExpiredListener = (reason: string) => void
const sessionExpiredListeners = new Set<SessionExpiredListener>()

/**
 * Called after the server refused our token. The client cannot navigate by itself (it lives outside React);
 * the auth provider listens and sends the user to the login page.
 */
export function onSessionExpired(listener: SessionExpiredListener): () => void {
  sessionExpiredListeners.add(listener)
  return () => sessionExpiredListeners.delete(listener)
}

type IdleDeadlineListener = (deadline: Date) => void
const idleDeadlineListeners = new Set<IdleDeadlineListener>()
let lastIdleDeadline: Date | null = null

/**
 * Every staff answer says when the session ends if no further request comes (sessionIdleDeadlineHeader); the
 * idle warning listens, so its countdown follows the server's clock of activity rather than guessing.
 */
export function onIdleDeadline(listener: IdleDeadlineListener): () => void {
  idleDeadlineListeners.add(listener)
  // The answer that opened the panel (GET /me) arrives before the panel's listener is there.
  if (lastIdleDeadline) listener(lastIdleDeadline)
  return () => idleDeadlineListeners.delete(listener)
}

/** Structural stand-in for a zod schema, so feature modules pass the shared response schemas as they are. */
export interface ResponseSchema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false }
}

export type QueryValue = string | number | boolean | null | undefined

export interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** Query parameters; empty values are left out so the server applies its defaults. */
  query?: Record<string, QueryValue>
  body?: unknown
  /** Validates the answer against the shared contract; a mismatch is reported as BAD_RESPONSE. */
  schema?: ResponseSchema<T>
  signal?: AbortSignal
  /** For the login call: no token is sent, and a 401 means wrong credentials, not an expired session. */
  anonymous?: boolean
  /** Sent instead of the stored token: logout clears the stored one first, then tells the server. */
  token?: string
  /** A request the panel makes by itself (a poll): the server does not count it as the user's activity. */
  background?: boolean
}

const API_BASE = '/api'
export const REQUEST_TIMEOUT_MS = 30_000

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue
    params.append(key, String(value))
  }
  const search = params.toString()
  return `${API_BASE}${path}${search ? `?${search}` : ''}`
}

function retryAfter(response: Response): number | undefined {
  const seconds = Number(response.headers.get('Retry-After'))
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : undefined
}

/**
 * The one way the panel talks to the API: adds the bearer token, times out hung requests, turns every failure
 * into an ApiRequestError and ends the session when the server no longer accepts the token.
 */
export async function apiRequest<T = unknown>(path: string, options: RequestOptions<T> = {}): Promise<T> {
  const { method = 'GET', query, body, schema, signal, anonymous = false } = options
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  const token = anonymous ? null : (options.token ?? getToken())
  if (token) headers.Authorization = `Bearer ${token}`
  if (options.background) headers[backgroundRequestHeader] = '1'

  // One controller for both reasons to stop: the caller leaving (page closed, filter changed) and our timeout.
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, REQUEST_TIMEOUT_MS)
  const forwardAbort = () => controller.abort()
  if (signal?.aborted) controller.abort()
  signal?.addEventListener('abort', forwardAbort)

  let response: Response
  let payload: unknown
  try {
    response = await fetch(buildUrl(path, query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
    })
    const text = await response.text()
    try {
      payload = text ? JSON.parse(text) : undefined
    } catch {
      payload = text
    }
  } catch {
    if (timedOut) throw new ApiRequestError({ status: 0, code: clientErrorCodes.timeout, message: '请求超时，请稍后重试' })
    if (controller.signal.aborted) throw new ApiRequestError({ status: 0, code: clientErrorCodes.aborted, message: '请求已取消' })
    throw new ApiRequestError({ status: 0, code: clientErrorCodes.network, message: '无法连接服务器，请检查网络后重试' })
  } finally {
    clearTimeout(timer)
    signal?.removeEventListener('abort', forwardAbort)
  }

  const deadline = Date.parse(response.headers.get(sessionIdleDeadlineHeader) ?? '')
  if (token && !Number.isNaN(deadline)) {
    // Counted from the server's own clock (its Date header) so a wrong clock on this computer does not matter.
    const serverNow = Date.parse(response.headers.get('date') ?? '')
    lastIdleDeadline = new Date(Number.isNaN(serverNow) ? deadline : Date.now() + (deadline - serverNow))
    for (const listener of idleDeadlineListeners) listener(lastIdleDeadline)
  }

  if (!response.ok) {
    const error = errorFromResponse(response.status, payload, retryAfter(response))
    if (response.status === 401 && token && !options.token) {
      clearToken()
      for (const listener of sessionExpiredListeners) listener(error.message)
    }
    throw error
  }
  if (!schema) return payload as T
  const parsed = schema.safeParse(payload)
  if (!parsed.success) {
    throw new ApiRequestError({ status: response.status, code: clientErrorCodes.badResponse, message: '服务返回了无法识别的数据，请稍后重试' })
  }
  return parsed.data
}

export interface FieldError {
  /** antd NamePath: 'items.0.name' becomes ['items', 0, 'name']. */
  name: (string | number)[]
  errors: string[]
}

/**
 * Splits the server's validation issues into errors for the form's own fields (to show under each input) and
 * the rest (to show in a banner), so no message the server sent is silently dropped.
 */
export function issuesToFieldErrors(
  issues: readonly ApiIssue[],
  formFields: readonly string[],
): { fields: FieldError[]; unmatched: ApiIssue[] } {
  const byPath = new Map<string, FieldError>()
  const unmatched: ApiIssue[] = []
  for (const issue of issues) {
    const segments = issue.path.split('.').filter(Boolean)
    if (segments.length === 0 || !formFields.includes(segments[0])) {
      unmatched.push(issue)
      continue
    }
    const key = segments.join('.')
    const field = byPath.get(key) ?? { name: segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s)), errors: [] }
    if (!field.errors.includes(issue.message)) field.errors.push(issue.message)
    byPath.set(key, field)
  }
  return { fields: [...byPath.values()], unmatched }
}
