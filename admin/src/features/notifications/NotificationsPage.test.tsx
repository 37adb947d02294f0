import type { StaffNotification } from '@msjd/shared'
import type { StaffUser } from '@msjd/shared/auth'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { mockServer } from '../../test/http'
import { demoUser, renderApp } from '../../test/render'

const reminders: StaffNotification[] = [
  {
    id: 'n-1',
    kind: 'report_assigned',
    title: '新交办：JB20261120-0001',
    body: '作风问题，答复时限 2026-12-10',
    link: '/reports/r-1',
    createdAt: '2026-11-19T16:30:00Z',
    readAt: null,
  },
  {
    id: 'n-2',
    kind: 'daily_digest',
    title: '11月20日待办摘要',
    body: '待办理 1 件',
    link: '/dashboard',
    createdAt: '2026-11-19T16:00:00Z',
    readAt: '2026-11-19T17:00:00Z',
  },
]

function serve(user: StaffUser = { ...demoUser, role: 'tour_group' }) {
  const read = new Set<string>()
  const view = () => reminders.map((r) => (read.has(r.id) ? { ...r, readAt: r.readAt ?? '2026-11-20T01:00:00Z' } : r))
  const unread = () => view().filter((r) => !r.readAt).length
  const fetchMock = mockServer(({ pathname, searchParams }, init) => {
    if (pathname === '/api/staff/auth/me') return { status: 200, body: { user } }
    if (pathname === '/api/staff/notifications/summary') return { status: 200, body: { unread: unread(), latest: view() } }
    if (pathname === '/api/staff/notifications') {
      const items = searchParams.get('unread') === 'true' ? view().filter((r) => !r.readAt) : view()
      return { status: 200, body: { items, total: items.length, unread: unread(), page: 1, pageSize: 20 } }
    }
    if (pathname === '/api/staff/notifications/read-all' && init.method === 'POST') {
      for (const r of reminders) read.add(r.id)
      return { status: 200, body: { unread: 0 } }
    }
    const one = /^\/api\/staff\/notifications\/([^/]+)\/read$/.exec(pathname)
    if (one && init.method === 'POST') {
      read.add(one[1]!)
      return { status: 200, body: { unread: unread() } }
    }
    if (pathname === '/api/staff/desk') {
      return { status: 200, body: { today: '2026-11-20', figuresFrom: '2026-01-01', todos: [], recent: [], figures: [] } }
    }
    return { status: 200, body: { items: [], total: 0, page: 1, pageSize: 20, counts: { byStatus: {}, overdue: 0 } } }
  })
  return fetchMock
}

describe('提醒中心', () => {
  it('shows the unread count on the bell; a reminder opens its page and is marked read', async () => {
    const fetchMock = serve()
    renderApp('/dashboard', { loggedIn: true })
    const badge = await screen.findByTestId('notification-badge', {}, { timeout: 20_000 })
    await waitFor(() => expect(badge.textContent).toBe('1'))
    // the poll is a background request: it must not keep an unattended session alive
    const poll = fetchMock.mock.calls.find(([input]) => String(input).includes('/notifications/summary'))!
    expect((poll[1]?.headers as Record<string, string>)['x-background-request']).toBe('1')

    fireEvent.click(screen.getByRole('button', { name: /提醒，1 条未读/ }))
    const item = await screen.findByTestId('notification-n-1')
    expect(item.dataset.read).toBe('false')
    // Beijing time whatever the browser's zone: 16:30 UTC is 00:30 the next day
    expect(within(item).getByText('2026-11-20 00:30')).toBeTruthy()
    fireEvent.click(item)
    await waitFor(() => expect(fetchMock.mock.calls.some(([input, init]) => String(input).endsWith('/notifications/n-1/read') && init?.method === 'POST')).toBe(true))
    // the report's page opens: it asks for the report
    await waitFor(() => expect(fetchMock.mock.calls.some(([input]) => new URL(String(input), 'http://localhost').pathname === '/api/staff/reports/r-1')).toBe(true))
  })

  it('lists every reminder, filters the unread ones from the address and marks all read', async () => {
    serve({ ...demoUser, role: 'intake' })
    renderApp('/notifications?unread=true', { loggedIn: true })
    expect(await screen.findByText('新交办：JB20261120-0001', {}, { timeout: 20_000 })).toBeTruthy()
    expect(screen.queryByText('11月20日待办摘要')).toBeNull()
    fireEvent.click(screen.getByText('全部', { selector: '.ant-segmented-item-label' }))
    expect(await screen.findByText('11月20日待办摘要')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: '全部标为已读' }))
    await waitFor(() => expect(screen.queryByText('未读', { selector: '.ant-tag' })).toBeNull())
  })

  it('is not offered to the auditor', async () => {
    const fetchMock = serve({ ...demoUser, role: 'auditor' })
    renderApp('/audit/logs', { loggedIn: true })
    await screen.findByTestId('current-role', {}, { timeout: 20_000 })
    expect(screen.queryByTestId('notification-badge')).toBeNull()
    expect(fetchMock.mock.calls.some(([input]) => String(input).includes('/notifications'))).toBe(false)
  })
})
