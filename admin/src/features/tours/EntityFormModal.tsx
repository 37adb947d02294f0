import { Alert, Form, Modal, type FormInstance } from 'antd'
import { useState, type ReactNode } from 'react'
import { errorText, toApiRequestError } from '../../api/client'
import { applyServerIssues } from '../../api/form'

type Issue = { path: readonly PropertyKey[]; message: string }
/** Structural stand-in for a shared zod schema: the body is checked with the same rules (and messages) as on the server. */
export interface BodySchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: readonly Issue[] } }
}

export type FormValues = Record<string, unknown>

interface EntityFormModalProps<T, R> {
  title: string
  /** antd form name: the inputs get the ids `<name>_<field>`. */
  name: string
  /** id of the save button (stable for browser flows). */
  okId: string
  /** The form's own field names: issues on them go under the input, the rest into the banner. */
  fields: readonly string[]
  /** Server error codes that concern one field (a taken code, a unit already inspected): shown under that field. */
  codeFields?: Record<string, string>
  schema: BodySchema<T>
  toBody: (values: FormValues) => unknown
  submit: (body: T) => Promise<R>
  onDone: (result: R) => void
  onClose: () => void
  initialValues?: FormValues
  width?: number
  okText?: string
  /** Extra buttons left of 取消/保存 (e.g. 预览), given the form to read the current values. */
  extra?: (form: FormInstance<FormValues>) => ReactNode
  onValuesChange?: (changed: FormValues, form: FormInstance<FormValues>) => void
  children: ReactNode
}

/**
 * A create/edit form in a modal: checks the body with its shared schema before sending, then puts the server's
 * field issues (400) and field conflicts (409 with a known code) under the inputs, anything else in a banner.
 * Mounted only while open, so the ids are unique on the page.
 */
export function EntityFormModal<T, R>(props: EntityFormModalProps<T, R>) {
  const { title, name, okId, fields, codeFields = {}, schema, toBody, submit, onDone, onClose, initialValues, width, okText = '保存', extra, children } = props
  const [form] = Form.useForm<FormValues>()
  const [busy, setBusy] = useState(false)
  const [banner, setBanner] = useState<string>()

  const finish = async (values: FormValues) => {
    setBanner(undefined)
    const parsed = schema.safeParse(toBody(values))
    if (!parsed.success) {
      const onFields = parsed.error.issues.filter((issue) => fields.includes(String(issue.path[0])))
      const byField = new Map<string, string[]>()
      for (const issue of onFields) {
        const field = String(issue.path[0])
        byField.set(field, [...(byField.get(field) ?? []), issue.message])
      }
      form.setFields([...byField].map(([field, errors]) => ({ name: field, errors: [...new Set(errors)] })))
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
      width={width}
      okText={okText}
      cancelText="取消"
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
      {banner ? <Alert data-testid={`${name}-form-error`} type="error" showIcon message={banner} style={{ marginBottom: 16 }} /> : null}
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

/** '' and whitespace-only answers count as not given, so optional fields stay out of the body. */
export function given(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined
}

/** A DatePicker value (dayjs) as YYYY-MM-DD; an empty picker gives '' so the schema names the field. */
export function day(value: unknown): string {
  return value && typeof (value as { format?: unknown }).format === 'function' ? (value as { format(f: string): string }).format('YYYY-MM-DD') : ''
}
