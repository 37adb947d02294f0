import { rectificationSourceLabels, rectificationSources } from '@msjd/shared'
import { Alert, Form, Input, InputNumber, Modal, Radio, Select } from 'antd'
import { useState } from 'react'
import { errorText, toApiRequestError } from '../../api/client'
import { applyServerIssues } from '../../api/form'
import { useRequest } from '../../api/useRequest'
import { useCurrentUser } from '../auth/AuthProvider'
import { listTourRoundOptions } from '../reports/api'
import { createRectification, listInspectedUnits, searchUnits, type RectificationTask, type TaskBody } from './api'

interface Values {
  sourceKind: TaskBody['sourceKind']
  sourceId?: string
  tourRoundId?: string
  inspectedUnitId?: string
  unitId?: string
  title: string
  requirement: string
  deadlineDays: number
}

const fields = ['sourceKind', 'sourceId', 'inspectedUnitId', 'unitId', 'title', 'requirement', 'deadlineDays']

/**
 * 下达整改任务. A tour group tasks one of the units its group inspects (picked through the round); leaders may also
 * task any unit directly. The deadline is counted in working days by the server.
 */
export function CreateTaskModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (t: RectificationTask) => void }) {
  const user = useCurrentUser()
  const leader = user.role === 'admin' || user.role === 'supervisor'
  const [form] = Form.useForm<Values>()
  const roundId = Form.useWatch('tourRoundId', form)
  const rounds = useRequest((signal) => (open ? listTourRoundOptions(signal) : Promise.resolve([])), [open])
  const [unitQuery, setUnitQuery] = useState('')
  // Typing narrows the list on the server; a pause of 300 ms first so each keystroke is not a request.
  const units = useRequest(
    (signal) =>
      open && leader
        ? new Promise<void>((resolve) => setTimeout(resolve, unitQuery ? 300 : 0)).then(() => (signal.aborted ? [] : searchUnits(unitQuery, signal)))
        : Promise.resolve([]),
    [open, leader, unitQuery],
  )
  const inspected = useRequest((signal) => (roundId ? listInspectedUnits(roundId, signal) : Promise.resolve([])), [roundId])
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string>()

  const inspectedOptions = (inspected.data ?? [])
    .filter((iu) => leader || iu.tourGroup.id === user.tourGroupId)
    .map((iu) => ({ value: iu.id, label: `${iu.unit.name}（${iu.tourGroup.name}）` }))

  async function submit() {
    let v: Values
    try {
      v = await form.validateFields()
    } catch {
      return
    }
    const iu = inspected.data?.find((x) => x.id === v.inspectedUnitId)
    const unitId = iu?.unit.id ?? v.unitId
    if (!unitId) return
    setBusy(true)
    setFailure(undefined)
    try {
      const created = await createRectification({
        sourceKind: v.sourceKind,
        sourceId: v.sourceId?.trim() || null,
        unitId,
        inspectedUnitId: iu?.id ?? null,
        title: v.title.trim(),
        requirement: v.requirement.trim(),
        deadlineDays: v.deadlineDays,
      })
      form.resetFields()
      onCreated(created)
    } catch (caught) {
      const err = toApiRequestError(caught)
      const { applied } = applyServerIssues(form, err, fields)
      if (!applied) setFailure(errorText(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      open={open}
      title="下达整改任务"
      okText="下达"
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okButtonProps={{ id: 'rect-new-confirm' }}
      destroyOnHidden
      width={640}
    >
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" preserve={false} initialValues={{ sourceKind: 'report', deadlineDays: 10 }}>
        <Form.Item name="sourceKind" label="任务来源" rules={[{ required: true, message: '请选择任务来源' }]}>
          <Radio.Group id="rect-new-source" options={rectificationSources.map((s) => ({ value: s, label: rectificationSourceLabels[s] }))} />
        </Form.Item>
        <Form.Item name="sourceId" label="来源编号（选填）" rules={[{ max: 64, message: '来源编号不能超过 64 个字符' }]}>
          <Input id="rect-new-source-id" placeholder="线索编号、通知文号或预警编号" maxLength={64} />
        </Form.Item>
        <Form.Item name="tourRoundId" label="巡察轮次" rules={leader ? [] : [{ required: true, message: '请选择巡察轮次' }]}>
          <Select
            id="rect-new-round"
            allowClear
            placeholder={leader ? '不选则直接选择责任单位' : '请选择巡察轮次'}
            options={rounds.data ?? []}
            loading={rounds.loading}
            onChange={() => form.setFieldValue('inspectedUnitId', undefined)}
          />
        </Form.Item>
        {roundId && (
          <Form.Item name="inspectedUnitId" label="被巡察单位" rules={[{ required: true, message: leader ? '请选择被巡察单位' : '请选择本组负责的被巡察单位' }]}>
            <Select id="rect-new-inspected-unit" showSearch optionFilterProp="label" options={inspectedOptions} loading={inspected.loading} notFoundContent="本轮没有可选的被巡察单位" />
          </Form.Item>
        )}
        {leader && !roundId && (
          <Form.Item name="unitId" label="责任单位" rules={[{ required: true, message: '请选择责任单位' }]}>
            <Select
              id="rect-new-unit"
              showSearch
              filterOption={false}
              onSearch={setUnitQuery}
              options={units.data ?? []}
              loading={units.loading}
              placeholder="输入单位名称或编码搜索"
              notFoundContent={units.loading ? '正在查找…' : '没有匹配的单位'}
            />
          </Form.Item>
        )}
        <Form.Item name="title" label="任务名称" rules={[{ required: true, whitespace: true, message: '请填写任务名称' }, { max: 200, message: '任务名称不能超过 200 字' }]}>
          <Input id="rect-new-title" maxLength={200} placeholder="如：便民服务中心窗口纪律整改" />
        </Form.Item>
        <Form.Item name="requirement" label="整改要求" rules={[{ required: true, whitespace: true, message: '请填写整改要求' }, { max: 5000, message: '整改要求不能超过 5000 字' }]}>
          <Input.TextArea id="rect-new-requirement" rows={4} maxLength={5000} showCount />
        </Form.Item>
        <Form.Item
          name="deadlineDays"
          label="整改期限（工作日）"
          extra="按工作日历计算，节假日不计"
          rules={[{ required: true, message: '请填写整改期限' }, { type: 'integer', min: 1, max: 365, message: '整改期限应为 1 到 365 个工作日' }]}
        >
          <InputNumber id="rect-new-deadline" min={1} max={365} precision={0} addonAfter="个工作日" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
