import {
  rectificationNoticeView,
  reportCategoryListResponse,
  reportIdentity,
  reportExportQuery,
  reportListQuery,
  reportListResponse,
  reportStaffDetail,
  reportTransitionResult,
  tourGroupSchema,
  tourRoundSchema,
  unitListResponse,
  type ReportTransitionBody,
} from '@msjd/shared'
import { apiRequest, type ResponseSchema } from '../../api/client'
import { downloadFile } from '../../api/files'

export type ReportListQuery = ReturnType<typeof reportListQuery.parse>
export type ReportList = ReturnType<typeof reportListResponse.parse>
export type ReportDetail = ReturnType<typeof reportStaffDetail.parse>
export type ReportIdentity = ReturnType<typeof reportIdentity.parse>
export type RectificationNotice = ReturnType<typeof rectificationNoticeView.parse>
import type { NamedOption } from '../../components/useDirectory'
export type { NamedOption }

export function listReports(query: Partial<ReportListQuery>, signal?: AbortSignal): Promise<ReportList> {
  return apiRequest('/staff/reports', { query, schema: reportListResponse, signal })
}

/** Downloads the inbox's current filters (all pages) as XLSX, with the bearer token a plain link cannot send. */
export function downloadReportsXlsx(query: Partial<ReportListQuery>): Promise<string> {
  // the list's filters without its paging: the keys of the shared export schema
  const filters = Object.fromEntries(reportExportQuery.keyof().options.map((key) => [key, query[key]]))
  return downloadFile('/staff/reports/export.xlsx', filters, '举报线索.xlsx')
}

export function getReport(id: string, signal?: AbortSignal): Promise<ReportDetail> {
  return apiRequest(`/staff/reports/${encodeURIComponent(id)}`, { schema: reportStaffDetail, signal })
}

/** The report as it now reads, or `handedBack` when the actor returned it and no longer sees it. */
export function transitionReport(id: string, body: ReportTransitionBody) {
  return apiRequest(`/staff/reports/${encodeURIComponent(id)}/transitions`, { method: 'POST', body, schema: reportTransitionResult })
}

export function revealReportIdentity(id: string, reason: string): Promise<ReportIdentity> {
  return apiRequest(`/staff/reports/${encodeURIComponent(id)}/identity`, { method: 'POST', body: { reason }, schema: reportIdentity })
}

/** 下发立行立改通知书: the unit it is addressed to defaults on the server to the reported unit. */
export function issueRectification(id: string, body: { unitId?: string; content: string; deadlineDays: number }): Promise<RectificationNotice> {
  return apiRequest(`/staff/reports/${encodeURIComponent(id)}/rectification-notices`, {
    method: 'POST',
    body,
    schema: rectificationNoticeView,
  })
}

export async function listCategories(signal?: AbortSignal): Promise<NamedOption[]> {
  const { items } = await apiRequest('/staff/reports/categories', { schema: reportCategoryListResponse, signal })
  return items.map((c) => ({ value: c.code, label: c.name }))
}

/** The unit directory for filters, names in the table and the 交办 select (the server caps a page at 200). */
export async function listUnitOptions(signal?: AbortSignal): Promise<NamedOption[]> {
  const { items } = await apiRequest('/staff/units', { query: { page: 1, pageSize: 200 }, schema: unitListResponse, signal })
  return items.map((u) => ({ value: u.id, label: u.name }))
}

// Tour rounds and groups (server/src/modules/tours/routes.ts) are readable by admin, supervisor and tour_group only:
// for other roles (intake, unit_liaison) the answer is a 403 and the pages leave those controls out.
function itemsOf<T>(item: { array(): ResponseSchema<T[]> }): ResponseSchema<{ items: T[] }> {
  const list = item.array()
  return {
    safeParse(data: unknown) {
      const parsed = list.safeParse((data as { items?: unknown } | null)?.items)
      return parsed.success ? { success: true, data: { items: parsed.data } } : { success: false }
    },
  }
}
const tourGroupList = itemsOf(tourGroupSchema)
const tourRoundList = itemsOf(tourRoundSchema)

export async function listTourGroupOptions(signal?: AbortSignal): Promise<NamedOption[]> {
  const { items } = await apiRequest('/staff/tour-groups', { schema: tourGroupList, signal })
  return items.map((g) => ({ value: g.id, label: g.name }))
}

export async function listTourRoundOptions(signal?: AbortSignal): Promise<NamedOption[]> {
  const { items } = await apiRequest('/staff/tour-rounds', { schema: tourRoundList, signal })
  return items.map((r) => ({ value: r.id, label: r.name }))
}
