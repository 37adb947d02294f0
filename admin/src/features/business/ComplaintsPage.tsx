import {
  complaintCategories,
  complaintCategoryLabels,
  complaintKindLabels,
  complaintKinds,
  complaintListQuery,
  reportStatuses,
  reportStatusLabels,
  type ComplaintKind,
  type ComplaintView,
} from '@msjd/shared'
import { Card, Checkbox,  Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd'
import { Link, useNavigate } from 'react-router-dom'
import { useRequest } from '../../api/useRequest'
import { formatTime } from '../reports/shared'
import { useUrlFilters } from '../../components/useUrlFilters'
import { listComplaints } from './api'
import { useOnboardUnits, usePoints } from './options'
import { listPagination } from '../../components/listPagination'
import { tableScroll } from '../../components/tableScroll'
import { LoadError } from '../../components/LoadError'
import { DateRangeFilter, FilterBar } from '../../components/FilterBar'

const kindOptions = complaintKinds.map((k) => ({ value: k, label: complaintKindLabels[k] }))
const categoryOptions = complaintCategories.map((c) => ({ value: c, label: complaintCategoryLabels[c] }))
const statusOptions = reportStatuses.map((s) => ({ value: s, label: reportStatusLabels[s] }))
const kindColors: Record<ComplaintKind, string> = { bad_rating: 'orange', complaint: 'red' }

/** 按时 / 超期 / 办理中 for the reply deadline of one case. */
export function deadlineState(row: Pick<ComplaintView, 'onTime' | 'overdue' | 'repliedAt'>): { label: string; color: string } {
  if (row.overdue) return { label: '超期', color: 'red' }
  if (row.onTime === true) return { label: '按时答复', color: 'green' }
  if (row.onTime === false) return { label: '逾期答复', color: 'volcano' }
  return { label: row.repliedAt ? '已答复' : '办理中', color: 'blue' }
}

/**
 * 涉诉办理: bad ratings and complaints. Each case is a report in the 线索受理 workflow, so a row opens the report's
 * own page (/reports/:id) where staff accept, assign, rectify and reply.
 */
export default function ComplaintsPage() {
  const navigate = useNavigate()
  const [query, setQuery] = useUrlFilters(complaintListQuery)
  const points = usePoints()
  const units = useOnboardUnits()
  const key = JSON.stringify(query)
  const { data, error, loading, reload } = useRequest((signal) => listComplaints(query, signal), [key])

  const columns: TableColumnsType<ComplaintView> = [
    {
      title: '编号',
      dataIndex: 'serial',
      width: 170,
      render: (serial: string, row) => (
        <Link to={`/reports/${row.reportId}`} onClick={(event) => event.stopPropagation()} data-testid="complaint-serial">
          {serial}
        </Link>
      ),
    },
    { title: '类型', dataIndex: 'kind', width: 100, render: (kind: ComplaintKind) => <Tag color={kindColors[kind]}>{complaintKindLabels[kind]}</Tag> },
    { title: '类别', dataIndex: 'categoryLabel', width: 120 },
    { title: '企业', dataIndex: 'enterpriseName', width: 170, ellipsis: true },
    { title: '对象', key: 'target', ellipsis: true, render: (_, row) => (row.targetName === row.unitName ? row.unitName : `${row.unitName} / ${row.targetName}`) },
    { title: '内容', dataIndex: 'content', ellipsis: true },
    { title: '状态', dataIndex: 'statusLabel', width: 90, render: (label: string) => <Tag>{label}</Tag> },
    {
      title: '答复期限',
      dataIndex: 'replyDueOn',
      width: 180,
      render: (day: string | null, row) => {
        const state = deadlineState(row)
        return (
          <Space size={4}>
            <span>{day ?? '—'}</span>
            <Tag color={state.color} data-testid="complaint-deadline">
              {state.label}
            </Tag>
          </Space>
        )
      },
    },
    { title: '提出时间', dataIndex: 'createdAt', width: 150, render: (at: string) => formatTime(at) },
  ]

  return (
    <Card
      title="涉诉办理"
      extra={
        <Typography.Text type="secondary">
          办理（受理、交办、整改、答复）在 <Link to="/reports">线索受理</Link> 中进行
        </Typography.Text>
      }
    >
      <FilterBar>
        <Select id="complaints-kind-filter" placeholder="类型" allowClear options={kindOptions} value={query.kind} style={{ width: 120 }} onChange={(v?: ComplaintKind) => setQuery({ kind: v, page: 1 })} />
        <Select id="complaints-category-filter" placeholder="类别" allowClear options={categoryOptions} value={query.category} style={{ width: 150 }} onChange={(v?: typeof query.category) => setQuery({ category: v, page: 1 })} />
        <Select id="complaints-unit-filter" placeholder="单位" allowClear showSearch optionFilterProp="label" options={units.options} value={query.unitId} style={{ width: 200 }} onChange={(v?: string) => setQuery({ unitId: v, page: 1 })} />
        <Select id="complaints-point-filter" placeholder="监测点" allowClear showSearch optionFilterProp="label" options={points.options} value={query.monitoringPointId} style={{ width: 180 }} onChange={(v?: string) => setQuery({ monitoringPointId: v, page: 1 })} />
        <Select id="complaints-status-filter" placeholder="办理状态" allowClear options={statusOptions} value={query.status} style={{ width: 120 }} onChange={(v?: typeof query.status) => setQuery({ status: v, page: 1 })} />
        <DateRangeFilter id="complaints-period" placeholder={['提出日期起', '提出日期止']} from={query.from} to={query.to} onChange={(from, to) => setQuery({ from, to, page: 1 })} />
        <Checkbox id="complaints-overdue-only" checked={!!query.overdue} onChange={(event) => setQuery({ overdue: event.target.checked ? true : undefined, page: 1 })}>
          仅看超期
        </Checkbox>
      </FilterBar>
      <LoadError error={error} onRetry={reload} testId="complaints-error" style={{ marginBottom: 16 }} />
      <Table<ComplaintView>
        data-testid="complaints-table"
        rowKey="id"
        columns={columns}
        dataSource={data?.items}
        loading={loading}
        scroll={tableScroll(columns)}
        onRow={(row) => ({ onClick: () => navigate(`/reports/${row.reportId}`), style: { cursor: 'pointer', ...(row.overdue ? { background: '#fff1f0' } : {}) } })}
        pagination={listPagination(query, setQuery, data?.total, '件')}
      />
    </Card>
  )
}
