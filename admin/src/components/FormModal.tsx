import { Alert, Form, Modal } from 'antd'
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
  children: ReactNode
}

/**
 * One modal form per action: checks the body with its shared schema before sending, puts field issues (nested
 * ones too, e.g. `materials.2`) under the inputs and anything else in a banner. Mounted only while open, so
 * its ids are unique.
 */
export function FormModal<T, R>(props: FormModalProps<T, R>) {
  const { title, fields, schema, toBody, submit, onDone, onClose, okText = '保存', width, initialValues, aliases = {}, name = 'action', children } = props
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
      okButtonProps={{ id: `${name}-submit`, loading: busy }}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      {banner ? <Alert data-testid={`${name}-error`} type="error" showIcon message={banner} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} name={name} layout="vertical" initialValues={initialValues} onFinish={finish} preserve={false}>
        {children}
      </Form>
    </Modal>
  )
}

/** '' and whitespace-only answers count as not given, so optional fields stay out of the body. */
export function given(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value : undefined
}
