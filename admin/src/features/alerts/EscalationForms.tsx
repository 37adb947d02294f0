/*
 * The three ways to close an escalation case (datasets.md "Escalation"): an `urge` case as `done` once the unit has
 * answered the 督办 notice; a `verify` case as `unfounded` or `accountability`. Ids: #escalation-form (the form),
 * #escalation-submit, [data-testid=escalation-form-error], #accountability-add-person, fields by name
 * (#escalation-form_note, #escalation-form_moneyRecovered, #escalation-form_people_0_name, _people_0_kind,
 * _people_0_detail ...). The 问责 record goes to the server structured: people [{ name, kind, detail }] and the money
 * as decimal text.
 */
import { Alert, Button, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd'
import { useState } from 'react'
import { errorText, toApiRequestError } from '../../api/client'
import { applyServerIssues } from '../../api/form'
import { accountabilityKinds, type AccountabilityKind } from '@msjd/shared'
import { closeEscalation, type Escalation, type EscalationCloseBody } from './api'

export type CloseAction = 'done' | 'unfounded' | 'accountability'

/** Which closings the server accepts from each stage (engine.closeEscalation). */
export function actionsFor(stage: Escalation['stage']): CloseAction[] {
  if (stage === 'urge') return ['done']
  if (stage === 'verify') return ['unfounded', 'accountability']
  return []
}

export const actionLabels: Record<CloseAction, string> = { done: '督办办结', unfounded: '核查不实', accountability: '问责处理' }

interface Person {
  name?: string
  kind?: AccountabilityKind
  detail?: string
}
interface FormValues {
  note?: string
  people?: Person[]
  /** decimal text from the money field (stringMode): what was typed is what is stored */
  moneyRecovered?: string | null
}

const trimmed = (s?: string) => s?.trim() || undefined

/** The 问责 record as the server stores it: one entry per person (rows left without a name are dropped). */
export function accountabilityBody(values: FormValues): Extract<EscalationCloseBody, { stage: 'accountability' }> {
  const people = (values.people ?? [])
    .filter((p) => p.name?.trim() && p.kind)
    .map((p) => ({ name: p.name!.trim(), kind: p.kind!, ...(trimmed(p.detail) ? { detail: trimmed(p.detail) } : {}) }))
  const money = values.moneyRecovered === null || values.moneyRecovered === undefined ? undefined : String(values.moneyRecovered).trim() || undefined
  return { stage: 'accountability', people, moneyRecovered: money, note: trimmed(values.note) }
}

export function bodyFor(action: CloseAction, values: FormValues): EscalationCloseBody {
  if (action === 'accountability') return accountabilityBody(values)
  return { stage: action, note: trimmed(values.note) }
}

const noteLabels: Record<CloseAction, { label: string; required: boolean; message: string }> = {
  done: { label: '督办通知及单位反馈', required: true, message: '请填写向单位发出的督办通知及单位的反馈' },
  unfounded: { label: '核查不实的理由', required: true, message: '请填写核查不实的理由' },
  accountability: { label: '核查情况', required: true, message: '请填写核查查实的情况' },
}

function PeopleFields() {
  return (
    <Form.List name="people">
      {(fields, { add, remove }) => (
        <>
          <Typography.Text strong>问责对象</Typography.Text>
          {fields.map((field) => (
            <Space key={field.key} align="baseline" wrap style={{ display: 'flex', marginTop: 8 }}>
              <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写被问责人姓名' }, { max: 50, message: '姓名不超过 50 字' }]}>
                <Input placeholder="姓名（职务）" style={{ width: 160 }} />
              </Form.Item>
              <Form.Item name={[field.name, 'kind']} rules={[{ required: true, message: '请选择处理方式' }]}>
                <Select placeholder="处理方式" style={{ width: 130 }} options={accountabilityKinds.map((k) => ({ value: k, label: k }))} />
              </Form.Item>
              <Form.Item name={[field.name, 'detail']} rules={[{ max: 200, message: '处理内容不超过 200 字' }]}>
                <Input placeholder="处理内容，如：党内警告" style={{ width: 200 }} />
              </Form.Item>
              <Button type="link" danger onClick={() => remove(field.name)}>
                删除
              </Button>
            </Space>
          ))}
          <div>
            <Button id="accountability-add-person" type="dashed" onClick={() => add({})} style={{ marginTop: 8, marginBottom: 16 }}>
              添加问责对象
            </Button>
          </div>
        </>
      )}
    </Form.List>
  )
}

export function EscalationCloseModal({
  escalation,
  action,
  title,
  onClose,
  onDone,
}: {
  escalation: Escalation
  action: CloseAction
  title: string
  onClose: () => void
  onDone: () => void
}) {
  const [form] = Form.useForm<FormValues>()
  const [busy, setBusy] = useState(false)
  const [banner, setBanner] = useState<string>()
  const note = noteLabels[action]

  const finish = async (values: FormValues) => {
    setBanner(undefined)
    const body = bodyFor(action, values)
    if (body.stage === 'accountability' && !body.people?.length && !(Number(body.moneyRecovered) > 0)) {
      setBanner('问责处理须至少记录一名问责对象或追回金额')
      return
    }
    setBusy(true)
    try {
      await closeEscalation(escalation.id, body)
      onDone()
    } catch (failure) {
      const error = toApiRequestError(failure)
      const { applied, unmatched } = applyServerIssues(form, error, ['note', 'moneyRecovered', 'people'])
      // an issue on the list as a whole (no person and no money) has no input of its own to sit under
      const listIssues = error.issues.filter((i) => i.path === 'people')
      const banners = [...unmatched, ...listIssues]
      if (!applied || banners.length > 0) setBanner(banners.length > 0 ? banners.map((i) => i.message).join('；') : errorText(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      open
      title={title}
      okText="确定"
      cancelText="取消"
      maskClosable={false}
      width={action === 'accountability' ? 680 : 520}
      okButtonProps={{ id: 'escalation-submit', loading: busy }}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      {banner ? <Alert data-testid="escalation-form-error" type="error" showIcon message={banner} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} name="escalation-form" layout="vertical" onFinish={finish} preserve={false} initialValues={{ people: action === 'accountability' ? [{}] : [] }}>
        {action === 'accountability' ? (
          <>
            <PeopleFields />
            <Form.Item
              name="moneyRecovered"
              label="追回资金（元）"
              rules={[{ pattern: /^\d{1,12}(\.\d{1,2})?$/, message: '追回金额应为不小于 0 的金额，最多两位小数' }]}
            >
              <InputNumber<string> stringMode min="0" max="999999999999.99" precision={2} step={100} style={{ width: 200 }} placeholder="无则不填" />
            </Form.Item>
          </>
        ) : null}
        <Form.Item
          name="note"
          label={note.label}
          rules={[
            { required: note.required, whitespace: true, message: note.message },
            { max: 2000, message: '不超过 2000 字' },
          ]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  )
}
