import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { mockServer } from '../../test/http'
import { demoUser, renderApp } from '../../test/render'
import { present } from '../../test/dom'


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
  let extensions = [
    {
      ...pending('x1', 'liaison-1', '城关镇联络员'),
      reason: '需要调取三个月的审核材料',
      workdays: 3,
      dueOnBefore: '2026-12-04',
      dueOnAfter: null,
      decidedAt: null,
    },
  ]
  return mockServer(({ pathname }, init) => {
    if (pathname === '/api/staff/auth/me') return { status: 200, body: { user: { ...demoUser, id: 'me', role: 'supervisor' } } }
    if (pathname === '/api/staff/identity-requests') return { status: 200, body: { items } }
    if (pathname === '/api/staff/extension-requests') return { status: 200, body: { items: extensions } }
    if (pathname === '/api/staff/extension-requests/x1/decision' && init.method === 'POST') {
      const decided = { ...extensions[0], status: 'approved', statusLabel: '已批准', dueOnAfter: '2026-12-09' }
      extensions = []
      return { status: 200, body: decided }
    }
    if (pathname === '/api/staff/identity-requests/q1/decision' && init.method === 'POST') {
      const decided = { ...items[0], status: 'refused', statusLabel: '已拒绝' }
      items = items.slice(1)
      return { status: 200, body: decided }
    }
    return { status: 404, body: { code: 'NOT_FOUND', message: '请求的内容不存在' } }
  })
}

describe('ApprovalsPage', () => {
  it("lists the requests waiting for a second supervisor, never offers one's own, and refuses only with a reason", async () => {
    const fetchMock = serve()
    renderApp('/approvals', { loggedIn: true })
    await screen.findByText('受理员甲', {}, slow)
    expect(screen.getByText('本人申请，须由他人审批')).toBeTruthy()
    expect(document.querySelector('#reveal-approve-q22')).toBeNull()
    fireEvent.click(document.querySelector('#reveal-refuse-q1')!)
    fireEvent.click(await present('#reveal-ok'))
    expect((await screen.findByTestId('reveal-error')).textContent).toContain('拒绝时请填写理由')
    fireEvent.change(document.querySelector('#reveal-note')!, { target: { value: '原因不充分' } })
    fireEvent.click(document.querySelector('#reveal-ok')!)
    await waitFor(() => expect(screen.queryByText('受理员甲')).toBeNull(), slow)
    const posts = fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST').map(([url, init]) => [String(url), JSON.parse(String(init!.body))])
    expect(posts).toEqual([[expect.stringContaining('/api/staff/identity-requests/q1/decision'), { approve: false, note: '原因不充分' }]])
  })

  it('approves a 延期 in the second queue', async () => {
    const fetchMock = serve()
    renderApp('/approvals', { loggedIn: true })
    const queue = await screen.findByTestId('approvals-extension', {}, slow)
    await waitFor(() => expect(queue.textContent).toContain('3 个工作日'), slow)
    fireEvent.click(document.querySelector('#extension-approve-x1')!)
    fireEvent.click(await present('#extension-ok'))
    await waitFor(() => expect(screen.getByTestId('approvals-extension').textContent).toContain('没有待审批的申请'), slow)
    const posts = fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST').map(([url, init]) => [String(url), JSON.parse(String(init!.body))])
    expect(posts).toEqual([[expect.stringContaining('/api/staff/extension-requests/x1/decision'), { approve: true }]])
  })
})
