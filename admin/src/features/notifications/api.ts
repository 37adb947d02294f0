import {
  staffNotificationList,
  staffNotificationReadResponse,
  staffNotificationSummary,
  type StaffNotificationList,
  type StaffNotificationSummary,
} from '@msjd/shared'
import { apiRequest } from '../../api/client'

/** The badge's poll: a background request, so it never keeps an unattended session alive. */
export const getNotificationSummary = (signal?: AbortSignal): Promise<StaffNotificationSummary> =>
  apiRequest('/staff/notifications/summary', { schema: staffNotificationSummary, signal, background: true })

export const listNotifications = (query: { unread?: boolean; page: number; pageSize: number }, signal?: AbortSignal): Promise<StaffNotificationList> =>
  apiRequest('/staff/notifications', {
    query: { unread: query.unread ? 'true' : undefined, page: query.page, pageSize: query.pageSize },
    schema: staffNotificationList,
    signal,
  })

export const markNotificationRead = (id: string): Promise<{ unread: number }> =>
  apiRequest(`/staff/notifications/${encodeURIComponent(id)}/read`, { method: 'POST', schema: staffNotificationReadResponse })

export const markAllNotificationsRead = (): Promise<{ unread: number }> =>
  apiRequest('/staff/notifications/read-all', { method: 'POST', schema: staffNotificationReadResponse })
