import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { renderApp } from '../../test/render'
import { detail, listItem, reportA, reportB, requestsTo, serveReports } from './fixtures.test-util'

const overdueRow = listItem({
  id: reportB,
  serial: 'JB20261101000009',
  summary: '村级补贴发放不公开',
  status: 'in_progress',
  statusLabel: '办理中',
  confidential: false,
  replyDueOn: '2026-11-20',
  overdue: true,
  replyOverdue: true,
})


/** The bytes of a Blob, whichever Blob it is (jsdom's has no arrayBuffer(); Node's is not readable by jsdom's FileReader). */
function bytesOf(blob: Blob): Promise<Uint8Array> {
  if (typeof blob.arrayBuffer === 'function') return blob.arrayBuffer().then((b) => new Uint8Array(b))
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer))
    reader.onerror = () => reject(reader.error)
    reader.readAsArrayBuffer(blob)
  })
}

describe('ReportsInbox', () => {
  it('lists reports with serials, unit names, counts per status and highlights overdue rows', async () => {
    const fetchMock = serveReports({
      list: () => ({ items: [listItem(), overdueRow], total: 2, counts: { byStatus: { submitted: 1, in_progress: 1 }, overdue: 1 } }),
    })
    renderApp('/reports', { loggedIn: true })
    const table = await screen.findByTestId('reports-table', {}, { timeout: 8000 })
    const normal = (await within(table).findByText('JB20261124000001', {}, { timeout: 8000 })).closest('tr')!
    const late = within(table).getByText('JB20261101000009').closest('tr')!
    expect(late.className).toContain('report-row-overdue')
    expect(within(late).getByTestId('overdue-tag').textContent).toBe('超期')
    expect(normal.className).not.toContain('report-row-overdue')
    expect(within(normal).queryByTestId('overdue-tag')).toBeNull()
    expect(await within(normal).findByText('城关镇人民政府 / 王某')).toBeTruthy()
    expect(screen.getByTestId('reports-overdue-count').textContent).toContain('超期 1 件')
    expect(screen.getByText('共 2 件')).toBeTruthy()
    expect(requestsTo(fetchMock, '/api/staff/reports')[0].query).toEqual({ page: '1', pageSize: '20' })
  })

  it('sends the filters from the address and the overdue switch to the server', async () => {
    const fetchMock = serveReports()
    renderApp('/reports?status=submitted&q=手机&page=2', { loggedIn: true })
    await screen.findByText('JB20261124000001', {}, { timeout: 8000 })
    expect(requestsTo(fetchMock, '/api/staff/reports')[0].query).toEqual({ status: 'submitted', q: '手机', page: '2', pageSize: '20' })
    fireEvent.click(document.querySelector('#reports-overdue-only')!)
    await waitFor(() =>
      expect(requestsTo(fetchMock, '/api/staff/reports').at(-1)?.query).toEqual({ status: 'submitted', q: '手机', overdue: 'true', page: '1', pageSize: '20' }),
    )
  })

  it('filters by a typed 被反映单位 name', async () => {
    const fetchMock = serveReports()
    renderApp('/reports', { loggedIn: true })
    await screen.findByText('JB20261124000001', {}, { timeout: 8000 })
    fireEvent.change(document.querySelector('#reports-reported-unit-filter')!, { target: { value: ' 卫生院 ' } })
    fireEvent.click(document.querySelector('#reports-search-submit')!)
    await waitFor(() => expect(requestsTo(fetchMock, '/api/staff/reports').at(-1)?.query).toEqual({ reportedUnit: '卫生院', page: '1', pageSize: '20' }))
  })

  it('opens the detail page when a row is clicked', async () => {
    serveReports({ detail: () => detail({ id: reportA }) })
    renderApp('/reports', { loggedIn: true })
    fireEvent.click(await screen.findByText('窗口工作人员上班时间玩手机，群众排队无人办理', {}, { timeout: 8000 }))
    expect((await screen.findByTestId('report-status', {}, { timeout: 8000 })).textContent).toBe('已提交')
  })

  it('导出 Excel downloads the current filters (all pages) with the token, and shows a refusal', async () => {
    const api = serveReports()
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])
    let refuse = false
    const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      if (new URL(String(input), 'http://localhost').pathname !== '/api/staff/reports/export.xlsx') return api(input, init)
      if (refuse) return new Response(JSON.stringify({ code: 'EXPORT_TOO_LARGE', message: '符合条件的举报超过 50000 条，请缩小筛选范围后再导出' }), { status: 400 })
      return new Response(xlsx, {
        status: 200,
        headers: {
          'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'Content-Disposition': `attachment; filename="x.xlsx"; filename*=UTF-8''${encodeURIComponent('举报线索_20261124.xlsx')}`,
        },
      })
    })
    vi.stubGlobal('fetch', fetchMock)
    const blobs: Blob[] = []
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob)
      return 'blob:report-export'
    })
    URL.revokeObjectURL = vi.fn()
    const downloads: { href: string; download: string }[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push({ href: this.href, download: this.download })
    })

    renderApp('/reports?status=replied&category=style&overdue=true&from=2026-11-01&to=2026-11-30&page=3', { loggedIn: true })
    await screen.findByText('JB20261124000001', {}, { timeout: 8000 })
    fireEvent.click(document.querySelector('#reports-export')!)
    await waitFor(() => expect(downloads).toHaveLength(1))
    expect(downloads[0]).toEqual({ href: 'blob:report-export', download: '举报线索_20261124.xlsx' })
    expect(await bytesOf(blobs[0])).toEqual(new Uint8Array(xlsx))
    const calls = fetchMock.mock.calls.filter(([input]) => String(input).includes('export.xlsx'))
    expect(calls).toHaveLength(1)
    const [input, init] = calls[0]
    expect(Object.fromEntries(new URL(String(input), 'http://localhost').searchParams)).toEqual({
      status: 'replied',
      category: 'style',
      overdue: 'true',
      from: '2026-11-01',
      to: '2026-11-30',
    })
    expect((init?.headers as Record<string, string>).Authorization).toMatch(/^Bearer /)
    expect(await screen.findByText('已导出 举报线索_20261124.xlsx')).toBeTruthy()

    refuse = true
    fireEvent.click(document.querySelector('#reports-export')!)
    expect(await screen.findByText('导出失败：符合条件的举报超过 50000 条，请缩小筛选范围后再导出')).toBeTruthy()
    expect(downloads).toHaveLength(1)
  })
})
