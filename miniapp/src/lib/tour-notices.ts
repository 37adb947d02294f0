import type { PublicTourNotice } from '@msjd/shared/tours'
import type { ScenePrefill } from './report-draft'

export const noticeListUrl = '/pages/notices/index'
export const noticeDetailUrl = (id: string) => `/pages/notices/detail?id=${encodeURIComponent(id)}`

/** One heading of the 巡察公示 list: rounds under way today, then earlier (or not yet started) rounds. */
export interface NoticeSection {
  key: 'current' | 'other'
  title: string
  items: PublicTourNotice[]
}

/**
 * Adds the next page to what is shown. The server already sorts (current rounds first, then the newest round);
 * notices published between two page loads shift the pages, so an id already shown is not shown twice.
 */
export function mergeNoticePages(shown: readonly PublicTourNotice[], next: readonly PublicTourNotice[]): PublicTourNotice[] {
  const seen = new Set(shown.map((n) => n.id))
  return [...shown, ...next.filter((n) => !seen.has(n.id))]
}

/**
 * Current rounds first, whatever order the notices arrived in; within a section the arrival order (the server's:
 * newest round, then newest publication) is kept. Empty sections are left out.
 */
export function noticeSections(notices: readonly PublicTourNotice[]): NoticeSection[] {
  const current = notices.filter((n) => n.current)
  const other = notices.filter((n) => !n.current)
  const sections: NoticeSection[] = []
  if (current.length) sections.push({ key: 'current', title: '正在进行的巡察', items: current })
  if (other.length) sections.push({ key: 'other', title: '其他巡察公示', items: other })
  return sections
}

/**
 * The badge of a notice's round. The server says whether the round is current (a round left 进行中 after its last
 * day is not); of the others, one that has not begun is 未开始 and every other one 已结束. `today` is YYYY-MM-DD.
 */
export function roundBadge(n: Pick<PublicTourNotice, 'current' | 'startsOn'>, today: string): '进行中' | '未开始' | '已结束' {
  if (n.current) return '进行中'
  return n.startsOn > today ? '未开始' : '已结束'
}

/** Today in Beijing time, YYYY-MM-DD. */
export function beijingToday(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10)
}

const dateParts = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number)
  return { y, m, d }
}

/** `2026年9月1日至11月30日`; the year is repeated only when the period spans two years. */
export function noticePeriod(startsOn: string, endsOn: string): string {
  const a = dateParts(startsOn)
  const b = dateParts(endsOn)
  const end = a.y === b.y ? `${b.m}月${b.d}日` : `${b.y}年${b.m}月${b.d}日`
  return `${a.y}年${a.m}月${a.d}日至${end}`
}

/** Who the notice is about: `县委第八轮巡察 · 县教育局` (a round-wide notice names the round only). */
export function noticeSubject(n: Pick<PublicTourNotice, 'round' | 'unit'>): string {
  return [n.round.name, n.unit?.name].filter(Boolean).join(' · ')
}

/** `tel:`-safe digits of a contact phone such as `0371-66881001`, or null when there is nothing to dial. */
export function dialNumber(phone: string | null): string | null {
  const digits = (phone ?? '').replace(/[^\d+]/g, '')
  return digits.length >= 3 ? digits : null
}

/**
 * What 我要反映 is pre-filled with from a notice opened from the list: the round and the inspected unit's unit.
 * The public notice carries no signed scene, so `scene` only records where the pre-fill came from; the ids are
 * checked again by the server when the report is submitted.
 */
export function noticePrefill(n: PublicTourNotice): ScenePrefill {
  return {
    scene: `notice:${n.id}`,
    label: noticeSubject(n),
    unitId: n.unit?.id ?? null,
    unitName: n.unit?.name ?? null,
    tourRoundId: n.round.id,
    inspectedUnitId: null,
    monitoringPointId: null,
  }
}
