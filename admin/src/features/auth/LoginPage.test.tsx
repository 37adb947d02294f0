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
    const fetchMock = mockServer(() => ({ status: 200, body: { token: 'jwt-1', expiresIn: 28800, idleTimeout: 1800, user: demoUser } }))
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
        ? { status: 200, body: { token: 'jwt-1', expiresIn: 28800, idleTimeout: 1800, user: demoUser } }
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
        ? { status: 200, body: { token: 'jwt-1', expiresIn: 28800, idleTimeout: 1800, user: demoUser } }
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

describe('LoginPage: captcha and second factor', () => {
  it('asks for the captcha after the server says so, and sends its id and answer', async () => {
    let logins = 0
    const fetchMock = mockServer(({ pathname }) => {
      if (pathname === '/api/staff/auth/captcha') return { status: 200, body: { captchaId: `00000000-0000-4000-8000-00000000000${logins}`, svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' } }
      logins += 1
      return logins === 1
        ? { status: 401, body: { code: 'INVALID_CREDENTIALS', message: '用户名或密码错误', details: { captchaRequired: true } } }
        : { status: 200, body: { token: 'jwt-2', expiresIn: 28800, idleTimeout: 1800, user: demoUser } }
    })
    renderApp('/login')
    fillAndSubmit('admin', 'wrong')
    expect(await screen.findByTestId('captcha-image')).toBeTruthy()
    fireEvent.change(document.querySelector('#captchaAnswer')!, { target: { value: 'x7k2' } })
    fireEvent.change(document.querySelector('#password')!, { target: { value: 'right' } })
    fireEvent.click(document.querySelector('#login-submit')!)
    expect((await screen.findByTestId('current-user')).textContent).toContain('张建国')
    const loginBodies = fetchMock.mock.calls
      .filter(([input]) => String(input).endsWith('/auth/login'))
      .map(([, init]) => JSON.parse(String(init?.body)))
    expect(loginBodies[1]).toEqual({ username: 'admin', password: 'right', captchaId: '00000000-0000-4000-8000-000000000001', captchaAnswer: 'x7k2' })
  })

  it('says when the account is locked', async () => {
    mockServer(() => ({ status: 423, body: { code: 'ACCOUNT_LOCKED', message: '登录失败次数过多，请 15 分钟后再试或联系管理员解锁' } }))
    renderApp('/login')
    fillAndSubmit('admin', 'wrong')
    expect((await screen.findByTestId('login-error')).textContent).toContain('15 分钟后再试')
  })

  it('asks for the TOTP code after the password and opens the panel with it', async () => {
    const fetchMock = mockServer(({ pathname }) =>
      pathname === '/api/staff/auth/login'
        ? { status: 200, body: { totpRequired: true, challenge: 'ch-1', expiresIn: 300 } }
        : pathname === '/api/staff/auth/login/totp'
          ? { status: 200, body: { token: 'jwt-3', expiresIn: 28800, idleTimeout: 1800, user: demoUser } }
          : { status: 404, body: { code: 'NOT_FOUND', message: '不存在' } },
    )
    renderApp('/login')
    fillAndSubmit('admin', 'secret')
    const code = await screen.findByPlaceholderText('6 位验证码或恢复码')
    expect(getToken()).toBeNull()
    fireEvent.change(code, { target: { value: '123456' } })
    fireEvent.click(document.querySelector('#totp-login-submit')!)
    expect((await screen.findByTestId('current-user')).textContent).toContain('张建国')
    expect(getToken()).toBe('jwt-3')
    const totpCall = fetchMock.mock.calls.find(([input]) => String(input).endsWith('/auth/login/totp'))!
    expect(JSON.parse(String(totpCall[1]?.body))).toEqual({ challenge: 'ch-1', code: '123456' })
  })

  it('a wrong code keeps the code step and says so', async () => {
    mockServer(({ pathname }) =>
      pathname === '/api/staff/auth/login'
        ? { status: 200, body: { totpRequired: true, challenge: 'ch-1', expiresIn: 300 } }
        : { status: 401, body: { code: 'TOTP_INVALID', message: '动态验证码不正确' } },
    )
    renderApp('/login')
    fillAndSubmit('admin', 'secret')
    fireEvent.change(await screen.findByPlaceholderText('6 位验证码或恢复码'), { target: { value: '000000' } })
    fireEvent.click(document.querySelector('#totp-login-submit')!)
    expect((await screen.findByTestId('login-error')).textContent).toContain('动态验证码不正确')
    expect(document.querySelector('#totp-login-submit')).toBeTruthy()
  })
})
