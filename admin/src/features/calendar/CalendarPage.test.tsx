import { screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { mockServer } from '../../test/http'
import { demoUser, renderApp } from '../../test/render'

function serve(official: boolean, role = demoUser.role) {
  return mockServer(({ pathname, searchParams }, init) => {
    if (pathname === '/api/staff/auth/me') return { status: 200, body: { user: { ...demoUser, role } } }
    if (pathname === '/api/staff/calendar') {
      const year = Number(searchParams.get('year'))
      return {
        status: 200,
        body: {
          year,
          official,
          workdays: 250,
          exceptions: [
            { day: `${year}-10-01`, isWorkday: false, source: 'official', note: null },
            { day: `${year}-10-10`, isWorkday: true, source: 'official', note: null },
            { day: `${year}-12-31`, isWorkday: false, source: 'override', note: '县政府通知' },
          ],
        },
      }
    }
    if (pathname.startsWith('/api/staff/calendar/overrides/') && init.method === 'DELETE') return { status: 204 }
    return { status: 404, body: { code: 'NOT_FOUND', message: '接口不存在' } }
  })
}

describe('CalendarPage', () => {
  it('lists holidays, make-up days and staff corrections of the year', async () => {
    serve(true, 'admin')
    renderApp('/system/calendar', { loggedIn: true })
    const table = await screen.findByTestId('calendar-table', {}, { timeout: 10_000 })
    await waitFor(() => expect(table.textContent).toContain('工作日（调休上班）'))
    expect(table.textContent).toContain('工作人员更正')
    expect(table.textContent).toContain('县政府通知')
    expect(screen.getByTestId('calendar-workdays').textContent).toBe('250')
    expect(screen.queryByText(/未内置/)).toBeNull()
    expect(document.querySelector('#override-submit')).not.toBeNull()
  })

  it('warns when the year has no official schedule (weekdays apply until staff enter it)', async () => {
    serve(false, 'supervisor')
    renderApp('/system/calendar', { loggedIn: true })
    expect(await screen.findByText(/未内置/, {}, { timeout: 10_000 })).toBeTruthy()
  })
})
