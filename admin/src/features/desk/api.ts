import { deskResponse, type DeskResponse, type DeskTodoKey } from '@msjd/shared'
import { apiRequest } from '../../api/client'

export const getDesk = (signal?: AbortSignal): Promise<DeskResponse> => apiRequest('/staff/desk', { schema: deskResponse, signal })

/** The list each to-do opens, filtered exactly as the server counted it. */
export const todoLinks: Record<DeskTodoKey, string> = {
  to_accept: '/reports?status=submitted',
  to_assign: '/reports?status=accepted',
  to_start: '/reports?status=assigned',
  in_progress: '/reports?status=in_progress',
  due_soon: '/reports?dueSoon=true',
  overdue: '/reports?overdue=true',
  rectification_review: '/tours/rectifications?status=submitted',
  rectification_todo: '/tours/rectifications?status=pending',
  group_warnings: '/alerts/warnings?status=open',
  approvals: '/approvals',
}
