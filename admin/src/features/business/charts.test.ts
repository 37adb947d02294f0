import { describe, expect, it } from 'vitest'
import { complaintsOption, monthlyOption, onTimeOption, percent, pointMonthOption, rankingOption, unitMonthOption, unitSatisfactionOption } from './charts'
import { stats } from './fixtures.test-util'

type Series = { name?: string; data?: unknown[]; stack?: string; yAxisIndex?: number }
const seriesOf = (option: { series?: unknown }) => option.series as Series[]
const xData = (option: { xAxis?: unknown }) => (option.xAxis as { data: string[] }).data
const yData = (option: { yAxis?: unknown }) => (option.yAxis as { data: string[] }).data

describe('statistics chart options', () => {
  it('formats shares as percent, and no data as a dash', () => {
    expect(percent(0.75)).toBe('75.0%')
    expect(percent(2 / 3)).toBe('66.7%')
    expect(percent(null)).toBe('—')
  })

  it('draws evaluations per month with the satisfaction rate on the right axis', () => {
    const option = monthlyOption(stats)
    expect(xData(option)).toEqual(['2026-10', '2026-11'])
    const [bars, line] = seriesOf(option)
    expect(bars.data).toEqual([2, 3])
    expect(line).toMatchObject({ name: '满意率', yAxisIndex: 1, data: [100, 50] })
  })

  it('keeps a month without counted evaluations as a gap, not a zero', () => {
    const option = monthlyOption({ byMonth: [{ month: '2026-12', evaluations: 1, counted: 0, satisfied: 0, satisfactionRate: null }] })
    expect(seriesOf(option)[1].data).toEqual([null])
  })

  it('stacks point and unit evaluations by month, busiest first, zeros where a month is empty', () => {
    const points = pointMonthOption(stats)
    expect(xData(points)).toEqual(['城关镇监测点'])
    expect(seriesOf(points).map((s) => [s.name, s.data])).toEqual([
      ['2026-10', [2]],
      ['2026-11', [3]],
    ])
    const units = unitMonthOption(stats)
    expect(xData(units)).toEqual(['县市场监督管理局', '县税务局'])
    expect(seriesOf(units).map((s) => [s.name, s.data])).toEqual([
      ['2026-10', [1, 1]],
      ['2026-11', [3, 0]],
    ])
    expect(seriesOf(units).every((s) => s.stack === 'month')).toBe(true)
  })

  it('shows each unit satisfaction rate in percent and leaves out units with nothing counted', () => {
    const option = unitSatisfactionOption({
      units: [...stats.units, { unitId: 'x', unitName: '无评价单位', evaluations: 1, counted: 0, satisfied: 0, satisfactionRate: null, averageLevel: null, badRatings: 0 }],
    })
    expect(xData(option)).toEqual(['县市场监督管理局', '县税务局'])
    expect(seriesOf(option)[0].data).toEqual([66.7, 100])
  })

  it('splits bad-rating cases into on time, late and pending', () => {
    const option = onTimeOption(stats)
    expect(seriesOf(option).map((s) => [s.name, s.data])).toEqual([
      ['按时答复', [1]],
      ['逾期', [0]],
      ['办理中', [1]],
    ])
  })

  it('stacks complaints per unit by category, the unit with most complaints first', () => {
    const option = complaintsOption(stats)
    expect(xData(option)).toEqual(['县市场监督管理局', '县税务局'])
    expect(seriesOf(option).map((s) => [s.name, s.data])).toEqual([
      ['差评', [2, 0]],
      ['服务态度差', [1, 0]],
      ['乱收费', [0, 1]],
    ])
  })

  it('ranks units with the best at the top of the horizontal bars', () => {
    const option = rankingOption(stats)
    expect(yData(option)).toEqual(['2. 县市场监督管理局', '1. 县税务局'])
    expect(seriesOf(option)[0].data).toEqual([66.7, 100])
    expect(yData(rankingOption(stats, 1))).toEqual(['1. 县税务局'])
  })
})
