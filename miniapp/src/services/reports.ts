import {
  reportAnswerResponse,
  reportCategoryListResponse,
  reportMineResponse,
  reportPublicView,
  reportSubmitResponse,
  type ReportPublicView,
  type ReportRating,
  type ReportSubmitBody,
} from '@msjd/shared/reports'
import { sceneResolveResponse } from '@msjd/shared/tours'
import { ApiRequestError, clientErrorCodes, toApiRequestError } from '../lib/api-error'
import type { LookupInput } from '../lib/report-view'
import { request, uploadFile } from './request'
import { send } from './transport'

/** Citizen reporting API (server/src/modules/reports/public-routes.ts, under /api/public). */

export const listCategories = () => request({ path: '/api/public/reports/categories', schema: reportCategoryListResponse })

/**
 * Silent: the page shows validation failures next to the fields and toasts the rest itself. A 保密 report goes to the
 * account-free route with no token at all, so nothing on the way ties it to this device's session.
 */
export async function submitReport(body: ReportSubmitBody) {
  if (!body.confidential) {
    return request({ method: 'POST', path: '/api/public/reports', data: body, schema: reportSubmitResponse, silent: true })
  }
  let answer: unknown
  try {
    answer = await send({ method: 'POST', path: '/api/public/reports/confidential', data: body })
  } catch (error) {
    throw toApiRequestError(error)
  }
  const parsed = reportSubmitResponse.safeParse(answer)
  if (!parsed.success) throw new ApiRequestError({ status: 200, code: clientErrorCodes.badResponse, message: '服务返回了无法识别的数据，请稍后重试' })
  return parsed.data
}

export const listMine = () => request({ path: '/api/public/reports/mine', schema: reportMineResponse, silent: true })

export const getMine = (id: string) => request({ path: `/api/public/reports/mine/${encodeURIComponent(id)}`, schema: reportPublicView })

/** Silent: a wrong code or secret is told under the inputs. Anonymous: the code is the credential, no session goes with it. */
export const lookup = (input: LookupInput) =>
  request({ method: 'POST', path: '/api/public/reports/lookup', data: input, schema: reportPublicView, silent: true, anonymous: true })

/** How the page reached a report: its own (logged-in device) or by query code + secret (then without a session). */
export type ReportTarget = { kind: 'mine'; id: string } | { kind: 'code'; code: string; secret: string }

export function supplement(target: ReportTarget, text: string): Promise<ReportPublicView> {
  return target.kind === 'mine'
    ? request({ method: 'POST', path: `/api/public/reports/${encodeURIComponent(target.id)}/supplements`, data: { text }, schema: reportPublicView })
    : request({ method: 'POST', path: '/api/public/reports/lookup/supplements', data: { code: target.code, secret: target.secret, text }, schema: reportPublicView, anonymous: true })
}

/**
 * The reporter answers the commission's question. Silent: the page shows a validation message under the text and
 * toasts the rest (409 NO_QUESTION / REPORT_CLOSED). Photos follow with uploadPhoto(…, { messageId }).
 */
export function answer(target: ReportTarget, body: string) {
  return target.kind === 'mine'
    ? request({ method: 'POST', path: `/api/public/reports/${encodeURIComponent(target.id)}/messages`, data: { body }, schema: reportAnswerResponse, silent: true })
    : request({ method: 'POST', path: '/api/public/reports/lookup/messages', data: { code: target.code, secret: target.secret, body }, schema: reportAnswerResponse, silent: true, anonymous: true })
}

export function rate(target: ReportTarget, rating: ReportRating, comment?: string): Promise<ReportPublicView> {
  const extra = comment ? { comment } : {}
  return target.kind === 'mine'
    ? request({ method: 'POST', path: `/api/public/reports/${encodeURIComponent(target.id)}/rating`, data: { rating, ...extra }, schema: reportPublicView })
    : request({ method: 'POST', path: '/api/public/reports/lookup/rating', data: { code: target.code, secret: target.secret, rating, ...extra }, schema: reportPublicView, anonymous: true })
}

export const resolveScene = (scene: string) =>
  request({ path: `/api/public/scenes/${encodeURIComponent(scene)}`, schema: sceneResolveResponse, silent: true })

/** A 保密 report's photos go by query code + secret, without a token. */
export interface ReportCredentials {
  code: string
  secret: string
}

/** Where a photo goes: a 保密 report's by code + secret; with messageId it joins that answer to a question. */
export interface UploadOptions {
  onProgress?: (percent: number) => void
  creds?: ReportCredentials
  messageId?: string
}

/**
 * One photo to `POST /api/public/reports/:id/attachments` (multipart, field `file`), with upload progress; with
 * `messageId` (…/attachments?messageId=) it goes with that answer to the commission's question. A 保密 report's
 * photo goes to …/lookup/attachments by code + secret, without a token. No toast: the form says which photo failed.
 */
export async function uploadPhoto(reportId: string, filePath: string, { onProgress, creds, messageId }: UploadOptions = {}): Promise<void> {
  const query = messageId ? `?messageId=${encodeURIComponent(messageId)}` : ''
  const path = (creds ? '/api/public/reports/lookup/attachments' : `/api/public/reports/${encodeURIComponent(reportId)}/attachments`) + query
  await uploadFile({
    path,
    filePath,
    onProgress,
    ...(creds ? { anonymous: true, header: { 'x-report-code': creds.code, 'x-report-secret': creds.secret } } : {}),
  })
}
