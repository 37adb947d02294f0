/*
 * 督办核查问责 (/alerts/escalations). Stable ids for browser flows:
 *   #escalations-tabs (tabs open / closed / all), #escalations-model-filter, #escalations-unit-filter,
 *   [data-testid=escalations-table], [data-testid=escalations-error], per row [data-testid=escalation-actions] with
 *   buttons #escalation-<id>-done, #escalation-<id>-unfounded, #escalation-<id>-accountability and the link
 *   [data-testid=escalation-warnings]; the close form's ids are listed in EscalationForms.tsx.
 */
import { Alert, Button, Card, Select, Space, Table, Tabs, Typography, message, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { Link, useSearchParams } from 'react-router-dom'
import { errorText } from '../../api/client'
import { useRequest } from '../../api/useRequest'
import { useCurrentUser } from '../auth/AuthProvider'
import { listEscalations, type Escalation, type EscalationQuery } from './api'
import { actionLabels, actionsFor, EscalationCloseModal, type CloseAction } from './EscalationForms'
import { StageTag, unitText, useModels, useUnitsByCode, type Directory } from './labels'

const PAGE_SIZE = 20
const managers: readonly string[] = ['admin', 'supervisor']
type Tab = 'open' | 'closed' | 'all'

function positive(value: string | null): number {
  const n = Number(value)
  return Number.isInteger(n) && n >= 1 ? n : 1
}

export function parseEscalationQuery(params: URLSearchParams): { tab: Tab; query: EscalationQuery } {
  const raw = params.get('tab')
  const tab: Tab = raw === 'closed' || raw === 'all' ? raw : 'open'
  return {
    tab,
    query: {
      open: tab === 'all' ? undefined : tab === 'open' ? 'true' : 'false',
      model: params.get('model') || undefined,
      unitCode: params.get('unitCode') || undefined,
      page: positive(params.get('page')),
      pageSize: PAGE_SIZE,
    },
  }
}

const money = (value: unknown) => (typeof value === 'number' ? `${value.toLocaleString('zh-CN', { minimumFractionDigits: 2 })} 元` : undefined)

/** What was decided when the case was closed, as recorded in its outcome. */
function outcomeText(outcome: Record<string, unknown> | null): string {
  if (!outcome) return '—'
  const parts = [
    typeof outcome.discipline === 'string' ? `纪律处分：${outcome.discipline}` : undefined,
    typeof outcome.organisational === 'string' ? `组织处理：${outcome.organisational}` : undefined,
    money(outcome.moneyRecovered) ? `追回资金：${money(outcome.moneyRecovered)}` : undefined,
    typeof outcome.note === 'string' ? outcome.note : undefined,
  ]
  return parts.filter(Boolean).join('；') || '—'
}

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
          <Typography.Text title={outcomeText(e.outcome)}>
            {new Date(e.closedAt).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' })} {outcomeText(e.outcome)}
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
      <Tabs
        id="escalations-tabs"
        activeKey={tab}
        onChange={(key) => update({ tab: key as Tab, page: 1 })}
        items={[
          { key: 'open', label: '办理中（督办、核查）' },
          { key: 'closed', label: '已办结' },
          { key: 'all', label: '全部' },
        ]}
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
          (column) => tab !== 'closed' || column.key !== 'actions',
        )}
        dataSource={data?.items}
        loading={loading}
        scroll={{ x: 1200 }}
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
