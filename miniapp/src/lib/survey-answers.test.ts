import { describe, expect, it } from 'vitest'
import { surveyQuestionsSchema, type SurveyQuestion } from '@msjd/shared/tours'
import { choose, errorsFromIssues, firstErrorQuestion, isChosen, questionHint, validateAnswers } from './survey-answers'
import { mergeSurveyPages, returnToList, surveyAnswerUrl, surveySections, surveyState, type PublicSurvey } from './surveys'

// Parsed with the shared schema, so defaults (required, maxLength) are what the server stores.
const questions: SurveyQuestion[] = surveyQuestionsSchema.parse([
  { id: 'q1', type: 'single', title: '您是否知晓本轮巡察', options: [{ id: 'yes', label: '知晓' }, { id: 'no', label: '不知晓' }] },
  {
    id: 'q2',
    type: 'multiple',
    title: '您认为突出的问题',
    maxChoices: 2,
    options: [{ id: 'a', label: '办事难' }, { id: 'b', label: '作风漂浮' }, { id: 'c', label: '乱收费' }],
  },
  { id: 'q3', type: 'rating', title: '对党风廉政建设的评价' },
  { id: 'q4', type: 'text', title: '意见建议', required: false, maxLength: 10 },
])

describe('survey answer validation (the server rules, client side)', () => {
  it('names every unanswered required question the way the server does', () => {
    const { errors, body } = validateAnswers(questions, { q4: '   ' })
    expect(body).toBeNull()
    expect(errors).toEqual({
      q1: '第1题「您是否知晓本轮巡察」为必答题',
      q2: '第2题「您认为突出的问题」为必答题',
      q3: '第3题「对党风廉政建设的评价」为必答题',
    })
    expect(firstErrorQuestion(questions, errors)).toBe('q1')
  })

  it('refuses unknown options, too many choices, ratings outside 1-5 and text over the limit', () => {
    const { errors } = validateAnswers(questions, { q1: 'maybe', q2: ['a', 'b', 'c'], q3: 6, q4: '一二三四五六七八九十十一' })
    expect(errors).toEqual({
      q1: '第1题「您是否知晓本轮巡察」请选择一个有效选项',
      q2: '第2题「您认为突出的问题」最多选择 2 项',
      q3: '第3题「对党风廉政建设的评价」评分应为 1 到 5 的整数',
      q4: '第4题「意见建议」不能超过 10 字',
    })
    expect(validateAnswers(questions, { q1: 'yes', q2: ['a', 'a'], q3: 2.5 }).errors).toEqual({
      q2: '第2题「您认为突出的问题」选项重复',
      q3: '第3题「对党风廉政建设的评价」评分应为 1 到 5 的整数',
    })
    expect(validateAnswers(questions, { q1: 'yes', q2: ['zzz'], q3: 3 }).errors).toEqual({ q2: '第2题「您认为突出的问题」包含无效选项' })
  })

  it('builds the body: choices in the questionnaire order, text trimmed, optional blanks left out', () => {
    const { errors, body } = validateAnswers(questions, { q1: 'no', q2: ['c', 'a'], q3: 5, q4: '  ' })
    expect(errors).toEqual({})
    expect(body).toEqual({ answers: { q1: 'no', q2: ['a', 'c'], q3: 5 } })
    expect(validateAnswers(questions, { q1: 'yes', q2: ['b'], q3: 1, q4: ' 多听群众意见 ' }).body).toEqual({
      answers: { q1: 'yes', q2: ['b'], q3: 1, q4: '多听群众意见' },
    })
  })
})

describe('choosing', () => {
  const [single, multiple] = questions
  it('replaces a single choice and toggles multiple choices up to the limit', () => {
    expect(choose(single, 'yes', 'no')).toBe('no')
    let v = choose(multiple, undefined, 'a')
    v = choose(multiple, v, 'b')
    expect(v).toEqual(['a', 'b'])
    expect(choose(multiple, v, 'c')).toEqual(['a', 'b'])
    expect(choose(multiple, v, 'a')).toEqual(['b'])
    expect(isChosen(v, 'a')).toBe(true)
    expect(isChosen('yes', 'yes')).toBe(true)
    expect(isChosen(undefined, 'yes')).toBe(false)
  })

  it('hints whether a question must be answered and how', () => {
    expect(questions.map(questionHint)).toEqual(['必答', '必答 · 可多选，最多 2 项', '必答 · 1 分最低，5 分最高', '选答 · 不超过 10 字'])
  })
})

describe('the server’s 400', () => {
  it('puts each issue under the question its path names, anything else on the form', () => {
    const errors = errorsFromIssues(
      questions,
      [
        { path: 'answers.q3', code: 'invalid_rating', message: '第3题「对党风廉政建设的评价」评分应为 1 到 5 的整数' },
        { path: 'answers.zz', code: 'unknown_question', message: '问卷中没有编号为 zz 的题目' },
      ],
      '答卷不完整或有误',
    )
    expect(errors).toEqual({ q3: '第3题「对党风廉政建设的评价」评分应为 1 到 5 的整数', form: '问卷中没有编号为 zz 的题目' })
  })

  it('falls back to the message when no issue came', () => {
    expect(errorsFromIssues(questions, [], '答卷不完整或有误')).toEqual({ form: '答卷不完整或有误' })
  })
})

describe('survey list', () => {
  const survey = (id: string, over: Partial<PublicSurvey> = {}): PublicSurvey => ({
    id,
    tourRoundId: null,
    roundName: null,
    title: id,
    intro: null,
    questions,
    status: 'published',
    publishedAt: null,
    closedAt: null,
    answered: false,
    ...over,
  })

  it('tells what the citizen can still do', () => {
    expect(surveyState(survey('a'))).toBe('open')
    expect(surveyState(survey('a', { answered: true }))).toBe('answered')
    expect(surveyState(survey('a', { status: 'closed' }))).toBe('closed')
    expect(surveyState(survey('a', { status: 'closed', answered: true }))).toBe('answered')
  })

  it('lists open surveys before ended ones and pages without repeats', () => {
    const sections = surveySections([survey('x', { status: 'closed' }), survey('y'), survey('z', { answered: true })])
    expect(sections.map((s) => [s.key, s.items.map((i) => i.id)])).toEqual([
      ['open', ['y', 'z']],
      ['closed', ['x']],
    ])
    expect(mergeSurveyPages([survey('a')], [survey('a'), survey('b')]).map((s) => s.id)).toEqual(['a', 'b'])
    expect(surveyAnswerUrl('s1')).toBe('/pages/surveys/answer?id=s1')
  })

  it('returns to the list by going back only when the list is the page below', () => {
    expect(returnToList([{ route: 'pages/surveys/index' }, { route: 'pages/surveys/thanks' }])).toBe('back')
    expect(returnToList([{ route: '/pages/surveys/index?x=1' }, { route: 'pages/surveys/answer' }])).toBe('back')
    expect(returnToList([{ route: 'pages/index/index' }, { route: 'pages/surveys/thanks' }])).toBe('redirect')
    expect(returnToList([{ route: 'pages/surveys/thanks' }])).toBe('redirect')
    expect(returnToList([])).toBe('redirect')
  })
})
