import type { StaffUser } from '@msjd/shared/auth'
import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { getToken } from '../api/client'
import { mockServer } from '../test/http'
import { demoUser, renderApp } from '../test/render'

const emptyDesk = { today: '2026-11-20', figuresFrom: '2026-01-01', todos: [], recent: [], figures: [] }

function serveUser(user: StaffUser) {
  return mockServer(({ pathname }) =>
    pathname === '/api/staff/auth/me'
      ? { status: 200, body: { user } }
      : pathname === '/api/staff/desk'
        ? { status: 200, body: emptyDesk }
        : { status: 404, body: { code: 'NOT_FOUND', message: '不存在' } },
  )
}

describe('AppLayout', () => {
  it('shows who is logged in and names the page in the title', async () => {
    // every menu entry now has its page; the auditor's one page is 审计日志
    serveUser({ ...demoUser, role: 'auditor' })
    renderApp('/system/audit-logs', { loggedIn: true })
    expect((await screen.findByTestId('current-user')).textContent).toContain('张建国')
    expect(screen.getByTestId('current-role').textContent).toBe('审计管理员')
    await waitFor(() => expect(document.title).toBe('审计日志 - 码上监督 · 管理后台'))
  })

  it('opens the home page (工作台) from the root address', async () => {
    serveUser(demoUser)
    renderApp('/', { loggedIn: true })
    expect(await screen.findByTestId('desk', {}, { timeout: 20_000 })).toBeTruthy()
    expect(document.title).toBe('工作台 - 码上监督 · 管理后台')
  })

  it('hides 系统管理 from intake staff and refuses its pages by address', async () => {
    serveUser({ ...demoUser, role: 'intake', displayName: '李受理' })
    renderApp('/system/units', { loggedIn: true })
    expect((await screen.findByTestId('forbidden-page')).textContent).toContain('单位管理')
    expect(screen.getByTestId('nav-reports')).toBeTruthy()
    expect(screen.queryByTestId('nav-section-system')).toBeNull()
  })

  it('shows the unit of a responsible-unit liaison', async () => {
    serveUser({ ...demoUser, role: 'unit_liaison', unitId: 'u-9', unitName: '县市场监督管理局' })
    renderApp('/dashboard', { loggedIn: true })
    expect(await screen.findByText('县市场监督管理局')).toBeTruthy()
    expect(screen.getByTestId('current-role').textContent).toBe('责任单位联络员')
  })

  it('answers an unknown address with 页面不存在', async () => {
    serveUser(demoUser)
    renderApp('/no-such-page', { loggedIn: true })
    expect(await screen.findByTestId('not-found-page')).toBeTruthy()
  })

  it('logs out to the login page and forgets the token', async () => {
    serveUser(demoUser)
    renderApp('/system/users', { loggedIn: true })
    fireEvent.click(await screen.findByText('退出登录'))
    expect(document.querySelector('#login-submit')).toBeTruthy()
    expect(getToken()).toBeNull()
    expect(screen.queryByTestId('login-expired')).toBeNull()
  })

  it('offers a retry when the server cannot be reached at start-up, keeping the token', async () => {
    mockServer(() => ({ status: 503 }))
    renderApp('/dashboard', { loggedIn: true })
    expect(await screen.findByText('暂时无法连接服务器')).toBeTruthy()
    expect(getToken()).toBe('test-token')
    serveUser(demoUser)
    fireEvent.click(document.querySelector('#auth-retry')!)
    await waitFor(() => expect(screen.getByTestId('current-user').textContent).toContain('张建国'))
  })
})
