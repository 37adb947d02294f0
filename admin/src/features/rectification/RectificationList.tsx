import { rectificationListQuery, rectificationStatuses, rectificationStatusLabels } from '@msjd/shared'
import { PlusOutlined } from '@ant-design/icons'
import { Button, Checkbox, message, Select, Space, Tag, Typography, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { Link, useNavigate } from 'react-router-dom'
import { useRequest } from '../../api/useRequest'
import { FilterBar } from '../../components/FilterBar'
import { ListCard } from '../../components/ListCard'
import { listPagination } from '../../components/listPagination'
import { useUrlFilters } from '../../components/useUrlFilters'
import { useCurrentUser } from '../auth/AuthProvider'
import { listRectifications, type RectificationListQuery, type RectificationTask } from './api'
import { CreateTaskModal } from './CreateTaskModal'
import { IncompleteTag, OverdueTag, RectificationStatusTag, SourceTag } from './shared'

export const RECTIFICATIONS = '/tours/rectifications'

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
  // The 工作台 opens this list filtered by state (?status=submitted for 待审核整改, ?status=pending for 待提交整改).
  const [filters, setFilters] = useUrlFilters(rectificationListQuery)
  const request = useRequest((signal) => listRectifications(filters, signal), [JSON.stringify(filters)])
  const { data } = request
  const set = (next: Partial<RectificationListQuery>) => setFilters({ ...next, page: 1 })

  return (
    <ListCard<RectificationTask>
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
      filters={
        <FilterBar>
          <Select
            id="rect-status-filter"
            placeholder="全部状态"
            allowClear
            style={{ width: 140 }}
            value={filters.status}
            options={rectificationStatuses.map((s) => ({ value: s, label: rectificationStatusLabels[s] }))}
            onChange={(status?: RectificationListQuery['status']) => set({ status })}
          />
          <Checkbox id="rect-overdue-filter" checked={filters.overdue === 'true'} onChange={(e) => set({ overdue: e.target.checked ? 'true' : undefined })}>
            只看超期
          </Checkbox>
          <Checkbox id="rect-incomplete-filter" checked={filters.incomplete === 'true'} onChange={(e) => set({ incomplete: e.target.checked ? 'true' : undefined })}>
            只看整改不彻底
          </Checkbox>
        </FilterBar>
      }
      request={request}
      testId="rect-table"
      tableId="rect-table"
      columns={columns}
      onRow={(t) => ({ 'data-overdue': t.overdue ? 'true' : undefined, style: t.overdue ? { background: '#fff1f0' } : undefined }) as React.HTMLAttributes<HTMLElement>}
      emptyText="暂无整改任务"
      pagination={listPagination(filters, setFilters, data?.total, '项')}
    >
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
    </ListCard>
  )
}
