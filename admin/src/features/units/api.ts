import { unitListQuery, unitListResponse } from '@msjd/shared/units'
import { apiRequest } from '../../api/client'

export type UnitListQuery = ReturnType<typeof unitListQuery.parse>
export type UnitList = ReturnType<typeof unitListResponse.parse>

export function listUnits(query: UnitListQuery, signal?: AbortSignal): Promise<UnitList> {
  return apiRequest('/staff/units', { query, schema: unitListResponse, signal })
}
