import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { accountabilityBody, actionsFor } from './EscalationForms'
import EscalationsPage, { yuanText } from './EscalationsPage'
import { closedCase, escalation, renderPage, requestsTo, serveAlerts, urgeCase, verifyCase } from './fixtures.test-util'

const slow = { timeout: 8000 }
const list = '/api/staff/alerts/escalations'
const closePath = (id: string) => `${list}/${id}/close`
const legacyCase = 'ffffffff-ffff-4fff-8fff-ffffffffffff'

const cases = [
  escalation(),
  escalation({ id: verifyCase, model: 'obstruction', stage: 'verify', warnings: 1 }),
  escalation({
    id: closedCase,
    stage: 'accountability',
    closedAt: '2026-11-21T02:00:00.000Z',
    outcome: { stage: 'accountability', note: '查实多次无故退回申请材料' },
    people: [
      { name: '王某（窗口负责人）', kind: '党纪处分', detail: '党内警告' },
      { name: '李某', kind: '诫勉' },
    ],
    moneyRecovered: '12000.10',
  }),
  // closed before the 问责 record was structured: its texts are shown as they were written
  escalation({
    id: legacyCase,
    model: 'low_pass_rate',
    stage: 'accountability',
    closedAt: '2026-10-08T02:00:00.000Z',
    outcome: { stage: 'accountability', discipline: '赵某（政务处分）：记过', moneyRecovered: 5000 },
    moneyRecovered: '5000.00',
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
  it('sends each person structured and the money as the decimal text typed', () => {
    expect(
      accountabilityBody({
        people: [
          { name: '王某（窗口负责人）', kind: '党纪处分', detail: '党内警告' },
          { name: ' 李某 ', kind: '诫勉', detail: '  ' },
          { name: '赵某', kind: '政务处分', detail: '记过' },
          { name: '  ', kind: '组织处理' },
        ],
        moneyRecovered: '3500.5',
        note: ' 查实刁难群众 ',
      }),
    ).toEqual({
      stage: 'accountability',
      people: [
        { name: '王某（窗口负责人）', kind: '党纪处分', detail: '党内警告' },
        { name: '李某', kind: '诫勉' },
        { name: '赵某', kind: '政务处分', detail: '记过' },
      ],
      moneyRecovered: '3500.5',
      note: '查实刁难群众',
    })
    expect(accountabilityBody({ people: [], moneyRecovered: null })).toEqual({ stage: 'accountability', people: [], moneyRecovered: undefined, note: undefined })
  })
})

describe('yuanText', () => {
  it('groups the exact decimal text by thousands', () => {
    expect(yuanText('1234567.50')).toBe('1,234,567.50 元')
    expect(yuanText('0.00')).toBe('0.00 元')
    expect(yuanText('999.5')).toBe('999.50 元')
  })
})

describe('EscalationsPage', () => {
  it('lists open cases first and offers only the closings valid for each stage', { timeout: 60_000 }, async () => {
    const fetchMock = serveAlerts({ escalations: () => cases })
    renderPage(EscalationsPage, '/alerts/escalations')
    const table = await screen.findByTestId('escalations-table', {}, slow)
    await within(table).findAllByText('城关镇人民政府（XZ001）', {}, slow)
    expect(requestsTo(fetchMock, list)[0].query).toEqual({ open: 'true', page: '1', pageSize: '20' })
    expect(buttonsOf(urgeCase)).toEqual(['notice', 'done'])
    expect(buttonsOf(verifyCase)).toEqual(['unfounded', 'accountability'])
    expect(buttonsOf(closedCase)).toEqual([])
    const [closedRow, legacyRow] = within(table)
      .getAllByText('问责')
      .map((tag) => tag.closest('tr')!)
    expect(closedRow.textContent).toContain('问责：王某（窗口负责人）（党纪处分，党内警告）、李某（诫勉）')
    expect(closedRow.textContent).toContain('追回资金：12,000.10 元')
    expect(legacyRow.textContent).toContain('纪律处分：赵某（政务处分）：记过')
    expect(legacyRow.textContent).toContain('追回资金：5,000.00 元')

    // the 问责 figures and each tab's count come with the list
    const summary = screen.getByTestId('escalations-summary')
    expect(summary.querySelector('#escalations-summary-cases')!.textContent).toContain('1件')
    expect(summary.querySelector('#escalations-summary-people')!.textContent).toContain('2人')
    expect(summary.querySelector('#escalations-summary-money')!.textContent).toContain('1,234,567.50 元')
    const tab = (key: string) => document.querySelector(`#escalations-tabs [data-node-key="${key}"] .ant-tabs-tab-btn`) as HTMLElement
    expect(tab('open').textContent).toBe('办理中（2）')
    expect(tab('verify').textContent).toBe('核查（1）')
    expect(tab('accountability').textContent).toBe('问责（1）')
    expect(tab('all').textContent).toBe('全部（3）')

    fireEvent.click(tab('closed'))
    await waitFor(() => expect(requestsTo(fetchMock, list).at(-1)?.query).toEqual({ open: 'false', page: '1', pageSize: '20' }))
    fireEvent.click(tab('accountability'))
    await waitFor(() => expect(requestsTo(fetchMock, list).at(-1)?.query).toEqual({ stage: 'accountability', page: '1', pageSize: '20' }))
    fireEvent.click(tab('urge'))
    await waitFor(() => expect(requestsTo(fetchMock, list).at(-1)?.query).toEqual({ stage: 'urge', page: '1', pageSize: '20' }))
  })

  it('opens a stage tab from the address and shows a closed case in detail', { timeout: 60_000 }, async () => {
    const fetchMock = serveAlerts({ escalations: () => cases.slice(2) })
    renderPage(EscalationsPage, '/alerts/escalations?tab=accountability')
    const table = await screen.findByTestId('escalations-table', {}, slow)
    await within(table).findAllByText('城关镇人民政府（XZ001）', {}, slow)
    expect(requestsTo(fetchMock, list)[0].query).toEqual({ stage: 'accountability', page: '1', pageSize: '20' })
    expect(document.querySelectorAll('[data-testid=escalation-actions]')).toHaveLength(0)
    const [closedRow, legacyRow] = within(table)
      .getAllByText('问责')
      .map((tag) => tag.closest('tr')!)
    fireEvent.click(closedRow.querySelector('.ant-table-row-expand-icon')!)
    const detail = await screen.findByTestId('escalation-detail', {}, slow)
    const people = within(detail).getByTestId('escalation-people')
    const rows = [...people.querySelectorAll('tbody tr.ant-table-row')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent))
    expect(rows).toEqual([
      ['王某（窗口负责人）', '党纪处分', '党内警告'],
      ['李某', '诫勉', '—'],
    ])
    expect(detail.textContent).toContain('12,000.10 元')
    expect(detail.textContent).toContain('查实多次无故退回申请材料')
    fireEvent.click(legacyRow.querySelector('.ant-table-row-expand-icon')!)
    await waitFor(() => expect(screen.getAllByTestId('escalation-detail')).toHaveLength(2))
    expect(screen.getAllByTestId('escalation-detail')[1].textContent).toContain('纪律处分：赵某（政务处分）：记过')
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
    fireEvent.change(document.querySelector('#escalation-form_moneyRecovered')!, { target: { value: '8800.35' } })
    fireEvent.change(document.querySelector('#escalation-form_note')!, { target: { value: '查实三次无故退回同一申请人材料' } })
    fireEvent.click(document.querySelector('#escalation-submit')!)
    await waitFor(() =>
      expect(posted(fetchMock, verifyCase)).toEqual([
        {
          stage: 'accountability',
          people: [{ name: '王某', kind: '政务处分', detail: '记过' }],
          moneyRecovered: '8800.35',
          note: '查实三次无故退回同一申请人材料',
        },
      ]),
    )
  })

  it('says under the people list that 问责 needs a person or money, sending nothing', { timeout: 60_000 }, async () => {
    let writes = 0
    serveAlerts({
      escalations: () => cases,
      write: () => {
        writes += 1
        return { status: 200, body: {} }
      },
    })
    renderPage(EscalationsPage, '/alerts/escalations')
    fireEvent.click(await screen.findByText('问责处理', { selector: `#escalation-${verifyCase}-accountability span` }, slow))
    await waitFor(() => expect(document.querySelector('#escalation-form_people_0_name')).toBeTruthy(), slow)
    fireEvent.click(screen.getByText(/^删\s?除$/))
    fireEvent.change(document.querySelector('#escalation-form_note')!, { target: { value: '查实' } })
    fireEvent.click(document.querySelector('#escalation-submit')!)
    expect(await screen.findByText('问责处理须至少记录一名问责对象或追回金额', {}, slow)).toBeTruthy()
    expect(writes).toBe(0)
  })

  it('puts the server refusal of a person under that person', { timeout: 60_000 }, async () => {
    serveAlerts({
      escalations: () => cases,
      write: () => ({
        status: 400,
        body: {
          code: 'VALIDATION_FAILED',
          message: '提交的内容不符合要求，请检查标出的字段',
          issues: [{ path: 'people.0.name', code: 'custom', message: '姓名不超过 50 字' }],
        },
      }),
    })
    renderPage(EscalationsPage, '/alerts/escalations')
    fireEvent.click(await screen.findByText('问责处理', { selector: `#escalation-${verifyCase}-accountability span` }, slow))
    await waitFor(() => expect(document.querySelector('#escalation-form_people_0_name')).toBeTruthy(), slow)
    fireEvent.change(document.querySelector('#escalation-form_people_0_name')!, { target: { value: '王某' } })
    fireEvent.mouseDown(document.querySelector('#escalation-form_people_0_kind')!.closest('.ant-select-selector')!)
    fireEvent.click(await screen.findByTitle('批评教育', {}, slow))
    fireEvent.change(document.querySelector('#escalation-form_note')!, { target: { value: '查实' } })
    fireEvent.click(document.querySelector('#escalation-submit')!)
    expect(await screen.findByText('姓名不超过 50 字', {}, slow)).toBeTruthy()
    expect(screen.queryByTestId('escalation-form-error')).toBeNull()
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
