import {
  appealFileBody,
  appealReviewBody,
  appealStatusLabels,
  evaluationDimensionLabels,
  evaluationDimensions,
  evaluationLevelLabels,
  evaluationLevels,
  evaluationListQuery,
  evaluationTargetTypeLabels,
  type AppealStatus,
  type EvaluationView,
} from '@msjd/shared'
import { App, Button, Card, Checkbox,  Descriptions, Drawer, Form, Input, Radio, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd'
import { useMemo, useState } from 'react'
import { Link } from 'react-router-dom'
import { useRequest } from '../../api/useRequest'
import { useCurrentUser } from '../auth/AuthProvider'
import { formatTime } from '../reports/shared'
import { useUrlFilters } from '../../components/useUrlFilters'
import { fileAppeal, listEvaluations, reviewAppeal, searchServiceItemOptions, type NamedOption } from './api'
import { FormModal } from '../../components/FormModal'
import { useCampaigns, useOnboardUnits, usePoints } from './options'
import { listPagination } from '../../components/listPagination'
import { tableScroll } from '../../components/tableScroll'
import { LoadError } from '../../components/LoadError'
import { DateRangeFilter, FilterBar } from '../../components/FilterBar'

const levelColors: Record<number, string> = { 5: 'green', 4: 'cyan', 3: 'blue', 2: 'orange', 1: 'red' }
const levelOptions = evaluationLevels.map((level) => ({ value: level, label: `${level} ${evaluationLevelLabels[level]}` }))
const appealOptions = [
  { value: 'none', label: '未申诉' },
  ...(['pending', 'upheld', 'rejected'] as const).map((s) => ({ value: s, label: appealStatusLabels[s] })),
]
const appealColors: Record<AppealStatus, string> = { pending: 'gold', upheld: 'green', rejected: 'default' }
const REVIEWERS = ['admin', 'supervisor']
const APPELLANTS = ['admin', 'supervisor', 'unit_liaison']

export function LevelTag({ level }: { level: number }) {
  return (
    <Tag color={levelColors[level]} data-level={level}>
      {evaluationLevelLabels[level as keyof typeof evaluationLevelLabels] ?? level}
    </Tag>
  )
}

/** 办事效率 4 · 服务态度 5 — only the dimensions the enterprise scored. */
export function dimensionText(dimensions: EvaluationView['dimensions']): string {
  return evaluationDimensions
    .filter((d) => dimensions[d] !== undefined)
    .map((d) => `${evaluationDimensionLabels[d]} ${dimensions[d]}`)
    .join(' · ')
}

/** Items are searched on the server; the chosen one keeps its label. */
function ItemFilter({ value, onChange }: { value?: string; onChange: (id?: string) => void }) {
  const [search, setSearch] = useState('')
  const [chosen, setChosen] = useState<NamedOption>()
  const { data } = useRequest((signal) => searchServiceItemOptions(search, undefined, signal), [search])
  const options = useMemo(() => {
    const list = data ?? []
    return chosen && !list.some((o) => o.value === chosen.value) ? [chosen, ...list] : list
  }, [data, chosen])
  return (
    <Select
      id="evaluations-item-filter"
      placeholder="服务事项"
      allowClear
      showSearch
      filterOption={false}
      onSearch={setSearch}
      options={options}
      value={value}
      style={{ width: 240 }}
      onChange={(id?: string) => {
        setChosen(options.find((o) => o.value === id))
        onChange(id)
      }}
    />
  )
}

function AppealModal({ evaluation, onClose, onDone }: { evaluation: EvaluationView; onClose: () => void; onDone: (next: EvaluationView) => void }) {
  return (
    <FormModal
      title="提出申诉"
      okText="提交申诉"
      fields={['reason']}
      schema={appealFileBody}
      toBody={(v) => ({ reason: v.reason ?? '' })}
      submit={(body) => fileAppeal(evaluation.id, body)}
      onDone={onDone}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">
        认为该评价系误评或恶意差评的，写明理由提交，由纪检监督人员复核。申诉成立的评价不计入满意度统计，但保留记录。
      </Typography.Paragraph>
      <Form.Item name="reason" label="申诉理由" required>
        <Input.TextArea id="appeal-reason" rows={4} maxLength={1000} showCount />
      </Form.Item>
    </FormModal>
  )
}

function ReviewModal({ evaluation, onClose, onDone }: { evaluation: EvaluationView; onClose: () => void; onDone: (next: EvaluationView) => void }) {
  return (
    <FormModal
      title="申诉复核"
      okText="提交复核"
      fields={['upheld', 'reason']}
      schema={appealReviewBody}
      toBody={(v) => ({ upheld: v.upheld, reason: v.reason ?? '' })}
      submit={(body) => reviewAppeal(evaluation.id, body)}
      onDone={onDone}
      onClose={onClose}
    >
      <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="申诉理由">{evaluation.appeal?.reason}</Descriptions.Item>
      </Descriptions>
      <Form.Item name="upheld" label="复核结论" required>
        <Radio.Group id="review-upheld">
          <Radio value={true} id="review-uphold">
            申诉成立（不计入满意度）
          </Radio>
          <Radio value={false} id="review-reject">
            申诉不成立（维持评价）
          </Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item name="reason" label="复核意见" required>
        <Input.TextArea id="review-reason" rows={4} maxLength={1000} showCount />
      </Form.Item>
    </FormModal>
  )
}

function EvaluationDrawer({ evaluation, onClose, onChanged }: { evaluation: EvaluationView; onClose: () => void; onChanged: (next: EvaluationView) => void }) {
  const user = useCurrentUser()
  const [action, setAction] = useState<'appeal' | 'review' | null>(null)
  const { message } = App.useApp()
  const appeal = evaluation.appeal
  const bad = evaluation.level <= 2
  const done = (next: EvaluationView, text: string) => {
    message.success(text)
    setAction(null)
    onChanged(next)
  }
  return (
    <Drawer open width={640} title="评价详情" onClose={onClose} destroyOnHidden>
      <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="evaluation-detail">
        <Descriptions bordered size="small" column={1}>
          <Descriptions.Item label="评议">{evaluation.campaignName}</Descriptions.Item>
          <Descriptions.Item label="企业">{evaluation.enterpriseName}</Descriptions.Item>
          <Descriptions.Item label="监测点">{evaluation.monitoringPointName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={evaluationTargetTypeLabels[evaluation.targetType]}>{evaluation.targetName}</Descriptions.Item>
          <Descriptions.Item label="单位">{evaluation.unitName}</Descriptions.Item>
          <Descriptions.Item label="评价">
            <LevelTag level={evaluation.level} />
            {evaluation.excluded ? <Tag>不计入统计</Tag> : null}
          </Descriptions.Item>
          <Descriptions.Item label="分项评分">{dimensionText(evaluation.dimensions) || '—'}</Descriptions.Item>
          <Descriptions.Item label="评价意见">{evaluation.comment ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="评价时间">{formatTime(evaluation.createdAt)}</Descriptions.Item>
          {evaluation.complaint ? (
            <Descriptions.Item label="差评整改">
              <Link to={`/reports/${evaluation.complaint.reportId}`} data-testid="evaluation-complaint-link">
                {evaluation.complaint.serial}
              </Link>{' '}
              <Tag>{evaluation.complaint.statusLabel}</Tag>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
        {appeal ? (
          <Descriptions bordered size="small" column={1} title="申诉与复核" data-testid="evaluation-appeal">
            <Descriptions.Item label="状态">
              <Tag color={appealColors[appeal.status]}>{appeal.statusLabel}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="申诉理由">{appeal.reason}</Descriptions.Item>
            <Descriptions.Item label="申诉时间">{formatTime(appeal.filedAt)}</Descriptions.Item>
            <Descriptions.Item label="复核意见">{appeal.reviewReason ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="复核时间">{formatTime(appeal.reviewedAt)}</Descriptions.Item>
          </Descriptions>
        ) : null}
        <Space>
          {!appeal && bad && APPELLANTS.includes(user.role) ? (
            <Button id="evaluation-appeal" onClick={() => setAction('appeal')}>
              申诉
            </Button>
          ) : null}
          {appeal?.status === 'pending' && REVIEWERS.includes(user.role) ? (
            <Button id="evaluation-review" type="primary" onClick={() => setAction('review')}>
              复核申诉
            </Button>
          ) : null}
        </Space>
      </Space>
      {action === 'appeal' ? <AppealModal evaluation={evaluation} onClose={() => setAction(null)} onDone={(next) => done(next, '申诉已提交，等待复核')} /> : null}
      {action === 'review' ? <ReviewModal evaluation={evaluation} onClose={() => setAction(null)} onDone={(next) => done(next, '复核意见已记录')} /> : null}
    </Drawer>
  )
}

/** 好差评 (监测评价): every evaluation with filters, its bad-rating case, and the appeal/review path. */
export default function EvaluationsPage() {
  const [query, setQuery, reset] = useUrlFilters(evaluationListQuery)
  const [opened, setOpened] = useState<EvaluationView>()
  const points = usePoints()
  const units = useOnboardUnits()
  const campaigns = useCampaigns()
  const key = JSON.stringify(query)
  const { data, error, loading, reload } = useRequest((signal) => listEvaluations(query, signal), [key])

  const columns: TableColumnsType<EvaluationView> = [
    { title: '评价时间', dataIndex: 'createdAt', width: 150, render: (at: string) => formatTime(at) },
    { title: '企业', dataIndex: 'enterpriseName', width: 180, ellipsis: true },
    { title: '监测点', dataIndex: 'monitoringPointName', width: 150, ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: '评价对象',
      key: 'target',
      render: (_, row) => (
        <Space size={4}>
          <Tag>{evaluationTargetTypeLabels[row.targetType]}</Tag>
          {row.targetName}
        </Space>
      ),
    },
    { title: '单位', dataIndex: 'unitName', width: 170, ellipsis: true },
    {
      title: '评价',
      dataIndex: 'level',
      width: 130,
      render: (level: number, row) => (
        <Space size={4}>
          <LevelTag level={level} />
          {row.excluded ? <Tag>不计入</Tag> : null}
        </Space>
      ),
    },
    {
      title: '申诉',
      key: 'appeal',
      width: 110,
      render: (_, row) => (row.appeal ? <Tag color={appealColors[row.appeal.status]}>{row.appeal.statusLabel}</Tag> : <Typography.Text type="secondary">—</Typography.Text>),
    },
    {
      title: '整改件',
      key: 'complaint',
      width: 170,
      render: (_, row) =>
        row.complaint ? (
          <Link to={`/reports/${row.complaint.reportId}`} onClick={(event) => event.stopPropagation()}>
            {row.complaint.serial}
          </Link>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ]

  return (
    <Card title="好差评">
      <FilterBar onReset={reset} resetId="evaluations-reset">
        <Select id="evaluations-campaign-filter" placeholder="评议" allowClear showSearch optionFilterProp="label" options={campaigns.options} value={query.campaignId} style={{ width: 220 }} onChange={(v?: string) => setQuery({ campaignId: v, page: 1 })} />
        <Select id="evaluations-point-filter" placeholder="监测点" allowClear showSearch optionFilterProp="label" options={points.options} value={query.monitoringPointId} style={{ width: 180 }} onChange={(v?: string) => setQuery({ monitoringPointId: v, page: 1 })} />
        <Select id="evaluations-unit-filter" placeholder="单位" allowClear showSearch optionFilterProp="label" options={units.options} value={query.unitId} style={{ width: 200 }} onChange={(v?: string) => setQuery({ unitId: v, page: 1 })} />
        <ItemFilter value={query.serviceItemId} onChange={(v) => setQuery({ serviceItemId: v, page: 1 })} />
        <Select id="evaluations-level-filter" placeholder="评价等级" allowClear options={levelOptions} value={query.level} style={{ width: 140 }} onChange={(v?: number) => setQuery({ level: v, page: 1 })} />
        <Select id="evaluations-appeal-filter" placeholder="申诉状态" allowClear options={appealOptions} value={query.appealStatus} style={{ width: 130 }} onChange={(v?: typeof query.appealStatus) => setQuery({ appealStatus: v, page: 1 })} />
        <DateRangeFilter id="evaluations-period" placeholder={['评价日期起', '评价日期止']} from={query.from} to={query.to} onChange={(from, to) => setQuery({ from, to, page: 1 })} />
        <Checkbox id="evaluations-bad-only" checked={!!query.bad} onChange={(event) => setQuery({ bad: event.target.checked ? true : undefined, page: 1 })}>
          仅看差评
        </Checkbox>
      </FilterBar>
      <LoadError error={error} onRetry={reload} testId="evaluations-error" style={{ marginBottom: 16 }} />
      <Table<EvaluationView>
        data-testid="evaluations-table"
        rowKey="id"
        columns={columns}
        dataSource={data?.items}
        loading={loading}
        scroll={tableScroll(columns)}
        onRow={(row) => ({ onClick: () => setOpened(row), style: { cursor: 'pointer' } })}
        pagination={listPagination(query, setQuery, data?.total, '条评价')}
      />
      {opened ? (
        <EvaluationDrawer
          evaluation={opened}
          onClose={() => setOpened(undefined)}
          onChanged={(next) => {
            setOpened(next)
            reload()
          }}
        />
      ) : null}
    </Card>
  )
}
