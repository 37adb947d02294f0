import { reportStatusLabels, type ReportStatus } from '@msjd/shared'
import { Tag } from 'antd'
import dayjs from 'dayjs'

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

export function formatTime(at: string | null | undefined): string {
  return at ? dayjs(at).format('YYYY-MM-DD HH:mm') : '—'
}

