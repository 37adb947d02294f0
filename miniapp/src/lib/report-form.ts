import { reportSubmitBody, type ReportSubmitBody } from '@msjd/shared/reports'
import { CONTENT_MAX, CONTENT_MIN, type ReportDraft } from './report-draft'

/** Form fields that can carry an error message; `form` is for anything not tied to one field. */
export type ReportField =
  | 'category'
  | 'unit'
  | 'person'
  | 'content'
  | 'occurredAt'
  | 'location'
  | 'confidential'
  | 'name'
  | 'phone'
  | 'photos'
  | 'form'

export type FieldErrors = Partial<Record<ReportField, string>>

export const UNIT_MAX = 100

/** Contract field (server issue path) → form field. */
const fieldOfPath: Record<string, ReportField> = {
  category: 'category',
  reportedUnitId: 'unit',
  reportedUnitText: 'unit',
  reportedPerson: 'person',
  content: 'content',
  occurredAt: 'occurredAt',
  location: 'location',
  confidential: 'confidential',
  reporterName: 'name',
  reporterPhone: 'phone',
}

/** Error codes the server answers outside validation that still belong to one field. */
const fieldOfCode: Record<string, ReportField> = {
  UNKNOWN_CATEGORY: 'category',
}

export function fieldOf(path: string): ReportField {
  return fieldOfPath[path.split('.')[0]] ?? 'form'
}

/** The unit the QR code named is sent as its id while the citizen keeps it unchanged. */
function sceneUnitKept(d: ReportDraft): boolean {
  return !!(d.scene?.unitId && d.scene.unitName && d.unit.trim() === d.scene.unitName)
}

/**
 * The body sent to `POST /api/public/reports`. The unit a QR code named goes by id while the citizen keeps it; any
 * other unit goes as typed (`reportedUnitText`), so staff can filter and count it.
 */
export function toSubmitBody(d: ReportDraft): ReportSubmitBody {
  const unit = d.unit.trim()
  const kept = sceneUnitKept(d)
  const content = d.content.trim()
  const opt = (v: string) => v.trim() || undefined
  return {
    category: d.category,
    reportedUnitId: kept ? (d.scene?.unitId ?? undefined) : undefined,
    reportedUnitText: unit && !kept ? unit : undefined,
    reportedPerson: opt(d.person),
    content,
    occurredAt: opt(d.occurredAt),
    location: opt(d.location),
    tourRoundId: d.scene?.tourRoundId ?? undefined,
    inspectedUnitId: d.scene?.inspectedUnitId ?? undefined,
    monitoringPointId: d.scene?.monitoringPointId ?? undefined,
    confidential: d.confidential,
    reporterName: d.confidential ? undefined : opt(d.name),
    reporterPhone: d.confidential ? undefined : opt(d.phone),
    idempotencyKey: d.key,
  }
}

function put(errors: FieldErrors, field: ReportField, message: string) {
  if (!errors[field]) errors[field] = message
}

/**
 * Checks the draft before it is sent: the contract's own schema (the same rules the server applies), plus what
 * the form asks beyond it — the description's length on its own, and a name for a real-name report.
 */
export function validateDraft(d: ReportDraft): FieldErrors {
  const errors: FieldErrors = {}
  const content = d.content.trim()
  if (!d.category) put(errors, 'category', '请选择问题类别')
  if (content.length < CONTENT_MIN) put(errors, 'content', `请至少用 ${CONTENT_MIN} 个字描述问题`)
  if (content.length > CONTENT_MAX) put(errors, 'content', `问题描述不能超过 ${CONTENT_MAX} 个字`)
  if (d.unit.trim().length > UNIT_MAX) put(errors, 'unit', `被反映单位不能超过 ${UNIT_MAX} 个字`)
  if (!d.confidential) {
    if (!d.name.trim()) put(errors, 'name', '实名反映请填写姓名，或选择保密反映')
    if (!d.phone.trim()) put(errors, 'phone', '实名反映请填写联系电话，或选择保密反映')
  }
  const parsed = reportSubmitBody.safeParse(toSubmitBody(d))
  if (!parsed.success) {
    for (const issue of parsed.error.issues) put(errors, fieldOf(issue.path.map(String).join('.')), issue.message)
  }
  return errors
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some(Boolean)
}

/** A refused submission, told next to the fields it concerns. Empty when nothing maps to a field. */
export function fieldErrorsFromApi(error: { code: string; message: string; issues?: ReadonlyArray<{ path: string; message: string }> }): FieldErrors {
  const errors: FieldErrors = {}
  for (const issue of error.issues ?? []) {
    const field = fieldOf(issue.path)
    if (field !== 'form') put(errors, field, issue.message)
  }
  const byCode = fieldOfCode[error.code]
  if (byCode) put(errors, byCode, error.message)
  return errors
}

/** Field order on the page, for scrolling to the first error. */
export const fieldOrder: readonly ReportField[] = ['category', 'unit', 'person', 'content', 'occurredAt', 'location', 'photos', 'confidential', 'name', 'phone', 'form']

export function firstErrorField(errors: FieldErrors): ReportField | null {
  return fieldOrder.find((f) => !!errors[f]) ?? null
}
