import {
  inspectedUnitSchema,
  tourGroupCandidateSchema,
  tourGroupSchema,
  tourNoticeListQuery,
  tourNoticeSchema,
  tourRoundSchema,
  type InspectedUnit,
  type TourGroup,
  type TourGroupCandidate,
  type TourNotice,
  type TourRound,
} from '@msjd/shared/tours'
import type { inspectedUnitBody, tourGroupBody, tourNoticeBody, tourNoticeUpdateBody, tourRoundBody } from '@msjd/shared/tours'
import { pageOf, unitListResponse } from '@msjd/shared/units'
import { apiRequest, type ResponseSchema } from '../../api/client'

export type TourRoundBody = ReturnType<typeof tourRoundBody.parse>
export type TourGroupBody = ReturnType<typeof tourGroupBody.parse>
export type InspectedUnitBody = ReturnType<typeof inspectedUnitBody.parse>
export type TourNoticeBody = ReturnType<typeof tourNoticeBody.parse>
export type TourNoticeUpdateBody = ReturnType<typeof tourNoticeUpdateBody.parse>
export type TourNoticeListQuery = ReturnType<typeof tourNoticeListQuery.parse>
import type { NamedOption } from '../../components/useDirectory'
export type { NamedOption }

// The tour routes answer lists as { items }: validate them with the item schema the server itself uses.
function itemsOf<T>(item: { array(): ResponseSchema<T[]> }): ResponseSchema<{ items: T[] }> {
  const list = item.array()
  return {
    safeParse(data: unknown) {
      const parsed = list.safeParse((data as { items?: unknown } | null)?.items)
      return parsed.success ? { success: true, data: { items: parsed.data } } : { success: false }
    },
  }
}
const roundList = itemsOf(tourRoundSchema)
const groupList = itemsOf(tourGroupSchema)
const candidateList = itemsOf(tourGroupCandidateSchema)
const inspectedUnitList = itemsOf(inspectedUnitSchema)
const noticePage = pageOf(tourNoticeSchema)
export type TourNoticePage = ReturnType<typeof noticePage.parse>

const seg = encodeURIComponent

// ---- rounds ----
export async function listRounds(signal?: AbortSignal): Promise<TourRound[]> {
  return (await apiRequest('/staff/tour-rounds', { schema: roundList, signal })).items
}
export function createRound(body: TourRoundBody): Promise<TourRound> {
  return apiRequest('/staff/tour-rounds', { method: 'POST', body, schema: tourRoundSchema })
}
export function updateRound(id: string, body: TourRoundBody): Promise<TourRound> {
  return apiRequest(`/staff/tour-rounds/${seg(id)}`, { method: 'PUT', body, schema: tourRoundSchema })
}

// ---- groups ----
export async function listGroups(signal?: AbortSignal): Promise<TourGroup[]> {
  return (await apiRequest('/staff/tour-groups', { schema: groupList, signal })).items
}
export async function listGroupCandidates(signal?: AbortSignal): Promise<TourGroupCandidate[]> {
  return (await apiRequest('/staff/tour-groups/candidates', { schema: candidateList, signal })).items
}
export function createGroup(body: TourGroupBody): Promise<TourGroup> {
  return apiRequest('/staff/tour-groups', { method: 'POST', body, schema: tourGroupSchema })
}
export function updateGroup(id: string, body: TourGroupBody): Promise<TourGroup> {
  return apiRequest(`/staff/tour-groups/${seg(id)}`, { method: 'PUT', body, schema: tourGroupSchema })
}

// ---- inspected units ----
export async function listInspectedUnits(roundId: string, signal?: AbortSignal): Promise<InspectedUnit[]> {
  return (await apiRequest(`/staff/tour-rounds/${seg(roundId)}/units`, { schema: inspectedUnitList, signal })).items
}
export function addInspectedUnit(roundId: string, body: InspectedUnitBody): Promise<InspectedUnit> {
  return apiRequest(`/staff/tour-rounds/${seg(roundId)}/units`, { method: 'POST', body, schema: inspectedUnitSchema })
}
export function changeInspectingGroup(id: string, tourGroupId: string): Promise<InspectedUnit> {
  return apiRequest(`/staff/inspected-units/${seg(id)}`, { method: 'PATCH', body: { tourGroupId }, schema: inspectedUnitSchema })
}
export async function removeInspectedUnit(id: string): Promise<void> {
  await apiRequest(`/staff/inspected-units/${seg(id)}`, { method: 'DELETE' })
}

/** Units whose name or code matches, for the 添加被巡察单位 picker (the directory is too large to load whole). */
export async function searchUnits(q: string, signal?: AbortSignal): Promise<NamedOption[]> {
  const { items } = await apiRequest('/staff/units', { query: { q, page: 1, pageSize: 20 }, schema: unitListResponse, signal })
  return items.map((u) => ({ value: u.id, label: `${u.name}（${u.code}）` }))
}

// ---- notices ----
export function listNotices(query: Partial<TourNoticeListQuery>, signal?: AbortSignal): Promise<TourNoticePage> {
  return apiRequest('/staff/tour-notices', { query, schema: noticePage, signal })
}
export function createNotice(body: TourNoticeBody): Promise<TourNotice> {
  return apiRequest('/staff/tour-notices', { method: 'POST', body, schema: tourNoticeSchema })
}
export function updateNotice(id: string, body: TourNoticeUpdateBody): Promise<TourNotice> {
  return apiRequest(`/staff/tour-notices/${seg(id)}`, { method: 'PATCH', body, schema: tourNoticeSchema })
}
export function publishNotice(id: string): Promise<TourNotice> {
  return apiRequest(`/staff/tour-notices/${seg(id)}/publish`, { method: 'POST', schema: tourNoticeSchema })
}
export function withdrawNotice(id: string, reason: string): Promise<TourNotice> {
  return apiRequest(`/staff/tour-notices/${seg(id)}/withdraw`, { method: 'POST', body: { reason }, schema: tourNoticeSchema })
}
export async function deleteNotice(id: string): Promise<void> {
  await apiRequest(`/staff/tour-notices/${seg(id)}`, { method: 'DELETE' })
}

// ---- posters (server/src/modules/posters/routes.ts) ----
export const posterPaths = {
  unitPng: (inspectedUnitId: string) => `/staff/posters/inspected-units/${seg(inspectedUnitId)}/qr.png`,
  unitPdf: (inspectedUnitId: string) => `/staff/posters/inspected-units/${seg(inspectedUnitId)}/poster.pdf`,
  roundZip: (roundId: string) => `/staff/posters/rounds/${seg(roundId)}/posters.zip`,
  monitoringPointsZip: () => '/staff/posters/monitoring-points/posters.zip',
}
