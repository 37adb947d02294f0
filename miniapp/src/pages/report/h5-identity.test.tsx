// The report form in H5 (issue 14, H5 in production): with an SMS provider, 实名 asks phone -> captcha -> code inline
// before submitting, and the report goes with the verified number's session; without one, H5 offers 保密 only and
// says why, and 进度查询 by query code still works without any login.
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { emptyDraft, type ReportDraft } from '../../lib/report-draft'
import { NOTICE_VERSION } from '../../lib/privacy'
import { forgetDeviceLoginRefusal } from '../../services/auth'
import { forgetLoginOptions } from '../../services/h5-login'
import { lookup } from '../../services/reports'
import { fakeServer } from '../../test/fake-server'
import { taroStorage } from '../../test/taro-mock'
import Report from './index'

const KEY = 'draftkey_0123456789abcdefghijKLMN'
const deviceRefused = { statusCode: 403, data: { code: 'DEVICE_LOGIN_DISABLED', message: '设备登录已关闭，请在微信中打开' } }
const categories = { statusCode: 200, data: { items: [{ code: 'zuofeng', name: '作风问题', replyDays: 15 }] } }
const options = (sms: boolean) => ({ statusCode: 200, data: { wechat: false, device: false, sms } })
const captcha = (id: string) => ({ statusCode: 200, data: { captchaId: id, svg: `<svg id="${id}"></svg>`, expiresIn: 300 } })
const submitted = { statusCode: 201, data: { id: 'rep-1', serial: 'JB20261124-0001', status: 'submitted', acceptDueOn: '2026-11-27', replayed: false, queryCode: null, querySecret: null, notice: null } }
const ready = (over: Partial<ReportDraft> = {}): ReportDraft => ({
  ...emptyDraft(KEY),
  category: 'zuofeng',
  categoryName: '作风问题',
  content: '村干部在低保评定中优亲厚友，多次向群众索要好处。',
  ...over,
})

const $ = (c: HTMLElement, id: string) => c.querySelector(`#${id}`) as HTMLElement | null
const text = (c: HTMLElement, id: string) => $(c, id)?.textContent ?? null
const typeInto = (c: HTMLElement, id: string, value: string) => fireEvent.input($(c, id)!.querySelector('input') ?? $(c, id)!, { target: { value } })
const tap = async (c: HTMLElement, id: string) => {
  await act(async () => {
    fireEvent.click($(c, id)!)
  })
}

beforeEach(() => {
  process.env.TARO_ENV = 'h5'
  forgetLoginOptions()
  forgetDeviceLoginRefusal()
  taroStorage.set('msjd.deviceId', 'd'.repeat(32))
  taroStorage.set('msjd.reportNoticeConsent', { version: NOTICE_VERSION, at: Date.UTC(2026, 11, 1) })
})
afterEach(() => {
  Reflect.deleteProperty(process.env, 'TARO_ENV')
})

describe('H5 实名 with SMS verification', () => {
  it('asks phone -> captcha -> code before submitting, and submits with the verified number\'s session', async () => {
    taroStorage.set('msjd.reportDraft', ready())
    const calls = fakeServer({
      'GET /api/public/auth/options': [options(true)],
      'POST /api/public/auth/device': [deviceRefused],
      'GET /api/public/reports/categories': [categories],
      'GET /api/public/h5/captcha': [captcha('cap-1'), captcha('cap-2')],
      'POST /api/public/h5/sms-code': [
        { statusCode: 400, data: { code: 'CAPTCHA_WRONG', message: '图形验证码不正确或已失效，请看新图片重新输入', issues: [{ path: 'captchaAnswer', code: 'CAPTCHA_WRONG', message: '图形验证码不正确或已失效，请看新图片重新输入' }] } },
        { statusCode: 200, data: { expiresIn: 300, resendIn: 60 } },
      ],
      'POST /api/public/h5/sms-login': [
        { statusCode: 400, data: { code: 'SMS_CODE_WRONG', message: '验证码不正确，还可以再试 4 次', details: { triesLeft: 4 } } },
        { statusCode: 200, data: { token: 'sms-token', expiresIn: 7200, citizen: { id: 'citizen-sms', via: 'sms' } } },
      ],
      'POST /api/public/reports': [submitted],
    })
    const { container } = render(<Report />)
    await waitFor(() => expect($(container, 'report-realname')).not.toBeNull())
    // categories came without a login: production H5 has none until a number is verified
    await waitFor(() => expect(calls.some((c) => c.url.endsWith('/reports/categories'))).toBe(true))
    expect(calls.find((c) => c.url.endsWith('/reports/categories'))!.header.Authorization).toBeUndefined()

    await tap(container, 'report-realname')
    await waitFor(() => expect($(container, 'sms-get-code')).not.toBeNull())
    typeInto(container, 'report-name', '李四')
    typeInto(container, 'report-phone', '13900000001')

    // not verified yet: the form says so at the phone field and sends nothing
    await tap(container, 'report-submit')
    await waitFor(() => expect(text(container, 'report-phone-error')).toBe('请先获取短信验证码，验证手机号码后再提交'))
    expect(calls.filter((c) => c.url.endsWith('/api/public/reports'))).toHaveLength(0)

    await tap(container, 'sms-get-code')
    await waitFor(() => expect($(container, 'sms-captcha-image')).not.toBeNull())
    expect($(container, 'sms-captcha-image')!.outerHTML).toContain('data:image/svg+xml')
    typeInto(container, 'sms-captcha-answer', 'zzzz')
    await tap(container, 'sms-send')
    // a wrong answer: said, and a new picture to answer
    await waitFor(() => expect(text(container, 'sms-message')).toContain('图形验证码不正确'))
    expect(calls.filter((c) => c.url.endsWith('/h5/captcha'))).toHaveLength(2)
    typeInto(container, 'sms-captcha-answer', 'k7pq')
    await tap(container, 'sms-send')
    await waitFor(() => expect(text(container, 'sms-message')).toBe('验证码已发送至 139****0001，5 分钟内有效'))
    expect(calls.filter((c) => c.url.endsWith('/h5/sms-code')).at(-1)!.data).toEqual({ phone: '13900000001', captchaId: 'cap-2', captchaAnswer: 'k7pq' })
    expect(text(container, 'sms-get-code')).toMatch(/^\d+ 秒后重发$/)

    typeInto(container, 'sms-code', '111111')
    await tap(container, 'sms-confirm')
    await waitFor(() => expect(text(container, 'sms-message')).toBe('验证码不正确，还可以再试 4 次'))
    typeInto(container, 'sms-code', '428193')
    await tap(container, 'sms-confirm')
    await waitFor(() => expect($(container, 'sms-verified')).not.toBeNull())

    await tap(container, 'report-submit')
    await waitFor(() => expect(calls.filter((c) => c.url.endsWith('/api/public/reports'))).toHaveLength(1))
    const send = calls.find((c) => c.url.endsWith('/api/public/reports'))!
    expect(send.header.Authorization).toBe('Bearer sms-token')
    expect(send.data).toMatchObject({ confidential: false, reporterName: '李四', reporterPhone: '13900000001' })
    // every SMS call went without a token
    expect(calls.filter((c) => c.url.includes('/h5/')).every((c) => c.header.Authorization === undefined)).toBe(true)
  })
})

describe('H5 without SMS (production)', () => {
  it('offers 保密 only and says why; 进度查询 by query code works without a login', async () => {
    taroStorage.set('msjd.reportDraft', ready())
    const calls = fakeServer({
      'GET /api/public/auth/options': [options(false)],
      'POST /api/public/auth/device': [deviceRefused],
      'GET /api/public/reports/categories': [categories],
      'POST /api/public/reports/confidential': [{ ...submitted, data: { ...submitted.data, queryCode: '1234567890123456', querySecret: 'ABCD2345' } }],
      'POST /api/public/reports/lookup': [{ statusCode: 404, data: { code: 'NOT_FOUND', message: '查询码或密码不正确' } }],
    })
    const { container } = render(<Report />)
    await waitFor(() => expect($(container, 'report-realname-unavailable')).not.toBeNull())
    expect(text(container, 'report-realname-unavailable')).toContain('只能保密反映')
    expect(text(container, 'report-realname-unavailable')).toContain('微信')
    expect($(container, 'report-realname')!.getAttribute('aria-disabled')).toBe('true')
    await waitFor(() => expect($(container, 'report-confidential')!.getAttribute('aria-checked')).toBe('true'))
    // 实名 cannot be chosen
    await tap(container, 'report-realname')
    expect($(container, 'report-confidential')!.getAttribute('aria-checked')).toBe('true')
    expect($(container, 'report-name')).toBeNull()
    expect($(container, 'sms-verify')).toBeNull()

    await tap(container, 'report-submit')
    await waitFor(() => expect(calls.filter((c) => c.url.endsWith('/reports/confidential'))).toHaveLength(1))
    // the device login was asked once and not again for every request
    expect(calls.filter((c) => c.url.endsWith('/auth/device'))).toHaveLength(1)

    const failure = await lookup({ code: '1234567890123456', secret: 'ABCD2345' }).catch((e: unknown) => e)
    expect(failure).toMatchObject({ status: 404, message: '查询码或密码不正确' })
    const asked = calls.filter((c) => c.url.endsWith('/reports/lookup'))
    expect(asked).toHaveLength(1)
    expect(asked[0]!.header.Authorization).toBeUndefined()
  })
})
