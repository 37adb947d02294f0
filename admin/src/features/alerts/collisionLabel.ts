import type { Dataset } from './api'

/** A matched row as a collision hit records it: its data set, its key and its values (resident IDs already masked). */
type Matched = { dataset?: unknown; key?: unknown; values?: unknown }

const isMatched = (value: unknown): value is Matched => typeof value === 'object' && value !== null && 'dataset' in value && 'key' in value

// Columns that name who or where the row is about, by their Chinese headers (姓名, 单位名称, 所在村 …)
const NAMING = /姓名|名称|名字|户主|单位|部门|村|社区|乡镇|街道|企业|公司/

/**
 * One side of a collision hit in words: the data set's Chinese name and the row's naming columns (姓名, 单位 …),
 * e.g. 残疾证「张三 · 城关镇东街村」. Only values the server sent are shown, so resident IDs stay masked; when the
 * set declares no naming column, the masked key stands in.
 */
function sideText(row: Matched, datasets: readonly Dataset[]): string {
  const set = datasets.find((d) => d.name === row.dataset)
  const values = (typeof row.values === 'object' && row.values !== null ? row.values : {}) as Record<string, unknown>
  const naming = (set?.columns ?? [])
    .filter((c) => c.type === 'text' && c.name !== set?.keyColumn && c.name !== set?.residentIdColumn && NAMING.test(c.label))
    .map((c) => values[c.name])
    .filter((v): v is string | number => (typeof v === 'string' && v.trim() !== '') || typeof v === 'number')
    .slice(0, 2)
    .map(String)
  const label = set?.label ?? String(row.dataset ?? '')
  return `${label}「${naming.length ? naming.join(' · ') : String(row.key ?? '')}」`
}

/** A collision hit's label (左 × 右), readable without unmasking anything; null when the hit is not a collision. */
export function collisionHitLabel(values: Record<string, unknown>, datasets: readonly Dataset[]): string | null {
  const { left, right } = values
  if (!isMatched(left) || !isMatched(right)) return null
  return `${sideText(left, datasets)} × ${sideText(right, datasets)}`
}
