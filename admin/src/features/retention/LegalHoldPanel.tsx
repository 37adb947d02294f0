import { legalHoldBody, legalHoldReleaseBody, type LegalHoldView } from '@msjd/shared/retention'
import { Alert, Button, Card, Input, Modal, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useAction } from '../../api/useAction'
import { useRequest } from '../../api/useRequest'
import { LoadError } from '../../components/LoadError'
import { formatTime } from '../../components/time'
import { getLegalHolds, placeLegalHold, releaseLegalHold } from './api'

/**
 * 法律保全 on a report's page: when its sealed material falls due under 保存期限, whether a hold keeps it, and (for a
 * supervisor) placing or releasing a hold with a reason. The server audits both.
 */
export function LegalHoldPanel({ reportId, canHold }: { reportId: string; canHold: boolean }) {
  const { data, error, reload } = useRequest((signal) => getLegalHolds(reportId, signal), [reportId])
  const [dialog, setDialog] = useState<{ kind: 'place' } | { kind: 'release'; hold: LegalHoldView }>()
  const [reason, setReason] = useState('')
  const { busy, failure, setFailure, run } = useAction()
  const close = () => {
    setDialog(undefined)
    setReason('')
    setFailure(undefined)
  }
  const submit = () => {
    if (!dialog) return
    const checked = (dialog.kind === 'place' ? legalHoldBody : legalHoldReleaseBody).safeParse({ reason })
    if (!checked.success) return setFailure(checked.error.issues[0]?.message)
    return run(
      () => (dialog.kind === 'place' ? placeLegalHold(reportId, checked.data.reason) : releaseLegalHold(reportId, dialog.hold.id, checked.data.reason)),
      () => {
        close()
        reload()
      },
    )
  }
  const active = data?.items.find((h) => !h.releasedAt)
  const state = data?.destroyedAt ? (
    <Tag color="default">已于 {formatTime(data.destroyedAt)} 按保存期限销毁</Tag>
  ) : active ? (
    <Tag color="purple">法律保全中</Tag>
  ) : data?.dueOn ? (
    <Tag>期满日 {data.dueOn}</Tag>
  ) : (
    <Tag>办结后开始计算保存期限</Tag>
  )

  return (
    <Card
      size="small"
      title={
        <Space>
          法律保全与保存期限 <span data-testid="legal-hold-state">{state}</span>
        </Space>
      }
      extra={
        canHold && !data?.destroyedAt ? (
          active ? (
            <Button id="legal-hold-release" size="small" onClick={() => setDialog({ kind: 'release', hold: active })}>
              解除保全
            </Button>
          ) : (
            <Button id="legal-hold-place" size="small" onClick={() => setDialog({ kind: 'place' })}>
              施加保全
            </Button>
          )
        ) : null
      }
    >
      <LoadError error={error} onRetry={reload} title="保全记录加载失败" />
      {data?.items.length ? (
        <Table<LegalHoldView>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={data.items}
          columns={[
            { title: '施加', key: 'placed', render: (_, h) => `${formatTime(h.placedAt)} ${h.placedByName ?? ''}` },
            { title: '原因', dataIndex: 'reason' },
            {
              title: '解除',
              key: 'released',
              render: (_, h) => (h.releasedAt ? `${formatTime(h.releasedAt)} ${h.releasedByName ?? ''}：${h.releaseReason ?? ''}` : '—'),
            },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">没有保全记录。期满后举报人身份信息与图片将被销毁，举报事实与办理记录保留。</Typography.Text>
      )}
      <Modal
        title={dialog?.kind === 'release' ? '解除法律保全' : '施加法律保全'}
        open={Boolean(dialog)}
        onCancel={close}
        onOk={() => void submit()}
        okText={dialog?.kind === 'release' ? '解除' : '施加'}
        okButtonProps={{ id: 'legal-hold-confirm', loading: busy }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          {dialog?.kind === 'release' ? '解除后，期满的身份信息与图片将在下次每日任务中销毁。' : '保全期间，即使期满也不销毁该举报的举报人身份信息与图片。'}
        </Typography.Paragraph>
        <Input.TextArea id="legal-hold-reason" rows={3} maxLength={500} showCount placeholder="原因（至少 5 个字）" value={reason} onChange={(e) => setReason(e.target.value)} />
        {failure ? <Alert type="error" showIcon message={failure} style={{ marginTop: 12 }} /> : null}
      </Modal>
    </Card>
  )
}
