import type { StaffAccount } from '@msjd/shared/auth'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { mockServer } from '../../test/http'
import { demoUser, renderApp } from '../../test/render'

const unitId = '11111111-1111-4111-8111-111111111111'
const account = (over: Partial<StaffAccount> = {}): StaffAccount => ({
  id: '22222222-2222-4222-8222-222222222222',
  username: 'liaison2',
  displayName: '联络员 王芳',
  role: 'unit_liaison',
  unitId,
  unitName: '县市场监督管理局',
  tourGroupId: null,
  tourGroupName: null,
  phoneTail: '0001',
  active: true,
  lockedUntil: null,
  mustChangePassword: true,
  totpEnabled: false,
  lastLoginAt: null,
  createdAt: '2026-12-01T02:00:00.000Z',
  ...over,
})

function serve(handler: (pathname: string, init: RequestInit, search: URLSearchParams) => { status: number; body?: unknown } | undefined) {
  return mockServer(({ pathname, searchParams }, init) => {
    if (pathname === '/api/staff/auth/me') return { status: 200, body: { user: demoUser } }
    if (pathname === '/api/staff/units') return { status: 200, body: { items: [{ id: unitId, code: 'BM1', name: '县市场监督管理局', kind: 'department', onboard: true, parentId: null }], total: 1, page: 1, pageSize: 200 } }
    if (pathname === '/api/staff/tour-groups') return { status: 200, body: { items: [] } }
    return handler(pathname, init, searchParams) ?? { status: 404, body: { code: 'NOT_FOUND', message: '不存在' } }
  })
}

const listCalls = (fetchMock: ReturnType<typeof serve>) =>
  fetchMock.mock.calls
    .map(([input]) => new URL(String(input), 'http://localhost'))
    .filter((url) => url.pathname === '/api/staff/users')
    .map((url) => Object.fromEntries(url.searchParams))

describe('UsersPage', () => {
  it('lists accounts with their state and filters by role, status and search', async () => {
    const fetchMock = serve((pathname) =>
      pathname === '/api/staff/users'
        ? { status: 200, body: { items: [account(), account({ id: '3', username: 'off', phoneTail: null, active: false, mustChangePassword: false, lockedUntil: '2026-12-01T03:00:00.000Z' })], total: 2, page: 1, pageSize: 20 } }
        : undefined,
    )
    renderApp('/system/users', { loggedIn: true })
    const table = await screen.findByTestId('users-table')
    await waitFor(() => expect(within(table).getByText('liaison2')).toBeTruthy())
    expect(within(table).getByText('****0001')).toBeTruthy()
    expect(within(table).getByText('待改密')).toBeTruthy()
    expect(within(table).getByText('已停用')).toBeTruthy()
    expect(document.querySelector('#user-unlock-off')).toBeTruthy()
    expect(document.querySelector('#user-enable-off')).toBeTruthy()
    fireEvent.change(document.querySelector('#users-search')!, { target: { value: ' 王芳 ' } })
    fireEvent.click(document.querySelector('#users-search-submit')!)
    await waitFor(() => expect(listCalls(fetchMock).at(-1)).toMatchObject({ q: '王芳', page: '1' }))
  })

  it('creates a liaison account and shows the temporary password once', async () => {
    let created: unknown
    serve((pathname, init) => {
      if (pathname === '/api/staff/users' && init.method === 'POST') {
        created = JSON.parse(String(init.body))
        return { status: 200, body: { account: account(), temporaryPassword: 'Tmp#Pass9xyz' } }
      }
      if (pathname === '/api/staff/users') return { status: 200, body: { items: [], total: 0, page: 1, pageSize: 20 } }
    })
    renderApp('/system/users', { loggedIn: true })
    fireEvent.click(await screen.findByText('新建账号'))
    fireEvent.change(await screen.findByLabelText('用户名'), { target: { value: 'liaison2' } })
    fireEvent.change(screen.getByLabelText('姓名'), { target: { value: '联络员 王芳' } })
    fireEvent.mouseDown(screen.getByLabelText('角色'))
    fireEvent.click(await screen.findByTitle('责任单位联络员'))
    // a liaison without a unit is refused in the browser with the shared rule
    fireEvent.click(document.querySelector('#account-submit')!)
    expect(await screen.findByText('责任单位联络员须选择所属单位')).toBeTruthy()
    fireEvent.mouseDown(screen.getByLabelText('所属单位'))
    fireEvent.click(await screen.findByTitle('县市场监督管理局'))
    fireEvent.click(document.querySelector('#account-submit')!)
    expect((await screen.findByTestId('temporary-password')).textContent).toContain('Tmp#Pass9xyz')
    expect(created).toEqual({ username: 'liaison2', displayName: '联络员 王芳', role: 'unit_liaison', unitId, tourGroupId: null, phone: null })
    fireEvent.click(document.querySelector('#temporary-password-done')!)
    await waitFor(() => expect(screen.queryByTestId('temporary-password')).toBeNull())
  })

  it('shows the server’s reason under the username when it is taken', async () => {
    serve((pathname, init) => {
      if (pathname === '/api/staff/users' && init.method === 'POST') {
        return { status: 400, body: { code: 'VALIDATION_FAILED', message: '提交的内容不符合要求', issues: [{ path: 'username', code: 'taken', message: '用户名已被使用' }] } }
      }
      if (pathname === '/api/staff/users') return { status: 200, body: { items: [], total: 0, page: 1, pageSize: 20 } }
    })
    renderApp('/system/users', { loggedIn: true })
    fireEvent.click(await screen.findByText('新建账号'))
    fireEvent.change(await screen.findByLabelText('用户名'), { target: { value: 'admin' } })
    fireEvent.change(screen.getByLabelText('姓名'), { target: { value: '重复' } })
    fireEvent.mouseDown(screen.getByLabelText('角色'))
    fireEvent.click(await screen.findByTitle('受理员'))
    fireEvent.click(document.querySelector('#account-submit')!)
    expect(await screen.findByText('用户名已被使用')).toBeTruthy()
  })

  it('disables an account after confirmation and resets a password with a one-time answer', async () => {
    const calls: string[] = []
    serve((pathname, init) => {
      if (pathname === '/api/staff/users') return { status: 200, body: { items: [account({ mustChangePassword: false })], total: 1, page: 1, pageSize: 20 } }
      if (init.method === 'POST') {
        calls.push(pathname)
        if (pathname.endsWith('/reset-password')) return { status: 200, body: { account: account(), temporaryPassword: 'New#Temp8abc' } }
        return { status: 200, body: { account: account({ active: false }) } }
      }
    })
    renderApp('/system/users', { loggedIn: true })
    fireEvent.click(await screen.findByText('停用'))
    fireEvent.click(await screen.findByText('确 定'))
    await waitFor(() => expect(calls).toContain('/api/staff/users/22222222-2222-4222-8222-222222222222/disable'))
    fireEvent.click(screen.getByText('重置密码'))
    fireEvent.click(document.querySelector('#user-action-confirm')!)
    expect((await screen.findByTestId('temporary-password')).textContent).toContain('New#Temp8abc')
  })

  it('is offered to the system administrator only', async () => {
    mockServer(({ pathname }) =>
      pathname === '/api/staff/auth/me' ? { status: 200, body: { user: { ...demoUser, role: 'supervisor' } } } : { status: 200, body: { items: [], total: 0, page: 1, pageSize: 20 } },
    )
    renderApp('/system/users', { loggedIn: true })
    expect((await screen.findByTestId('forbidden-page')).textContent).toContain('用户管理')
  })
})
