/*
 * 预警列表 (/alerts/warnings). Stable ids for browser flows:
 *   #warnings-model-filter, #warnings-stage-filter, #warnings-unit-filter, #warnings-status-filter,
 *   #warnings-asof-range (预警日期 from / to), #warnings-reset,
 *   [data-testid=warnings-table], [data-testid=warning-open] (per row), [data-testid=warnings-error],
 *   drawer: [data-testid=warning-drawer], [data-testid=warning-values], #warning-close, [data-testid=warning-close-error],
 *   [data-testid=warning-explanation], #warning-reveal (supervisors), [data-testid=warning-applicant], sources: see WarningSources.tsx,
 *   close dialog: #warning-close-reason (radios 属实/合理原因/数据错误/重复), #warning-close-note, #warning-close-confirm
 */
import { Alert, Button, Card, DatePicker, Descriptions, Drawer, Form, Input, Modal, Radio, Select, Space, Table, Tag, Tooltip, Typography, message, type TableColumnsType } from 'antd'
import dayjs from 'dayjs'
import { useEffect, useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import { errorText, toApiRequestError } from '../../api/client'
import { useRequest } from '../../api/useRequest'
import { FilterBar } from '../../components/FilterBar'
import { LoadError } from '../../components/LoadError'
import { useCurrentUser } from '../auth/AuthProvider'
import { alertStages, warningCloseReasonLabels, warningCloseReasons, type WarningCloseReason } from '@msjd/shared'
import { closeWarning, listWarnings, revealWarningIds, type AlertWarning, type Dataset, type EscalationStage, type WarningQuery, type WarningReveal } from './api'
import { formatValue, shownValues, StageTag, stageLabels, unitText, useDatasets, useModels, useUnitsByCode, valueLabel, valuesSummary, type Directory, UnitCodeFilter } from './labels'
import { WarningSources } from './WarningSources'
import { tableScroll } from '../../components/tableScroll'
import { formatTime } from '../../components/time'

const PAGE_SIZES = [20, 50, 100]
const DEFAULT_PAGE_SIZE = 20
const managers: readonly string[] = ['admin', 'supervisor']

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

/** Filters live in the address so a filtered list can be bookmarked or linked from an escalation case. */
export function parseWarningQuery(params: URLSearchParams): WarningQuery {
  const stage = params.get('stage')
  const status = params.get('status')
  const pageSize = positive(params.get('pageSize'), DEFAULT_PAGE_SIZE)
  const asOfFrom = isoDate(params.get('asOfFrom'))
  const asOfTo = isoDate(params.get('asOfTo'))
  // an inverted range from a hand-edited address is dropped rather than sent to be refused
  const range = asOfFrom && asOfTo && asOfFrom > asOfTo ? {} : { asOfFrom, asOfTo }
  return {
    model: params.get('model') || undefined,
    unitCode: params.get('unitCode') || undefined,
    stage: alertStages.includes(stage as EscalationStage) ? (stage as EscalationStage) : undefined,
    status: status === 'open' || status === 'closed' ? status : undefined,
    asOfFrom: range.asOfFrom,
    asOfTo: range.asOfTo,
    page: positive(params.get('page'), 1),
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  }
}

function searchOf(query: WarningQuery): URLSearchParams {
  const search = new URLSearchParams()
  for (const key of ['model', 'unitCode', 'stage', 'status', 'asOfFrom', 'asOfTo'] as const) if (query[key]) search.set(key, query[key]!)
  if (query.page !== 1) search.set('page', String(query.page))
  if (query.pageSize !== DEFAULT_PAGE_SIZE) search.set('pageSize', String(query.pageSize))
  return search
}

/** A closed warning without a reason was closed before reasons were asked. */
export function closeReasonText(reason: WarningCloseReason | null): string {
  return reason ? warningCloseReasonLabels[reason] : '未记录原因'
}

function columns(models: Directory, units: Directory, datasets: Dataset[], open: (w: AlertWarning) => void): TableColumnsType<AlertWarning> {
  return [
    { title: '预警模型', dataIndex: 'modelTitle', width: 130 },
    {
      title: '预警对象',
      key: 'subject',
      width: 260,
      render: (_, w) => (
        <Typography.Link data-testid="warning-open" onClick={() => open(w)}>
          {w.subjectText}
        </Typography.Link>
      ),
    },
    { title: '责任单位', dataIndex: 'unitCode', width: 200, render: (code: string | null) => unitText(units, code) },
    {
      title: '预警说明',
      dataIndex: 'explanation',
      ellipsis: { showTitle: false },
      render: (text: string, w) => (
        <Tooltip title={`${text}。${valuesSummary(Object.fromEntries(shownValues(w.values)), datasets) || ''}`} placement="topLeft">
          {text}
        </Tooltip>
      ),
    },
    { title: '处置阶段', dataIndex: 'stage', width: 100, render: (stage: EscalationStage | null) => <StageTag stage={stage} /> },
    { title: '预警日期', dataIndex: 'asOf', width: 110 },
    {
      title: '状态',
      dataIndex: 'status',
      width: 80,
      render: (status: AlertWarning['status']) => (status === 'open' ? <Tag color="red">未关闭</Tag> : <Tag>已关闭</Tag>),
    },
  ]
}

function WarningDrawer({
  warning,
  models,
  units,
  datasets,
  canClose,
  canReveal,
  onClose,
  onClosed,
}: {
  warning: AlertWarning
  models: Directory
  units: Directory
  datasets: Dataset[]
  canClose: boolean
  canReveal: boolean
  onClose: () => void
  onClosed: () => void
}) {
  const [revealed, setRevealed] = useState<WarningReveal>()
  const [revealing, setRevealing] = useState(false)
  const [revealError, setRevealError] = useState<string>()
  const reveal = async () => {
    setRevealing(true)
    setRevealError(undefined)
    try {
      setRevealed(await revealWarningIds(warning.id))
    } catch (failure) {
      setRevealError(errorText(toApiRequestError(failure)))
    } finally {
      setRevealing(false)
    }
  }
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const [asking, setAsking] = useState(false)
  const [reason, setReason] = useState<WarningCloseReason>()
  const [note, setNote] = useState('')
  const close = async () => {
    if (!reason) return
    setBusy(true)
    setError(undefined)
    try {
      // the warning's item (its distribution key on Citus, '' when it has none) lets the server close it in one shard
      await closeWarning(warning.id, { reason, note: note.trim() || undefined, itemKey: warning.itemCode ?? '' })
      message.success('预警已关闭')
      setAsking(false)
      onClosed()
    } catch (failure) {
      setError(errorText(toApiRequestError(failure)))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Drawer open width={760} title={`${warning.modelTitle}预警`} onClose={onClose} data-testid="warning-drawer">
      {error ? <Alert type="error" showIcon message={error} data-testid="warning-close-error" style={{ marginBottom: 16 }} /> : null}
      <Alert type="warning" showIcon message={warning.explanation} data-testid="warning-explanation" style={{ marginBottom: 16 }} />
      {canReveal ? (
        <Space style={{ marginBottom: 16 }}>
          <Button id="warning-reveal" size="small" loading={revealing} disabled={Boolean(revealed)} onClick={reveal}>
            {revealed ? '已显示完整证件号码' : '显示完整证件号码'}
          </Button>
          <Typography.Text type="secondary">每次查看记入审计日志</Typography.Text>
          {revealError ? <Typography.Text type="danger">{revealError}</Typography.Text> : null}
        </Space>
      ) : null}
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label="预警模型">
          {warning.modelTitle}
          {warning.modelVersion ? <Typography.Text type="secondary">（第 {warning.modelVersion} 版定义产生）</Typography.Text> : null}
        </Descriptions.Item>
        <Descriptions.Item label="预警对象">{warning.subjectText}</Descriptions.Item>
        <Descriptions.Item label="责任单位">{unitText(units, warning.unitCode)}</Descriptions.Item>
        <Descriptions.Item label="事项编码">{warning.itemCode ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="办件编号">{warning.caseNo ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="申请人证件号码">
          <span data-testid="warning-applicant">{revealed ? (revealed.applicantId ?? '—') : (warning.applicantId ?? '—')}</span>
        </Descriptions.Item>
        <Descriptions.Item label="预警日期">{warning.asOf}</Descriptions.Item>
        <Descriptions.Item label="处置阶段">
          <StageTag stage={warning.stage} />
        </Descriptions.Item>
        <Descriptions.Item label="状态">{warning.status === 'open' ? '未关闭' : '已关闭'}</Descriptions.Item>
        {warning.status === 'closed' ? (
          <Descriptions.Item label="关闭原因">
            <span data-testid="warning-close-reason-text">{closeReasonText(warning.closeReason)}</span>
            {warning.closeNote ? `：${warning.closeNote}` : ''}
            {warning.closedByName || warning.closedAt ? (
              <Typography.Text type="secondary">
                {' '}
                （{[warning.closedByName, warning.closedAt ? formatTime(warning.closedAt) : null].filter(Boolean).join('，')}）
              </Typography.Text>
            ) : null}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        触发数值
      </Typography.Title>
      <Descriptions column={1} bordered size="small" data-testid="warning-values">
        {shownValues(warning.values).map(([key, value]) => (
          <Descriptions.Item key={key} label={valueLabel(key)}>
            {formatValue(key, value, datasets)}
          </Descriptions.Item>
        ))}
      </Descriptions>
      <WarningSources warningId={warning.id} revealed={revealed} />
      {canClose && warning.status === 'open' ? (
        <Space direction="vertical" style={{ marginTop: 24 }}>
          <Typography.Text type="secondary">
            {warning.level === 'group' ? '群体类预警关闭后，下次运行再次发现该对象时将重新预警。' : '办件类预警关闭后不会对同一办件再次预警。'}
          </Typography.Text>
          <Button id="warning-close" danger onClick={() => setAsking(true)}>
            关闭预警
          </Button>
          <Modal
            open={asking}
            title="关闭预警"
            okText="关闭预警"
            cancelText="取消"
            okButtonProps={{ id: 'warning-close-confirm', disabled: !reason, loading: busy, danger: true }}
            onOk={close}
            onCancel={() => setAsking(false)}
            destroyOnHidden
          >
            <Typography.Paragraph type="secondary">关闭原因计入该模型的查实率（属实 ÷ 已关闭且有原因的预警）。</Typography.Paragraph>
            <Form layout="vertical">
              <Form.Item label="关闭原因" required>
                <Radio.Group id="warning-close-reason" value={reason} onChange={(e) => setReason(e.target.value as WarningCloseReason)}>
                  {warningCloseReasons.map((r) => (
                    <Radio key={r} value={r}>
                      {warningCloseReasonLabels[r]}
                    </Radio>
                  ))}
                </Radio.Group>
              </Form.Item>
              <Form.Item label="说明（可选）">
                <Input.TextArea id="warning-close-note" rows={3} maxLength={500} showCount value={note} onChange={(e) => setNote(e.target.value)} />
              </Form.Item>
            </Form>
            {error ? <Alert type="error" showIcon message={error} data-testid="warning-close-modal-error" /> : null}
          </Modal>
        </Space>
      ) : null}
    </Drawer>
  )
}

export default function WarningsPage() {
  const [params, setParams] = useSearchParams()
  const query = parseWarningQuery(params)
  const setQuery = (next: Partial<WarningQuery>) => setParams(searchOf({ ...query, ...next }))
  const user = useCurrentUser()
  const models = useModels()
  const units = useUnitsByCode()
  const datasets = useDatasets()
  const { data, error, loading, reload } = useRequest((signal) => listWarnings(query, signal), [searchOf(query).toString()])
  const [selected, setSelected] = useState<AlertWarning>()

  // A page past the end (the list shrank since the link was made): go to the last page that has rows.
  useEffect(() => {
    if (data && data.items.length === 0 && data.total > 0 && query.page > 1) setQuery({ page: Math.ceil(data.total / query.pageSize) })
  }, [data, query.page, query.pageSize])

  return (
    <Card title="预警列表">
      <FilterBar onReset={() => setParams(new URLSearchParams())} resetId="warnings-reset">
        <Select
          id="warnings-model-filter"
          placeholder="全部模型"
          allowClear
          options={models.options}
          value={query.model}
          style={{ width: 180 }}
          onChange={(model?: string) => setQuery({ model, page: 1 })}
        />
        <Select
          id="warnings-stage-filter"
          placeholder="全部阶段"
          allowClear
          options={alertStages.map((stage) => ({ value: stage, label: stageLabels[stage] }))}
          value={query.stage}
          style={{ width: 140 }}
          onChange={(stage?: EscalationStage) => setQuery({ stage, page: 1 })}
        />
        <UnitCodeFilter id="warnings-unit-filter" units={units} value={query.unitCode} onChange={(unitCode) => setQuery({ unitCode, page: 1 })} />
        <Select
          id="warnings-status-filter"
          placeholder="全部状态"
          allowClear
          options={[
            { value: 'open', label: '未关闭' },
            { value: 'closed', label: '已关闭' },
          ]}
          value={query.status}
          style={{ width: 120 }}
          onChange={(status?: 'open' | 'closed') => setQuery({ status, page: 1 })}
        />
        <DatePicker.RangePicker
          id="warnings-asof-range"
          placeholder={['预警日期起', '预警日期止']}
          allowEmpty={[true, true]}
          value={query.asOfFrom || query.asOfTo ? [query.asOfFrom ? dayjs(query.asOfFrom) : null, query.asOfTo ? dayjs(query.asOfTo) : null] : null}
          onChange={(range) =>
            setQuery({ asOfFrom: range?.[0]?.format('YYYY-MM-DD') || undefined, asOfTo: range?.[1]?.format('YYYY-MM-DD') || undefined, page: 1 })
          }
        />
      </FilterBar>
      <LoadError error={error} onRetry={reload} testId="warnings-error" style={{ marginBottom: 16 }} />
      <Table<AlertWarning>
        data-testid="warnings-table"
        rowKey="id"
        columns={columns(models, units, datasets, setSelected)}
        dataSource={data?.items}
        loading={loading}
        scroll={tableScroll(columns(models, units, datasets, setSelected))}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES,
          // past 2,000 matches the server estimates rather than counts
          showTotal: (total) => (data && !data.totalExact ? `约 ${total.toLocaleString('zh-CN')} 条（估算）` : `共 ${total} 条`),
          onChange: (page, pageSize) => setQuery({ page: pageSize === query.pageSize ? page : 1, pageSize }),
        }}
      />
      {selected ? (
        <WarningDrawer
          warning={selected}
          models={models}
          units={units}
          datasets={datasets}
          canClose={managers.includes(user.role)}
          canReveal={user.role === 'supervisor'}
          onClose={() => setSelected(undefined)}
          onClosed={() => {
            setSelected(undefined)
            reload()
          }}
        />
      ) : null}
    </Card>
  )
}
