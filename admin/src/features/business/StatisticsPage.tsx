import { DownloadOutlined } from '@ant-design/icons'
import { businessStatsQuery, businessStatsTableLabels, type BusinessStats, type BusinessStatsTable } from '@msjd/shared'
import { App, Button, Card, Col,  Empty, Row, Select, Space, Spin, Statistic, Table, type TableColumnsType } from 'antd'
import { useState, type ReactNode } from 'react'
import { errorText, toApiRequestError } from '../../api/client'
import { useRequest } from '../../api/useRequest'
import { useUrlFilters } from '../../components/useUrlFilters'
import { downloadStatsTable, getBusinessStats } from './api'
import BusinessChart from './BusinessChart'
import { complaintsOption, monthlyOption, onTimeOption, percent, pointMonthOption, rankingOption, unitMonthOption, unitSatisfactionOption } from './charts'
import { useCampaigns, usePoints } from './options'
import { LoadError } from '../../components/LoadError'
import { DateRangeFilter, FilterBar } from '../../components/FilterBar'

type Query = ReturnType<typeof businessStatsQuery.parse>

function ExportButton({ query, table }: { query: Query; table: BusinessStatsTable }) {
  const { message } = App.useApp()
  const [busy, setBusy] = useState(false)
  const run = async () => {
    setBusy(true)
    try {
      await downloadStatsTable(query, table, `${businessStatsTableLabels[table]}.xlsx`)
    } catch (failure) {
      message.error(errorText(toApiRequestError(failure)))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Button size="small" icon={<DownloadOutlined />} loading={busy} onClick={run} id={`stats-export-${table}`} data-testid={`stats-export-${table}`}>
      导出 Excel
    </Button>
  )
}

function Section({ title, table, query, empty, children }: { title: string; table: BusinessStatsTable; query: Query; empty: boolean; children: ReactNode }) {
  return (
    <Card title={title} size="small" extra={<ExportButton query={query} table={table} />} data-testid={`stats-section-${table}`} style={{ marginBottom: 16 }}>
      {empty ? <Empty description="所选期间没有数据" /> : children}
    </Card>
  )
}

const unitColumns: TableColumnsType<BusinessStats['units'][number]> = [
  { title: '单位', dataIndex: 'unitName' },
  { title: '评价', dataIndex: 'evaluations', width: 80 },
  { title: '计入', dataIndex: 'counted', width: 80 },
  { title: '满意（4-5）', dataIndex: 'satisfied', width: 100 },
  { title: '满意率', dataIndex: 'satisfactionRate', width: 90, render: (r: number | null) => percent(r) },
  { title: '平均等级', dataIndex: 'averageLevel', width: 90, render: (v: number | null) => (v === null ? '—' : v.toFixed(2)) },
  { title: '差评', dataIndex: 'badRatings', width: 70 },
]
const onTimeColumns: TableColumnsType<BusinessStats['onTime'][number]> = [
  { title: '单位', dataIndex: 'unitName' },
  { title: '差评件', dataIndex: 'cases', width: 80 },
  { title: '已答复', dataIndex: 'replied', width: 80 },
  { title: '应答复', dataIndex: 'due', width: 80 },
  { title: '按时', dataIndex: 'onTime', width: 70 },
  { title: '逾期', dataIndex: 'late', width: 70 },
  { title: '办理中', dataIndex: 'pending', width: 80 },
  { title: '按时率', dataIndex: 'onTimeRate', width: 90, render: (r: number | null) => percent(r) },
]
const complaintColumns: TableColumnsType<BusinessStats['complaints'][number]> = [
  { title: '单位', dataIndex: 'unitName' },
  { title: '类别', dataIndex: 'categoryLabel', width: 160 },
  { title: '件数', dataIndex: 'count', width: 80 },
]
const rankingColumns: TableColumnsType<BusinessStats['ranking'][number]> = [
  { title: '名次', dataIndex: 'rank', width: 70 },
  { title: '单位', dataIndex: 'unitName' },
  { title: '计入评价', dataIndex: 'counted', width: 90 },
  { title: '满意率', dataIndex: 'satisfactionRate', width: 90, render: (r: number) => percent(r) },
  { title: '平均等级', dataIndex: 'averageLevel', width: 90, render: (v: number) => v.toFixed(2) },
  { title: '投诉', dataIndex: 'complaints', width: 70 },
]

const small = { size: 'small' as const, pagination: { pageSize: 10, showSizeChanger: false, hideOnSinglePage: true } }

/** 统计分析 (营商环境): evaluations, satisfaction, bad-rating handling on time, complaints, unit ranking. */
export default function StatisticsPage() {
  const [query, setQuery, reset] = useUrlFilters(businessStatsQuery)
  const points = usePoints()
  const campaigns = useCampaigns()
  const key = JSON.stringify(query)
  const { data, error, loading, reload } = useRequest((signal) => getBusinessStats(query, signal), [key])
  const s = data?.summary

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Card title="营商环境统计分析">
        <FilterBar onReset={reset} resetId="stats-reset" style={{ marginBottom: 0 }}>
          <DateRangeFilter id="stats-period" placeholder={['起始日期', '截止日期']} from={query.from} to={query.to} onChange={(from, to) => setQuery({ from, to })} />
          <Select id="stats-campaign-filter" placeholder="全部评议" allowClear showSearch optionFilterProp="label" options={campaigns.options} value={query.campaignId} style={{ width: 240 }} onChange={(v?: string) => setQuery({ campaignId: v })} />
          <Select id="stats-point-filter" placeholder="全部监测点" allowClear showSearch optionFilterProp="label" options={points.options} value={query.monitoringPointId} style={{ width: 200 }} onChange={(v?: string) => setQuery({ monitoringPointId: v })} />
        </FilterBar>
        <LoadError error={error} onRetry={reload} testId="stats-error" style={{ marginTop: 16 }} />
        {s ? (
          <Row gutter={16} style={{ marginTop: 16 }} data-testid="stats-summary">
            <Col span={4}><Statistic title="评价总数" value={s.evaluations} /></Col>
            <Col span={4}><Statistic title="计入满意度" value={s.counted} suffix={s.excluded ? `（申诉剔除 ${s.excluded}）` : undefined} /></Col>
            <Col span={4}><Statistic title="满意率（4-5 级）" value={percent(s.satisfactionRate)} /></Col>
            <Col span={4}><Statistic title="差评" value={s.badRatings} /></Col>
            <Col span={4}><Statistic title="差评按时办理率" value={percent(s.onTimeRate)} suffix={s.badRatingCasesDue ? `（${s.badRatingCasesOnTime}/${s.badRatingCasesDue}）` : undefined} /></Col>
            <Col span={4}><Statistic title="企业投诉" value={s.complaints} /></Col>
          </Row>
        ) : loading ? (
          <Spin style={{ marginTop: 16 }} />
        ) : null}
      </Card>
      {data ? (
        <>
          <Card title="月度评价量与满意率" size="small">
            {data.byMonth.length ? <BusinessChart chartId="stats-chart-monthly" option={monthlyOption(data)} /> : <Empty description="所选期间没有评价" />}
          </Card>
          <Section title={businessStatsTableLabels.point_month} table="point_month" query={query} empty={!data.pointMonth.length}>
            <BusinessChart chartId="stats-chart-point-month" option={pointMonthOption(data)} height={380} />
          </Section>
          <Section title={businessStatsTableLabels.unit_month} table="unit_month" query={query} empty={!data.unitMonth.length}>
            <BusinessChart chartId="stats-chart-unit-month" option={unitMonthOption(data)} height={380} />
          </Section>
          <Section title={businessStatsTableLabels.units} table="units" query={query} empty={!data.units.length}>
            <BusinessChart chartId="stats-chart-units" option={unitSatisfactionOption(data)} height={360} />
            <Table data-testid="stats-table-units" rowKey="unitId" columns={unitColumns} dataSource={data.units} {...small} />
          </Section>
          <Section title={businessStatsTableLabels.on_time} table="on_time" query={query} empty={!data.onTime.length}>
            <BusinessChart chartId="stats-chart-on-time" option={onTimeOption(data)} height={360} />
            <Table data-testid="stats-table-on-time" rowKey="unitId" columns={onTimeColumns} dataSource={data.onTime} {...small} />
          </Section>
          <Section title={businessStatsTableLabels.complaints} table="complaints" query={query} empty={!data.complaints.length}>
            <BusinessChart chartId="stats-chart-complaints" option={complaintsOption(data)} height={360} />
            <Table data-testid="stats-table-complaints" rowKey={(r) => `${r.unitId}-${r.category}`} columns={complaintColumns} dataSource={data.complaints} {...small} />
          </Section>
          <Section title={businessStatsTableLabels.ranking} table="ranking" query={query} empty={!data.ranking.length}>
            <BusinessChart chartId="stats-chart-ranking" option={rankingOption(data)} height={Math.max(240, Math.min(data.ranking.length, 20) * 28 + 40)} />
            <Table data-testid="stats-table-ranking" rowKey="unitId" columns={rankingColumns} dataSource={data.ranking} {...small} />
          </Section>
        </>
      ) : null}
    </Space>
  )
}
