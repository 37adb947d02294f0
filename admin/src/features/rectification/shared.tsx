import { rectificationSourceLabels, rectificationStatusLabels } from '@msjd/shared'
import { Tag } from 'antd'
import type { RectificationTask } from './api'

type Status = RectificationTask['status']
type Source = RectificationTask['sourceKind']

const statusColors: Record<Status, string> = { pending: 'gold', submitted: 'blue', returned: 'orange', accepted: 'green' }
const sourceColors: Record<Source, string> = { report: 'geekblue', notice: 'purple', warning: 'volcano' }

export function RectificationStatusTag({ status }: { status: Status }) {
  return (
    <Tag color={statusColors[status]} data-status={status} data-testid="rect-status">
      {rectificationStatusLabels[status]}
    </Tag>
  )
}

export const SourceTag = ({ source }: { source: Source }) => <Tag color={sourceColors[source]}>{rectificationSourceLabels[source]}</Tag>

export const OverdueTag = () => (
  <Tag color="red" data-testid="rect-overdue-tag">
    超期
  </Tag>
)

export const IncompleteTag = ({ note }: { note?: string | null }) => (
  <Tag color="magenta" data-testid="rect-incomplete-tag" title={note ?? undefined}>
    整改不彻底
  </Tag>
)

export { formatTime } from '../../components/time'

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** Who may do what on a task, as the server's routes allow it (the server checks again). */
export function taskActions(role: string, task: Pick<RectificationTask, 'status' | 'incomplete'>) {
  const manager = role === 'admin' || role === 'supervisor' || role === 'tour_group'
  const liaison = role === 'unit_liaison'
  const open = task.status === 'pending' || task.status === 'returned'
  return {
    upload: liaison && open,
    submit: liaison && open,
    review: manager && task.status === 'submitted',
    markIncomplete: manager && task.status === 'accepted' && !task.incomplete,
  }
}
