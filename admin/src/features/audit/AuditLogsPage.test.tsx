import type { AuditLogEntry } from '@msjd/shared/auth'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { mockServer } from '../../test/http'
import { demoUser, renderApp } from '../../test/render'

const auditor = { ...demoUser, role: 'auditor' as const }
const rows: AuditLogEntry[] = [
  {
    id: '42',
    // 2026-11-30 16:05:09 UTC = 12-01 00:05:09 in Beijing
    at: '2026-11-30T16:05:09.000Z',
    actorType: 'staff',
    actorId: '0b0b0b0b-0000-4000-8000-000000000001',
    actorName: '赵受理（zhao_intake）',
    action: 'report.reveal',
    entity: 'report',
    entityId: 'r-1',
    reason: '核实情况需要联系',
    detail: { approvedBy: 'sup-2' },
    ip: '10.1.2.3',
    requestId: 'req-1',
  },
]

function serveAudit() {
  return mockServer(({ pathname, searchParams }) => {
    if (pathname === '/api/staff/auth/me') return { status: 200, body: { user: auditor } }
    if (pathname === '/api/staff/audit-logs') return { status: 200, body: { items: rows, total: 1, page: Number(searchParams.get('page')), pageSize: Number(searchParams.get('pageSize')) } }
    return { status: 404, body: { code: 'NOT_FOUND', message: '不存在' } }
  })
}
const auditRequests = (fetchMock: ReturnType<typeof serveAudit>) =>
  fetchMock.mock.calls
    .map(([input]) => new URL(String(input), 'http://localhost'))
    .filter((url) => url.pathname === '/api/staff/audit-logs')
    .map((url) => Object.fromEntries(url.searchParams))

describe('AuditLogsPage', () => {
  it('lists records in Beijing time with the actor by name, and opens the detail', async () => {
    serveAudit()
    renderApp('/system/audit-logs', { loggedIn: true })
    const table = await screen.findByTestId('audit-table')
    expect(await within(table).findByText('赵受理（zhao_intake）')).toBeTruthy()
    expect(within(table).getByText('2026-12-01 00:05:09')).toBeTruthy()
    fireEvent.click(screen.getByTestId('audit-open-42'))
    const detail = await screen.findByTestId('audit-detail')
    expect(detail.textContent).toContain('approvedBy')
    expect(detail.textContent).toContain('req-1')
  })

  it('takes the filters from the address and sends who and what to the server', async () => {
    const fetchMock = serveAudit()
    renderApp('/system/audit-logs?action=report.reveal&from=2026-12-01&to=2026-12-05', { loggedIn: true })
    await screen.findByText('赵受理（zhao_intake）')
    expect(auditRequests(fetchMock)[0]).toEqual({ action: 'report.reveal', from: '2026-12-01', to: '2026-12-05', page: '1', pageSize: '50' })
    fireEvent.change(document.querySelector('#audit-actor')!, { target: { value: 'zhao' } })
    fireEvent.click(document.querySelector('#audit-search')!)
    await waitFor(() => expect(auditRequests(fetchMock).at(-1)).toMatchObject({ actor: 'zhao', action: 'report.reveal', page: '1' }))
  })

  it('exports the filtered log', async () => {
    const fetchMock = serveAudit()
    URL.createObjectURL = vi.fn(() => 'blob:audit')
    URL.revokeObjectURL = vi.fn()
    const clicks = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    renderApp('/system/audit-logs?action=report.reveal', { loggedIn: true })
    await screen.findByText('赵受理（zhao_intake）')
    fireEvent.click(document.querySelector('#audit-export')!)
    await waitFor(() => expect(fetchMock.mock.calls.some(([input]) => String(input).includes('/api/staff/audit-logs/export.xlsx?action=report.reveal'))).toBe(true))
    clicks.mockRestore()
  })
})
