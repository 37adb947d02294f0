import { describe, expect, it } from 'vitest'
import type { PublicTourNotice } from '@msjd/shared/tours'
import { parseScene } from './report-draft'
import { dialNumber, mergeNoticePages, noticeDetailUrl, noticePeriod, noticePrefill, noticeSections, noticeSubject, roundBadge, beijingToday } from './tour-notices'

const notice = (id: string, over: Partial<PublicTourNotice> = {}): PublicTourNotice => ({
  id,
  title: `公示 ${id}`,
  round: { id: 'r8', name: '县委第八轮巡察', code: '2026-2', status: 'active' },
  unit: { id: 'u1', name: '县教育局' },
  group: { name: '第一巡察组' },
  startsOn: '2026-09-01',
  endsOn: '2026-11-30',
  contactPhone: '0371-66881001',
  contactMailbox: 'xcz1@jw.example.gov.cn',
  contactAddress: '县纪委监委 301 室',
  scope: '重点受理反映被巡察党组织领导班子及其成员问题的来信来电来访',
  howToReport: '电话、来信、来访或在本程序“我要反映”',
  body: null,
  publishedAt: '2026-09-01T01:00:00.000Z',
  current: true,
  ...over,
})

describe('巡察公示 list order', () => {
  it('puts notices of current rounds first whatever order they arrive in, keeping the order within each', () => {
    const items = [notice('a', { current: false }), notice('b'), notice('c', { current: false }), notice('d')]
    const sections = noticeSections(items)
    expect(sections.map((s) => [s.key, s.title, s.items.map((n) => n.id)])).toEqual([
      ['current', '正在进行的巡察', ['b', 'd']],
      ['other', '其他巡察公示', ['a', 'c']],
    ])
  })

  it('leaves out empty sections', () => {
    expect(noticeSections([notice('a', { current: false })]).map((s) => s.key)).toEqual(['other'])
    expect(noticeSections([])).toEqual([])
  })

  it('appends the next page without repeating a notice that shifted between pages', () => {
    const merged = mergeNoticePages([notice('a'), notice('b')], [notice('b'), notice('c')])
    expect(merged.map((n) => n.id)).toEqual(['a', 'b', 'c'])
  })
})

describe('巡察公示 display', () => {
  it('writes the period in Chinese, repeating the year only across years', () => {
    expect(noticePeriod('2026-09-01', '2026-11-30')).toBe('2026年9月1日至11月30日')
    expect(noticePeriod('2026-12-01', '2027-01-15')).toBe('2026年12月1日至2027年1月15日')
  })

  it('names the round and the unit (the round only for a round-wide notice)', () => {
    expect(noticeSubject(notice('a'))).toBe('县委第八轮巡察 · 县教育局')
    expect(noticeSubject(notice('a', { unit: null }))).toBe('县委第八轮巡察')
  })

  it('dials the digits of a phone number and nothing for a blank one', () => {
    expect(dialNumber('0371-66881001')).toBe('037166881001')
    expect(dialNumber(' 138 0000 0000 ')).toBe('13800000000')
    expect(dialNumber('无')).toBeNull()
    expect(dialNumber(null)).toBeNull()
  })

  it('links the detail page by id', () => {
    expect(noticeDetailUrl('a b')).toBe('/pages/notices/detail?id=a%20b')
  })
})

describe('我要反映 from a notice', () => {
  it('pre-fills the round and the unit, in the shape the report form reads back', () => {
    const prefill = noticePrefill(notice('n1'))
    expect(prefill).toEqual({
      scene: 'notice:n1',
      label: '县委第八轮巡察 · 县教育局',
      unitId: 'u1',
      unitName: '县教育局',
      tourRoundId: 'r8',
      inspectedUnitId: null,
      monitoringPointId: null,
    })
    // the form drops a hand-over it cannot read, so the pre-fill must survive its parser unchanged
    expect(parseScene(prefill)).toEqual(prefill)
  })

  it('names only the round for a round-wide notice', () => {
    expect(noticePrefill(notice('n2', { unit: null }))).toMatchObject({ unitId: null, unitName: null, tourRoundId: 'r8', label: '县委第八轮巡察' })
  })
})

describe('roundBadge', () => {
  it('shows 已结束 for a past round, 未开始 for a future one, 进行中 only when the server says current', () => {
    expect(roundBadge({ current: false, startsOn: '2026-09-01' }, '2026-12-05')).toBe('已结束')
    expect(roundBadge({ current: false, startsOn: '2027-01-10' }, '2026-12-05')).toBe('未开始')
    expect(roundBadge({ current: true, startsOn: '2026-11-01' }, '2026-12-05')).toBe('进行中')
    expect(beijingToday(Date.parse('2026-11-30T16:30:00Z'))).toBe('2026-12-01')
  })
})
