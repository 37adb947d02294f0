import { Select, Tag } from 'antd'
import { useMemo } from 'react'
import { useRequest } from '../../api/useRequest'
import { useDirectory, type Directory } from '../../components/useDirectory'
import { alertStageLabels, modelKindLabels } from '@msjd/shared'
import { listDatasets, listModelNames, listUnitsByCode, type Dataset, type AlertWarning, type EscalationStage, type NamedOption } from './api'

export const stageLabels = alertStageLabels
const stageColors: Record<EscalationStage, string> = {
  urge: 'orange',
  verify: 'red',
  done: 'green',
  unfounded: 'default',
  accountability: 'purple',
}

export function StageTag({ stage }: { stage: EscalationStage | null }) {
  if (!stage) return <Tag>未立案</Tag>
  return (
    <Tag color={stageColors[stage]} data-testid="stage-tag">
      {stageLabels[stage]}
    </Tag>
  )
}

export const kindLabels: Record<string, string> = modelKindLabels

/** The values a model records with each warning (server/src/modules/alerts/models/compile.ts). */
const valueLabels: Record<string, string> = {
  accepted_on: '受理日期',
  promised_days: '承诺时限（工作日）',
  deadline: '办理期限',
  finished_on: '办结日期',
  finished: '办结件数',
  approved: '通过件数',
  pass_rate: '通过率',
  window_days: '统计窗口（天）',
  supplement_count: '补正次数',
  duration: '办理用时（工作日）',
  median: '同事项用时中位数',
  factor: '倍数阈值',
  rating: '评价（1-5）',
  count: '不予许可/退回次数',
  cases: '涉及办件',
  left: '数据集一',
  right: '数据集二',
}

export function valueLabel(key: string): string {
  return valueLabels[key] ?? key
}

type MatchedRow = { dataset?: unknown; key?: unknown; values: Record<string, unknown> }
const isMatchedRow = (value: unknown): value is MatchedRow =>
  typeof value === 'object' && value !== null && typeof (value as MatchedRow).values === 'object' && (value as MatchedRow).values !== null

/**
 * A collision warning records the matched row of each data set ({dataset, key, values}); it reads as the data set's
 * name followed by its columns under their Chinese headers when the data set is known.
 */
function matchedRowText(row: MatchedRow, datasets: readonly Dataset[]): string {
  const set = datasets.find((d) => d.name === row.dataset)
  const label = (column: string) => set?.columns.find((c) => c.name === column)?.label ?? column
  const cells = Object.entries(row.values)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${label(k)} ${String(v)}`)
    .join('，')
  return `${set?.label ?? String(row.dataset ?? '')}：${cells}`
}

export function formatValue(key: string, value: unknown, datasets: readonly Dataset[] = []): string {
  if (value === null || value === undefined) return '—'
  if (key === 'pass_rate' && Number.isFinite(Number(value)) && value !== '') return `${(Number(value) * 100).toFixed(1)}%`
  if (Array.isArray(value)) return value.join('、')
  if (isMatchedRow(value)) return matchedRowText(value, datasets)
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/**
 * The values a warning shows under 触发数值: a collision's matched rows are left out, the 预警依据 shows them under
 * their data sets' Chinese headers (a reader without the data sets would see internal names here).
 */
export function shownValues(values: Record<string, unknown>): [string, unknown][] {
  return Object.entries(values).filter(([, v]) => v !== null && v !== undefined && !isMatchedRow(v))
}

/** One line for the table: the values that made the model fire. */
export function valuesSummary(values: Record<string, unknown>, datasets: readonly Dataset[] = []): string {
  return Object.entries(values)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${valueLabel(k)} ${formatValue(k, v, datasets)}`)
    .join('；')
}

/** What the warning is about, in words: a case, a (unit, item) pair, or an applicant's dealings with an item. */
export function subjectText(w: Pick<AlertWarning, 'caseNo' | 'itemCode' | 'applicantId' | 'subject'>): string {
  if (w.caseNo) return `办件 ${w.caseNo}`
  if (w.applicantId && w.itemCode) return `申请人 ${w.applicantId} · 事项 ${w.itemCode}`
  if (w.itemCode) return `事项 ${w.itemCode}`
  // A collision match: its subject is the matched rows' keys.
  return `比对 ${w.subject}`
}

/** Canonical column names of the service-case import with their Chinese headers (datasets.md). */
export const importFieldLabels: Record<string, string> = {
  case_no: '办件编号',
  unit_code: '部门编码',
  unit_name: '部门名称',
  item_code: '事项编码',
  item_name: '事项名称',
  applicant_id: '申请人证件号码',
  applicant_type: '申请人类型',
  channel: '办理渠道',
  accepted_at: '受理时间',
  promised_days: '承诺时限',
  finished_at: '办结时间',
  result: '办理结果',
  supplement_count: '补正次数',
  rating: '评价',
}

export type { Directory }

/** Units keyed by code; a code the directory does not know (data from a department's own system) shows as is. */
export const useUnitsByCode = () => useDirectory(listUnitsByCode)

const listModelOptions = async (signal: AbortSignal): Promise<NamedOption[]> =>
  (await listModelNames(signal)).map((m) => ({ value: m.name, label: m.title }))

/** Every model's Chinese name: from GET /alerts/model-names, which whoever reads warnings may call; an unknown name shows as is. */
export function useModels(): Directory {
  const directory = useDirectory(listModelOptions)
  return useMemo(() => ({ ...directory, nameOf: (key) => (key ? (directory.nameOf(key) ?? key) : undefined) }), [directory])
}

/** The 单位 filter of the alerts lists: a unit picked by name or code from the directory of units by code. */
export function UnitCodeFilter({ id, units, value, onChange, placeholder = '全部单位' }: { id: string; units: Directory; value?: string; onChange: (unitCode?: string) => void; placeholder?: string }) {
  return (
    <Select
      id={id}
      placeholder={placeholder}
      allowClear
      showSearch
      optionFilterProp="label"
      options={units.options.map((o) => ({ value: o.value, label: `${o.label}（${o.value}）` }))}
      value={value}
      style={{ width: 240 }}
      onChange={onChange}
    />
  )
}

export function unitText(units: Directory, code: string | null): string {
  if (!code) return '—'
  const name = units.nameOf(code)
  return name ? `${name}（${code}）` : code
}

/** Data sets for naming the columns of collision warnings; empty until loaded (or for a role that may not read them). */
export function useDatasets(): Dataset[] {
  const { data } = useRequest(listDatasets, [])
  return data ?? []
}
