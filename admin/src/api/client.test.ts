import { afterEach, describe, expect, it, vi } from 'vitest'
import { staffLoginResponse } from '@msjd/shared/auth'
import { jsonResponse, mockServer } from '../test/http'
import {
  ApiRequestError,
  REQUEST_TIMEOUT_MS,
  apiRequest,
  buildUrl,
  errorFromResponse,
  errorText,
  getToken,
  issuesToFieldErrors,
  onSessionExpired,
  setToken,
} from './client'

function stubFetch(impl: (url: string, init: RequestInit) => Promise<Response>) {
  const fetchMock = vi.fn((input: RequestInfo | URL, init: RequestInit = {}) => impl(String(input), init))
  vi.stubGlobal('fetch', fetchMock)
  return fetchMock
}

async function failureOf(promise: Promise<unknown>): Promise<ApiRequestError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ApiRequestError) return error
    throw error
  }
  throw new Error('expected the request to fail')
}

describe('errorFromResponse', () => {
  it('keeps the code, message, issues and request id of an error in the shared shape', () => {
    const error = errorFromResponse(400, {
      code: 'VALIDATION_FAILED',
      message: '提交的信息有误',
      requestId: 'req-1',
      issues: [{ path: 'username', code: 'too_small', message: '请输入用户名' }],
    })
    expect(error).toBeInstanceOf(ApiRequestError)
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: '提交的信息有误', requestId: 'req-1' })
    expect(error.issues).toEqual([{ path: 'username', code: 'too_small', message: '请输入用户名' }])
  })

  it('falls back to a Chinese sentence for a body that is not ours', () => {
    const error = errorFromResponse(502, '<html>Bad Gateway</html>')
    expect(error).toMatchObject({ status: 502, code: 'HTTP_502', message: '服务暂时不可用，请稍后重试', issues: [] })
  })

  it('replaces an English framework message, naming the wait from Retry-After', () => {
    const error = errorFromResponse(429, { code: 'FST_ERR_RATE_LIMIT', message: 'Rate limit exceeded' }, 60)
    expect(error).toMatchObject({ code: 'FST_ERR_RATE_LIMIT', message: '操作过于频繁，请 60 秒后再试' })
  })

  it('quotes the request id of a server fault so staff can report it', () => {
    const error = errorFromResponse(500, { code: 'INTERNAL', message: '服务器内部错误', requestId: 'abc123' })
    expect(errorText(error)).toBe('服务器内部错误（请求编号 abc123）')
    expect(errorText(errorFromResponse(403, { code: 'FORBIDDEN', message: '没有权限' }))).toBe('没有权限')
  })
})

describe('apiRequest', () => {
  afterEach(() => vi.useRealTimers())

  it('sends the stored token and leaves empty query values out', async () => {
    setToken('tok-1')
    const fetchMock = stubFetch(async () => jsonResponse(200, { ok: true }))
    await expect(apiRequest('/staff/units', { query: { q: '', kind: undefined, page: 2 } })).resolves.toEqual({ ok: true })
    const [url, init] = fetchMock.mock.calls[0]
    expect(url).toBe('/api/staff/units?page=2')
    expect((init?.headers as Record<string, string>).Authorization).toBe('Bearer tok-1')
  })

  it('posts JSON and validates the answer with the given schema', async () => {
    const fetchMock = stubFetch(async () => jsonResponse(200, { token: 't', expiresIn: 3600 }))
    const error = await failureOf(
      apiRequest('/staff/auth/login', { method: 'POST', body: { username: 'a' }, schema: staffLoginResponse, anonymous: true }),
    )
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', status: 200 })
    const init = fetchMock.mock.calls[0][1]!
    expect(init.body).toBe('{"username":"a"}')
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json')
  })

  it('ends the session when the server refuses the token', async () => {
    setToken('expired')
    const expired = vi.fn()
    const stop = onSessionExpired(expired)
    stubFetch(async () => jsonResponse(401, { code: 'UNAUTHORIZED', message: '登录已过期，请重新登录' }))
    const error = await failureOf(apiRequest('/staff/auth/me'))
    stop()
    expect(error).toMatchObject({ status: 401, code: 'UNAUTHORIZED', message: '登录已过期，请重新登录' })
    expect(getToken()).toBeNull()
    expect(expired).toHaveBeenCalledTimes(1)
  })

  it('treats a 401 on an anonymous call (wrong password) as an ordinary error', async () => {
    setToken('still-valid')
    const expired = vi.fn()
    const stop = onSessionExpired(expired)
    const fetchMock = stubFetch(async () => jsonResponse(401, { code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' }))
    const error = await failureOf(apiRequest('/staff/auth/login', { method: 'POST', body: {}, anonymous: true }))
    stop()
    expect(error).toMatchObject({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' })
    expect((fetchMock.mock.calls[0][1]?.headers as Record<string, string>).Authorization).toBeUndefined()
    expect(getToken()).toBe('still-valid')
    expect(expired).not.toHaveBeenCalled()
  })

  it('reports an unreachable server as a network error', async () => {
    stubFetch(async () => {
      throw new TypeError('Failed to fetch')
    })
    const error = await failureOf(apiRequest('/staff/units'))
    expect(error).toMatchObject({ status: 0, code: 'NETWORK_ERROR', message: '无法连接服务器，请检查网络后重试' })
  })

  // Resolves never; rejects like fetch does once its signal aborts.
  const hangingFetch = (_url: string, init: RequestInit) =>
    new Promise<Response>((_resolve, reject) => {
      init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))
    })

  it('gives up on a hung request', async () => {
    vi.useFakeTimers()
    stubFetch(hangingFetch)
    const pending = failureOf(apiRequest('/staff/units'))
    await vi.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS)
    expect(await pending).toMatchObject({ code: 'TIMEOUT', message: '请求超时，请稍后重试' })
  })

  it('tells a cancelled request apart from a failure', async () => {
    stubFetch(hangingFetch)
    const controller = new AbortController()
    const pending = failureOf(apiRequest('/staff/units', { signal: controller.signal }))
    controller.abort()
    expect(await pending).toMatchObject({ code: 'ABORTED' })
  })
})

describe('buildUrl', () => {
  it('encodes query values', () => {
    expect(buildUrl('/staff/units', { q: '城关 镇', page: 1, pageSize: 20 })).toBe(
      '/api/staff/units?q=%E5%9F%8E%E5%85%B3+%E9%95%87&page=1&pageSize=20',
    )
  })
})

describe('issuesToFieldErrors', () => {
  it('maps issue paths to form fields and keeps the rest for a banner', () => {
    const { fields, unmatched } = issuesToFieldErrors(
      [
        { path: 'username', code: 'too_small', message: '请输入用户名' },
        { path: 'username', code: 'too_small', message: '请输入用户名' },
        { path: 'username', code: 'too_big', message: '用户名过长' },
        { path: 'members.0.phone', code: 'invalid_string', message: '手机号格式不正确' },
        { path: '', code: 'custom', message: '提交的内容不完整' },
        { path: 'captcha', code: 'required', message: '请输入验证码' },
      ],
      ['username', 'password', 'members'],
    )
    expect(fields).toEqual([
      { name: ['username'], errors: ['请输入用户名', '用户名过长'] },
      { name: ['members', 0, 'phone'], errors: ['手机号格式不正确'] },
    ])
    expect(unmatched.map((issue) => issue.message)).toEqual(['提交的内容不完整', '请输入验证码'])
  })
})

describe('idle deadline', () => {
  it('is read from every answer and counted from the server’s clock, not this computer’s', async () => {
    const { onIdleDeadline, apiRequest, setToken, clearToken } = await import('./client')
    const serverNow = new Date(Date.now() - 10 * 60_000) // the server's clock is 10 minutes behind ours
    const deadline = new Date(serverNow.getTime() + 30 * 60_000)
    mockServer(() => ({
      status: 200,
      body: {},
      headers: { 'x-session-idle-deadline': deadline.toISOString(), date: serverNow.toUTCString() },
    }))
    setToken('t')
    const seen: Date[] = []
    const stop = onIdleDeadline((d) => seen.push(d))
    await apiRequest('/staff/anything')
    stop()
    clearToken()
    expect(seen).toHaveLength(1)
    expect(Math.abs(seen[0]!.getTime() - (Date.now() + 30 * 60_000))).toBeLessThan(2_000)
  })
})
