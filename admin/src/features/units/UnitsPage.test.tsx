import type { Unit } from '@msjd/shared/units'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { mockServer } from '../../test/http'
import { demoUser, renderApp } from '../../test/render'

const units: Unit[] = [
  { id: 'a', code: 'BM001', name: '县市场监督管理局', kind: 'department', onboard: true, parentId: null },
  { id: 'b', code: 'XZ001', name: '城关镇人民政府', kind: 'township', onboard: false, parentId: null },
]

/** A fake server holding `units`; the list answer echoes the page asked for. */
function serveUnits(answer: (query: URLSearchParams) => { status: number; body?: unknown } = () => ({ status: 200 })) {
  return mockServer(({ pathname, searchParams }) => {
    if (pathname === '/api/staff/auth/me') return { status: 200, body: { user: demoUser } }
    const custom = answer(searchParams)
    if (custom.body !== undefined || custom.status !== 200) return custom
    const page = Number(searchParams.get('page'))
    const pageSize = Number(searchParams.get('pageSize'))
    return { status: 200, body: { items: units, total: 45, page, pageSize } }
  })
}

const unitRequests = (fetchMock: ReturnType<typeof serveUnits>) =>
  fetchMock.mock.calls
    .map(([input]) => new URL(String(input), 'http://localhost'))
    .filter((url) => url.pathname === '/api/staff/units')
    .map((url) => Object.fromEntries(url.searchParams))

describe('UnitsPage', () => {
  it('lists the units of the current page with Chinese kind labels', async () => {
    const fetchMock = serveUnits()
    renderApp('/system/units', { loggedIn: true })
    const table = await screen.findByTestId('units-table')
    expect(await within(table).findByText('县市场监督管理局')).toBeTruthy()
    expect(within(table).getByText('乡镇（街道）')).toBeTruthy()
    expect(within(table).getByText('已进驻')).toBeTruthy()
    expect(screen.getByText('共 45 个单位')).toBeTruthy()
    expect(unitRequests(fetchMock)).toEqual([{ page: '1', pageSize: '20' }])
  })

  it('takes its filters from the address and ignores ones the shared schema rejects', async () => {
    const fetchMock = serveUnits()
    renderApp('/system/units?q=城关&kind=township&page=2', { loggedIn: true })
    await screen.findByText('城关镇人民政府')
    expect(unitRequests(fetchMock)[0]).toEqual({ q: '城关', kind: 'township', page: '2', pageSize: '20' })
    expect((document.querySelector('#units-search') as HTMLInputElement).value).toBe('城关')
  })

  it('falls back to the first page for a malformed address', async () => {
    const fetchMock = serveUnits()
    renderApp('/system/units?kind=planet&page=-1', { loggedIn: true })
    await screen.findByText('城关镇人民政府')
    expect(unitRequests(fetchMock)[0]).toEqual({ page: '1', pageSize: '20' })
  })

  it('searches from the first page', async () => {
    const fetchMock = serveUnits()
    renderApp('/system/units?page=3', { loggedIn: true })
    await screen.findByText('城关镇人民政府')
    const search = document.querySelector('#units-search')!
    fireEvent.change(search, { target: { value: ' 市场 ' } })
    fireEvent.keyDown(search, { key: 'Enter', code: 'Enter', keyCode: 13 })
    await waitFor(() => expect(unitRequests(fetchMock).at(-1)).toEqual({ q: '市场', page: '1', pageSize: '20' }))
    fireEvent.click(document.querySelector('#units-reset')!)
    await waitFor(() => expect(unitRequests(fetchMock).at(-1)).toEqual({ page: '1', pageSize: '20' }))
    expect((search as HTMLInputElement).value).toBe('')
  })

  it('moves through pages on the server', async () => {
    const fetchMock = serveUnits()
    renderApp('/system/units', { loggedIn: true })
    await screen.findByText('城关镇人民政府')
    fireEvent.click(screen.getByTitle('2'))
    await waitFor(() => expect(unitRequests(fetchMock).at(-1)).toEqual({ page: '2', pageSize: '20' }))
  })

  it('shows a failed load with a retry', async () => {
    let failing = true
    const fetchMock = serveUnits(() =>
      failing ? { status: 500, body: { code: 'INTERNAL', message: '服务器内部错误', requestId: 'r-7' } } : { status: 200 },
    )
    renderApp('/system/units', { loggedIn: true })
    const alert = await screen.findByTestId('units-error')
    expect(alert.textContent).toContain('服务器内部错误（请求编号 r-7）')
    failing = false
    fireEvent.click(within(alert).getByRole('button'))
    expect(await screen.findByText('城关镇人民政府')).toBeTruthy()
    expect(screen.queryByTestId('units-error')).toBeNull()
    expect(unitRequests(fetchMock)).toHaveLength(2)
  })

  it('sends the user to the login page when the session ends while working', async () => {
    serveUnits(() => ({ status: 401, body: { code: 'UNAUTHORIZED', message: '登录已过期，请重新登录' } }))
    renderApp('/system/units', { loggedIn: true })
    expect(await screen.findByTestId('login-expired')).toBeTruthy()
  })
})
