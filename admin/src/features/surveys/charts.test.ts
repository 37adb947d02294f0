import { describe, expect, it } from 'vitest'
import { chartHeight, hasChart, questionChartOption, type ResultQuestion } from './charts'

const single: ResultQuestion = {
  id: 'know',
  title: '您是否知晓本轮巡察',
  type: 'single',
  answered: 3,
  options: [
    { id: 'y', label: '知晓', count: 2 },
    { id: 'n', label: '不知晓', count: 1 },
  ],
}
const rating: ResultQuestion = {
  id: 'score',
  title: '工作作风评价',
  type: 'rating',
  answered: 4,
  average: 3.5,
  options: [1, 2, 3, 4, 5].map((n) => ({ id: String(n), label: `${n} 分`, count: n === 3 ? 2 : n === 5 ? 1 : n === 2 ? 1 : 0 })),
}

describe('questionChartOption', () => {
  it('draws one horizontal bar per choice with count and share on it', () => {
    const o = questionChartOption(single, 0)
    expect(o.title.text).toBe('1. 您是否知晓本轮巡察')
    expect(o.title.subtext).toBe('3 人作答')
    expect(o.yAxis).toMatchObject({ type: 'category', data: ['知晓', '不知晓'], inverse: true })
    expect(o.xAxis).toMatchObject({ type: 'value', minInterval: 1 })
    expect(o.series[0].data).toEqual([
      { name: '知晓', value: 2, percent: 66.7, label: { formatter: '2 人（66.7%）' } },
      { name: '不知晓', value: 1, percent: 33.3, label: { formatter: '1 人（33.3%）' } },
    ])
  })

  it('says that shares of a multiple choice can add up past 100%', () => {
    const o = questionChartOption({ ...single, type: 'multiple', answered: 2, options: [{ id: 'a', label: '作风不实', count: 2 }, { id: 'b', label: '吃拿卡要', count: 1 }] }, 1)
    expect(o.title.subtext).toContain('可多选')
    expect(o.series[0].data.map((d) => d.percent)).toEqual([100, 50])
  })

  it('shows the 1-5 distribution upright with the average', () => {
    const o = questionChartOption(rating, 2)
    expect(o.title.subtext).toBe('4 人作答，平均 3.50 分')
    expect(o.xAxis).toMatchObject({ type: 'category', data: ['1 分', '2 分', '3 分', '4 分', '5 分'] })
    expect(o.series[0].data.map((d) => d.value)).toEqual([0, 1, 2, 0, 1])
    expect(o.series[0].label.position).toBe('top')
  })

  it('shows 0% rather than dividing by zero when nobody answered', () => {
    const o = questionChartOption({ ...single, answered: 0, options: single.options!.map((x) => ({ ...x, count: 0 })) }, 0)
    expect(o.series[0].data.map((d) => d.label.formatter)).toEqual(['0 人（0%）', '0 人（0%）'])
    expect(questionChartOption({ ...rating, answered: 0, average: null }, 0).title.subtext).toBe('0 人作答，暂无评分')
  })

  it('charts choices and ratings only; the height grows with the options', () => {
    expect(hasChart(single)).toBe(true)
    expect(hasChart({ id: 't', title: '建议', type: 'text', answered: 1, texts: ['好'] })).toBe(false)
    expect(chartHeight(rating)).toBe(280)
    expect(chartHeight({ ...single, options: Array.from({ length: 10 }, (_, i) => ({ id: `o${i}`, label: `选项${i}`, count: 0 })) })).toBeGreaterThan(chartHeight(single))
  })
})
