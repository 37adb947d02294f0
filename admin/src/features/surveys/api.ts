import {
  pageOf,
  surveyBody,
  surveyResultsSchema,
  surveySchema,
  surveyUpdateBody,
  type SurveyResults,
} from '@msjd/shared'
import { apiRequest, buildUrl, errorFromResponse, getToken, ApiRequestError, clientErrorCodes } from '../../api/client'

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

/** The file name the server chose (RFC 5987 `filename*` first: it carries the Chinese title). */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition)
  if (extended) {
    try {
      return decodeURIComponent(extended[1])
    } catch {
      // a malformed escape: fall through to the plain name
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition)
  return plain ? plain[1] : fallback
}

/**
 * The XLSX export needs the bearer token, so a plain link cannot fetch it: download it as a blob and hand it to
 * the browser through a temporary object URL.
 */
export async function downloadSurveyExport(id: string, fallbackName: string): Promise<string> {
  const token = getToken()
  let response: Response
  try {
    response = await fetch(buildUrl(path(id, '/export.xlsx')), { headers: token ? { Authorization: `Bearer ${token}` } : {} })
  } catch {
    throw new ApiRequestError({ status: 0, code: clientErrorCodes.network, message: '无法连接服务器，请检查网络后重试' })
  }
  if (!response.ok) {
    const text = await response.text()
    let body: unknown = text
    try {
      body = JSON.parse(text)
    } catch {
      // not JSON: errorFromResponse falls back to the status sentence
    }
    throw errorFromResponse(response.status, body)
  }
  const blob = await response.blob()
  const name = fileNameFrom(response.headers.get('Content-Disposition'), fallbackName)
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.appendChild(link)
  link.click()
  link.remove()
  // Revoke later: some browsers start reading the blob only after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
  return name
}
