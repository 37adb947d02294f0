/*
 * The three ways to close an escalation case (datasets.md "Escalation"): an `urge` case as `done` once the unit has
 * answered the 督办 notice; a `verify` case as `unfounded` or `accountability`. Ids: #escalation-form (the form),
 * #escalation-submit, [data-testid=escalation-form-error], #accountability-add-person, fields by name
 * (#escalation-form_note, #escalation-form_moneyRecovered, #escalation-form_people_0_name, _people_0_kind,
 * _people_0_detail ...). The 问责 record goes to the server structured: people [{ name, kind, detail }] and the money
 * as decimal text.
 *
 * 下发督办通知书 (UrgeNoticeModal): form #urge-notice-form, fields #urge-notice-form_unitId (empty = the case's own
 * unit), #urge-notice-form_unitReason (shown once another unit is chosen), the 督办要求 phrase picker
 * #phrase-content, #urge-notice-form_content, #urge-notice-form_deadlineDays; #urge-notice-submit;
 * [data-testid=urge-notice-form-error].
 */
import { Alert, Button, Form, Input, InputNumber, Select, Space, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { FormModal } from '../../components/FormModal'
import { accountabilityKinds, closeEscalationBody, type AccountabilityKind } from '@msjd/shared'
import { urgeNoticeIssueBody } from '@msjd/shared/escalation-notices'
import { PhrasePicker } from '../phrases/PhrasePicker'
import { searchUnits } from '../rectification/api'
import { closeEscalation, type Escalation, type EscalationCloseBody } from './api'
import { issueUrgeNotice, type UrgeNoticeIssueBody, type UrgeNoticeView } from './escalationNotices'

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
      {(fields, { add, remove }, { errors }) => (
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
          {/* an issue on the list as a whole (no person and no money) sits under the list */}
          <Form.ErrorList errors={errors} />
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
  const note = noteLabels[action]
  return (
    <FormModal
      title={title}
      okText="确定"
      width={action === 'accountability' ? 680 : 520}
      name="escalation-form"
      okId="escalation-submit"
      fields={['note', 'moneyRecovered', 'people']}
      schema={closeEscalationBody}
      toBody={(values) => bodyFor(action, values as FormValues)}
      submit={(body) => closeEscalation(escalation.id, body)}
      onDone={onDone}
      onClose={onClose}
      initialValues={{ people: action === 'accountability' ? [{}] : [] }}
    >
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
    </FormModal>
  )
}

interface NoticeValues {
  unitId?: string
  unitReason?: string
  content?: string
  deadlineDays?: number | null
}

/** What the server receives: the unit only when another than the case's own was chosen, with its reason. */
export function urgeNoticeBody(values: NoticeValues, ownUnitId: string | null): UrgeNoticeIssueBody {
  const other = values.unitId && values.unitId !== ownUnitId ? values.unitId : undefined
  return {
    ...(other ? { unitId: other, unitReason: values.unitReason?.trim() ?? '' } : {}),
    content: values.content?.trim() ?? '',
    deadlineDays: values.deadlineDays as number,
  }
}

/** Units to address the notice to, searched in the directory as staff type (the directory is far larger than a page). */
function UnitSearch({ value, onChange, placeholder }: { value?: string; onChange?: (v?: string) => void; placeholder: string }) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([])
  const search = (q: string) => {
    searchUnits(q)
      .then(setOptions)
      .catch(() => setOptions([]))
  }
  useEffect(() => search(''), [])
  return (
    <Select
      id="urge-notice-form_unitId"
      showSearch
      allowClear
      filterOption={false}
      onSearch={search}
      options={options}
      value={value}
      onChange={onChange}
      placeholder={placeholder}
    />
  )
}

/**
 * 下发督办通知书 on a case at 督办: to the case's own unit unless another is chosen (then with a reason), the
 * requirements (from a 督办要求 phrase or written), and the deadline in working days. The server numbers it
 * 〔年〕督办第N号 and opens the unit's task in 整改跟踪.
 */
export function UrgeNoticeModal({
  escalation,
  ownUnit,
  title,
  onClose,
  onDone,
}: {
  escalation: Pick<Escalation, 'id' | 'unitCode'>
  /** the case's unit in the directory (null when its code is not there: a unit must then be chosen) */
  ownUnit: { id: string; name: string } | null
  title: string
  onClose: () => void
  onDone: (notice: UrgeNoticeView) => void
}) {
  const [unitId, setUnitId] = useState<string>()
  const other = !!unitId && unitId !== ownUnit?.id

  return (
    <FormModal
      title={title}
      okText="下发"
      width={640}
      name="urge-notice-form"
      okId="urge-notice-submit"
      fields={['unitId', 'unitReason', 'content', 'deadlineDays']}
      schema={urgeNoticeIssueBody}
      toBody={(values) => urgeNoticeBody(values as NoticeValues, ownUnit?.id ?? null)}
      submit={(body) => issueUrgeNotice(escalation.id, body)}
      onDone={onDone}
      onClose={onClose}
      initialValues={{ deadlineDays: 10 }}
      onValuesChange={(changed) => {
        if ('unitId' in changed) setUnitId(changed.unitId as string | undefined)
      }}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="通知书带文号（〔年〕督办第N号）送达单位的“整改跟踪”，单位上传整改材料后由您验收；验收通过即督办办结。通知书附预警的一句话说明（证件号码已遮盖）。"
      />
      <Form.Item
        name="unitId"
        label="接收单位"
        extra={ownUnit ? `默认致案件所属单位：${ownUnit.name}` : undefined}
        rules={ownUnit ? [] : [{ required: true, message: `单位编码 ${escalation.unitCode} 不在单位目录中，请选择接收单位` }]}
      >
        <UnitSearch placeholder={ownUnit ? `${ownUnit.name}（案件所属单位）` : '选择接收督办通知书的单位'} />
      </Form.Item>
      {other ? (
        <Form.Item
          name="unitReason"
          label="改送其他单位的理由"
          rules={[
            { required: true, whitespace: true, message: '请填写改送其他单位的理由' },
            { min: 4, message: '理由至少 4 个字' },
            { max: 500, message: '理由不能超过 500 个字' },
          ]}
        >
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      ) : null}
      <PhrasePicker kind="urge_requirement" field="content" report={{ serial: '', categoryName: '', reportedUnitName: ownUnit?.name ?? null, assigneeName: null }} />
      <Form.Item
        name="content"
        label="督办要求"
        rules={[
          { required: true, whitespace: true, message: '请填写督办要求' },
          { min: 5, message: '请填写督办要求（至少 5 个字）' },
          { max: 5000, message: '督办要求不能超过 5000 个字' },
        ]}
      >
        <Input.TextArea rows={5} maxLength={5000} showCount />
      </Form.Item>
      <Form.Item name="deadlineDays" label="整改期限（工作日）" rules={[{ required: true, message: '请填写整改期限（工作日）' }]}>
        <InputNumber min={1} max={60} precision={0} style={{ width: 160 }} />
      </Form.Item>
    </FormModal>
  )
}
