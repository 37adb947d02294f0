import type { Survey } from '@msjd/shared/tours'

/** The public survey as listed: the staff view without the answer count, plus whether this citizen answered. */
export type PublicSurvey = Omit<Survey, 'answerCount'> & { answered: boolean }

export const surveyListUrl = '/pages/surveys/index'
export const surveyAnswerUrl = (id: string) => `/pages/surveys/answer?id=${encodeURIComponent(id)}`
export const surveyThanksUrl = '/pages/surveys/thanks'

/** What the citizen can still do with a survey. */
export type SurveyState = 'open' | 'answered' | 'closed'

export function surveyState(s: Pick<PublicSurvey, 'status' | 'answered'>): SurveyState {
  if (s.answered) return 'answered'
  return s.status === 'published' ? 'open' : 'closed'
}

export const surveyStateLabels: Record<SurveyState, string> = { open: '去填写', answered: '已参与', closed: '已结束' }

export interface SurveySection {
  key: 'open' | 'closed'
  title: string
  items: PublicSurvey[]
}

/** Open surveys (answered or not) first, then those that have ended; the server's order is kept within each. */
export function surveySections(surveys: readonly PublicSurvey[]): SurveySection[] {
  const open = surveys.filter((s) => s.status === 'published')
  const closed = surveys.filter((s) => s.status !== 'published')
  const sections: SurveySection[] = []
  if (open.length) sections.push({ key: 'open', title: '正在进行的调研', items: open })
  if (closed.length) sections.push({ key: 'closed', title: '已结束的调研', items: closed })
  return sections
}

export function mergeSurveyPages(shown: readonly PublicSurvey[], next: readonly PublicSurvey[]): PublicSurvey[] {
  const seen = new Set(shown.map((s) => s.id))
  return [...shown, ...next.filter((s) => !seen.has(s.id))]
}

/**
 * How to return to the survey list: back, when it is the page right below (it refreshes when shown), so the page
 * stack does not pile up lists; otherwise (opened from a link or a QR code) the list replaces this page.
 */
export function returnToList(stack: readonly { route?: string }[]): 'back' | 'redirect' {
  const below = stack.length > 1 ? stack[stack.length - 2].route : undefined
  const route = (below ?? '').replace(/^\//, '').split('?')[0]
  return `/${route}` === surveyListUrl ? 'back' : 'redirect'
}
