import { Alert, Button, Card, Empty, Form, Input, Modal, Space, Table, Typography } from 'antd'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import { identityRevealDecisionBody, type IdentityRevealRequestView } from '@msjd/shared/protection'
import { errorText } from '../../api/client'
import { useAction } from '../../api/useAction'
import { useRequest } from '../../api/useRequest'
import { useCurrentUser } from '../auth/AuthProvider'
import { decideReveal, listPendingReveals } from './custody-api'
import { formatTime } from './shared'

/**
 * 身份查看审批: every request to see a real-name reporter that waits for a second supervisor, in one queue, so none
 * waits unseen on a report page. A supervisor cannot decide their own request (the server refuses it too).
 */
export default function RevealApprovalsPage() {
  const user = useCurrentUser()
  const { data, error, loading, reload } = useRequest((signal) => listPendingReveals(signal), [])
  const [dialog, setDialog] = useState<{ request: IdentityRevealRequestView; approve: boolean }>()
  const [note, setNote] = useState('')
  const { busy, failure, setFailure, run } = useAction()
  const close = () => {
    setDialog(undefined)
    setNote('')
    setFailure(undefined)
  }
  const submit = () => {
    if (!dialog) return
    const checked = identityRevealDecisionBody.safeParse({ approve: dialog.approve, note: note || undefined })
    if (!checked.success) return setFailure(checked.error.issues[0]?.message)
    return run(
      () => decideReveal(dialog.request.id, checked.data),
      () => {
        close()
        reload()
      },
    )
  }

  return (
    <Card title="身份查看审批（双人审批）" data-testid="reveal-approvals">
      <Typography.Paragraph type="secondary">
        受理员或纪检干部申请查看实名举报人身份时，须由另一名纪检干部审批。请核对申请原因是否确有必要；批准后仅申请人可在有效期内查看，每次查看均记入审计日志。
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon message={errorText(error)} action={<Button size="small" onClick={reload}>重试</Button>} /> : null}
      <Table
        rowKey="id"
        size="middle"
        loading={loading}
        pagination={false}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有待审批的申请" /> }}
        columns={[
          { title: '举报编号', dataIndex: 'serial', width: 170, render: (serial: string, r: IdentityRevealRequestView) => <Link to={`/reports/${r.reportId}`}>{serial}</Link> },
          { title: '申请人', dataIndex: 'requesterName', width: 140, render: (v: string | null) => v ?? '—' },
          { title: '查看原因', dataIndex: 'reason' },
          { title: '申请时间', dataIndex: 'createdAt', width: 170, render: (v: string) => formatTime(v) },
          {
            title: '审批',
            key: 'decide',
            width: 180,
            render: (_: unknown, r: IdentityRevealRequestView) =>
              r.requesterId === user.id ? (
                <Typography.Text type="secondary">本人申请，须由他人审批</Typography.Text>
              ) : (
                <Space>
                  <Button size="small" type="primary" id={`approval-approve-${r.id}`} onClick={() => setDialog({ request: r, approve: true })}>
                    批准
                  </Button>
                  <Button size="small" danger id={`approval-refuse-${r.id}`} onClick={() => setDialog({ request: r, approve: false })}>
                    拒绝
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      {dialog ? (
        <Modal
          open
          title={dialog.approve ? '批准查看申请' : '拒绝查看申请'}
          okText={dialog.approve ? '批准' : '拒绝'}
          okButtonProps={{ id: 'approval-ok', loading: busy, danger: !dialog.approve }}
          onOk={submit}
          onCancel={close}
        >
          <Alert type="info" showIcon style={{ marginBottom: 16 }} message={`${dialog.request.serial}　申请人：${dialog.request.requesterName ?? '—'}；原因：${dialog.request.reason}`} />
          <Form layout="vertical">
            <Form.Item label={dialog.approve ? '审批意见（选填）' : '拒绝理由'} required={!dialog.approve}>
              <Input.TextArea id="approval-note" rows={3} maxLength={500} showCount value={note} onChange={(e) => setNote(e.target.value)} />
            </Form.Item>
          </Form>
          {failure ? <Alert type="error" showIcon message={failure} data-testid="approval-error" /> : null}
        </Modal>
      ) : null}
    </Card>
  )
}
