import { act, fireEvent, render, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { fakeServer } from '../../test/fake-server'
import { taroMock, taroStorage } from '../../test/taro-mock'
import Track from './index'

function typeInto(c: HTMLElement, id: string, value: string) {
  const el = c.querySelector(`#${id}`) as HTMLElement
  if (el.tagName === 'INPUT') fireEvent.input(el, { target: { value } })
  else el.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true })) // taro-textarea-core
}

const login = { statusCode: 200, data: { token: 'tok', expiresIn: 3600, citizen: { id: 'citizen-1', via: 'device' } } }
const view = (over: Record<string, unknown> = {}) => ({
  id: 'rep-1',
  serial: 'JB20261124-0001',
  category: 'zuofeng',
  categoryName: '作风问题',
  status: 'replied',
  statusLabel: '已答复',
  confidential: true,
  reportedPerson: null,
  content: '……',
  occurredAt: null,
  location: null,
  submittedAt: '2026-11-20T01:00:00.000Z',
  reply: '经核查，情况属实，已责令退还。',
  repliedAt: '2026-11-23T02:00:00.000Z',
  rating: null,
  canRate: true,
  canSupplement: true,
  attachmentCount: 0,
  timeline: [
    { at: '2026-11-20T01:00:00.000Z', kind: 'submitted', label: '提交反映', status: 'submitted', publicNote: null },
    { at: '2026-11-23T02:00:00.000Z', kind: 'replied', label: '已答复', status: 'replied', publicNote: null },
  ],
  messages: [],
  awaitingAnswer: false,
  canAnswer: false,
  ...over,
})

const $ = (c: HTMLElement, id: string) => c.querySelector(`#${id}`) as HTMLElement | null
const text = (c: HTMLElement, id: string) => $(c, id)?.textContent ?? null

describe('进度查询', () => {
  it('looks up by code and secret, shows status, timeline and reply, and rates', async () => {
    taroStorage.set('msjd.deviceId', 'd'.repeat(32))
    const calls = fakeServer({
      'POST /api/public/auth/device': [login],
      'GET /api/public/reports/mine': [{ statusCode: 200, data: { items: [] } }],
      'POST /api/public/reports/lookup': [
        { statusCode: 404, data: { code: 'QUERY_FAILED', message: '查询码或查询密码不正确' } },
        { statusCode: 200, data: view() },
      ],
      'POST /api/public/reports/lookup/rating': [{ statusCode: 200, data: view({ status: 'in_progress', statusLabel: '办理中', canRate: false, rating: 'unsatisfied' }) }],
    })
    const { container } = render(<Track />)
    await act(async () => {
      fireEvent.click($(container, 'track-submit')!)
    })
    expect(text(container, 'track-code-error')).toBe('请输入查询码')

    fireEvent.input($(container, 'track-code')!, { target: { value: '1234 5678 9012 3456' } })
    fireEvent.input($(container, 'track-secret')!, { target: { value: 'abcd2345' } })
    await act(async () => {
      fireEvent.click($(container, 'track-submit')!)
    })
    await waitFor(() => expect(text(container, 'track-error')).toBe('查询码或查询密码不正确'))
    expect(taroMock.showToast).not.toHaveBeenCalled()

    await act(async () => {
      fireEvent.click($(container, 'track-submit')!)
    })
    await waitFor(() => expect(text(container, 'track-status')).toBe('已答复'))
    expect(calls.filter((c) => c.url.endsWith('/lookup')).at(-1)?.data).toEqual({ code: '1234567890123456', secret: 'ABCD2345' })
    expect(text(container, 'track-reply')).toBe('经核查，情况属实，已责令退还。')
    expect(text(container, 'track-step-0')).toContain('2026-11-20 09:00')
    expect(text(container, 'track-rate-note')).toContain('不满意将重新办理一次')
    for (const id of ['rate-satisfied', 'rate-basically_satisfied', 'rate-unsatisfied']) expect($(container, id), id).not.toBeNull()

    // 不满意 first asks the reason, and refuses to go on without one
    await act(async () => {
      fireEvent.click($(container, 'rate-unsatisfied')!)
    })
    expect($(container, 'rate-reason')).not.toBeNull()
    expect(taroMock.showModal).not.toHaveBeenCalled()
    await act(async () => {
      fireEvent.click($(container, 'rate-reason-submit')!)
    })
    expect(text(container, 'rate-reason-error')).toBe('请用至少 5 个字说明不满意的原因')
    expect(calls.some((c) => c.url.endsWith('/lookup/rating'))).toBe(false)
    typeInto(container, 'rate-reason', '答复没有说明退款时间')
    await act(async () => {
      fireEvent.click($(container, 'rate-reason-submit')!)
    })
    expect(taroMock.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('重新办理') }))
    await waitFor(() => expect(text(container, 'track-status')).toBe('办理中'))
    expect(calls.find((c) => c.url.endsWith('/lookup/rating'))?.data).toEqual({ code: '1234567890123456', secret: 'ABCD2345', rating: 'unsatisfied', comment: '答复没有说明退款时间' })
    expect($(container, 'rate-satisfied')).toBeNull()
  })

  it('opens one of 我的反映 and adds a supplement', async () => {
    taroStorage.set('msjd.deviceId', 'd'.repeat(32))
    const calls = fakeServer({
      'POST /api/public/auth/device': [login],
      'GET /api/public/reports/mine': [
        { statusCode: 200, data: { items: [{ id: 'rep-1', serial: 'JB20261124-0001', categoryName: '作风问题', status: 'accepted', statusLabel: '已受理', confidential: false, submittedAt: '2026-11-20T01:00:00.000Z', summary: '……' }] } },
      ],
      'GET /api/public/reports/mine/rep-1': [{ statusCode: 200, data: view({ status: 'accepted', statusLabel: '已受理', reply: null, repliedAt: null, canRate: false }) }],
      'POST /api/public/reports/rep-1/supplements': [{ statusCode: 200, data: view({ status: 'accepted', statusLabel: '已受理', reply: null, canRate: false }) }],
    })
    const { container } = render(<Track />)
    await waitFor(() => expect($(container, 'track-mine-0')).not.toBeNull())
    await act(async () => {
      fireEvent.click($(container, 'track-mine-0')!)
    })
    await waitFor(() => expect(text(container, 'track-status')).toBe('已受理'))
    expect(text(container, 'track-reply')).toContain('尚未答复')
    expect($(container, 'rate-satisfied')).toBeNull()
    $(container, 'track-supplement')!.dispatchEvent(new CustomEvent('input', { detail: { value: '又发现新的线索' }, bubbles: true }))
    await act(async () => {
      fireEvent.click($(container, 'track-supplement-submit')!)
    })
    await waitFor(() => expect(calls.some((c) => c.url.endsWith('/rep-1/supplements'))).toBe(true))
    expect(calls.find((c) => c.url.endsWith('/rep-1/supplements'))?.data).toEqual({ text: '又发现新的线索' })
  })
})

describe('进度查询 · opened from a 消息', () => {
  it('opens the report the message was about', async () => {
    taroStorage.set('msjd.deviceId', 'd'.repeat(32))
    taroStorage.set('msjd.openReport', 'rep-1')
    fakeServer({
      'POST /api/public/auth/device': [login],
      'GET /api/public/reports/mine': [{ statusCode: 200, data: { items: [] } }],
      'GET /api/public/reports/mine/rep-1': [{ statusCode: 200, data: view({ status: 'in_progress', statusLabel: '办理中', reply: null, repliedAt: null, canRate: false }) }],
    })
    const { container } = render(<Track />)
    await waitFor(() => expect(text(container, 'track-status')).toBe('办理中'))
    expect(taroStorage.has('msjd.openReport')).toBe(false)
  })
})

describe('进度查询 · 本机的保密反映', () => {
  it('lists 保密 receipts from local storage, saying so, and fills the code; the secret is still asked', async () => {
    taroStorage.set('msjd.deviceId', 'd'.repeat(32))
    taroStorage.set('msjd.confidentialReceipts', [{ serial: 'JB20261205-0007', queryCode: '1234567890123456', submittedOn: '2026-12-05' }])
    fakeServer({ 'POST /api/public/auth/device': [login], 'GET /api/public/reports/mine': [{ statusCode: 200, data: { items: [] } }] })
    const { container } = render(<Track />)
    await waitFor(() => expect($(container, 'local-receipts')).not.toBeNull())
    expect(text(container, 'local-receipts-note')).toMatch(/仅保存在本机/)
    expect(container.textContent).toContain('JB20261205-0007')
    await act(async () => {
      fireEvent.click($(container, 'local-receipt-0')!.querySelector('.track__row')!)
    })
    expect(($(container, 'track-code') as HTMLInputElement).value).toBe('1234567890123456')
    expect(($(container, 'track-secret') as HTMLInputElement).value).toBe('')
    await act(async () => {
      fireEvent.click($(container, 'local-receipt-forget-0')!)
    })
    expect($(container, 'local-receipts')).toBeNull()
    expect(taroStorage.get('msjd.confidentialReceipts')).toEqual([])
  })
})

describe('进度查询 · 办理人员询问', () => {
  const question = { id: 'msg-1', sender: 'staff', body: '请说明收费的具体时间和金额。', at: '2026-11-21T16:30:00.000Z', photoCount: 0 }
  const asked = (over: Record<string, unknown> = {}) =>
    view({ status: 'in_progress', statusLabel: '办理中', reply: null, repliedAt: null, canRate: false, messages: [question], awaitingAnswer: true, canAnswer: true, ...over })
  const myAnswer = { id: 'msg-2', sender: 'reporter', body: '11月上旬，每户收取200元。', at: '2026-11-22T01:05:00.000Z', photoCount: 0 }
  const answered = (over: Record<string, unknown> = {}) => asked({ messages: [question, myAnswer], awaitingAnswer: false, ...over })
  const jpeg = [0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0, 0, 0, 0, 0]
  const pickedJpeg = (path: string) => ({ tempFilePaths: [path], tempFiles: [{ path, size: 300_000, originalFileObj: { slice: () => ({ arrayBuffer: async () => new Uint8Array(jpeg).buffer }) } }] })

  async function openByCode(routes: Parameters<typeof fakeServer>[0]) {
    taroStorage.set('msjd.deviceId', 'd'.repeat(32))
    const calls = fakeServer({ 'POST /api/public/auth/device': [login], 'GET /api/public/reports/mine': [{ statusCode: 200, data: { items: [] } }], ...routes })
    const rendered = render(<Track />)
    fireEvent.input($(rendered.container, 'track-code')!, { target: { value: '1234567890123456' } })
    fireEvent.input($(rendered.container, 'track-secret')!, { target: { value: 'abcd2345' } })
    await act(async () => {
      fireEvent.click($(rendered.container, 'track-submit')!)
    })
    await waitFor(() => expect(text(rendered.container, 'track-status')).toBe('办理中'))
    return { ...rendered, calls }
  }

  it('shows a staff question: the banner, the thread in Beijing time without names, and the answer form', async () => {
    const { container } = await openByCode({
      'POST /api/public/reports/lookup': [{ statusCode: 200, data: asked({ messages: [question, { ...myAnswer, photoCount: 2 }, { ...question, id: 'msg-3', body: '还有其他人吗？', at: '2026-11-22T08:00:00.000Z' }] }) }],
    })
    expect(text(container, 'answer-banner')).toBe('办理人员向您询问了情况，请查看并回复')
    const entries = Array.from($(container, 'message-thread')!.querySelectorAll('[data-sender]'))
    expect(entries.map((e) => e.getAttribute('data-sender'))).toEqual(['staff', 'reporter', 'staff'])
    expect(entries[0]!.textContent).toContain('办理人员')
    expect(entries[0]!.textContent).toContain('2026-11-22 00:30') // 16:30 UTC is past midnight in Beijing
    expect(entries[0]!.textContent).toContain('请说明收费的具体时间和金额。')
    expect(entries[0]!.textContent).not.toContain('附图片')
    expect(entries[1]!.textContent).toContain('我')
    expect(entries[1]!.textContent).toContain('2026-11-22 09:05')
    expect(entries[1]!.textContent).toContain('附图片 2 张')
    expect($(container, 'answer-text')).not.toBeNull()
    expect($(container, 'answer-submit')).not.toBeNull()
    expect($(container, 'answer-photo-add')).not.toBeNull()
    expect(text(container, 'answer-photo-limit')).toContain('单张不超过 10 MB')
    expect(container.textContent).not.toContain('举报')
  })

  it('answers a 保密 report with code, secret and text, then uploads the picked photo to that answer by code + secret', async () => {
    const { container, calls } = await openByCode({
      'POST /api/public/reports/lookup': [{ statusCode: 200, data: asked() }],
      'POST /api/public/reports/lookup/messages': [{ statusCode: 201, data: { messageId: 'msg-2', replayed: false, report: answered() } }],
    })
    taroMock.chooseImage.mockResolvedValue(pickedJpeg('blob:receipt'))
    taroMock.uploadFile.mockImplementation(() => Object.assign(Promise.resolve({ statusCode: 201, data: '{"id":"att-1"}' }), { onProgressUpdate: () => undefined }))

    // too short: told under the text, nothing sent
    typeInto(container, 'answer-text', ' 嗯 ')
    await act(async () => {
      fireEvent.click($(container, 'answer-submit')!)
    })
    expect(text(container, 'answer-text-error')).toBe('回复内容太短')
    expect(calls.some((c) => c.url.endsWith('/lookup/messages'))).toBe(false)

    typeInto(container, 'answer-text', '  11月上旬，每户收取200元。 ')
    await act(async () => {
      fireEvent.click($(container, 'answer-photo-add')!)
    })
    await waitFor(() => expect(container.querySelectorAll('[id^=answer-photo-remove-]')).toHaveLength(1))
    await act(async () => {
      fireEvent.click($(container, 'answer-submit')!)
    })
    await waitFor(() => expect(taroMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已回复' })))

    expect(calls.filter((c) => c.url.endsWith('/lookup/messages')).map((c) => c.data)).toEqual([{ code: '1234567890123456', secret: 'ABCD2345', body: '11月上旬，每户收取200元。' }])
    expect(taroMock.uploadFile).toHaveBeenCalledTimes(1)
    const upload = taroMock.uploadFile.mock.calls[0]![0] as { url: string; filePath: string; name: string; header: Record<string, string> }
    expect(upload).toMatchObject({
      url: 'http://api.test/api/public/reports/lookup/attachments?messageId=msg-2',
      filePath: 'blob:receipt',
      name: 'file',
      header: { 'x-report-code': '1234567890123456', 'x-report-secret': 'ABCD2345' },
    })
    expect(upload.header.Authorization).toBeUndefined()
    // the view is the one the answer returned, with the photo counted on the answer; the form is empty again
    const entries = Array.from($(container, 'message-thread')!.querySelectorAll('[data-sender]'))
    expect(entries.map((e) => e.getAttribute('data-sender'))).toEqual(['staff', 'reporter'])
    expect(entries[1]!.textContent).toContain('附图片 1 张')
    expect($(container, 'answer-banner')).toBeNull()
    expect(container.querySelectorAll('[id^=answer-photo-remove-]')).toHaveLength(0)
    await act(async () => {
      fireEvent.click($(container, 'answer-submit')!)
    })
    expect(text(container, 'answer-text-error')).toBe('回复内容太短') // the text was cleared: nothing sent twice
    expect(calls.filter((c) => c.url.endsWith('/lookup/messages'))).toHaveLength(1)
  })

  it('answers one of 我的反映 at its own route, with the text only', async () => {
    taroStorage.set('msjd.deviceId', 'd'.repeat(32))
    const calls = fakeServer({
      'POST /api/public/auth/device': [login],
      'GET /api/public/reports/mine': [
        { statusCode: 200, data: { items: [{ id: 'rep-1', serial: 'JB20261124-0001', categoryName: '作风问题', status: 'in_progress', statusLabel: '办理中', confidential: false, submittedAt: '2026-11-20T01:00:00.000Z', summary: '……' }] } },
      ],
      'GET /api/public/reports/mine/rep-1': [{ statusCode: 200, data: asked({ confidential: false }) }],
      'POST /api/public/reports/rep-1/messages': [{ statusCode: 201, data: { messageId: 'msg-2', replayed: false, report: answered({ confidential: false }) } }],
    })
    const { container } = render(<Track />)
    await waitFor(() => expect($(container, 'track-mine-0')).not.toBeNull())
    await act(async () => {
      fireEvent.click($(container, 'track-mine-0')!)
    })
    await waitFor(() => expect($(container, 'answer-banner')).not.toBeNull())
    typeInto(container, 'answer-text', '11月上旬，每户收取200元。')
    await act(async () => {
      fireEvent.click($(container, 'answer-submit')!)
    })
    await waitFor(() => expect(taroMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已回复' })))
    const sent = calls.filter((c) => c.url.includes('/messages'))
    expect(sent.map((c) => [c.method, c.url, c.data])).toEqual([['POST', 'http://api.test/api/public/reports/rep-1/messages', { body: '11月上旬，每户收取200元。' }]])
    expect(sent[0]!.header.Authorization).toBe('Bearer tok')
    expect(taroMock.uploadFile).not.toHaveBeenCalled()
    expect($(container, 'message-thread')!.querySelectorAll('[data-sender=reporter]')).toHaveLength(1)
  })

  it('shows the thread of a closed report without the form or the banner', async () => {
    taroStorage.set('msjd.deviceId', 'd'.repeat(32))
    fakeServer({
      'POST /api/public/auth/device': [login],
      'GET /api/public/reports/mine': [{ statusCode: 200, data: { items: [] } }],
      'POST /api/public/reports/lookup': [{ statusCode: 200, data: asked({ status: 'closed', statusLabel: '已办结', canAnswer: false, canSupplement: false }) }],
    })
    const { container } = render(<Track />)
    fireEvent.input($(container, 'track-code')!, { target: { value: '1234567890123456' } })
    fireEvent.input($(container, 'track-secret')!, { target: { value: 'abcd2345' } })
    await act(async () => {
      fireEvent.click($(container, 'track-submit')!)
    })
    await waitFor(() => expect(text(container, 'track-status')).toBe('已办结'))
    expect($(container, 'message-thread')!.querySelectorAll('[data-sender=staff]')).toHaveLength(1)
    expect($(container, 'answer-text')).toBeNull()
    expect($(container, 'answer-submit')).toBeNull()
    expect($(container, 'answer-banner')).toBeNull()
  })

  it('shows the server\'s field error under the text, and toasts a 409 and reloads the report', async () => {
    const { container, calls } = await openByCode({
      'POST /api/public/reports/lookup': [{ statusCode: 200, data: asked() }, { statusCode: 200, data: asked({ status: 'closed', statusLabel: '已办结', canAnswer: false }) }],
      'POST /api/public/reports/lookup/messages': [
        { statusCode: 400, data: { code: 'VALIDATION_FAILED', message: '提交的信息有误', issues: [{ path: 'body', code: 'too_big', message: '回复内容不能超过 5000 个字' }] } },
        { statusCode: 409, data: { code: 'REPORT_CLOSED', message: '该件已办结或不予受理，不能再发送消息' } },
      ],
    })
    typeInto(container, 'answer-text', '11月上旬，每户收取200元。')
    await act(async () => {
      fireEvent.click($(container, 'answer-submit')!)
    })
    await waitFor(() => expect(text(container, 'answer-text-error')).toBe('回复内容不能超过 5000 个字'))
    expect(taroMock.showToast).not.toHaveBeenCalled()

    await act(async () => {
      fireEvent.click($(container, 'answer-submit')!)
    })
    await waitFor(() => expect(text(container, 'track-status')).toBe('已办结'))
    expect(taroMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: expect.stringContaining('该件已办结') }))
    expect(calls.filter((c) => c.url.endsWith('/lookup/messages'))).toHaveLength(2)
    expect($(container, 'answer-submit')).toBeNull()
  })
})
