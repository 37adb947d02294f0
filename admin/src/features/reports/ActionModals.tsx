import {
  rectificationIssueBody,
  reportActionLabels,
  reportRevealBody,
  reportTransitionBody,
  type ReportAction,
} from '@msjd/shared'
import { Alert, Descriptions, Form, Input, InputNumber, Modal, Radio, Select } from 'antd'
import { useState, type ReactNode } from 'react'
import {
  issueRectification,
  listReports,
  revealReportIdentity,
  transitionReport,
  type ReportIdentity,
} from './api'
import { FormModal, given, type FormValues } from '../../components/FormModal'
import { SearchSelect } from '../../components/SearchSelect'
import { PhrasePicker, type PhraseReport } from '../phrases/PhrasePicker'
import { useTourGroups, useUnits } from './options'
import { HandoverAttachmentField } from './HandoverAttachments'
import type { ReportDetail } from './api'

type Attachments = ReportDetail['attachments']

const noteField = (label = '内部备注（群众不可见）') => (
  <Form.Item name="note" label={label}>
    <Input.TextArea rows={3} maxLength={2000} showCount />
  </Form.Item>
)

/** Search another report by serial or content; the value is its id. */
function ReportPicker({ excludeId, ...props }: { id?: string; excludeId: string; value?: string; onChange?: (id?: string) => void }) {
  const search = async (q: string, signal: AbortSignal) => {
    const list = await listReports({ q, page: 1, pageSize: 10 }, signal)
    return list.items.filter((r) => r.id !== excludeId).map((r) => ({ value: r.id, label: `${r.serial} ${r.summary.slice(0, 30)}` }))
  }
  return <SearchSelect {...props} placeholder="输入编号或内容查找要并入的举报" search={search} />
}

const pickOne = '请选择一个巡察组或一个责任单位'

function AssignFields({ attachments = [] }: { attachments?: Attachments }) {
  const units = useUnits()
  const groups = useTourGroups()
  return (
    <>
      {groups.available ? (
        <Form.Item name="target" label="交办对象" initialValue="tourGroup">
          <Radio.Group>
            <Radio value="tourGroup">巡察组</Radio>
            <Radio value="unit">责任单位</Radio>
          </Radio.Group>
        </Form.Item>
      ) : null}
      <Form.Item noStyle dependencies={['target']}>
        {({ getFieldValue }) =>
          groups.available && getFieldValue('target') !== 'unit' ? (
            <Form.Item name="tourGroupId" label="巡察组" rules={[{ required: true, message: pickOne }]}>
              <Select placeholder="选择巡察组" options={groups.options} />
            </Form.Item>
          ) : (
            <Form.Item name="unitId" label="责任单位" rules={[{ required: true, message: pickOne }]}>
              <Select placeholder="选择责任单位" showSearch optionFilterProp="label" options={units.options} loading={!units.available} />
            </Form.Item>
          )
        }
      </Form.Item>
      <HandoverAttachmentField attachments={attachments} />
      {noteField('交办意见（内部）')}
    </>
  )
}

/** 交办 / 改派: the target, and the photos and videos ticked to go with the 交办单 (none unless ticked). */
const assignBody = (v: FormValues) => {
  const attachmentIds = (v.attachmentIds as string[] | undefined)?.length ? v.attachmentIds : undefined
  return v.target === 'tourGroup'
    ? { tourGroupId: v.tourGroupId, attachmentIds, note: given(v.note) }
    : { unitId: v.unitId, attachmentIds, note: given(v.note) }
}

interface ActionForm {
  fields: readonly string[]
  body: (values: FormValues) => Record<string, unknown>
  render: (reportId: string, report?: PhraseReport, attachments?: Attachments) => ReactNode
}

const actionForms: Record<ReportAction, ActionForm> = {
  accept: { fields: ['note'], body: (v) => ({ note: given(v.note) }), render: () => noteField('受理意见（内部）') },
  reject: {
    fields: ['reason', 'note'],
    body: (v) => ({ reason: v.reason ?? '', note: given(v.note) }),
    render: (_, report) => (
      <>
        <PhrasePicker kind="reject_reason" field="reason" report={report} />
        <Form.Item name="reason" label="不予受理理由（群众可见）" required>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        {noteField()}
      </>
    ),
  },
  merge: {
    fields: ['intoId', 'note'],
    body: (v) => ({ intoId: v.intoId ?? '', note: given(v.note) }),
    render: (reportId) => (
      <>
        <Form.Item name="intoId" label="并入举报" required>
          <ReportPicker excludeId={reportId} />
        </Form.Item>
        {noteField()}
      </>
    ),
  },
  assign: {
    fields: ['tourGroupId', 'unitId', 'attachmentIds', 'note'],
    body: assignBody,
    render: (_, __, attachments) => <AssignFields attachments={attachments} />,
  },
  start: { fields: ['note'], body: (v) => ({ note: given(v.note) }), render: () => noteField() },
  reply: {
    fields: ['reply', 'note'],
    body: (v) => ({ reply: v.reply ?? '', note: given(v.note) }),
    render: (_, report) => (
      <>
        <PhrasePicker kind="reply" field="reply" report={report} />
        <Form.Item name="reply" label="答复内容（群众可见）" required>
          <Input.TextArea rows={6} maxLength={5000} showCount />
        </Form.Item>
        {noteField()}
      </>
    ),
  },
  return: {
    fields: ['reason', 'note'],
    body: (v) => ({ reason: v.reason ?? '', note: given(v.note) }),
    render: (_, report) => (
      <>
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message="不属于本单位（本组）职责或交办有误时退回受理部门，由其重新交办；退回后本单位不再看到该件。" />
        <PhrasePicker kind="return_reason" field="reason" report={report} />
        <Form.Item name="reason" label="退回理由" required>
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder="如：反映的是县住建局的审批事项，不属于本镇职责" />
        </Form.Item>
        {noteField()}
      </>
    ),
  },
  reassign: {
    fields: ['tourGroupId', 'unitId', 'attachmentIds', 'note'],
    body: assignBody,
    render: (_, __, attachments) => <AssignFields attachments={attachments} />,
  },
  close: {
    fields: ['note'],
    body: (v) => ({ note: v.note ?? '' }),
    render: (_, report) => (
      <>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message="答复后群众评价满意或 7 日未评价将自动办结；提前办结须说明理由（如已电话确认）。"
        />
        <PhrasePicker kind="close_note" field="note" report={report} />
        <Form.Item name="note" label="办结说明" required>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </>
    ),
  },
}

export function TransitionModal({
  reportId,
  report,
  action,
  attachments,
  onClose,
  onDone,
}: {
  reportId: string
  /** fills the placeholders of a picked 常用语 */
  report?: PhraseReport
  action: ReportAction
  /** the report's photos, videos and materials, offered to go with the 交办单 at 交办 / 改派 */
  attachments?: Attachments
  onClose: () => void
  onDone: () => void
}) {
  const config = actionForms[action]
  return (
    <FormModal
      title={reportActionLabels[action]}
      fields={config.fields}
      schema={reportTransitionBody}
      toBody={(values) => ({ action, ...config.body(values) })}
      submit={(body) => transitionReport(reportId, body)}
      onDone={onDone}
      onClose={onClose}
      okText="确定"
    >
      {config.render(reportId, report, attachments)}
    </FormModal>
  )
}

/**
 * 下发立行立改通知书: addressed to the reported unit unless the issuer picks another; the unit answers it as a task in
 * 整改跟踪. The notice is delivered to that unit, so it carries what is to be rectified, never who reported it.
 */
export function RectificationIssueModal({
  reportId,
  report,
  onClose,
  onDone,
}: {
  reportId: string
  report?: PhraseReport & { reportedUnitId: string | null; assigneeUnitId: string | null }
  onClose: () => void
  onDone: () => void
}) {
  const units = useUnits()
  return (
    <FormModal
      title="下发立行立改通知书"
      fields={['unitId', 'content', 'deadlineDays']}
      schema={rectificationIssueBody}
      toBody={(v) => ({ unitId: given(v.unitId), content: v.content ?? '', deadlineDays: v.deadlineDays })}
      submit={(body) => issueRectification(reportId, body)}
      onDone={onDone}
      onClose={onClose}
      initialValues={{ deadlineDays: 5, unitId: report?.reportedUnitId ?? report?.assigneeUnitId ?? undefined }}
      width={640}
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        message="通知书将送达整改单位并可打印（带文号）。只写需要整改的问题和要求，不要写入举报人姓名、电话等可识别信息。"
      />
      <Form.Item name="unitId" label="整改单位（通知书致）" required>
        <Select placeholder="选择接收通知书的单位" showSearch optionFilterProp="label" options={units.options} loading={!units.available} />
      </Form.Item>
      <PhrasePicker kind="notice_requirement" field="content" report={report} />
      <Form.Item name="content" label="整改要求" required>
        <Input.TextArea rows={5} maxLength={5000} showCount />
      </Form.Item>
      <Form.Item name="deadlineDays" label="整改期限（工作日）" required>
        <InputNumber min={1} max={60} precision={0} style={{ width: 160 }} />
      </Form.Item>
    </FormModal>
  )
}

/** 查看身份: asks for the reason, then shows the identity with a reminder that the view was audited. */
export function RevealIdentityModal({ reportId, onClose }: { reportId: string; onClose: () => void }) {
  const [identity, setIdentity] = useState<ReportIdentity>()
  if (identity) {
    return (
      <Modal open title="举报人身份" onCancel={onClose} onOk={onClose} cancelButtonProps={{ style: { display: 'none' } }} okText="关闭">
        <div data-testid="identity-result">
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} message="本次查看已记入审计日志。请严格保密，不得向被反映单位或个人透露举报人信息。" />
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label="姓名">{identity.name ?? '未填写'}</Descriptions.Item>
            <Descriptions.Item label="联系电话">{identity.phone ?? '未填写'}</Descriptions.Item>
          </Descriptions>
        </div>
      </Modal>
    )
  }
  return (
    <FormModal
      title="查看举报人身份"
      okText="查看"
      fields={['reason']}
      schema={reportRevealBody}
      toBody={(v) => ({ reason: v.reason ?? '' })}
      submit={(body) => revealReportIdentity(reportId, body.reason)}
      onDone={setIdentity}
      onClose={onClose}
    >
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} message="举报人身份依法保密。查看须填写原因，查看人、时间和原因将记入审计日志。" />
      <Form.Item name="reason" label="查看原因" required>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  )
}
