import {
  businessInviteView,
  campaignTargetsResponse,
  complaintMineItem,
  complaintMineResponse,
  enterpriseMe,
  evaluationMineItem,
  evaluationMineResponse,
  publicCampaignListResponse,
  publicServiceItemListResponse,
  publicUnitListResponse,
  type ComplaintSubmitBody,
  type EnterpriseBindBody,
  type EvaluationSubmitBody,
} from '@msjd/shared/business'
import { reportPublicView, type ReportRating } from '@msjd/shared/reports'
import { request } from './request'

/**
 * Enterprise side of 营商环境监督 (server/src/modules/business*, /api/public/business…). A complaint or a bad
 * rating is carried by a report; its progress comes as the report's public view (getCase, rateCase).
 */

const BASE = '/api/public/business'

/** Silent: a wrong or expired invite code is told under the input. */
export const getInvite = (code: string) =>
  request({ path: `${BASE}/invites/${encodeURIComponent(code)}`, schema: businessInviteView, silent: true })

export const getMe = () => request({ path: `${BASE}/me`, schema: enterpriseMe })

/** Silent: the page puts validation failures next to the fields and toasts the rest itself. */
export const bind = (body: EnterpriseBindBody) => request({ method: 'POST', path: `${BASE}/bind`, data: body, schema: enterpriseMe, silent: true })

export const listCampaigns = () => request({ path: `${BASE}/campaigns`, schema: publicCampaignListResponse })

export const getCampaignTargets = (campaignId: string) =>
  request({ path: `${BASE}/campaigns/${encodeURIComponent(campaignId)}/targets`, schema: campaignTargetsResponse })

/** Silent: ALREADY_EVALUATED and field issues are told on the page. */
export const submitEvaluation = (body: EvaluationSubmitBody) =>
  request({ method: 'POST', path: `${BASE}/evaluations`, data: body, schema: evaluationMineItem, silent: true })

export const listMyEvaluations = () => request({ path: `${BASE}/evaluations/mine`, schema: evaluationMineResponse })

export const listUnits = () => request({ path: `${BASE}/units`, schema: publicUnitListResponse })

/** GET data becomes the query string: unset filters are left out rather than sent as "undefined". */
export function searchServiceItems(query: { unitId?: string; q?: string }) {
  const data: Record<string, string | number> = { page: 1, pageSize: 50 }
  if (query.unitId) data.unitId = query.unitId
  if (query.q?.trim()) data.q = query.q.trim()
  return request({ path: `${BASE}/service-items`, data, schema: publicServiceItemListResponse })
}

/** Silent: the page shows field issues under the inputs. */
export const submitComplaint = (body: ComplaintSubmitBody) =>
  request({ method: 'POST', path: `${BASE}/complaints`, data: body, schema: complaintMineItem, silent: true })

export const listMyComplaints = () => request({ path: `${BASE}/complaints/mine`, schema: complaintMineResponse })

/** A case of my enterprise (any member, not only the one who filed it): the report's public view. */
export const getCase = (complaintId: string) => request({ path: `${BASE}/complaints/${encodeURIComponent(complaintId)}`, schema: reportPublicView })

/** Confirm (满意/基本满意 closes) or dispute (不满意 reopens once) the reply, by the rules of reports. */
export const rateCase = (complaintId: string, rating: ReportRating, comment?: string) =>
  request({ method: 'POST', path: `${BASE}/complaints/${encodeURIComponent(complaintId)}/rating`, data: comment ? { rating, comment } : { rating }, schema: reportPublicView })

export { clearPendingPoint, handOverPoint, pendingPoint } from './business-point'
