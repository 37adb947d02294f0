import type { StaffUser } from '@msjd/shared/auth'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { mockServer } from '../../test/http'
import { renderApp } from '../../test/render'
import { renderFeature, staffUser } from '../surveys/page.test-util'
import type { RectificationTask } from './api'
import RectificationPage from './RectificationPage'
import { taskActions } from './shared'

const slow = { timeout: 8000 }
const unitA = '11111111-1111-4111-8111-111111111111'
const taskA = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa'
const taskB = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb'
const evidenceA = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc'

function task(overrides: Partial<RectificationTask> = {}): RectificationTask {
  return {
    id: taskA,
    sourceKind: 'notice',
    sourceId: null,
    unitId: unitA,
    unitName: '城关镇人民政府',
    inspectedUnitId: null,
    notice: null,
    urgeNotice: null,
    title: '便民服务中心窗口纪律整改',
    requirement: '立即整改窗口工作人员上班玩手机问题，建立考勤制度。',
    deadlineDays: 10,
    issuedOn: '2026-11-10',
    dueOn: '2026-11-24',
    status: 'pending',
    overdue: false,
    incomplete: false,
    incompleteNote: null,
    submittedAt: null,
    reviewedAt: null,
    reviewNote: null,
    returnCount: 0,
    evidence: [],
    ...overrides,
  }
}

const evidence = { id: evidenceA, fileName: '整改前后对比.jpg', contentType: 'image/jpeg', size: 204800, note: '窗口整改后照片', createdAt: '2026-11-20T02:00:00.000Z' }

interface Call {
  method: string
  path: string
  search: string
  body?: unknown
}

function serve(user: Partial<StaffUser>, detail: () => RectificationTask, answer: (path: string, body: unknown) => RectificationTask | undefined = () => undefined) {
  const calls: Call[] = []
  mockServer(({ pathname, search }, init) => {
    const method = init.method ?? 'GET'
    const body = init.body instanceof FormData ? init.body : init.body ? JSON.parse(String(init.body)) : undefined
    calls.push({ method, path: pathname, search, body })
    if (pathname === '/api/staff/auth/me') return { status: 200, body: { user: staffUser(user) } }
    if (pathname === '/api/staff/rectifications') {
      const items = [
        task({ overdue: true, status: 'returned', returnCount: 1 }),
        task({ id: taskB, sourceKind: 'warning', title: '办件超期整改', status: 'accepted', incomplete: true, incompleteNote: '验收后再次出现同类预警', dueOn: '2026-12-08' }),
      ]
      return { status: 200, body: { items, total: 2, page: 1, pageSize: 20, overdueCount: 1 } }
    }
    if (pathname === `/api/staff/rectifications/${taskA}/evidence/${evidenceA}`) return { status: 200, body: { url: 'https://oss.example/evidence.jpg?sig=1' } }
    if (pathname === `/api/staff/rectifications/${taskA}` && method === 'GET') return { status: 200, body: detail() }
    if (method === 'POST') {
      const next = answer(pathname, body)
      if (next) return { status: pathname.endsWith('/evidence') ? 201 : 200, body: next }
    }
    return { status: 404, body: { code: 'NOT_FOUND', message: '接口不存在' } }
  })
  return calls
}

const posts = (calls: Call[]) => calls.filter((c) => c.method === 'POST')
const byId = (id: string) =>
  waitFor(() => {
    const el = document.getElementById(id)
    if (!el) throw new Error(`#${id} not rendered`)
    return el
  })
const open = (path = `/tours/rectifications/${taskA}`) => renderFeature('/tours/rectifications', RectificationPage, path)

describe('taskActions', () => {
  it('gives upload and submit to the liaison while the task is open, review to staff once submitted', () => {
    expect(taskActions('unit_liaison', { status: 'pending', incomplete: false })).toEqual({ upload: true, submit: true, review: false, markIncomplete: false })
    expect(taskActions('unit_liaison', { status: 'returned', incomplete: false })).toMatchObject({ upload: true, submit: true })
    expect(taskActions('unit_liaison', { status: 'submitted', incomplete: false })).toEqual({ upload: false, submit: false, review: false, markIncomplete: false })
    expect(taskActions('tour_group', { status: 'submitted', incomplete: false })).toEqual({ upload: false, submit: false, review: true, markIncomplete: false })
    expect(taskActions('supervisor', { status: 'accepted', incomplete: false }).markIncomplete).toBe(true)
    expect(taskActions('supervisor', { status: 'accepted', incomplete: true }).markIncomplete).toBe(false)
    expect(taskActions('intake', { status: 'submitted', incomplete: false })).toEqual({ upload: false, submit: false, review: false, markIncomplete: false })
  })
})

describe('整改跟踪 list', () => {
  it('shows unit, source, deadline and state, highlights overdue tasks and flags 整改不彻底', async () => {
    const calls = serve({ role: 'supervisor' }, () => task())
    open('/tours/rectifications')
    const table = await screen.findByTestId('rect-table', {}, slow)
    await waitFor(() => expect(table.querySelector(`[data-row-key="${taskB}"]`)).not.toBeNull())
    const rowA = table.querySelector(`[data-row-key="${taskA}"]`) as HTMLElement
    const rowB = table.querySelector(`[data-row-key="${taskB}"]`) as HTMLElement
    expect(rowA.getAttribute('data-overdue')).toBe('true')
    expect(rowB.getAttribute('data-overdue')).toBeNull()
    expect(rowA.textContent).toContain('城关镇人民政府')
    expect(rowA.textContent).toContain('立行立改通知')
    expect(within(rowA).getByTestId('rect-overdue-tag')).toBeTruthy()
    expect(within(rowA).getByTestId('rect-status').textContent).toBe('退回补充')
    expect(rowA.textContent).toContain('退回 1 次')
    expect(rowB.textContent).toContain('预警')
    expect(within(rowB).getByTestId('rect-incomplete-tag')).toBeTruthy()
    expect(within(rowB).queryByTestId('rect-overdue-tag')).toBeNull()
    expect(screen.getByTestId('rect-overdue-count').textContent).toBe('超期 1 项')

    fireEvent.click(document.getElementById('rect-overdue-filter')!)
    await waitFor(() => expect(calls.some((c) => c.path === '/api/staff/rectifications' && new URLSearchParams(c.search).get('overdue') === 'true')).toBe(true))
  })
})

describe('整改跟踪 detail', () => {
  it('lets tour staff return a submitted task only with a reason, and shows the new state', async () => {
    let current = task({ status: 'submitted', submittedAt: '2026-11-21T02:00:00.000Z', evidence: [evidence] })
    const calls = serve({ role: 'tour_group', tourGroupId: 'g1' }, () => current, (path, body) => {
      if (path !== `/api/staff/rectifications/${taskA}/review`) return undefined
      current = task({ ...current, status: 'returned', reviewNote: (body as { note: string }).note, returnCount: 1 })
      return current
    })
    open()
    expect((await screen.findByTestId('rect-status', {}, slow)).textContent).toBe('待审核')
    expect(document.getElementById('rect-accept')).not.toBeNull()
    expect(document.getElementById('rect-evidence-pick')).toBeNull()
    expect(document.getElementById('rect-submit')).toBeNull()

    fireEvent.click(document.getElementById('rect-return')!)
    fireEvent.click(await byId('rect-return-confirm'))
    expect(await screen.findByText('请填写退回原因，告诉责任单位还需补充什么')).toBeTruthy()
    expect(posts(calls)).toEqual([])

    fireEvent.change(document.getElementById('rect-return-reason')!, { target: { value: '缺少考勤制度文件' } })
    fireEvent.click(document.getElementById('rect-return-confirm')!)
    await waitFor(() => expect(posts(calls)).toHaveLength(1))
    expect(posts(calls)[0]).toMatchObject({ path: `/api/staff/rectifications/${taskA}/review`, body: { decision: 'return', note: '缺少考勤制度文件' } })
    await waitFor(() => expect(screen.getAllByTestId('rect-status')[0].textContent).toBe('退回补充'))
    expect(document.getElementById('rect-accept')).toBeNull()
  })

  it('accepts with the 整改不彻底 box ticked, then no longer offers the marking', async () => {
    let current = task({ status: 'submitted', evidence: [evidence] })
    const calls = serve({ role: 'supervisor' }, () => current, (path, body) => {
      if (!path.endsWith('/review')) return undefined
      const b = body as { note: string | null; incomplete?: boolean }
      current = task({ ...current, status: 'accepted', reviewNote: b.note, incomplete: !!b.incomplete, incompleteNote: b.note })
      return current
    })
    open()
    fireEvent.click(await byId('rect-accept'))
    fireEvent.change(await byId('rect-accept-note'), { target: { value: '制度已建立，但仍有人员脱岗' } })
    fireEvent.click(document.getElementById('rect-accept-incomplete')!)
    fireEvent.click(document.getElementById('rect-accept-confirm')!)
    await waitFor(() => expect(posts(calls)).toHaveLength(1))
    expect(posts(calls)[0].body).toEqual({ decision: 'accept', note: '制度已建立，但仍有人员脱岗', incomplete: true })
    await waitFor(() => expect(screen.getAllByTestId('rect-incomplete-tag').length).toBeGreaterThan(0))
    expect(document.getElementById('rect-mark-incomplete')).toBeNull()
  })

  it('marks an accepted task 整改不彻底 with a note', async () => {
    let current = task({ status: 'accepted', evidence: [evidence] })
    const calls = serve({ role: 'admin' }, () => current, (path, body) => {
      if (!path.endsWith('/incomplete')) return undefined
      current = task({ ...current, incomplete: true, incompleteNote: (body as { note: string }).note })
      return current
    })
    open()
    fireEvent.click(await byId('rect-mark-incomplete'))
    fireEvent.change(await byId('rect-incomplete-note'), { target: { value: '回访发现公示已撤下' } })
    fireEvent.click(document.getElementById('rect-incomplete-confirm')!)
    await waitFor(() => expect(posts(calls).map((c) => c.body)).toEqual([{ note: '回访发现公示已撤下' }]))
    expect(await screen.findByText('回访发现公示已撤下')).toBeTruthy()
  })

  it('lets the unit liaison upload evidence and submit; no review buttons; files are opened through a fresh link', async () => {
    let current = task({ status: 'returned', reviewNote: '缺少考勤制度文件', returnCount: 1, evidence: [evidence] })
    const calls = serve({ role: 'unit_liaison', unitId: unitA, unitName: '城关镇人民政府' }, () => current, (path) => {
      if (path.endsWith('/evidence')) {
        current = task({ ...current, evidence: [evidence, { ...evidence, id: 'dddddddd-dddd-4ddd-8ddd-dddddddddddd', fileName: '考勤制度.pdf', contentType: 'application/pdf', note: '考勤制度' }] })
        return current
      }
      if (path.endsWith('/submit')) {
        current = task({ ...current, status: 'submitted', submittedAt: '2026-11-24T02:00:00.000Z' })
        return current
      }
      return undefined
    })
    const opened = vi.spyOn(window, 'open').mockImplementation(() => null)
    open()
    expect((await screen.findByTestId('rect-status', {}, slow)).textContent).toBe('退回补充')
    expect(screen.getAllByText('缺少考勤制度文件').length).toBeGreaterThan(0)
    expect(document.getElementById('rect-accept')).toBeNull()
    expect(document.getElementById('rect-return')).toBeNull()

    fireEvent.click(document.getElementById(`rect-evidence-view-${evidenceA}`)!)
    await waitFor(() => expect(opened).toHaveBeenCalledWith('https://oss.example/evidence.jpg?sig=1', '_blank', 'noopener'))

    // a wrong file type is refused before anything is sent
    const file = document.getElementById('rect-evidence-file') as HTMLInputElement
    fireEvent.change(file, { target: { files: [new File(['x'], '说明.docx', { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' })] } })
    expect((await screen.findByTestId('rect-upload-error')).textContent).toContain('只支持 JPG、PNG、WebP 图片或 PDF')
    expect(posts(calls)).toEqual([])

    fireEvent.change(document.getElementById('rect-evidence-note')!, { target: { value: '考勤制度' } })
    fireEvent.change(file, { target: { files: [new File(['%PDF-1.4'], '考勤制度.pdf', { type: 'application/pdf' })] } })
    await waitFor(() => expect(posts(calls)).toHaveLength(1))
    const form = posts(calls)[0].body as FormData
    expect(posts(calls)[0].path).toBe(`/api/staff/rectifications/${taskA}/evidence`)
    expect(form.get('note')).toBe('考勤制度')
    expect((form.get('file') as File).name).toBe('考勤制度.pdf')
    expect(await screen.findByText('考勤制度.pdf')).toBeTruthy()

    fireEvent.click(document.getElementById('rect-submit')!)
    fireEvent.change(await byId('rect-submit-note'), { target: { value: '已补充制度文件' } })
    fireEvent.click(document.getElementById('rect-submit-confirm')!)
    await waitFor(() => expect(posts(calls)).toHaveLength(2))
    expect(posts(calls)[1]).toMatchObject({ path: `/api/staff/rectifications/${taskA}/submit`, body: { note: '已补充制度文件' } })
    await waitFor(() => expect(screen.getAllByTestId('rect-status')[0].textContent).toBe('待审核'))
    expect(document.getElementById('rect-evidence-pick')).toBeNull()
  })

  it('keeps 提交审核 disabled until there is evidence', async () => {
    serve({ role: 'unit_liaison', unitId: unitA }, () => task())
    open()
    expect(await byId('rect-submit')).toHaveProperty('disabled', true)
    expect(screen.getByText('尚未上传整改材料')).toBeTruthy()
  })

  it('names the 立行立改通知书 that opened the task and prints it; only those handling the report are led to it', async () => {
    const notice = { id: 'n1', serial: '〔2026〕立改第7号', reportId: 'r1' }
    serve({ role: 'unit_liaison', unitId: unitA }, () => task({ sourceId: 'n1', notice }))
    open()
    expect((await byId('rect-notice-serial')).textContent).toBe('〔2026〕立改第7号')
    expect(document.getElementById('rect-notice-print')).toBeTruthy()
    expect(screen.queryByText('查看线索')).toBeNull()
  })

  it('shows a liaison the 督办通知书 behind a task — serial, the warnings in a sentence each, the PDF — and nothing else of the alert', async () => {
    const urgeNotice = {
      id: 'u1',
      serial: '〔2026〕督办第3号',
      escalationId: 'e1',
      findings: ['办件 BJ2026000123（事项 SX-0101）超出承诺时限 4 个工作日（承诺 5 个工作日，实际 9 个工作日）', '办件 BJ2026000124（事项 SX-0101）评价为非常不满意'],
      warningCount: 3,
    }
    const calls = serve({ role: 'unit_liaison', unitId: unitA }, () => task({ sourceKind: 'warning', sourceId: 'e1', title: '督办通知书 〔2026〕督办第3号', urgeNotice }))
    open()
    expect((await byId('rect-urge-notice-serial')).textContent).toBe('督办通知书 〔2026〕督办第3号')
    const findings = screen.getByTestId('rect-urge-findings').textContent
    expect(findings).toContain('预警情况（3 条）')
    expect(findings).toContain('1. 办件 BJ2026000123（事项 SX-0101）超出承诺时限 4 个工作日')
    expect(findings).toContain('另有 1 条预警')
    expect(screen.queryByText('查看线索')).toBeNull()
    fireEvent.click(await byId('rect-urge-notice-print'))
    await waitFor(() => expect(calls.some((c) => c.method === 'GET' && c.path === '/api/staff/alerts/urge-notices/u1/pdf')).toBe(true))
  })

  it('leads a tour group from a notice task to its report', async () => {
    serve({ role: 'tour_group', tourGroupId: 'g1' }, () => task({ sourceId: 'n1', notice: { id: 'n1', serial: '〔2026〕立改第7号', reportId: 'r1' } }))
    open()
    await byId('rect-notice-serial')
    expect(screen.getByText('查看线索').getAttribute('href')).toBe('/reports/r1')
  })
})

describe('下达整改任务', () => {
  const roundId = '33333333-3333-4333-8333-333333333333'
  const unitB = '44444444-4444-4444-8444-444444444444'
  const mine = '55555555-5555-4555-8555-555555555555'
  const theirs = '66666666-6666-4666-8666-666666666666'

  function serveCreate(user: Partial<StaffUser>) {
    const calls: Call[] = []
    mockServer(({ pathname, search }, init) => {
      const method = init.method ?? 'GET'
      calls.push({ method, path: pathname, search, body: init.body ? JSON.parse(String(init.body)) : undefined })
      if (pathname === '/api/staff/auth/me') return { status: 200, body: { user: staffUser(user) } }
      if (pathname === '/api/staff/rectifications' && method === 'GET') return { status: 200, body: { items: [], total: 0, page: 1, pageSize: 20, overdueCount: 0 } }
      if (pathname === '/api/staff/rectifications' && method === 'POST') return { status: 201, body: task({ ...(JSON.parse(String(init.body)) as object), dueOn: '2026-12-08' }) }
      if (pathname === `/api/staff/rectifications/${taskA}`) return { status: 200, body: task() }
      if (pathname === '/api/staff/tour-rounds') return { status: 200, body: { items: [{ id: roundId, name: '2026年第一轮巡察', code: 'R1', startsOn: '2026-11-01', endsOn: '2026-12-31', status: 'active' }] } }
      if (pathname === `/api/staff/tour-rounds/${roundId}/units`) {
        const iu = (id: string, unitId: string, name: string, groupId: string, group: string) => ({ id, tourRoundId: roundId, unit: { id: unitId, code: unitId.slice(0, 4), name }, tourGroup: { id: groupId, name: group } })
        return { status: 200, body: { items: [iu(mine, unitA, '城关镇人民政府', 'g1', '第一巡察组'), iu(theirs, unitB, '县住建局', 'g2', '第二巡察组')] } }
      }
      if (pathname === '/api/staff/units') return { status: 200, body: { items: [{ id: unitB, code: 'ZJJ', name: '县住建局', kind: 'department', onboard: false, parentId: null }], total: 1, page: 1, pageSize: 200 } }
      return { status: 404, body: { code: 'NOT_FOUND', message: '接口不存在' } }
    })
    return calls
  }

  const choose = async (id: string, label: string) => {
    fireEvent.mouseDown((await byId(id)).closest('.ant-select')!.querySelector('.ant-select-selector')!)
    fireEvent.click(await screen.findByTitle(label))
  }

  it('a tour group picks one of its own inspected units; missing fields are named in Chinese', async () => {
    const calls = serveCreate({ role: 'tour_group', tourGroupId: 'g1' })
    open('/tours/rectifications')
    fireEvent.click(await byId('rect-create'))
    fireEvent.click(await byId('rect-new-confirm'))
    expect(await screen.findByText('请选择巡察轮次')).toBeTruthy()
    expect(await screen.findByText('请填写任务名称')).toBeTruthy()
    expect(await screen.findByText('请填写整改要求')).toBeTruthy()
    expect(document.getElementById('rect-new-unit')).toBeNull()

    await choose('rect-new-round', '2026年第一轮巡察')
    fireEvent.mouseDown((await byId('rect-new-inspected-unit')).closest('.ant-select')!.querySelector('.ant-select-selector')!)
    fireEvent.click(await screen.findByTitle('城关镇人民政府（第一巡察组）'))
    expect(screen.queryByTitle('县住建局（第二巡察组）')).toBeNull()
    fireEvent.click(document.querySelector('#rect-new-source input[value="notice"]')!)
    fireEvent.change(document.getElementById('rect-new-title')!, { target: { value: '便民服务中心窗口纪律整改' } })
    fireEvent.change(document.getElementById('rect-new-requirement')!, { target: { value: '建立考勤制度' } })
    fireEvent.click(document.getElementById('rect-new-confirm')!)
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1))
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      sourceKind: 'notice',
      sourceId: null,
      unitId: unitA,
      inspectedUnitId: mine,
      title: '便民服务中心窗口纪律整改',
      requirement: '建立考勤制度',
      deadlineDays: 10,
    })
    // opens the new task
    expect((await screen.findByTestId('rect-requirement', {}, slow)).textContent).toContain('考勤制度')
  })

  it('a supervisor may task any unit directly, found by a server-side search', async () => {
    const calls = serveCreate({ role: 'supervisor' })
    open('/tours/rectifications')
    fireEvent.click(await byId('rect-create'))
    await choose('rect-new-unit', '县住建局')
    fireEvent.change(document.getElementById('rect-new-title')!, { target: { value: '工程款拖欠整改' } })
    fireEvent.change(document.getElementById('rect-new-requirement')!, { target: { value: '限期清偿' } })
    fireEvent.change(document.getElementById('rect-new-deadline')!, { target: { value: '15' } })
    fireEvent.click(document.getElementById('rect-new-confirm')!)
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1))
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({ sourceKind: 'report', unitId: unitB, inspectedUnitId: null, deadlineDays: 15 })
  })

  it('offers no creation to a unit liaison', async () => {
    serveCreate({ role: 'unit_liaison', unitId: unitA })
    open('/tours/rectifications')
    await screen.findByTestId('rect-table', {}, slow)
    expect(document.getElementById('rect-create')).toBeNull()
  })
})

describe('整改跟踪 in the panel', () => {
  it('is in a unit liaison’s menu, while 巡察调研 is closed to it', async () => {
    serve({ role: 'unit_liaison', unitId: unitA, unitName: '城关镇人民政府' }, () => task())
    renderApp('/tours/rectifications', { loggedIn: true })
    expect(await screen.findByTestId('rect-table', {}, slow)).toBeTruthy()
    expect(screen.getByTestId('nav-tours-rectifications')).toBeTruthy()
    expect(screen.queryByTestId('nav-tours-surveys')).toBeNull()
    expect(screen.getByText('整改跟踪（城关镇人民政府）')).toBeTruthy()
  })

  it('answers a liaison who types the survey address with 无权访问', async () => {
    serve({ role: 'unit_liaison', unitId: unitA }, () => task())
    renderApp('/tours/surveys', { loggedIn: true })
    expect(await screen.findByTestId('forbidden-page', {}, slow)).toBeTruthy()
  })
})
