import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { renderPage, serveAlerts } from './fixtures.test-util'
import ImportsPage, { checkImportFile } from './ImportsPage'

const slow = { timeout: 8000 }

/**
 * Stands in for the browser's XMLHttpRequest: records what was sent and lets the test play the upload (progress
 * events) and the server's answer, which no real network in jsdom can.
 */
class FakeXhr {
  static last?: FakeXhr
  method = ''
  url = ''
  headers: Record<string, string> = {}
  body?: FormData
  status = 0
  responseText = ''
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null }
  onload: (() => void) | null = null
  onerror: (() => void) | null = null
  onabort: (() => void) | null = null
  constructor() {
    FakeXhr.last = this
  }
  open(method: string, url: string) {
    this.method = method
    this.url = url
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value
  }
  send(body: FormData) {
    this.body = body
  }
  abort() {
    this.onabort?.()
  }
  progress(loaded: number, total: number) {
    act(() => this.upload.onprogress?.({ lengthComputable: true, loaded, total }))
  }
  respond(status: number, body: unknown) {
    this.status = status
    this.responseText = JSON.stringify(body)
    act(() => this.onload?.())
  }
}

function chooseFile(file: File) {
  fireEvent.change(document.querySelector('#import-file')!, { target: { files: [file] } })
}

const csv = (name = '办件.csv', size = 1000) => new File(['x'.repeat(size)], name, { type: 'text/csv' })

describe('checkImportFile', () => {
  it('accepts CSV and XLSX and explains anything else in Chinese', () => {
    expect(checkImportFile(csv('a.CSV'))).toBeUndefined()
    expect(checkImportFile(csv('a.xlsx'))).toBeUndefined()
    expect(checkImportFile(csv('a.xls'))).toContain('另存为 .xlsx')
    expect(checkImportFile(csv('a.pdf'))).toBe('请选择 CSV 或 XLSX 文件')
    expect(checkImportFile(csv('a.csv', 0))).toBe('文件是空的')
  })
})

describe('ImportsPage', () => {
  it('uploads with the token, shows the percentage, then the cleaning report with the rejected rows', async () => {
    serveAlerts()
    vi.stubGlobal('XMLHttpRequest', FakeXhr)
    renderPage(ImportsPage, '/alerts/imports')
    await screen.findByText('点击或拖拽办件数据文件到此处', {}, slow)
    const start = document.querySelector<HTMLButtonElement>('#import-start')!
    expect(start.disabled).toBe(true)
    chooseFile(csv())
    expect((await screen.findByTestId('import-file-name', {}, slow)).textContent).toContain('办件.csv')
    await waitFor(() => expect(start.disabled).toBe(false))
    fireEvent.click(start)

    const xhr = FakeXhr.last!
    expect(xhr.method).toBe('POST')
    expect(xhr.url).toBe('/api/staff/alerts/imports/service-cases')
    expect(xhr.headers.Authorization).toBe('Bearer test-token')
    expect((xhr.body!.get('file') as File).name).toBe('办件.csv')

    xhr.progress(420, 1000)
    expect(screen.getByTestId('import-phase').textContent).toBe('正在上传 42%')
    expect(screen.getByTestId('import-progress').textContent).toContain('42%')
    xhr.progress(1000, 1000)
    expect(screen.getByTestId('import-phase').textContent).toContain('上传完成，正在清洗并入库')

    xhr.respond(200, {
      imported: 120,
      updated: 3,
      unchanged: 7,
      rejected: 2,
      errors: [
        { line: 5, field: 'applicant_id', reason: '证件号码校验位错误' },
        { line: 9, field: 'finished_at', reason: '办结时间早于受理时间' },
      ],
    })
    const report = await screen.findByTestId('import-report', {}, slow)
    expect(within(report).getByTestId('import-imported').textContent).toContain('120')
    expect(within(report).getByTestId('import-updated').textContent).toContain('3')
    expect(within(report).getByTestId('import-unchanged').textContent).toContain('7')
    expect(within(report).getByTestId('import-rejected').textContent).toContain('2')
    const rows = within(report).getByTestId('import-rejections').querySelectorAll('tbody tr')
    expect([...rows].map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent))).toEqual([
      ['5', '申请人证件号码（applicant_id）', '证件号码校验位错误'],
      ['9', '办结时间（finished_at）', '办结时间早于受理时间'],
    ])
    expect(screen.queryByTestId('import-progress')).toBeNull()
  })

  it('shows why a file could not be read, nothing stored', async () => {
    serveAlerts()
    vi.stubGlobal('XMLHttpRequest', FakeXhr)
    renderPage(ImportsPage, '/alerts/imports')
    await screen.findByText('点击或拖拽办件数据文件到此处', {}, slow)
    chooseFile(csv('bad.csv'))
    await waitFor(() => expect(document.querySelector<HTMLButtonElement>('#import-start')!.disabled).toBe(false))
    fireEvent.click(document.querySelector('#import-start')!)
    FakeXhr.last!.respond(422, { code: 'IMPORT_UNREADABLE', message: '导入失败，未写入任何数据: 缺少必填列 case_no（办件编号）' })
    expect((await screen.findByTestId('import-error', {}, slow)).textContent).toContain('缺少必填列 case_no')
    expect(screen.queryByTestId('import-report')).toBeNull()
  })

  it('refuses an old .xls before sending anything', async () => {
    serveAlerts()
    vi.stubGlobal('XMLHttpRequest', FakeXhr)
    FakeXhr.last = undefined
    renderPage(ImportsPage, '/alerts/imports')
    await screen.findByText('点击或拖拽办件数据文件到此处', {}, slow)
    chooseFile(csv('old.xls'))
    expect((await screen.findByTestId('import-error', {}, slow)).textContent).toContain('不支持旧版 .xls')
    expect(document.querySelector<HTMLButtonElement>('#import-start')!.disabled).toBe(true)
    expect(FakeXhr.last).toBeUndefined()
  })
})
