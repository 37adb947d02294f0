import { DownloadOutlined } from '@ant-design/icons'
import {
  statisticsRateHints,
  statisticsRateKeys,
  statisticsRateLabels,
  statisticsTableLabels,
  verificationRateHints,
  type StatisticsCountRow,
  type StatisticsResponse,
  type StatisticsTable,
} from '@msjd/shared'
import { App, Button, Card, Col, DatePicker, Empty, Row, Space, Spin, Statistic, Table, Tooltip, Typography, type TableColumnsType } from 'antd'
import dayjs from 'dayjs'
import type { EChartsOption } from 'echarts'
import { useState, type ReactNode } from 'react'
import { useSearchParams } from 'react-router-dom'
import { errorText, toApiRequestError } from '../../api/client'
import { useRequest } from '../../api/useRequest'
import BusinessChart from '../business/BusinessChart'
import { percent } from '../business/charts'
import { downloadStatisticsTable, getStatistics } from './api'
import { periodFrom, presets, type Period } from './periods'
import { LoadError } from '../../components/LoadError'

function ExportButton({ period, table }: { period: Period; table: StatisticsTable }) {
  const { message } = App.useApp()
  const [busy, setBusy] = useState(false)
  const run = async () => {
    setBusy(true)
    try {
      await downloadStatisticsTable(period, table, `${statisticsTableLabels[table]}.xlsx`)
    } catch (failure) {
      message.error(errorText(toApiRequestError(failure)))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Button size="small" icon={<DownloadOutlined />} loading={busy} onClick={run} id={`statistics-export-${table}`} data-testid={`statistics-export-${table}`}>
      导出 Excel
    </Button>
  )
}

function Section({ table, period, empty, children }: { table: StatisticsTable; period: Period; empty: boolean; children: ReactNode }) {
  return (
    <Card title={statisticsTableLabels[table]} size="small" extra={<ExportButton period={period} table={table} />} data-testid={`statistics-section-${table}`}>
      {empty ? <Empty description="所选期间没有数据" /> : children}
    </Card>
  )
}

/** A change against the previous period, as 较上期 +3 / -12.5 个百分点. */
function Delta({ now, before, rate = false }: { now: number | null; before: number | null; rate?: boolean }) {
  if (now === null || before === null) return <Typography.Text type="secondary">较上期 —</Typography.Text>
  const diff = rate ? (now - before) * 100 : now - before
  const text = rate ? `${diff >= 0 ? '+' : ''}${diff.toFixed(1)} 个百分点` : `${diff >= 0 ? '+' : ''}${diff}`
  return <Typography.Text type={diff === 0 ? 'secondary' : undefined}>较上期 {text}</Typography.Text>
}

const small = { size: 'small' as const, pagination: { pageSize: 10, showSizeChanger: false, hideOnSinglePage: true } }

function countColumns(name: string, previousTitle = '上期'): TableColumnsType<StatisticsCountRow> {
  return [
    { title: name, dataIndex: 'label', ellipsis: true },
    { title: '本期', dataIndex: 'count', width: 90, align: 'right' },
    { title: previousTitle, dataIndex: 'previous', width: 90, align: 'right' },
  ]
}

/** Bars of this period against the previous one, by the table's key. */
function barOption(rows: StatisticsCountRow[], previousName = '上期', horizontal = false): EChartsOption {
  const labels = rows.map((r) => r.label)
  const category = { type: 'category' as const, data: labels, axisLabel: { interval: 0, width: 120, overflow: 'truncate' as const } }
  const value = { type: 'value' as const, minInterval: 1 }
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: ['本期', previousName] },
    grid: { left: horizontal ? 140 : 48, right: 24, bottom: 48, containLabel: false },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? { ...category, inverse: true } : value,
    series: [
      { name: '本期', type: 'bar', data: rows.map((r) => r.count) },
      { name: previousName, type: 'bar', data: rows.map((r) => r.previous) },
    ],
  }
}

function CountSection({ table, rows, period, name, previousName, horizontal }: { table: StatisticsTable; rows: StatisticsCountRow[]; period: Period; name: string; previousName?: string; horizontal?: boolean }) {
  const shown = horizontal ? rows.slice(0, 15) : rows
  return (
    <Section table={table} period={period} empty={rows.every((r) => r.count === 0 && r.previous === 0)}>
      <BusinessChart chartId={`statistics-chart-${table}`} option={barOption(shown, previousName, horizontal)} height={horizontal ? Math.max(240, shown.length * 28 + 80) : 300} />
      <Table data-testid={`statistics-table-${table}`} rowKey="key" columns={countColumns(name, previousName)} dataSource={rows} {...small} />
    </Section>
  )
}

type WarningRow = StatisticsResponse['warnings'][number]
type VerificationRow = StatisticsResponse['verification'][number]

function warningsOption(rows: WarningRow[]): EChartsOption {
  const models = [...new Set(rows.map((r) => r.modelTitle))]
  const stages = [...new Set(rows.map((r) => r.stageLabel))]
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: stages },
    grid: { left: 48, right: 24, bottom: 64 },
    xAxis: { type: 'category', data: models, axisLabel: { interval: 0, rotate: models.length > 5 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: stages.map((stage) => ({
      name: stage,
      type: 'bar',
      stack: 'stage',
      data: models.map((m) => rows.filter((r) => r.modelTitle === m && r.stageLabel === stage).reduce((s, r) => s + r.count, 0)),
    })),
  }
}

function verificationOption(rows: VerificationRow[]): EChartsOption {
  const pct = (r: number | null) => (r === null ? null : r * 100)
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? `${v.toFixed(1)}%` : '—') },
    legend: { data: ['预警查实率', '上期预警查实率', '核查查实率'] },
    grid: { left: 48, right: 24, bottom: 48 },
    xAxis: { type: 'category', data: rows.map((r) => r.modelTitle), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      { name: '预警查实率', type: 'bar', data: rows.map((r) => pct(r.warningRate)) },
      { name: '上期预警查实率', type: 'bar', data: rows.map((r) => pct(r.warningPreviousRate)) },
      { name: '核查查实率', type: 'bar', data: rows.map((r) => pct(r.rate)) },
    ],
  }
}

const warningColumns: TableColumnsType<WarningRow> = [
  { title: '模型', dataIndex: 'modelTitle', ellipsis: true },
  { title: '阶段', dataIndex: 'stageLabel', width: 100 },
  { title: '本期', dataIndex: 'count', width: 80, align: 'right' },
  { title: '上期', dataIndex: 'previous', width: 80, align: 'right' },
]
const verificationColumns: TableColumnsType<VerificationRow> = [
  { title: '模型', dataIndex: 'modelTitle', ellipsis: true },
  {
    title: <Tooltip title={verificationRateHints.warning}>预警查实率</Tooltip>,
    key: 'warningRate',
    width: 150,
    align: 'right',
    render: (_, r) => `${percent(r.warningRate)}（${r.warningConfirmed}/${r.warningClosed}）`,
  },
  { title: '上期预警查实率', dataIndex: 'warningPreviousRate', width: 120, align: 'right', render: (r: number | null) => percent(r) },
  { title: '未记录原因', dataIndex: 'warningUnrecorded', width: 100, align: 'right' },
  {
    title: <Tooltip title={verificationRateHints.escalation}>核查查实率</Tooltip>,
    key: 'rate',
    width: 150,
    align: 'right',
    render: (_, r) => `${percent(r.rate)}（${r.confirmed}/${r.confirmed + r.unfounded}）`,
  },
  { title: '上期核查查实率', dataIndex: 'previousRate', width: 120, align: 'right', render: (r: number | null) => percent(r) },
]

/** 统计分析: reports, handling, satisfaction and the alert engine's results for a period, against the previous one. */
export default function StatisticsPage() {
  const [params, setParams] = useSearchParams()
  const period = periodFrom(params)
  const setPeriod = (p: Period) => setParams(new URLSearchParams({ from: p.from, to: p.to }))
  const { data, error, loading, reload } = useRequest((signal) => getStatistics(period, signal), [period.from, period.to])

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16} data-testid="statistics-page">
      <Card title="统计分析">
        <Space wrap>
          <DatePicker.RangePicker
            id="statistics-period"
            allowClear={false}
            value={[dayjs(period.from), dayjs(period.to)]}
            onChange={(range) => {
              if (range?.[0] && range[1]) setPeriod({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') })
            }}
          />
          {presets().map((p) => (
            <Button key={p.key} id={`statistics-preset-${p.key}`} type={p.period.from === period.from && p.period.to === period.to ? 'primary' : 'default'} onClick={() => setPeriod(p.period)}>
              {p.label}
            </Button>
          ))}
          {data ? (
            <Typography.Text type="secondary" data-testid="statistics-previous-period">
              对比上期：{data.previousPeriod.from} 至 {data.previousPeriod.to}
            </Typography.Text>
          ) : null}
        </Space>
        <LoadError error={error} onRetry={reload} testId="statistics-error" style={{ marginTop: 16 }} />
        {data ? (
          <Row gutter={[16, 16]} style={{ marginTop: 16 }} data-testid="statistics-summary">
            <Col xs={12} md={8} xl={4}>
              <Statistic title="收到举报" value={data.totals.submitted} suffix="件" />
              <Delta now={data.totals.submitted} before={data.totals.previous} />
            </Col>
            {statisticsRateKeys.map((k) => (
              <Col key={k} xs={12} md={8} xl={4}>
                <Tooltip title={`${statisticsRateHints[k]}（${data.rates.current[k].numerator}/${data.rates.current[k].denominator}）`}>
                  <Statistic title={statisticsRateLabels[k]} value={percent(data.rates.current[k].rate)} data-testid={`statistics-rate-${k}`} />
                </Tooltip>
                <Delta now={data.rates.current[k].rate} before={data.rates.previous[k].rate} rate />
              </Col>
            ))}
          </Row>
        ) : loading ? (
          <Spin style={{ marginTop: 16 }} />
        ) : null}
      </Card>
      {data ? (
        <>
          <Row gutter={16}>
            <Col xs={24} xl={12}>
              <CountSection table="status" rows={data.status} period={period} name="状态" />
            </Col>
            <Col xs={24} xl={12}>
              <CountSection table="channel" rows={data.channel} period={period} name="来源渠道" />
            </Col>
          </Row>
          <CountSection table="month" rows={data.month} period={period} name="月份" previousName="上年同月" />
          <Row gutter={16}>
            <Col xs={24} xl={12}>
              <CountSection table="category" rows={data.category} period={period} name="类别" horizontal />
            </Col>
            <Col xs={24} xl={12}>
              <CountSection table="township" rows={data.township} period={period} name="乡镇" horizontal />
            </Col>
          </Row>
          <CountSection table="unit" rows={data.unit} period={period} name="被反映单位" horizontal />
          <Section table="rates" period={period} empty={false}>
            <Table
              data-testid="statistics-table-rates"
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={statisticsRateKeys.map((k) => ({ key: k, label: statisticsRateLabels[k], now: data.rates.current[k], before: data.rates.previous[k] }))}
              columns={[
                { title: '指标', dataIndex: 'label', width: 120 },
                { title: '本期', key: 'now', width: 160, render: (_, r) => `${percent(r.now.rate)}（${r.now.numerator}/${r.now.denominator}）` },
                { title: '上期', key: 'before', width: 160, render: (_, r) => `${percent(r.before.rate)}（${r.before.numerator}/${r.before.denominator}）` },
                { title: '口径', key: 'hint', ellipsis: true, render: (_, r) => statisticsRateHints[r.key] },
              ]}
            />
          </Section>
          <Section table="warnings" period={period} empty={data.warnings.length === 0}>
            <BusinessChart chartId="statistics-chart-warnings" option={warningsOption(data.warnings)} height={320} />
            <Table data-testid="statistics-table-warnings" rowKey={(r) => `${r.model}|${r.stage}`} columns={warningColumns} dataSource={data.warnings} {...small} />
          </Section>
          <Row gutter={16}>
            <Col xs={24} xl={14}>
              <Section table="verification" period={period} empty={data.verification.length === 0}>
                <BusinessChart chartId="statistics-chart-verification" option={verificationOption(data.verification)} height={280} />
                <Table data-testid="statistics-table-verification" rowKey="model" columns={verificationColumns} dataSource={data.verification} {...small} />
              </Section>
            </Col>
            <Col xs={24} xl={10}>
              <Section table="accountability" period={period} empty={false}>
                <Row gutter={16} data-testid="statistics-accountability">
                  <Col span={8}>
                    <Statistic title="问责案件" value={data.accountability.current.cases} />
                    <Delta now={data.accountability.current.cases} before={data.accountability.previous.cases} />
                  </Col>
                  <Col span={8}>
                    <Statistic title="问责人数" value={data.accountability.current.people} />
                    <Delta now={data.accountability.current.people} before={data.accountability.previous.people} />
                  </Col>
                  <Col span={8}>
                    <Statistic title="追回资金（元）" value={Number(data.accountability.current.moneyRecovered)} precision={2} />
                    <Typography.Text type="secondary">上期 {Number(data.accountability.previous.moneyRecovered).toFixed(2)}</Typography.Text>
                  </Col>
                </Row>
              </Section>
            </Col>
          </Row>
        </>
      ) : null}
    </Space>
  )
}
