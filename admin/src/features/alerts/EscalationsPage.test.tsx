import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { accountabilityBody, actionsFor } from './EscalationForms'
import EscalationsPage from './EscalationsPage'
import { closedCase, escalation, renderPage, requestsTo, serveAlerts, urgeCase, verifyCase } from './fixtures.test-util'

const slow = { timeout: 8000 }
const list = '/api/staff/alerts/escalations'
const closePath = (id: string) => `${list}/${id}/close`

const cases = [
  escalation(),
  escalation({ id: verifyCase, model: 'obstruction', stage: 'verify', warnings: 1 }),
  escalation({
    id: closedCase,
    stage: 'accountability',
    closedAt: '2026-11-21T02:00:00.000Z',
    outcome: { stage: 'accountability', discipline: '王某（党纪处分）：党内警告', moneyRecovered: 12000 },
  }),
]

const buttonsOf = (id: string) =>
  [...document.querySelectorAll(`button[id^="escalation-${id}-"]`)].map((b) => b.id.replace(`escalation-${id}-`, ''))

function posted(fetchMock: ReturnType<typeof serveAlerts>, id: string) {
  return requestsTo(fetchMock, closePath(id), 'POST').map((r) => r.body)
}

describe('actionsFor', () => {
  it('offers 督办办结 on urge, 不实/问责 on verify, nothing once closed', () => {
    expect(actionsFor('urge')).toEqual(['done'])
    expect(actionsFor('verify')).toEqual(['unfounded', 'accountability'])
    for (const stage of ['done', 'unfounded', 'accountability'] as const) expect(actionsFor(stage)).toEqual([])
  })
})

describe('accountabilityBody', () => {
  it('files each person under 纪律处分 or 组织处理 and keeps the money in yuan', () => {
    expect(
      accountabilityBody({
        people: [
          { name: '王某（窗口负责人）', kind: '党纪处分', detail: '党内警告' },
          { name: '李某', kind: '诫勉' },
          { name: '赵某', kind: '政务处分', detail: '记过' },
          { name: '  ', kind: '组织处理' },
        ],
        moneyRecovered: 3500.5,
        note: ' 查实刁难群众 ',
      }),
    ).toEqual({
      stage: 'accountability',
      discipline: '王某（窗口负责人）（党纪处分）：党内警告；赵某（政务处分）：记过',
      organisational: '李某（诫勉）',
      moneyRecovered: 3500.5,
      note: '查实刁难群众',
    })
  })
})

describe('EscalationsPage', () => {
  it('lists open cases first and offers only the closings valid for each stage', { timeout: 60_000 }, async () => {
    const fetchMock = serveAlerts({ escalations: () => cases })
    renderPage(EscalationsPage, '/alerts/escalations')
    const table = await screen.findByTestId('escalations-table', {}, slow)
    await within(table).findAllByText('城关镇人民政府（XZ001）', {}, slow)
    expect(requestsTo(fetchMock, list)[0].query).toEqual({ open: 'true', page: '1', pageSize: '20' })
    expect(buttonsOf(urgeCase)).toEqual(['done'])
    expect(buttonsOf(verifyCase)).toEqual(['unfounded', 'accountability'])
    expect(buttonsOf(closedCase)).toEqual([])
    const closedRow = within(table).getByText('问责').closest('tr')!
    expect(closedRow.textContent).toContain('纪律处分：王某（党纪处分）：党内警告')
    expect(closedRow.textContent).toContain('追回资金：12,000.00 元')

    fireEvent.click(screen.getByText('已办结'))
    await waitFor(() => expect(requestsTo(fetchMock, list).at(-1)?.query).toEqual({ open: 'false', page: '1', pageSize: '20' }))
  })

  it('closes an urge case as done only with the 督办 notice text', { timeout: 60_000 }, async () => {
    const fetchMock = serveAlerts({
      escalations: () => cases,
      write: (method, pathname) => (pathname === closePath(urgeCase) ? { status: 204 } : undefined),
    })
    renderPage(EscalationsPage, '/alerts/escalations')
    fireEvent.click(await screen.findByText('督办办结', { selector: `#escalation-${urgeCase}-done span` }, slow))
    await waitFor(() => expect(document.querySelector('#escalation-form_note')).toBeTruthy(), slow)
    fireEvent.click(document.querySelector('#escalation-submit')!)
    expect(await screen.findByText('请填写向单位发出的督办通知及单位的反馈', {}, slow)).toBeTruthy()
    expect(posted(fetchMock, urgeCase)).toEqual([])
    fireEvent.change(document.querySelector('#escalation-form_note')!, { target: { value: '已向城关镇发出督办通知，单位已整改并书面反馈' } })
    fireEvent.click(document.querySelector('#escalation-submit')!)
    await waitFor(() => expect(posted(fetchMock, urgeCase)).toEqual([{ stage: 'done', note: '已向城关镇发出督办通知，单位已整改并书面反馈' }]))
    await waitFor(() => expect(requestsTo(fetchMock, list).length).toBeGreaterThan(1))
  })

  it('closes a verify case as unfounded with its reason', { timeout: 60_000 }, async () => {
    const fetchMock = serveAlerts({
      escalations: () => cases,
      write: (method, pathname) => (pathname === closePath(verifyCase) ? { status: 204 } : undefined),
    })
    renderPage(EscalationsPage, '/alerts/escalations')
    fireEvent.click(await screen.findByText('核查不实', { selector: `#escalation-${verifyCase}-unfounded span` }, slow))
    await waitFor(() => expect(document.querySelector('#escalation-form_note')).toBeTruthy(), slow)
    fireEvent.click(document.querySelector('#escalation-submit')!)
    expect(await screen.findByText('请填写核查不实的理由', {}, slow)).toBeTruthy()
    fireEvent.change(document.querySelector('#escalation-form_note')!, { target: { value: '申请材料确有缺失，退回符合规定' } })
    fireEvent.click(document.querySelector('#escalation-submit')!)
    await waitFor(() => expect(posted(fetchMock, verifyCase)).toEqual([{ stage: 'unfounded', note: '申请材料确有缺失，退回符合规定' }]))
  })

  it('records 问责 with people, measures and money, checking the form in Chinese first', { timeout: 60_000 }, async () => {
    const fetchMock = serveAlerts({
      escalations: () => cases,
      write: (method, pathname) => (pathname === closePath(verifyCase) ? { status: 204 } : undefined),
    })
    renderPage(EscalationsPage, '/alerts/escalations')
    fireEvent.click(await screen.findByText('问责处理', { selector: `#escalation-${verifyCase}-accountability span` }, slow))
    await waitFor(() => expect(document.querySelector('#escalation-form_people_0_name')).toBeTruthy(), slow)
    fireEvent.click(document.querySelector('#escalation-submit')!)
    expect(await screen.findByText('请填写被问责人姓名', {}, slow)).toBeTruthy()
    expect(screen.getByText('请选择处理方式')).toBeTruthy()
    expect(screen.getByText('请填写核查查实的情况')).toBeTruthy()

    fireEvent.change(document.querySelector('#escalation-form_people_0_name')!, { target: { value: '王某' } })
    fireEvent.mouseDown(document.querySelector('#escalation-form_people_0_kind')!.closest('.ant-select-selector')!)
    fireEvent.click(await screen.findByTitle('政务处分', {}, slow))
    fireEvent.change(document.querySelector('#escalation-form_people_0_detail')!, { target: { value: '记过' } })
    fireEvent.change(document.querySelector('#escalation-form_moneyRecovered')!, { target: { value: '8800' } })
    fireEvent.change(document.querySelector('#escalation-form_note')!, { target: { value: '查实三次无故退回同一申请人材料' } })
    fireEvent.click(document.querySelector('#escalation-submit')!)
    await waitFor(() =>
      expect(posted(fetchMock, verifyCase)).toEqual([
        { stage: 'accountability', discipline: '王某（政务处分）：记过', moneyRecovered: 8800, note: '查实三次无故退回同一申请人材料' },
      ]),
    )
  })

  it('shows the server refusal (the case moved on meanwhile) in the form', { timeout: 60_000 }, async () => {
    serveAlerts({
      escalations: () => cases,
      write: () => ({ status: 409, body: { code: 'ALERTS_STATE', message: '督办案件不存在或不处于督办阶段，不能办结为 done' } }),
    })
    renderPage(EscalationsPage, '/alerts/escalations')
    fireEvent.click(await screen.findByText('督办办结', { selector: `#escalation-${urgeCase}-done span` }, slow))
    await waitFor(() => expect(document.querySelector('#escalation-form_note')).toBeTruthy(), slow)
    fireEvent.change(document.querySelector('#escalation-form_note')!, { target: { value: '已督办' } })
    fireEvent.click(document.querySelector('#escalation-submit')!)
    expect((await screen.findByTestId('escalation-form-error', {}, slow)).textContent).toContain('不处于督办阶段')
  })

  it('gives read-only access to roles that may not close cases', { timeout: 60_000 }, async () => {
    serveAlerts({ user: { role: 'tour_group', tourGroupId: 'g1' }, escalations: () => cases })
    renderPage(EscalationsPage, '/alerts/escalations')
    await screen.findAllByText('城关镇人民政府（XZ001）', {}, slow)
    expect(document.querySelectorAll('button[id^="escalation-"]')).toHaveLength(0)
  })
})
