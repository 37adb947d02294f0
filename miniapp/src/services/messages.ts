import Taro from '@tarojs/taro'
import { citizenMessageList, citizenMessageUnread } from '@msjd/shared/citizen-messages'
import { badgeText, MINE_TAB_INDEX } from '../lib/messages'
import { request } from './request'

/** The citizen's 消息 (server/src/modules/citizen-messages). Silent: the page says in place what went wrong. */
export const listMessages = (page: number, pageSize = 20) =>
  request({ path: `/api/public/messages?page=${page}&pageSize=${pageSize}`, schema: citizenMessageList, silent: true })

// an empty JSON object as the body: the request goes out as application/json, and an empty JSON body is refused
export const markMessageRead = (id: string) =>
  request({ method: 'POST', path: `/api/public/messages/${encodeURIComponent(id)}/read`, data: {}, schema: citizenMessageUnread })

export const markAllMessagesRead = () => request({ method: 'POST', path: '/api/public/messages/read-all', data: {}, schema: citizenMessageUnread })

/** The badge on 我的 shows the unread count (or nothing). Never fails: without a count the badge stays as it was. */
export function showUnreadBadge(unread: number): void {
  const text = badgeText(unread)
  try {
    const done = text ? Taro.setTabBarBadge({ index: MINE_TAB_INDEX, text }) : Taro.removeTabBarBadge({ index: MINE_TAB_INDEX })
    Promise.resolve(done).catch(() => undefined)
  } catch {
    // not on a tab page (WeChat refuses then), or H5 without its tab bar yet: the next tab page shown sets it
  }
}

/** Reads the unread count and sets the badge; null when it could not be read (not logged in, offline). */
export async function refreshUnreadBadge(): Promise<number | null> {
  try {
    const { unread } = await request({ path: '/api/public/messages/unread', schema: citizenMessageUnread, silent: true })
    showUnreadBadge(unread)
    return unread
  } catch {
    return null
  }
}
