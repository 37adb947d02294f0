import { act, fireEvent, render, waitFor } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import type { CitizenMessage } from '@msjd/shared/citizen-messages'
import { fakeServer } from '../../test/fake-server'
import { taroMock, taroStorage } from '../../test/taro-mock'
import Mine from '../mine/index'
import Messages from './index'

const login = { statusCode: 200, data: { token: 'tok', expiresIn: 3600, citizen: { id: 'citizen-1', via: 'device' } } }
const msg = (id: string, over: Partial<CitizenMessage> = {}): CitizenMessage => ({
  id,
  title: `反映 JB20261201-000${id} 已受理`,
  body: '已受理，将在 2026-12-22 前答复',
  createdAt: '2026-12-01T02:00:00.000Z',
  readAt: null,
  subject: { kind: 'report', id: `rep-${id}`, serial: `JB20261201-000${id}` },
  ...over,
})
const page = (items: CitizenMessage[], over: Record<string, unknown> = {}) => ({
  statusCode: 200,
  data: { items, total: items.length, unread: items.filter((m) => !m.readAt).length, page: 1, pageSize: 20, ...over },
})
const $ = (c: HTMLElement, id: string) => c.querySelector(`#${id}`) as HTMLElement | null
const text = (c: HTMLElement, id: string) => $(c, id)?.textContent ?? null

beforeEach(() => {
  taroStorage.set('msjd.deviceId', 'd'.repeat(32))
})

describe('消息 page', () => {
  it('lists messages newest first with 未读 in words; opening one marks it read and opens the report on 进度查询', async () => {
    const calls = fakeServer({
      'POST /api/public/auth/device': [login],
      'GET /api/public/messages?page=1&pageSize=20': [page([msg('2'), msg('1', { readAt: '2026-12-01T03:00:00.000Z' })])],
      'POST /api/public/messages/2/read': [{ statusCode: 200, data: { unread: 0 } }],
    })
    const { container } = render(<Messages />)
    await waitFor(() => expect($(container, 'message-2')).not.toBeNull())
    expect(text(container, 'messages-unread')).toBe('1 条未读')
    expect(text(container, 'message-2-unread')).toBe('未读')
    expect($(container, 'message-1-unread')).toBeNull()
    expect(text(container, 'message-2')).toContain('2026-12-01 10:00')
    await act(async () => {
      fireEvent.click($(container, 'message-2')!)
    })
    await waitFor(() => expect(taroMock.switchTab).toHaveBeenCalledWith({ url: '/pages/track/index' }))
    // sent as JSON with a body: the server refuses an empty application/json body
    expect(calls.find((c) => c.method === 'POST' && c.url.endsWith('/api/public/messages/2/read'))).toMatchObject({ data: {}, header: { 'Content-Type': 'application/json' } })
    expect(taroStorage.get('msjd.openReport')).toBe('rep-2')
    expect($(container, 'message-2-unread')).toBeNull()
    expect(taroMock.removeTabBarBadge).toHaveBeenCalledWith({ index: 3 })
    // a message already read is not marked again
    await act(async () => {
      fireEvent.click($(container, 'message-1')!)
    })
    expect(calls.filter((c) => c.method === 'POST' && c.url.includes('/messages/')).length).toBe(1)
  })

  it('全部已读 clears every unread mark and the badge; an enterprise case opens its case page', async () => {
    fakeServer({
      'POST /api/public/auth/device': [login],
      'GET /api/public/messages?page=1&pageSize=20': [page([msg('3', { subject: { kind: 'enterprise_case', id: 'cmp-1', serial: 'YS20261201-0001' } }), msg('4')])],
      'POST /api/public/messages/read-all': [{ statusCode: 200, data: { unread: 0 } }],
    })
    const { container } = render(<Messages />)
    await waitFor(() => expect(text(container, 'messages-unread')).toBe('2 条未读'))
    await act(async () => {
      fireEvent.click($(container, 'messages-read-all')!)
    })
    await waitFor(() => expect(text(container, 'messages-unread')).toBe('没有未读消息'))
    expect(container.querySelectorAll('.messages__unread')).toHaveLength(0)
    expect($(container, 'messages-read-all')).toBeNull()
    expect(taroMock.removeTabBarBadge).toHaveBeenCalledWith({ index: 3 })
    await act(async () => {
      fireEvent.click($(container, 'message-3')!)
    })
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/business/case?id=cmp-1' })
  })

  it('pages on with 加载更多', async () => {
    const first = Array.from({ length: 20 }, (_, i) => msg(`a${i}`, { readAt: '2026-12-01T03:00:00.000Z' }))
    fakeServer({
      'POST /api/public/auth/device': [login],
      'GET /api/public/messages?page=1&pageSize=20': [page(first, { total: 21 })],
      'GET /api/public/messages?page=2&pageSize=20': [page([msg('b0', { readAt: '2026-12-01T03:00:00.000Z' })], { total: 21, page: 2 })],
    })
    const { container } = render(<Messages />)
    await waitFor(() => expect(text(container, 'messages-more')).toContain('还有 1 条'))
    await act(async () => {
      fireEvent.click($(container, 'messages-more')!)
    })
    await waitFor(() => expect($(container, 'message-b0')).not.toBeNull())
    expect($(container, 'messages-more')).toBeNull()
  })

  it('says when there is nothing, and says why 保密 reports are not here', async () => {
    fakeServer({ 'POST /api/public/auth/device': [login], 'GET /api/public/messages?page=1&pageSize=20': [page([])] })
    const { container } = render(<Messages />)
    await waitFor(() => expect(text(container, 'messages-empty')).toBe('暂无消息。'))
    expect(container.textContent).toContain('保密反映不与账号关联')
  })

  it('tells a failure in place, with a retry', async () => {
    fakeServer({
      'POST /api/public/auth/device': [login],
      'GET /api/public/messages?page=1&pageSize=20': [{ statusCode: 503, data: { code: 'UNAVAILABLE', message: '服务暂时不可用' } }, page([msg('5')])],
    })
    const { container } = render(<Messages />)
    await waitFor(() => expect(text(container, 'messages-error')).toBe('服务暂时不可用'))
    fireEvent.click($(container, 'messages-retry')!)
    await waitFor(() => expect($(container, 'message-5')).not.toBeNull())
  })
})

describe('我的 › 消息', () => {
  it('shows the unread count on the entry and on the tab, and opens the list', async () => {
    fakeServer({ 'POST /api/public/auth/device': [login], 'GET /api/public/messages/unread': [{ statusCode: 200, data: { unread: 2 } }] })
    const { container } = render(<Mine />)
    await waitFor(() => expect(text(container, 'mine-messages-badge')).toBe('2 条未读'))
    expect(taroMock.setTabBarBadge).toHaveBeenCalledWith({ index: 3, text: '2' })
    fireEvent.click($(container, 'mine-messages')!)
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/messages/index' })
  })

  it('shows no badge when all is read', async () => {
    fakeServer({ 'POST /api/public/auth/device': [login], 'GET /api/public/messages/unread': [{ statusCode: 200, data: { unread: 0 } }] })
    const { container } = render(<Mine />)
    await waitFor(() => expect(taroMock.removeTabBarBadge).toHaveBeenCalledWith({ index: 3 }))
    expect($(container, 'mine-messages-badge')).toBeNull()
  })
})
