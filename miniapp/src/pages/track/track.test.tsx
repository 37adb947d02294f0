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
