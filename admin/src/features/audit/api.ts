import { auditLogListResponse, type AuditLogFilter, type AuditLogListResponse, type AuditLogQuery } from '@msjd/shared/auth'
import { apiRequest } from '../../api/client'
import { downloadFile } from '../../api/files'

export function listAuditLogs(query: AuditLogQuery, signal?: AbortSignal): Promise<AuditLogListResponse> {
  return apiRequest('/staff/audit-logs', { query, schema: auditLogListResponse, signal })
}

/** The filtered log as XLSX (the server records the export in the log itself). */
export function exportAuditLogs(filter: AuditLogFilter): Promise<string> {
  return downloadFile('/staff/audit-logs/export.xlsx', filter, '审计日志.xlsx')
}
