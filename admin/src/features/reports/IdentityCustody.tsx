import { Alert, Button, Card, Empty, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { identityRevealDecisionBody, identityRevealRequestBody, type IdentityRevealRequestView } from '@msjd/shared/protection'
import { askReveal, decideReveal as decide, listRevealRequests as listRequests } from './custody-api'
import { errorText } from '../../api/client'
import { useAction } from '../../api/useAction'
import { useRequest } from '../../api/useRequest'
import { useCurrentUser } from '../auth/AuthProvider'
import { RevealIdentityModal } from './ActionModals'
import { formatTime } from './shared'

const statusColor = { pending: 'gold', approved: 'green', refused: 'default' } as const

/**
 * 双人审批 on the report page: ask with a reason; a second supervisor approves or refuses here; the requester sees
 * the identity only while the approval lasts. Every step is audited by the server.
 */
export function IdentityCustody({ reportId, onChange }: { reportId: string; onChange: () => void }) {
  const user = useCurrentUser()
  const { data, error, reload } = useRequest((signal) => listRequests(reportId, signal), [reportId])
  const [dialog, setDialog] = useState<{ kind: 'ask' } | { kind: 'decide'; request: IdentityRevealRequestView; approve: boolean } | { kind: 'view' }>()
  const [text, setText] = useState('')
  const action = useAction()
  const { busy, failure, setFailure } = action
  const items = data?.items ?? []
  const mineActive = items.some((r) => r.requesterId === user.id && r.active)
  const mineOpen = items.some((r) => r.requesterId === user.id && (r.status === 'pending' || r.active))

  const close = () => {
    setDialog(undefined)
    setText('')
    setFailure(undefined)
  }
  const run = (request: () => Promise<unknown>) =>
    action.run(request, () => {
      close()
      reload()
      onChange()
    })
  const submit = () => {
    if (dialog?.kind === 'ask') {
      const checked = identityRevealRequestBody.safeParse({ reason: text })
      if (!checked.success) return setFailure(checked.error.issues[0]?.message)
      return run(() => askReveal(reportId, checked.data.reason))
    }
    if (dialog?.kind === 'decide') {
      const checked = identityRevealDecisionBody.safeParse({ approve: dialog.approve, note: text || undefined })
      if (!checked.success) return setFailure(checked.error.issues[0]?.message)
      return run(() => decide(dialog.request.id, checked.data))
    }
  }

  return (
    <Card
      title="举报人身份（双人审批）"
      size="small"
      data-testid="identity-custody"
      extra={
        <Space>
          {mineActive ? (
            <Button id="custody-view" type="primary" onClick={() => setDialog({ kind: 'view' })}>
              查看身份（已批准）
            </Button>
          ) : null}
          {!mineOpen ? (
            <Button id="custody-ask" onClick={() => setDialog({ kind: 'ask' })}>
              申请查看身份
            </Button>
          ) : null}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        查看实名举报人身份须填写原因，并经另一名纪检干部批准；批准后仅申请人可在有效期内查看，每次查看均记入审计日志。承办单位和巡察组不能申请。
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon message={errorText(error)} /> : null}
      {items.length ? (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={items}
          columns={[
            { title: '申请人', dataIndex: 'requesterName', render: (v: string | null) => v ?? '—' },
            { title: '原因', dataIndex: 'reason' },
            { title: '申请时间', dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
            {
              title: '状态',
              key: 'status',
              render: (_: unknown, r: IdentityRevealRequestView) => (
                <Space direction="vertical" size={0}>
                  <Tag color={statusColor[r.status]} data-testid={`custody-status-${r.id}`}>
                    {r.statusLabel}
                    {r.status === 'approved' && !r.active ? '（已过期）' : ''}
                  </Tag>
                  {r.deciderName ? <Typography.Text type="secondary">审批人：{r.deciderName}</Typography.Text> : null}
                  {r.expiresAt && r.active ? <Typography.Text type="secondary">有效至 {formatTime(r.expiresAt)}</Typography.Text> : null}
                  {r.decisionNote ? <Typography.Text type="secondary">意见：{r.decisionNote}</Typography.Text> : null}
                </Space>
              ),
            },
            {
              title: '审批',
              key: 'decide',
              render: (_: unknown, r: IdentityRevealRequestView) =>
                r.status === 'pending' && user.role === 'supervisor' && r.requesterId !== user.id ? (
                  <Space>
                    <Button size="small" type="primary" id={`custody-approve-${r.id}`} onClick={() => setDialog({ kind: 'decide', request: r, approve: true })}>
                      批准
                    </Button>
                    <Button size="small" danger id={`custody-refuse-${r.id}`} onClick={() => setDialog({ kind: 'decide', request: r, approve: false })}>
                      拒绝
                    </Button>
                  </Space>
                ) : r.status === 'pending' ? (
                  <Typography.Text type="secondary">待另一名纪检干部审批</Typography.Text>
                ) : null,
            },
          ]}
        />
      ) : (
        <Empty description="暂无查看申请" image={Empty.PRESENTED_IMAGE_SIMPLE} />
      )}

      {dialog?.kind === 'view' ? <RevealIdentityModal reportId={reportId} onClose={() => (close(), onChange())} /> : null}
      {dialog?.kind === 'ask' || dialog?.kind === 'decide' ? (
        <Modal
          open
          title={dialog.kind === 'ask' ? '申请查看举报人身份' : dialog.approve ? '批准查看申请' : '拒绝查看申请'}
          okText={dialog.kind === 'ask' ? '提交申请' : dialog.approve ? '批准' : '拒绝'}
          okButtonProps={{ id: 'custody-ok', loading: busy, danger: dialog.kind === 'decide' && !dialog.approve }}
          onOk={submit}
          onCancel={close}
        >
          {dialog.kind === 'decide' ? (
            <Alert type="info" showIcon style={{ marginBottom: 16 }} message={`申请人：${dialog.request.requesterName ?? '—'}；原因：${dialog.request.reason}`} />
          ) : null}
          <Form layout="vertical">
            <Form.Item label={dialog.kind === 'ask' ? '查看原因' : dialog.approve ? '审批意见（选填）' : '拒绝理由'} required={dialog.kind === 'ask' || !dialog.approve}>
              <Input.TextArea id="custody-text" rows={3} maxLength={500} showCount value={text} onChange={(e) => setText(e.target.value)} />
            </Form.Item>
          </Form>
          {failure ? <Alert type="error" showIcon message={failure} data-testid="custody-error" /> : null}
        </Modal>
      ) : null}
    </Card>
  )
}
