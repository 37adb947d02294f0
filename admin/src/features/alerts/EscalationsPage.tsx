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
 */
import { Alert, Button, Card, Col, Descriptions, Row, Select, Space, Statistic, Table, Tabs, Typography, message, type TableColumnsType } from 'antd'
import { alertStages } from '@msjd/shared'
import { useState } from 'react'
import { Link, useSearchParams } from 'react-router-dom'
import { errorText } from '../../api/client'
import { useRequest } from '../../api/useRequest'
import { useCurrentUser } from '../auth/AuthProvider'
import { listEscalations, type Escalation, type EscalationQuery, type EscalationStage, type EscalationSummary } from './api'
import { actionLabels, actionsFor, EscalationCloseModal, type CloseAction } from './EscalationForms'
import { StageTag, stageLabels, unitText, useModels, useUnitsByCode, type Directory } from './labels'
import { shanghaiDay } from '../../components/time'

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

function columns(models: Directory, units: Directory, canAct: boolean, act: (e: Escalation, a: CloseAction) => void): TableColumnsType<Escalation> {
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
      width: 210,
      fixed: 'right',
      render: (_, e) =>
        canAct ? (
          <Space data-testid="escalation-actions" size={4}>
            {actionsFor(e.stage).map((action) => (
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
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          id="escalations-model-filter"
          placeholder="全部模型"
          allowClear
          options={models.options}
          value={query.model}
          style={{ width: 180 }}
          onChange={(model?: string) => update({ model, page: 1 })}
        />
        <Select
          id="escalations-unit-filter"
          placeholder="全部单位"
          allowClear
          showSearch
          optionFilterProp="label"
          options={units.options.map((o) => ({ value: o.value, label: `${o.label}（${o.value}）` }))}
          value={query.unitCode}
          style={{ width: 240 }}
          onChange={(unitCode?: string) => update({ unitCode, page: 1 })}
        />
      </Space>
      {error ? (
        <Alert
          data-testid="escalations-error"
          type="error"
          showIcon
          message={errorText(error)}
          action={
            <Button size="small" onClick={reload}>
              重试
            </Button>
          }
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Table<Escalation>
        data-testid="escalations-table"
        rowKey="id"
        columns={columns(models, units, managers.includes(user.role), (escalation, action) => setActing({ escalation, action })).filter(
          // Closed cases take no action: the column would stay empty.
          (column) => !closedTabs.includes(tab) || column.key !== 'actions',
        )}
        dataSource={data?.items}
        loading={loading}
        scroll={{ x: 1200 }}
        expandable={{ rowExpandable: (e) => !!e.closedAt, expandedRowRender: (e) => <EscalationDetail escalation={e} /> }}
        pagination={{
          current: query.page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? 0,
          showTotal: (total) => `共 ${total} 件`,
          onChange: (page) => update({ page }),
        }}
      />
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
