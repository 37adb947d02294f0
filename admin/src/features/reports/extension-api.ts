// 延期 requests: the report page's card and the supervisors' approval queue use the same calls.
import { reportExtensionList, reportExtensionView } from '@msjd/shared/reports'
import { apiRequest } from '../../api/client'

const base = (reportId: string) => `/staff/reports/${encodeURIComponent(reportId)}/extensions`
export const listExtensions = (reportId: string, signal?: AbortSignal) => apiRequest(base(reportId), { schema: reportExtensionList, signal })
export const requestExtension = (reportId: string, body: { workdays: number; reason: string }) =>
  apiRequest(base(reportId), { method: 'POST', body, schema: reportExtensionView })
export const listPendingExtensions = (signal?: AbortSignal) => apiRequest('/staff/extension-requests', { schema: reportExtensionList, signal })
export const decideExtension = (id: string, body: { approve: boolean; note?: string }) =>
  apiRequest(`/staff/extension-requests/${encodeURIComponent(id)}/decision`, { method: 'POST', body, schema: reportExtensionView })
