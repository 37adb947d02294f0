import { Alert, Button, Card, Form, Input, InputNumber, Modal, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { reportExtensionRequestBody, type ReportExtensionView, type ReportStaffDetail } from '@msjd/shared/reports'
import { useAction } from '../../api/useAction'
import { useRequest } from '../../api/useRequest'
import { listExtensions, requestExtension } from './extension-api'
import { formatTime } from './shared'
import { LoadError } from '../../components/LoadError'

const statusColor = { pending: 'gold', approved: 'green', refused: 'default' } as const
/** Statuses whose reply deadline is running (the server's REPLY_CLOCK_STATUSES). */
const CLOCK_RUNNING = ['accepted', 'assigned', 'in_progress']

/**
 * 延期 on the report page: the handler asks for more working days with a reason; a supervisor decides in 待我审批.
 * An approval moves 答复期限 by that many working days and tells the reporter.
 */
export function ReportExtensions({ report, canRequest, onChange }: { report: ReportStaffDetail; canRequest: boolean; onChange: () => void }) {
  const { data, error, reload } = useRequest((signal) => listExtensions(report.id, signal), [report.id])
  const [open, setOpen] = useState(false)
  const [workdays, setWorkdays] = useState<number | null>(5)
  const [reason, setReason] = useState('')
  const { busy, failure, setFailure, run } = useAction()
  const items = data?.items ?? []
  const pending = items.some((e) => e.status === 'pending')
  const offer = canRequest && !pending && CLOCK_RUNNING.includes(report.status) && !!report.replyDueOn

  const submit = () => {
    const checked = reportExtensionRequestBody.safeParse({ workdays: workdays ?? undefined, reason })
    if (!checked.success) return setFailure(checked.error.issues[0]?.message)
    return run(
      () => requestExtension(report.id, checked.data),
      () => {
        setOpen(false)
        setReason('')
        reload()
        onChange()
      },
    )
  }

  if (!items.length && !offer && !error) return null
  return (
    <Card
      title="延期答复"
      size="small"
      data-testid="report-extensions"
      extra={
        offer ? (
          <Button id="extension-request" onClick={() => (setFailure(undefined), setOpen(true))}>
            申请延期
          </Button>
        ) : pending ? (
          <Tag color="gold">延期申请待审批</Tag>
        ) : null
      }
    >
      <LoadError error={error} onRetry={reload} />
      {items.length ? (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={items}
          columns={[
            { title: '申请人', dataIndex: 'requesterName', width: 140, render: (v: string | null) => v ?? '—' },
            { title: '延长', dataIndex: 'workdays', width: 90, render: (v: number) => `${v} 个工作日` },
            { title: '理由', dataIndex: 'reason' },
            { title: '申请时间', dataIndex: 'createdAt', width: 170, render: (v: string) => formatTime(v) },
            {
              title: '结果',
              key: 'status',
              width: 220,
              render: (_: unknown, e: ReportExtensionView) => (
                <>
                  <Tag color={statusColor[e.status]} data-testid={`extension-status-${e.id}`}>
                    {e.statusLabel}
                  </Tag>
                  {e.dueOnAfter ? <Typography.Text type="secondary">期限 {e.dueOnBefore} → {e.dueOnAfter}</Typography.Text> : null}
                  {e.decisionNote ? <div><Typography.Text type="secondary">意见：{e.decisionNote}</Typography.Text></div> : null}
                </>
              ),
            },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">当前答复期限 {report.replyDueOn}；确需更多时间时可申请延期，由纪检干部审批。</Typography.Text>
      )}
      {open ? (
        <Modal open title="申请延期答复" okText="提交申请" okButtonProps={{ id: 'extension-submit', loading: busy }} onOk={submit} onCancel={() => setOpen(false)}>
          <Alert type="info" showIcon style={{ marginBottom: 16 }} message={`当前答复期限 ${report.replyDueOn}；批准后按工作日顺延（节假日不计）。`} />
          <Form layout="vertical">
            <Form.Item label="延长工作日数" required>
              <InputNumber id="extension-workdays" min={1} max={30} precision={0} value={workdays} onChange={setWorkdays} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item label="延期理由" required>
              <Input.TextArea id="extension-reason" rows={3} maxLength={1000} showCount value={reason} onChange={(e) => setReason(e.target.value)} />
            </Form.Item>
          </Form>
          {failure ? <Alert type="error" showIcon message={failure} data-testid="extension-error" /> : null}
        </Modal>
      ) : null}
    </Card>
  )
}
