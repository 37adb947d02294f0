import type { Survey, SurveyResults } from '@msjd/shared'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { setPlatformAPI } from 'echarts/core'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { mockServer } from '../../test/http'
import { renderFeature, staffUser } from './page.test-util'
import SurveysPage from './SurveysPage'

const slow = { timeout: 8000 }
const roundId = '33333333-3333-4333-8333-333333333333'
const draftId = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd'
const liveId = 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee'

function survey(overrides: Partial<Survey> = {}): Survey {
  return {
    id: draftId,
    tourRoundId: roundId,
    roundName: '2026年第一轮巡察',
    title: '群众满意度调查',
    intro: null,
    questions: [
      { id: 'q1', type: 'single', title: '您是否知晓本轮巡察', required: true, options: [{ id: 'o1', label: '知晓' }, { id: 'o2', label: '不知晓' }] },
    ],
    status: 'draft',
    publishedAt: null,
    closedAt: null,
    answerCount: 0,
    ...overrides,
  }
}

const results: SurveyResults = {
  surveyId: liveId,
  title: '作风评价',
  answerCount: 3,
  questions: [
    { id: 'know', title: '您是否知晓本轮巡察', type: 'single', answered: 3, options: [{ id: 'y', label: '知晓', count: 2 }, { id: 'n', label: '不知晓', count: 1 }] },
    { id: 'score', title: '工作作风评价', type: 'rating', answered: 3, average: 4, options: [1, 2, 3, 4, 5].map((n) => ({ id: String(n), label: `${n} 分`, count: n >= 3 ? 1 : 0 })) },
    { id: 'advice', title: '意见建议', type: 'text', answered: 2, texts: ['窗口服务态度需改进', '希望公开办事流程'] },
  ],
}

interface Call {
  method: string
  path: string
  body?: unknown
  auth?: string | null
}

function serve(items: Survey[] = [survey(), survey({ id: liveId, title: '作风评价', status: 'published', publishedAt: '2026-11-20T02:00:00.000Z', answerCount: 3 })]) {
  const calls: Call[] = []
  const fetchMock = mockServer(({ pathname }, init) => {
    const method = init.method ?? 'GET'
    const headers = new Headers(init.headers)
    calls.push({ method, path: pathname, body: init.body ? JSON.parse(String(init.body)) : undefined, auth: headers.get('Authorization') })
    if (pathname === '/api/staff/auth/me') return { status: 200, body: { user: staffUser({ role: 'tour_group', tourGroupId: 'g1' }) } }
    if (pathname === '/api/staff/tour-rounds') return { status: 200, body: { items: [{ id: roundId, name: '2026年第一轮巡察', code: 'R2026-1', startsOn: '2026-11-01', endsOn: '2026-12-31', status: 'active' }] } }
    if (pathname === '/api/staff/surveys' && method === 'GET') return { status: 200, body: { items, total: items.length, page: 1, pageSize: 20 } }
    if (pathname === '/api/staff/surveys' && method === 'POST') return { status: 201, body: survey({ ...(JSON.parse(String(init.body)) as object), id: draftId }) }
    if (pathname === `/api/staff/surveys/${draftId}/publish`) return { status: 200, body: survey({ status: 'published', publishedAt: '2026-11-24T02:00:00.000Z' }) }
    if (pathname === `/api/staff/surveys/${liveId}/close`) return { status: 200, body: survey({ id: liveId, status: 'closed' }) }
    if (pathname === `/api/staff/surveys/${liveId}`) return { status: 200, body: items.find((s) => s.id === liveId) }
    if (pathname === `/api/staff/surveys/${liveId}/results`) return { status: 200, body: results }
    if (pathname === `/api/staff/surveys/${liveId}/export.xlsx`) {
      return {
        status: 200,
        body: 'xlsx-bytes',
        headers: {
          'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'Content-Disposition': `attachment; filename="_.xlsx"; filename*=UTF-8''${encodeURIComponent('作风评价_结果.xlsx')}`,
        },
      }
    }
    return { status: 404, body: { code: 'NOT_FOUND', message: '接口不存在' } }
  })
  return { calls, fetchMock }
}

const input = (id: string) => document.getElementById(id) as HTMLInputElement
const type = (id: string, value: string) => fireEvent.change(input(id), { target: { value } })
/** An element by id once it is there (popconfirm buttons mount on the first click). */
const byId = (id: string) =>
  waitFor(() => {
    const el = document.getElementById(id)
    if (!el) throw new Error(`#${id} not rendered`)
    return el
  })
const posts = (calls: Call[]) => calls.filter((c) => c.method !== 'GET')

const renderApp = (path: string) => renderFeature('/tours/surveys', SurveysPage, path)

describe('巡察调研 list', () => {
  it('shows round, status and answer count, and publishes a draft after confirmation', async () => {
    const { calls } = serve()
    renderApp('/tours/surveys')
    const publish = await screen.findByText('发布', { selector: `#survey-publish-${draftId} span` }, slow)
    const table = screen.getByTestId('survey-table')
    const draftRow = table.querySelector(`[data-row-key="${draftId}"]`) as HTMLElement
    expect(draftRow.textContent).toContain('2026年第一轮巡察')
    expect(within(draftRow).getByText('草稿')).toBeTruthy()
    const liveRow = table.querySelector(`[data-row-key="${liveId}"]`) as HTMLElement
    expect(within(liveRow).getByTestId('survey-answer-cell').textContent).toBe('3')
    expect(within(liveRow).getByText('进行中')).toBeTruthy()
    // a published survey offers results and close, never edit or publish
    expect(document.getElementById(`survey-results-${liveId}`)).not.toBeNull()
    expect(document.getElementById(`survey-publish-${liveId}`)).toBeNull()
    expect(document.getElementById(`survey-edit-${liveId}`)).toBeNull()
    expect(document.getElementById(`survey-results-${draftId}`)).toBeNull()

    fireEvent.click(publish)
    expect(posts(calls)).toEqual([])
    fireEvent.click(await byId('survey-publish-confirm'))
    await waitFor(() => expect(posts(calls).map((c) => `${c.method} ${c.path}`)).toEqual([`POST /api/staff/surveys/${draftId}/publish`]))
    // the list is read again after the change
    await waitFor(() => expect(calls.filter((c) => c.path === '/api/staff/surveys' && c.method === 'GET').length).toBe(2))
  })

  it('closes a published survey', async () => {
    const { calls } = serve()
    renderApp('/tours/surveys')
    fireEvent.click(await screen.findByText('结束', { selector: `#survey-close-${liveId} span` }, slow))
    fireEvent.click(await byId('survey-close-confirm'))
    await waitFor(() => expect(posts(calls).map((c) => `${c.method} ${c.path}`)).toEqual([`POST /api/staff/surveys/${liveId}/close`]))
  })

  it('refuses to publish a draft without questions and says why', async () => {
    const { calls } = serve([survey({ questions: [] })])
    renderApp('/tours/surveys')
    fireEvent.click(await screen.findByText('发布', { selector: `#survey-publish-${draftId} span` }, slow))
    fireEvent.click(await byId('survey-publish-confirm'))
    expect(await screen.findByText(/不能发布：问卷至少需要一道题目/)).toBeTruthy()
    expect(posts(calls)).toEqual([])
  })
})

describe('巡察调研 builder', () => {
  it('shows Chinese reasons by the fields and sends nothing while the draft is incomplete', async () => {
    const { calls } = serve()
    renderApp('/tours/surveys/new')
    fireEvent.click(await screen.findByText('添加题目', {}, slow))
    fireEvent.click(screen.getByText('保存草稿'))
    const summary = await screen.findByTestId('survey-errors')
    expect(summary.textContent).toContain('还有 4 处需要修改')
    expect(screen.getAllByText('请填写问卷标题').length).toBeGreaterThan(0)
    expect(screen.getAllByText('第1题：请填写题目').length).toBeGreaterThan(0)
    expect(summary.textContent).toContain('第1题：请填写选项 1 的内容')
    expect(summary.textContent).toContain('第1题：请填写选项 2 的内容')
    expect(posts(calls)).toEqual([])

    // the messages follow the edits once staff tried to save
    type('survey-title', '群众满意度调查')
    await waitFor(() => expect(screen.getByTestId('survey-errors').textContent).toContain('还有 3 处需要修改'))
  })

  it('builds questions of each kind, reorders them and saves the draft', async () => {
    const { calls } = serve()
    renderApp('/tours/surveys/new')
    fireEvent.click(await screen.findByText('添加题目', {}, slow))
    type('survey-title', '群众满意度调查')
    type('survey-q-q1-title', '您是否知晓本轮巡察')
    type('survey-q-q1-option-o1', '知晓')
    type('survey-q-q1-option-o2', '不知晓')
    fireEvent.click(document.getElementById('survey-q-q1-add-option')!)
    type('survey-q-q1-option-o3', '不清楚')
    fireEvent.click(document.getElementById('survey-q-q1-required')!)

    // a 1-5 rating question, then moved to the top
    fireEvent.mouseDown(input('survey-add-type').closest('.ant-select')!.querySelector('.ant-select-selector')!)
    fireEvent.click(await screen.findByTitle('评分题（1-5）'))
    fireEvent.click(screen.getByText('添加题目'))
    type('survey-q-q2-title', '您对该单位工作作风的评价')
    expect(document.getElementById('survey-q-q2-down')).toHaveProperty('disabled', true)
    fireEvent.click(document.getElementById('survey-q-q2-up')!)
    expect(document.getElementById('survey-q-q2-up')).toHaveProperty('disabled', true)

    fireEvent.click(screen.getByText('保存草稿'))
    await waitFor(() => expect(posts(calls).length).toBe(1))
    expect(posts(calls)[0]).toMatchObject({
      method: 'POST',
      path: '/api/staff/surveys',
      body: {
        tourRoundId: null,
        title: '群众满意度调查',
        intro: null,
        questions: [
          { id: 'q2', type: 'rating', title: '您对该单位工作作风的评价', required: true },
          {
            id: 'q1',
            type: 'single',
            title: '您是否知晓本轮巡察',
            required: false,
            options: [{ id: 'o1', label: '知晓' }, { id: 'o2', label: '不知晓' }, { id: 'o3', label: '不清楚' }],
          },
        ],
      },
    })
    // back on the list
    expect(await screen.findByTestId('survey-table', {}, slow)).toBeTruthy()
  })
})

describe('巡察调研 results', () => {
  // jsdom has no canvas, which zrender uses to measure label text; an estimate is enough where nothing is laid out.
  beforeAll(() => setPlatformAPI({ measureText: (text = '', font) => ({ width: text.length * (parseInt(String(font ?? ''), 10) || 12) }) }))

  it('renders a chart per choice/rating question, the free-text answers, and downloads the XLSX with the token', async () => {
    const { calls } = serve()
    const createObjectURL = vi.fn((_blob: Blob) => 'blob:survey-export')
    const revokeObjectURL = vi.fn()
    Object.assign(URL, { createObjectURL, revokeObjectURL })
    const clicks: string[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download)
    })
    renderApp(`/tours/surveys/${liveId}/results`)
    expect((await screen.findByTestId('survey-answer-count', {}, slow)).textContent).toBe('3')
    // the SVG renderer draws even in jsdom: the bars carry the counts built by questionChartOption
    await waitFor(() => expect(screen.getByTestId('survey-chart-know').querySelector('svg')?.textContent).toContain('2 人（66.7%）'))
    expect(screen.getByTestId('survey-chart-score')).toBeTruthy()
    expect(screen.queryByTestId('survey-chart-advice')).toBeNull()
    const texts = screen.getByTestId('survey-texts-advice')
    expect(texts.textContent).toContain('窗口服务态度需改进')
    expect(texts.textContent).toContain('希望公开办事流程')

    fireEvent.click(screen.getByText('导出 Excel'))
    await waitFor(() => expect(clicks).toEqual(['作风评价_结果.xlsx']))
    const exportCall = calls.find((c) => c.path.endsWith('/export.xlsx'))
    expect(exportCall?.auth).toBe('Bearer test-token')
    expect(createObjectURL).toHaveBeenCalledTimes(1)
    expect(createObjectURL.mock.calls[0][0].size).toBe('xlsx-bytes'.length + 2)
  })
})
