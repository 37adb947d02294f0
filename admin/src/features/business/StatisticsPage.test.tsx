import { screen, waitFor, within, fireEvent } from '@testing-library/react'
import { setPlatformAPI } from 'echarts/core'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { renderApp } from '../../test/render'
import { pointA, requestsTo, serveBusiness, stats } from './fixtures.test-util'

const slow = { timeout: 20_000 }

describe('营商环境统计分析', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    // jsdom has no canvas, which zrender uses to measure label text; an estimate is enough where nothing is laid out.
    setPlatformAPI({ measureText: (text = '', font) => ({ width: text.length * (parseInt(String(font ?? ''), 10) || 12) }) })
    await import('./StatisticsPage')
  }, 60_000)

  it('shows the summary and one chart per table for the period in the address', async () => {
    const fetchMock = serveBusiness((url) => (url.pathname === '/api/staff/business/stats' ? { status: 200, body: stats } : undefined))
    renderApp(`/business/statistics?from=2026-10-01&to=2026-11-30&monitoringPointId=${pointA}`, { loggedIn: true })
    const summary = await screen.findByTestId('stats-summary', {}, slow)
    expect(within(summary).getByText('75.0%')).toBeTruthy()
    expect(within(summary).getByText('100.0%')).toBeTruthy()
    expect(requestsTo(fetchMock, '/api/staff/business/stats')[0].query).toEqual({ from: '2026-10-01', to: '2026-11-30', monitoringPointId: pointA })
    for (const id of ['monthly', 'point-month', 'unit-month', 'units', 'on-time', 'complaints', 'ranking']) {
      expect(screen.getByTestId(`stats-chart-${id}`)).toBeTruthy()
    }
    // the SVG renderer draws even in jsdom: the ranking bars carry the percent labels built by rankingOption
    await waitFor(() => expect(screen.getByTestId('stats-chart-ranking').querySelector('svg')?.textContent).toContain('66.7%'))
    expect(within(screen.getByTestId('stats-table-ranking')).getByText('66.7%')).toBeTruthy()
  })

  it('downloads a table as XLSX with the token and the same filters', async () => {
    const fetchMock = serveBusiness((url) => {
      if (url.pathname === '/api/staff/business/stats') return { status: 200, body: stats }
      if (url.pathname === '/api/staff/business/stats/export') {
        return { status: 200, body: 'xlsx', headers: { 'Content-Disposition': "attachment; filename*=UTF-8''%E5%8D%95%E4%BD%8D%E6%8E%92%E5%90%8D.xlsx" } }
      }
      return undefined
    })
    const createObjectURL = vi.fn((_blob: Blob) => 'blob:stats-export')
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() })
    const clicks: string[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download)
    })
    renderApp('/business/statistics?from=2026-10-01&to=2026-11-30', { loggedIn: true })
    fireEvent.click(await screen.findByTestId('stats-export-ranking', {}, slow))
    await waitFor(() => expect(clicks).toEqual(['单位排名.xlsx']))
    const [download] = requestsTo(fetchMock, '/api/staff/business/stats/export')
    expect(download.query).toEqual({ from: '2026-10-01', to: '2026-11-30', table: 'ranking' })
    expect(download.headers.Authorization).toBe('Bearer test-token')
    expect(createObjectURL).toHaveBeenCalledTimes(1)
  })

  it('says when the period has no data, and shows a server refusal of the period', async () => {
    serveBusiness((url) =>
      url.pathname === '/api/staff/business/stats'
        ? { status: 400, body: { code: 'VALIDATION_FAILED', message: '结束日期不能早于开始日期', issues: [{ path: 'to', code: 'custom', message: '结束日期不能早于开始日期' }] } }
        : undefined,
    )
    renderApp('/business/statistics', { loggedIn: true })
    expect((await screen.findByTestId('stats-error', {}, slow)).textContent).toContain('结束日期不能早于开始日期')
  })
})
