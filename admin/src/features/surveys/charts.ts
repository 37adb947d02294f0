// ECharts options for the results page, built as plain data so they can be checked without a canvas.
import type { SurveyResults } from './api'

export type ResultQuestion = SurveyResults['questions'][number]

export interface BarDatum {
  name: string
  value: number
  /** share of the people who answered this question, one decimal */
  percent: number
  label: { formatter: string }
}

export interface QuestionChartOption {
  title: { text: string; subtext: string; left: string; textStyle: { fontSize: number }; subtextStyle: { fontSize: number } }
  tooltip: { trigger: 'axis'; axisPointer: { type: 'shadow' } }
  grid: { left: number; right: number; top: number; bottom: number; containLabel: true }
  xAxis: Record<string, unknown>
  yAxis: Record<string, unknown>
  series: [{ type: 'bar'; name: string; data: BarDatum[]; barMaxWidth: number; label: { show: true; position: 'right' | 'top' }; itemStyle: { color: string } }]
  aria: { enabled: true }
}

/** Questions whose answers are counted per option (and so get a chart); free text gets a table instead. */
export const hasChart = (q: ResultQuestion) => q.type !== 'text' && !!q.options

const percentOf = (count: number, answered: number) => (answered ? Math.round((count / answered) * 1000) / 10 : 0)

function subtitle(q: ResultQuestion): string {
  const parts = [`${q.answered} 人作答`]
  if (q.type === 'multiple') parts.push('可多选，占比之和可超过 100%')
  if (q.type === 'rating') parts.push(q.average == null ? '暂无评分' : `平均 ${q.average.toFixed(2)} 分`)
  return parts.join('，')
}

/**
 * One bar per option with "人数（占比）" on the bar. Choices lie horizontally (long labels stay readable, first
 * option on top); the 1-5 rating stands upright as a distribution.
 */
export function questionChartOption(q: ResultQuestion, index: number): QuestionChartOption {
  const options = q.options ?? []
  const data = options.map((o) => {
    const percent = percentOf(o.count, q.answered)
    return { name: o.label, value: o.count, percent, label: { formatter: `${o.count} 人（${percent}%）` } }
  })
  const names = options.map((o) => o.label)
  const rating = q.type === 'rating'
  const category = { type: 'category', data: names, axisTick: { show: false }, axisLabel: { width: 160, overflow: 'truncate' } }
  const value = { type: 'value', minInterval: 1, name: '人数' }
  return {
    title: { text: `${index + 1}. ${q.title}`, subtext: subtitle(q), left: 'left', textStyle: { fontSize: 14 }, subtextStyle: { fontSize: 12 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    // upright bars put the axis name (人数) above the plot: leave it room under the subtitle
    grid: { left: 8, right: rating ? 24 : 96, top: rating ? 88 : 64, bottom: 8, containLabel: true },
    xAxis: rating ? category : value,
    yAxis: rating ? value : { ...category, inverse: true },
    series: [
      {
        type: 'bar',
        name: '人数',
        data,
        barMaxWidth: 28,
        label: { show: true, position: rating ? 'top' : 'right' },
        itemStyle: { color: rating ? '#fa8c16' : '#1677ff' },
      },
    ],
    aria: { enabled: true },
  }
}

/** Room for the title and one row per option (choices) or a fixed plot (rating). */
export function chartHeight(q: ResultQuestion): number {
  return q.type === 'rating' ? 280 : 80 + Math.max(2, q.options?.length ?? 0) * 36
}
