import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { renderApp } from '../../test/render'
import type { ReportMessageList } from '@msjd/shared'
import { detail, groupA, listItem, reportA, reportB, requestsTo, serveReports, unitA } from './fixtures.test-util'
import { present } from '../../test/dom'


const slow = { timeout: 8000 }
const path = `/reports/${reportA}`
const transitions = `/api/staff/reports/${reportA}/transitions`

const actionIds = () => [...document.querySelectorAll('[data-testid="report-actions"] button')].map((button) => button.id)

async function openDetail() {
  return screen.findByTestId('report-status', {}, slow)
}

describe('ReportDetailPage', () => {
  it('shows a submitted report with only the intake actions, and no identity', async () => {
    serveReports({ detail: () => detail({ acceptOverdue: true, overdue: true }) })
    renderApp(path, { loggedIn: true })
    expect((await openDetail()).textContent).toBe('已提交')
    expect(actionIds()).toEqual(['action-accept', 'action-reject', 'action-merge'])
    expect(document.querySelector('#action-reply')).toBeNull()
    expect(document.querySelector('#reveal-identity')).toBeNull()
    expect(screen.getByTestId('report-confidential').textContent).toBe('保密')
    expect(screen.getByTestId('accept-due').textContent).toContain('超期')
    expect(screen.getByTestId('report-content').textContent).toContain('便民服务中心')
  })

  it('offers reply and 立行立改 to the assigned tour group while in progress, but never the identity', async () => {
    serveReports({
      user: { role: 'tour_group', tourGroupId: 'g1' },
      detail: () =>
        detail({
          status: 'in_progress',
          statusLabel: '办理中',
          confidential: false,
          hasIdentity: true,
          allowedActions: ['reply'],
          replyDueOn: '2026-12-10',
          attachments: [{ id: 'p1', mime: 'image/jpeg', size: 2048, kind: 'photo', addedBy: 'citizen', createdAt: '2026-11-20T02:00:00.000Z', url: 'https://oss.example/p1.jpg?sig=1', messageId: null, handedOver: true }],
          events: [
            {
              id: 'e2',
              at: '2026-11-21T02:00:00.000Z',
              kind: 'assigned',
              label: '已交办',
              fromStatus: 'accepted',
              toStatus: 'assigned',
              actorType: 'staff',
              actorId: 'u9',
              actorRole: 'intake',
              note: '请第一巡察组核实',
              publicNote: null,
            },
          ],
        }),
    })
    renderApp(path, { loggedIn: true })
    expect((await openDetail()).textContent).toBe('办理中')
    expect(actionIds()).toEqual(['action-reply', 'action-rectify'])
    expect(document.querySelector('#reveal-identity')).toBeNull()
    expect(screen.getByTestId('report-confidential').textContent).toBe('实名')
    expect(screen.getByTestId('internal-note').textContent).toContain('请第一巡察组核实')
    expect(document.querySelector('[data-testid="report-photos"] img')?.getAttribute('src')).toBe('https://oss.example/p1.jpg?sig=1')
  })

  it('checks a rejection with the shared rules, then submits the reason and reloads', async () => {
    let status: 'submitted' | 'not_accepted' = 'submitted'
    const fetchMock = serveReports({
      detail: () =>
        status === 'submitted'
          ? detail()
          : detail({ status: 'not_accepted', statusLabel: '不予受理', allowedActions: [], notAcceptedReason: '不属于受理范围，请向信访部门反映' }),
      post: (pathname) => {
        if (pathname !== transitions) return undefined
        status = 'not_accepted'
        return { status: 200, body: detail({ status: 'not_accepted', statusLabel: '不予受理', allowedActions: [] }) }
      },
    })
    renderApp(path, { loggedIn: true })
    await openDetail()
    fireEvent.click(document.querySelector('#action-reject')!)
    fireEvent.click(await screen.findByRole('button', { name: /确\s*定/ }))
    expect(await screen.findByText('请填写不予受理的理由')).toBeTruthy()
    expect(requestsTo(fetchMock, transitions, 'POST')).toHaveLength(0)

    fireEvent.change(document.querySelector('#action_reason')!, { target: { value: '  不属于受理范围，请向信访部门反映 ' } })
    fireEvent.click(document.querySelector('#action-submit')!)
    await waitFor(() => expect(screen.getByTestId('report-status').textContent).toBe('不予受理'))
    expect(requestsTo(fetchMock, transitions, 'POST').map((r) => r.body)).toEqual([{ action: 'reject', reason: '不属于受理范围，请向信访部门反映' }])
    expect(actionIds()).toEqual([])
  })

  it('puts the server’s field errors under the reply input', async () => {
    const fetchMock = serveReports({
      detail: () => detail({ status: 'in_progress', statusLabel: '办理中', allowedActions: ['reply'] }),
      post: () => ({
        status: 400,
        body: { code: 'VALIDATION_FAILED', message: '提交的信息有误', issues: [{ path: 'reply', code: 'custom', message: '答复中不得包含举报人信息' }] },
      }),
    })
    renderApp(path, { loggedIn: true })
    await openDetail()
    fireEvent.click(document.querySelector('#action-reply')!)
    fireEvent.change(await screen.findByLabelText('答复内容（群众可见）'), { target: { value: '经核实，已责令窗口整改。' } })
    fireEvent.change(document.querySelector('#action_note')!, { target: { value: '已约谈窗口负责人' } })
    fireEvent.click(document.querySelector('#action-submit')!)
    expect(await screen.findByText('答复中不得包含举报人信息')).toBeTruthy()
    expect(requestsTo(fetchMock, transitions, 'POST').map((r) => r.body)).toEqual([
      { action: 'reply', reply: '经核实，已责令窗口整改。', note: '已约谈窗口负责人' },
    ])
  })

  it('reveals the identity to an admin after a reason, with the audit notice', async () => {
    const fetchMock = serveReports({
      detail: () => detail({ confidential: false, hasIdentity: true }),
      post: (pathname) =>
        pathname === `/api/staff/reports/${reportA}/identity`
          ? { status: 200, body: { name: '李四', phone: '13800000000', openid: null, confidential: false } }
          : undefined,
    })
    renderApp(path, { loggedIn: true })
    await openDetail()
    expect(screen.queryByText('13800000000')).toBeNull()
    fireEvent.click(document.querySelector('#reveal-identity')!)
    fireEvent.change(await screen.findByLabelText('查看原因'), { target: { value: '电话回访核实情况' } })
    fireEvent.click(document.querySelector('#action-submit')!)
    const result = await screen.findByTestId('identity-result')
    expect(result.textContent).toContain('李四')
    expect(result.textContent).toContain('13800000000')
    expect(result.textContent).toContain('已记入审计日志')
    expect(requestsTo(fetchMock, `/api/staff/reports/${reportA}/identity`, 'POST').map((r) => r.body)).toEqual([{ reason: '电话回访核实情况' }])
  })
})

describe('ReportDetailPage hand-over and 立行立改', () => {
  it('merges a duplicate into another report found by its serial', async () => {
    const fetchMock = serveReports({
      detail: () => detail(),
      list: () => ({ items: [listItem({ id: reportB, serial: 'JB20261101000009', summary: '同一窗口人员玩手机' })] }),
      post: (pathname) => (pathname === transitions ? { status: 200, body: detail({ status: 'merged', allowedActions: [] }) } : undefined),
    })
    renderApp(path, { loggedIn: true })
    await openDetail()
    fireEvent.click(document.querySelector('#action-merge')!)
    await waitFor(() => expect(document.querySelector('#action_intoId')).toBeTruthy(), slow)
    const search = document.querySelector('#action_intoId')!
    fireEvent.mouseDown(search.closest('.ant-select-selector')!)
    fireEvent.change(search, { target: { value: '000009' } })
    fireEvent.click(await screen.findByTitle('JB20261101000009 同一窗口人员玩手机', {}, slow))
    fireEvent.click(document.querySelector('#action-submit')!)
    await waitFor(() => expect(requestsTo(fetchMock, transitions, 'POST').map((r) => r.body)).toEqual([{ action: 'merge', intoId: reportB }]))
    expect(requestsTo(fetchMock, '/api/staff/reports').at(-1)?.query).toEqual({ q: '000009', page: '1', pageSize: '10' })
  })

  it('assigns an accepted report to a tour group', async () => {
    const fetchMock = serveReports({
      tourGroups: true,
      detail: () => detail({ status: 'accepted', statusLabel: '已受理', allowedActions: ['assign'] }),
      post: (pathname) => (pathname === transitions ? { status: 200, body: detail({ status: 'assigned', allowedActions: [] }) } : undefined),
    })
    renderApp(path, { loggedIn: true })
    await openDetail()
    expect(actionIds()).toEqual(['action-assign'])
    fireEvent.click(document.querySelector('#action-assign')!)
    await waitFor(() => expect(document.querySelector('#action_tourGroupId')).toBeTruthy(), slow)
    fireEvent.mouseDown(document.querySelector('#action_tourGroupId')!.closest('.ant-select-selector')!)
    fireEvent.click(await screen.findByTitle('第一巡察组'))
    fireEvent.change(document.querySelector('#action_note')!, { target: { value: '请于 15 个工作日内办结' } })
    fireEvent.click(document.querySelector('#action-submit')!)
    await waitFor(() =>
      expect(requestsTo(fetchMock, transitions, 'POST').map((r) => r.body)).toEqual([
        { action: 'assign', tourGroupId: groupA, note: '请于 15 个工作日内办结' },
      ]),
    )
  })

  it('hands over only the photos ticked at 交办, warning that they may identify the reporter', async () => {
    const at = '2026-11-20T02:00:00.000Z'
    const face = { id: 'c1111111-1111-4111-8111-111111111111', mime: 'image/jpeg', size: 2048, kind: 'image', addedBy: 'citizen', createdAt: at, url: '/api/files/a.sig', messageId: null, handedOver: false }
    const clip = { id: 'c2222222-2222-4222-8222-222222222222', mime: 'video/mp4', size: 4096, kind: 'video', addedBy: 'citizen', createdAt: at, url: '/api/files/b.sig', messageId: null, handedOver: false }
    const answer = { ...face, id: 'c3333333-3333-4333-8333-333333333333', messageId: 'm1' }
    const fetchMock = serveReports({
      detail: () => detail({ status: 'accepted', statusLabel: '已受理', allowedActions: ['assign'], attachments: [face, clip, answer] }),
      post: (pathname) => (pathname === transitions ? { status: 200, body: detail({ status: 'assigned', allowedActions: [] }) } : undefined),
    })
    renderApp(path, { loggedIn: true })
    await openDetail()
    fireEvent.click(document.querySelector('#action-assign')!)
    const warning = await screen.findByTestId('handover-photo-warning', {}, slow)
    expect(warning.textContent).toContain('可能暴露举报人身份')
    // none is ticked by default; a photo of the reporter's answer is never offered
    const boxes = () => [...document.querySelectorAll<HTMLInputElement>('#action_attachmentIds input[type=checkbox]')]
    expect(boxes().map((b) => [b.value, b.checked])).toEqual([['c1111111-1111-4111-8111-111111111111', false], ['c2222222-2222-4222-8222-222222222222', false]])
    fireEvent.mouseDown(document.querySelector('#action_unitId')!.closest('.ant-select-selector')!)
    fireEvent.click(await screen.findByTitle('城关镇人民政府'))
    fireEvent.click(boxes()[1]!)
    fireEvent.click(document.querySelector('#action-submit')!)
    await waitFor(() => expect(requestsTo(fetchMock, transitions, 'POST').map((r) => r.body)).toEqual([{ action: 'assign', unitId: unitA, attachmentIds: ['c2222222-2222-4222-8222-222222222222'] }]))
  })

  it('lets intake change what went with the 交办单 after 交办', async () => {
    const at = '2026-11-20T02:00:00.000Z'
    const photo = (id: string, handedOver: boolean) => ({ id, mime: 'image/jpeg', size: 2048, kind: 'image', addedBy: 'citizen', createdAt: at, url: `/api/files/${id}.sig`, messageId: null, handedOver })
    const handoverPath = `/api/staff/reports/${reportA}/handover-attachments`
    const fetchMock = serveReports({
      user: { role: 'intake' },
      detail: () => detail({ status: 'assigned', statusLabel: '已交办', assigneeUnitId: unitA, allowedActions: [], attachments: [photo('c1111111-1111-4111-8111-111111111111', true), photo('c4444444-4444-4444-8444-444444444444', false)] }),
      post: (pathname, body) => (pathname === handoverPath ? { status: 200, body } : undefined),
    })
    renderApp(path, { loggedIn: true })
    const card = await screen.findByTestId('handover-attachments', {}, slow)
    expect(within(card).getByTestId('handover-attachments-count').textContent).toBe('已移交 1 件')
    const boxes = [...card.querySelectorAll<HTMLInputElement>('input[type=checkbox]')]
    expect(boxes.map((b) => b.checked)).toEqual([true, false])
    fireEvent.click(boxes[0]!)
    fireEvent.click(boxes[1]!)
    fireEvent.click(card.querySelector('#handover-attachments-save')!)
    await waitFor(() => expect(requestsTo(fetchMock, handoverPath, 'PUT').map((r) => r.body)).toEqual([{ attachmentIds: ['c4444444-4444-4444-8444-444444444444'] }]))
  })

  it('says when a shredded report’s identity was destroyed instead of offering 查看身份', async () => {
    serveReports({
      user: { role: 'supervisor' },
      detail: () => detail({ status: 'closed', statusLabel: '已办结', confidential: false, hasIdentity: false, identityDestroyedAt: '2031-11-20T18:00:00.000Z', allowedActions: [] }),
    })
    renderApp(path, { loggedIn: true })
    await openDetail()
    // 18:00 UTC is the next day in Beijing
    expect(screen.getByTestId('identity-destroyed').textContent).toBe('举报人身份已按保存期限销毁（2031-11-21）')
    expect(document.querySelector('#reveal-identity')).toBeNull()
    expect(screen.queryByTestId('identity-custody')).toBeNull()
  })

  it('issues a 立行立改 notice to the reported unit by default, with its deadline, while in progress', async () => {
    const noticePath = `/api/staff/reports/${reportA}/rectification-notices`
    const fetchMock = serveReports({
      detail: () => detail({ status: 'in_progress', statusLabel: '办理中', allowedActions: ['reply'] }),
      post: (pathname, body) =>
        pathname === noticePath
          ? {
              status: 201,
              body: {
                id: 'n1',
                reportId: reportA,
                serial: '〔2026〕立改第1号',
                unitId: unitA,
                unitName: '城关镇人民政府',
                content: String((body as { content: string }).content),
                deadlineDays: 3,
                dueOn: '2026-11-27',
                status: 'issued',
                taskId: 't1',
                taskStatus: 'pending',
                evidence: null,
                issuedAt: '2026-11-24T08:00:00.000Z',
                evidenceAt: null,
                completedAt: null,
                overdue: false,
              },
            }
          : undefined,
    })
    renderApp(path, { loggedIn: true })
    await openDetail()
    fireEvent.click(document.querySelector('#action-rectify')!)
    fireEvent.change(await screen.findByLabelText('整改要求'), { target: { value: '立即规范窗口工作纪律并公开整改情况' } })
    fireEvent.change(screen.getByLabelText('整改期限（工作日）'), { target: { value: '3' } })
    fireEvent.click(document.querySelector('#action-submit')!)
    await waitFor(() =>
      expect(requestsTo(fetchMock, noticePath, 'POST').map((r) => r.body)).toEqual([{ unitId: unitA, content: '立即规范窗口工作纪律并公开整改情况', deadlineDays: 3 }]),
    )
  })
})

describe('ReportDetailPage rectification follow-up', () => {
  const notice = {
    id: 'n1',
    reportId: reportA,
    serial: '〔2026〕立改第7号',
    unitId: 'u1',
    unitName: '城关镇人民政府',
    content: '立即规范窗口工作纪律',
    deadlineDays: 3,
    dueOn: '2026-11-20',
    status: 'issued' as const,
    taskId: 't1',
    taskStatus: 'returned' as const,
    evidence: null,
    issuedAt: '2026-11-17T08:00:00.000Z',
    evidenceAt: null,
    completedAt: null,
    overdue: true,
  }

  it("shows an overdue notice with its serial, unit and task state; the notice's unit answers it in 整改跟踪", async () => {
    serveReports({
      user: { role: 'unit_liaison', unitId: 'u1' },
      detail: () => detail({ status: 'in_progress', statusLabel: '办理中', allowedActions: [], rectificationNotices: [notice] }),
    })
    renderApp(path, { loggedIn: true })
    await openDetail()
    const card = screen.getByTestId('notice-n1')
    expect(card.textContent).toContain('超期')
    expect(within(card).getByTestId('notice-serial').textContent).toBe('〔2026〕立改第7号')
    expect(card.textContent).toContain('城关镇人民政府')
    expect(within(card).getByTestId('notice-status').textContent).toBe('退回补充')
    const link = card.querySelector('[data-action="notice-task"]') as HTMLAnchorElement
    expect(link.textContent).toBe('到整改跟踪上传材料')
    expect(link.getAttribute('href')).toBe('/tours/rectifications/t1')
    expect(card.querySelector('[data-action="notice-print"]')).toBeTruthy()
  })

  it("sends another unit's liaison nowhere", async () => {
    serveReports({
      user: { role: 'unit_liaison', unitId: 'u2' },
      detail: () => detail({ status: 'in_progress', statusLabel: '办理中', allowedActions: [], rectificationNotices: [notice] }),
    })
    renderApp(path, { loggedIn: true })
    await openDetail()
    expect(screen.getByTestId('notice-n1').querySelector('[data-action="notice-task"]')).toBeNull()
  })

  it('prints the notice as the PDF the server names', async () => {
    serveReports({
      user: { role: 'intake' },
      detail: () => detail({ status: 'in_progress', statusLabel: '办理中', allowedActions: [], rectificationNotices: [notice] }),
    })
    const inner = globalThis.fetch
    const pdf = `/api/staff/rectification-notices/n1/pdf`
    const asked: string[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) =>
        new URL(String(input), 'http://localhost').pathname === pdf && asked.push(new Headers(init?.headers).get('Authorization') ?? '')
          ? new Response('%PDF-1.4', { status: 200, headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent('立行立改通知书〔2026〕立改第7号.pdf')}` } })
          : inner(input, init),
      ),
    )
    const createObjectURL = vi.fn(() => 'blob:notice')
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }))
    const clicked: string[] = []
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download)
    })
    renderApp(path, { loggedIn: true })
    await openDetail()
    const card = screen.getByTestId('notice-n1')
    expect(card.querySelector('[data-action="notice-task"]')).toBeNull()
    fireEvent.click(card.querySelector('[data-action="notice-print"]')!)
    await waitFor(() => expect(clicked).toEqual(['立行立改通知书〔2026〕立改第7号.pdf']))
    // with the staff token: a plain link could not carry it
    expect(asked).toEqual([expect.stringMatching(/^Bearer /)])
    click.mockRestore()
  })

  it('shows an error, not a blank page, when the detail does not fit the contract; retry loads it', async () => {
    let broken = true
    // a server out of step with the admin: a status this client does not know and no timeline
    serveReports({ detail: () => (broken ? ({ ...detail(), status: 'archived', events: undefined } as unknown as ReturnType<typeof detail>) : detail()) })
    renderApp(path, { loggedIn: true })
    const failure = await screen.findByTestId('report-load-error', {}, slow)
    expect(failure.textContent).toContain('服务返回了无法识别的数据，请稍后重试')
    expect(screen.queryByTestId('report-status')).toBeNull()
    broken = false
    fireEvent.click(document.querySelector('#report-retry')!)
    expect((await openDetail()).textContent).toBe('已提交')
    expect(screen.queryByTestId('report-load-error')).toBeNull()
  })

  it('keeps the last good detail under an error banner when a reload after an action does not fit the contract', async () => {
    let broken = false
    serveReports({
      detail: () => (broken ? ({ id: reportA, serial: 42 } as unknown as ReturnType<typeof detail>) : detail()),
      post: (pathname) => {
        if (pathname !== transitions) return undefined
        broken = true
        return { status: 200, body: detail({ status: 'accepted', statusLabel: '已受理', allowedActions: ['assign'] }) }
      },
    })
    renderApp(path, { loggedIn: true })
    await openDetail()
    fireEvent.click(document.querySelector('#action-accept')!)
    await waitFor(() => expect(document.querySelector('#action-submit')).not.toBeNull())
    fireEvent.click(document.querySelector('#action-submit')!)
    const banner = await screen.findByTestId('report-reload-error', {}, slow)
    expect(banner.textContent).toContain('服务返回了无法识别的数据，请稍后重试')
    expect(banner.textContent).toContain('可能已经过时')
    expect(screen.getByTestId('report-serial').textContent).toBe('JB20261124000001')
    broken = false
    fireEvent.click(document.querySelector('#report-reload')!)
    await waitFor(() => expect(screen.queryByTestId('report-reload-error')).toBeNull())
  })
})

describe('ReportDetailPage thread with the reporter', () => {
  const thread = (over: Partial<ReportMessageList> = {}): ReportMessageList => ({
    items: [
      { id: 'm1', sender: 'staff', body: '请问发生在哪一天？', at: '2026-11-21T02:00:00.000Z', staffName: '受理员甲', readAt: null, attachmentIds: [] },
      { id: 'm2', sender: 'reporter', body: '11月20日上午。', at: '2026-11-21T03:00:00.000Z', staffName: null, readAt: '2026-11-21T04:00:00.000Z', attachmentIds: ['p9'] },
    ],
    awaitingAnswer: false,
    canAsk: true,
    ...over,
  })

  it('shows intake the questions and answers with their photos, and sends a new question', async () => {
    const photo = { id: 'p9', mime: 'image/jpeg', size: 2048, kind: 'image', addedBy: 'citizen', createdAt: '2026-11-21T03:00:00.000Z', url: 'https://oss.example/p9.jpg?sig=1', messageId: 'm2', handedOver: false }
    let asked = false
    const fetchMock = serveReports({
      user: { role: 'intake' },
      detail: () => detail({ status: 'accepted', statusLabel: '已受理', attachments: [photo] }),
      messages: () => (asked ? thread({ awaitingAnswer: true, items: [...thread().items, { id: 'm3', sender: 'staff', body: '能否提供窗口编号？', at: '2026-11-22T02:00:00.000Z', staffName: '受理员甲', readAt: null, attachmentIds: [] }] }) : thread()),
      post: (pathname) => {
        if (pathname !== `/api/staff/reports/${reportA}/messages`) return undefined
        asked = true
        return { status: 201, body: thread() }
      },
    })
    renderApp(path, { loggedIn: true })
    await openDetail()
    const card = await screen.findByTestId('reporter-thread', {}, slow)
    await waitFor(() => expect(card.querySelectorAll('[data-sender]')).toHaveLength(2), slow)
    expect(card.querySelector('[data-sender="reporter"]')!.textContent).toContain('11月20日上午。')
    // the answer's photo sits with the answer, not among the report's own photos
    expect(card.querySelector('[data-sender="reporter"] img')!.getAttribute('src')).toBe(photo.url)
    expect(screen.getByText('无图片')).toBeTruthy()

    fireEvent.change(card.querySelector('#thread-ask-text')!, { target: { value: '短' } })
    fireEvent.click(card.querySelector('#thread-ask-submit')!)
    expect((await screen.findByTestId('thread-error')).textContent).toContain('至少 5 个字')
    expect(requestsTo(fetchMock, `/api/staff/reports/${reportA}/messages`, 'POST')).toEqual([])

    fireEvent.change(card.querySelector('#thread-ask-text')!, { target: { value: '能否提供窗口编号？' } })
    fireEvent.click(card.querySelector('#thread-ask-submit')!)
    await waitFor(() => expect(requestsTo(fetchMock, `/api/staff/reports/${reportA}/messages`, 'POST').map((r) => r.body)).toEqual([{ body: '能否提供窗口编号？' }]))
    await waitFor(() => expect(screen.getByTestId('thread-awaiting')).toBeTruthy(), slow)
    expect(screen.getByTestId('reporter-thread').querySelectorAll('[data-sender]')).toHaveLength(3)
  })

  it('is not offered to those who read the 交办单', async () => {
    const fetchMock = serveReports({ user: { role: 'unit_liaison', unitId: 'u1' }, detail: () => detail({ status: 'in_progress', statusLabel: '办理中' }) })
    renderApp(path, { loggedIn: true })
    await openDetail()
    expect(screen.queryByTestId('reporter-thread')).toBeNull()
    expect(requestsTo(fetchMock, `/api/staff/reports/${reportA}/messages`)).toEqual([])
  })
})

describe('ReportDetailPage 交办单遮蔽', () => {
  it('marks a passage that is in the report, saves the marks and shows the 交办单 as the unit will read it', async () => {
    const fetchMock = serveReports({
      user: { role: 'intake' },
      detail: () => detail({ status: 'accepted', statusLabel: '已受理', content: '我是村东头开小卖部的，村主任把低保名额给了亲属。' }),
      post: (pathname, body) =>
        pathname === `/api/staff/reports/${reportA}/redactions`
          ? { status: 200, body: { phrases: (body as { phrases: string[] }).phrases, preview: '【已遮蔽】，村主任把低保名额给了亲属。' } }
          : undefined,
    })
    renderApp(path, { loggedIn: true })
    await openDetail()
    const card = await screen.findByTestId('handover-redactions', {}, slow)
    fireEvent.change(card.querySelector('#redaction-phrase')!, { target: { value: '隔壁老王' } })
    fireEvent.click(card.querySelector('#redaction-add')!)
    expect((await screen.findByTestId('redaction-error')).textContent).toContain('反映内容中没有这段文字')
    fireEvent.change(card.querySelector('#redaction-phrase')!, { target: { value: '我是村东头开小卖部的' } })
    fireEvent.click(card.querySelector('#redaction-add')!)
    expect(screen.getByTestId('redaction-phrases').textContent).toContain('我是村东头开小卖部的')
    fireEvent.click(card.querySelector('#redaction-save')!)
    await waitFor(() =>
      expect(requestsTo(fetchMock, `/api/staff/reports/${reportA}/redactions`, 'PUT').map((r) => r.body)).toEqual([{ phrases: ['我是村东头开小卖部的'] }]),
    )
  })
})

describe('ReportDetailPage 退回', () => {
  it('the assigned unit returns the case with a reason and is taken back to its list', async () => {
    const fetchMock = serveReports({
      user: { role: 'unit_liaison', unitId: 'u1' },
      detail: () => detail({ status: 'assigned', statusLabel: '已交办', allowedActions: ['start', 'return'] }),
      post: (pathname) =>
        pathname === `/api/staff/reports/${reportA}/transitions`
          ? { status: 200, body: { id: reportA, serial: 'JB20261120-0001', status: 'accepted', handedBack: true } }
          : undefined,
    })
    renderApp(path, { loggedIn: true })
    await openDetail()
    expect(document.querySelector('#action-reassign')).toBeNull()
    fireEvent.click(document.querySelector('#action-return')!)
    fireEvent.change(await screen.findByLabelText('退回理由'), { target: { value: '不属于本镇职责，应由县住建局办理' } })
    fireEvent.click(document.querySelector('#action-submit')!)
    await waitFor(() =>
      expect(requestsTo(fetchMock, `/api/staff/reports/${reportA}/transitions`, 'POST').map((r) => r.body)).toEqual([
        { action: 'return', reason: '不属于本镇职责，应由县住建局办理' },
      ]),
    )
    await waitFor(() => expect(document.querySelector('[data-testid=reports-table]')).toBeTruthy(), slow)
  })
})

describe('ReportDetailPage 延期', () => {
  it('the assigned unit asks for more working days with a reason', async () => {
    const fetchMock = serveReports({
      user: { role: 'unit_liaison', unitId: 'u1' },
      detail: () => detail({ status: 'in_progress', statusLabel: '办理中', allowedActions: ['reply', 'return'], replyDueOn: '2026-12-04' }),
      post: (pathname, body) =>
        pathname === `/api/staff/reports/${reportA}/extensions`
          ? {
              status: 201,
              body: {
                id: 'x1', reportId: reportA, serial: 'JB20261120-0001', requesterId: 'me', requesterName: '联络员', status: 'pending', statusLabel: '待审批',
                dueOnBefore: '2026-12-04', dueOnAfter: null, deciderName: null, decisionNote: null, decidedAt: null, createdAt: '2026-12-01T02:00:00.000Z',
                ...(body as object),
              },
            }
          : undefined,
    })
    renderApp(path, { loggedIn: true })
    await openDetail()
    fireEvent.click(await present('#extension-request'))
    fireEvent.change(await present('#extension-reason'), { target: { value: '短' } })
    fireEvent.click(document.querySelector('#extension-submit')!)
    expect((await screen.findByTestId('extension-error')).textContent).toContain('至少 4 个字')
    fireEvent.change(document.querySelector('#extension-reason')!, { target: { value: '需要调取三个月的审核材料' } })
    fireEvent.click(document.querySelector('#extension-submit')!)
    await waitFor(() =>
      expect(requestsTo(fetchMock, `/api/staff/reports/${reportA}/extensions`, 'POST').map((r) => r.body)).toEqual([{ workdays: 5, reason: '需要调取三个月的审核材料' }]),
    )
  })
})
