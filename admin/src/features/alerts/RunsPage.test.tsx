import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { freshness, renderPage, requestsTo, run, serveAlerts } from './fixtures.test-util'
import RunsPage, { todayInShanghai } from './RunsPage'

const slow = { timeout: 8000 }
const runs = '/api/staff/alerts/runs'

function pickDate(id: string, day: string) {
  const input = document.querySelector<HTMLInputElement>(`#${id}`)!
  fireEvent.mouseDown(input)
  fireEvent.change(input, { target: { value: day } })
  fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 })
}

describe('todayInShanghai', () => {
  it('gives the Beijing date, which is a day ahead of UTC late in the evening', () => {
    expect(todayInShanghai(new Date('2026-11-24T16:30:00Z'))).toBe('2026-11-25')
    expect(todayInShanghai(new Date('2026-11-24T15:59:00Z'))).toBe('2026-11-24')
  })
})

describe('RunsPage', () => {
  it('lists runs with duration, trigger and counts per model, and the daily schedule', async () => {
    serveAlerts({ runs: () => [run(), run({ id: 'r2', asOf: '2026-11-19', trigger: 'schedule', durationMs: 61_000, counts: { overdue: { new: 0, total: 3 } } })] })
    renderPage(RunsPage, '/alerts/runs')
    const table = await screen.findByTestId('runs-table', {}, slow)
    const first = (await within(table).findByText('2026-11-20', {}, slow)).closest('tr')!
    expect(first.textContent).toContain('1.25 秒')
    expect(first.textContent).toContain('手动')
    expect(await within(first).findByText('办件超期 新增 2 / 共 5', {}, slow)).toBeTruthy()
    expect(within(first).getByText('审批通过率低 新增 0 / 共 1')).toBeTruthy()
    const second = within(table).getByText('2026-11-19').closest('tr')!
    expect(second.textContent).toContain('61.0 秒')
    expect(second.textContent).toContain('定时')
    expect((await screen.findByTestId('run-schedule', {}, slow)).textContent).toContain('每日 02:00（北京时间）自动运行')
  })

  it('runs now for the picked as-of date and shows the result', async () => {
    const fetchMock = serveAlerts({
      write: (method, pathname) =>
        method === 'POST' && pathname === runs
          ? { status: 200, body: { asOf: '2026-11-18', models: { overdue: { new: 4, total: 9 } }, escalations: { opened: 2, advanced: 1 } } }
          : undefined,
    })
    renderPage(RunsPage, '/alerts/runs')
    await screen.findByTestId('runs-table', {}, slow)
    pickDate('run-as-of', '2026-11-18')
    fireEvent.click(document.querySelector('#run-now')!)
    await waitFor(() => expect(requestsTo(fetchMock, runs, 'POST').map((r) => r.body)).toEqual([{ asOf: '2026-11-18' }]))
    const result = await screen.findByTestId('run-result', {}, slow)
    expect(result.textContent).toContain('新立案 2 件，升级核查 1 件')
    expect(await within(result).findByText('办件超期 新增 4 / 共 9', {}, slow)).toBeTruthy()
    await waitFor(() => expect(requestsTo(fetchMock, runs).length).toBeGreaterThan(1))
  })

  it('says so when another run is under way', async () => {
    serveAlerts({ write: () => ({ status: 409, body: { code: 'ALERTS_STATE', message: '已有一次运行正在进行，请稍后再试' } }) })
    renderPage(RunsPage, '/alerts/runs')
    await screen.findByTestId('runs-table', {}, slow)
    fireEvent.click(document.querySelector('#run-now')!)
    expect((await screen.findByTestId('run-error', {}, slow)).textContent).toContain('已有一次运行正在进行')
  })

  it('warns of stale data before running, and runs only when confirmed', async () => {
    const fetchMock = serveAlerts({
      staleData: () => [freshness[0]],
      write: (method, pathname) =>
        method === 'POST' && pathname === runs
          ? { status: 200, body: { asOf: '2026-11-18', models: { overdue: { new: 1, total: 1 } }, escalations: { opened: 1, advanced: 0 } } }
          : undefined,
    })
    renderPage(RunsPage, '/alerts/runs')
    await screen.findByTestId('runs-table', {}, slow)
    pickDate('run-as-of', '2026-11-18')
    fireEvent.click(document.querySelector('#run-now')!)
    const warning = await screen.findByTestId('run-stale-warning', {}, slow)
    expect(warning.textContent).toContain('办件数据最近一次导入在 10 天前（超过 7 天视为过期），读取它的模型：办件超期、不满意')
    expect(requestsTo(fetchMock, runs, 'POST')).toEqual([])
    fireEvent.click(screen.getByText('仍然运行'))
    await waitFor(() => expect(requestsTo(fetchMock, runs, 'POST').map((r) => r.body)).toEqual([{ asOf: '2026-11-18' }]))
    expect(await screen.findByTestId('run-result', {}, slow)).toBeTruthy()
  })

  it('saves the stale-data setting', async () => {
    const fetchMock = serveAlerts({ write: (method, pathname) => (method === 'PUT' && pathname === '/api/staff/alerts/settings' ? { status: 200, body: { staleDays: 14 } } : undefined) })
    renderPage(RunsPage, '/alerts/runs')
    await waitFor(() => expect(document.querySelector<HTMLInputElement>('#run-stale-days')!.value).toBe('7'), slow)
    fireEvent.change(document.querySelector('#run-stale-days')!, { target: { value: '14' } })
    fireEvent.click(document.querySelector('#run-stale-days-save')!)
    await waitFor(() => expect(requestsTo(fetchMock, '/api/staff/alerts/settings', 'PUT').map((r) => r.body)).toEqual([{ staleDays: 14 }]))
  })
})
