import { reportEventLabels, staffRoleLabels, type StaffRole } from '@msjd/shared'
import { Empty, Space, Tag, Timeline, Typography } from 'antd'
import type { ReportDetail } from './api'
import { formatTime, StatusTag } from './shared'

/** 办理记录 with internal notes: the citizen only ever sees the public part. */
export function ReportTimeline({ events: unsorted }: { events: ReportDetail['events'] }) {
  const events = [...unsorted].sort((a, b) => a.at.localeCompare(b.at))
  if (events.length === 0) return <Empty description="暂无办理记录" />
  return (
    <Timeline
      data-testid="report-timeline"
      items={events.map((event) => ({
        key: event.id,
        color: event.kind === 'not_accepted' || event.kind === 'reopened' ? 'red' : event.toStatus === 'closed' ? 'green' : 'blue',
        children: (
          <div>
            <Space wrap size={8}>
              <Typography.Text strong>{reportEventLabels[event.kind] ?? event.label}</Typography.Text>
              <Typography.Text type="secondary">{formatTime(event.at)}</Typography.Text>
              <Typography.Text type="secondary">
                {event.actorType === 'staff'
                  ? (staffRoleLabels[event.actorRole as StaffRole] ?? '工作人员')
                  : event.actorType === 'system'
                    ? '系统'
                    : '群众'}
              </Typography.Text>
              {event.toStatus ? <StatusTag status={event.toStatus} /> : null}
            </Space>
            {event.publicNote ? (
              <div>
                <Tag color="blue">公开</Tag>
                {event.publicNote}
              </div>
            ) : null}
            {event.note ? (
              <div data-testid="internal-note">
                <Tag>内部备注</Tag>
                <Typography.Text type="secondary">{event.note}</Typography.Text>
              </div>
            ) : null}
          </div>
        ),
      }))}
    />
  )
}
