import { act, fireEvent, render, waitFor } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { surveyQuestionsSchema } from '@msjd/shared/tours'
import type { PublicSurvey } from '../../lib/surveys'
import { router, taroMock, taroStorage } from '../../test/taro-mock'
import SurveyAnswer from './answer'
import SurveyList from './index'
import SurveyThanksPage from './thanks'

type Call = { url: string; method: string; data?: unknown }
type Reply = { statusCode: number; data: unknown }

// APIs only these pages call; added to the shared Taro stand-in for this file.
const extra = {
  redirectTo: vi.fn(async (_o: { url: string }) => ({ errMsg: 'redirectTo:ok' })),
  pageScrollTo: vi.fn(async (_o: { selector: string }) => ({ errMsg: 'pageScrollTo:ok' })),
  navigateBack: vi.fn(async (_o: { delta: number }) => ({ errMsg: 'navigateBack:ok' })),
  getCurrentPages: vi.fn((): { route: string }[] => []),
}
Object.assign(taroMock, extra)

function fakeServer(routes: Record<string, Reply[]>) {
  const calls: Call[] = []
  taroMock.request.mockImplementation(async (options: Call) => {
    calls.push(options)
    const path = options.url.replace('http://api.test', '')
    const queue = routes[`${options.method} ${path}`]
    if (!queue) throw new Error(`unexpected ${options.method} ${path}`)
    const reply = queue.length > 1 ? queue.shift()! : queue[0]
    return { ...reply, header: {}, cookies: [], errMsg: 'request:ok' }
  })
  return calls
}

const login: Reply = { statusCode: 200, data: { token: 'tok', expiresIn: 3600, citizen: { id: 'citizen-1', via: 'device' } } }
const questions = surveyQuestionsSchema.parse([
  { id: 'know', type: 'single', title: '您是否知晓本轮巡察', options: [{ id: 'yes', label: '知晓' }, { id: 'no', label: '不知晓' }] },
  { id: 'issues', type: 'multiple', title: '您认为突出的问题', options: [{ id: 'a', label: '办事难' }, { id: 'b', label: '作风漂浮' }, { id: 'c', label: '乱收费' }] },
  { id: 'score', type: 'rating', title: '对党风廉政建设的评价' },
  { id: 'advice', type: 'text', title: '意见建议', required: false, maxLength: 200 },
])
const survey = (id: string, over: Partial<PublicSurvey> = {}): PublicSurvey => ({
  id,
  tourRoundId: 'r8',
  roundName: '县委第八轮巡察',
  title: `调研问卷${id}`,
  intro: '本问卷不记名。',
  questions,
  status: 'published',
  publishedAt: '2026-10-01T01:00:00.000Z',
  closedAt: null,
  answered: false,
  ...over,
})
const $ = (c: HTMLElement, id: string) => c.querySelector(`#${id}`) as HTMLElement | null
const text = (c: HTMLElement, id: string) => $(c, id)?.textContent ?? null
const tap = (c: HTMLElement, id: string) => {
  const el = $(c, id)
  if (!el) throw new Error(`#${id} not rendered`)
  fireEvent.click(el)
}
function typeInto(c: HTMLElement, id: string, value: string) {
  $(c, id)!.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true })) // taro-textarea-core
}

beforeEach(() => {
  taroStorage.set('msjd.deviceId', 'd'.repeat(32))
  extra.redirectTo.mockClear()
  extra.pageScrollTo.mockClear()
  extra.navigateBack.mockClear()
  extra.getCurrentPages.mockReset()
  extra.getCurrentPages.mockReturnValue([])
})

describe('巡察调研 list', () => {
  it('lists open surveys first, marks those already answered, and opens one', async () => {
    fakeServer({
      'POST /api/public/auth/device': [login],
      'GET /api/public/surveys?page=1&pageSize=20': [
        { statusCode: 200, data: { items: [survey('old', { status: 'closed' }), survey('s1'), survey('s2', { answered: true })], total: 3, page: 1, pageSize: 20 } },
      ],
    })
    const { container } = render(<SurveyList />)
    await waitFor(() => expect($(container, 'survey-item-s1')).not.toBeNull())
    const ids = Array.from($(container, 'survey-list')!.querySelectorAll('[id^="survey-item-"]:not([id$="-state"])')).map((el) => el.id)
    expect(ids).toEqual(['survey-item-s1', 'survey-item-s2', 'survey-item-old'])
    expect(text(container, 'survey-item-s1-state')).toBe('去填写')
    expect(text(container, 'survey-item-s2-state')).toBe('已参与')
    expect(text(container, 'survey-item-old-state')).toBe('已结束')
    expect(text(container, 'survey-item-s1')).toContain('共 4 题')
    tap(container, 'survey-item-s1')
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/surveys/answer?id=s1' })
  })

  it('says when there is none', async () => {
    fakeServer({ 'POST /api/public/auth/device': [login], 'GET /api/public/surveys?page=1&pageSize=20': [{ statusCode: 200, data: { items: [], total: 0, page: 1, pageSize: 20 } }] })
    const { container } = render(<SurveyList />)
    await waitFor(() => expect(text(container, 'survey-empty')).toContain('暂无巡察调研'))
  })
})

describe('answering a survey', () => {
  const open = async (s: PublicSurvey, routes: Record<string, Reply[]> = {}) => {
    router.params = { id: s.id }
    const calls = fakeServer({ 'POST /api/public/auth/device': [login], [`GET /api/public/surveys/${s.id}`]: [{ statusCode: 200, data: s }], ...routes })
    const view = render(<SurveyAnswer />)
    await waitFor(() => expect($(view.container, 'survey-submit')).not.toBeNull())
    return { ...view, calls }
  }

  it('marks required questions and stops an incomplete answer before sending it', async () => {
    const { container, calls } = await open(survey('s1'))
    expect(text(container, 'survey-title')).toBe('调研问卷s1')
    expect(taroMock.setNavigationBarTitle).toHaveBeenCalledWith({ title: '调研问卷s1' })
    for (const q of ['know', 'issues', 'score']) expect($(container, `survey-q-${q}-required`), q).not.toBeNull()
    expect($(container, 'survey-q-advice-required')).toBeNull()
    tap(container, 'survey-q-know-opt-yes')
    tap(container, 'survey-submit')
    expect(text(container, 'survey-q-issues-error')).toBe('第2题「您认为突出的问题」为必答题')
    expect(text(container, 'survey-q-score-error')).toBe('第3题「对党风廉政建设的评价」为必答题')
    expect($(container, 'survey-q-know-error')).toBeNull()
    expect(text(container, 'survey-form-error')).toBe('有 2 道题需要修改，请查看标红的题目')
    expect(extra.pageScrollTo).toHaveBeenCalledWith({ selector: '#survey-q-issues', duration: 200 })
    expect(calls.some((c) => c.method === 'POST' && c.url.endsWith('/answers'))).toBe(false)
    // answering a question clears its message
    tap(container, 'survey-q-score-rate-4')
    expect($(container, 'survey-q-score-error')).toBeNull()
    expect($(container, 'survey-q-score-rate-4')?.getAttribute('aria-checked')).toBe('true')
  })

  it('sends the answers and shows the thank-you page', async () => {
    const { container, calls } = await open(survey('s1'), {
      'POST /api/public/surveys/s1/answers': [{ statusCode: 201, data: { ok: true, message: '感谢您参与巡察调研！' } }],
    })
    tap(container, 'survey-q-know-opt-no')
    tap(container, 'survey-q-know-opt-yes')
    tap(container, 'survey-q-issues-opt-c')
    tap(container, 'survey-q-issues-opt-a')
    tap(container, 'survey-q-issues-opt-b')
    tap(container, 'survey-q-issues-opt-b')
    expect($(container, 'survey-q-know-opt-no')?.getAttribute('aria-checked')).toBe('false')
    expect($(container, 'survey-q-issues-opt-c')?.getAttribute('aria-checked')).toBe('true')
    tap(container, 'survey-q-score-rate-5')
    typeInto(container, 'survey-q-advice-text', '  多下基层听取意见 ')
    await act(async () => tap(container, 'survey-submit'))
    await waitFor(() => expect(extra.redirectTo).toHaveBeenCalledWith({ url: '/pages/surveys/thanks' }))
    const sent = calls.find((c) => c.method === 'POST' && c.url.endsWith('/api/public/surveys/s1/answers'))
    expect(sent?.data).toEqual({ answers: { know: 'yes', issues: ['a', 'c'], score: 5, advice: '多下基层听取意见' } })

    const thanks = render(<SurveyThanksPage />)
    expect(text(thanks.container, 'survey-thanks')).toBe('感谢您参与巡察调研！')
    expect(text(thanks.container, 'survey-thanks-title')).toBe('调研问卷s1')
    tap(thanks.container, 'survey-thanks-list')
    expect(extra.redirectTo).toHaveBeenLastCalledWith({ url: '/pages/surveys/index' })
  })

  it('shows the server’s 400 under the question it names', async () => {
    const { container } = await open(survey('s1'), {
      'POST /api/public/surveys/s1/answers': [
        {
          statusCode: 400,
          data: {
            code: 'VALIDATION_FAILED',
            message: '答卷不完整或有误，请检查标出的题目',
            issues: [{ path: 'answers.score', code: 'invalid_rating', message: '第3题「对党风廉政建设的评价」评分应为 1 到 5 的整数' }],
          },
        },
      ],
    })
    tap(container, 'survey-q-know-opt-yes')
    tap(container, 'survey-q-issues-opt-a')
    tap(container, 'survey-q-score-rate-3')
    await act(async () => tap(container, 'survey-submit'))
    await waitFor(() => expect(text(container, 'survey-q-score-error')).toBe('第3题「对党风廉政建设的评价」评分应为 1 到 5 的整数'))
    expect(text(container, 'survey-form-error')).toBe('有 1 道题需要修改，请查看标红的题目')
    expect(extra.pageScrollTo).toHaveBeenCalledWith({ selector: '#survey-q-score', duration: 200 })
    expect(extra.redirectTo).not.toHaveBeenCalled()
  })

  it('a second attempt is told it was already answered (on load, and by the server’s 409)', async () => {
    router.params = { id: 's2' }
    fakeServer({ 'POST /api/public/auth/device': [login], 'GET /api/public/surveys/s2': [{ statusCode: 200, data: survey('s2', { answered: true }) }] })
    const first = render(<SurveyAnswer />)
    await waitFor(() => expect(text(first.container, 'survey-answered')).toBe('您已参与过本次调研'))
    expect($(first.container, 'survey-submit')).toBeNull()
    first.unmount()

    // answered meanwhile on another page or device: the server refuses the second sheet
    const { container } = await open(survey('s3'), {
      'POST /api/public/surveys/s3/answers': [{ statusCode: 409, data: { code: 'ALREADY_ANSWERED', message: '您已提交过这份问卷，每人只能填写一次' } }],
    })
    tap(container, 'survey-q-know-opt-yes')
    tap(container, 'survey-q-issues-opt-a')
    tap(container, 'survey-q-score-rate-3')
    await act(async () => tap(container, 'survey-submit'))
    await waitFor(() => expect(text(container, 'survey-answered')).toBe('您已参与过本次调研'))
    expect($(container, 'survey-submit')).toBeNull()
    tap(container, 'survey-back-list')
    expect(extra.redirectTo).toHaveBeenCalledWith({ url: '/pages/surveys/index' })
  })

  it('a closed survey takes no answers', async () => {
    router.params = { id: 'c1' }
    fakeServer({ 'POST /api/public/auth/device': [login], 'GET /api/public/surveys/c1': [{ statusCode: 200, data: survey('c1', { status: 'closed' }) }] })
    const { container } = render(<SurveyAnswer />)
    await waitFor(() => expect(text(container, 'survey-closed')).toBe('本次调研已结束'))
    expect($(container, 'survey-submit')).toBeNull()
  })

  it('says an unknown survey is not there', async () => {
    router.params = { id: 'nope' }
    fakeServer({ 'POST /api/public/auth/device': [login], 'GET /api/public/surveys/nope': [{ statusCode: 404, data: { code: 'NOT_FOUND', message: '问卷不存在' } }] })
    const { container } = render(<SurveyAnswer />)
    await waitFor(() => expect(text(container, 'survey-error')).toBe('该调研不存在或已撤下'))
  })
})

describe('thank-you page', () => {
  it('has its own words when nothing was handed over', () => {
    const { container } = render(<SurveyThanksPage />)
    expect(text(container, 'survey-thanks')).toContain('感谢您参与巡察调研')
    tap(container, 'survey-thanks-home')
    expect(taroMock.switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' })
  })

  it('goes back to the list below it rather than stacking another one', () => {
    extra.getCurrentPages.mockReturnValue([{ route: 'pages/index/index' }, { route: 'pages/surveys/index' }, { route: 'pages/surveys/thanks' }])
    const { container } = render(<SurveyThanksPage />)
    tap(container, 'survey-thanks-list')
    expect(extra.navigateBack).toHaveBeenCalledWith({ delta: 1 })
    expect(extra.redirectTo).not.toHaveBeenCalled()
  })
})
