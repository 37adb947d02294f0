import type { LegalHoldList, RetentionOverview } from '@msjd/shared/retention'
import type { StaffUser } from '@msjd/shared/auth'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { setToken } from '../../api/client'
import { mockServer } from '../../test/http'
import { demoUser, renderApp } from '../../test/render'
import { LegalHoldPanel } from './LegalHoldPanel'

const overview = (years = 5): RetentionOverview => ({
  rules: [
    { key: 'report_sealed_material', label: '举报人身份信息与图片', what: '已办结的举报……', years, defaultYears: 5, updatedAt: '2026-11-19T16:30:00Z', updatedByName: '系统管理员' },
  ],
  due: 2,
  held: 1,
  destroyed: 7,
})

function serve(user: StaffUser) {
  let years = 5
  return mockServer(({ pathname }, init) => {
    if (pathname === '/api/staff/auth/me') return { status: 200, body: { user } }
    if (pathname === '/api/staff/retention') return { status: 200, body: overview(years) }
    if (pathname === '/api/staff/retention/rules/report_sealed_material' && init.method === 'PUT') {
      years = JSON.parse(String(init.body)).years
      return { status: 200, body: overview(years) }
    }
    return { status: 200, body: { items: [] } }
  })
}

describe('保存期限', () => {
  it('shows the rule and the figures; the administrator changes the years, checked in Chinese first', async () => {
    const fetchMock = serve({ ...demoUser, role: 'admin' })
    renderApp('/system/retention', { loggedIn: true })
    expect((await screen.findByTestId('retention-years-report_sealed_material', {}, { timeout: 20_000 })).textContent).toBe('5 年')
    expect(screen.getByTestId('retention-due').textContent).toContain('2')
    expect(screen.getByText('2026-11-20 00:30 系统管理员')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: '修 改' }))
    const input = document.getElementById('retention-years') as HTMLInputElement
    fireEvent.change(input, { target: { value: '' } })
    fireEvent.click(screen.getByRole('button', { name: '保 存' }))
    expect(await screen.findByText('请填写保存年限')).toBeTruthy()
    expect(fetchMock.mock.calls.some(([, i]) => i?.method === 'PUT')).toBe(false)
    fireEvent.change(input, { target: { value: '8' } })
    fireEvent.click(screen.getByRole('button', { name: '保 存' }))
    await waitFor(() => expect(screen.getByTestId('retention-years-report_sealed_material').textContent).toBe('8 年'))
  })

  it('lets a supervisor read but not change', async () => {
    serve({ ...demoUser, role: 'supervisor' })
    renderApp('/system/retention', { loggedIn: true })
    await screen.findByTestId('retention-years-report_sealed_material', {}, { timeout: 20_000 })
    expect(screen.queryByRole('button', { name: '修 改' })).toBeNull()
  })
})

describe('法律保全 on a report', () => {
  it('shows the due date; a supervisor places a hold with a reason and the panel says it is held', async () => {
    let state: LegalHoldList = { items: [], active: false, dueOn: '2031-11-20', destroyedAt: null }
    const fetchMock = mockServer(({ pathname }, init) => {
      if (pathname === '/api/staff/reports/r-1/legal-holds' && init.method === 'POST') {
        state = {
          items: [{ id: 'h-1', reason: JSON.parse(String(init.body)).reason, placedByName: '纪检干部', placedAt: '2026-11-20T01:00:00Z', releasedByName: null, releasedAt: null, releaseReason: null }],
          active: true,
          dueOn: '2031-11-20',
          destroyedAt: null,
        }
        return { status: 201, body: state }
      }
      return { status: 200, body: state }
    })
    setToken('test-token')
    render(<LegalHoldPanel reportId="r-1" canHold />)
    expect((await screen.findByTestId('legal-hold-state')).textContent).toContain('期满日 2031-11-20')
    fireEvent.click(screen.getByRole('button', { name: '施加保全' }))
    fireEvent.change(await screen.findByPlaceholderText('原因（至少 5 个字）'), { target: { value: '短' } })
    fireEvent.click(screen.getByRole('button', { name: '施 加' }))
    expect(await screen.findByText('保全原因至少 5 个字')).toBeTruthy()
    fireEvent.change(screen.getByPlaceholderText('原因（至少 5 个字）'), { target: { value: '线索已移送审查调查，需保留证据' } })
    fireEvent.click(screen.getByRole('button', { name: '施 加' }))
    await waitFor(() => expect(screen.getByTestId('legal-hold-state').textContent).toContain('法律保全中'))
    expect(screen.getByText('线索已移送审查调查，需保留证据')).toBeTruthy()
    expect(fetchMock.mock.calls.filter(([, i]) => i?.method === 'POST')).toHaveLength(1)
  })
})
