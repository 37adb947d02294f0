import Taro from '@tarojs/taro'
import { pageOf } from '@msjd/shared/units'
import { publicSurveySchema, type SurveyAnswerBody } from '@msjd/shared/tours'
import { returnToList, surveyListUrl } from '../lib/surveys'
import { request, type ResponseSchema } from './request'

/** 巡察调研 for citizens (server/src/modules/surveys/routes.ts, under /api/public). */

export const SURVEY_PAGE_SIZE = 20
const surveyPage = pageOf(publicSurveySchema)
/** The route's 201 body, declared inline there as `{ ok: true, message }` (no shared schema to import). */
export interface AnswerAccepted {
  ok: true
  message: string
}
const answerAccepted: ResponseSchema<AnswerAccepted> = {
  safeParse(data) {
    const d = data as Partial<AnswerAccepted> | null
    return d && d.ok === true && typeof d.message === 'string' ? { success: true, data: { ok: true, message: d.message } } : { success: false }
  },
}

/** Open surveys first, each marked when this citizen has already answered. */
export const listSurveys = (page: number) =>
  request({ path: `/api/public/surveys?page=${page}&pageSize=${SURVEY_PAGE_SIZE}`, schema: surveyPage, silent: true })

export const getSurvey = (id: string) => request({ path: `/api/public/surveys/${encodeURIComponent(id)}`, schema: publicSurveySchema, silent: true })

/**
 * Silent: a 400 names the question at fault and is shown under it; 409 `ALREADY_ANSWERED` / `SURVEY_CLOSED`
 * turn the page into the matching state.
 */
export const submitSurveyAnswers = (id: string, body: SurveyAnswerBody) =>
  request({ method: 'POST', path: `/api/public/surveys/${encodeURIComponent(id)}/answers`, data: body, schema: answerAccepted, silent: true })

const THANKS_KEY = 'msjd.surveyThanks'

/** What the thank-you page shows: the survey answered and the server's word of thanks. */
export interface SurveyThanks {
  surveyId: string
  title: string
  message: string
}

export function saveSurveyThanks(thanks: SurveyThanks): void {
  try {
    Taro.setStorageSync(THANKS_KEY, thanks)
  } catch {
    // the thank-you page then says its default words
  }
}

export function readSurveyThanks(): SurveyThanks | null {
  try {
    const t = Taro.getStorageSync(THANKS_KEY) as Partial<SurveyThanks> | ''
    if (t && typeof t === 'object' && typeof t.title === 'string' && typeof t.message === 'string') {
      return { surveyId: String(t.surveyId ?? ''), title: t.title, message: t.message }
    }
  } catch {
    // unreadable storage: nothing to show but the default words
  }
  return null
}

/** Back to the survey list (see `returnToList`). */
export function openSurveyList(): void {
  if (returnToList(Taro.getCurrentPages()) === 'back') void Taro.navigateBack({ delta: 1 })
  else void Taro.redirectTo({ url: surveyListUrl })
}
