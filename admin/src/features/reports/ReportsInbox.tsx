import { DownloadOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons'
import { reportChannelLabels, reportChannels, reportListQuery, reportStatuses, reportStatusLabels, type ReportChannel, type ReportListItem, type ReportStatus } from '@msjd/shared'
import { Badge, Button, Card, Checkbox, DatePicker, Input, message, Select, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd'
import dayjs from 'dayjs'
import { useEffect, useState } from 'react'
import { Link, useLocation, useNavigate } from 'react-router-dom'
import { useUrlFilters } from '../../components/useUrlFilters'
import { errorText, toApiRequestError } from '../../api/client'
import { useRequest } from '../../api/useRequest'
import { downloadReportsXlsx, listReports } from './api'
import { useCategories, useTourGroups, useTourRounds, useUnits, type Directory } from './options'
import { formatTime, StatusTag } from './shared'
import { RegisterReportModal } from './RegisterReportModal'
import { useCurrentUser } from '../auth/AuthProvider'
import { listPagination } from '../../components/listPagination'
import { tableScroll } from '../../components/tableScroll'
import { LoadError } from '../../components/LoadError'
import { FilterBar } from '../../components/FilterBar'

const defaults = reportListQuery.parse({})
const ALL = 'all'


function deadline(day: string | null, overdue: boolean) {
  if (!day) return <Typography.Text type="secondary">—</Typography.Text>
  return (
    <Space size={4}>
      <span>{day}</span>
      {overdue ? <Tag color="red">超期</Tag> : null}
    </Space>
  )
}

function columnsFor(units: Directory, from: string): TableColumnsType<ReportListItem> {
  return [
    {
      title: '编号',
      dataIndex: 'serial',
      width: 170,
      render: (serial: string, row) => (
        <Link to={row.id} state={{ from }} onClick={(event) => event.stopPropagation()} data-testid="report-serial">
          {serial}
        </Link>
      ),
    },
    { title: '类别', dataIndex: 'categoryName', width: 110 },
    {
      title: '被反映单位/人',
      key: 'reported',
      width: 200,
      render: (_, row) =>
        [row.reportedUnitName ?? units.nameOf(row.reportedUnitId), row.reportedPerson].filter(Boolean).join(' / ') || (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    { title: '反映内容', dataIndex: 'summary', ellipsis: true },
    {
      title: '方式',
      dataIndex: 'confidential',
      width: 90,
      render: (confidential: boolean, row) => (
        <Space size={2} direction="vertical">
          {confidential ? <Tag>保密</Tag> : <Tag color="blue">实名</Tag>}
          {row.channel !== 'miniapp' ? <Tag color="purple" data-testid="report-channel">{reportChannelLabels[row.channel]}</Tag> : null}
        </Space>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 150,
      render: (status: ReportStatus, row) => (
        <Space size={4}>
          <StatusTag status={status} />
          {row.overdue ? (
            <Tag color="red" data-testid="overdue-tag">
              超期
            </Tag>
          ) : null}
        </Space>
      ),
    },
    { title: '提交时间', dataIndex: 'submittedAt', width: 150, render: (at: string) => formatTime(at) },
    { title: '受理期限', dataIndex: 'acceptDueOn', width: 150, render: (day: string, row) => deadline(day, row.acceptOverdue) },
    { title: '答复期限', dataIndex: 'replyDueOn', width: 150, render: (day: string | null, row) => deadline(day, row.replyOverdue) },
  ]
}

export function ReportsInbox() {
  const [query, setQuery] = useUrlFilters(reportListQuery)
  const navigate = useNavigate()
  const location = useLocation()
  const [keyword, setKeyword] = useState(query.q ?? '')
  const [unitText, setUnitText] = useState(query.reportedUnit ?? '')
  const categories = useCategories()
  const units = useUnits()
  const rounds = useTourRounds()
  const groups = useTourGroups()
  const key = JSON.stringify(query)
  const { data, error, loading, reload } = useRequest((signal) => listReports(query, signal), [key])

  useEffect(() => setKeyword(query.q ?? ''), [query.q])
  useEffect(() => setUnitText(query.reportedUnit ?? ''), [query.reportedUnit])
  const search = () => setQuery({ q: keyword.trim() || undefined, reportedUnit: unitText.trim() || undefined, page: 1 })

  // A page past the end (the list shrank since the link was made): go to the last page that has rows.
  useEffect(() => {
    if (data && data.items.length === 0 && data.total > 0 && query.page > 1) {
      setQuery({ page: Math.ceil(data.total / query.pageSize) })
    }
  }, [data, query.page, query.pageSize])

  const byStatus = data?.counts.byStatus ?? {}
  const allCount = Object.values(byStatus).reduce((sum, n) => sum + n, 0)
  const tabLabel = (label: string, count?: number) => (
    <Space size={4}>
      {label}
      {count !== undefined ? <Badge count={count} showZero overflowCount={9999} color="#8c8c8c" /> : null}
    </Space>
  )
  const [exporting, setExporting] = useState(false)
  const user = useCurrentUser()
  const canRegister = user.role === 'intake' || user.role === 'supervisor'
  const [registering, setRegistering] = useState(false)
  const exportXlsx = async () => {
    setExporting(true)
    try {
      const name = await downloadReportsXlsx(query)
      message.success(`已导出 ${name}`)
    } catch (failure) {
      message.error(`导出失败：${errorText(toApiRequestError(failure))}`)
    } finally {
      setExporting(false)
    }
  }
  const openDetail = (row: ReportListItem) => navigate(row.id, { state: { from: location.search } })
  const resetAll = () => {
    setKeyword('')
    setUnitText('')
    setQuery({ ...defaults, status: query.status, category: undefined, unitId: undefined, reportedUnit: undefined, tourGroupId: undefined, tourRoundId: undefined, overdue: undefined, dueSoon: undefined, from: undefined, to: undefined, q: undefined })
  }

  return (
    <Card
      title="线索受理"
      extra={
        <Space>
          {data ? (
            <Typography.Text type={data.counts.overdue > 0 ? 'danger' : 'secondary'} data-testid="reports-overdue-count">
              超期 {data.counts.overdue} 件
            </Typography.Text>
          ) : null}
          {canRegister ? (
            <Button id="reports-register" type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
              登记来件
            </Button>
          ) : null}
        </Space>
      }
    >
      {registering ? (
        <RegisterReportModal
          onClose={() => (setRegistering(false), reload())}
          onDone={(id) => {
            setRegistering(false)
            navigate(id, { state: { from: location.search } })
          }}
        />
      ) : null}
      <Tabs
        id="reports-status-tabs"
        activeKey={query.status ?? ALL}
        onChange={(tab) => setQuery({ status: tab === ALL ? undefined : (tab as ReportStatus), page: 1 })}
        items={[
          { key: ALL, label: tabLabel('全部', data ? allCount : undefined) },
          ...reportStatuses.map((status) => ({
            key: status,
            label: tabLabel(reportStatusLabels[status], data ? (byStatus[status] ?? 0) : undefined),
          })),
        ]}
      />
      <FilterBar
        onSearch={search}
        searchId="reports-search-submit"
        onReset={resetAll}
        resetId="reports-reset"
        extra={
          <Button id="reports-export" icon={<DownloadOutlined />} loading={exporting} onClick={exportXlsx}>
            导出 Excel
          </Button>
        }
      >
        <Input
          id="reports-search"
          placeholder="编号、内容或被反映人"
          prefix={<SearchOutlined />}
          allowClear
          value={keyword}
          maxLength={50}
          style={{ width: 240 }}
          onChange={(event) => setKeyword(event.target.value)}
          onPressEnter={search}
        />
        <Input
          id="reports-reported-unit-filter"
          placeholder="被反映单位名称（含群众填写）"
          allowClear
          value={unitText}
          maxLength={50}
          style={{ width: 220 }}
          onChange={(event) => setUnitText(event.target.value)}
          onPressEnter={search}
        />
        <Select
          id="reports-category-filter"
          placeholder="全部类别"
          allowClear
          options={categories.options}
          value={query.category}
          style={{ width: 150 }}
          onChange={(value?: string) => setQuery({ category: value, page: 1 })}
        />
        <Select
          id="reports-channel-filter"
          placeholder="全部渠道"
          allowClear
          options={reportChannels.map((c) => ({ value: c, label: reportChannelLabels[c] }))}
          value={query.channel}
          style={{ width: 130 }}
          onChange={(value?: ReportChannel) => setQuery({ channel: value, page: 1 })}
        />
        <Select
          id="reports-unit-filter"
          placeholder="被反映/承办单位"
          allowClear
          showSearch
          optionFilterProp="label"
          options={units.options}
          value={query.unitId}
          style={{ width: 220 }}
          onChange={(value?: string) => setQuery({ unitId: value, page: 1 })}
        />
        {rounds.available ? (
          <Select
            id="reports-round-filter"
            placeholder="巡察轮次"
            allowClear
            options={rounds.options}
            value={query.tourRoundId}
            style={{ width: 180 }}
            onChange={(value?: string) => setQuery({ tourRoundId: value, page: 1 })}
          />
        ) : null}
        {groups.available ? (
          <Select
            id="reports-group-filter"
            placeholder="承办巡察组"
            allowClear
            options={groups.options}
            value={query.tourGroupId}
            style={{ width: 160 }}
            onChange={(value?: string) => setQuery({ tourGroupId: value, page: 1 })}
          />
        ) : null}
        <DatePicker.RangePicker
          id="reports-date-range"
          placeholder={['提交日期起', '提交日期止']}
          value={query.from && query.to ? [dayjs(query.from), dayjs(query.to)] : null}
          onChange={(range) =>
            setQuery({
              from: range?.[0]?.format('YYYY-MM-DD') || undefined,
              to: range?.[1]?.format('YYYY-MM-DD') || undefined,
              page: 1,
            })
          }
        />
        <Checkbox
          id="reports-overdue-only"
          checked={!!query.overdue}
          onChange={(event) => setQuery({ overdue: event.target.checked ? true : undefined, page: 1 })}
        >
          仅看超期
        </Checkbox>
        <Checkbox
          id="reports-due-soon-only"
          checked={!!query.dueSoon}
          onChange={(event) => setQuery({ dueSoon: event.target.checked ? true : undefined, page: 1 })}
        >
          仅看即将到期
        </Checkbox>
      </FilterBar>
      <LoadError error={error} onRetry={reload} testId="reports-error" style={{ marginBottom: 16 }} />
      <Table<ReportListItem>
        data-testid="reports-table"
        rowKey="id"
        columns={columnsFor(units, location.search)}
        dataSource={data?.items}
        loading={loading}
        scroll={tableScroll(columnsFor(units, location.search))}
        rowClassName={(row) => (row.overdue ? 'report-row-overdue' : '')}
        onRow={(row) => ({
          onClick: () => openDetail(row),
          style: { cursor: 'pointer', ...(row.overdue ? { background: '#fff1f0' } : {}) },
        })}
        pagination={listPagination(query, setQuery, data?.total, '件')}
      />
    </Card>
  )
}
