// 工作日历: the official holiday / make-up-day schedule of a year, and the corrections staff add to it. Every
// deadline in the system (report acceptance and reply, rectification, the alert engine) counts these working days.
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Popconfirm, Radio, Space, Table, Tag, Typography, message } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { toApiRequestError } from '../../api/client'
import { applyServerIssues } from '../../api/form'
import { useRequest } from '../../api/useRequest'
import { useCurrentUser } from '../auth/AuthProvider'
import { getCalendarYear, putOverride, removeOverride, type CalendarYear } from './api'

type Exception = CalendarYear['exceptions'][number]
const weekday = (day: string) => '日一二三四五六'[dayjs(day).day()]

export default function CalendarPage() {
  const [year, setYear] = useState(dayjs().year())
  const { data, error, loading, reload } = useRequest((signal) => getCalendarYear(year, signal), [year])
  const user = useCurrentUser()
  const canEdit = user.role === 'admin' || user.role === 'supervisor'
  const [form] = Form.useForm()
  const [saving, setSaving] = useState(false)

  async function save(values: { day: dayjs.Dayjs; isWorkday: boolean; note: string }) {
    setSaving(true)
    try {
      await putOverride(values.day.format('YYYY-MM-DD'), { isWorkday: values.isWorkday, note: values.note })
      message.success('已保存，所有期限将按更正后的日历计算')
      form.resetFields()
      reload()
    } catch (failure) {
      const err = toApiRequestError(failure)
      applyServerIssues(form, err, ['isWorkday', 'note'])
      message.error(err.message)
    } finally {
      setSaving(false)
    }
  }

  async function remove(day: string) {
    try {
      await removeOverride(day)
      message.success('已撤销更正')
      reload()
    } catch (failure) {
      message.error(toApiRequestError(failure).message)
    }
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title="工作日历"
        extra={
          <Space>
            年份
            <InputNumber id="calendar-year" min={2000} max={2099} value={year} onChange={(v) => v && setYear(v)} />
          </Space>
        }
      >
        {error && <Alert type="error" showIcon message={error.message} />}
        {data && !data.official && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            message={`系统未内置 ${data.year} 年的国务院节假日安排，当前按周一至周五计算工作日。请在国办通知发布后逐日录入更正。`}
          />
        )}
        {data && (
          <Typography.Paragraph>
            {data.year} 年共 <b data-testid="calendar-workdays">{data.workdays}</b> 个工作日。下表列出与“周一至周五上班”不同的日期。
          </Typography.Paragraph>
        )}
        <Table<Exception>
          data-testid="calendar-table"
          rowKey="day"
          size="small"
          loading={loading}
          dataSource={data?.exceptions ?? []}
          pagination={false}
          columns={[
            { title: '日期', dataIndex: 'day', render: (d: string) => `${d}（周${weekday(d)}）` },
            { title: '类型', dataIndex: 'isWorkday', render: (w: boolean) => (w ? <Tag color="blue">工作日（调休上班）</Tag> : <Tag color="green">休息日</Tag>) },
            { title: '来源', dataIndex: 'source', render: (s: string) => (s === 'official' ? '国务院安排' : <Tag color="orange">工作人员更正</Tag>) },
            { title: '依据', dataIndex: 'note', render: (n: string | null) => n ?? '—' },
            ...(canEdit
              ? [
                  {
                    title: '操作',
                    render: (_: unknown, row: Exception) =>
                      row.source === 'override' && (
                        <Popconfirm title="撤销这条更正？" onConfirm={() => remove(row.day)}>
                          <Button type="link" size="small">撤销</Button>
                        </Popconfirm>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {canEdit && (
        <Card title="更正某一天">
          <Form form={form} layout="inline" onFinish={save} initialValues={{ isWorkday: false }}>
            <Form.Item name="day" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker id="override-day" />
            </Form.Item>
            <Form.Item name="isWorkday" label="设为">
              <Radio.Group>
                <Radio value={true}>工作日</Radio>
                <Radio value={false}>休息日</Radio>
              </Radio.Group>
            </Form.Item>
            <Form.Item name="note" label="依据" rules={[{ required: true, min: 2, message: '请说明依据（如国办发文号）' }]}>
              <Input id="override-note" style={{ width: 280 }} placeholder="如：国办发明电〔2026〕X号" />
            </Form.Item>
            <Form.Item>
              <Button id="override-submit" type="primary" htmlType="submit" loading={saving}>
                保存更正
              </Button>
            </Form.Item>
          </Form>
        </Card>
      )}
    </Space>
  )
}
