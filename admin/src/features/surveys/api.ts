import {
  pageOf,
  surveyBody,
  surveyResultsSchema,
  surveySchema,
  surveyUpdateBody,
  type SurveyResults,
} from '@msjd/shared'
import { apiRequest } from '../../api/client'
import { downloadFile } from '../../api/files'

export type Survey = ReturnType<typeof surveySchema.parse>
export type SurveyBody = ReturnType<typeof surveyBody.parse>
export type SurveyUpdateBody = ReturnType<typeof surveyUpdateBody.parse>
export type { SurveyResults }
export type SurveyStatus = Survey['status']

const surveyPage = pageOf(surveySchema)
export type SurveyPage = ReturnType<typeof surveyPage.parse>

const path = (id: string, suffix = '') => `/staff/surveys/${encodeURIComponent(id)}${suffix}`

export const listSurveys = (query: { status?: SurveyStatus; page: number; pageSize: number }, signal?: AbortSignal) =>
  apiRequest('/staff/surveys', { query, schema: surveyPage, signal })

export const getSurvey = (id: string, signal?: AbortSignal) => apiRequest(path(id), { schema: surveySchema, signal })

export const createSurvey = (body: SurveyBody) => apiRequest('/staff/surveys', { method: 'POST', body, schema: surveySchema })

export const updateSurvey = (id: string, body: SurveyUpdateBody) => apiRequest(path(id), { method: 'PATCH', body, schema: surveySchema })

export const publishSurvey = (id: string) => apiRequest(path(id, '/publish'), { method: 'POST', schema: surveySchema })

export const closeSurvey = (id: string) => apiRequest(path(id, '/close'), { method: 'POST', schema: surveySchema })

export const deleteSurvey = (id: string) => apiRequest(path(id), { method: 'DELETE' })

export const getSurveyResults = (id: string, signal?: AbortSignal) =>
  apiRequest(path(id, '/results'), { schema: surveyResultsSchema, signal })

/** The results as XLSX, with the bearer token a plain link cannot send. */
export const downloadSurveyExport = (id: string, fallbackName: string) => downloadFile(path(id, '/export.xlsx'), {}, fallbackName)
