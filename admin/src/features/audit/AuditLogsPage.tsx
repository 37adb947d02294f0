import { DownloadOutlined, SearchOutlined } from '@ant-design/icons'
import { auditLogQuery, type AuditLogEntry } from '@msjd/shared/auth'
import { Button, Card,  Descriptions, Drawer, Input, message, Space, Table, Tag, Typography, type TableColumnsType } from 'antd'
import { useEffect, useState } from 'react'
import { useUrlFilters } from '../../components/useUrlFilters'
import { errorText, toApiRequestError } from '../../api/client'
import { useRequest } from '../../api/useRequest'
import { listPagination } from '../../components/listPagination'
import { formatTimeSeconds } from '../../components/time'
import { exportAuditLogs, listAuditLogs } from './api'
import { LoadError } from '../../components/LoadError'
import { DateRangeFilter, FilterBar } from '../../components/FilterBar'

const actorTypeLabels: Record<string, string> = { staff: '工作人员', citizen: '群众', system: '系统' }


const columns = (open: (row: AuditLogEntry) => void): TableColumnsType<AuditLogEntry> => [
  { title: '时间（北京时间）', dataIndex: 'at', width: 180, render: (at: string) => formatTimeSeconds(at) },
  {
    title: '操作人',
    key: 'actor',
    width: 220,
    render: (_, row) => (
      <Space size={4}>
        <Tag>{actorTypeLabels[row.actorType] ?? row.actorType}</Tag>
        <span>{row.actorName ?? (row.actorType === 'staff' ? row.actorId : '')}</span>
      </Space>
    ),
  },
  { title: '操作', dataIndex: 'action', width: 200 },
  { title: '对象', key: 'entity', width: 260, ellipsis: true, render: (_, row) => `${row.entity}${row.entityId ? ` · ${row.entityId}` : ''}` },
  { title: '原因', dataIndex: 'reason', ellipsis: true, render: (reason: string | null) => reason ?? '' },
  { title: 'IP', dataIndex: 'ip', width: 140, render: (ip: string | null) => ip ?? '' },
  {
    title: '',
    key: 'open',
    width: 80,
    render: (_, row) => (
      <Button type="link" size="small" data-testid={`audit-open-${row.id}`} onClick={() => open(row)}>
        详情
      </Button>
    ),
  },
]

export default function AuditLogsPage() {
  const [query, setQuery, reset] = useUrlFilters(auditLogQuery)
  const [actor, setActor] = useState(query.actor ?? '')
  const [action, setAction] = useState(query.action ?? '')
  const [detail, setDetail] = useState<AuditLogEntry | null>(null)
  const [exporting, setExporting] = useState(false)
  const { data, error, loading, reload } = useRequest((signal) => listAuditLogs(query, signal), [JSON.stringify(query)])

  useEffect(() => setActor(query.actor ?? ''), [query.actor])
  useEffect(() => setAction(query.action ?? ''), [query.action])

  const search = () => setQuery({ actor: actor.trim() || undefined, action: action.trim() || undefined, page: 1 })
  const download = async () => {
    setExporting(true)
    try {
      const { page: _p, pageSize: _s, ...filter } = query
      await exportAuditLogs(filter)
    } catch (failure) {
      message.error(errorText(toApiRequestError(failure)))
    } finally {
      setExporting(false)
    }
  }

  return (
    <Card title="审计日志" extra={<Typography.Text type="secondary">仅审计管理员可查看；记录只能追加，不能修改或删除</Typography.Text>}>
      <FilterBar
        onSearch={search}
        searchId="audit-search"
        onReset={reset}
        resetId="audit-reset"
        extra={
          <Button id="audit-export" icon={<DownloadOutlined />} loading={exporting} onClick={download}>
            导出 Excel
          </Button>
        }
      >
        <Input id="audit-actor" placeholder="操作人（用户名或姓名）" prefix={<SearchOutlined />} allowClear value={actor} maxLength={64} style={{ width: 220 }} onChange={(e) => setActor(e.target.value)} onPressEnter={search} />
        <Input id="audit-action" placeholder="操作，如 report.reveal" allowClear value={action} maxLength={64} style={{ width: 220 }} onChange={(e) => setAction(e.target.value)} onPressEnter={search} />
        <DateRangeFilter id="audit-date-range" from={query.from} to={query.to} onChange={(from, to) => setQuery({ from, to, page: 1 })} />
      </FilterBar>
      <LoadError error={error} onRetry={reload} testId="audit-error" style={{ marginBottom: 16 }} />
      <Table<AuditLogEntry>
        data-testid="audit-table"
        rowKey="id"
        size="small"
        columns={columns(setDetail)}
        dataSource={data?.items}
        loading={loading}
        scroll={{ x: 1200 }}
        pagination={listPagination(query, setQuery, data?.total, '条')}
      />
      <Drawer title="审计记录详情" width={560} open={detail !== null} onClose={() => setDetail(null)}>
        {detail ? (
          <Descriptions column={1} size="small" bordered data-testid="audit-detail">
            <Descriptions.Item label="序号">{detail.id}</Descriptions.Item>
            <Descriptions.Item label="时间">{formatTimeSeconds(detail.at)}</Descriptions.Item>
            <Descriptions.Item label="操作人">{`${actorTypeLabels[detail.actorType] ?? detail.actorType} ${detail.actorName ?? detail.actorId ?? ''}`}</Descriptions.Item>
            <Descriptions.Item label="操作">{detail.action}</Descriptions.Item>
            <Descriptions.Item label="对象">{`${detail.entity}${detail.entityId ? ` · ${detail.entityId}` : ''}`}</Descriptions.Item>
            <Descriptions.Item label="原因">{detail.reason ?? ''}</Descriptions.Item>
            <Descriptions.Item label="IP">{detail.ip ?? ''}</Descriptions.Item>
            <Descriptions.Item label="请求号">{detail.requestId ?? ''}</Descriptions.Item>
            <Descriptions.Item label="详情">
              <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{detail.detail === null ? '' : JSON.stringify(detail.detail, null, 2)}</pre>
            </Descriptions.Item>
          </Descriptions>
        ) : null}
      </Drawer>
    </Card>
  )
}
