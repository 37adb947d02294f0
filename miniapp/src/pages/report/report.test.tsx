import { act, fireEvent, render, waitFor } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { emptyDraft, type ReportDraft } from '../../lib/report-draft'
import { fakeServer, type FakeCall } from '../../test/fake-server'
import { taroMock, taroStorage } from '../../test/taro-mock'
import { NOTICE_VERSION } from '../../lib/privacy'
import Report from './index'

const KEY = 'draftkey_0123456789abcdefghijKLMN'
const login = { statusCode: 200, data: { token: 'tok', expiresIn: 3600, citizen: { id: 'citizen-1', via: 'device' } } }
const categories = { statusCode: 200, data: { items: [{ code: 'zuofeng', name: '作风问题', replyDays: 15 }, { code: 'luanshoufei', name: '乱收费', replyDays: 15 }] } }
const submitted = (over: Record<string, unknown> = {}) => ({
  statusCode: 201,
  data: { id: 'rep-1', serial: 'JB20261124-0001', status: 'submitted', acceptDueOn: '2026-11-27', replayed: false, queryCode: '1234567890123456', querySecret: 'ABCD2345', notice: '请立即保存', ...over },
})
const ready = (over: Partial<ReportDraft> = {}): ReportDraft => ({
  ...emptyDraft(KEY),
  category: 'zuofeng',
  categoryName: '作风问题',
  content: '村干部在低保评定中优亲厚友，多次向群众索要好处。',
  ...over,
})

const $ = (c: HTMLElement, id: string) => c.querySelector(`#${id}`) as HTMLElement | null
const text = (c: HTMLElement, id: string) => $(c, id)?.textContent ?? null
const storedDraft = () => taroStorage.get('msjd.reportDraft') as ReportDraft
function typeInto(c: HTMLElement, id: string, value: string) {
  const el = $(c, id)!
  if (el.tagName === 'INPUT') fireEvent.input(el, { target: { value } })
  else el.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true })) // taro-textarea-core
}

beforeEach(() => {
  taroStorage.set('msjd.deviceId', 'd'.repeat(32))
  // this device agreed to the current 举报须知 (the gate itself is tested below)
  taroStorage.set('msjd.reportNoticeConsent', { version: NOTICE_VERSION, at: Date.UTC(2026, 11, 1) })
})

describe('举报须知 before the first report', () => {
  it('shows the notice instead of the form until the citizen ticks the box and agrees, and remembers the version', async () => {
    taroStorage.delete('msjd.reportNoticeConsent')
    fakeServer({ 'POST /api/public/auth/device': [login], 'GET /api/public/reports/categories': [categories] })
    const { container } = render(<Report />)
    expect($(container, 'consent-gate')).not.toBeNull()
    expect($(container, 'report-submit')).toBeNull()
    expect(container.textContent).toContain('诬告陷害')
    // agreeing without the tick is refused, and says why
    fireEvent.click($(container, 'consent-continue')!)
    expect(text(container, 'consent-error')).toContain('请先阅读并勾选')
    expect(taroStorage.has('msjd.reportNoticeConsent')).toBe(false)
    fireEvent.click($(container, 'consent-agree')!)
    expect($(container, 'consent-agree')!.getAttribute('aria-checked')).toBe('true')
    expect($(container, 'consent-error')).toBeNull()
    fireEvent.click($(container, 'consent-continue')!)
    await waitFor(() => expect($(container, 'report-submit')).not.toBeNull())
    expect(taroStorage.get('msjd.reportNoticeConsent')).toMatchObject({ version: NOTICE_VERSION })
    expect($(container, 'report-privacy')).not.toBeNull()
  })

  it('asks again when the notice has a new version since the device agreed', () => {
    taroStorage.set('msjd.reportNoticeConsent', { version: '2000-01-01', at: Date.UTC(2026, 0, 1) })
    fakeServer({ 'POST /api/public/auth/device': [login], 'GET /api/public/reports/categories': [categories] })
    const { container } = render(<Report />)
    expect($(container, 'consent-gate')).not.toBeNull()
    fireEvent.click($(container, 'consent-decline')!)
    expect(taroMock.switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' })
    expect(taroStorage.get('msjd.reportNoticeConsent')).toMatchObject({ version: '2000-01-01' })
  })

  it('the privacy guide and 举报须知 are one tap away from the form', async () => {
    fakeServer({ 'POST /api/public/auth/device': [login], 'GET /api/public/reports/categories': [categories] })
    const { container } = render(<Report />)
    await waitFor(() => expect($(container, 'report-privacy')).not.toBeNull())
    fireEvent.click($(container, 'report-privacy')!)
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/about/privacy' })
    fireEvent.click($(container, 'report-notice')!)
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/about/notice' })
  })
})

describe('我要反映 form', () => {
  it('renders every field with its id and keeps each change as a draft with one idempotency key', async () => {
    fakeServer({ 'POST /api/public/auth/device': [login], 'GET /api/public/reports/categories': [categories] })
    const { container } = render(<Report />)
    await waitFor(() => expect($(container, 'report-content')).not.toBeNull())
    for (const id of ['report-category', 'report-unit', 'report-person', 'report-content', 'report-time', 'report-place', 'report-confidential', 'report-name', 'report-phone', 'report-submit']) {
      expect($(container, id), id).not.toBeNull()
    }
    const key = storedDraft().key
    expect(key).toMatch(/^[A-Za-z0-9_-]{32}$/)
    typeInto(container, 'report-unit', '城关镇人民政府')
    typeInto(container, 'report-content', '窗口人员推诿扯皮')
    await waitFor(() => expect(storedDraft()).toMatchObject({ unit: '城关镇人民政府', content: '窗口人员推诿扯皮', key }))
    await waitFor(() => expect(text(container, 'report-category')).toContain('请选择问题类别'))
  })

  it('restores a saved draft', async () => {
    taroStorage.set('msjd.reportDraft', ready({ person: '王五', confidential: true }))
    fakeServer({ 'POST /api/public/auth/device': [login], 'GET /api/public/reports/categories': [categories] })
    const { container } = render(<Report />)
    await waitFor(() => expect(($(container, 'report-person') as HTMLInputElement | null)?.value).toBe('王五'))
    expect(text(container, 'report-category')).toContain('作风问题')
    expect($(container, 'report-confidential')?.getAttribute('aria-checked')).toBe('true')
    expect($(container, 'report-name')).toBeNull()
    expect(text(container, 'report-confidential-note')).toContain('保密')
    expect(container.textContent).not.toContain('匿名')
  })

  it('takes the QR scene handed over by the scene page: unit pre-filled, ids sent', async () => {
    taroStorage.set('msjd.reportDraft', ready({ name: '张三', phone: '13800138000' }))
    const unitId = '6f1c1d9e-8a55-4a0a-9d9a-3f0f8f6f2b11'
    const inspectedUnitId = '1b5f1d9e-8a55-4a0a-9d9a-3f0f8f6f2b11'
    taroStorage.set('msjd.reportScene', { scene: 'S1.sig', label: '第三轮巡察 · 城关镇人民政府', unitId, unitName: '城关镇人民政府', tourRoundId: null, inspectedUnitId, monitoringPointId: null })
    const calls = fakeServer({
      'POST /api/public/auth/device': [login],
      'GET /api/public/reports/categories': [categories],
      'POST /api/public/reports': [submitted({ queryCode: null, querySecret: null, notice: null })],
    })
    const { container } = render(<Report />)
    await waitFor(() => expect(text(container, 'report-scene')).toContain('第三轮巡察 · 城关镇人民政府'))
    expect(($(container, 'report-unit') as HTMLInputElement).value).toBe('城关镇人民政府')
    expect(taroStorage.has('msjd.reportScene')).toBe(false)
    await act(async () => {
      fireEvent.click($(container, 'report-submit')!)
    })
    await waitFor(() => expect(taroMock.navigateTo).toHaveBeenCalled())
    expect(calls.find((c) => c.url.endsWith('/api/public/reports'))?.data).toMatchObject({ reportedUnitId: unitId, inspectedUnitId, reporterName: '张三', reporterPhone: '13800138000' })
  })

  it('shows what is missing next to the fields, without calling the server', async () => {
    fakeServer({ 'POST /api/public/auth/device': [login], 'GET /api/public/reports/categories': [categories] })
    const { container } = render(<Report />)
    await waitFor(() => expect($(container, 'report-submit')).not.toBeNull())
    await act(async () => {
      fireEvent.click($(container, 'report-submit')!)
    })
    expect(text(container, 'report-category-error')).toBe('请选择问题类别')
    expect(text(container, 'report-content-error')).toBe('请至少用 10 个字描述问题')
    expect(text(container, 'report-phone-error')).toContain('联系电话')
    expect(taroMock.request.mock.calls.some(([o]) => (o as FakeCall).url.endsWith('/api/public/reports'))).toBe(false)
    // the page scrolls to the first of them
    await waitFor(() => expect(taroMock.pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '#report-category-error' })))
  })

  it('refuses a 20 MB photo and a text file named .jpg when they are picked, saying why and the limit', async () => {
    taroStorage.set('msjd.reportDraft', ready({ confidential: true }))
    fakeServer({ 'POST /api/public/auth/device': [login], 'GET /api/public/reports/categories': [categories] })
    const file = (bytes: number[]) => ({ slice: () => ({ arrayBuffer: async () => new Uint8Array(bytes).buffer }) })
    const jpeg = [0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0, 0, 0, 0, 0]
    taroMock.chooseImage.mockResolvedValue({
      tempFilePaths: ['blob:big', 'blob:txt', 'blob:ok'],
      tempFiles: [
        { path: 'blob:big', size: 20 * 1024 * 1024, originalFileObj: file(jpeg) },
        { path: 'blob:txt', size: 300, originalFileObj: file([0x68, 0x65, 0x6c, 0x6c, 0x6f, 0x20, 0x77, 0x6f, 0x72, 0x6c, 0x64, 0x21]) },
        { path: 'blob:ok', size: 300_000, originalFileObj: file(jpeg) },
      ],
    })
    const { container } = render(<Report />)
    await waitFor(() => expect($(container, 'report-photo-add')).not.toBeNull())
    expect(text(container, 'report-photo-limit')).toContain('单张不超过 10 MB')
    await act(async () => {
      fireEvent.click($(container, 'report-photo-add')!)
    })
    await waitFor(() => expect(storedDraft().photos).toEqual(['blob:ok']))
    expect(text(container, 'report-photos-error')).toBe('第 1 张有 20.0 MB，超过 10 MB；第 2 张不是图片（只支持 JPG、PNG、WebP），未添加。')
  })

  it('removes the QR scene with ✕, and a draft from an earlier visit comes back without its scene', async () => {
    const scene = { scene: 'S1.sig', label: '第三轮巡察 · 城关镇人民政府', unitId: '6f1c1d9e-8a55-4a0a-9d9a-3f0f8f6f2b11', unitName: '城关镇人民政府', tourRoundId: null, inspectedUnitId: null, monitoringPointId: null }
    taroStorage.set('msjd.reportDraft', ready({ confidential: true, scene, unit: '城关镇人民政府' }))
    fakeServer({ 'POST /api/public/auth/device': [login], 'GET /api/public/reports/categories': [categories] })
    const first = render(<Report />)
    await waitFor(() => expect(($(first.container, 'report-person') as HTMLInputElement | null)).not.toBeNull())
    expect($(first.container, 'report-scene')).toBeNull()
    expect(($(first.container, 'report-unit') as HTMLInputElement).value).toBe('')
    first.unmount()

    taroStorage.set('msjd.reportScene', scene)
    const second = render(<Report />)
    await waitFor(() => expect(text(second.container, 'report-scene')).toContain('城关镇人民政府'))
    await act(async () => {
      fireEvent.click($(second.container, 'report-scene-clear')!)
    })
    expect($(second.container, 'report-scene')).toBeNull()
    expect(storedDraft()).toMatchObject({ scene: null, unit: '' })
  })

  it('submits a 保密 report once, without a token: a retry after a network failure sends the same key, then opens the receipt and keeps it on the device', async () => {
    taroStorage.set('msjd.reportDraft', ready({ name: '张三', phone: '13800138000' }))
    const calls = fakeServer({
      'POST /api/public/auth/device': [login],
      'GET /api/public/reports/categories': [categories],
      'POST /api/public/reports/confidential': [new TypeError('Failed to fetch'), submitted()],
    })
    const { container } = render(<Report />)
    await waitFor(() => expect($(container, 'report-confidential')).not.toBeNull())
    fireEvent.click($(container, 'report-confidential')!)
    await waitFor(() => expect(storedDraft()).toMatchObject({ confidential: true, name: '', phone: '' }))

    await act(async () => {
      fireEvent.click($(container, 'report-submit')!)
    })
    await waitFor(() => expect(text(container, 'report-form-error')).toContain('不会重复提交'))
    expect(storedDraft().key).toBe(KEY)

    await act(async () => {
      fireEvent.click($(container, 'report-submit')!)
    })
    await waitFor(() => expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/receipt/index' }))
    const sends = calls.filter((c) => c.url.endsWith('/api/public/reports/confidential'))
    expect(sends).toHaveLength(2)
    expect(calls.filter((c) => c.url.endsWith('/api/public/reports'))).toHaveLength(0)
    expect(sends.map((c) => c.header.Authorization)).toEqual([undefined, undefined])
    expect(taroStorage.get('msjd.confidentialReceipts')).toEqual([{ serial: 'JB20261124-0001', queryCode: '1234567890123456', submittedOn: '2026-11-24' }])
    expect(sends.map((c) => (c.data as { idempotencyKey: string }).idempotencyKey)).toEqual([KEY, KEY])
    expect(sends[1].data).toMatchObject({ confidential: true, category: 'zuofeng' })
    expect((sends[1].data as { reporterName?: string; reporterPhone?: string }).reporterName).toBeUndefined()
    expect((sends[1].data as { reporterPhone?: string }).reporterPhone).toBeUndefined()
    expect(taroStorage.get('msjd.reportReceipt')).toMatchObject({ serial: 'JB20261124-0001', queryCode: '1234567890123456', querySecret: 'ABCD2345' })
    // a fresh draft, with a new key, for the next report
    expect(storedDraft().key).not.toBe(KEY)
    expect(storedDraft().content).toBe('')
  })

  it('a double tap on 提交 sends the report once', async () => {
    taroStorage.set('msjd.reportDraft', ready({ confidential: true }))
    const calls = fakeServer({
      'POST /api/public/auth/device': [login],
      'GET /api/public/reports/categories': [categories],
      'POST /api/public/reports/confidential': [submitted(), submitted({ replayed: true })],
    })
    const { container } = render(<Report />)
    await waitFor(() => expect($(container, 'report-submit')).not.toBeNull())
    await act(async () => {
      // both taps land before React draws the busy button
      fireEvent.click($(container, 'report-submit')!)
      fireEvent.click($(container, 'report-submit')!)
    })
    await waitFor(() => expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/receipt/index' }))
    expect(calls.filter((c) => c.url.endsWith('/api/public/reports/confidential'))).toHaveLength(1)
    expect(taroMock.navigateTo).toHaveBeenCalledTimes(1)
  })

  it('puts the server validation messages next to the fields', async () => {
    taroStorage.set('msjd.reportDraft', ready({ name: '张三', phone: '13800138000' }))
    fakeServer({
      'POST /api/public/auth/device': [login],
      'GET /api/public/reports/categories': [categories],
      'POST /api/public/reports': [
        { statusCode: 400, data: { code: 'VALIDATION_FAILED', message: '提交的内容不符合要求', issues: [{ path: 'reporterPhone', code: 'custom', message: '该号码无法接收短信' }] } },
      ],
    })
    const { container } = render(<Report />)
    await waitFor(() => expect($(container, 'report-submit')).not.toBeNull())
    await act(async () => {
      fireEvent.click($(container, 'report-submit')!)
    })
    await waitFor(() => expect(text(container, 'report-phone-error')).toBe('该号码无法接收短信'))
    expect(taroMock.navigateTo).not.toHaveBeenCalled()
  })

  it('uploads the chosen photos (compressed) to the report with progress, only once each', async () => {
    // real-name: photos go with the session token (a 保密 report's go by code + secret, test below)
    taroStorage.set('msjd.reportDraft', ready({ name: '张三', phone: '13800138000' }))
    fakeServer({
      'POST /api/public/auth/device': [login],
      'GET /api/public/reports/categories': [categories],
      'POST /api/public/reports': [submitted({ queryCode: null, querySecret: null })],
    })
    taroMock.chooseImage.mockResolvedValue({ tempFilePaths: ['wxfile://a.jpg', 'wxfile://b.jpg'], tempFiles: [] })
    let attempt = 0
    taroMock.uploadFile.mockImplementation((o: { url: string; filePath: string; header: Record<string, string> }) => {
      attempt += 1
      const failing = o.filePath === 'wxfile://b.jpg' && attempt === 2
      const task = Promise.resolve(failing ? { statusCode: 415, data: JSON.stringify({ code: 'UNSUPPORTED_TYPE', message: '仅支持 JPG、PNG、WebP 图片' }) } : { statusCode: 201, data: '{"id":"a1"}' })
      return Object.assign(task, { onProgressUpdate: (cb: (r: { progress: number }) => void) => cb({ progress: 50 }) })
    })
    const { container } = render(<Report />)
    await waitFor(() => expect($(container, 'report-photo-add')).not.toBeNull())
    await act(async () => {
      fireEvent.click($(container, 'report-photo-add')!)
    })
    expect(taroMock.chooseImage).toHaveBeenCalledWith(expect.objectContaining({ count: 9, sizeType: ['compressed'] }))
    await waitFor(() => expect(storedDraft().photos).toEqual(['wxfile://a.jpg', 'wxfile://b.jpg']))

    // b fails the first time; the citizen chooses 重试上传 and only b is sent again
    await act(async () => {
      fireEvent.click($(container, 'report-submit')!)
    })
    await waitFor(() => expect($(container, 'report-submitted')).not.toBeNull())
    expect(taroMock.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('仅支持 JPG、PNG、WebP 图片') }))
    expect(storedDraft()).toMatchObject({ reportId: 'rep-1', uploaded: ['wxfile://a.jpg'] })
    await act(async () => {
      fireEvent.click($(container, 'report-submit')!)
    })
    await waitFor(() => expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/receipt/index' }))
    expect(taroMock.uploadFile.mock.calls.map(([o]) => (o as { filePath: string }).filePath)).toEqual(['wxfile://a.jpg', 'wxfile://b.jpg', 'wxfile://b.jpg'])
    expect(taroMock.uploadFile.mock.calls[0][0]).toMatchObject({ url: 'http://api.test/api/public/reports/rep-1/attachments', name: 'file', header: { Authorization: 'Bearer tok' } })
    expect(taroMock.request.mock.calls.filter(([o]) => (o as FakeCall).url.endsWith('/api/public/reports'))).toHaveLength(1)
  })

  it('a video that would not upload, finished without, is named on the receipt', async () => {
    taroStorage.set('msjd.reportDraft', ready({ confidential: true, video: { path: 'wxfile://v.mp4', size: 2_000_000, duration: 3 } }))
    fakeServer({
      'POST /api/public/auth/device': [login],
      'GET /api/public/reports/categories': [categories],
      'POST /api/public/reports/confidential': [submitted()],
    })
    taroMock.uploadFile.mockImplementation(() =>
      Object.assign(Promise.resolve({ statusCode: 502, data: JSON.stringify({ code: 'VIDEO_PROCESSING_FAILED', message: '视频处理失败，请稍后重试' }) }), { onProgressUpdate: () => undefined }),
    )
    taroMock.showModal.mockImplementation(async () => ({ confirm: false, cancel: true, errMsg: 'showModal:ok' }))
    const { container } = render(<Report />)
    await waitFor(() => expect($(container, 'report-submit')).not.toBeNull())
    await act(async () => {
      fireEvent.click($(container, 'report-submit')!)
    })
    await waitFor(() => expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/receipt/index' }))
    expect(taroMock.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('视频上传失败') }))
    expect(taroMock.uploadFile.mock.calls[0][0]).toMatchObject({ url: 'http://api.test/api/public/reports/lookup/video' })
    expect(taroStorage.get('msjd.reportReceipt')).toMatchObject({ serial: 'JB20261124-0001', photosFailed: 0, videoFailed: true })
  })

  it('sends a 保密 report\'s photos with its query code and secret, never a token', async () => {
    taroStorage.set('msjd.reportDraft', ready({ confidential: true }))
    fakeServer({
      'POST /api/public/auth/device': [login],
      'GET /api/public/reports/categories': [categories],
      'POST /api/public/reports/confidential': [submitted()],
    })
    taroMock.chooseImage.mockResolvedValue({ tempFilePaths: ['wxfile://c.jpg'], tempFiles: [] })
    taroMock.uploadFile.mockImplementation(() => Object.assign(Promise.resolve({ statusCode: 201, data: '{"id":"a2"}' }), { onProgressUpdate: () => undefined }))
    const { container } = render(<Report />)
    await waitFor(() => expect($(container, 'report-photo-add')).not.toBeNull())
    await act(async () => {
      fireEvent.click($(container, 'report-photo-add')!)
    })
    await waitFor(() => expect(storedDraft().photos).toEqual(['wxfile://c.jpg']))
    await act(async () => {
      fireEvent.click($(container, 'report-submit')!)
    })
    await waitFor(() => expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/receipt/index' }))
    const [upload] = taroMock.uploadFile.mock.calls.map(([o]) => o as { url: string; header: Record<string, string> })
    expect(upload).toMatchObject({ url: 'http://api.test/api/public/reports/lookup/attachments', header: { 'x-report-code': '1234567890123456', 'x-report-secret': 'ABCD2345' } })
    expect(upload!.header.Authorization).toBeUndefined()
  })
})
