import {
  serviceCaseDetailResponse,
  serviceCaseListResponse,
  type ApplicantType,
  type ServiceCaseDetail,
  type ServiceCaseListResponse,
  type ServiceCaseResult,
  type ServiceCaseSummary,
} from '@msjd/shared/service-cases'
import { apiRequest } from '../../api/client'

export type { ServiceCaseDetail, ServiceCaseListResponse, ServiceCaseSummary }

/** The list's filters as the address and the server take them (dates are Beijing dates, YYYY-MM-DD). */
export interface ServiceCaseQuery {
  itemCode?: string
  unitCode?: string
  applicantType?: ApplicantType
  result?: ServiceCaseResult
  acceptedFrom?: string
  acceptedTo?: string
  finishedFrom?: string
  finishedTo?: string
  overdue?: 'true' | 'false'
  hasWarnings?: 'true' | 'false'
  caseNo?: string
  page: number
  pageSize: number
}

export function listServiceCases(query: ServiceCaseQuery, signal?: AbortSignal): Promise<ServiceCaseListResponse> {
  return apiRequest('/staff/service-cases', { query: { ...query }, schema: serviceCaseListResponse, signal })
}

/** One case with its timeline, its warnings (ID numbers masked) and its item's 申报材料. */
export function getServiceCase(caseNo: string, signal?: AbortSignal): Promise<ServiceCaseDetail> {
  return apiRequest(`/staff/service-cases/${encodeURIComponent(caseNo)}`, { schema: serviceCaseDetailResponse, signal })
}
