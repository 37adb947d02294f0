// 督办通知书 on the 督办核查问责 page: the issue form (checked in Chinese, the server's refusals under their fields, a
// 督办要求 phrase picked), the notice column, and a case's notice and history under its row.
import type { EscalationDetail, UrgeNoticeView } from '@msjd/shared/escalation-notices'
import type { StaffUser } from '@msjd/shared'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { mockServer } from '../../test/http'
import { demoUser } from '../../test/render'
import { urgeNoticeBody } from './EscalationForms'
import EscalationsPage from './EscalationsPage'
import { escalation, escalationSummary, models, renderPage, urgeCase } from './fixtures.test-util'

const slow = { timeout: 8000 }
const ownUnit = '11111111-1111-4111-8111-111111111111'
const otherUnit = '22222222-2222-4222-8222-222222222222'
const noticeId = '33333333-3333-4333-8333-333333333333'
const taskId = '44444444-4444-4444-8444-444444444444'

const notice: UrgeNoticeView = {
  id: noticeId,
  escalationId: urgeCase,
  serial: '〔2026〕督办第7号',
  unitId: ownUnit,
  unitName: '城关镇人民政府',
  unitReason: null,
  content: '请对超期办件逐件说明原因并办结。',
  findings: ['办件 BJ2026000123（事项 SX-0101）超出承诺时限 4 个工作日（承诺 5 个工作日，实际 9 个工作日）'],
  warningCount: 3,
  deadlineDays: 5,
  dueOn: '2026-11-27',
  status: 'evidence_submitted',
  taskId,
  taskStatus: 'submitted',
  issuedAt: '2026-11-20T02:00:00.000Z',
  issuedByName: '李督办',
  evidenceAt: '2026-11-24T02:00:00.000Z',
  completedAt: null,
  overdue: false,
}

function detail(overrides: Partial<EscalationDetail> = {}): EscalationDetail {
  return {
    ...escalation(),
    notice: null,
    unitId: ownUnit,
    unitName: '城关镇人民政府',
    notices: [],
    history: [{ kind: 'opened', at: '2026-11-20T01:00:00.000Z', day: '2026-11-20', actorName: null, note: '首次预警（预警日期 2026-11-20），进入督办' }],
    noticeIssuable: true,
    ...overrides,
  }
}

type Answer = { status: number; body?: unknown }

function serve(opts: { user?: Partial<StaffUser>; listed?: ReturnType<typeof escalation>[]; detail?: EscalationDetail; issue?: (body: unknown) => Answer }) {
  const posts: unknown[] = []
  const fetchMock = mockServer(({ pathname, searchParams }, init) => {
    const method = init.method ?? 'GET'
    if (pathname === '/api/staff/auth/me') return { status: 200, body: { user: { ...demoUser, ...opts.user } } }
    if (method === 'POST' && pathname === `/api/staff/alerts/escalations/${urgeCase}/notices`) {
      const body = JSON.parse(String(init.body))
      posts.push(body)
      return opts.issue?.(body) ?? { status: 201, body: notice }
    }
    if (pathname === '/api/staff/units') {
      const all = [
        { id: ownUnit, code: 'XZ001', name: '城关镇人民政府', kind: 'township', onboard: false, parentId: null },
        { id: otherUnit, code: 'BM009', name: '县政务服务中心', kind: 'department', onboard: false, parentId: null },
      ]
      const q = searchParams.get('q') ?? ''
      const items = all.filter((u) => u.name.includes(q))
      return { status: 200, body: { items, total: items.length, page: 1, pageSize: 50 } }
    }
    if (pathname === '/api/staff/handling-phrases') {
      expect(searchParams.get('kind')).toBe('urge_requirement')
      return {
        status: 200,
        body: {
          items: [
            {
              id: 'p1',
              kind: 'urge_requirement',
              title: '办件超期整改',
              body: '请{单位}对上述超期办件逐件核查原因，并将整改情况按期报送。',
              sort: 10,
              enabled: true,
              updatedAt: '2026-11-01T00:00:00.000Z',
              updatedByName: null,
            },
          ],
        },
      }
    }
    if (pathname === '/api/staff/alerts/model-names') return { status: 200, body: { items: models.map(({ name, kind, title }) => ({ name, kind, title })) } }
    if (pathname === `/api/staff/alerts/escalations/${urgeCase}`) return { status: 200, body: opts.detail ?? detail() }
    if (pathname === '/api/staff/alerts/escalations') {
      const items = opts.listed ?? [escalation()]
      return { status: 200, body: { items, total: items.length, summary: escalationSummary } }
    }
    return { status: 404, body: { code: 'NOT_FOUND', message: '请求的内容不存在' } }
  })
  return { fetchMock, posts }
}

const pick = async (selectId: string, title: string) => {
  fireEvent.mouseDown(document.querySelector(`#${selectId}`)!.closest('.ant-select-selector')!)
  fireEvent.click(await screen.findByTitle(title, {}, slow))
}

describe('urgeNoticeBody', () => {
  it('names the unit only when another than the case’s own was chosen, with the reason', () => {
    expect(urgeNoticeBody({ unitId: ownUnit, unitReason: '无关', content: ' 请整改到位 ', deadlineDays: 5 }, ownUnit)).toEqual({ content: '请整改到位', deadlineDays: 5 })
    expect(urgeNoticeBody({ unitId: otherUnit, unitReason: ' 事项已划转 ', content: '请整改到位', deadlineDays: 3 }, ownUnit)).toEqual({
      unitId: otherUnit,
      unitReason: '事项已划转',
      content: '请整改到位',
      deadlineDays: 3,
    })
  })
})

describe('督办通知书 on the escalation page', () => {
  it('issues a notice from a 督办 case: Chinese checks first, a phrase picked, another unit with its reason', { timeout: 60_000 }, async () => {
    const { posts } = serve({})
    renderPage(EscalationsPage, '/alerts/escalations')
    fireEvent.click(await screen.findByText('下发督办通知书', { selector: `#escalation-${urgeCase}-notice span` }, slow))
    await waitFor(() => expect(document.querySelector('#urge-notice-form_content')).toBeTruthy(), slow)
    expect(screen.getByText('默认致案件所属单位：城关镇人民政府')).toBeTruthy()

    fireEvent.change(document.querySelector('#urge-notice-form_deadlineDays')!, { target: { value: '' } })
    fireEvent.click(document.querySelector('#urge-notice-submit')!)
    expect(await screen.findByText('请填写督办要求', {}, slow)).toBeTruthy()
    expect(screen.getByText('请填写整改期限（工作日）')).toBeTruthy()
    expect(posts).toEqual([])

    // the phrase fills the requirement with the case's unit
    await pick('phrase-content', '办件超期整改')
    await waitFor(() =>
      expect((document.querySelector('#urge-notice-form_content') as HTMLTextAreaElement).value).toBe('请城关镇人民政府对上述超期办件逐件核查原因，并将整改情况按期报送。'),
    )
    fireEvent.change(document.querySelector('#urge-notice-form_deadlineDays')!, { target: { value: '5' } })

    // another unit asks for the reason
    await pick('urge-notice-form_unitId', '县政务服务中心')
    await waitFor(() => expect(document.querySelector('#urge-notice-form_unitReason')).toBeTruthy(), slow)
    fireEvent.click(document.querySelector('#urge-notice-submit')!)
    expect(await screen.findByText('请填写改送其他单位的理由', {}, slow)).toBeTruthy()
    fireEvent.change(document.querySelector('#urge-notice-form_unitReason')!, { target: { value: '该事项已划转政务服务中心' } })
    fireEvent.click(document.querySelector('#urge-notice-submit')!)
    await waitFor(() =>
      expect(posts).toEqual([
        { unitId: otherUnit, unitReason: '该事项已划转政务服务中心', content: '请城关镇人民政府对上述超期办件逐件核查原因，并将整改情况按期报送。', deadlineDays: 5 },
      ]),
    )
    expect(await screen.findByText('督办通知书〔2026〕督办第7号已下发至城关镇人民政府', {}, slow)).toBeTruthy()
  })

  it('puts the server’s refusal under its field', { timeout: 60_000 }, async () => {
    serve({
      issue: () => ({
        status: 400,
        body: { code: 'VALIDATION_FAILED', message: '提交的内容不符合要求', issues: [{ path: 'deadlineDays', code: 'too_big', message: '整改期限不超过 60 个工作日' }] },
      }),
    })
    renderPage(EscalationsPage, '/alerts/escalations')
    fireEvent.click(await screen.findByText('下发督办通知书', { selector: `#escalation-${urgeCase}-notice span` }, slow))
    await waitFor(() => expect(document.querySelector('#urge-notice-form_content')).toBeTruthy(), slow)
    fireEvent.change(document.querySelector('#urge-notice-form_content')!, { target: { value: '请立即整改到位' } })
    fireEvent.click(document.querySelector('#urge-notice-submit')!)
    expect(await screen.findByText('整改期限不超过 60 个工作日', {}, slow)).toBeTruthy()
    expect(screen.queryByTestId('urge-notice-form-error')).toBeNull()
  })

  it('shows the notice’s state in the list and, under the row, the notice with its print and task and the case’s history', { timeout: 60_000 }, async () => {
    const withNotice = escalation({ notice: { id: noticeId, serial: notice.serial, status: 'evidence_submitted', dueOn: notice.dueOn, taskId } })
    serve({
      listed: [withNotice],
      detail: detail({
        notice: withNotice.notice,
        notices: [notice],
        noticeIssuable: false,
        history: [
          { kind: 'opened', at: '2026-11-20T01:00:00.000Z', day: '2026-11-20', actorName: null, note: '首次预警（预警日期 2026-11-20），进入督办' },
          { kind: 'notice_issued', at: '2026-11-20T02:00:00.000Z', day: '2026-11-20', actorName: '李督办', note: '〔2026〕督办第7号 致城关镇人民政府' },
          { kind: 'rectification_submitted', at: '2026-11-24T02:00:00.000Z', day: '2026-11-24', actorName: '王联络', note: '〔2026〕督办第7号：已整改' },
        ],
      }),
    })
    renderPage(EscalationsPage, '/alerts/escalations')
    const cell = await screen.findByTestId('escalation-notice', {}, slow)
    expect(cell.textContent).toBe('〔2026〕督办第7号待验收')
    // a notice out: neither a second notice nor closing by hand
    expect(document.querySelector(`#escalation-${urgeCase}-notice`)).toBeNull()
    expect(document.querySelector(`#escalation-${urgeCase}-done`)).toBeNull()

    fireEvent.click(cell.closest('tr')!.querySelector('.ant-table-row-expand-icon')!)
    const card = await screen.findByTestId('urge-notice', {}, slow)
    expect(within(card).getByTestId('urge-notice-serial').textContent).toBe('〔2026〕督办第7号')
    expect(card.textContent).toContain('办件 BJ2026000123（事项 SX-0101）超出承诺时限 4 个工作日')
    expect(card.textContent).toContain('预警情况（3 条）')
    expect(within(card).getByTestId('urge-notice-task').getAttribute('href')).toBe(`/tours/rectifications/${taskId}`)
    expect(document.querySelector(`#urge-notice-${noticeId}-print`)).toBeTruthy()
    const history = screen.getByTestId('escalation-history')
    expect([...history.querySelectorAll('[data-kind]')].map((el) => el.getAttribute('data-kind'))).toEqual(['opened', 'notice_issued', 'rectification_submitted'])
    expect(history.textContent).toContain('单位提交整改')
    expect(history.textContent).toContain('王联络')
  })

  it('lets a unit liaison read the notice but not issue one', { timeout: 60_000 }, async () => {
    serve({ user: { role: 'unit_liaison', unitId: ownUnit } })
    renderPage(EscalationsPage, '/alerts/escalations')
    await screen.findByTestId('escalation-notice', {}, slow)
    expect(document.querySelectorAll('button[id^="escalation-"]')).toHaveLength(0)
  })
})
