import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { renderPage, requestsTo, serveAlerts } from './fixtures.test-util'
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

describe('ImportsPage · data sets', () => {
  async function openDatasets() {
    fireEvent.click(await screen.findByText('数据集（数据碰撞）', {}, slow))
    return screen.findByTestId('datasets-table', {}, slow)
  }

  it('imports a file into a declared data set, naming rejected fields by the set’s own headers', { timeout: 60_000 }, async () => {
    serveAlerts()
    vi.stubGlobal('XMLHttpRequest', FakeXhr)
    renderPage(ImportsPage, '/alerts/imports')
    const table = await openDatasets()
    expect((await within(table).findByText('残疾证', {}, slow)).closest('tr')!.textContent).toContain('12')
    fireEvent.click(document.querySelector('#dataset-disability_certs-import')!)
    await screen.findByTestId('dataset-import-panel', {}, slow)
    fireEvent.change(document.querySelector('#dataset-import-file')!, { target: { files: [csv('残疾证.xlsx')] } })
    await waitFor(() => expect(document.querySelector<HTMLButtonElement>('#dataset-import-start')!.disabled).toBe(false))
    fireEvent.click(document.querySelector('#dataset-import-start')!)
    const xhr = FakeXhr.last!
    expect(xhr.url).toBe('/api/staff/alerts/datasets/disability_certs/import')
    xhr.progress(500, 1000)
    expect(screen.getByTestId('dataset-import-phase').textContent).toBe('正在上传 50%')
    xhr.respond(200, { imported: 10, updated: 0, unchanged: 0, rejected: 1, errors: [{ line: 4, field: 'level', reason: '应为整数' }] })
    const rows = (await screen.findByTestId('dataset-import-rejections', {}, slow)).querySelectorAll('tbody tr')
    expect([...rows[0].querySelectorAll('td')].map((td) => td.textContent)).toEqual(['4', '残疾等级（level）', '应为整数'])
  })

  it('shows the rows imported into a data set, page by page, under its headers', { timeout: 60_000 }, async () => {
    const fetchMock = serveAlerts()
    renderPage(ImportsPage, '/alerts/imports')
    const table = await openDatasets()
    await within(table).findByText('残疾证', {}, slow)
    fireEvent.click(document.querySelector('#dataset-disability_certs-rows')!)
    const drawer = await screen.findByTestId('dataset-rows', {}, slow)
    const row = (await within(drawer).findByText('110101********4514', {}, slow)).closest('tr')!
    expect([...row.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['110101********4514', '2'])
    expect(within(drawer).getByText('残疾等级', { selector: 'th' })).toBeTruthy()
    expect(within(drawer).getByText('共 21 行')).toBeTruthy()
    expect(requestsTo(fetchMock, '/api/staff/alerts/datasets/disability_certs/rows')[0].query).toEqual({ page: '1', pageSize: '20' })
    // revealing ID numbers is a supervisor's, not an administrator's
    expect(document.querySelector('#dataset-rows-reveal')).toBeNull()
  })

  it('shows a supervisor the page in full on request', { timeout: 60_000 }, async () => {
    const fetchMock = serveAlerts({
      user: { role: 'supervisor' },
      write: (method, pathname) =>
        method === 'POST' && pathname === '/api/staff/alerts/datasets/disability_certs/rows/reveal'
          ? { status: 200, body: { items: [{ key: '110101199003074514', residentId: '110101199003074514', values: { id_no: '110101199003074514', level: '2' } }], total: 21 } }
          : undefined,
    })
    renderPage(ImportsPage, '/alerts/imports')
    const table = await openDatasets()
    await within(table).findByText('残疾证', {}, slow)
    fireEvent.click(document.querySelector('#dataset-disability_certs-rows')!)
    const drawer = await screen.findByTestId('dataset-rows', {}, slow)
    await within(drawer).findByText('110101********4514', {}, slow)
    fireEvent.click(document.querySelector('#dataset-rows-reveal')!)
    expect(await within(drawer).findByText('110101199003074514', {}, slow)).toBeTruthy()
    expect(requestsTo(fetchMock, '/api/staff/alerts/datasets/disability_certs/rows/reveal', 'POST')[0].query).toEqual({ page: '1', pageSize: '20' })
  })

  it('declares a data set, with the shared rules checked before sending', { timeout: 60_000 }, async () => {
    const fetchMock = serveAlerts({
      write: (method, pathname, body) =>
        method === 'PUT' && pathname === '/api/staff/alerts/datasets/land_register'
          ? { status: 200, body: { name: 'land_register', ...(body as object), rowCount: 0, updatedAt: '2026-11-24T12:00:00.000Z' } }
          : undefined,
    })
    renderPage(ImportsPage, '/alerts/imports')
    await openDatasets()
    fireEvent.click(document.querySelector('#dataset-create')!)
    await waitFor(() => expect(document.querySelector('#dataset-form_name')).toBeTruthy(), slow)
    const type = (id: string, value: string) => fireEvent.change(document.querySelector(`#${id}`)!, { target: { value } })
    type('dataset-form_name', 'land_register')
    type('dataset-form_label', '土地承包登记')
    type('dataset-form_columns_0_name', 'id_no')
    type('dataset-form_columns_0_label', '身份证号码')
    fireEvent.click(document.querySelector('#dataset-add-column')!)
    await waitFor(() => expect(document.querySelector('#dataset-form_columns_1_name')).toBeTruthy(), slow)
    type('dataset-form_columns_1_name', 'id_no')
    type('dataset-form_columns_1_label', '登记面积')
    fireEvent.mouseDown(document.querySelector('#dataset-form_keyColumn')!.closest('.ant-select-selector')!)
    fireEvent.click((await screen.findAllByTitle('身份证号码（id_no）', {}, slow)).at(-1)!)
    fireEvent.click(document.querySelector('#dataset-save')!)
    expect(await screen.findByText('列名 id_no 重复', {}, slow)).toBeTruthy()
    expect(requestsTo(fetchMock, '/api/staff/alerts/datasets/land_register', 'PUT')).toEqual([])

    type('dataset-form_columns_1_name', 'area')
    fireEvent.mouseDown(document.querySelector('#dataset-form_columns_1_type')!.closest('.ant-select-selector')!)
    fireEvent.click((await screen.findAllByTitle('小数', {}, slow)).at(-1)!)
    fireEvent.click(document.querySelector('#dataset-save')!)
    await waitFor(() =>
      expect(requestsTo(fetchMock, '/api/staff/alerts/datasets/land_register', 'PUT').map((r) => r.body)).toEqual([
        {
          label: '土地承包登记',
          columns: [
            { name: 'id_no', label: '身份证号码', type: 'text', required: true },
            { name: 'area', label: '登记面积', type: 'decimal', required: false },
          ],
          keyColumn: 'id_no',
          residentIdColumn: null,
        },
      ]),
    )
  })

  it('keeps every import with its file, counts and rejected rows, and dates each source', { timeout: 60_000 }, async () => {
    const fetchMock = serveAlerts()
    renderPage(ImportsPage, '/alerts/imports')
    fireEvent.click(await screen.findByText('导入记录', {}, slow))
    const fresh = await screen.findByTestId('data-freshness', {}, slow)
    const cases = (await within(fresh).findByText('办件数据', {}, slow)).closest('tr')!
    expect(cases.textContent).toContain('已过期（10 天前）')
    expect(cases.textContent).toContain('办件超期、不满意')
    expect(within(fresh).getByText('村干部').closest('tr')!.textContent).toContain('从未导入')
    const history = await screen.findByTestId('import-history', {}, slow)
    const row = (await within(history).findByText(/十一月办件\.csv/, {}, slow)).closest('tr')!
    expect(row.textContent).toContain('部分拒绝')
    expect(row.textContent).toContain('系统管理员')
    expect(row.textContent).toContain('abababababab')
    fireEvent.click(within(row).getByRole('button'))
    expect(await within(history).findByText('证件号码校验位错误', {}, slow)).toBeTruthy()
    expect(within(history).getByText('申请人证件号码（applicant_id）')).toBeTruthy()
    // what was imported but wanted a look: counts of the whole file, the sample kept
    expect(row.textContent).toContain('重复 1 · 未知编码 30')
    const notices = within(history).getByTestId('import-history-notices')
    expect(within(notices).getByText('未拒收但需核对：文件内重复 1 个编号、未知部门编码 30 行；以下为其中 2 条（每类按行号取前 20 条）')).toBeTruthy()
    expect([...notices.querySelectorAll('tbody tr.ant-table-row')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent))).toEqual([
      ['文件内重复', '3', '办件编号（case_no）', '办件编号 BJ1 在文件中出现 2 次（第 3、9 行），已按第 9 行导入'],
      ['未知部门编码', '4', '部门编码（unit_code）', '部门编码 XX 不在单位目录中'],
    ])
    expect(requestsTo(fetchMock, '/api/staff/alerts/imports')[0].query).toEqual({ page: '1', pageSize: '20' })
  })
})
