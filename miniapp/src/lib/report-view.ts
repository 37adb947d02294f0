import { reportLookupBody, reportRatingLabels, reportStatusLabels, type ReportPublicView, type ReportRating } from '@msjd/shared/reports'

/** China has one time zone and no daylight saving: UTC+8 all year, whatever the phone is set to. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000

const pad = (n: number) => String(n).padStart(2, '0')

/** `2026-11-24T10:30:00.000Z` → `2026-11-24 18:30` (Beijing time). Unparseable input is shown as it came. */
export function formatDateTime(iso: string): string {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return iso
  const d = new Date(ms + SHANGHAI_OFFSET_MS)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

export function formatDate(iso: string): string {
  return formatDateTime(iso).slice(0, 10)
}

export interface TimelineRow {
  key: string
  when: string
  label: string
  /** The status reached at this step (已受理, 办理中 …), when the step changed it. */
  statusLabel: string | null
  note: string | null
}

/** The public timeline, oldest first, with Beijing dates. */
export function timelineRows(timeline: ReportPublicView['timeline']): TimelineRow[] {
  return timeline
    .map((e, i) => ({ e, i, ms: Date.parse(e.at) }))
    .sort((a, b) => (a.ms - b.ms) || (a.i - b.i))
    .map(({ e, i }) => ({
      key: `${i}-${e.kind}`,
      when: formatDateTime(e.at),
      label: e.label,
      statusLabel: e.status ? reportStatusLabels[e.status] : null,
      note: e.publicNote && e.publicNote !== e.label ? e.publicNote : null,
    }))
}

/** Whether the one reopening after 不满意 has been used (the public view tells it through its timeline). */
export function reopenedBefore(view: Pick<ReportPublicView, 'timeline'>): boolean {
  return view.timeline.some((e) => e.kind === 'reopened')
}

/** What choosing a rating will do, said before the citizen taps it. */
export function ratingEffect(rating: ReportRating, reopened: boolean): string {
  if (rating !== 'unsatisfied') return `评价“${reportRatingLabels[rating]}”后，该事项办结。`
  return reopened
    ? '该事项已重新办理过一次，再次评价“不满意”后将办结，不再重新办理。'
    : '评价“不满意”后，该事项将重新办理（仅可重新办理一次）。'
}

export type LookupInput = { code: string; secret: string }
export type LookupErrors = Partial<Record<'code' | 'secret', string>>

/** Spaces and dashes people add when copying are dropped; the secret is upper-case only. */
export function normalizeLookup(input: LookupInput): LookupInput {
  return {
    code: input.code.replace(/[\s-]/g, ''),
    secret: input.secret.replace(/[\s-]/g, '').toUpperCase(),
  }
}

export function validateLookup(input: LookupInput): { ok: true; value: LookupInput } | { ok: false; errors: LookupErrors } {
  const value = normalizeLookup(input)
  const parsed = reportLookupBody.safeParse(value)
  if (parsed.success) return { ok: true, value: parsed.data }
  const errors: LookupErrors = {}
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] === 'secret' ? 'secret' : 'code'
    errors[field] ??= issue.message
  }
  if (!value.code) errors.code = '请输入查询码'
  if (!value.secret) errors.secret = '请输入查询密码'
  return { ok: false, errors }
}

/** Text put on the clipboard from the receipt. */
export function receiptClipboardText(r: { serial: string; queryCode: string; querySecret: string }): string {
  return `码上监督 反映编号：${r.serial}\n查询码：${r.queryCode}\n查询密码：${r.querySecret}`
}
