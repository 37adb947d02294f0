import {
  BAD_LEVELS,
  complaintSubmitBody,
  creditCodeProblem,
  creditCodeProblemMessages,
  enterpriseBindBody,
  evaluationDimensions,
  evaluationSubmitBody,
  type ComplaintSubmitBody,
  type EnterpriseBindBody,
  type EvaluationDimension,
  type EvaluationSubmitBody,
} from '@msjd/shared/business'

import type { BusinessPoint } from './business-point'

/** Plain logic of the enterprise pages (营商环境): no Taro here, so vitest covers it. */

export { parseBusinessPoint, type BusinessPoint } from './business-point'

type Issue = { path: readonly PropertyKey[]; message: string }
type ApiIssue = { path: string; message: string }

/** The first message per top-level field: one line under each input says what to fix first. */
function firstPerField<F extends string>(issues: readonly Issue[], fields: readonly F[], fallback: F): Partial<Record<F, string>> {
  const errors: Partial<Record<F, string>> = {}
  for (const issue of issues) {
    const head = String(issue.path[0] ?? '')
    const field = (fields as readonly string[]).includes(head) ? (head as F) : fallback
    if (!errors[field]) errors[field] = issue.message
  }
  return errors
}

function fromApi<F extends string>(error: { message: string; issues?: readonly ApiIssue[] }, fields: readonly F[], fallback: F): Partial<Record<F, string>> {
  const issues = (error.issues ?? []).map((i) => ({ path: i.path.split('.'), message: i.message }))
  const errors = firstPerField(issues, fields, fallback)
  return Object.keys(errors).length ? errors : ({ [fallback]: error.message } as Partial<Record<F, string>>)
}

// ---- binding an enterprise ----
export const bindFields = ['creditCode', 'name', 'contactName', 'contactPhone', 'inviteCode', 'form'] as const
export type BindField = (typeof bindFields)[number]
export type BindErrors = Partial<Record<BindField, string>>
export interface BindDraft {
  creditCode: string
  name: string
  contactName: string
  contactPhone: string
  inviteCode: string
  /** set when the enterprise came from a monitoring point's QR code */
  point: BusinessPoint | null
}

export const emptyBindDraft = (point: BusinessPoint | null = null): BindDraft => ({ creditCode: '', name: '', contactName: '', contactPhone: '', inviteCode: '', point })

/** Spaces and dashes dropped, capitals: how the code is checked and sent (the shared schema does the same). */
export function normalizeCreditCode(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase()
}

/**
 * A hint while typing: nothing until 18 characters are in (a half-typed code is not an error yet), then the
 * same reason the server would give.
 */
export function creditCodeHint(input: string): string | null {
  const code = normalizeCreditCode(input)
  if (code.length < 18) return null
  const problem = creditCodeProblem(code)
  return problem ? creditCodeProblemMessages[problem] : null
}

export function toBindBody(d: BindDraft): EnterpriseBindBody {
  return {
    creditCode: d.creditCode,
    name: d.name,
    contactName: d.contactName,
    contactPhone: d.contactPhone,
    ...(d.point ? { monitoringPointId: d.point.id } : d.inviteCode.trim() ? { inviteCode: d.inviteCode } : {}),
  }
}

export function validateBind(d: BindDraft): { ok: true; body: EnterpriseBindBody } | { ok: false; errors: BindErrors } {
  const parsed = enterpriseBindBody.safeParse(toBindBody(d))
  if (parsed.success) return { ok: true, body: toBindBody(d) }
  return { ok: false, errors: firstPerField(parsed.error.issues, bindFields, 'form') }
}

export const bindErrorsFromApi = (error: { message: string; issues?: readonly ApiIssue[] }): BindErrors =>
  // the point id is never typed in: its issues (point gone, inactive) belong to the invite-code line
  fromApi({ ...error, issues: error.issues?.map((i) => (i.path.startsWith('monitoringPointId') ? { ...i, path: 'inviteCode' } : i)) }, bindFields, 'form')

// ---- rating ----
export interface RatingDraft {
  level: number | null
  dimensions: Partial<Record<EvaluationDimension, number>>
  comment: string
}
export const emptyRating = (): RatingDraft => ({ level: null, dimensions: {}, comment: '' })

export function toEvaluationBody(campaignId: string, target: { targetType: EvaluationSubmitBody['targetType']; targetId: string }, d: RatingDraft): EvaluationSubmitBody {
  const dimensions: Partial<Record<EvaluationDimension, number>> = {}
  for (const key of evaluationDimensions) if (d.dimensions[key] !== undefined) dimensions[key] = d.dimensions[key]
  return {
    campaignId,
    targetType: target.targetType,
    targetId: target.targetId,
    level: d.level ?? Number.NaN,
    dimensions,
    ...(d.comment.trim() ? { comment: d.comment.trim() } : {}),
  }
}

export type RatingErrors = Partial<Record<'level' | 'dimensions' | 'comment' | 'form', string>>

export function validateRating(body: EvaluationSubmitBody): RatingErrors {
  if (body.level === undefined || Number.isNaN(body.level)) return { level: '请选择评价等级' }
  const parsed = evaluationSubmitBody.safeParse(body)
  return parsed.success ? {} : firstPerField(parsed.error.issues, ['level', 'dimensions', 'comment', 'form'] as const, 'form')
}

export const ratingErrorsFromApi = (error: { message: string; issues?: readonly ApiIssue[] }): RatingErrors =>
  fromApi(error, ['level', 'dimensions', 'comment', 'form'] as const, 'form')

export const isBadLevel = (level: number | null) => level !== null && BAD_LEVELS.includes(level)

/** Said before a 1-2 rating is sent, and again after: it is not only a score, it opens a case. */
export const BAD_RATING_NOTICE = '选择“不满意”或“非常不满意”后，将自动转为差评整改件：由相关单位核实整改，并在 15 个工作日内答复您，您可在“我的评价”中跟踪办理。'

/** Tap the same score again to clear an optional dimension. */
export function toggleDimension(d: RatingDraft, key: EvaluationDimension, score: number): RatingDraft {
  const dimensions = { ...d.dimensions }
  if (dimensions[key] === score) delete dimensions[key]
  else dimensions[key] = score
  return { ...d, dimensions }
}

export function campaignProgress(c: { targetCount: number; ratedCount: number }): string {
  if (c.targetCount === 0) return '暂无可评价的事项'
  if (c.ratedCount >= c.targetCount) return `已全部评价（${c.targetCount} 项）`
  return `已评价 ${c.ratedCount} / ${c.targetCount} 项`
}

// ---- complaints ----
export interface ComplaintDraft {
  targetType: 'unit' | 'service_item'
  unitId: string
  unitName: string
  itemId: string
  itemName: string
  category: string
  content: string
  /** one key from first edit to a successful filing, so a retry after a lost answer files once */
  idempotencyKey: string
}
export type ComplaintField = 'target' | 'category' | 'content' | 'form'
export type ComplaintErrors = Partial<Record<ComplaintField, string>>

export function toComplaintBody(d: ComplaintDraft): ComplaintSubmitBody {
  return {
    targetType: d.targetType,
    targetId: d.targetType === 'unit' ? d.unitId : d.itemId,
    category: d.category as ComplaintSubmitBody['category'],
    content: d.content,
    idempotencyKey: d.idempotencyKey,
  }
}

export function validateComplaint(d: ComplaintDraft): ComplaintErrors {
  if (!d.unitId) return { target: '请选择被投诉的单位' }
  if (d.targetType === 'service_item' && !d.itemId) return { target: '请选择被投诉的服务事项' }
  const parsed = complaintSubmitBody.safeParse(toComplaintBody(d))
  if (parsed.success) return {}
  const issues = parsed.error.issues.map((i) => ({ ...i, path: i.path[0] === 'targetId' || i.path[0] === 'targetType' ? ['target'] : i.path }))
  return firstPerField(issues, ['target', 'category', 'content', 'form'] as const, 'form')
}

export const complaintErrorsFromApi = (error: { message: string; issues?: readonly ApiIssue[] }): ComplaintErrors =>
  fromApi({ ...error, issues: error.issues?.map((i) => (i.path.startsWith('target') ? { ...i, path: 'target' } : i)) }, ['target', 'category', 'content', 'form'] as const, 'form')

/** How many targets a campaign page lists at once: a campaign can cover hundreds of items. */
export const TARGET_PAGE = 30

/**
 * The targets matching a search (item or unit name, or code-free words), units first within the order the server
 * gave, not yet rated before rated; `more` says how many matched beyond the shown ones.
 */
export function visibleTargets<T extends { name: string; unitName: string; targetType: string; evaluationId: string | null }>(
  items: readonly T[],
  query: string,
  limit = TARGET_PAGE,
): { shown: T[]; more: number } {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean)
  const matched = items.filter((t) => words.every((w) => `${t.name} ${t.unitName}`.toLowerCase().includes(w)))
  const rank = (t: T) => (t.evaluationId ? 2 : 0) + (t.targetType === 'unit' ? 0 : 1)
  const ordered = matched.map((t, i) => ({ t, i })).sort((a, b) => rank(a.t) - rank(b.t) || a.i - b.i).map(({ t }) => t)
  return { shown: ordered.slice(0, limit), more: Math.max(0, ordered.length - limit) }
}
