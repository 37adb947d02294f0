import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { mockServer } from '../../test/http'
import { demoUser, renderApp } from '../../test/render'

const slow = { timeout: 8000 }
const pending = (id: string, requesterId: string, requesterName: string) => ({
  id,
  reportId: `r-${id}`,
  serial: `JB20261201-000${id.length}`,
  requesterId,
  requesterName,
  reason: '需电话核实举报人所述时间地点',
  status: 'pending',
  statusLabel: '待审批',
  deciderId: null,
  deciderName: null,
  decisionNote: null,
  decidedAt: null,
  expiresAt: null,
  active: false,
  createdAt: '2026-12-01T02:00:00.000Z',
})

function serve() {
  let items = [pending('q1', 'other-user', '受理员甲'), pending('q22', 'me', '本人')]
  return mockServer(({ pathname }, init) => {
    if (pathname === '/api/staff/auth/me') return { status: 200, body: { user: { ...demoUser, id: 'me', role: 'supervisor' } } }
    if (pathname === '/api/staff/identity-requests') return { status: 200, body: { items } }
    if (pathname === '/api/staff/identity-requests/q1/decision' && init.method === 'POST') {
      const decided = { ...items[0], status: 'refused', statusLabel: '已拒绝' }
      items = items.slice(1)
      return { status: 200, body: decided }
    }
    return { status: 404, body: { code: 'NOT_FOUND', message: '请求的内容不存在' } }
  })
}

describe('RevealApprovalsPage', () => {
  it("lists the requests waiting for a second supervisor, never offers one's own, and refuses only with a reason", async () => {
    const fetchMock = serve()
    renderApp('/reveal-approvals', { loggedIn: true })
    await screen.findByText('受理员甲', {}, slow)
    expect(screen.getByText('本人申请，须由他人审批')).toBeTruthy()
    expect(document.querySelector('#approval-approve-q22')).toBeNull()
    fireEvent.click(document.querySelector('#approval-refuse-q1')!)
    fireEvent.click(await waitFor(() => document.querySelector('#approval-ok')!))
    expect((await screen.findByTestId('approval-error')).textContent).toContain('拒绝时请填写理由')
    fireEvent.change(document.querySelector('#approval-note')!, { target: { value: '原因不充分' } })
    fireEvent.click(document.querySelector('#approval-ok')!)
    await waitFor(() => expect(screen.queryByText('受理员甲')).toBeNull(), slow)
    const posts = fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST').map(([url, init]) => [String(url), JSON.parse(String(init!.body))])
    expect(posts).toEqual([[expect.stringContaining('/api/staff/identity-requests/q1/decision'), { approve: false, note: '原因不充分' }]])
  })
})
