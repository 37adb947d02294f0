import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { ImportResult } from './api'
import { cleaningReportCsv, faultRows } from './FileImport'
import { renderPage, serveAlerts } from './fixtures.test-util'
import ImportsPage from './ImportsPage'

const slow = { timeout: 8000 }

/** The upload's XMLHttpRequest, answered at once with `body` (the progress is ImportsPage.test's concern). */
function answerUploadsWith(body: unknown) {
  class InstantXhr {
    status = 200
    responseText = JSON.stringify(body)
    upload = { onprogress: null }
    onload: (() => void) | null = null
    onerror = null
    onabort = null
    open() {}
    setRequestHeader() {}
    send() {
      setTimeout(() => act(() => this.onload?.()), 0)
    }
    abort() {}
  }
  vi.stubGlobal('XMLHttpRequest', InstantXhr)
}

const report: ImportResult = {
  imported: 8,
  updated: 0,
  unchanged: 0,
  rejected: 1,
  errors: [
    {
      line: 3,
      field: 'applicant_id',
      reason: '身份证号码校验位错误',
      otherFaults: [
        { field: 'promised_days', reason: '承诺时限应为大于等于 0 的整数: -1' },
        { field: 'rating', reason: '评价应为 1-5: 7' },
      ],
    },
  ],
  duplicates: 1,
  unknownUnits: 1,
  notices: [
    { kind: 'duplicate', line: 2, field: 'case_no', reason: '办件编号 R1 在文件中出现 2 次（第 2、5 行），已按第 5 行导入', lines: [2, 5] },
    { kind: 'unknown_unit', line: 4, field: 'unit_code', reason: '部门编码 NOPE 不在单位目录中' },
  ],
}

describe('the cleaning report', () => {
  it('lists every fault of a rejected row and what was imported but needs a look', async () => {
    serveAlerts()
    answerUploadsWith(report)
    renderPage(ImportsPage, '/alerts/imports')
    await screen.findByText('点击或拖拽办件数据文件到此处', {}, slow)
    fireEvent.change(document.querySelector('#import-file')!, { target: { files: [new File(['x'], '办件.csv', { type: 'text/csv' })] } })
    await waitFor(() => expect(document.querySelector<HTMLButtonElement>('#import-start')!.disabled).toBe(false))
    fireEvent.click(document.querySelector('#import-start')!)
    const shown = await screen.findByTestId('import-report', {}, slow)
    const cells = (id: string) => [...within(shown).getByTestId(id).querySelectorAll('tbody tr')].map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent))
    expect(cells('import-rejections')).toEqual([
      ['3', '申请人证件号码（applicant_id）', '身份证号码校验位错误'],
      ['3', '承诺时限（promised_days）', '承诺时限应为大于等于 0 的整数: -1'],
      ['3', '评价（rating）', '评价应为 1-5: 7'],
    ])
    expect(within(shown).getByText('拒收 1 行，共 3 处问题')).toBeTruthy()
    expect(cells('import-notices')).toEqual([
      ['文件内重复', '2', '办件编号（case_no）', '办件编号 R1 在文件中出现 2 次（第 2、5 行），已按第 5 行导入'],
      ['未知部门编码', '4', '部门编码（unit_code）', '部门编码 NOPE 不在单位目录中'],
    ])
    expect(within(shown).getByTestId('import-duplicates').textContent).toContain('1')
    expect(within(shown).getByTestId('import-unknown-units').textContent).toContain('1')
    // saved through the admin's one download helper: the CSV as a blob under its Chinese name
    const saved: Blob[] = []
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: (blob: Blob) => (saved.push(blob), 'blob:report'), revokeObjectURL: () => undefined }))
    const names: string[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download)
    })
    fireEvent.click(document.querySelector('#import-report-download')!)
    expect(names).toEqual(['清洗报告.csv'])
    expect(saved[0].type).toBe('text/csv;charset=utf-8')
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader()
      // bytes, not readAsText: that would drop the BOM Excel needs
      reader.onload = () => resolve(new TextDecoder('utf-8', { ignoreBOM: true }).decode(reader.result as ArrayBuffer))
      reader.readAsArrayBuffer(saved[0])
    })
    expect(text).toBe(cleaningReportCsv(report, (f) => ({ applicant_id: '申请人证件号码（applicant_id）', promised_days: '承诺时限（promised_days）', rating: '评价（rating）', case_no: '办件编号（case_no）', unit_code: '部门编码（unit_code）' })[f] ?? f))
  })

  it('downloads as CSV with every fault and notice', () => {
    expect(faultRows(report)).toHaveLength(3)
    const csv = cleaningReportCsv(report, (f) => f)
    expect(csv.startsWith('\ufeff类别,行号,字段,原因\r\n')).toBe(true)
    expect(csv.split('\r\n').slice(1, -1)).toEqual([
      '拒收,3,applicant_id,身份证号码校验位错误',
      '拒收,3,promised_days,承诺时限应为大于等于 0 的整数: -1',
      '拒收,3,rating,评价应为 1-5: 7',
      '文件内重复,2,case_no,办件编号 R1 在文件中出现 2 次（第 2、5 行），已按第 5 行导入',
      '未知部门编码,4,unit_code,部门编码 NOPE 不在单位目录中',
    ])
  })
})

describe('templates', () => {
  it('are fetched with the token in the format asked, beside each import', { timeout: 60_000 }, async () => {
    const api = serveAlerts()
    const asked: string[] = []
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = new URL(String(input), 'http://localhost')
      if (!url.pathname.endsWith('/template')) return api(input, init)
      asked.push(`${url.pathname}?${url.searchParams} ${(init.headers as Record<string, string>).Authorization}`)
      return new Response('\ufeff办件编号\r\n', { status: 200, headers: { 'Content-Disposition': "attachment; filename*=UTF-8''x.csv" } })
    })
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:template', revokeObjectURL: () => undefined }))
    const names: string[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download)
    })
    renderPage(ImportsPage, '/alerts/imports')
    fireEvent.click(await screen.findByText('下载模板（CSV）', {}, slow))
    await waitFor(() => expect(asked).toEqual(['/api/staff/alerts/imports/service-cases/template?format=csv Bearer test-token']))
    // the name the server gave the file
    await waitFor(() => expect(names).toEqual(['x.csv']))

    fireEvent.click(await screen.findByText('数据集（数据碰撞）', {}, slow))
    await within(await screen.findByTestId('datasets-table', {}, slow)).findByText('残疾证', {}, slow)
    fireEvent.click(document.querySelector('#dataset-disability_certs-import')!)
    fireEvent.click(await within(await screen.findByTestId('dataset-import-panel', {}, slow)).findByText('下载模板（XLSX）'))
    await waitFor(() => expect(asked[1]).toBe('/api/staff/alerts/datasets/disability_certs/template?format=xlsx Bearer test-token'))
  })
})
