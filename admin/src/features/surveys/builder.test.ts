import { surveyBody } from '@msjd/shared'
import { describe, expect, it } from 'vitest'
import { addOption, emptyDraft, fromSurvey, move, newQuestion, nextId, serverIssueKey, toBody, validateDraft, type SurveyDraft } from './builder'

function draft(overrides: Partial<SurveyDraft> = {}): SurveyDraft {
  const single = { ...newQuestion('single', []), title: '您是否知晓本轮巡察', options: [{ id: 'o1', label: '知晓' }, { id: 'o2', label: '不知晓' }] }
  const rating = { ...newQuestion('rating', [single]), title: '工作作风评价' }
  return { ...emptyDraft(), title: '巡察调研问卷', questions: [single, rating], ...overrides }
}

describe('survey builder rules', () => {
  it('accepts a complete draft, and its body passes the shared schema the server applies', () => {
    const d = draft()
    expect(validateDraft(d)).toEqual({})
    const body = toBody(d)
    expect(surveyBody.safeParse(body).success).toBe(true)
    expect(body.questions.map((q) => [q.id, q.type])).toEqual([
      ['q1', 'single'],
      ['q2', 'rating'],
    ])
    expect(body.questions[1]).not.toHaveProperty('options')
  })

  it('names every problem in Chinese with the question number', () => {
    const d = draft({ title: '  ' })
    d.questions[0] = { ...d.questions[0], title: '', options: [{ id: 'o1', label: '是' }, { id: 'o2', label: ' ' }, { id: 'o3', label: '是' }] }
    d.questions.push({ ...newQuestion('multiple', d.questions), title: '存在的问题', options: [{ id: 'o1', label: 'A' }], maxChoices: 3 })
    d.questions.push({ ...newQuestion('text', d.questions), title: '意见建议', maxLength: 5000 })
    const errors = validateDraft(d)
    expect(errors).toEqual({
      title: '请填写问卷标题',
      'q1.title': '第1题：请填写题目',
      'q1.option.o2': '第1题：请填写选项 2 的内容',
      'q1.option.o3': '第1题：选项「是」重复',
      'q3.options': '第3题：选择题至少需要 2 个选项',
      'q3.maxChoices': '第3题：最多可选 3 项，但只有 1 个选项',
      'q4.maxLength': '第4题：字数上限应在 1 到 2000 之间',
    })
  })

  it('lets a draft be saved empty but not published empty', () => {
    const d = draft({ questions: [] })
    expect(validateDraft(d)).toEqual({})
    expect(validateDraft(d, { forPublish: true })).toEqual({ questions: '问卷至少需要一道题目' })
  })

  it('keeps ids stable when questions are moved, removed and added', () => {
    const d = draft()
    const moved = move(d.questions, 1, -1)
    expect(moved.map((q) => q.id)).toEqual(['q2', 'q1'])
    expect(move(d.questions, 0, -1).map((q) => q.id)).toEqual(['q1', 'q2'])
    const afterRemoval = [moved[0]]
    expect(newQuestion('text', afterRemoval).id).toBe('q3')
    expect(nextId('q', ['q2'])).toBe('q3')
    expect(nextId('q', ['q1', 'q3'])).toBe('q4')
    const q = addOption(d.questions[0])
    expect(q.options.map((o) => o.id)).toEqual(['o1', 'o2', 'o3'])
  })

  it('reads a saved survey back into the same draft', () => {
    const body = toBody(draft())
    const again = fromSurvey({ id: 's1', tourRoundId: null, roundName: null, title: body.title, intro: null, questions: body.questions, status: 'draft', publishedAt: null, closedAt: null, answerCount: 0 })
    expect(toBody(again)).toEqual(body)
  })

  it('puts the server issues on the question they name, after reordering too', () => {
    const d = draft()
    expect(serverIssueKey(d, 'questions.0.options.1')).toBe('q1.option.o2')
    expect(serverIssueKey(d, 'questions.1.title')).toBe('q2.title')
    expect(serverIssueKey(d, 'title')).toBe('title')
    expect(serverIssueKey(d, 'questions.9.title')).toBe('questions')
    expect(serverIssueKey(d, 'tourRoundId')).toBeUndefined()
  })
})
