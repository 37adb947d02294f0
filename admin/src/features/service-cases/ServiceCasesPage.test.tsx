import type { AlertWarning } from '@msjd/shared'
import type { ServiceCaseDetail, ServiceCaseSummary } from '@msjd/shared/service-cases'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { mockServer } from '../../test/http'
import { demoUser } from '../../test/render'
import { renderPage } from '../alerts/fixtures.test-util'
import ServiceCasesPage, { parseServiceCaseQuery, totalText } from './ServiceCasesPage'

const slow = { timeout: 8000 }
const listUrl = '/api/staff/service-cases'

function summary(overrides: Partial<ServiceCaseSummary> = {}): ServiceCaseSummary {
  return {
    caseNo: 'BJ2026000123',
    unitCode: 'XZ001',
    unitName: '城关镇人民政府',
    itemCode: 'SX0001',
    itemName: '食品经营许可',
    applicantType: 'individual',
    channel: 'window',
    acceptedAt: '2026-03-02T01:30:00.000Z',
    finishedAt: '2026-03-04T20:00:00.000Z',
    promisedDays: 1,
    deadline: '2026-03-03',
    result: 'approved',
    overdue: true,
    warningCount: 1,
    ...overrides,
  }
}

const warning: AlertWarning = {
  id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  model: 'overdue',
  modelVersion: 1,
  level: 'case',
  subject: 'BJ2026000123',
  unitCode: 'XZ001',
  itemCode: 'SX0001',
  caseNo: 'BJ2026000123',
  applicantId: '110105********002X',
  asOf: '2026-03-20',
  values: {},
  status: 'open',
  stage: 'urge',
  escalationId: null,
  closedAt: null,
  closeReason: null,
  closeNote: null,
  closedByName: null,
  modelTitle: '办件超期',
  subjectText: '办件 BJ2026000123',
  explanation: '办件 BJ2026000123（事项「食品经营许可」（SX0001））超出承诺时限 2 个工作日（承诺 1 个工作日，实际 3 个工作日）',
}

const detail: ServiceCaseDetail = {
  case: { ...summary(), applicantId: '110105********002X', supplementCount: 2, rating: 1, importedAt: '2026-03-21T01:00:00.000Z', updatedAt: '2026-03-21T01:00:00.000Z' },
  timeline: { acceptedOn: '2026-03-02', deadline: '2026-03-03', finishedOn: '2026-03-05', workdaysUsed: 3, workdaysOver: 2, measuredTo: '2026-03-05' },
  warnings: [warning],
  item: { code: 'SX0001', name: '食品经营许可', unitName: '县市场监管局', promisedDays: 1, materials: ['营业执照', '食品经营许可申请书'] },
}

function serve(list: { items?: ServiceCaseSummary[]; total?: number; totalExact?: boolean; pageable?: number } = {}) {
  return mockServer(({ pathname }) => {
    if (pathname === '/api/staff/auth/me') return { status: 200, body: { user: demoUser } }
    if (pathname === '/api/staff/units') {
      return { status: 200, body: { items: [{ id: 'u-1', code: 'XZ001', name: '城关镇人民政府', kind: 'township', onboard: false, parentId: null }], total: 1, page: 1, pageSize: 200 } }
    }
    if (pathname === listUrl) {
      const items = list.items ?? [summary(), summary({ caseNo: 'BJ2026000124', overdue: false, warningCount: 0, applicantType: 'enterprise', result: 'pending', finishedAt: null })]
      const total = list.total ?? items.length
      return { status: 200, body: { items, total, totalExact: list.totalExact ?? true, pageable: list.pageable ?? Math.min(total, 10000) } }
    }
    if (pathname === `${listUrl}/BJ2026000123`) return { status: 200, body: detail }
    if (pathname === `${listUrl}/BJ2026000124`) return { status: 200, body: { ...detail, case: { ...detail.case, caseNo: 'BJ2026000124' }, warnings: [], item: null } }
    return { status: 404, body: { code: 'NOT_FOUND', message: '请求的内容不存在' } }
  })
}

const listCalls = (fetchMock: ReturnType<typeof serve>) =>
  fetchMock.mock.calls
    .map(([input]) => new URL(String(input), 'http://localhost'))
    .filter((u) => u.pathname === listUrl)
    .map((u) => Object.fromEntries(u.searchParams))

async function pick(selectId: string, title: string) {
  fireEvent.mouseDown(document.querySelector(`#${selectId}`)!.closest('.ant-select-selector')!)
  fireEvent.click(await screen.findByTitle(title, {}, slow))
}

describe('parseServiceCaseQuery', () => {
  it('keeps known filters and drops what the server would refuse', () => {
    expect(
      parseServiceCaseQuery(
        new URLSearchParams('itemCode=SX1&unitCode=XZ001&applicantType=enterprise&result=pending&acceptedFrom=2026-03-01&acceptedTo=2026-03-31&overdue=true&hasWarnings=false&caseNo=BJ&page=3&pageSize=50'),
      ),
    ).toEqual({
      itemCode: 'SX1',
      unitCode: 'XZ001',
      applicantType: 'enterprise',
      result: 'pending',
      acceptedFrom: '2026-03-01',
      acceptedTo: '2026-03-31',
      finishedFrom: undefined,
      finishedTo: undefined,
      overdue: 'true',
      hasWarnings: 'false',
      caseNo: 'BJ',
      page: 3,
      pageSize: 50,
    })
    const odd = parseServiceCaseQuery(new URLSearchParams('applicantType=robot&result=x&overdue=yes&finishedFrom=2026-03-10&finishedTo=2026-03-01&acceptedFrom=2026-02-30&pageSize=9999&page=-2'))
    expect(odd).toMatchObject({ applicantType: undefined, result: undefined, overdue: undefined, finishedFrom: undefined, finishedTo: undefined, acceptedFrom: undefined, page: 1, pageSize: 20 })
    // the server pages no deeper than 10,000 rows
    expect(parseServiceCaseQuery(new URLSearchParams('page=900&pageSize=20')).page).toBe(500)
  })

  it('says 约 for an estimated total', () => {
    expect(totalText(1234, true)).toBe('共 1,234 件')
    expect(totalText(2150000, false)).toBe('约 2,150,000 件（估算）')
  })
})

describe('ServiceCasesPage', () => {
  it('sends the filters from the address, then each filter picked, to the server', { timeout: 60_000 }, async () => {
    const fetchMock = serve()
    renderPage(ServiceCasesPage, '/alerts/service-cases?overdue=true&page=2')
    await screen.findByText('BJ2026000123', {}, slow)
    expect(listCalls(fetchMock)[0]).toEqual({ overdue: 'true', page: '2', pageSize: '20' })

    await pick('cases-unit-filter', '城关镇人民政府（XZ001）')
    await waitFor(() => expect(listCalls(fetchMock).at(-1)).toEqual({ unitCode: 'XZ001', overdue: 'true', page: '1', pageSize: '20' }))
    await pick('cases-applicant-type', '法人')
    await waitFor(() => expect(listCalls(fetchMock).at(-1)).toMatchObject({ applicantType: 'enterprise' }))
    await pick('cases-result', '不予许可')
    await waitFor(() => expect(listCalls(fetchMock).at(-1)).toMatchObject({ result: 'rejected' }))
    await pick('cases-warnings', '有预警')
    await waitFor(() => expect(listCalls(fetchMock).at(-1)).toMatchObject({ hasWarnings: 'true' }))

    const caseNo = document.querySelector<HTMLInputElement>('input#cases-case-no')!
    fireEvent.change(caseNo, { target: { value: ' BJ2026 ' } })
    fireEvent.keyDown(caseNo, { key: 'Enter', code: 'Enter', keyCode: 13 })
    await waitFor(() => expect(listCalls(fetchMock).at(-1)).toMatchObject({ caseNo: 'BJ2026' }))
    const item = document.querySelector<HTMLInputElement>('input#cases-item')!
    fireEvent.change(item, { target: { value: 'SX0001' } })
    fireEvent.keyDown(item, { key: 'Enter', code: 'Enter', keyCode: 13 })
    await waitFor(() =>
      expect(listCalls(fetchMock).at(-1)).toEqual({
        itemCode: 'SX0001',
        unitCode: 'XZ001',
        caseNo: 'BJ2026',
        applicantType: 'enterprise',
        result: 'rejected',
        overdue: 'true',
        hasWarnings: 'true',
        page: '1',
        pageSize: '20',
      }),
    )

    fireEvent.click(document.querySelector('#cases-reset')!)
    await waitFor(() => expect(listCalls(fetchMock).at(-1)).toEqual({ page: '1', pageSize: '20' }))
  })

  it('sends the acceptance range from the date picker as Beijing dates', { timeout: 60_000 }, async () => {
    const fetchMock = serve()
    renderPage(ServiceCasesPage, '/alerts/service-cases?acceptedFrom=2026-03-01&acceptedTo=2026-03-20')
    await screen.findByText('BJ2026000123', {}, slow)
    const from = document.querySelector<HTMLInputElement>('input#cases-accepted-range')!
    const to = from.closest('.ant-picker-range')!.querySelectorAll<HTMLInputElement>('input')[1]
    expect([from.value, to.value]).toEqual(['2026-03-01', '2026-03-20'])
    fireEvent.mouseDown(from)
    fireEvent.click(from)
    fireEvent.click(await screen.findByTitle('2026-03-05', {}, slow))
    fireEvent.click(await screen.findByTitle('2026-03-12', {}, slow))
    await waitFor(() => expect(listCalls(fetchMock).at(-1)).toEqual({ acceptedFrom: '2026-03-05', acceptedTo: '2026-03-12', page: '1', pageSize: '20' }))
  })

  it('shows rows with Beijing dates, result, 超期 and warnings within a 1440 px screen, and says 约 past the exact count', { timeout: 60_000 }, async () => {
    serve({ total: 2150000, totalExact: false, pageable: 10000 })
    renderPage(ServiceCasesPage, '/alerts/service-cases')
    const row = (await screen.findByText('BJ2026000123', {}, slow)).closest('tr')!
    // Beijing dates: 2026-03-04 20:00 UTC is already 03-05 in Beijing
    expect(within(row).getByText('2026-03-02')).toBeTruthy()
    expect(within(row).getByText('2026-03-05')).toBeTruthy()
    expect(within(row).getByText('食品经营许可（SX0001）')).toBeTruthy()
    expect(within(row).getByText('城关镇人民政府')).toBeTruthy()
    expect(within(row).getByText('超期')).toBeTruthy()
    expect(within(row).getByText('自然人')).toBeTruthy()
    const other = screen.getByText('BJ2026000124').closest('tr')!
    expect(within(other).getByText('办理中')).toBeTruthy()
    expect(within(other).getByText('法人')).toBeTruthy()
    expect(within(other).queryByText('超期')).toBeNull()
    // fixed widths plus the item column's minimum fit the content of a 1440 px screen (1440 − 220 sider − 96 padding)
    const widths = [...document.querySelectorAll('[data-testid=cases-table] colgroup col')].map((col) => parseInt((col as HTMLElement).style.width || '0', 10))
    expect(widths.filter(Boolean)).toHaveLength(8)
    expect(widths.reduce((a, b) => a + b, 0) + 190).toBeLessThanOrEqual(1124)
    expect(screen.getByTestId('cases-total').textContent).toBe('约 2,150,000 件（估算），可翻阅前 10,000 件，请用筛选缩小范围')
  })

  it('opens a case in a drawer kept in the address, with its timeline, warnings and 申报材料', { timeout: 60_000 }, async () => {
    serve()
    renderPage(ServiceCasesPage, '/alerts/service-cases')
    fireEvent.click(await screen.findByText('BJ2026000123', {}, slow))
    const drawer = await screen.findByTestId('case-drawer', {}, slow)
    await within(drawer).findByText('110105********002X', {}, slow)
    const timeline = within(drawer).getByTestId('case-timeline')
    expect(timeline.textContent).toContain('受理：2026-03-02 09:30')
    expect(timeline.textContent).toContain('办理期限：2026-03-03（承诺 1 个工作日）')
    expect(timeline.textContent).toContain('办理用时 3 个工作日，超出承诺时限 2 个工作日')
    const warnings = within(drawer).getByTestId('case-warnings')
    expect(within(warnings).getByText('办件超期')).toBeTruthy()
    expect(within(warnings).getByText(warning.explanation)).toBeTruthy()
    expect(within(warnings).getByText('督办')).toBeTruthy()
    const materials = within(drawer).getByTestId('case-materials')
    expect(within(materials).getByText('1. 营业执照')).toBeTruthy()
    expect(within(materials).getByText('2. 食品经营许可申请书')).toBeTruthy()
    expect(drawer.textContent).not.toContain('11010519491231002X')
  })

  it('opens the case named in the address, and says when its item is not in the directory', { timeout: 60_000 }, async () => {
    serve()
    renderPage(ServiceCasesPage, '/alerts/service-cases?case=BJ2026000124')
    const drawer = await screen.findByTestId('case-drawer', {}, slow)
    await within(drawer).findByText('该办件没有预警', {}, slow)
    expect(within(drawer).getByTestId('case-materials').textContent).toContain('事项目录中没有事项编码 SX0001')
  })
})
