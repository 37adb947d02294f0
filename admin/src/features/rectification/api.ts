import {
  inspectedUnitSchema,
  rectificationEvidenceLink,
  rectificationListQuery,
  rectificationListResponse,
  rectificationReviewBody,
  rectificationTaskBody,
  rectificationTaskSchema,
  unitListResponse,
} from '@msjd/shared'
import { apiRequest, type ResponseSchema } from '../../api/client'
import { downloadFile, uploadFile } from '../../api/files'

export type RectificationTask = ReturnType<typeof rectificationTaskSchema.parse>
export type RectificationList = ReturnType<typeof rectificationListResponse.parse>
export type RectificationListQuery = ReturnType<typeof rectificationListQuery.parse>
export type ReviewBody = ReturnType<typeof rectificationReviewBody.parse>
export type Evidence = RectificationTask['evidence'][number]

const path = (id: string, suffix = '') => `/staff/rectifications/${encodeURIComponent(id)}${suffix}`

export const listRectifications = (query: Partial<RectificationListQuery>, signal?: AbortSignal) =>
  apiRequest('/staff/rectifications', { query, schema: rectificationListResponse, signal })

export const getRectification = (id: string, signal?: AbortSignal) => apiRequest(path(id), { schema: rectificationTaskSchema, signal })

export const submitRectification = (id: string, note?: string) =>
  apiRequest(path(id, '/submit'), { method: 'POST', body: { note: note || null }, schema: rectificationTaskSchema })

export const reviewRectification = (id: string, body: ReviewBody) =>
  apiRequest(path(id, '/review'), { method: 'POST', body, schema: rectificationTaskSchema })

export const markIncomplete = (id: string, note: string) =>
  apiRequest(path(id, '/incomplete'), { method: 'POST', body: { note }, schema: rectificationTaskSchema })

/** A short-lived (5 min) link to the stored file; asked for at the moment staff open it. */
export const evidenceLink = (id: string, evidenceId: string) =>
  apiRequest(path(id, `/evidence/${encodeURIComponent(evidenceId)}`), { schema: rectificationEvidenceLink })

export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
export const EVIDENCE_ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf,.jpg,.jpeg,.png,.webp,.pdf'

/** What the server accepts (it sniffs the bytes again); checked first so staff do not wait for a 20 MB upload to fail. */
export function evidenceProblem(file: { name: string; type: string; size: number }): string | undefined {
  const typeOk = /^(image\/(jpeg|png|webp)|application\/pdf)$/.test(file.type) || /\.(jpe?g|png|webp|pdf)$/i.test(file.name)
  if (!typeOk) return '整改材料只支持 JPG、PNG、WebP 图片或 PDF 文件'
  if (file.size === 0) return '文件是空的，请重新选择'
  if (file.size > MAX_EVIDENCE_BYTES) return '单个文件不能超过 20 MB'
  return undefined
}

/** One piece of evidence; its note goes before the file so the server reads it with the file. */
export const uploadEvidence = (id: string, file: File, note?: string): Promise<RectificationTask> =>
  uploadFile(path(id, '/evidence'), file, { schema: rectificationTaskSchema, fields: note?.trim() ? { note: note.trim() } : {} })

export type TaskBody = ReturnType<typeof rectificationTaskBody.parse>
export type InspectedUnit = ReturnType<typeof inspectedUnitSchema.parse>

export const createRectification = (body: TaskBody) =>
  apiRequest('/staff/rectifications', { method: 'POST', body, schema: rectificationTaskSchema })

const inspectedUnits = inspectedUnitSchema.array()
const inspectedUnitList: ResponseSchema<InspectedUnit[]> = {
  safeParse(data: unknown) {
    const parsed = inspectedUnits.safeParse((data as { items?: unknown } | null)?.items)
    return parsed.success ? { success: true, data: parsed.data } : { success: false }
  },
}

/** The units a round inspects, each with the group inspecting it (a tour group may only task its own). */
export const listInspectedUnits = (roundId: string, signal?: AbortSignal) =>
  apiRequest(`/staff/tour-rounds/${encodeURIComponent(roundId)}/units`, { schema: inspectedUnitList, signal })

/** Units whose name or code matches `q` (the directory can be far larger than one page), for the 责任单位 picker. */
export async function searchUnits(q: string, signal?: AbortSignal): Promise<{ value: string; label: string }[]> {
  const { items } = await apiRequest('/staff/units', { query: { q: q.trim() || undefined, page: 1, pageSize: 50 }, schema: unitListResponse, signal })
  return items.map((u) => ({ value: u.id, label: u.name }))
}

/** The 立行立改通知书 as a PDF with its serial (fetched with the token, saved under the server's file name). */
export const downloadNoticePdf = (noticeId: string, serial: string | null) =>
  downloadFile(`/staff/rectification-notices/${encodeURIComponent(noticeId)}/pdf`, {}, `立行立改通知书${serial ?? ''}.pdf`)

/** The 督办通知书 that opened a task, as a PDF with its serial (the addressed unit's liaison may print it). */
export { downloadUrgeNoticePdf } from '../alerts/escalationNotices'
