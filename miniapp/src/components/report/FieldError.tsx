import { Text } from '@tarojs/components'
import type { FieldErrors, ReportField } from '../../lib/report-form'

/** Element id of each field's error line: `<field id>-error` (the browser flows and the scroll find them by it). */
export const errorIds: Record<ReportField, string> = {
  category: 'report-category-error',
  unit: 'report-unit-error',
  person: 'report-person-error',
  content: 'report-content-error',
  occurredAt: 'report-time-error',
  location: 'report-place-error',
  photos: 'report-photos-error',
  confidential: 'report-confidential-error',
  name: 'report-name-error',
  phone: 'report-phone-error',
  form: 'report-form-error',
}

export default function FieldError({ errors, field }: { errors: FieldErrors; field: ReportField }) {
  const message = errors[field]
  return message ? (
    <Text id={errorIds[field]} className='report__error'>
      {message}
    </Text>
  ) : null
}
