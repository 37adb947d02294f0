import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderPage, requestsTo, serveAlerts, warning, warningA, warningB } from './fixtures.test-util'
import WarningsPage, { parseWarningQuery } from './WarningsPage'

const slow = { timeout: 8000 }
const list = '/api/staff/alerts/warnings'

async function pick(selectId: string, title: string) {
  fireEvent.mouseDown(document.querySelector(`#${selectId}`)!.closest('.ant-select-selector')!)
  fireEvent.click(await screen.findByTitle(title, {}, slow))
}

describe('parseWarningQuery', () => {
  it('keeps known filters and drops what the server would reject', () => {
    expect(parseWarningQuery(new URLSearchParams('model=overdue&stage=verify&unitCode=XZ001&status=open&page=3&pageSize=50'))).toEqual({
      model: 'overdue',
      stage: 'verify',
      unitCode: 'XZ001',
      status: 'open',
      page: 3,
      pageSize: 50,
    })
    expect(parseWarningQuery(new URLSearchParams('stage=later&status=x&page=-1&pageSize=9999'))).toEqual({
      model: undefined,
      stage: undefined,
      unitCode: undefined,
      status: undefined,
      page: 1,
      pageSize: 20,
    })
  })

  it('keeps an as-of range, open at either end, and drops an impossible or inverted one', () => {
    const range = (search: string) => {
      const { asOfFrom, asOfTo } = parseWarningQuery(new URLSearchParams(search))
      return { asOfFrom, asOfTo }
    }
    expect(range('asOfFrom=2026-11-01&asOfTo=2026-11-20')).toEqual({ asOfFrom: '2026-11-01', asOfTo: '2026-11-20' })
    expect(range('asOfFrom=2026-11-20&asOfTo=2026-11-20')).toEqual({ asOfFrom: '2026-11-20', asOfTo: '2026-11-20' })
    expect(range('asOfTo=2026-11-20')).toEqual({ asOfFrom: undefined, asOfTo: '2026-11-20' })
    expect(range('asOfFrom=2026-02-30&asOfTo=2026/11/20')).toEqual({ asOfFrom: undefined, asOfTo: undefined })
    expect(range('asOfFrom=2026-11-21&asOfTo=2026-11-20')).toEqual({ asOfFrom: undefined, asOfTo: undefined })
  })
})

describe('WarningsPage', () => {
  it('sends the filters from the address, then each filter picked, to the server', { timeout: 60_000 }, async () => {
    const fetchMock = serveAlerts()
    renderPage(WarningsPage, '/alerts/warnings?model=overdue&stage=urge&page=2')
    await screen.findByText('办件 BJ2026000123', {}, slow)
    expect(requestsTo(fetchMock, list)[0].query).toEqual({ model: 'overdue', stage: 'urge', page: '2', pageSize: '20' })

    await pick('warnings-stage-filter', '核查')
    await waitFor(() => expect(requestsTo(fetchMock, list).at(-1)?.query).toEqual({ model: 'overdue', stage: 'verify', page: '1', pageSize: '20' }))
    await pick('warnings-unit-filter', '城关镇人民政府（XZ001）')
    await waitFor(() =>
      expect(requestsTo(fetchMock, list).at(-1)?.query).toEqual({ model: 'overdue', unitCode: 'XZ001', stage: 'verify', page: '1', pageSize: '20' }),
    )
    await pick('warnings-status-filter', '已关闭')
    await waitFor(() =>
      expect(requestsTo(fetchMock, list).at(-1)?.query).toEqual({ model: 'overdue', unitCode: 'XZ001', stage: 'verify', status: 'closed', page: '1', pageSize: '20' }),
    )
    fireEvent.click(document.querySelector('#warnings-reset')!)
    await waitFor(() => expect(requestsTo(fetchMock, list).at(-1)?.query).toEqual({ page: '1', pageSize: '20' }))
  })

  it('sends the as-of range from the address and from the date range picker', { timeout: 60_000 }, async () => {
    const fetchMock = serveAlerts()
    renderPage(WarningsPage, '/alerts/warnings?asOfFrom=2026-11-01&asOfTo=2026-11-20&page=2')
    await screen.findByText('办件 BJ2026000123', {}, slow)
    expect(requestsTo(fetchMock, list)[0].query).toEqual({ asOfFrom: '2026-11-01', asOfTo: '2026-11-20', page: '2', pageSize: '20' })
    const from = document.querySelector<HTMLInputElement>('input#warnings-asof-range')!
    const to = from.closest('.ant-picker-range')!.querySelectorAll<HTMLInputElement>('input')[1]
    expect([from.value, to.value]).toEqual(['2026-11-01', '2026-11-20'])

    fireEvent.mouseDown(from)
    fireEvent.click(from)
    fireEvent.click(await screen.findByTitle('2026-11-05', {}, slow))
    fireEvent.click(await screen.findByTitle('2026-11-12', {}, slow))
    await waitFor(() => expect(requestsTo(fetchMock, list).at(-1)?.query).toEqual({ asOfFrom: '2026-11-05', asOfTo: '2026-11-12', page: '1', pageSize: '20' }))

    fireEvent.click(document.querySelector('#warnings-reset')!)
    await waitFor(() => expect(requestsTo(fetchMock, list).at(-1)?.query).toEqual({ page: '1', pageSize: '20' }))
  })

  it('shows subject, unit name, triggering values, stage and as-of per row', { timeout: 60_000 }, async () => {
    serveAlerts({
      warnings: () => [
        warning(),
        warning({
          id: warningB,
          model: 'low_pass_rate',
          level: 'group',
          subject: 'XZ001|SX-0202',
          caseNo: null,
          applicantId: null,
          itemCode: 'SX-0202',
          stage: 'verify',
          values: { finished: 25, approved: 12, pass_rate: 0.48, window_days: 90 },
          modelTitle: '审批通过率低',
          subjectText: '事项 SX-0202',
          explanation: '城关镇人民政府的事项 SX-0202 近 90 天办结 25 件，通过 12 件，通过率 48.0%，低于 60.0%',
        }),
      ],
    })
    renderPage(WarningsPage, '/alerts/warnings')
    const table = await screen.findByTestId('warnings-table', {}, slow)
    const caseRow = (await within(table).findByText('办件 BJ2026000123', {}, slow)).closest('tr')!
    expect(within(caseRow).getByText('办件超期')).toBeTruthy()
    expect(await within(caseRow).findByText('城关镇人民政府（XZ001）', {}, slow)).toBeTruthy()
    expect(caseRow.textContent).toContain('超出承诺时限 4 个工作日（承诺 5 个工作日，实际 9 个工作日）')
    expect(within(caseRow).getByTestId('stage-tag').textContent).toBe('督办')
    expect(caseRow.textContent).toContain('2026-11-20')
    const groupRow = within(table).getByText('事项 SX-0202').closest('tr')!
    expect(groupRow.textContent).toContain('通过率 48.0%，低于 60.0%')
    expect(within(groupRow).getByText('审批通过率低')).toBeTruthy()
    expect(within(groupRow).getByTestId('stage-tag').textContent).toBe('核查')
  })

  it('says 共 N 条 for an exact total and 约 N 条 for the server\'s estimate', { timeout: 30_000 }, async () => {
    serveAlerts({ warnings: () => [warning()], warningsTotal: () => ({ total: 284644, totalExact: false }) })
    renderPage(WarningsPage, '/alerts/warnings')
    expect(await screen.findByText('约 284,644 条（估算）', {}, slow)).toBeTruthy()
  })

  it('opens the detail drawer and closes a warning with a reason, then reloads the list', { timeout: 60_000 }, async () => {
    let status: 'open' | 'closed' = 'open'
    const fetchMock = serveAlerts({
      warnings: () => [warning({ status, ...(status === 'closed' ? { closeReason: 'data_error', closeNote: '部门数据录入错误', closedByName: '纪检干部 周明' } : {}) })],
      write: (method, pathname) => {
        if (method !== 'POST' || pathname !== `${list}/${warningA}/close`) return undefined
        status = 'closed'
        return { status: 204 }
      },
    })
    renderPage(WarningsPage, '/alerts/warnings')
    fireEvent.click(await screen.findByText('办件 BJ2026000123', {}, slow))
    const drawer = await screen.findByTestId('warning-drawer', {}, slow)
    const values = within(drawer).getByTestId('warning-values')
    expect(values.textContent).toContain('承诺时限（工作日）')
    expect(values.textContent).toContain('2026-11-13')
    expect(within(drawer).getByTestId('warning-explanation').textContent).toContain('超出承诺时限 4 个工作日')
    expect(within(drawer).getByTestId('warning-applicant').textContent).toBe('110101********4514')
    expect(drawer.textContent).not.toContain('110101199003074514')
    // the case behind it
    const sources = await within(drawer).findByTestId('warning-source-cases', {}, slow)
    expect(sources.textContent).toContain('户籍迁入（SX-0101）')
    expect(sources.textContent).toContain('110101********4514')
    // an administrator may not reveal ID numbers
    expect(document.querySelector('#warning-reveal')).toBeNull()
    fireEvent.click(within(drawer).getByText('关闭预警'))
    const confirm = (await screen.findByText('关闭预警', { selector: '#warning-close-confirm span' }, slow)).closest('button')!
    // no reason picked yet: the dialog will not send
    expect(confirm.disabled).toBe(true)
    fireEvent.click(screen.getByLabelText('数据错误'))
    fireEvent.change(document.querySelector('#warning-close-note')!, { target: { value: '部门数据录入错误' } })
    await waitFor(() => expect(confirm.disabled).toBe(false))
    fireEvent.click(confirm)
    await waitFor(() => expect(requestsTo(fetchMock, `${list}/${warningA}/close`, 'POST')).toHaveLength(1))
    expect(requestsTo(fetchMock, `${list}/${warningA}/close`, 'POST')[0].body).toEqual({ reason: 'data_error', note: '部门数据录入错误', itemKey: 'SX-0101' })
    await waitFor(() => expect(screen.queryByTestId('warning-drawer')).toBeNull(), slow)
    const row = (await screen.findByText('已关闭', { selector: 'tr span' }, slow)).closest('tr')!
    expect(row.textContent).toContain('办件 BJ2026000123')
    fireEvent.click(within(row).getByText('办件 BJ2026000123'))
    const again = await screen.findByTestId('warning-drawer', {}, slow)
    expect(within(again).getByTestId('warning-close-reason-text').textContent).toBe('数据错误')
    expect(again.textContent).toContain('部门数据录入错误')
  })

  it('names a warning closed before reasons were asked 未记录原因', { timeout: 60_000 }, async () => {
    serveAlerts({ warnings: () => [warning({ status: 'closed', closedAt: '2026-11-20T02:00:00.000Z' })] })
    renderPage(WarningsPage, '/alerts/warnings')
    fireEvent.click(await screen.findByText('办件 BJ2026000123', {}, slow))
    const drawer = await screen.findByTestId('warning-drawer', {}, slow)
    expect(within(drawer).getByTestId('warning-close-reason-text').textContent).toBe('未记录原因')
    expect(document.querySelector('#warning-close')).toBeNull()
  })

  it('reveals the full ID numbers to a supervisor', { timeout: 60_000 }, async () => {
    const fetchMock = serveAlerts({
      user: { role: 'supervisor' },
      write: (method, pathname) =>
        method === 'POST' && pathname === `${list}/${warningA}/reveal`
          ? { status: 200, body: { applicantId: '110101199003074514', cases: [{ caseNo: 'BJ2026000123', applicantId: '110101199003074514' }], rows: [] } }
          : undefined,
    })
    renderPage(WarningsPage, '/alerts/warnings')
    fireEvent.click(await screen.findByText('办件 BJ2026000123', {}, slow))
    const drawer = await screen.findByTestId('warning-drawer', {}, slow)
    await within(drawer).findByTestId('warning-source-cases', {}, slow)
    fireEvent.click(document.querySelector('#warning-reveal')!)
    await waitFor(() => expect(within(drawer).getByTestId('warning-applicant').textContent).toBe('110101199003074514'))
    expect(within(drawer).getByTestId('warning-source-cases').textContent).toContain('110101199003074514')
    expect(requestsTo(fetchMock, `${list}/${warningA}/reveal`, 'POST')).toHaveLength(1)
  })

  it('names models and data sets in Chinese for a reader who may not see their definitions', { timeout: 60_000 }, async () => {
    const fetchMock = serveAlerts({
      user: { role: 'intake' },
      warnings: () => [
        warning({
          model: 'fake_disability',
          modelTitle: '假残真证',
          level: 'group',
          caseNo: null,
          itemCode: null,
          subject: '410725********041X42|410725********041X',
          subjectText: '残疾人证登记（残联） 410725********041X42 × 村（社区）干部名册（组织部） 410725********041X',
          explanation: '残疾人证登记（残联）中的 410725********041X42 与村（社区）干部名册（组织部）中的 410725********041X 比对命中模型条件',
          values: {
            left: { dataset: 'disability_certificates', key: '410725********041X42', values: { level: '2' } },
            right: { dataset: 'village_cadres', key: '410725********041X', values: { declared_disability_level: '0' } },
          },
        }),
      ],
    })
    renderPage(WarningsPage, '/alerts/warnings')
    const subject = await screen.findByText(/^残疾人证登记（残联） 410725/, {}, slow)
    await pick('warnings-model-filter', '办件超期')
    await waitFor(() => expect(requestsTo(fetchMock, list).at(-1)?.query).toMatchObject({ model: 'overdue' }))
    fireEvent.click(subject)
    const drawer = await screen.findByTestId('warning-drawer', {}, slow)
    expect(drawer.textContent).toContain('假残真证')
    expect(drawer.textContent).not.toContain('disability_certificates')
    expect(drawer.textContent).not.toContain('village_cadres')
    expect(requestsTo(fetchMock, '/api/staff/alerts/models')).toEqual([])
  })

  it('lets a tour group read warnings but not close them', { timeout: 60_000 }, async () => {
    serveAlerts({ user: { role: 'tour_group', tourGroupId: 'g1' } })
    renderPage(WarningsPage, '/alerts/warnings')
    fireEvent.click(await screen.findByText('办件 BJ2026000123', {}, slow))
    await screen.findByTestId('warning-drawer', {}, slow)
    expect(document.querySelector('#warning-close')).toBeNull()
  })
})
