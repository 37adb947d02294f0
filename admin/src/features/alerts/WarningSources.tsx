/*
 * 预警依据, in the warning drawer: the service cases or data-set rows a warning came from, resident IDs masked
 * unless a supervisor revealed them. Ids: [data-testid=warning-sources], [data-testid=warning-source-cases],
 * [data-testid=warning-source-rows], [data-testid=warning-sources-error]
 */
import { maskIdNumbers } from '@msjd/shared'
import { Alert, Descriptions, Space, Table, Typography } from 'antd'
import { errorText } from '../../api/client'
import { useRequest } from '../../api/useRequest'
import { formatTime } from '../../components/time'
import { getWarning, type WarningReveal, type WarningSourceCase } from './api'

const resultLabels: Record<string, string> = { approved: '通过', rejected: '不予许可', returned: '退回', pending: '办理中' }
const channelLabels: Record<string, string> = { window: '窗口', online: '网办' }
const ratingLabels: Record<number, string> = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' }

export function WarningSources({ warningId, revealed }: { warningId: string; revealed?: WarningReveal }) {
  const { data, error, loading } = useRequest((signal) => getWarning(warningId, signal), [warningId])
  const fullId = (c: WarningSourceCase) => revealed?.cases.find((r) => r.caseNo === c.caseNo)?.applicantId ?? c.applicantId
  // a revealed row: the same data set, its key masked the same way
  const fullRow = (dataset: string, maskedKey: string) => revealed?.rows.find((r) => r.dataset === dataset && maskIdNumbers(r.key) === maskedKey)
  if (error) return <Alert data-testid="warning-sources-error" type="error" showIcon message={errorText(error)} style={{ marginTop: 24 }} />
  return (
    <div data-testid="warning-sources" style={{ marginTop: 24 }}>
      <Typography.Title level={5}>预警依据</Typography.Title>
      {data && data.cases.length > 0 ? (
        <Table<WarningSourceCase>
          data-testid="warning-source-cases"
          size="small"
          rowKey="caseNo"
          loading={loading}
          dataSource={data.cases}
          pagination={false}
          scroll={{ x: 1100 }}
          title={() => (data.casesTotal > data.cases.length ? `共 ${data.casesTotal} 件办件，显示前 ${data.cases.length} 件` : `办件 ${data.casesTotal} 件`)}
          columns={[
            { title: '办件编号', dataIndex: 'caseNo', width: 150 },
            { title: '事项', key: 'item', width: 200, render: (_, c) => (c.itemName ? `${c.itemName}（${c.itemCode}）` : c.itemCode) },
            { title: '申请人证件号码', key: 'applicant', width: 190, render: (_, c) => fullId(c) },
            { title: '受理时间', dataIndex: 'acceptedAt', width: 150, render: (at: string) => formatTime(at) },
            { title: '承诺时限', dataIndex: 'promisedDays', width: 90, render: (d: number) => `${d} 个工作日` },
            { title: '办结时间', dataIndex: 'finishedAt', width: 150, render: (at: string | null) => (at ? formatTime(at) : '未办结') },
            { title: '办理结果', dataIndex: 'result', width: 90, render: (r: string) => resultLabels[r] ?? r },
            { title: '补正次数', dataIndex: 'supplementCount', width: 80 },
            { title: '评价', dataIndex: 'rating', width: 100, render: (r: number | null) => (r === null ? '未评价' : (ratingLabels[r] ?? r)) },
            { title: '渠道', dataIndex: 'channel', width: 70, render: (c: string | null) => (c ? (channelLabels[c] ?? c) : '—') },
          ]}
        />
      ) : null}
      {data && data.rows.length > 0 ? (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="warning-source-rows">
          {data.rows.map((row) => {
            const full = fullRow(row.dataset, row.key)
            return (
              <Descriptions key={`${row.dataset}|${row.key}`} title={row.datasetLabel} column={2} bordered size="small">
                {row.values.map((v) => (
                  <Descriptions.Item key={v.column} label={v.label}>
                    {(full ? full.values[v.column] : v.value) ?? '—'}
                  </Descriptions.Item>
                ))}
              </Descriptions>
            )
          })}
        </Space>
      ) : null}
      {data && data.cases.length === 0 && data.rows.length === 0 ? <Typography.Text type="secondary">该预警所依据的数据已不在系统中。</Typography.Text> : null}
    </div>
  )
}
