import type { BusinessStats } from '@msjd/shared'
import type { EChartsOption } from 'echarts'

/**
 * ECharts options for the 统计分析 dashboard, as pure functions of the server's statistics so they are tested
 * without a canvas. Rates arrive as shares (0..1) or null when there is nothing to divide by; charts show percent.
 */

export function percent(rate: number | null, digits = 1): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(digits)}%`
}

const toPercent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10)

/** Months in order, then one series per row key: a month x key matrix with zeros where nothing was counted. */
function pivot<R>(rows: readonly R[], keyOf: (row: R) => string, labelOf: (row: R) => string, monthOf: (row: R) => string, valueOf: (row: R) => number) {
  const months = [...new Set(rows.map(monthOf))].sort()
  const labels = new Map<string, string>()
  const totals = new Map<string, number>()
  const cells = new Map<string, number>()
  for (const row of rows) {
    const key = keyOf(row)
    labels.set(key, labelOf(row))
    totals.set(key, (totals.get(key) ?? 0) + valueOf(row))
    cells.set(`${key}\u0000${monthOf(row)}`, (cells.get(`${key}\u0000${monthOf(row)}`) ?? 0) + valueOf(row))
  }
  // busiest first, so the legend reads from the top
  const keys = [...labels.keys()].sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0) || labels.get(a)!.localeCompare(labels.get(b)!, 'zh-CN'))
  return { months, keys, labels, valueAt: (key: string, month: string) => cells.get(`${key}\u0000${month}`) ?? 0 }
}

/** Evaluations per month (bars) with the satisfaction rate (line, right axis). */
export function monthlyOption(stats: Pick<BusinessStats, 'byMonth'>): EChartsOption {
  const months = stats.byMonth.map((m) => m.month)
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: ['评价量', '满意率'] },
    grid: { left: 48, right: 56, bottom: 32, top: 40 },
    xAxis: { type: 'category', data: months },
    yAxis: [
      { type: 'value', name: '件', minInterval: 1 },
      { type: 'value', name: '%', min: 0, max: 100 },
    ],
    series: [
      { name: '评价量', type: 'bar', data: stats.byMonth.map((m) => m.evaluations) },
      { name: '满意率', type: 'line', yAxisIndex: 1, connectNulls: false, data: stats.byMonth.map((m) => toPercent(m.satisfactionRate)) },
    ],
  }
}

/** Evaluations per monitoring point, stacked by month. */
export function pointMonthOption(stats: Pick<BusinessStats, 'pointMonth'>): EChartsOption {
  const p = pivot(stats.pointMonth, (r) => r.monitoringPointId, (r) => r.pointName, (r) => r.month, (r) => r.evaluations)
  return stackedByMonth(p)
}

/** Evaluations per unit, stacked by month. */
export function unitMonthOption(stats: Pick<BusinessStats, 'unitMonth'>): EChartsOption {
  const p = pivot(stats.unitMonth, (r) => r.unitId, (r) => r.unitName, (r) => r.month, (r) => r.evaluations)
  return stackedByMonth(p)
}

function stackedByMonth(p: ReturnType<typeof pivot>): EChartsOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { type: 'scroll', data: p.months },
    grid: { left: 48, right: 16, bottom: 96, top: 40 },
    xAxis: { type: 'category', data: p.keys.map((k) => p.labels.get(k)!), axisLabel: { rotate: 40, interval: 0 } },
    yAxis: { type: 'value', name: '件', minInterval: 1 },
    dataZoom: p.keys.length > 15 ? [{ type: 'slider', start: 0, end: Math.round((15 / p.keys.length) * 100) }] : undefined,
    series: p.months.map((month) => ({ name: month, type: 'bar', stack: 'month', data: p.keys.map((k) => p.valueAt(k, month)) })),
  }
}

/** Satisfaction rate per unit (units with nothing counted are left out: no rate to draw). */
export function unitSatisfactionOption(stats: Pick<BusinessStats, 'units'>): EChartsOption {
  const rows = stats.units.filter((u) => u.satisfactionRate !== null)
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '—' : `${v}%`) },
    grid: { left: 48, right: 16, bottom: 96, top: 32 },
    xAxis: { type: 'category', data: rows.map((u) => u.unitName), axisLabel: { rotate: 40, interval: 0 } },
    yAxis: { type: 'value', name: '满意率 %', min: 0, max: 100 },
    series: [{ name: '满意率', type: 'bar', data: rows.map((u) => toPercent(u.satisfactionRate)) }],
  }
}

/** Bad-rating cases per unit: replied on time, late, still pending (stacked). */
export function onTimeOption(stats: Pick<BusinessStats, 'onTime'>): EChartsOption {
  const names = stats.onTime.map((r) => r.unitName)
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { data: ['按时答复', '逾期', '办理中'] },
    grid: { left: 48, right: 16, bottom: 96, top: 40 },
    xAxis: { type: 'category', data: names, axisLabel: { rotate: 40, interval: 0 } },
    yAxis: { type: 'value', name: '件', minInterval: 1 },
    series: [
      { name: '按时答复', type: 'bar', stack: 'cases', itemStyle: { color: '#52c41a' }, data: stats.onTime.map((r) => r.onTime) },
      { name: '逾期', type: 'bar', stack: 'cases', itemStyle: { color: '#f5222d' }, data: stats.onTime.map((r) => r.late) },
      { name: '办理中', type: 'bar', stack: 'cases', itemStyle: { color: '#1677ff' }, data: stats.onTime.map((r) => r.pending) },
    ],
  }
}

/** Complaints per unit, stacked by category. */
export function complaintsOption(stats: Pick<BusinessStats, 'complaints'>): EChartsOption {
  const units = new Map<string, string>()
  const totals = new Map<string, number>()
  const categories = new Map<string, string>()
  for (const row of stats.complaints) {
    units.set(row.unitId, row.unitName)
    totals.set(row.unitId, (totals.get(row.unitId) ?? 0) + row.count)
    categories.set(row.category, row.categoryLabel)
  }
  const unitIds = [...units.keys()].sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0))
  const count = (unitId: string, category: string) =>
    stats.complaints.filter((r) => r.unitId === unitId && r.category === category).reduce((sum, r) => sum + r.count, 0)
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { data: [...categories.values()] },
    grid: { left: 48, right: 16, bottom: 96, top: 40 },
    xAxis: { type: 'category', data: unitIds.map((id) => units.get(id)!), axisLabel: { rotate: 40, interval: 0 } },
    yAxis: { type: 'value', name: '件', minInterval: 1 },
    series: [...categories.entries()].map(([category, label]) => ({
      name: label,
      type: 'bar',
      stack: 'complaints',
      data: unitIds.map((id) => count(id, category)),
    })),
  }
}

/** Units by satisfaction rate, best at the top (horizontal bars read as a ranking). */
export function rankingOption(stats: Pick<BusinessStats, 'ranking'>, top = 20): EChartsOption {
  const rows = stats.ranking.slice(0, top).reverse()
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => `${v}%` },
    grid: { left: 160, right: 32, bottom: 24, top: 16 },
    xAxis: { type: 'value', min: 0, max: 100, name: '%' },
    yAxis: { type: 'category', data: rows.map((r) => `${r.rank}. ${r.unitName}`) },
    series: [{ name: '满意率', type: 'bar', data: rows.map((r) => toPercent(r.satisfactionRate)), label: { show: true, position: 'right', formatter: '{c}%' } }],
  }
}
