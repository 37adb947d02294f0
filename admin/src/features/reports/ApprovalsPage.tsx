import { Alert, Button,  Empty, Form, Input, Modal, Space,  Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import { identityRevealDecisionBody, type IdentityRevealRequestView } from '@msjd/shared/protection'
import { reportExtensionDecisionBody, type ReportExtensionView } from '@msjd/shared/reports'
import { useAction } from '../../api/useAction'
import { useRequest } from '../../api/useRequest'
import { useCurrentUser } from '../auth/AuthProvider'
import { decideReveal, listPendingReveals } from './custody-api'
import { decideExtension, listPendingExtensions } from './extension-api'
import { formatTime } from './shared'
import { ListCard } from '../../components/ListCard'

interface Pending {
  id: string
  reportId: string
  serial: string
  requesterId: string
  requesterName: string | null
  reason: string
  createdAt: string
}

type DecisionSchema = typeof identityRevealDecisionBody

/**
 * One queue of requests that wait for a second person: the columns of its own, then who asked, why and when, and
 * 批准 / 拒绝 (a refusal needs a reason). A requester never decides their own request (the server refuses it too).
 */
function ApprovalQueue<T extends Pending>(props: {
  kind: string
  title: string
  hint: string
  load: (signal: AbortSignal) => Promise<{ items: T[] }>
  decide: (id: string, body: { approve: boolean; note?: string }) => Promise<unknown>
  schema: DecisionSchema
  columns: ColumnsType<T>
}) {
  const { kind } = props
  const user = useCurrentUser()
  const request = useRequest(props.load, [])
  const { data, reload } = request
  const [dialog, setDialog] = useState<{ request: T; approve: boolean }>()
  const [note, setNote] = useState('')
  const { busy, failure, setFailure, run } = useAction()
  const close = () => {
    setDialog(undefined)
    setNote('')
    setFailure(undefined)
  }
  const submit = () => {
    if (!dialog) return
    const checked = props.schema.safeParse({ approve: dialog.approve, note: note || undefined })
    if (!checked.success) return setFailure(checked.error.issues[0]?.message)
    return run(
      () => props.decide(dialog.request.id, checked.data),
      () => {
        close()
        reload()
      },
    )
  }

  return (
    <ListCard<T>
      title={`${props.title}（${data?.items.length ?? 0}）`}
      testId={`approvals-${kind}`}
      style={{ marginBottom: 16 }}
      hint={props.hint}
      request={request}
      pagination={false}
      emptyText={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有待审批的申请" />}
      columns={[
        { title: '举报编号', dataIndex: 'serial', width: 170, render: (serial: string, r: T) => <Link to={`/reports/${r.reportId}`}>{serial}</Link> },
        { title: '申请人', dataIndex: 'requesterName', width: 140, render: (v: string | null) => v ?? '—' },
        ...props.columns,
        { title: '理由', dataIndex: 'reason' },
        { title: '申请时间', dataIndex: 'createdAt', width: 170, render: (v: string) => formatTime(v) },
        {
          title: '审批',
          key: 'decide',
          width: 180,
          render: (_: unknown, r: T) =>
            r.requesterId === user.id ? (
              <Typography.Text type="secondary">本人申请，须由他人审批</Typography.Text>
            ) : (
              <Space>
                <Button size="small" type="primary" id={`${kind}-approve-${r.id}`} onClick={() => setDialog({ request: r, approve: true })}>
                  批准
                </Button>
                <Button size="small" danger id={`${kind}-refuse-${r.id}`} onClick={() => setDialog({ request: r, approve: false })}>
                  拒绝
                </Button>
              </Space>
            ),
        },
      ]}
    >
      {dialog ? (
        <Modal
          open
          title={`${dialog.approve ? '批准' : '拒绝'}：${props.title}`}
          okText={dialog.approve ? '批准' : '拒绝'}
          okButtonProps={{ id: `${kind}-ok`, loading: busy, danger: !dialog.approve }}
          onOk={submit}
          onCancel={close}
        >
          <Alert type="info" showIcon style={{ marginBottom: 16 }} message={`${dialog.request.serial}　申请人：${dialog.request.requesterName ?? '—'}；理由：${dialog.request.reason}`} />
          <Form layout="vertical">
            <Form.Item label={dialog.approve ? '审批意见（选填）' : '拒绝理由'} required={!dialog.approve}>
              <Input.TextArea id={`${kind}-note`} rows={3} maxLength={500} showCount value={note} onChange={(e) => setNote(e.target.value)} />
            </Form.Item>
          </Form>
          {failure ? <Alert type="error" showIcon message={failure} data-testid={`${kind}-error`} /> : null}
        </Modal>
      ) : null}
    </ListCard>
  )
}

/** 待我审批: what waits for a supervisor's decision — seeing a reporter's identity (双人审批) and 延期. */
export default function ApprovalsPage() {
  return (
    <div data-testid="approvals">
      <ApprovalQueue<IdentityRevealRequestView>
        kind="reveal"
        title="查看举报人身份"
        hint="查看实名举报人身份须由另一名纪检干部批准。请核对原因是否确有必要；批准后仅申请人可在有效期内查看，每次查看均记入审计日志。"
        load={listPendingReveals}
        decide={decideReveal}
        schema={identityRevealDecisionBody}
        columns={[]}
      />
      <ApprovalQueue<ReportExtensionView>
        kind="extension"
        title="延期答复"
        hint="批准后答复期限按工作日顺延（节假日不计），并告知反映人；延期计入统计分析的延期率。"
        load={listPendingExtensions}
        decide={decideExtension}
        schema={reportExtensionDecisionBody}
        columns={[
          { title: '延长', dataIndex: 'workdays', width: 100, render: (v: number) => `${v} 个工作日` },
          { title: '原期限', dataIndex: 'dueOnBefore', width: 120 },
        ]}
      />
    </div>
  )
}
