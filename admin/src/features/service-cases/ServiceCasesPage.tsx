/*
 * 服务办理 (/alerts/service-cases): the imported service cases (办件), paged on the server, with the case open in a
 * drawer (its number in the address as ?case=, so a case can be linked). Stable ids for browser flows:
 *   #cases-case-no, #cases-item, #cases-unit-filter, #cases-applicant-type, #cases-result, #cases-accepted-range,
 *   #cases-finished-range, #cases-overdue, #cases-warnings, #cases-reset,
 *   [data-testid=cases-table], [data-testid=case-open] (per row), [data-testid=cases-total], [data-testid=cases-error],
 *   drawer: [data-testid=case-drawer], [data-testid=case-timeline], [data-testid=case-warnings], [data-testid=case-materials]
 */
import { Alert, Button, Card, DatePicker, Descriptions, Drawer, Empty, Input, List, Select, Space, Spin, Table, Tag, Timeline, Tooltip, Typography, type TableColumnsType } from 'antd'
import dayjs from 'dayjs'
import { useEffect, useState } from 'react'
import { Link } from 'react-router-dom'
import {
  SERVICE_CASE_MAX_OFFSET,
  applicantTypeLabels,
  applicantTypes,
  serviceCaseChannelLabels,
  serviceCaseResultLabels,
  serviceCaseResults,
  type ApplicantType,
  type ServiceCaseResult,
} from '@msjd/shared/service-cases'
import { evaluationLevelLabels } from '@msjd/shared'
import { errorText } from '../../api/client'
import { useRequest } from '../../api/useRequest'
import { FilterBar } from '../../components/FilterBar'
import { LoadError } from '../../components/LoadError'
import { useUrlFilters } from '../../components/useUrlFilters'
import { tableScroll } from '../../components/tableScroll'
import { formatTime, shanghaiDay } from '../../components/time'
import { StageTag, unitText, useUnitsByCode, type Directory, UnitCodeFilter } from '../alerts/labels'
import { getServiceCase, listServiceCases, type ServiceCaseQuery, type ServiceCaseSummary } from './api'

const PAGE_SIZES = [20, 50, 100]
const DEFAULT_PAGE_SIZE = 20
const TEXT_KEYS = ['itemCode', 'unitCode', 'caseNo'] as const
const DATE_KEYS = ['acceptedFrom', 'acceptedTo', 'finishedFrom', 'finishedTo'] as const

function positive(value: string | null, fallback: number): number {
  const n = Number(value)
  return Number.isInteger(n) && n >= 1 ? n : fallback
}

/** A YYYY-MM-DD date that exists, else undefined (the server would refuse it). */
function isoDate(value: string | null): string | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined
  const day = dayjs(value)
  return day.isValid() && day.format('YYYY-MM-DD') === value ? value : undefined
}

function range(params: URLSearchParams, from: string, to: string): [string | undefined, string | undefined] {
  const a = isoDate(params.get(from))
  const b = isoDate(params.get(to))
  // an inverted range from a hand-edited address is dropped rather than sent to be refused
  return a && b && a > b ? [undefined, undefined] : [a, b]
}

const flag = (value: string | null) => (value === 'true' || value === 'false' ? value : undefined)

/** Filters live in the address, so a filtered list can be bookmarked, shared or opened again after a reload. */
export function parseServiceCaseQuery(params: URLSearchParams): ServiceCaseQuery {
  const text = (key: string) => params.get(key)?.trim() || undefined
  const applicantType = params.get('applicantType')
  const result = params.get('result')
  const [acceptedFrom, acceptedTo] = range(params, 'acceptedFrom', 'acceptedTo')
  const [finishedFrom, finishedTo] = range(params, 'finishedFrom', 'finishedTo')
  const pageSize = positive(params.get('pageSize'), DEFAULT_PAGE_SIZE)
  const size = PAGE_SIZES.includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE
  // past the deepest page the server serves, back to the last one it does
  const page = Math.min(positive(params.get('page'), 1), Math.floor((SERVICE_CASE_MAX_OFFSET - 1) / size) + 1)
  return {
    itemCode: text('itemCode'),
    unitCode: text('unitCode'),
    applicantType: applicantTypes.includes(applicantType as ApplicantType) ? (applicantType as ApplicantType) : undefined,
    result: serviceCaseResults.includes(result as ServiceCaseResult) ? (result as ServiceCaseResult) : undefined,
    acceptedFrom,
    acceptedTo,
    finishedFrom,
    finishedTo,
    overdue: flag(params.get('overdue')),
    hasWarnings: flag(params.get('hasWarnings')),
    caseNo: text('caseNo'),
    page,
    pageSize: size,
  }
}

export function searchOf(query: ServiceCaseQuery): URLSearchParams {
  const search = new URLSearchParams()
  for (const key of [...TEXT_KEYS, 'applicantType', 'result', ...DATE_KEYS, 'overdue', 'hasWarnings'] as const) {
    const value = query[key]
    if (value) search.set(key, value)
  }
  if (query.page !== 1) search.set('page', String(query.page))
  if (query.pageSize !== DEFAULT_PAGE_SIZE) search.set('pageSize', String(query.pageSize))
  return search
}

/** 共 N 件, or 约 N 件 when the server estimated (past 2,000 matches it samples rather than counts). */
export function totalText(total: number, exact: boolean): string {
  const n = total.toLocaleString('zh-CN')
  return exact ? `共 ${n} 件` : `约 ${n} 件（估算）`
}

const resultColors: Record<ServiceCaseResult, string> = { pending: 'processing', approved: 'green', rejected: 'red', returned: 'orange' }

function ResultTags({ c }: { c: Pick<ServiceCaseSummary, 'result' | 'overdue'> }) {
  return (
    <Space size={4} wrap>
      <Tag color={resultColors[c.result]}>{serviceCaseResultLabels[c.result]}</Tag>
      {c.overdue ? (
        <Tag color="red" data-testid="case-overdue">
          超期
        </Tag>
      ) : null}
    </Space>
  )
}

function BeijingDay({ at }: { at: string | null }) {
  if (!at) return <>—</>
  return <Tooltip title={formatTime(at)}>{shanghaiDay(at)}</Tooltip>
}

function columns(units: Directory, open: (caseNo: string) => void): TableColumnsType<ServiceCaseSummary> {
  return [
    {
      title: '办件编号',
      dataIndex: 'caseNo',
      width: 180,
      render: (caseNo: string) => (
        <Typography.Link data-testid="case-open" onClick={() => open(caseNo)}>
          {caseNo}
        </Typography.Link>
      ),
    },
    {
      title: '事项',
      key: 'item',
      ellipsis: { showTitle: false },
      render: (_, c) => {
        const text = c.itemName ? `${c.itemName}（${c.itemCode}）` : c.itemCode
        return (
          <Tooltip title={text} placement="topLeft">
            {text}
          </Tooltip>
        )
      },
    },
    { title: '部门', dataIndex: 'unitCode', width: 150, ellipsis: true, render: (code: string, c) => c.unitName ?? unitText(units, code) },
    { title: '申请人', dataIndex: 'applicantType', width: 80, render: (t: ApplicantType | null) => (t ? applicantTypeLabels[t] : '—') },
    // Beijing dates keep the row within a 1440 px screen; the time is in the tooltip and the drawer
    { title: '受理日期', dataIndex: 'acceptedAt', width: 105, render: (at: string) => <BeijingDay at={at} /> },
    { title: '办结日期', dataIndex: 'finishedAt', width: 105, render: (at: string | null) => <BeijingDay at={at} /> },
    { title: '办理期限', dataIndex: 'deadline', width: 100, render: (d: string | null) => d ?? '—' },
    { title: '办理结果', key: 'result', width: 130, render: (_, c) => <ResultTags c={c} /> },
    {
      title: '预警',
      dataIndex: 'warningCount',
      width: 60,
      align: 'right',
      render: (n: number) => (n ? <Tag color="volcano">{n}</Tag> : <Typography.Text type="secondary">0</Typography.Text>),
    },
  ]
}

function CaseDrawer({ caseNo, units, onClose }: { caseNo: string; units: Directory; onClose: () => void }) {
  const { data, error, loading, reload } = useRequest((signal) => getServiceCase(caseNo, signal), [caseNo])
  const c = data?.case
  const t = data?.timeline
  return (
    <Drawer open width={760} title={`办件 ${caseNo}`} onClose={onClose} data-testid="case-drawer">
      <LoadError error={error} onRetry={reload} />
      {loading && !data ? <Spin /> : null}
      {c && t ? (
        <>
          <Descriptions column={2} bordered size="small">
            <Descriptions.Item label="办件编号">{c.caseNo}</Descriptions.Item>
            <Descriptions.Item label="办理结果">
              <ResultTags c={c} />
            </Descriptions.Item>
            <Descriptions.Item label="事项" span={2}>
              {c.itemName ? `${c.itemName}（${c.itemCode}）` : c.itemCode}
            </Descriptions.Item>
            <Descriptions.Item label="部门" span={2}>
              {c.unitName ?? unitText(units, c.unitCode)}
            </Descriptions.Item>
            <Descriptions.Item label="申请人类型">{c.applicantType ? applicantTypeLabels[c.applicantType] : '—'}</Descriptions.Item>
            <Descriptions.Item label="申请人证件号码">
              <span data-testid="case-applicant">{c.applicantId}</span>
            </Descriptions.Item>
            <Descriptions.Item label="办理渠道">{c.channel ? (serviceCaseChannelLabels[c.channel] ?? c.channel) : '—'}</Descriptions.Item>
            <Descriptions.Item label="补正次数">{c.supplementCount}</Descriptions.Item>
            <Descriptions.Item label="办事评价">
              {c.rating ? `${(evaluationLevelLabels as Record<number, string>)[c.rating] ?? ''}（${c.rating} 分）` : '未评价'}
            </Descriptions.Item>
            <Descriptions.Item label="最近导入">{formatTime(c.updatedAt)}</Descriptions.Item>
          </Descriptions>

          <Typography.Title level={5} style={{ marginTop: 24 }}>
            办理时间线
          </Typography.Title>
          <div data-testid="case-timeline">
            <Timeline
              items={[
                { color: 'blue', children: `受理：${formatTime(c.acceptedAt)}` },
                {
                  color: 'gray',
                  children: `办理期限：${t.deadline ?? '—'}（承诺 ${c.promisedDays} 个工作日${c.promisedDays === 0 ? '，即办' : ''}）`,
                },
                t.finishedOn
                  ? { color: c.overdue ? 'red' : 'green', children: `办结：${formatTime(c.finishedAt)}` }
                  : { color: c.overdue ? 'red' : 'blue', children: `办理中：截至 ${t.measuredTo}` },
              ]}
            />
            <Typography.Paragraph>
              {t.finishedOn ? '办理用时' : '已用'} <Typography.Text strong>{t.workdaysUsed}</Typography.Text> 个工作日
              {t.workdaysOver > 0 ? (
                <>
                  ，超出承诺时限 <Typography.Text type="danger" strong>{t.workdaysOver}</Typography.Text> 个工作日
                </>
              ) : (
                '，未超期'
              )}
              <Typography.Text type="secondary">（按工作日历计算，不含受理当日）</Typography.Text>
            </Typography.Paragraph>
          </div>

          <Typography.Title level={5} style={{ marginTop: 8 }}>
            相关预警（{data.warnings.length}）
          </Typography.Title>
          <List
            data-testid="case-warnings"
            size="small"
            bordered
            locale={{ emptyText: '该办件没有预警' }}
            dataSource={data.warnings}
            renderItem={(w) => (
              <List.Item>
                <Space direction="vertical" size={2} style={{ width: '100%' }}>
                  <Space wrap>
                    <Typography.Text strong>{w.modelTitle}</Typography.Text>
                    <StageTag stage={w.stage} />
                    {w.status === 'open' ? <Tag color="red">未关闭</Tag> : <Tag>已关闭</Tag>}
                    <Typography.Text type="secondary">预警日期 {w.asOf}</Typography.Text>
                  </Space>
                  <Typography.Text>{w.explanation}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
          {data.warnings.length ? (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              证件号码已遮盖；如需核查完整号码，请到 <Link to={`/alerts/warnings?unitCode=${encodeURIComponent(c.unitCode)}`}>预警列表</Link> 由纪检干部查看（逐次记入审计日志）。
            </Typography.Paragraph>
          ) : null}

          <Typography.Title level={5} style={{ marginTop: 16 }}>
            申报材料
          </Typography.Title>
          <div data-testid="case-materials">
            {data.item ? (
              data.item.materials.length ? (
                <List
                  size="small"
                  bordered
                  header={<Typography.Text type="secondary">{`${data.item.name}（${data.item.code}）${data.item.unitName ? ` · ${data.item.unitName}` : ''} · 承诺 ${data.item.promisedDays} 个工作日`}</Typography.Text>}
                  dataSource={data.item.materials}
                  renderItem={(m, i) => <List.Item>{`${i + 1}. ${m}`}</List.Item>}
                />
              ) : (
                <Empty description="事项目录中该事项未登记申报材料" image={Empty.PRESENTED_IMAGE_SIMPLE} />
              )
            ) : (
              <Empty description={`事项目录中没有事项编码 ${c.itemCode}，无申报材料信息`} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </div>
        </>
      ) : null}
    </Drawer>
  )
}

/**
 * The address as useUrlFilters reads it: each filter falls back on its own (parseServiceCaseQuery), and the open
 * case rides along so changing a filter leaves its drawer open.
 */
const caseListAddress = {
  parse: (value: unknown): ServiceCaseQuery & { case?: string } => {
    const params = new URLSearchParams(value as Record<string, string>)
    return { ...parseServiceCaseQuery(params), case: params.get('case') || undefined }
  },
  safeParse(value: unknown) {
    return { success: true as const, data: caseListAddress.parse(value) }
  },
}

export default function ServiceCasesPage() {
  const [{ case: openCase, ...query }, setQuery, resetQuery] = useUrlFilters(caseListAddress)
  const setOpen = (caseNo: string | null) => setQuery({ case: caseNo ?? undefined })
  const units = useUnitsByCode()
  const key = searchOf(query).toString()
  const { data, error, loading, reload } = useRequest((signal) => listServiceCases(query, signal), [key])
  // typed filters are sent when the user stops typing (Enter or leaving the field), not on every key
  const [caseNo, setCaseNo] = useState(query.caseNo ?? '')
  const [itemCode, setItemCode] = useState(query.itemCode ?? '')
  useEffect(() => setCaseNo(query.caseNo ?? ''), [query.caseNo])
  useEffect(() => setItemCode(query.itemCode ?? ''), [query.itemCode])

  // A page past the end (the list shrank since the link was made): go to the last page that has rows.
  useEffect(() => {
    if (data && data.items.length === 0 && data.pageable > 0 && query.page > 1) setQuery({ page: Math.ceil(data.pageable / query.pageSize) })
  }, [data, query.page, query.pageSize])

  const dateRange = (from?: string, to?: string): [dayjs.Dayjs | null, dayjs.Dayjs | null] | null =>
    from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : null
  const cols = columns(units, (no) => setOpen(no))
  return (
    <Card title="服务办理">
      <FilterBar onReset={resetQuery} resetId="cases-reset">
        <Input.Search
          id="cases-case-no"
          placeholder="办件编号（可输入开头部分）"
          allowClear
          value={caseNo}
          style={{ width: 240 }}
          onChange={(e) => setCaseNo(e.target.value)}
          onSearch={(value) => setQuery({ caseNo: value.trim() || undefined, page: 1 })}
        />
        <Input
          id="cases-item"
          placeholder="事项编码"
          allowClear
          value={itemCode}
          style={{ width: 160 }}
          onChange={(e) => {
            setItemCode(e.target.value)
            if (!e.target.value) setQuery({ itemCode: undefined, page: 1 })
          }}
          onPressEnter={() => setQuery({ itemCode: itemCode.trim() || undefined, page: 1 })}
          onBlur={() => itemCode.trim() !== (query.itemCode ?? '') && setQuery({ itemCode: itemCode.trim() || undefined, page: 1 })}
        />
        <UnitCodeFilter id="cases-unit-filter" units={units} value={query.unitCode} placeholder="全部部门" onChange={(unitCode) => setQuery({ unitCode, page: 1 })} />
        <Select
          id="cases-applicant-type"
          placeholder="申请人类型"
          allowClear
          options={applicantTypes.map((t) => ({ value: t, label: applicantTypeLabels[t] }))}
          value={query.applicantType}
          style={{ width: 120 }}
          onChange={(applicantType?: ApplicantType) => setQuery({ applicantType, page: 1 })}
        />
        <Select
          id="cases-result"
          placeholder="办理结果"
          allowClear
          options={serviceCaseResults.map((r) => ({ value: r, label: serviceCaseResultLabels[r] }))}
          value={query.result}
          style={{ width: 120 }}
          onChange={(result?: ServiceCaseResult) => setQuery({ result, page: 1 })}
        />
        <DatePicker.RangePicker
          id="cases-accepted-range"
          placeholder={['受理日期起', '受理日期止']}
          allowEmpty={[true, true]}
          value={dateRange(query.acceptedFrom, query.acceptedTo)}
          onChange={(r) => setQuery({ acceptedFrom: r?.[0]?.format('YYYY-MM-DD') || undefined, acceptedTo: r?.[1]?.format('YYYY-MM-DD') || undefined, page: 1 })}
        />
        <DatePicker.RangePicker
          id="cases-finished-range"
          placeholder={['办结日期起', '办结日期止']}
          allowEmpty={[true, true]}
          value={dateRange(query.finishedFrom, query.finishedTo)}
          onChange={(r) => setQuery({ finishedFrom: r?.[0]?.format('YYYY-MM-DD') || undefined, finishedTo: r?.[1]?.format('YYYY-MM-DD') || undefined, page: 1 })}
        />
        <Select
          id="cases-overdue"
          placeholder="是否超期"
          allowClear
          options={[
            { value: 'true', label: '超期' },
            { value: 'false', label: '未超期' },
          ]}
          value={query.overdue}
          style={{ width: 110 }}
          onChange={(overdue?: 'true' | 'false') => setQuery({ overdue, page: 1 })}
        />
        <Select
          id="cases-warnings"
          placeholder="是否有预警"
          allowClear
          options={[
            { value: 'true', label: '有预警' },
            { value: 'false', label: '无预警' },
          ]}
          value={query.hasWarnings}
          style={{ width: 120 }}
          onChange={(hasWarnings?: 'true' | 'false') => setQuery({ hasWarnings, page: 1 })}
        />
      </FilterBar>
      <LoadError error={error} onRetry={reload} testId="cases-error" style={{ marginBottom: 16 }} />
      <Table<ServiceCaseSummary>
        data-testid="cases-table"
        rowKey="caseNo"
        columns={cols}
        dataSource={data?.items}
        loading={loading}
        scroll={tableScroll(cols, 190)}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: data?.pageable ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES,
          showTotal: () =>
            data ? (
              <span data-testid="cases-total">
                {totalText(data.total, data.totalExact)}
                {data.total > data.pageable ? `，可翻阅前 ${data.pageable.toLocaleString('zh-CN')} 件，请用筛选缩小范围` : ''}
              </span>
            ) : null,
          onChange: (page, pageSize) => setQuery({ page: pageSize === query.pageSize ? page : 1, pageSize }),
        }}
      />
      {openCase ? <CaseDrawer caseNo={openCase} units={units} onClose={() => setOpen(null)} /> : null}
    </Card>
  )
}
