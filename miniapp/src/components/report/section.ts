import type { Dispatch, SetStateAction } from 'react'
import type { ReportDraft } from '../../lib/report-draft'
import type { FieldErrors, ReportField } from '../../lib/report-form'

/** Changes the draft; naming the field clears its error (and the form's), since the citizen is fixing it. */
export type DraftUpdate = (patch: Partial<ReportDraft>, field?: ReportField) => void

/** What every section of 我要反映 is drawn from and writes back to: the page owns the draft and its errors. */
export interface ReportSectionProps {
  draft: ReportDraft
  errors: FieldErrors
  update: DraftUpdate
  setErrors: Dispatch<SetStateAction<FieldErrors>>
}
