import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { mockServer } from '../../test/http'
import { demoUser, renderApp } from '../../test/render'

afterEach(() => vi.useRealTimers())

describe('the step a user must take first', () => {
  it('a user who must change the password sees only that form; the server’s reasons go under the field', async () => {
    let changed = false
    mockServer(({ pathname }, init) => {
      if (pathname === '/api/staff/auth/me') return { status: 200, body: { user: { ...demoUser, pending: changed ? null : 'password_change' } } }
      if (pathname === '/api/staff/auth/password') {
        const body = JSON.parse(String(init.body))
        if (body.newPassword === 'weak') {
          return { status: 400, body: { code: 'VALIDATION_FAILED', message: '提交的内容不符合要求', issues: [{ path: 'newPassword', code: 'password_policy', message: '密码至少 10 位' }] } }
        }
        changed = true
        return { status: 200, body: { user: { ...demoUser, pending: null } } }
      }
      return { status: 200, body: { items: [], total: 0, page: 1, pageSize: 20 } }
    })
    renderApp('/dashboard', { loggedIn: true })
    expect((await screen.findByTestId('pending-step')).textContent).toContain('请先修改密码')
    expect(screen.queryByTestId('current-user')).toBeNull()
    const fill = (current: string, next: string) => {
      fireEvent.change(document.querySelector('#password_currentPassword')!, { target: { value: current } })
      fireEvent.change(document.querySelector('#password_newPassword')!, { target: { value: next } })
      fireEvent.change(document.querySelector('#password_confirmPassword')!, { target: { value: next } })
      fireEvent.click(document.querySelector('#password-submit')!)
    }
    fill('Demo@2026', 'weak')
    expect(await screen.findByText('密码至少 10 位')).toBeTruthy()
    fill('Demo@2026', 'Better#Pass2026')
    expect((await screen.findByTestId('current-user')).textContent).toContain('张建国')
  })

  it('a mismatched confirmation is caught before calling the server', async () => {
    const fetchMock = mockServer(({ pathname }) =>
      pathname === '/api/staff/auth/me' ? { status: 200, body: { user: { ...demoUser, pending: 'password_change' } } } : { status: 500 },
    )
    renderApp('/dashboard', { loggedIn: true })
    await screen.findByTestId('pending-step')
    fireEvent.change(document.querySelector('#password_currentPassword')!, { target: { value: 'a' } })
    fireEvent.change(document.querySelector('#password_newPassword')!, { target: { value: 'Better#Pass2026' } })
    fireEvent.change(document.querySelector('#password_confirmPassword')!, { target: { value: 'Other#Pass2026' } })
    fireEvent.click(document.querySelector('#password-submit')!)
    expect(await screen.findByText('两次输入的新密码不一致')).toBeTruthy()
    expect(fetchMock.mock.calls.filter(([input]) => String(input).endsWith('/auth/password'))).toHaveLength(0)
  })

  it('a role that requires TOTP enrols by QR code and sees the recovery codes once', async () => {
    let enrolled = false
    mockServer(({ pathname }) => {
      if (pathname === '/api/staff/auth/me') return { status: 200, body: { user: { ...demoUser, pending: enrolled ? null : 'totp_enrolment', totpEnabled: enrolled } } }
      if (pathname === '/api/staff/auth/totp/setup') return { status: 200, body: { secret: 'JBSWY3DPEHPK3PXP', otpauthUrl: 'otpauth://totp/x', qrDataUrl: 'data:image/png;base64,AAAA' } }
      if (pathname === '/api/staff/auth/totp/confirm') {
        enrolled = true
        return { status: 200, body: { recoveryCodes: ['AAAAA-BBBBB', 'CCCCC-DDDDD'], user: { ...demoUser, pending: null, totpEnabled: true } } }
      }
      return { status: 200, body: { items: [], total: 0, page: 1, pageSize: 20 } }
    })
    renderApp('/dashboard', { loggedIn: true })
    expect((await screen.findByTestId('totp-secret')).textContent).toContain('JBSWY3DPEHPK3PXP')
    expect(screen.getByTestId('totp-qr').getAttribute('src')).toBe('data:image/png;base64,AAAA')
    fireEvent.change(document.querySelector('#totp-code')!, { target: { value: '123456' } })
    fireEvent.click(document.querySelector('#totp-confirm')!)
    expect((await screen.findByTestId('recovery-codes')).textContent).toContain('CCCCC-DDDDD')
    fireEvent.click(document.querySelector('#recovery-done')!)
    expect((await screen.findByTestId('current-user')).textContent).toContain('张建国')
  })
})

describe('idle warning', () => {
  it('counts down from the server’s deadline, 继续使用 asks the server again, and the panel logs out when it runs out', async () => {
    let deadline = Date.now() + 2 * 60_000
    const fetchMock = mockServer(({ pathname }) =>
      pathname === '/api/staff/auth/me'
        ? { status: 200, body: { user: demoUser }, headers: { 'x-session-idle-deadline': new Date(deadline).toISOString() } }
        : { status: 200, body: { ended: 1 } },
    )
    renderApp('/statistics', { loggedIn: true })
    expect((await screen.findByTestId('idle-countdown')).textContent).toMatch(/1 分 5\d 秒后自动退出|2 分 00 秒后自动退出/)
    deadline = Date.now() + 30 * 60_000
    fireEvent.click(document.querySelector('#idle-continue')!)
    await waitFor(() => expect(screen.queryByTestId('idle-countdown')).toBeNull())
    expect(fetchMock.mock.calls.filter(([input]) => String(input).endsWith('/auth/me')).length).toBe(2)

    // The deadline comes close again: when it passes, the panel ends the session by itself.
    vi.useFakeTimers({ shouldAdvanceTime: true })
    deadline = Date.now() + 5_000
    await act(async () => {
      await import('../../api/client').then(({ apiRequest }) => apiRequest('/staff/auth/me'))
    })
    expect(await screen.findByTestId('idle-countdown')).toBeTruthy()
    await act(async () => {
      vi.advanceTimersByTime(6_000)
    })
    expect((await screen.findByTestId('login-expired')).textContent).toContain('长时间未操作')
    expect(fetchMock.mock.calls.some(([input]) => String(input).endsWith('/auth/logout'))).toBe(true)
  })
})
