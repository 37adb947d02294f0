import { rectificationStatuses, rectificationStatusLabels } from '@msjd/shared'
import { PlusOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Checkbox, message, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router-dom'
import { errorText } from '../../api/client'
import { useRequest } from '../../api/useRequest'
import { useCurrentUser } from '../auth/AuthProvider'
import { listRectifications, type RectificationListQuery, type RectificationTask } from './api'
import { CreateTaskModal } from './CreateTaskModal'
import { IncompleteTag, OverdueTag, RectificationStatusTag, SourceTag } from './shared'

export const RECTIFICATIONS = '/tours/rectifications'

type Filters = Pick<RectificationListQuery, 'status' | 'overdue' | 'incomplete'> & { page: number; pageSize: number }

const columns: TableColumnsType<RectificationTask> = [
  {
    title: '整改任务',
    dataIndex: 'title',
    render: (title: string, t) => (
      <Link to={`${RECTIFICATIONS}/${t.id}`} id={`rect-open-${t.id}`}>
        {title}
      </Link>
    ),
  },
  { title: '责任单位', dataIndex: 'unitName', width: 180, render: (name: string | null) => name ?? '—' },
  { title: '来源', dataIndex: 'sourceKind', width: 120, render: (s: RectificationTask['sourceKind']) => <SourceTag source={s} /> },
  { title: '下达日期', dataIndex: 'issuedOn', width: 110 },
  {
    title: '整改期限',
    dataIndex: 'dueOn',
    width: 170,
    render: (due: string, t) => (
      <Space size={4}>
        <span>{due}</span>
        {t.overdue && <OverdueTag />}
      </Space>
    ),
  },
  {
    title: '状态',
    dataIndex: 'status',
    width: 190,
    render: (status: RectificationTask['status'], t) => (
      <Space size={4} wrap>
        <RectificationStatusTag status={status} />
        {t.incomplete && <IncompleteTag note={t.incompleteNote} />}
        {t.returnCount > 0 && <Tag>退回 {t.returnCount} 次</Tag>}
      </Space>
    ),
  },
]

export function RectificationList() {
  const user = useCurrentUser()
  const navigate = useNavigate()
  const [creating, setCreating] = useState(false)
  const canCreate = user.role === 'admin' || user.role === 'supervisor' || user.role === 'tour_group'
  const [params] = useSearchParams()
  // The 工作台 opens this list filtered by state (?status=submitted for 待审核整改, ?status=pending for 待提交整改).
  const [filters, setFilters] = useState<Filters>(() => {
    const status = params.get('status') as Filters['status'] | null
    return { page: 1, pageSize: 20, status: status && (rectificationStatuses as readonly string[]).includes(status) ? status : undefined }
  })
  const { data, error, loading } = useRequest((signal) => listRectifications(filters, signal), [JSON.stringify(filters)])
  const set = (next: Partial<Filters>) => setFilters((f) => ({ ...f, ...next, page: next.page ?? 1 }))

  return (
    <Card
      title={user.role === 'unit_liaison' ? `整改跟踪（${user.unitName ?? '本单位'}）` : '整改跟踪'}
      extra={
        <Space>
          {data ? (
            <Typography.Text type={data.overdueCount > 0 ? 'danger' : 'secondary'} data-testid="rect-overdue-count" id="rect-overdue-count">
              超期 {data.overdueCount} 项
            </Typography.Text>
          ) : null}
          {canCreate && (
            <Button id="rect-create" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              下达整改任务
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          id="rect-status-filter"
          placeholder="全部状态"
          allowClear
          style={{ width: 140 }}
          value={filters.status}
          options={rectificationStatuses.map((s) => ({ value: s, label: rectificationStatusLabels[s] }))}
          onChange={(status?: Filters['status']) => set({ status })}
        />
        <Checkbox id="rect-overdue-filter" checked={filters.overdue === 'true'} onChange={(e) => set({ overdue: e.target.checked ? 'true' : undefined })}>
          只看超期
        </Checkbox>
        <Checkbox id="rect-incomplete-filter" checked={filters.incomplete === 'true'} onChange={(e) => set({ incomplete: e.target.checked ? 'true' : undefined })}>
          只看整改不彻底
        </Checkbox>
      </Space>
      {error && <Alert type="error" showIcon message={errorText(error)} style={{ marginBottom: 16 }} />}
      <Table<RectificationTask>
        data-testid="rect-table"
        id="rect-table"
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        onRow={(t) => ({ 'data-overdue': t.overdue ? 'true' : undefined, style: t.overdue ? { background: '#fff1f0' } : undefined }) as React.HTMLAttributes<HTMLElement>}
        locale={{ emptyText: '暂无整改任务' }}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: data?.total ?? 0,
          showTotal: (total) => `共 ${total} 项`,
          onChange: (page, pageSize) => set({ page: pageSize === filters.pageSize ? page : 1, pageSize }),
        }}
      />
      {canCreate && (
        <CreateTaskModal
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(t) => {
            setCreating(false)
            message.success(`已下达，整改期限至 ${t.dueOn}`)
            navigate(`${RECTIFICATIONS}/${t.id}`)
          }}
        />
      )}
    </Card>
  )
}
