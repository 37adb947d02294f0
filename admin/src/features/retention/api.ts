import {
  legalHoldList,
  retentionOverview,
  type LegalHoldList,
  type RetentionOverview,
  type RetentionRuleKey,
} from '@msjd/shared/retention'
import { apiRequest } from '../../api/client'

export const getRetention = (signal?: AbortSignal): Promise<RetentionOverview> => apiRequest('/staff/retention', { schema: retentionOverview, signal })

export const setRetentionYears = (key: RetentionRuleKey, years: number): Promise<RetentionOverview> =>
  apiRequest(`/staff/retention/rules/${key}`, { method: 'PUT', body: { years }, schema: retentionOverview })

export const getLegalHolds = (reportId: string, signal?: AbortSignal): Promise<LegalHoldList> =>
  apiRequest(`/staff/reports/${encodeURIComponent(reportId)}/legal-holds`, { schema: legalHoldList, signal })

export const placeLegalHold = (reportId: string, reason: string): Promise<LegalHoldList> =>
  apiRequest(`/staff/reports/${encodeURIComponent(reportId)}/legal-holds`, { method: 'POST', body: { reason }, schema: legalHoldList })

export const releaseLegalHold = (reportId: string, holdId: string, reason: string): Promise<LegalHoldList> =>
  apiRequest(`/staff/reports/${encodeURIComponent(reportId)}/legal-holds/${encodeURIComponent(holdId)}/release`, {
    method: 'POST',
    body: { reason },
    schema: legalHoldList,
  })
