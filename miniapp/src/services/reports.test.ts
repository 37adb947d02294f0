// A report reached by query code + secret is looked up, supplemented, answered and rated with no citizen session: the
// code is the credential, and a token on the way would tie a 保密 report to this device or WeChat account.
import { beforeEach, describe, expect, it } from 'vitest'
import { fakeServer } from '../test/fake-server'
import { taroMock } from '../test/taro-mock'
import { ensureSession } from './auth'
import { answer, getMine, lookup, rate, supplement, type ReportTarget } from './reports'

const CODE = '1234567890123456'
const SECRET = 'ABCD2345'
const byCode: ReportTarget = { kind: 'code', code: CODE, secret: SECRET }
const view = {
  id: 'rep-1',
  serial: 'JB20261124000001',
  category: 'zuofeng',
  categoryName: '作风问题',
  status: 'replied',
  statusLabel: '已答复',
  confidential: true,
  reportedPerson: null,
  content: '村干部在低保评定中优亲厚友。',
  occurredAt: null,
  location: null,
  submittedAt: '2026-11-20T02:00:00.000Z',
  reply: '经核实，已责令整改。',
  repliedAt: '2026-11-24T02:00:00.000Z',
  rating: null,
  canRate: true,
  canSupplement: true,
  attachmentCount: 0,
  timeline: [],
  messages: [],
  awaitingAnswer: false,
  canAnswer: true,
}
const ok = (data: unknown) => [{ statusCode: 200, data }]
const login = { statusCode: 200, data: { token: 'tok-citizen', expiresIn: 3600, citizen: { id: 'citizen-1', via: 'wechat' } } }

describe.each(['weapp', 'h5'] as const)('lookups by query code on %s', (env) => {
  beforeEach(() => {
    process.env.TARO_ENV = env
    taroMock.login.mockResolvedValue({ code: 'wx-code-1', errMsg: 'login:ok' })
    taroMock.getRandomValues.mockImplementation(({ length, success }: { length: number; success: (r: { randomValues: ArrayBuffer }) => void }) => {
      success({ randomValues: new Uint8Array(length).fill(7).buffer })
    })
  })

  it('send no token and log in for none of them, even with a session at hand; the citizen’s own report still goes with it', async () => {
    const calls = fakeServer({
      'POST /api/public/auth/wechat': [login],
      'POST /api/public/auth/device': [login],
      'POST /api/public/reports/lookup': ok(view),
      'POST /api/public/reports/lookup/supplements': ok(view),
      'POST /api/public/reports/lookup/messages': ok({ messageId: '6f9619ff-8b86-4011-b42d-00cf4fc964ff', replayed: false, report: view }),
      'POST /api/public/reports/lookup/rating': ok(view),
      'GET /api/public/reports/mine/rep-1': ok(view),
    })
    await ensureSession()
    const logins = calls.length
    expect(logins).toBe(1)

    await lookup({ code: CODE, secret: SECRET })
    await supplement(byCode, '补充：去年十月也发生过。')
    await answer(byCode, '是在村委会二楼。')
    await rate(byCode, 'satisfied')
    const anonymous = calls.slice(logins)
    expect(anonymous.map((c) => c.url.replace('http://api.test', ''))).toEqual([
      '/api/public/reports/lookup',
      '/api/public/reports/lookup/supplements',
      '/api/public/reports/lookup/messages',
      '/api/public/reports/lookup/rating',
    ])
    for (const call of anonymous) expect(call.header.Authorization, call.url).toBeUndefined()
    expect(anonymous.map((c) => (c.data as { code: string }).code)).toEqual([CODE, CODE, CODE, CODE])

    // the same page's own report (我的反映) is read with the session, as before
    await getMine('rep-1')
    expect(calls.at(-1)!.header.Authorization).toBe('Bearer tok-citizen')
  })

  it('a wrong code is told as the server says, without a login first', async () => {
    const calls = fakeServer({ 'POST /api/public/reports/lookup': [{ statusCode: 404, data: { code: 'NOT_FOUND', message: '查询码或密码不正确' } }] })
    await expect(lookup({ code: CODE, secret: 'WRONG234' })).rejects.toMatchObject({ status: 404, message: '查询码或密码不正确' })
    expect(calls.map((c) => [c.url.replace('http://api.test', ''), c.header.Authorization])).toEqual([['/api/public/reports/lookup', undefined]])
  })
})
