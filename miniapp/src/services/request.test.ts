import { beforeEach, describe, expect, it } from 'vitest'
import { ApiRequestError } from '../lib/api-error'
import { fakeServer } from '../test/fake-server'
import { taroMock, taroStorage } from '../test/taro-mock'
import { currentSession, ensureSession, relogin } from './auth'
import { request, uploadFile } from './request'

const loginOk = (token: string, via: 'device' | 'wechat' = 'device') => ({
  statusCode: 200,
  data: { token, expiresIn: 3600, citizen: { id: `citizen-${token}`, via } },
})

beforeEach(() => {
  // Node's webcrypto is what H5 browsers provide; weapp gets Taro.getRandomValues instead, which on weapp answers
  // through its callbacks only (Taro does not promisify it), so the mock does the same.
  taroMock.getRandomValues.mockImplementation(({ length, success }: { length: number; success: (r: { randomValues: ArrayBuffer }) => void }) => {
    success({ randomValues: new Uint8Array(length).fill(7).buffer })
  })
})

describe('request', () => {
  it('logs in with a device id first, then sends the bearer token', async () => {
    const calls = fakeServer({
      'POST /api/public/auth/device': [loginOk('tok1')],
      'GET /api/public/ping': [{ statusCode: 200, data: { ok: true } }],
    })
    await expect(request({ path: '/api/public/ping' })).resolves.toEqual({ ok: true })
    expect(calls.map((c) => c.url)).toEqual(['http://api.test/api/public/auth/device', 'http://api.test/api/public/ping'])
    expect((calls[0].data as { deviceId: string }).deviceId).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(calls[1].header.Authorization).toBe('Bearer tok1')
    expect(currentSession()?.citizen).toEqual({ id: 'citizen-tok1', via: 'device' })
  })

  it('keeps the same device id across logins', async () => {
    const calls = fakeServer({ 'POST /api/public/auth/device': [loginOk('a'), loginOk('b')] })
    await ensureSession()
    await relogin()
    expect((calls[0].data as { deviceId: string }).deviceId).toBe((calls[1].data as { deviceId: string }).deviceId)
  })

  it('shares one login between parallel requests', async () => {
    const calls = fakeServer({
      'POST /api/public/auth/device': [loginOk('tok1')],
      'GET /api/public/a': [{ statusCode: 200, data: 1 }],
      'GET /api/public/b': [{ statusCode: 200, data: 2 }],
    })
    await Promise.all([request({ path: '/api/public/a' }), request({ path: '/api/public/b' })])
    expect(calls.filter((c) => c.url.endsWith('/auth/device'))).toHaveLength(1)
  })

  it('on 401 drops the token, logs in again once and retries', async () => {
    const calls = fakeServer({
      'POST /api/public/auth/device': [loginOk('old'), loginOk('new')],
      'GET /api/public/me': [
        { statusCode: 200, data: 'first' },
        { statusCode: 401, data: { code: 'UNAUTHORIZED', message: '登录已失效' } },
        { statusCode: 200, data: 'after relogin' },
      ],
    })
    await request({ path: '/api/public/me' })
    await expect(request({ path: '/api/public/me' })).resolves.toBe('after relogin')
    expect(calls.map((c) => c.header.Authorization ?? 'login')).toEqual(['login', 'Bearer old', 'Bearer old', 'login', 'Bearer new'])
    expect(taroMock.showToast).not.toHaveBeenCalled()
  })

  it('gives up after a second 401 and says so', async () => {
    fakeServer({
      'POST /api/public/auth/device': [loginOk('t')],
      'GET /api/public/me': [{ statusCode: 401, data: { code: 'UNAUTHORIZED', message: '登录已失效，请重新登录' } }],
    })
    const error = await request({ path: '/api/public/me' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiRequestError)
    expect(error).toMatchObject({ status: 401, code: 'UNAUTHORIZED' })
    expect(taroMock.request).toHaveBeenCalledTimes(4) // login, 401, login, 401
    expect(taroMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '登录已失效，请重新登录', icon: 'none' }))
  })

  it('toasts the server message and throws a typed error with the field issues', async () => {
    const issues = [{ path: 'content', code: 'too_small', message: '请填写反映内容' }]
    fakeServer({
      'POST /api/public/auth/device': [loginOk('t')],
      'POST /api/public/reports': [{ statusCode: 400, data: { code: 'VALIDATION_FAILED', message: '提交的内容有误', issues } }],
    })
    const error = (await request({ method: 'POST', path: '/api/public/reports', data: {} }).catch((e: unknown) => e)) as ApiRequestError
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: '提交的内容有误', issues })
    expect(taroMock.showToast).toHaveBeenCalledTimes(1)
    expect(taroMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '提交的内容有误' }))
  })

  it('stays quiet when the page handles the failure itself', async () => {
    fakeServer({
      'POST /api/public/auth/device': [loginOk('t')],
      'GET /api/public/x': [{ statusCode: 404, data: { code: 'NOT_FOUND', message: '查询码或密码不正确' } }],
    })
    await expect(request({ path: '/api/public/x', silent: true })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(taroMock.showToast).not.toHaveBeenCalled()
  })

  it('reports a network failure during login with a toast', async () => {
    fakeServer({ 'POST /api/public/auth/device': [new TypeError('Failed to fetch')] })
    await expect(request({ path: '/api/public/x' })).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' })
    expect(taroMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络连接失败，请检查网络后重试' }))
  })

  it('surfaces DEVICE_LOGIN_DISABLED as the server words it', async () => {
    fakeServer({ 'POST /api/public/auth/device': [{ statusCode: 403, data: { code: 'DEVICE_LOGIN_DISABLED', message: '本平台未开放设备登录' } }] })
    await expect(request({ path: '/api/public/x' })).rejects.toMatchObject({ status: 403, code: 'DEVICE_LOGIN_DISABLED' })
    expect(taroMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '本平台未开放设备登录' }))
  })

  it('rejects an answer that breaks the contract', async () => {
    fakeServer({
      'POST /api/public/auth/device': [loginOk('t')],
      'GET /api/public/n': [{ statusCode: 200, data: { n: 'one' } }],
    })
    const schema = {
      safeParse: (d: unknown) =>
        typeof (d as { n: unknown }).n === 'number' ? { success: true as const, data: d as { n: number } } : { success: false as const },
    }
    await expect(request({ path: '/api/public/n', schema })).rejects.toMatchObject({ code: 'BAD_RESPONSE' })
  })

  it('refuses a login answer that does not match the shared contract', async () => {
    fakeServer({ 'POST /api/public/auth/device': [{ statusCode: 200, data: { token: 't' } }] })
    await expect(ensureSession()).rejects.toMatchObject({ code: 'BAD_RESPONSE' })
    expect(taroStorage.has('msjd.session')).toBe(false)
  })
})

describe('uploadFile', () => {
  type Upload = { url: string; filePath: string; name: string; formData?: Record<string, string>; header: Record<string, string> }
  const answers = (...replies: { statusCode: number; data: string }[]) => {
    const uploads: Upload[] = []
    taroMock.uploadFile.mockImplementation((o: Upload) => {
      uploads.push(o)
      const reply = replies.length > 1 ? replies.shift()! : replies[0]
      return Object.assign(Promise.resolve(reply), { onProgressUpdate: () => undefined })
    })
    return uploads
  }

  it('uploads with the bearer token, logs in again once after a 401 and repeats the upload', async () => {
    const calls = fakeServer({ 'POST /api/public/auth/device': [loginOk('old'), loginOk('new')] })
    const uploads = answers({ statusCode: 401, data: '{"code":"UNAUTHORIZED","message":"登录已失效"}' }, { statusCode: 201, data: '{"id":"att-1"}' })
    await expect(uploadFile({ path: '/api/public/x/attachments', filePath: 'wxfile://v.mp4', name: 'video', formData: { kind: 'video' } })).resolves.toEqual({ id: 'att-1' })
    expect(calls).toHaveLength(2)
    expect(uploads.map((u) => u.header.Authorization)).toEqual(['Bearer old', 'Bearer new'])
    expect(uploads[1]).toMatchObject({ url: 'http://api.test/api/public/x/attachments', filePath: 'wxfile://v.mp4', name: 'video', formData: { kind: 'video' } })
    expect(taroMock.showToast).not.toHaveBeenCalled()
  })

  it('gives up after a second 401, and sends no token at all when anonymous', async () => {
    fakeServer({ 'POST /api/public/auth/device': [loginOk('t')] })
    answers({ statusCode: 401, data: '{"code":"UNAUTHORIZED","message":"登录已失效，请重新登录"}' })
    await expect(uploadFile({ path: '/api/public/x', filePath: 'a' })).rejects.toMatchObject({ status: 401, code: 'UNAUTHORIZED' })
    expect(taroMock.uploadFile).toHaveBeenCalledTimes(2)

    taroMock.request.mockClear()
    const uploads = answers({ statusCode: 413, data: 'Payload Too Large' })
    await expect(uploadFile({ path: '/api/public/y', filePath: 'b', anonymous: true, header: { 'x-report-code': 'c' } })).rejects.toMatchObject({ status: 413, message: '提交的内容过大' })
    expect(uploads.at(-1)!.header).toEqual({ 'x-report-code': 'c' })
    expect(uploads.at(-1)!.name).toBe('file')
    expect(taroMock.request).not.toHaveBeenCalled()
  })
})

describe('weapp login', () => {
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp'
  })

  it('exchanges the wx.login code', async () => {
    taroMock.login.mockResolvedValue({ code: 'wx-code-1', errMsg: 'login:ok' })
    const calls = fakeServer({ 'POST /api/public/auth/wechat': [loginOk('w', 'wechat')] })
    await expect(ensureSession()).resolves.toMatchObject({ token: 'w', citizen: { via: 'wechat' } })
    expect(calls[0].data).toEqual({ code: 'wx-code-1' })
  })

  it('falls back to device login when the server has no WeChat credentials', async () => {
    taroMock.login.mockResolvedValue({ code: 'wx-code-1', errMsg: 'login:ok' })
    fakeServer({
      'POST /api/public/auth/wechat': [{ statusCode: 404, data: { code: 'WECHAT_LOGIN_DISABLED', message: '未配置微信登录' } }],
      'POST /api/public/auth/device': [loginOk('d')],
    })
    await expect(ensureSession()).resolves.toMatchObject({ token: 'd', citizen: { via: 'device' } })
    expect(taroMock.getRandomValues).toHaveBeenCalledWith(expect.objectContaining({ length: 24 }))
  })

  it('does not fall back on other failures', async () => {
    taroMock.login.mockResolvedValue({ code: 'wx-code-1', errMsg: 'login:ok' })
    fakeServer({ 'POST /api/public/auth/wechat': [{ statusCode: 500, data: { code: 'INTERNAL', message: '服务器内部错误' } }] })
    await expect(ensureSession()).rejects.toMatchObject({ code: 'INTERNAL' })
  })

  it('says so when wx.login itself fails', async () => {
    taroMock.login.mockRejectedValue({ errMsg: 'login:fail' })
    await expect(ensureSession()).rejects.toMatchObject({ code: 'WECHAT_LOGIN_FAILED', message: '微信登录失败，请稍后重试' })
  })
})
