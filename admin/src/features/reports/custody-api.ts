// 双人审批 requests: the report page's custody card and the supervisors' approval queue use the same calls.
import { identityRevealRequestList, identityRevealRequestView } from '@msjd/shared/protection'
import { apiRequest } from '../../api/client'

const base = (reportId: string) => `/staff/reports/${encodeURIComponent(reportId)}/identity-requests`
export const listRevealRequests = (reportId: string, signal?: AbortSignal) => apiRequest(base(reportId), { schema: identityRevealRequestList, signal })
export const askReveal = (reportId: string, reason: string) => apiRequest(base(reportId), { method: 'POST', body: { reason }, schema: identityRevealRequestView })
/** Requests waiting for a supervisor's decision, oldest first. */
export const listPendingReveals = (signal?: AbortSignal) => apiRequest('/staff/identity-requests', { schema: identityRevealRequestList, signal })
export const decideReveal = (id: string, body: { approve: boolean; note?: string }) =>
  apiRequest(`/staff/identity-requests/${encodeURIComponent(id)}/decision`, { method: 'POST', body, schema: identityRevealRequestView })
