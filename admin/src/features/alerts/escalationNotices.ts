// 督办通知书 on an escalation case: the case's detail (notices and history), issuing a notice, printing it.
import { escalationDetailResponse, urgeNoticeView, type EscalationDetail, type UrgeNoticeIssueBody, type UrgeNoticeView } from '@msjd/shared/escalation-notices'
import { apiRequest } from '../../api/client'
import { downloadFile } from '../../api/files'

export type { EscalationDetail, UrgeNoticeIssueBody, UrgeNoticeView }

const id = (value: string) => encodeURIComponent(value)

export function getEscalation(escalationId: string, signal?: AbortSignal): Promise<EscalationDetail> {
  return apiRequest(`/staff/alerts/escalations/${id(escalationId)}`, { schema: escalationDetailResponse, signal })
}

/** Issues the notice (serial taken by the server) and opens the unit's rectification task. */
export function issueUrgeNotice(escalationId: string, body: UrgeNoticeIssueBody): Promise<UrgeNoticeView> {
  return apiRequest(`/staff/alerts/escalations/${id(escalationId)}/notices`, { method: 'POST', body, schema: urgeNoticeView })
}

/** The 督办通知书 as a PDF with its serial (fetched with the token; the print is audited). */
export const downloadUrgeNoticePdf = (noticeId: string, serial: string) =>
  downloadFile(`/staff/alerts/urge-notices/${id(noticeId)}/pdf`, {}, `督办通知书${serial}.pdf`)
