import { describe, expect, it } from 'vitest'
import type { CitizenMessage } from '@msjd/shared/citizen-messages'
import { appendPage, badgeText, markedRead, messageTarget } from './messages'

const msg = (id: string, over: Partial<CitizenMessage> = {}): CitizenMessage => ({
  id,
  title: `反映 JB20261201-000${id} 已受理`,
  body: '已受理',
  createdAt: '2026-12-01T02:00:00.000Z',
  readAt: null,
  subject: { kind: 'report', id: `r${id}`, serial: `JB20261201-000${id}` },
  ...over,
})

describe('消息 helpers', () => {
  it('badge text: none for nothing unread, the count, 99+ beyond', () => {
    expect(badgeText(0)).toBeNull()
    expect(badgeText(-1)).toBeNull()
    expect(badgeText(Number.NaN)).toBeNull()
    expect(badgeText(3)).toBe('3')
    expect(badgeText(99)).toBe('99')
    expect(badgeText(100)).toBe('99+')
  })

  it('a report opens on 进度查询, an enterprise case on its case page, a message without subject nowhere', () => {
    expect(messageTarget(msg('1'))).toEqual({ kind: 'report', id: 'r1' })
    expect(messageTarget(msg('2', { subject: { kind: 'enterprise_case', id: 'c 2', serial: 'YS20261201-0001' } }))).toEqual({ kind: 'url', url: '/pages/business/case?id=c%202' })
    expect(messageTarget(msg('3', { subject: null }))).toBeNull()
  })

  it('appends a page without repeating messages', () => {
    expect(appendPage([msg('1'), msg('2')], [msg('2'), msg('3')]).map((m) => m.id)).toEqual(['1', '2', '3'])
  })

  it('marks one or all read, keeping a time already there', () => {
    const list = [msg('1'), msg('2', { readAt: '2026-12-01T03:00:00.000Z' }), msg('3')]
    expect(markedRead(list, '1', 'T').map((m) => m.readAt)).toEqual(['T', '2026-12-01T03:00:00.000Z', null])
    expect(markedRead(list, null, 'T').map((m) => m.readAt)).toEqual(['T', '2026-12-01T03:00:00.000Z', 'T'])
  })
})
