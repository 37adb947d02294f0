import type { CitizenMessage } from '@msjd/shared/citizen-messages'

/** 我的 is the fourth tab (app.config.ts): its badge counts unread 消息. */
export const MINE_TAB_INDEX = 3

/** The tab badge's text: WeChat shows at most a few characters. Null: no badge. */
export function badgeText(unread: number): string | null {
  if (!Number.isFinite(unread) || unread <= 0) return null
  return unread > 99 ? '99+' : String(Math.floor(unread))
}

/** Where tapping a message goes: the report on 进度查询 (a tab: handed over), or the enterprise's case page. */
export type MessageTarget = { kind: 'report'; id: string } | { kind: 'url'; url: string } | null

export function messageTarget(message: Pick<CitizenMessage, 'subject'>): MessageTarget {
  const s = message.subject
  if (!s) return null
  if (s.kind === 'enterprise_case') return { kind: 'url', url: `/pages/business/case?id=${encodeURIComponent(s.id)}` }
  return { kind: 'report', id: s.id }
}

/** One page more, without repeating a message that moved down as new ones arrived. */
export function appendPage(current: readonly CitizenMessage[], next: readonly CitizenMessage[]): CitizenMessage[] {
  const seen = new Set(current.map((m) => m.id))
  return [...current, ...next.filter((m) => !seen.has(m.id))]
}

/** The list after marking one read (or all, with id null): read now, unless it already had its time. */
export function markedRead(list: readonly CitizenMessage[], id: string | null, at: string): CitizenMessage[] {
  return list.map((m) => ((id === null || m.id === id) && !m.readAt ? { ...m, readAt: at } : m))
}
