import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { getToken } from '../../api/client'
import { mockServer } from '../../test/http'
import { demoUser, renderApp } from '../../test/render'

function fillAndSubmit(username: string, password: string) {
  fireEvent.change(document.querySelector('#username')!, { target: { value: username } })
  fireEvent.change(document.querySelector('#password')!, { target: { value: password } })
  fireEvent.click(document.querySelector('#login-submit')!)
}

describe('LoginPage', () => {
  it('shows the panel title and the login form', () => {
    mockServer(() => ({ status: 500 }))
    renderApp('/login')
    expect(screen.getByRole('heading', { name: '码上监督 · 管理后台' })).toBeTruthy()
    expect(document.querySelector('input#username')).toBeTruthy()
    expect(document.querySelector('input#password[type="password"]')).toBeTruthy()
    // antd spaces out two-character button labels (登 录).
    expect(document.querySelector('button#login-submit')?.textContent?.replace(/\s/g, '')).toBe('登录')
  })

  it('checks the fields in the browser with the shared messages before calling the server', async () => {
    const fetchMock = mockServer(() => ({ status: 500 }))
    renderApp('/login')
    fireEvent.click(document.querySelector('#login-submit')!)
    expect(await screen.findByText('请输入用户名')).toBeTruthy()
    expect(await screen.findByText('请输入密码')).toBeTruthy()
    expect(fetchMock).not.toHaveBeenCalled()
  })

  it('shows the server’s message for wrong credentials', async () => {
    mockServer(() => ({ status: 401, body: { code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' } }))
    renderApp('/login')
    fillAndSubmit('admin', 'wrong')
    const alert = await screen.findByTestId('login-error')
    expect(alert.textContent).toContain('用户名或密码错误')
    expect(getToken()).toBeNull()
  })

  it('shows a rate limit in Chinese even when the server answers in English', async () => {
    mockServer(() => ({ status: 429, body: { message: 'Rate limit exceeded, retry in 1 minute' }, headers: { 'Retry-After': '60' } }))
    renderApp('/login')
    fillAndSubmit('admin', 'wrong')
    expect((await screen.findByTestId('login-error')).textContent).toContain('操作过于频繁，请 60 秒后再试')
  })

  it('puts server validation issues under the field they concern', async () => {
    mockServer(() => ({
      status: 400,
      body: {
        code: 'VALIDATION_FAILED',
        message: '提交的信息有误',
        issues: [{ path: 'username', code: 'too_big', message: '用户名不能超过 64 个字符' }],
      },
    }))
    renderApp('/login')
    fillAndSubmit('admin', 'secret')
    expect(await screen.findByText('用户名不能超过 64 个字符')).toBeTruthy()
    expect(screen.queryByTestId('login-error')).toBeNull()
  })

  it('stores the token and opens the panel after a successful login', async () => {
    const fetchMock = mockServer(() => ({ status: 200, body: { token: 'jwt-1', expiresIn: 28800, user: demoUser } }))
    renderApp('/login')
    fillAndSubmit('  admin ', 'secret')
    expect((await screen.findByTestId('current-user')).textContent).toContain('张建国')
    expect(getToken()).toBe('jwt-1')
    // The username is trimmed by the shared schema before it is sent.
    expect(JSON.parse(String(fetchMock.mock.calls[0][1]?.body))).toEqual({ username: 'admin', password: 'secret' })
  })

  it('returns to the page that asked for the login', async () => {
    mockServer(({ pathname }) =>
      pathname === '/api/staff/auth/login'
        ? { status: 200, body: { token: 'jwt-1', expiresIn: 28800, user: demoUser } }
        : { status: 200, body: { items: [], total: 0, page: 1, pageSize: 20 } },
    )
    renderApp('/system/units')
    fillAndSubmit('admin', 'secret')
    expect(await screen.findByTestId('units-table')).toBeTruthy()
  })

  it('lands another user on 工作台, not on the page the previous user was sent from', async () => {
    localStorage.setItem('msjd.admin.lastUser', 'intake')
    mockServer(({ pathname }) =>
      pathname === '/api/staff/auth/login'
        ? { status: 200, body: { token: 'jwt-1', expiresIn: 28800, user: demoUser } }
        : pathname === '/api/staff/desk'
          ? { status: 200, body: { today: '2026-11-20', figuresFrom: '2026-01-01', todos: [], recent: [], figures: [] } }
          : { status: 200, body: { items: [], total: 0, page: 1, pageSize: 20 } },
    )
    renderApp('/system/units')
    fillAndSubmit('admin', 'secret')
    expect(await screen.findByTestId('desk', {}, { timeout: 20_000 })).toBeTruthy()
    expect(screen.queryByTestId('units-table')).toBeNull()
    expect(localStorage.getItem('msjd.admin.lastUser')).toBe('admin')
  })

  it('says so when a stored token has expired', async () => {
    mockServer(() => ({ status: 401, body: { code: 'UNAUTHORIZED', message: '登录已过期，请重新登录' } }))
    renderApp('/dashboard', { loggedIn: true })
    expect((await screen.findByTestId('login-expired')).textContent).toContain('登录已过期')
    await waitFor(() => expect(getToken()).toBeNull())
  })
})
