import type { DeskResponse } from '@msjd/shared'
import type { StaffUser } from '@msjd/shared/auth'
import { fireEvent, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { mockServer } from '../../test/http'
import { demoUser, renderApp } from '../../test/render'

const desk: DeskResponse = {
  today: '2026-11-20',
  figuresFrom: '2026-01-01',
  todos: [
    { key: 'to_accept', count: 3 },
    { key: 'due_soon', count: 2 },
    { key: 'overdue', count: 1 },
  ],
  recent: [{ id: 'r-1', serial: 'JB20261120-0001', summary: '村干部优亲厚友', status: 'accepted', lastAction: 'accepted', at: '2026-11-19T16:30:00Z' }],
  figures: [
    { key: 'submitted', kind: 'count', value: 8 },
    { key: 'accept_on_time', kind: 'rate', value: 0.5, numerator: 1, denominator: 2 },
  ],
}

function serve(user: StaffUser = { ...demoUser, role: 'intake' }) {
  return mockServer(({ pathname }) => {
    if (pathname === '/api/staff/auth/me') return { status: 200, body: { user } }
    if (pathname === '/api/staff/desk') return { status: 200, body: desk }
    if (pathname === '/api/staff/reports') {
      return { status: 200, body: { items: [], total: 0, page: 1, pageSize: 20, counts: { byStatus: {}, overdue: 0 } } }
    }
    return { status: 200, body: { items: [] } }
  })
}

describe('工作台', () => {
  it('shows the to-dos, my recent items in Beijing time and my figures', async () => {
    serve()
    renderApp('/dashboard', { loggedIn: true })
    const todo = await screen.findByTestId('desk-todo-to_accept', {}, { timeout: 20_000 })
    expect(todo.textContent).toContain('待受理')
    expect(todo.textContent).toContain('3')
    expect(screen.getByTestId('desk-todo-due_soon').textContent).toContain('即将到期')
    const recent = screen.getByTestId('desk-recent')
    expect(within(recent).getByText('JB20261120-0001')).toBeTruthy()
    // 16:30 UTC is 00:30 the next day in Beijing
    expect(within(recent).getByText('2026-11-20 00:30')).toBeTruthy()
    expect(screen.getByTestId('desk-figures').textContent).toContain('50.0%')
    expect(screen.getByTestId('desk-figures').textContent).toContain('本年收件')
  })

  it('opens the list a count stands for, filtered the same way', async () => {
    const fetchMock = serve()
    renderApp('/dashboard', { loggedIn: true })
    fireEvent.click(await screen.findByTestId('desk-todo-due_soon', {}, { timeout: 20_000 }))
    await screen.findByText('仅看即将到期', {}, { timeout: 20_000 })
    const asked = fetchMock.mock.calls.map(([input]) => new URL(String(input), 'http://localhost')).filter((u) => u.pathname === '/api/staff/reports')
    expect(asked.at(-1)?.searchParams.get('dueSoon')).toBe('true')
  })
})
