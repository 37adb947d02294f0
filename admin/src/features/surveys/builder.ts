// The survey builder's working copy and its checks. Kept apart from the page so the rules can be tested without
// rendering: the page only shows what validateDraft says, the server checks the same body again with the shared
// schema (surveyQuestionsSchema) when it is saved.
import { surveyBody, surveyQuestionTypes, type SurveyQuestion } from '@msjd/shared'
import type { Survey, SurveyBody } from './api'

export type QuestionType = (typeof surveyQuestionTypes)[number]

export interface DraftOption {
  id: string
  label: string
}

/** One question as edited: every type keeps its options, so switching single <-> text and back loses nothing. */
export interface DraftQuestion {
  id: string
  type: QuestionType
  title: string
  required: boolean
  options: DraftOption[]
  /** multiple choice: at most this many options may be ticked (empty = no limit) */
  maxChoices: number | null
  /** free text: longest answer in characters */
  maxLength: number
}

export interface SurveyDraft {
  title: string
  intro: string
  tourRoundId: string | null
  questions: DraftQuestion[]
}

export const LIMITS = { title: 120, intro: 2000, questionTitle: 300, optionLabel: 200, minOptions: 2, maxOptions: 20, questions: 100, textMax: 2000 } as const
export const DEFAULT_TEXT_LENGTH = 500

export const emptyDraft = (): SurveyDraft => ({ title: '', intro: '', tourRoundId: null, questions: [] })

const isChoice = (type: QuestionType) => type === 'single' || type === 'multiple'

/** Next free id of the form <prefix><n>; ids stay stable when items are moved or removed (answers refer to them). */
export function nextId(prefix: string, taken: readonly string[]): string {
  let n = taken.length + 1
  while (taken.includes(`${prefix}${n}`)) n += 1
  return `${prefix}${n}`
}

export function newQuestion(type: QuestionType, existing: readonly DraftQuestion[]): DraftQuestion {
  return {
    id: nextId('q', existing.map((q) => q.id)),
    type,
    title: '',
    required: true,
    options: isChoice(type) ? [{ id: 'o1', label: '' }, { id: 'o2', label: '' }] : [],
    maxChoices: null,
    maxLength: DEFAULT_TEXT_LENGTH,
  }
}

export function addOption(q: DraftQuestion): DraftQuestion {
  return { ...q, options: [...q.options, { id: nextId('o', q.options.map((o) => o.id)), label: '' }] }
}

/** Moves item `index` one place up (-1) or down (+1); out of range leaves the list as it is. */
export function move<T>(list: readonly T[], index: number, step: -1 | 1): T[] {
  const target = index + step
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list]
  const next = [...list]
  ;[next[index], next[target]] = [next[target], next[index]]
  return next
}

export function fromSurvey(s: Survey): SurveyDraft {
  return {
    title: s.title,
    intro: s.intro ?? '',
    tourRoundId: s.tourRoundId,
    questions: s.questions.map((q) => ({
      id: q.id,
      type: q.type,
      title: q.title,
      required: q.required,
      options: 'options' in q ? q.options.map((o) => ({ ...o })) : [],
      maxChoices: q.type === 'multiple' ? (q.maxChoices ?? null) : null,
      maxLength: q.type === 'text' ? q.maxLength : DEFAULT_TEXT_LENGTH,
    })),
  }
}

function toQuestion(q: DraftQuestion): SurveyQuestion {
  const base = { id: q.id, title: q.title.trim(), required: q.required }
  const options = q.options.map((o) => ({ id: o.id, label: o.label.trim() }))
  switch (q.type) {
    case 'single':
      return { ...base, type: 'single', options }
    case 'multiple':
      return { ...base, type: 'multiple', options, ...(q.maxChoices ? { maxChoices: q.maxChoices } : {}) }
    case 'rating':
      return { ...base, type: 'rating' }
    case 'text':
      return { ...base, type: 'text', maxLength: q.maxLength }
  }
}

export function toBody(d: SurveyDraft): SurveyBody {
  return {
    tourRoundId: d.tourRoundId,
    title: d.title.trim(),
    intro: d.intro.trim() || null,
    questions: d.questions.map(toQuestion),
  }
}

/** Error keys: `title`, `intro`, `questions`, `<qid>.title`, `<qid>.options`, `<qid>.option.<oid>`, `<qid>.maxChoices`, `<qid>.maxLength`. */
export type DraftErrors = Record<string, string>

/** Every problem of the draft, in Chinese, naming the question by its number as the staff see it. */
export function validateDraft(d: SurveyDraft, { forPublish = false } = {}): DraftErrors {
  const errors: DraftErrors = {}
  const title = d.title.trim()
  if (!title) errors.title = '请填写问卷标题'
  else if (title.length > LIMITS.title) errors.title = `问卷标题不能超过 ${LIMITS.title} 字`
  if (d.intro.trim().length > LIMITS.intro) errors.intro = `问卷说明不能超过 ${LIMITS.intro} 字`
  if (d.questions.length > LIMITS.questions) errors.questions = `一份问卷最多 ${LIMITS.questions} 道题`
  else if (forPublish && d.questions.length === 0) errors.questions = '问卷至少需要一道题目'

  d.questions.forEach((q, i) => {
    const n = `第${i + 1}题`
    const qTitle = q.title.trim()
    if (!qTitle) errors[`${q.id}.title`] = `${n}：请填写题目`
    else if (qTitle.length > LIMITS.questionTitle) errors[`${q.id}.title`] = `${n}：题目不能超过 ${LIMITS.questionTitle} 字`
    if (isChoice(q.type)) {
      if (q.options.length < LIMITS.minOptions) errors[`${q.id}.options`] = `${n}：选择题至少需要 ${LIMITS.minOptions} 个选项`
      else if (q.options.length > LIMITS.maxOptions) errors[`${q.id}.options`] = `${n}：选项不能超过 ${LIMITS.maxOptions} 个`
      const seen = new Set<string>()
      q.options.forEach((o, j) => {
        const label = o.label.trim()
        const key = `${q.id}.option.${o.id}`
        if (!label) errors[key] = `${n}：请填写选项 ${j + 1} 的内容`
        else if (label.length > LIMITS.optionLabel) errors[key] = `${n}：选项 ${j + 1} 不能超过 ${LIMITS.optionLabel} 字`
        else if (seen.has(label)) errors[key] = `${n}：选项「${label}」重复`
        seen.add(label)
      })
      if (q.type === 'multiple' && q.maxChoices !== null) {
        if (!Number.isInteger(q.maxChoices) || q.maxChoices < 1) errors[`${q.id}.maxChoices`] = `${n}：最多可选项数应为正整数`
        else if (q.maxChoices > q.options.length) errors[`${q.id}.maxChoices`] = `${n}：最多可选 ${q.maxChoices} 项，但只有 ${q.options.length} 个选项`
      }
    }
    if (q.type === 'text' && (!Number.isInteger(q.maxLength) || q.maxLength < 1 || q.maxLength > LIMITS.textMax)) {
      errors[`${q.id}.maxLength`] = `${n}：字数上限应在 1 到 ${LIMITS.textMax} 之间`
    }
  })

  // The shared schema is what the server applies; anything it still rejects is a rule missing above.
  if (Object.keys(errors).length === 0 && !surveyBody.safeParse(toBody(d)).success) {
    errors.questions = '问卷内容不符合要求，请检查各题'
  }
  return errors
}

/**
 * The server answers a rejected body with issues like `questions.2.options`: put them on the question they name
 * (by its id, which survives reordering) or, failing that, on the form.
 */
export function serverIssueKey(d: SurveyDraft, path: string): string | undefined {
  const parts = path.split('.')
  if (parts[0] === 'title' || parts[0] === 'intro') return parts[0]
  if (parts[0] !== 'questions') return undefined
  const q = d.questions[Number(parts[1])]
  if (!q) return 'questions'
  if (parts[2] === 'options' && parts[3] !== undefined) {
    const o = q.options[Number(parts[3])]
    return o ? `${q.id}.option.${o.id}` : `${q.id}.options`
  }
  if (parts[2] === 'title' || parts[2] === 'options' || parts[2] === 'maxChoices' || parts[2] === 'maxLength') return `${q.id}.${parts[2]}`
  return `${q.id}.title`
}
