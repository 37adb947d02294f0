import {
  appealReviewBody,
  businessStats,
  businessUnitListQuery,
  businessUnitListResponse,
  businessUnitView,
  campaignListQuery,
  campaignListResponse,
  campaignView,
  complaintListQuery,
  complaintListResponse,
  enterpriseListQuery,
  enterpriseListResponse,
  enterpriseView,
  evaluationListQuery,
  evaluationListResponse,
  evaluationView,
  monitoringPointDetail,
  monitoringPointListQuery,
  monitoringPointListResponse,
  monitoringPointView,
  serviceItemImportResult,
  serviceItemListQuery,
  serviceItemListResponse,
  serviceItemView,
  unitListResponse,
  type BusinessStatsQuery,
  type BusinessStatsTable,
  type CampaignBody,
  type MonitoringPointBody,
  type ServiceItemBody,
} from '@msjd/shared'
import { sceneLinkSchema } from '@msjd/shared/tours'
import { apiRequest, type QueryValue } from '../../api/client'
import { downloadFile, fetchBlobUrl, uploadFile } from '../../api/files'

/** Staff API of 营商环境监督 (server/src/modules/business*, contracts in shared/src/business.ts). */

export type BusinessUnitListQuery = ReturnType<typeof businessUnitListQuery.parse>
export type BusinessUnitList = ReturnType<typeof businessUnitListResponse.parse>
export type ServiceItemListQuery = ReturnType<typeof serviceItemListQuery.parse>
export type ServiceItemList = ReturnType<typeof serviceItemListResponse.parse>
export type MonitoringPointListQuery = ReturnType<typeof monitoringPointListQuery.parse>
export type MonitoringPointList = ReturnType<typeof monitoringPointListResponse.parse>
export type EnterpriseListQuery = ReturnType<typeof enterpriseListQuery.parse>
export type CampaignListQuery = ReturnType<typeof campaignListQuery.parse>
export type CampaignList = ReturnType<typeof campaignListResponse.parse>
export type EvaluationListQuery = ReturnType<typeof evaluationListQuery.parse>
export type EvaluationList = ReturnType<typeof evaluationListResponse.parse>
export type ComplaintListQuery = ReturnType<typeof complaintListQuery.parse>
export type ComplaintList = ReturnType<typeof complaintListResponse.parse>
export type ServiceItemImportResult = ReturnType<typeof serviceItemImportResult.parse>
export type AppealReviewBody = ReturnType<typeof appealReviewBody.parse>
import type { NamedOption } from '../../components/useDirectory'
export type { NamedOption }

const BASE = '/staff/business'
const at = (path: string, id: string, suffix = '') => `${BASE}/${path}/${encodeURIComponent(id)}${suffix}`
type Query = Record<string, QueryValue>

// ---- 进驻管理 ----
export const listBusinessUnits = (query: Partial<BusinessUnitListQuery>, signal?: AbortSignal) =>
  apiRequest(`${BASE}/units`, { query: query as Query, schema: businessUnitListResponse, signal })
export const setUnitOnboard = (id: string, onboard: boolean) =>
  apiRequest(at('units', id, '/onboard'), { method: 'PUT', body: { onboard }, schema: businessUnitView })

// ---- 事项管理 ----
export const listServiceItems = (query: Partial<ServiceItemListQuery>, signal?: AbortSignal) =>
  apiRequest(`${BASE}/service-items`, { query: query as Query, schema: serviceItemListResponse, signal })
export const createServiceItem = (body: ServiceItemBody) =>
  apiRequest(`${BASE}/service-items`, { method: 'POST', body, schema: serviceItemView })
export const updateServiceItem = (id: string, body: ServiceItemBody) =>
  apiRequest(at('service-items', id), { method: 'PUT', body, schema: serviceItemView })
export const deleteServiceItem = (id: string) => apiRequest(at('service-items', id), { method: 'DELETE' })
export const importServiceItems = (file: File, partial: boolean) =>
  uploadFile(`${BASE}/service-items/import${partial ? '?partial=true' : ''}`, file, { schema: serviceItemImportResult })
export const downloadImportTemplate = () => downloadFile(`${BASE}/service-items/import-template`, {}, '事项导入模板.xlsx')

// ---- 监测点 ----
export const listMonitoringPoints = (query: Partial<MonitoringPointListQuery>, signal?: AbortSignal) =>
  apiRequest(`${BASE}/monitoring-points`, { query: query as Query, schema: monitoringPointListResponse, signal })
export const getMonitoringPoint = (id: string, signal?: AbortSignal) =>
  apiRequest(at('monitoring-points', id), { schema: monitoringPointDetail, signal })
export const createMonitoringPoint = (body: MonitoringPointBody) =>
  apiRequest(`${BASE}/monitoring-points`, { method: 'POST', body, schema: monitoringPointView })
export const updateMonitoringPoint = (id: string, body: MonitoringPointBody) =>
  apiRequest(at('monitoring-points', id), { method: 'PUT', body, schema: monitoringPointView })
export const renewInviteCode = (id: string) =>
  apiRequest(at('monitoring-points', id, '/invite-code'), { method: 'POST', schema: monitoringPointView })
/** The point's signed QR scene (weapp page and H5 link), as the posters carry it. */
export const monitoringPointScene = (monitoringPointId: string) =>
  apiRequest('/staff/scenes', { method: 'POST', body: { kind: 'monitoring_point', monitoringPointId }, schema: sceneLinkSchema })
export const monitoringPointQrUrl = (id: string) => fetchBlobUrl(`/staff/posters/monitoring-points/${encodeURIComponent(id)}/qr.png`)
export const downloadMonitoringPointPoster = (id: string, name: string) =>
  downloadFile(`/staff/posters/monitoring-points/${encodeURIComponent(id)}/poster.pdf`, {}, `${name}.pdf`)

export const listEnterprises = (query: Partial<EnterpriseListQuery>, signal?: AbortSignal) =>
  apiRequest(`${BASE}/enterprises`, { query: query as Query, schema: enterpriseListResponse, signal })
export const moveEnterprise = (id: string, monitoringPointId: string | null) =>
  apiRequest(at('enterprises', id), { method: 'PUT', body: { monitoringPointId }, schema: enterpriseView })

// ---- 评议 ----
export const listCampaigns = (query: Partial<CampaignListQuery>, signal?: AbortSignal) =>
  apiRequest(`${BASE}/campaigns`, { query: query as Query, schema: campaignListResponse, signal })
export const createCampaign = (body: CampaignBody) => apiRequest(`${BASE}/campaigns`, { method: 'POST', body, schema: campaignView })
export const updateCampaign = (id: string, body: CampaignBody) =>
  apiRequest(at('campaigns', id), { method: 'PUT', body, schema: campaignView })
export const setCampaignStatus = (id: string, status: 'open' | 'closed') =>
  apiRequest(at('campaigns', id, '/status'), { method: 'POST', body: { status }, schema: campaignView })

// ---- 好差评 ----
export const listEvaluations = (query: Partial<EvaluationListQuery>, signal?: AbortSignal) =>
  apiRequest(`${BASE}/evaluations`, { query: query as Query, schema: evaluationListResponse, signal })
export const fileAppeal = (id: string, body: { reason: string }) =>
  apiRequest(at('evaluations', id, '/appeal'), { method: 'POST', body, schema: evaluationView })
export const reviewAppeal = (id: string, body: AppealReviewBody) =>
  apiRequest(at('evaluations', id, '/appeal/review'), { method: 'POST', body, schema: evaluationView })

// ---- 涉诉办理 ----
export const listComplaints = (query: Partial<ComplaintListQuery>, signal?: AbortSignal) =>
  apiRequest(`${BASE}/complaints`, { query: query as Query, schema: complaintListResponse, signal })

// ---- 统计分析 ----
export const getBusinessStats = (query: BusinessStatsQuery, signal?: AbortSignal) =>
  apiRequest(`${BASE}/stats`, { query: query as Query, schema: businessStats, signal })
export const downloadStatsTable = (query: BusinessStatsQuery, table: BusinessStatsTable, fallbackName: string) =>
  downloadFile(`${BASE}/stats/export`, { ...query, table }, fallbackName)

// ---- directories for filters and selects ----
/** Units on board, for the unit filters and selects (the server caps a page at 200). */
export async function listOnboardUnitOptions(signal?: AbortSignal): Promise<NamedOption[]> {
  const { items } = await apiRequest(`${BASE}/units`, { query: { onboard: 'true', page: 1, pageSize: 200 }, schema: businessUnitListResponse, signal })
  return items.map((u) => ({ value: u.id, label: u.name }))
}
/** Every unit, for the host unit of a monitoring point. */
export async function listAllUnitOptions(signal?: AbortSignal): Promise<NamedOption[]> {
  const { items } = await apiRequest('/staff/units', { query: { page: 1, pageSize: 200 }, schema: unitListResponse, signal })
  return items.map((u) => ({ value: u.id, label: u.name }))
}
export async function listPointOptions(signal?: AbortSignal): Promise<NamedOption[]> {
  const { items } = await listMonitoringPoints({ page: 1, pageSize: 200 }, signal)
  return items.map((p) => ({ value: p.id, label: p.name }))
}
export async function listCampaignOptions(signal?: AbortSignal): Promise<NamedOption[]> {
  const { items } = await listCampaigns({ page: 1, pageSize: 200 }, signal)
  return items.map((c) => ({ value: c.id, label: `${c.name}（${c.statusLabel}）` }))
}
export async function searchServiceItemOptions(q: string, unitId?: string, signal?: AbortSignal): Promise<NamedOption[]> {
  const { items } = await listServiceItems({ q: q || undefined, unitId, page: 1, pageSize: 50 }, signal)
  return items.map((i) => ({ value: i.id, label: `${i.code} ${i.name}` }))
}
