import { afterEach, describe, expect, it, vi } from 'vitest'
import { taroMock } from '../test/taro-mock'

const ok = (data: unknown) => ({ statusCode: 200, data, header: {} })

async function freshModule() {
  vi.resetModules()
  return import('./subscribe')
}

afterEach(() => vi.unstubAllEnvs())

describe('订阅消息 permission', () => {
  it('in the weapp: loads the template at launch and asks for it on the tap, reading the citizen’s answer', async () => {
    vi.stubEnv('TARO_ENV', 'weapp')
    const { askToNotify, loadSubscribeTemplates } = await freshModule()
    taroMock.request.mockResolvedValueOnce(ok({ report: 'tmpl-report-1' }))
    await loadSubscribeTemplates()
    expect(taroMock.request.mock.calls[0]![0]).toMatchObject({ url: expect.stringContaining('/api/public/wechat/subscribe-templates'), method: 'GET' })
    taroMock.requestSubscribeMessage.mockResolvedValueOnce({ 'tmpl-report-1': 'accept', errMsg: 'requestSubscribeMessage:ok' })
    expect(await askToNotify()).toBe('accepted')
    expect(taroMock.requestSubscribeMessage.mock.calls[0]![0]).toMatchObject({ tmplIds: ['tmpl-report-1'] })
    taroMock.requestSubscribeMessage.mockResolvedValueOnce({ 'tmpl-report-1': 'reject', errMsg: 'requestSubscribeMessage:ok' })
    expect(await askToNotify()).toBe('refused')
  })

  it('asks nothing when the server has no WeChat template, nor in H5', async () => {
    vi.stubEnv('TARO_ENV', 'weapp')
    const weapp = await freshModule()
    taroMock.request.mockResolvedValueOnce(ok({ report: null }))
    await weapp.loadSubscribeTemplates()
    expect(await weapp.askToNotify()).toBe('unavailable')
    vi.stubEnv('TARO_ENV', 'h5')
    const h5 = await freshModule()
    await h5.loadSubscribeTemplates()
    expect(await h5.askToNotify()).toBe('unavailable')
    expect(taroMock.requestSubscribeMessage).not.toHaveBeenCalled()
  })
})
