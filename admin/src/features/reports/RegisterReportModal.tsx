import { reportChannelLabels, reportChannels, reportRegisterBody, reportSubmitResponse, type ReportSubmitResponse } from '@msjd/shared'
import { Alert, Descriptions, Form, Input, Modal, Select, Switch, Typography } from 'antd'
import { useState } from 'react'
import { apiRequest } from '../../api/client'
import { FormModal, given, type FormValues } from '../../components/FormModal'
import { shanghaiDay } from '../../components/time'
import { useCategories, useUnits } from './options'

const channelOptions = reportChannels.filter((c) => c !== 'miniapp').map((c) => ({ value: c, label: reportChannelLabels[c] }))
const FIELDS = ['channel', 'receivedOn', 'category', 'content', 'reportedUnitId', 'reportedUnitText', 'reportedPerson', 'occurredAt', 'location', 'confidential', 'reporterName', 'reporterPhone']

// one key per opened form: a doubled click or a retry after a dropped answer registers the report once
const newKey = () => `reg-${crypto.randomUUID()}`

const registerReport = (body: unknown, key: string) =>
  apiRequest('/staff/reports', { method: 'POST', body: { ...(body as object), idempotencyKey: key }, schema: reportSubmitResponse })

/**
 * 登记来件: intake enters a report received by 来信 / 来电 / 来访 / 12388 / 上级转办. It runs the same lifecycle with
 * the same sealing; deadlines run from the day it arrived. A 保密 one gets a query code to pass on to the reporter.
 */
export function RegisterReportModal({ onClose, onDone }: { onClose: () => void; onDone: (id: string) => void }) {
  const categories = useCategories()
  const units = useUnits()
  const [key] = useState(newKey)
  const [receipt, setReceipt] = useState<ReportSubmitResponse>()

  if (receipt) {
    return (
      <Modal open title="登记完成" okText="查看该件" okButtonProps={{ id: 'register-open' }} onOk={() => onDone(receipt.id)} cancelText="关闭" onCancel={onClose}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label="编号">
            <span data-testid="register-serial">{receipt.serial}</span>
          </Descriptions.Item>
          <Descriptions.Item label="受理期限">{receipt.acceptDueOn}</Descriptions.Item>
          {receipt.queryCode ? (
            <>
              <Descriptions.Item label="查询码">
                <Typography.Text copyable data-testid="register-code">{receipt.queryCode}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label="查询密码">
                <Typography.Text copyable data-testid="register-secret">{receipt.querySecret}</Typography.Text>
              </Descriptions.Item>
            </>
          ) : null}
        </Descriptions>
        {receipt.queryCode ? (
          <Alert type="warning" showIcon message="请当面或电话告知反映人查询码和查询密码，并提醒其妥善保存：系统不保存明文，关闭后无法再次显示。" />
        ) : null}
      </Modal>
    )
  }

  return (
    <FormModal
      title="登记来件"
      name="register"
      width={720}
      fields={FIELDS}
      schema={reportRegisterBody}
      initialValues={{ receivedOn: shanghaiDay(), confidential: false }}
      toBody={(v: FormValues) => ({
        channel: v.channel,
        receivedOn: given(v.receivedOn),
        category: v.category ?? '',
        content: v.content ?? '',
        reportedUnitId: given(v.reportedUnitId),
        reportedUnitText: given(v.reportedUnitText),
        reportedPerson: given(v.reportedPerson),
        occurredAt: given(v.occurredAt),
        location: given(v.location),
        confidential: !!v.confidential,
        reporterName: v.confidential ? undefined : given(v.reporterName),
        reporterPhone: v.confidential ? undefined : given(v.reporterPhone),
      })}
      submit={(body) => registerReport(body, key)}
      onDone={(res) => setReceipt(res)}
      onClose={onClose}
      okText="登记"
    >
      <Form.Item name="channel" label="来源渠道" required>
        <Select placeholder="来信、来电、来访、12388 或上级转办" options={channelOptions} />
      </Form.Item>
      <Form.Item name="receivedOn" label="收到日期（期限从此日起算）" required>
        <Input type="date" max={shanghaiDay()} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="category" label="问题类别" required>
        <Select placeholder="选择类别" options={categories.options} loading={!categories.available} />
      </Form.Item>
      <Form.Item name="content" label="反映内容" required>
        <Input.TextArea rows={5} maxLength={5000} showCount placeholder="照来信、来电记录如实登记" />
      </Form.Item>
      <Form.Item name="reportedUnitId" label="被反映单位（目录内）">
        <Select allowClear showSearch optionFilterProp="label" placeholder="选择单位" options={units.options} />
      </Form.Item>
      <Form.Item name="reportedUnitText" label="被反映单位（目录外时填写）">
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="reportedPerson" label="被反映人">
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="occurredAt" label="发生时间">
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="location" label="发生地点">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="confidential" label="保密（不登记反映人身份，发给查询码）" valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item noStyle dependencies={['confidential']}>
        {({ getFieldValue }) =>
          getFieldValue('confidential') ? null : (
            <>
              <Form.Item name="reporterName" label="反映人姓名（加密保存）">
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item name="reporterPhone" label="联系电话（加密保存）">
                <Input maxLength={20} />
              </Form.Item>
            </>
          )
        }
      </Form.Item>
    </FormModal>
  )
}
