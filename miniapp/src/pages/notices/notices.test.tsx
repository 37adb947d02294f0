import { fireEvent, render, waitFor } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { PublicTourNotice } from '@msjd/shared/tours'
import { router, taroMock, taroStorage } from '../../test/taro-mock'
import NoticeDetail from './detail'
import NoticeList from './index'

type Call = { url: string; method: string }
type Reply = { statusCode: number; data: unknown }

// APIs only these pages call; added to the shared Taro stand-in for this file.
const extra = { makePhoneCall: vi.fn(async (_o: { phoneNumber: string }) => ({ errMsg: 'makePhoneCall:ok' })) }
Object.assign(taroMock, extra)

function fakeServer(routes: Record<string, Reply[]>) {
  const calls: Call[] = []
  taroMock.request.mockImplementation(async (options: Call) => {
    calls.push(options)
    const path = options.url.replace('http://api.test', '')
    const queue = routes[`${options.method} ${path}`]
    if (!queue) throw new Error(`unexpected ${options.method} ${path}`)
    const reply = queue.length > 1 ? queue.shift()! : queue[0]
    return { ...reply, header: {}, cookies: [], errMsg: 'request:ok' }
  })
  return calls
}

const login: Reply = { statusCode: 200, data: { token: 'tok', expiresIn: 3600, citizen: { id: 'citizen-1', via: 'device' } } }
const notice = (id: string, over: Partial<PublicTourNotice> = {}): PublicTourNotice => ({
  id,
  title: `关于县委第八轮巡察进驻${id}的公告`,
  round: { id: 'r8', name: '县委第八轮巡察', code: '2026-2', status: 'active' },
  unit: { id: 'u1', name: '县教育局' },
  group: { name: '第一巡察组' },
  startsOn: '2026-09-01',
  endsOn: '2026-11-30',
  contactPhone: '0371-66881001',
  contactMailbox: 'xcz1@jw.example.gov.cn',
  contactAddress: '县纪委监委 301 室',
  scope: '重点受理反映县教育局领导班子及其成员问题的来信来电来访',
  howToReport: '工作日 8:00-18:00 电话或来访；也可在本程序点击“我要反映”',
  body: null,
  publishedAt: '2026-09-01T01:00:00.000Z',
  current: true,
  ...over,
})
const page = (items: PublicTourNotice[], total = items.length, n = 1): Reply => ({ statusCode: 200, data: { items, total, page: n, pageSize: 20 } })
const $ = (c: HTMLElement, id: string) => c.querySelector(`#${id}`) as HTMLElement | null
const text = (c: HTMLElement, id: string) => $(c, id)?.textContent ?? null

beforeEach(() => {
  taroStorage.set('msjd.deviceId', 'd'.repeat(32))
  extra.makePhoneCall.mockClear()
})

describe('巡察公示 list', () => {
  it('shows current rounds first, under their heading, and opens a notice', async () => {
    fakeServer({
      'POST /api/public/auth/device': [login],
      'GET /api/public/tour-notices?page=1&pageSize=20': [page([notice('old', { current: false, round: { id: 'r7', name: '县委第七轮巡察', code: '2026-1', status: 'finished' } }), notice('now')])],
    })
    const { container } = render(<NoticeList />)
    await waitFor(() => expect($(container, 'notice-item-now')).not.toBeNull())
    const list = $(container, 'notice-list')!
    const ids = Array.from(list.querySelectorAll('[id^="notice-item-"]')).map((el) => el.id)
    expect(ids).toEqual(['notice-item-now', 'notice-item-old'])
    expect(list.textContent).toMatch(/正在进行的巡察.*进驻now.*其他巡察公示.*进驻old/)
    expect(text(container, 'notice-item-now')).toContain('巡察时间：2026年9月1日至11月30日')
    expect(text(container, 'notice-item-now')).toContain('进行中')
    expect($(container, 'notice-more')).toBeNull()
    fireEvent.click($(container, 'notice-item-now')!)
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/notices/detail?id=now' })
  })

  it('loads the next page on request', async () => {
    const calls = fakeServer({
      'POST /api/public/auth/device': [login],
      'GET /api/public/tour-notices?page=1&pageSize=20': [page([notice('a')], 2)],
      'GET /api/public/tour-notices?page=2&pageSize=20': [page([notice('a'), notice('b')], 2, 2)],
    })
    const { container } = render(<NoticeList />)
    await waitFor(() => expect($(container, 'notice-more')).not.toBeNull())
    fireEvent.click($(container, 'notice-more')!)
    await waitFor(() => expect($(container, 'notice-item-b')).not.toBeNull())
    expect(container.querySelectorAll('[id^="notice-item-"]')).toHaveLength(2)
    expect($(container, 'notice-more')).toBeNull()
    expect(calls.filter((c) => c.url.includes('tour-notices'))).toHaveLength(2)
  })

  it('says when there is nothing published, and when loading failed', async () => {
    fakeServer({ 'POST /api/public/auth/device': [login], 'GET /api/public/tour-notices?page=1&pageSize=20': [page([])] })
    const empty = render(<NoticeList />)
    await waitFor(() => expect(text(empty.container, 'notice-empty')).toContain('暂无巡察公示'))
    empty.unmount()

    fakeServer({
      'POST /api/public/auth/device': [login],
      'GET /api/public/tour-notices?page=1&pageSize=20': [{ statusCode: 503, data: { code: 'UNAVAILABLE', message: '服务暂时不可用，请稍后重试' } }, page([notice('a')])],
    })
    const { container } = render(<NoticeList />)
    await waitFor(() => expect(text(container, 'notice-error')).toBe('服务暂时不可用，请稍后重试'))
    fireEvent.click($(container, 'notice-retry')!)
    await waitFor(() => expect($(container, 'notice-item-a')).not.toBeNull())
  })
})

describe('巡察公示 detail', () => {
  it('shows period, group, contacts, scope and how to report; calls and copies', async () => {
    router.params = { id: 'n1' }
    fakeServer({ 'POST /api/public/auth/device': [login], 'GET /api/public/tour-notices/n1': [{ statusCode: 200, data: notice('n1', { body: '全文……' }) }] })
    const { container } = render(<NoticeDetail />)
    await waitFor(() => expect($(container, 'notice-view')).not.toBeNull())
    expect(text(container, 'notice-title')).toBe('关于县委第八轮巡察进驻n1的公告')
    expect(text(container, 'notice-subject')).toBe('县委第八轮巡察 · 县教育局（进行中）')
    expect(text(container, 'notice-period')).toBe('2026年9月1日至11月30日')
    expect(text(container, 'notice-group')).toBe('第一巡察组')
    expect(text(container, 'notice-phone')).toContain('0371-66881001')
    expect(text(container, 'notice-mailbox')).toContain('xcz1@jw.example.gov.cn')
    expect(text(container, 'notice-address')).toBe('县纪委监委 301 室')
    expect(text(container, 'notice-scope')).toContain('领导班子')
    expect(text(container, 'notice-how')).toContain('我要反映')
    expect(text(container, 'notice-body')).toBe('全文……')

    fireEvent.click($(container, 'notice-call')!)
    expect(extra.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '037166881001' })
    fireEvent.click($(container, 'notice-copy-mail')!)
    await waitFor(() => expect(taroMock.setClipboardData).toHaveBeenCalledWith({ data: 'xcz1@jw.example.gov.cn' }))
  })

  it('hands the round and unit to 我要反映', async () => {
    router.params = { id: 'n1' }
    fakeServer({ 'POST /api/public/auth/device': [login], 'GET /api/public/tour-notices/n1': [{ statusCode: 200, data: notice('n1') }] })
    const { container } = render(<NoticeDetail />)
    await waitFor(() => expect($(container, 'notice-report')).not.toBeNull())
    fireEvent.click($(container, 'notice-report')!)
    expect(taroMock.switchTab).toHaveBeenCalledWith({ url: '/pages/report/index' })
    expect(taroStorage.get('msjd.reportScene')).toMatchObject({ tourRoundId: 'r8', unitId: 'u1', unitName: '县教育局', label: '县委第八轮巡察 · 县教育局' })
  })

  it('leaves out contacts the notice does not give, and tells the mailbox when copying is refused', async () => {
    router.params = { id: 'n2' }
    fakeServer({
      'POST /api/public/auth/device': [login],
      'GET /api/public/tour-notices/n2': [{ statusCode: 200, data: notice('n2', { contactPhone: null, contactAddress: null, group: null, unit: null }) }],
    })
    taroMock.setClipboardData.mockRejectedValueOnce({ errMsg: 'setClipboardData:fail' })
    const { container } = render(<NoticeDetail />)
    await waitFor(() => expect($(container, 'notice-view')).not.toBeNull())
    for (const id of ['notice-phone', 'notice-call', 'notice-address', 'notice-group', 'notice-body']) expect($(container, id), id).toBeNull()
    fireEvent.click($(container, 'notice-copy-mail')!)
    await waitFor(() => expect(taroMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '复制失败，请手动记下：xcz1@jw.example.gov.cn' })))
  })

  it('says a withdrawn notice is gone', async () => {
    router.params = { id: 'gone' }
    fakeServer({
      'POST /api/public/auth/device': [login],
      'GET /api/public/tour-notices/gone': [{ statusCode: 404, data: { code: 'NOT_FOUND', message: '巡察公示不存在' } }],
    })
    const { container } = render(<NoticeDetail />)
    await waitFor(() => expect(text(container, 'notice-error')).toBe('该公示已撤回或不存在'))
    expect($(container, 'notice-view')).toBeNull()
    expect($(container, 'notice-report')).toBeNull()
    expect($(container, 'notice-retry')).toBeNull()
  })
})
