import { retentionRuleBody, type RetentionRuleView } from '@msjd/shared/retention'
import { Alert, Button, Card, Col, InputNumber, Row, Space, Statistic, Table, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useState } from 'react'
import { useAction } from '../../api/useAction'
import { useRequest } from '../../api/useRequest'
import { formatTime } from '../../components/time'
import { useCurrentUser } from '../auth/AuthProvider'
import { getRetention, setRetentionYears } from './api'
import { LoadError } from '../../components/LoadError'

/**
 * 系统管理 › 保存期限: how long a finished report's sealed material is kept, and what the daily job will destroy, what
 * legal holds keep and what was destroyed. The administrator sets the years; supervisors read.
 */
export default function RetentionPage() {
  const user = useCurrentUser()
  const canEdit = user.role === 'admin'
  const { data, error, loading, reload } = useRequest((signal) => getRetention(signal), [])
  const [editing, setEditing] = useState<{ key: RetentionRuleView['key']; years: number | null }>()
  const { busy, failure, setFailure, run } = useAction()

  const save = () => {
    if (!editing) return
    const checked = retentionRuleBody.safeParse({ years: editing.years ?? undefined })
    if (!checked.success) return setFailure(checked.error.issues[0]?.message)
    return run(
      () => setRetentionYears(editing.key, checked.data.years),
      () => {
        setEditing(undefined)
        reload()
      },
    )
  }

  const columns: ColumnsType<RetentionRuleView> = [
    {
      title: '规则',
      key: 'label',
      render: (_, rule) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{rule.label}</Typography.Text>
          <Typography.Text type="secondary">{rule.what}</Typography.Text>
        </Space>
      ),
    },
    {
      title: '保存年限',
      key: 'years',
      width: 220,
      render: (_, rule) =>
        editing?.key === rule.key ? (
          <Space>
            <InputNumber
              id="retention-years"
              min={1}
              max={30}
              precision={0}
              value={editing.years}
              onChange={(years) => setEditing({ key: rule.key, years })}
              addonAfter="年"
            />
            <Button id="retention-save" type="primary" loading={busy} onClick={() => void save()}>
              保存
            </Button>
            <Button onClick={() => setEditing(undefined)}>取消</Button>
          </Space>
        ) : (
          <Space>
            <span data-testid={`retention-years-${rule.key}`}>{rule.years} 年</span>
            {rule.years === rule.defaultYears ? <Typography.Text type="secondary">（默认）</Typography.Text> : null}
            {canEdit ? (
              <Button id="retention-edit" size="small" onClick={() => setEditing({ key: rule.key, years: rule.years })}>
                修改
              </Button>
            ) : null}
          </Space>
        ),
    },
    {
      title: '最近修改',
      key: 'updated',
      width: 200,
      render: (_, rule) => `${formatTime(rule.updatedAt)}${rule.updatedByName ? ` ${rule.updatedByName}` : ''}`,
    },
  ]

  return (
    <Card title="保存期限">
      <Typography.Paragraph type="secondary">
        依《个人信息保护法》第十九条、第四十七条，举报人提供的个人信息只在必要期限内保存。期满后，每日任务销毁该举报的数据密钥并删除图片（举报事实、办理记录与统计保留），每一步记入审计日志。处于法律保全中的举报不销毁，在举报详情页由纪检干部施加或解除。
      </Typography.Paragraph>
      <LoadError error={error} onRetry={reload} title="保存期限加载失败" style={{ marginBottom: 16 }} />
      {failure ? <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} /> : null}
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={8}>
          <Statistic title="期满待销毁（下次运行）" value={data?.due ?? '—'} suffix="件" data-testid="retention-due" />
        </Col>
        <Col span={8}>
          <Statistic title="期满但法律保全中" value={data?.held ?? '—'} suffix="件" data-testid="retention-held" />
        </Col>
        <Col span={8}>
          <Statistic title="已销毁" value={data?.destroyed ?? '—'} suffix="件" data-testid="retention-destroyed" />
        </Col>
      </Row>
      <Table<RetentionRuleView> rowKey="key" loading={loading} columns={columns} dataSource={data?.rules ?? []} pagination={false} />
    </Card>
  )
}
