/*
 * 导入记录 under 数据导入: when each source of data was last imported (stale ones marked), and every import kept —
 * file name and SHA-256, rows read / accepted / rejected with a sample of the rejected rows, the keys repeated in the
 * file and unknown unit codes with their counts and a sample, who, when, how long.
 * Ids: [data-testid=data-freshness], [data-testid=import-history], [data-testid=import-history-error],
 * in a row's detail [data-testid=import-history-rejected], [data-testid=import-history-notices].
 */
import { importNoticeKindLabels, type ImportNoticeKind } from '@msjd/shared'
import { Alert, Space, Table, Tag, Tooltip, Typography } from 'antd'
import { useState } from 'react'
import { errorText } from '../../api/client'
import { useRequest } from '../../api/useRequest'
import { formatTimeSeconds } from '../../components/time'
import { getFreshness, listImports, type AlertImport, type DataFreshness } from './api'
import { importFieldLabels } from './labels'

const PAGE_SIZE = 20
const viaLabels: Record<string, string> = { admin: '管理后台', cli: '命令行', seed: '演示数据' }

export function freshnessText(s: Pick<DataFreshness, 'lastImportAt' | 'ageDays'>): string {
  if (s.lastImportAt === null || s.ageDays === null) return '从未导入'
  return s.ageDays === 0 ? '今天' : `${s.ageDays} 天前`
}

export function DataFreshnessTable() {
  const { data, error, loading } = useRequest(getFreshness, [])
  if (error) return <Alert type="error" showIcon message={errorText(error)} />
  return (
    <Table<DataFreshness>
      data-testid="data-freshness"
      size="small"
      rowKey={(r) => `${r.kind}|${r.dataset ?? ''}`}
      loading={loading}
      pagination={false}
      dataSource={data?.sources}
      title={() => (data ? `最近一次导入早于 ${data.staleDays} 天的数据视为过期，运行模型前会提醒。` : null)}
      columns={[
        { title: '数据', dataIndex: 'label', width: 240 },
        { title: '最近导入', dataIndex: 'lastImportAt', width: 170, render: (at: string | null) => (at ? formatTimeSeconds(at) : '—') },
        {
          title: '新鲜度',
          key: 'age',
          width: 130,
          render: (_, s) => <Tag color={s.stale ? 'orange' : 'green'}>{s.stale ? `已过期（${freshnessText(s)}）` : freshnessText(s)}</Tag>,
        },
        { title: '读取它的模型', dataIndex: 'models', render: (models: string[]) => (models.length ? models.join('、') : '—') },
      ]}
    />
  )
}

const fieldText = (f: string) => (importFieldLabels[f] ? `${importFieldLabels[f]}（${f}）` : f)

/** 文件内重复 3 个编号、未知部门编码 12 行; empty when there were none. */
export function noticeCountsText(item: Pick<AlertImport, 'duplicates' | 'unknownUnits'>): string {
  return [item.duplicates ? `文件内重复 ${item.duplicates} 个编号` : '', item.unknownUnits ? `未知部门编码 ${item.unknownUnits} 行` : ''].filter(Boolean).join('、')
}

function Rejected({ item }: { item: AlertImport }) {
  if (item.rejectedSample.length === 0) return <Typography.Text type="secondary">没有被拒绝的行。</Typography.Text>
  return (
    <Table
      data-testid="import-history-rejected"
      size="small"
      rowKey={(r) => `${r.line}|${r.field}`}
      pagination={false}
      dataSource={item.rejectedSample}
      title={() => (item.rejected > item.rejectedSample.length ? `被拒绝 ${item.rejected} 行，以下为前 ${item.rejectedSample.length} 行` : `被拒绝 ${item.rejected} 行`)}
      columns={[
        { title: '行号', dataIndex: 'line', width: 80 },
        { title: '字段', dataIndex: 'field', width: 200, render: fieldText },
        { title: '原因', dataIndex: 'reason' },
      ]}
    />
  )
}

type Notice = AlertImport['noticeSample'][number]

/** What was imported but wanted a look: the counts cover the whole file, the table the sample kept. */
function Notices({ item }: { item: AlertImport }) {
  const counts = noticeCountsText(item)
  if (!counts) return null
  const total = item.duplicates + item.unknownUnits
  return (
    <Table<Notice>
      data-testid="import-history-notices"
      size="small"
      rowKey={(r) => `${r.kind}|${r.line}`}
      pagination={false}
      dataSource={item.noticeSample}
      title={() => `未拒收但需核对：${counts}` + (total > item.noticeSample.length ? `；以下为其中 ${item.noticeSample.length} 条（每类按行号取前 20 条）` : '')}
      columns={[
        { title: '类别', dataIndex: 'kind', width: 120, render: (k: ImportNoticeKind) => importNoticeKindLabels[k] },
        { title: '行号', dataIndex: 'line', width: 80 },
        { title: '字段', dataIndex: 'field', width: 200, render: fieldText },
        { title: '说明', dataIndex: 'reason' },
      ]}
    />
  )
}

function ImportDetail({ item }: { item: AlertImport }) {
  if (item.status === 'failed') return <Alert type="error" showIcon message={`文件无法读取，未写入任何数据：${item.error ?? ''}`} />
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Rejected item={item} />
      <Notices item={item} />
    </Space>
  )
}

export function ImportHistory() {
  const [page, setPage] = useState(1)
  const { data, error, loading } = useRequest((signal) => listImports({ page, pageSize: PAGE_SIZE }, signal), [page])
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <DataFreshnessTable />
      {error ? <Alert data-testid="import-history-error" type="error" showIcon message={errorText(error)} /> : null}
      <Table<AlertImport>
        data-testid="import-history"
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={data?.items}
        scroll={{ x: 1200 }}
        expandable={{ expandedRowRender: (item) => <ImportDetail item={item} />, rowExpandable: () => true }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, showTotal: (total) => `共 ${total} 次导入`, onChange: setPage }}
        columns={[
          { title: '导入时间', dataIndex: 'startedAt', width: 170, render: (at: string) => formatTimeSeconds(at) },
          { title: '数据', dataIndex: 'datasetLabel', width: 200 },
          {
            title: '文件',
            key: 'file',
            width: 240,
            render: (_, i) => (
              <Tooltip title={`SHA-256：${i.sha256}`}>
                <span>
                  {i.fileName} <Typography.Text type="secondary">（{(i.fileBytes / 1024).toFixed(1)} KB）</Typography.Text>
                </span>
              </Tooltip>
            ),
          },
          { title: 'SHA-256', dataIndex: 'sha256', width: 120, render: (h: string) => <Typography.Text code>{h.slice(0, 12)}</Typography.Text> },
          {
            title: '结果',
            key: 'status',
            width: 90,
            render: (_, i) => (i.status === 'ok' ? <Tag color={i.rejected ? 'orange' : 'green'}>{i.rejected ? '部分拒绝' : '成功'}</Tag> : <Tag color="red">失败</Tag>),
          },
          { title: '读取', dataIndex: 'rowsRead', width: 80, align: 'right' },
          { title: '接受', dataIndex: 'accepted', width: 80, align: 'right' },
          { title: '拒绝', dataIndex: 'rejected', width: 80, align: 'right' },
          { title: '新增/更新/未变', key: 'changes', width: 130, render: (_, i) => `${i.imported}/${i.updated}/${i.unchanged}` },
          {
            title: '需核对',
            key: 'notices',
            width: 150,
            render: (_, i) => (noticeCountsText(i) ? <Tooltip title={noticeCountsText(i)}><Tag color="gold">{[i.duplicates ? `重复 ${i.duplicates}` : '', i.unknownUnits ? `未知编码 ${i.unknownUnits}` : ''].filter(Boolean).join(' · ')}</Tag></Tooltip> : '—'),
          },
          { title: '导入人', key: 'by', width: 150, render: (_, i) => i.importedByName ?? viaLabels[i.via] ?? i.via },
          { title: '用时', dataIndex: 'durationMs', width: 90, render: (ms: number) => `${(ms / 1000).toFixed(1)} 秒` },
        ]}
      />
    </Space>
  )
}
