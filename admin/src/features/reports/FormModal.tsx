import { Alert, Form, Modal } from 'antd'
import { useState, type ReactNode } from 'react'
import { errorText, toApiRequestError } from '../../api/client'
import { applyServerIssues } from '../../api/form'

type Issue = { path: readonly PropertyKey[]; message: string }
/** Structural stand-in for a shared zod schema: the body is checked with the same rules (and messages) as on the server. */
export interface BodySchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: readonly Issue[] } }
}

export type FormValues = Record<string, unknown>

interface FormModalProps<T, R> {
  title: string
  /** The form's own field names: issues on them go under the input, the rest into the banner. */
  fields: readonly string[]
  schema: BodySchema<T>
  toBody: (values: FormValues) => unknown
  submit: (body: T) => Promise<R>
  onDone: (result: R) => void
  onClose: () => void
  okText?: string
  initialValues?: FormValues
  children: ReactNode
}

/**
 * One modal form per action: checks the body with its shared schema before sending, puts the server's field
 * issues under the inputs and anything else in a banner. Mounted only while open, so `#action-submit` is unique.
 */
export function FormModal<T, R>(props: FormModalProps<T, R>) {
  const { title, fields, schema, toBody, submit, onDone, onClose, okText = '确定', initialValues, children } = props
  const [form] = Form.useForm<FormValues>()
  const [busy, setBusy] = useState(false)
  const [banner, setBanner] = useState<string>()

  const finish = async (values: FormValues) => {
    setBanner(undefined)
    const parsed = schema.safeParse(toBody(values))
    if (!parsed.success) {
      const onFields = parsed.error.issues.filter((issue) => fields.includes(String(issue.path[0])))
      form.setFields(onFields.map((issue) => ({ name: String(issue.path[0]), errors: [issue.message] })))
      const rest = parsed.error.issues.filter((issue) => !onFields.includes(issue))
      if (rest.length > 0) setBanner(rest.map((issue) => issue.message).join('；'))
      return
    }
    setBusy(true)
    try {
      const result = await submit(parsed.data)
      onDone(result)
    } catch (failure) {
      const error = toApiRequestError(failure)
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
      maskClosable={false}
      okButtonProps={{ id: 'action-submit', loading: busy }}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      {banner ? <Alert data-testid="action-error" type="error" showIcon message={banner} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} name="action" layout="vertical" initialValues={initialValues} onFinish={finish} preserve={false}>
        {children}
      </Form>
    </Modal>
  )
}

/** '' and whitespace-only answers count as not given, so optional fields stay out of the body. */
export function given(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value : undefined
}
