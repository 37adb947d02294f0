import type { StatisticsResponse } from '@msjd/shared'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { setPlatformAPI } from 'echarts/core'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { mockServer } from '../../test/http'
import { demoUser, renderApp } from '../../test/render'

const rate = (numerator: number, denominator: number) => ({ numerator, denominator, rate: denominator ? numerator / denominator : null })
const stats: StatisticsResponse = {
  period: { from: '2026-11-01', to: '2026-11-30' },
  previousPeriod: { from: '2026-10-02', to: '2026-10-31' },
  totals: { submitted: 4, previous: 1 },
  status: [{ key: 'accepted', label: '已受理', count: 1, previous: 0 }],
  category: [{ key: 'cat_a', label: '作风问题', count: 2, previous: 1 }],
  channel: [{ key: 'phone', label: '来电', count: 2, previous: 0 }],
  unit: [{ key: 'u1', label: '县民政局', count: 2, previous: 0 }],
  township: [{ key: '', label: '县直及其他', count: 3, previous: 0 }],
  month: [{ key: '2026-11', label: '2026-11', count: 4, previous: 1 }],
  rates: {
    current: { acceptOnTime: rate(4, 4), replyOnTime: rate(1, 3), overdue: rate(2, 4), satisfaction: rate(1, 2), reopen: rate(1, 2), extended: rate(1, 3) },
    previous: { acceptOnTime: rate(0, 1), replyOnTime: rate(0, 0), overdue: rate(1, 1), satisfaction: rate(0, 0), reopen: rate(0, 0), extended: rate(0, 0) },
  },
  warnings: [{ model: 'overdue', modelTitle: '办件超期', stage: 'urge', stageLabel: '督办', count: 2, previous: 1 }],
  verification: [
    {
      model: 'overdue', modelTitle: '办件超期',
      warningConfirmed: 1, warningClosed: 4, warningUnrecorded: 2, warningRate: 0.25, warningPreviousRate: null,
      confirmed: 2, unfounded: 1, rate: 2 / 3, previousRate: null,
    },
  ],
  accountability: { current: { cases: 2, people: 3, moneyRecovered: '1334.50' }, previous: { cases: 1, people: 1, moneyRecovered: '50.00' } },
}

describe('统计分析', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    // jsdom has no canvas, which zrender uses to measure label text; an estimate is enough where nothing is laid out.
    setPlatformAPI({ measureText: (text = '', font) => ({ width: text.length * (parseInt(String(font ?? ''), 10) || 12) }) })
    await import('./StatisticsPage')
  }, 60_000)

  it('shows the figures of the period in the address against the previous period, a chart and a table per breakdown', async () => {
    const fetchMock = mockServer(({ pathname }) => {
      if (pathname === '/api/staff/auth/me') return { status: 200, body: { user: demoUser } }
      if (pathname === '/api/staff/statistics') return { status: 200, body: stats }
      return { status: 404, body: { code: 'NOT_FOUND', message: '不存在' } }
    })
    renderApp('/statistics?from=2026-11-01&to=2026-11-30', { loggedIn: true })
    const summary = await screen.findByTestId('statistics-summary', {}, { timeout: 20_000 })
    expect(within(summary).getByTestId('statistics-rate-replyOnTime').textContent).toContain('33.3%')
    expect(summary.textContent).toContain('较上期 +3')
    expect(summary.textContent).toContain('较上期 +100.0 个百分点')
    expect(screen.getByTestId('statistics-previous-period').textContent).toContain('2026-10-02 至 2026-10-31')
    for (const table of ['status', 'channel', 'month', 'category', 'township', 'unit', 'warnings', 'verification']) {
      expect(screen.getByTestId(`statistics-section-${table}`)).toBeTruthy()
    }
    const verification = screen.getByTestId('statistics-table-verification')
    expect(within(verification).getByText('预警查实率')).toBeTruthy()
    expect(within(verification).getByText('25.0%（1/4）')).toBeTruthy()
    expect(within(verification).getByText('核查查实率')).toBeTruthy()
    expect(within(verification).getByText('66.7%（2/3）')).toBeTruthy()
    expect(screen.getByTestId('statistics-accountability').textContent).toContain('1,334.50')
    const asked = fetchMock.mock.calls.map(([input]) => new URL(String(input), 'http://localhost')).find((u) => u.pathname === '/api/staff/statistics')
    expect(Object.fromEntries(asked!.searchParams)).toEqual({ from: '2026-11-01', to: '2026-11-30' })
    await waitFor(() => expect(screen.getByTestId('statistics-chart-channel').querySelector('svg')?.textContent).toContain('来电'))
  })

  it('downloads a table as XLSX for the same period', async () => {
    const fetchMock = mockServer(({ pathname }) => {
      if (pathname === '/api/staff/auth/me') return { status: 200, body: { user: demoUser } }
      if (pathname === '/api/staff/statistics') return { status: 200, body: stats }
      if (pathname === '/api/staff/statistics/export') return { status: 200, body: 'xlsx' }
      return { status: 404, body: { code: 'NOT_FOUND', message: '不存在' } }
    })
    Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:x'), revokeObjectURL: vi.fn() })
    renderApp('/statistics?from=2026-11-01&to=2026-11-30', { loggedIn: true })
    fireEvent.click(await screen.findByTestId('statistics-export-channel', {}, { timeout: 20_000 }))
    await waitFor(() => {
      const u = fetchMock.mock.calls.map(([input]) => new URL(String(input), 'http://localhost')).find((x) => x.pathname === '/api/staff/statistics/export')
      expect(u && Object.fromEntries(u.searchParams)).toEqual({ from: '2026-11-01', to: '2026-11-30', table: 'channel' })
    })
  })
})
