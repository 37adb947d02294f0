import { surveyAnswerBody, type SurveyAnswerBody, type SurveyQuestion } from '@msjd/shared/tours'
import type { ApiIssue } from './api-error'

/** What the citizen has chosen or typed so far, by question id (nothing = not answered yet). */
export type AnswerDraft = Record<string, string | string[] | number | undefined>
/** Messages by question id; `form` for anything not tied to one question. */
export type AnswerErrors = Record<string, string>

const isBlank = (v: AnswerDraft[string]) => v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0)

/** `第2题「…」`, the way the server names a question in its 400 answer. */
export const questionName = (q: SurveyQuestion, index: number) => `第${index + 1}题「${q.title}」`

/**
 * The same checks the server makes on `POST /api/public/surveys/:id/answers` (server/src/modules/surveys/service.ts
 * `validateAnswers`), with the same wording, so the citizen sees the problem before sending. The body is then
 * parsed with the shared `surveyAnswerBody`; unanswered optional questions are left out of it.
 */
export function validateAnswers(questions: readonly SurveyQuestion[], draft: AnswerDraft): { errors: AnswerErrors; body: SurveyAnswerBody | null } {
  const errors: AnswerErrors = {}
  const answers: Record<string, string | string[] | number> = {}
  questions.forEach((q, i) => {
    const v = draft[q.id]
    const bad = (message: string) => void (errors[q.id] = `${questionName(q, i)}${message}`)
    if (isBlank(v)) {
      if (q.required) bad('为必答题')
      return
    }
    switch (q.type) {
      case 'single':
        if (typeof v !== 'string' || !q.options.some((o) => o.id === v)) return bad('请选择一个有效选项')
        answers[q.id] = v
        return
      case 'multiple': {
        if (!Array.isArray(v)) return bad('应选择一个或多个选项')
        if (new Set(v).size !== v.length) return bad('选项重复')
        if (v.some((x) => !q.options.some((o) => o.id === x))) return bad('包含无效选项')
        if (q.maxChoices && v.length > q.maxChoices) return bad(`最多选择 ${q.maxChoices} 项`)
        // in the questionnaire's option order, whatever order they were tapped in
        answers[q.id] = q.options.filter((o) => v.includes(o.id)).map((o) => o.id)
        return
      }
      case 'rating':
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 5) return bad('评分应为 1 到 5 的整数')
        answers[q.id] = v
        return
      case 'text':
        if (typeof v !== 'string') return bad('应填写文字')
        if (v.trim().length > q.maxLength) return bad(`不能超过 ${q.maxLength} 字`)
        answers[q.id] = v.trim()
        return
    }
  })
  if (Object.keys(errors).length) return { errors, body: null }
  const parsed = surveyAnswerBody.safeParse({ answers })
  if (!parsed.success) return { errors: { form: '答卷内容有误，请检查后重试' }, body: null }
  return { errors, body: parsed.data }
}

/** Taps a choice: single replaces, multiple toggles (a full multiple-choice question refuses one more). */
export function choose(q: SurveyQuestion, current: AnswerDraft[string], optionId: string): AnswerDraft[string] {
  if (q.type === 'single') return optionId
  if (q.type !== 'multiple') return current
  const chosen = Array.isArray(current) ? current : []
  if (chosen.includes(optionId)) return chosen.filter((x) => x !== optionId)
  if (q.maxChoices && chosen.length >= q.maxChoices) return chosen
  return [...chosen, optionId]
}

export function isChosen(current: AnswerDraft[string], optionId: string): boolean {
  return Array.isArray(current) ? current.includes(optionId) : current === optionId
}

/** The hint under a question's title: 必答/选答, and for multiple choice how many may be chosen. */
export function questionHint(q: SurveyQuestion): string {
  const parts = [q.required ? '必答' : '选答']
  if (q.type === 'multiple') parts.push(q.maxChoices ? `可多选，最多 ${q.maxChoices} 项` : '可多选')
  if (q.type === 'rating') parts.push('1 分最低，5 分最高')
  if (q.type === 'text') parts.push(`不超过 ${q.maxLength} 字`)
  return parts.join(' · ')
}

/**
 * The server's 400 issues (`path: "answers.<questionId>"`, message naming the question) as errors by question;
 * an issue about no known question goes to `form`.
 */
export function errorsFromIssues(questions: readonly SurveyQuestion[], issues: readonly ApiIssue[], fallback: string): AnswerErrors {
  const ids = new Set(questions.map((q) => q.id))
  const errors: AnswerErrors = {}
  for (const issue of issues) {
    const path = issue.path
    const id = path.startsWith('answers.') ? path.slice('answers.'.length).split('.')[0] : ''
    const key = id && ids.has(id) ? id : 'form'
    errors[key] ??= issue.message
  }
  if (!Object.keys(errors).length) errors.form = fallback
  return errors
}

/** The first question (in display order) with an error, to scroll to. */
export function firstErrorQuestion(questions: readonly SurveyQuestion[], errors: AnswerErrors): string | null {
  return questions.find((q) => errors[q.id])?.id ?? null
}
