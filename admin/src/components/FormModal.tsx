import { Alert, Form, Modal, type FormInstance } from 'antd'
import { useState, type ReactNode } from 'react'
import { errorText, toApiRequestError } from '../api/client'
import { applyServerIssues } from '../api/form'

type Issue = { path: readonly PropertyKey[]; message: string }
/** Structural stand-in for a shared zod schema: the body is checked with the same rules (and messages) as on the server. */
export interface BodySchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: readonly Issue[] } }
}

export type FormValues = Record<string, unknown>

interface FormModalProps<T, R> {
  title: string
  /** The form's own top-level field names: issues on them go under the input, the rest into the banner. */
  fields: readonly string[]
  schema: BodySchema<T>
  toBody: (values: FormValues) => unknown
  submit: (body: T) => Promise<R>
  onDone: (result: R) => void
  onClose: () => void
  okText?: string
  width?: number
  initialValues?: FormValues
  /** Body fields shown by another input, e.g. { startsOn: 'period', endsOn: 'period' } for a date range. */
  aliases?: Record<string, string>
  /**
   * Names the form, its submit button `#<name>-submit`, its banner `[data-testid=<name>-error]` and its inputs
   * `#<name>_<field>` — stable ids for the browser flows.
   */
  name?: string
  /** Another id for the submit button (its cancel button is `#<okId>-cancel`). */
  okId?: string
  /** Server error codes that concern one field (a taken code, a unit already inspected): shown under that field. */
  codeFields?: Record<string, string>
  /** Extra buttons left of 取消/保存 (e.g. 预览), given the form to read the current values. */
  extra?: (form: FormInstance<FormValues>) => ReactNode
  onValuesChange?: (changed: FormValues, form: FormInstance<FormValues>) => void
  children: ReactNode
}

/**
 * One modal form per action or record: checks the body with its shared schema before sending, puts field issues
 * (nested ones too, e.g. `materials.2`) and field conflicts (409 with a known code) under the inputs and anything
 * else in a banner. Mounted only while open, so its ids are unique.
 */
export function FormModal<T, R>(props: FormModalProps<T, R>) {
  const { title, fields, schema, toBody, submit, onDone, onClose, okText = '保存', width, initialValues, aliases = {}, name = 'action', codeFields = {}, extra, children } = props
  const okId = props.okId ?? `${name}-submit`
  const nameOf = (path: readonly PropertyKey[]) => {
    const [head, ...rest] = path.map((p) => (typeof p === 'number' ? p : String(p)))
    const field = aliases[String(head)]
    return field ? [field] : [head, ...rest]
  }
  const [form] = Form.useForm<FormValues>()
  const [busy, setBusy] = useState(false)
  const [banner, setBanner] = useState<string>()

  const finish = async (values: FormValues) => {
    setBanner(undefined)
    const parsed = schema.safeParse(toBody(values))
    if (!parsed.success) {
      const onFields = parsed.error.issues.filter((issue) => fields.includes(String(nameOf(issue.path)[0])))
      // several rules can fail on one input (empty and malformed): the first says what to do
      const firstByField = new Map<string, { name: (string | number)[]; errors: string[] }>()
      for (const issue of onFields) {
        const name = nameOf(issue.path)
        if (!firstByField.has(name.join('.'))) firstByField.set(name.join('.'), { name, errors: [issue.message] })
      }
      form.setFields([...firstByField.values()])
      const rest = parsed.error.issues.filter((issue) => !onFields.includes(issue))
      if (rest.length > 0) setBanner(rest.map((issue) => issue.message).join('；'))
      return
    }
    setBusy(true)
    try {
      onDone(await submit(parsed.data))
    } catch (failure) {
      const error = toApiRequestError(failure)
      const field = codeFields[error.code]
      if (field) {
        form.setFields([{ name: field, errors: [error.message] }])
        return
      }
      for (const issue of error.issues) {
        const head = issue.path.split('.')[0]
        if (head && aliases[head]) issue.path = aliases[head]
      }
      const { applied, unmatched } = applyServerIssues(form, error, fields)
      if (!applied || unmatched.length > 0) {
        setBanner(unmatched.length > 0 ? unmatched.map((issue) => issue.message).join('；') : errorText(error))
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText="取消"
      width={width}
      maskClosable={false}
      okButtonProps={{ id: okId, loading: busy }}
      cancelButtonProps={{ id: `${okId}-cancel` }}
      onOk={() => form.submit()}
      onCancel={onClose}
      footer={(buttons) => (
        <>
          {extra?.(form)}
          {buttons}
        </>
      )}
    >
      {banner ? <Alert data-testid={`${name}-error`} type="error" showIcon message={banner} style={{ marginBottom: 16 }} /> : null}
      <Form
        form={form}
        name={name}
        layout="vertical"
        initialValues={initialValues}
        onFinish={finish}
        preserve={false}
        onValuesChange={(changed) => props.onValuesChange?.(changed, form)}
      >
        {children}
      </Form>
    </Modal>
  )
}

/** '' and whitespace-only answers count as not given, so optional fields stay out of the body; the rest is trimmed. */
export function given(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined
}

/** A DatePicker value (dayjs) as YYYY-MM-DD; an empty picker gives '' so the schema names the field. */
export function day(value: unknown): string {
  return value && typeof (value as { format?: unknown }).format === 'function' ? (value as { format(f: string): string }).format('YYYY-MM-DD') : ''
}
