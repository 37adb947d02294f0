/*
 * 运行记录 (/alerts/runs). Stable ids for browser flows:
 *   [data-testid=run-schedule], #run-as-of (date picker), #run-now, [data-testid=run-result], [data-testid=run-error],
 *   [data-testid=runs-table], [data-testid=runs-error]; stale data before a run: [data-testid=run-stale-warning],
 *   #run-stale-confirm (仍然运行); the setting: #run-stale-days, #run-stale-days-save
 */
import { Alert, App, Button, Card, DatePicker, Descriptions, InputNumber, Space, Table, Tag, Typography, type TableColumnsType } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { errorText, toApiRequestError } from '../../api/client'
import { useRequest } from '../../api/useRequest'
import { LoadError } from '../../components/LoadError'
import { useCurrentUser } from '../auth/AuthProvider'
import { getAlertSettings, getSchedule, getStaleData, listRuns, runNow, saveAlertSettings, type AlertRun, type DataFreshness, type RunResult } from './api'
import { useModels, type Directory } from './labels'
import { formatTimeSeconds } from '../../components/time'

const PAGE_SIZE = 20

/** One stale source in words (the server's CLI prints the same sentence). */
export function staleDataLine(staleDays: number, s: DataFreshness): string {
  const when = s.lastImportAt === null || s.ageDays === null ? '从未导入' : `最近一次导入在 ${s.ageDays} 天前`
  return `${s.label}${when}（超过 ${staleDays} 天视为过期），读取它的模型：${s.models.join('、')}`
}
const managers: readonly string[] = ['admin', 'supervisor']

/** Today in Asia/Shanghai, whatever zone the browser is in: as-of dates are Beijing dates. */
export function todayInShanghai(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

function asCount(value: unknown): { new: number; total: number } | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const { new: fresh, total } = value as Record<string, unknown>
  return typeof fresh === 'number' && typeof total === 'number' ? { new: fresh, total } : undefined
}

function ModelCounts({ counts, models }: { counts: Record<string, unknown> | null; models: Directory }) {
  if (!counts) return <Typography.Text type="secondary">—</Typography.Text>
  return (
    <Space size={[4, 4]} wrap>
      {Object.entries(counts).map(([name, value]) => {
        const count = asCount(value)
        return count ? (
          <Tag key={name} color={count.new > 0 ? 'red' : undefined}>
            {models.nameOf(name)} 新增 {count.new} / 共 {count.total}
          </Tag>
        ) : null
      })}
    </Space>
  )
}

const seconds = (ms: number | null) => (ms === null ? '运行中' : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} 秒`)
const localTime = formatTimeSeconds

function columns(models: Directory): TableColumnsType<AlertRun> {
  return [
    { title: '截止日期', dataIndex: 'asOf', width: 110 },
    { title: '方式', dataIndex: 'trigger', width: 80, render: (trigger: AlertRun['trigger']) => (trigger === 'schedule' ? <Tag color="blue">定时</Tag> : <Tag>手动</Tag>) },
    { title: '开始时间', dataIndex: 'startedAt', width: 170, render: localTime },
    { title: '用时', dataIndex: 'durationMs', width: 100, render: seconds },
    { title: '各模型预警', dataIndex: 'counts', render: (counts: AlertRun['counts']) => <ModelCounts counts={counts} models={models} /> },
    { title: '新立案', dataIndex: 'opened', width: 80 },
    { title: '升级核查', dataIndex: 'advanced', width: 90 },
  ]
}

export default function RunsPage() {
  const user = useCurrentUser()
  const models = useModels()
  const [page, setPage] = useState(1)
  const { data, error, loading, reload } = useRequest((signal) => listRuns({ page, pageSize: PAGE_SIZE }, signal), [page])
  const [asOf, setAsOf] = useState<Dayjs | null>(dayjs(todayInShanghai()))
  const [running, setRunning] = useState(false)
  const [result, setResult] = useState<RunResult>()
  const [runError, setRunError] = useState<string>()
  const schedule = useRequest(getSchedule, [])

  const { modal, message } = App.useApp()
  const settings = useRequest(getAlertSettings, [])
  const [staleDays, setStaleDays] = useState<number | null>(null)
  const [savingSettings, setSavingSettings] = useState(false)

  const runAt = async (day: string) => {
    setRunning(true)
    try {
      setResult(await runNow(day))
      setPage(1)
      reload()
    } catch (failure) {
      setRunError(errorText(toApiRequestError(failure)))
    } finally {
      setRunning(false)
    }
  }

  /** Data older than the setting does not stop a run, but nobody runs on it without being told. */
  const run = async () => {
    if (!asOf) {
      setRunError('请选择截止日期')
      return
    }
    const day = asOf.format('YYYY-MM-DD')
    setRunError(undefined)
    setResult(undefined)
    setRunning(true)
    let stale
    try {
      stale = await getStaleData()
    } catch (failure) {
      setRunning(false)
      setRunError(errorText(toApiRequestError(failure)))
      return
    }
    setRunning(false)
    if (stale.sources.length === 0) return runAt(day)
    modal.confirm({
      title: '部分数据可能已过期',
      width: 560,
      content: (
        <div data-testid="run-stale-warning">
          <Typography.Paragraph>以下模型读取的数据最近一次导入早于 {stale.staleDays} 天，预警结果可能不反映最新情况：</Typography.Paragraph>
          <ul>
            {stale.sources.map((s) => (
              <li key={`${s.kind}|${s.dataset ?? ''}`}>{staleDataLine(stale.staleDays, s)}</li>
            ))}
          </ul>
          <Typography.Text type="secondary">可先到“数据导入”导入最新数据；仍要运行请点“仍然运行”。</Typography.Text>
        </div>
      ),
      okText: '仍然运行',
      cancelText: '取消',
      okButtonProps: { id: 'run-stale-confirm' },
      onOk: () => runAt(day),
    })
  }

  const saveStaleDays = async () => {
    if (staleDays === null) return
    setSavingSettings(true)
    try {
      await saveAlertSettings({ staleDays })
      message.success('已保存')
      settings.reload()
    } catch (failure) {
      message.error(errorText(toApiRequestError(failure)))
    } finally {
      setSavingSettings(false)
    }
  }

  return (
    <Card
      title="运行记录"
      extra={
        schedule.data ? (
          <Typography.Text type="secondary" data-testid="run-schedule">
            {schedule.data.dailyAt
              ? `每日 ${schedule.data.dailyAt}（北京时间）自动运行${schedule.data.nextRunAt ? `，下次 ${localTime(schedule.data.nextRunAt)}` : ''}`
              : '未设置每日自动运行'}
          </Typography.Text>
        ) : null
      }
    >
      {managers.includes(user.role) ? (
        <Space wrap style={{ marginBottom: 16 }}>
          <Typography.Text>截止日期</Typography.Text>
          <DatePicker id="run-as-of" value={asOf} allowClear={false} onChange={setAsOf} disabledDate={(d) => d.isAfter(dayjs(todayInShanghai()), 'day')} />
          <Button id="run-now" type="primary" loading={running} onClick={run}>
            立即运行
          </Button>
          <Typography.Text type="secondary">按截止日期运行全部启用的模型；同一数据、同一日期重复运行不会产生新预警。</Typography.Text>
          <Typography.Text>数据过期天数</Typography.Text>
          <InputNumber
            id="run-stale-days"
            min={1}
            max={365}
            precision={0}
            style={{ width: 90 }}
            value={staleDays ?? settings.data?.staleDays ?? null}
            onChange={(v) => setStaleDays(typeof v === 'number' ? v : null)}
          />
          <Button id="run-stale-days-save" loading={savingSettings} disabled={staleDays === null || staleDays === settings.data?.staleDays} onClick={saveStaleDays}>
            保存
          </Button>
        </Space>
      ) : null}
      {runError ? <Alert data-testid="run-error" type="error" showIcon message={runError} style={{ marginBottom: 16 }} /> : null}
      {result ? (
        <Descriptions data-testid="run-result" bordered size="small" column={1} style={{ marginBottom: 16 }} title={`本次运行（截止 ${result.asOf}）`}>
          <Descriptions.Item label="各模型预警">
            <ModelCounts counts={result.models} models={models} />
          </Descriptions.Item>
          <Descriptions.Item label="督办核查">
            新立案 {result.escalations.opened} 件，升级核查 {result.escalations.advanced} 件
          </Descriptions.Item>
        </Descriptions>
      ) : null}
      <LoadError error={error} onRetry={reload} testId="runs-error" style={{ marginBottom: 16 }} />
      <Table<AlertRun>
        data-testid="runs-table"
        rowKey="id"
        columns={columns(models)}
        dataSource={data?.items}
        loading={loading}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, showTotal: (total) => `共 ${total} 次`, onChange: setPage }}
      />
    </Card>
  )
}
