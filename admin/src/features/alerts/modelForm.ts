// The self-service model form (自主建模) as plain data: which inputs each kind has, how the form's values become the
// shared `modelSaveBody`, and where each of its issues belongs in the form. No SQL is ever typed: staff pick data
// sets, columns, comparison operators and numbers; the server compiles the definition.
import { modelSaveBody, type AlertModel, type ModelKind, type ModelSaveBody } from '@msjd/shared'

export interface NumberParam {
  name: string
  label: string
  min: number
  max: number
  step: number
  precision: number
  help?: string
}

/** The threshold and window inputs of the six built-in kinds (shared/src/alerts.ts, datasets.md "The six models"). */
export const numberParams: Partial<Record<ModelKind, NumberParam[]>> = {
  overdue: [],
  low_pass_rate: [
    { name: 'windowDays', label: '统计窗口（天）', min: 1, max: 3650, step: 1, precision: 0, help: '截止日期前多少天内办结的办件' },
    { name: 'minFinished', label: '最少办结件数', min: 1, max: 1_000_000, step: 1, precision: 0, help: '同一单位同一事项办结不少于该件数才计算通过率' },
    { name: 'maxPassRate', label: '通过率阈值（0-1）', min: 0.01, max: 1, step: 0.05, precision: 2, help: '通过率低于该值即预警，如 0.6 即 60%' },
  ],
  not_one_time: [{ name: 'minSupplements', label: '补正次数阈值', min: 1, max: 1000, step: 1, precision: 0, help: '补正次数达到该值即预警' }],
  unequal_treatment: [
    { name: 'windowDays', label: '统计窗口（天）', min: 1, max: 3650, step: 1, precision: 0 },
    { name: 'minFinished', label: '同事项最少办结件数', min: 1, max: 1_000_000, step: 1, precision: 0 },
    { name: 'factor', label: '倍数', min: 0.1, max: 1000, step: 0.5, precision: 2, help: '办理用时超过同事项用时中位数的该倍数即预警' },
    { name: 'minMedian', label: '中位数下限（工作日）', min: 0, max: 1000, step: 1, precision: 2, help: '中位数小于该值时按该值计算' },
  ],
  dissatisfied: [{ name: 'maxRating', label: '评价阈值（1-5）', min: 1, max: 5, step: 1, precision: 0, help: '评价不高于该值即预警（1 非常不满意，2 不满意）' }],
  obstruction: [
    { name: 'windowDays', label: '统计窗口（天）', min: 1, max: 3650, step: 1, precision: 0 },
    { name: 'minCount', label: '次数阈值', min: 1, max: 1000, step: 1, precision: 0, help: '同一申请人同一事项在窗口内达到该次数即预警' },
  ],
}

export const obstructionResultOptions = [
  { value: 'approved', label: '通过' },
  { value: 'rejected', label: '不予许可' },
  { value: 'returned', label: '退回' },
]

/** A column of either data set, as one select value: "left:col" / "right:col". */
export type ColumnKey = `${'left' | 'right'}:${string}`

export interface ConditionValues {
  a?: ColumnKey
  op?: string
  /** compare with another column, or with a number / text typed by staff */
  mode?: 'column' | 'value'
  bColumn?: ColumnKey
  bValue?: string
}

export interface ModelFormValues {
  name?: string
  kind?: ModelKind
  title?: string
  startStage?: 'urge' | 'verify'
  enabled?: boolean
  params?: {
    [key: string]: unknown
    results?: string[]
    left?: string
    right?: string
    on?: { left?: string; right?: string }[]
    conditions?: ConditionValues[]
    unit?: ColumnKey
  }
}

function columnRef(key: ColumnKey | undefined) {
  if (!key) return undefined
  const at = key.indexOf(':')
  return { side: key.slice(0, at), column: key.slice(at + 1) }
}

function columnKey(ref: unknown): ColumnKey | undefined {
  if (typeof ref !== 'object' || ref === null) return undefined
  const { side, column } = ref as { side?: unknown; column?: unknown }
  return (side === 'left' || side === 'right') && typeof column === 'string' ? `${side}:${column}` : undefined
}

/** A typed constant: numbers compare as numbers (area, amounts), anything else as text. */
function constant(text: string | undefined): string | number {
  const trimmed = (text ?? '').trim()
  return trimmed !== '' && /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed
}

/** The form's values as the body of PUT /alerts/models/:name (before validation). */
export function toSaveBody(values: ModelFormValues): unknown {
  const { kind, title, startStage, enabled } = values
  const params = values.params ?? {}
  if (kind === 'collision') {
    return {
      kind,
      title: title ?? '',
      startStage,
      enabled,
      params: {
        left: params.left ?? '',
        right: params.right ?? '',
        on: (params.on ?? []).map((pair) => ({ left: pair?.left ?? '', right: pair?.right ?? '' })),
        conditions: (params.conditions ?? []).map((c) => ({
          a: columnRef(c?.a),
          op: c?.op,
          b: c?.mode === 'value' ? { value: constant(c.bValue) } : columnRef(c?.bColumn),
        })),
        unit: columnRef(params.unit) ?? null,
      },
    }
  }
  const names = (kind && numberParams[kind]) || []
  const picked: Record<string, unknown> = {}
  for (const p of names) picked[p.name] = params[p.name] ?? null
  if (kind === 'obstruction') picked.results = params.results ?? []
  return { kind, title: title ?? '', startStage, enabled, params: picked }
}

/** A stored model back into the form (edit). */
export function toFormValues(model: AlertModel): ModelFormValues {
  const base = { name: model.name, kind: model.kind as ModelKind, title: model.title, startStage: model.startStage, enabled: model.enabled }
  if (model.kind !== 'collision') return { ...base, params: { ...model.params } as ModelFormValues['params'] }
  const p = model.params as Record<string, unknown>
  const conditions = Array.isArray(p.conditions) ? (p.conditions as Record<string, unknown>[]) : []
  return {
    ...base,
    params: {
      left: p.left as string,
      right: p.right as string,
      on: Array.isArray(p.on) ? (p.on as { left?: string; right?: string }[]) : [],
      conditions: conditions.map((c) => {
        const b = c.b as Record<string, unknown> | undefined
        const isValue = !!b && 'value' in b
        return { a: columnKey(c.a), op: c.op as string, mode: isValue ? 'value' : 'column', bColumn: isValue ? undefined : columnKey(b), bValue: isValue ? String(b.value) : undefined }
      }),
      unit: columnKey(p.unit),
    },
  }
}

export type FieldPath = (string | number)[]

/**
 * Where an issue of the body belongs in the form. Condition operands are one select each in the form, so issues on
 * `a.column` or `b.value` go to that select; anything the form has no input for goes to the banner (null).
 */
export function formFieldOf(path: readonly PropertyKey[], values: ModelFormValues): FieldPath | null {
  const p = path.map((s) => (typeof s === 'symbol' ? String(s) : s)) as FieldPath
  if (p.length === 0) return null
  if (p[0] !== 'params') return ['title', 'startStage', 'enabled', 'kind'].includes(String(p[0])) ? [p[0]] : null
  if (p.length === 1) return null
  if (p[1] === 'conditions' && typeof p[2] === 'number' && p.length >= 4) {
    if (p[3] === 'b') return ['params', 'conditions', p[2], values.params?.conditions?.[p[2]]?.mode === 'value' ? 'bValue' : 'bColumn']
    return ['params', 'conditions', p[2], p[3]]
  }
  // An issue on the list itself (too few, too many) shows under the list.
  if (p[1] === 'conditions' || p[1] === 'on') return p.length >= 4 ? p.slice(0, 4) : ['params', p[1]]
  if (p[1] === 'unit' || p[1] === 'results') return ['params', p[1]]
  return p.slice(0, 2)
}

export interface FormIssue {
  name: FieldPath
  errors: string[]
}

/** Validates the form with the shared schema: the same rules and Chinese messages as the server. */
export function validateModelForm(values: ModelFormValues): { body: ModelSaveBody; fields: FormIssue[]; banner: string[] } {
  const parsed = modelSaveBody.safeParse(toSaveBody(values))
  if (parsed.success) return { body: parsed.data as ModelSaveBody, fields: [], banner: [] }
  const byField = new Map<string, FormIssue>()
  const banner: string[] = []
  for (const issue of parsed.error.issues) {
    const name = formFieldOf(issue.path, values)
    if (!name) {
      if (!banner.includes(issue.message)) banner.push(issue.message)
      continue
    }
    const key = name.join('.')
    const field = byField.get(key) ?? { name, errors: [] }
    if (!field.errors.includes(issue.message)) field.errors.push(issue.message)
    byField.set(key, field)
  }
  return { body: undefined as never, fields: [...byField.values()], banner }
}
