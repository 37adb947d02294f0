import { reportStatusLabels, type ReportStatus } from '@msjd/shared'
import { Tag } from 'antd'

const statusColors: Record<ReportStatus, string> = {
  submitted: 'gold',
  accepted: 'cyan',
  not_accepted: 'default',
  merged: 'default',
  assigned: 'geekblue',
  in_progress: 'blue',
  replied: 'purple',
  closed: 'green',
}

export function StatusTag({ status, testId }: { status: ReportStatus; testId?: string }) {
  return (
    <Tag color={statusColors[status]} data-testid={testId} data-status={status}>
      {reportStatusLabels[status]}
    </Tag>
  )
}

/** Beijing time whatever the browser's zone (the one helper in components/time). */
export { formatTime } from '../../components/time'

