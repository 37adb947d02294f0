/*
 * 督办核查问责 (/alerts/escalations). Stable ids for browser flows:
 *   #escalations-tabs (tabs open / urge / verify / closed / accountability / unfounded / done / all, each with its
 *   count), #escalations-model-filter, #escalations-unit-filter, [data-testid=escalations-summary] (问责 figures:
 *   #escalations-summary-cases, #escalations-summary-people, #escalations-summary-money),
 *   [data-testid=escalations-table], [data-testid=escalations-error], a closed case's row expands to
 *   [data-testid=escalation-detail] (问责对象 [data-testid=escalation-people], 追回资金, 办结说明), per row
 *   [data-testid=escalation-actions] with
 *   buttons #escalation-<id>-done, #escalation-<id>-unfounded, #escalation-<id>-accountability and the link
 *   [data-testid=escalation-warnings]; the close form's ids are listed in EscalationForms.tsx.
 *   督办通知书: the column [data-testid=escalation-notice] (serial and state), #escalation-<id>-notice opens the issue
 *   form (EscalationForms.tsx); every row expands to [data-testid=escalation-case] with its notices
 *   ([data-testid=urge-notice] each: [data-testid=urge-notice-serial], #urge-notice-<id>-print, the link to its task
 *   [data-testid=urge-notice-task]) and its history [data-testid=escalation-history].
 */
import { Alert, Button, Card, Col, Descriptions, List, Row, Select, Space, Spin, Statistic, Table, Tabs, Tag, Timeline, Typography, message, type TableColumnsType } from 'antd'
import { alertStages } from '@msjd/shared'
import { escalationHistoryKindLabels, urgeNoticeStatusLabels, type UrgeNoticeStatus } from '@msjd/shared/escalation-notices'
import { useState, type Key } from 'react'
import { Link, useSearchParams } from 'react-router-dom'
import { errorText, toApiRequestError } from '../../api/client'
import { useRequest } from '../../api/useRequest'
import { FilterBar } from '../../components/FilterBar'
import { LoadError } from '../../components/LoadError'
import { useCurrentUser } from '../auth/AuthProvider'
import { listEscalations, type Escalation, type EscalationQuery, type EscalationStage, type EscalationSummary } from './api'
import { actionLabels, actionsFor, EscalationCloseModal, UrgeNoticeModal, type CloseAction } from './EscalationForms'
import { downloadUrgeNoticePdf, getEscalation, type EscalationDetail as CaseDetail, type UrgeNoticeView } from './escalationNotices'
import { StageTag, stageLabels, unitText, useModels, useUnitsByCode, type Directory, UnitCodeFilter } from './labels'
import { formatTime, shanghaiDay } from '../../components/time'
import { RECTIFICATIONS } from '../rectification/RectificationList'

const PAGE_SIZE = 20
const managers: readonly string[] = ['admin', 'supervisor']
/** 办理中 / 已办结 / 全部, or one stage */
type Tab = 'open' | 'closed' | 'all' | EscalationStage
const isTab = (raw: string | null): raw is Tab => raw === 'open' || raw === 'closed' || raw === 'all' || alertStages.includes(raw as EscalationStage)

function positive(value: string | null): number {
  const n = Number(value)
  return Number.isInteger(n) && n >= 1 ? n : 1
}

export function parseEscalationQuery(params: URLSearchParams): { tab: Tab; query: EscalationQuery } {
  const raw = params.get('tab')
  const tab: Tab = isTab(raw) ? raw : 'open'
  const byOpen = tab === 'open' || tab === 'closed'
  return {
    tab,
    query: {
      open: byOpen ? (tab === 'open' ? 'true' : 'false') : undefined,
      stage: byOpen || tab === 'all' ? undefined : tab,
      model: params.get('model') || undefined,
      unitCode: params.get('unitCode') || undefined,
      page: positive(params.get('page')),
      pageSize: PAGE_SIZE,
    },
  }
}

/** Exact decimal text ("1234567.50") grouped by thousands, without passing through a float. */
export function yuanText(amount: string): string {
  const [whole, fraction = ''] = amount.split('.')
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction.padEnd(2, '0').slice(0, 2)} 元`
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : undefined)

/** The texts recorded before the 问责 record was structured (discipline / organisational), still shown. */
function legacyTexts(outcome: Record<string, unknown> | null): string[] {
  if (!outcome) return []
  return [
    text(outcome.discipline) ? `纪律处分：${outcome.discipline}` : undefined,
    text(outcome.organisational) ? `组织处理：${outcome.organisational}` : undefined,
  ].filter((t): t is string => !!t)
}

/** What was decided when the case was closed, in one line. */
export function outcomeText(e: Pick<Escalation, 'outcome' | 'people' | 'moneyRecovered'>): string {
  const parts = [
    e.people.length ? `问责：${e.people.map((p) => `${p.name}（${p.kind}${p.detail ? `，${p.detail}` : ''}）`).join('、')}` : undefined,
    ...legacyTexts(e.outcome),
    e.moneyRecovered ? `追回资金：${yuanText(e.moneyRecovered)}` : undefined,
    text(e.outcome?.note),
  ]
  return parts.filter(Boolean).join('；') || '—'
}

/** The case detail under a closed case's row: the 问责 record in full. */
function EscalationDetail({ escalation: e }: { escalation: Escalation }) {
  const legacy = legacyTexts(e.outcome)
  return (
    <Descriptions data-testid="escalation-detail" column={1} bordered size="small">
      <Descriptions.Item label="办结结果">
        <StageTag stage={e.stage} />
      </Descriptions.Item>
      {e.stage === 'accountability' ? (
        <Descriptions.Item label="问责对象">
          {e.people.length ? (
            <Table
              data-testid="escalation-people"
              size="small"
              pagination={false}
              dataSource={e.people.map((person, i) => ({ ...person, key: i }))}
              columns={[
                { title: '姓名（职务）', dataIndex: 'name' },
                { title: '处理方式', dataIndex: 'kind', width: 120 },
                { title: '处理内容', dataIndex: 'detail', render: (d?: string) => d ?? '—' },
              ]}
            />
          ) : legacy.length ? (
            legacy.map((t) => <div key={t}>{t}</div>)
          ) : (
            '—'
          )}
        </Descriptions.Item>
      ) : null}
      {e.stage === 'accountability' ? <Descriptions.Item label="追回资金">{e.moneyRecovered ? yuanText(e.moneyRecovered) : '—'}</Descriptions.Item> : null}
      <Descriptions.Item label={e.stage === 'done' ? '督办通知及单位反馈' : e.stage === 'unfounded' ? '核查不实的理由' : '核查情况'}>
        {text(e.outcome?.note) ?? '—'}
      </Descriptions.Item>
    </Descriptions>
  )
}

const noticeColors: Record<UrgeNoticeStatus, string> = { issued: 'gold', evidence_submitted: 'blue', completed: 'green' }

export function UrgeNoticeTag({ status }: { status: UrgeNoticeStatus }) {
  return (
    <Tag color={noticeColors[status]} data-status={status}>
      {urgeNoticeStatusLabels[status]}
    </Tag>
  )
}

/** A notice with the way to its task (where the unit answers) and to its PDF. */
function UrgeNoticeCard({ notice: n }: { notice: UrgeNoticeView }) {
  const [busy, setBusy] = useState(false)
  const print = async () => {
    setBusy(true)
    try {
      await downloadUrgeNoticePdf(n.id, n.serial)
    } catch (failure) {
      message.error(`下载失败：${errorText(toApiRequestError(failure))}`)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Descriptions data-testid="urge-notice" column={2} bordered size="small" style={{ marginBottom: 12 }}>
      <Descriptions.Item label="督办通知书">
        <Space>
          <span data-testid="urge-notice-serial">{n.serial}</span>
          <UrgeNoticeTag status={n.status} />
          {n.overdue ? <Tag color="red">超期</Tag> : null}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label="操作">
        <Space>
          <Button size="small" id={`urge-notice-${n.id}-print`} loading={busy} onClick={print}>
            打印通知书
          </Button>
          <Link data-testid="urge-notice-task" to={`${RECTIFICATIONS}/${n.taskId}`}>
            整改任务
          </Link>
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label="接收单位">
        {n.unitName ?? '—'}
        {n.unitReason ? <Typography.Text type="secondary">（改送理由：{n.unitReason}）</Typography.Text> : null}
      </Descriptions.Item>
      <Descriptions.Item label="整改期限">
        {n.dueOn}（{n.deadlineDays} 个工作日，{shanghaiDay(n.issuedAt)} {n.issuedByName ?? ''} 下发）
      </Descriptions.Item>
      <Descriptions.Item label="督办要求" span={2}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{n.content}</Typography.Paragraph>
      </Descriptions.Item>
      <Descriptions.Item label={`预警情况（${n.warningCount} 条）`} span={2}>
        {n.findings.length ? <List size="small" split={false} dataSource={n.findings} renderItem={(f) => <List.Item style={{ padding: '2px 0' }}>{f}</List.Item>} /> : '—'}
      </Descriptions.Item>
    </Descriptions>
  )
}

function History({ items }: { items: CaseDetail['history'] }) {
  return (
    <Timeline
      data-testid="escalation-history"
      items={items.map((h, i) => ({
        key: i,
        children: (
          <div data-kind={h.kind}>
            <Typography.Text strong>{escalationHistoryKindLabels[h.kind]}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              {h.at ? formatTime(h.at) : h.day}
              {h.actorName ? ` · ${h.actorName}` : ''}
            </Typography.Text>
            {h.note ? <div style={{ whiteSpace: 'pre-wrap' }}>{h.note}</div> : null}
          </div>
        ),
      }))}
    />
  )
}

/** Under a case's row: the closing record (closed cases), its 督办通知书, and what happened to it. */
function EscalationCase({ escalation: e }: { escalation: Escalation }) {
  const { data, error, loading, reload } = useRequest((signal) => getEscalation(e.id, signal), [e.id, e.stage, e.notice?.status])
  return (
    <div data-testid="escalation-case">
      {e.closedAt ? <EscalationDetail escalation={e} /> : null}
      {error ? (
        <LoadError error={error} onRetry={reload} style={{ marginTop: 12 }} />
      ) : !data ? (
        <Spin spinning={loading} style={{ display: 'block', margin: 16 }} />
      ) : (
        <Row gutter={24} style={{ marginTop: e.closedAt ? 16 : 0 }}>
          <Col xs={24} xl={15}>
            <Typography.Title level={5}>督办通知书</Typography.Title>
            {data.notices.length ? (
              data.notices.map((n) => <UrgeNoticeCard key={n.id} notice={n} />)
            ) : (
              <Typography.Paragraph type="secondary">{e.stage === 'urge' ? '尚未下发督办通知书。' : '未通过平台下发督办通知书。'}</Typography.Paragraph>
            )}
          </Col>
          <Col xs={24} xl={9}>
            <Typography.Title level={5}>案件经过</Typography.Title>
            <History items={data.history} />
          </Col>
        </Row>
      )}
    </div>
  )
}

function Summary({ summary }: { summary?: EscalationSummary }) {
  return (
    <Row gutter={16} data-testid="escalations-summary" style={{ marginBottom: 16 }}>
      <Col span={8} id="escalations-summary-cases">
        <Statistic title="问责案件" value={summary?.accountabilityCases ?? '—'} suffix="件" />
      </Col>
      <Col span={8} id="escalations-summary-people">
        <Statistic title="问责人数" value={summary?.peopleHandled ?? '—'} suffix="人" />
      </Col>
      <Col span={8} id="escalations-summary-money">
        <Statistic title="追回资金" value={summary ? yuanText(summary.moneyRecovered) : '—'} />
      </Col>
    </Row>
  )
}

/** Tabs and the stages each counts. */
const tabs: { key: Tab; label: string; stages: readonly EscalationStage[] }[] = [
  { key: 'open', label: '办理中', stages: ['urge', 'verify'] },
  { key: 'urge', label: stageLabels.urge, stages: ['urge'] },
  { key: 'verify', label: stageLabels.verify, stages: ['verify'] },
  { key: 'closed', label: '已结案', stages: ['done', 'unfounded', 'accountability'] },
  { key: 'accountability', label: stageLabels.accountability, stages: ['accountability'] },
  { key: 'unfounded', label: stageLabels.unfounded, stages: ['unfounded'] },
  { key: 'done', label: '督办办结', stages: ['done'] },
  { key: 'all', label: '全部', stages: alertStages },
]
const closedTabs: readonly Tab[] = ['closed', 'accountability', 'unfounded', 'done']

/** A notice awaiting the unit's answer or its acceptance: the 督办 closes through it, not by hand. */
const noticeOpen = (e: Escalation) => !!e.notice && e.notice.status !== 'completed'

function columns(
  models: Directory,
  units: Directory,
  canAct: boolean,
  act: (e: Escalation, a: CloseAction) => void,
  issue: (e: Escalation) => void,
): TableColumnsType<Escalation> {
  return [
    { title: '预警模型', dataIndex: 'model', width: 130, render: (name: string) => models.nameOf(name) },
    { title: '责任单位', dataIndex: 'unitCode', width: 200, render: (code: string) => unitText(units, code) },
    { title: '阶段', dataIndex: 'stage', width: 100, render: (stage: Escalation['stage']) => <StageTag stage={stage} /> },
    { title: '立案日期', dataIndex: 'openedAsOf', width: 110 },
    { title: '进入本阶段', dataIndex: 'stageAsOf', width: 110 },
    {
      title: '预警数',
      dataIndex: 'warnings',
      width: 90,
      render: (n: number, e) => (
        <Link data-testid="escalation-warnings" to={`/alerts/warnings?model=${encodeURIComponent(e.model)}&unitCode=${encodeURIComponent(e.unitCode)}`}>
          {n} 条
        </Link>
      ),
    },
    {
      title: '督办通知书',
      key: 'notice',
      width: 200,
      render: (_, e) =>
        e.notice ? (
          <Space size={4} data-testid="escalation-notice">
            <span>{e.notice.serial}</span>
            <UrgeNoticeTag status={e.notice.status} />
          </Space>
        ) : (
          <Typography.Text type="secondary" data-testid="escalation-notice">
            —
          </Typography.Text>
        ),
    },
    {
      title: '办结情况',
      key: 'outcome',
      ellipsis: true,
      render: (_, e) =>
        e.closedAt ? (
          <Typography.Text title={outcomeText(e)}>
            {shanghaiDay(e.closedAt)} {outcomeText(e)}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">办理中</Typography.Text>
        ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 300,
      fixed: 'right',
      render: (_, e) =>
        canAct ? (
          <Space data-testid="escalation-actions" size={4}>
            {e.stage === 'urge' && !noticeOpen(e) ? (
              <Button id={`escalation-${e.id}-notice`} size="small" type="primary" onClick={() => issue(e)}>
                下发督办通知书
              </Button>
            ) : null}
            {actionsFor(e.stage)
              .filter((action) => action !== 'done' || !noticeOpen(e))
              .map((action) => (
              <Button
                key={action}
                id={`escalation-${e.id}-${action}`}
                size="small"
                type={action === 'accountability' ? 'primary' : 'default'}
                danger={action === 'accountability'}
                onClick={() => act(e, action)}
              >
                {actionLabels[action]}
              </Button>
            ))}
          </Space>
        ) : null,
    },
  ]
}

export default function EscalationsPage() {
  const [params, setParams] = useSearchParams()
  const { tab, query } = parseEscalationQuery(params)
  const update = (next: { tab?: Tab; model?: string; unitCode?: string; page?: number }) => {
    const merged = { tab, model: query.model, unitCode: query.unitCode, page: query.page, ...next }
    const search = new URLSearchParams()
    if (merged.tab !== 'open') search.set('tab', merged.tab)
    if (merged.model) search.set('model', merged.model)
    if (merged.unitCode) search.set('unitCode', merged.unitCode)
    if (merged.page > 1) search.set('page', String(merged.page))
    setParams(search)
  }
  const user = useCurrentUser()
  const models = useModels()
  const units = useUnitsByCode()
  const { data, error, loading, reload } = useRequest((signal) => listEscalations(query, signal), [JSON.stringify(query)])
  const [acting, setActing] = useState<{ escalation: Escalation; action: CloseAction }>()
  const [issuing, setIssuing] = useState<Escalation>()
  const [expanded, setExpanded] = useState<readonly Key[]>([])
  // the issue form needs the case's unit as the directory knows it (its id), which the case's detail carries
  const issuingDetail = useRequest((signal) => (issuing ? getEscalation(issuing.id, signal) : Promise.resolve(undefined)), [issuing?.id])

  return (
    <Card title="督办核查问责">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="首次预警督办、多次预警核查、查实追责问责：督办案件在单位反馈后办结；核查案件查实的记录问责处理，查否的说明理由。"
      />
      <Summary summary={data?.summary} />
      <Tabs
        id="escalations-tabs"
        activeKey={tab}
        onChange={(key) => update({ tab: key as Tab, page: 1 })}
        items={tabs.map(({ key, label, stages }) => {
          const counts = data?.summary.byStage
          return { key, label: counts ? `${label}（${stages.reduce((n, st) => n + counts[st], 0)}）` : label }
        })}
      />
      <FilterBar>
        <Select
          id="escalations-model-filter"
          placeholder="全部模型"
          allowClear
          options={models.options}
          value={query.model}
          style={{ width: 180 }}
          onChange={(model?: string) => update({ model, page: 1 })}
        />
        <UnitCodeFilter id="escalations-unit-filter" units={units} value={query.unitCode} onChange={(unitCode) => update({ unitCode, page: 1 })} />
      </FilterBar>
      <LoadError error={error} onRetry={reload} testId="escalations-error" style={{ marginBottom: 16 }} />
      <Table<Escalation>
        data-testid="escalations-table"
        rowKey="id"
        columns={columns(
          models,
          units,
          managers.includes(user.role),
          (escalation, action) => setActing({ escalation, action }),
          setIssuing,
        ).filter(
          // Closed cases take no action: the column would stay empty.
          (column) => !closedTabs.includes(tab) || column.key !== 'actions',
        )}
        dataSource={data?.items}
        loading={loading}
        scroll={{ x: 1500 }}
        expandable={{ expandedRowKeys: expanded, onExpandedRowsChange: setExpanded, expandedRowRender: (e) => <EscalationCase escalation={e} /> }}
        pagination={{
          current: query.page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? 0,
          showTotal: (total) => `共 ${total} 件`,
          onChange: (page) => update({ page }),
        }}
      />
      {issuing && issuingDetail.data?.id === issuing.id ? (
        <UrgeNoticeModal
          escalation={issuing}
          ownUnit={issuingDetail.data.unitId ? { id: issuingDetail.data.unitId, name: issuingDetail.data.unitName ?? issuing.unitCode } : null}
          title={`下发督办通知书 · ${models.nameOf(issuing.model)} · ${unitText(units, issuing.unitCode)}`}
          onClose={() => setIssuing(undefined)}
          onDone={(notice) => {
            message.success(`督办通知书${notice.serial}已下发至${notice.unitName ?? '单位'}`)
            setExpanded((keys) => (keys.includes(issuing.id) ? keys : [...keys, issuing.id]))
            setIssuing(undefined)
            reload()
          }}
        />
      ) : null}
      {issuing && issuingDetail.error ? (
        <Alert data-testid="urge-notice-load-error" type="error" showIcon message={errorText(issuingDetail.error)} closable onClose={() => setIssuing(undefined)} style={{ marginTop: 16 }} />
      ) : null}
      {acting ? (
        <EscalationCloseModal
          escalation={acting.escalation}
          action={acting.action}
          title={`${actionLabels[acting.action]} · ${models.nameOf(acting.escalation.model)} · ${unitText(units, acting.escalation.unitCode)}`}
          onClose={() => setActing(undefined)}
          onDone={() => {
            message.success(`${actionLabels[acting.action]}已记录`)
            setActing(undefined)
            reload()
          }}
        />
      ) : null}
    </Card>
  )
}
