import { reportRatingLabels } from '@msjd/shared'
import { Descriptions, Space, Tag, Typography } from 'antd'
import { Link } from 'react-router-dom'
import type { ReportDetail } from './api'
import { formatTime } from './shared'

function Deadline({ day, overdue, testId }: { day: string | null; overdue: boolean; testId: string }) {
  if (!day) return <Typography.Text type="secondary">—</Typography.Text>
  return (
    <Space size={4} data-testid={testId}>
      <span>{day}</span>
      {overdue ? <Tag color="red">超期</Tag> : null}
    </Space>
  )
}

/** What was reported, by whom it is handled and by when: the report page's first card. */
export function ReportSummary({ report }: { report: ReportDetail }) {
  const assignee = report.assigneeName ?? (report.assigneeTourGroupId ? '巡察组' : report.assigneeUnitId ? '责任单位' : undefined)
  return (
    <Descriptions column={{ xs: 1, md: 2, xl: 3 }} bordered size="small">
      <Descriptions.Item label="问题类别">{report.categoryName}</Descriptions.Item>
      <Descriptions.Item label="举报方式">
        {report.confidential ? (
          <Tag data-testid="report-confidential">保密</Tag>
        ) : (
          <Tag color="blue" data-testid="report-confidential">
            实名
          </Tag>
        )}
      </Descriptions.Item>
      <Descriptions.Item label="提交时间">{formatTime(report.submittedAt)}</Descriptions.Item>
      <Descriptions.Item label="被反映单位">
        {report.reportedUnitName ?? '—'}
        {report.reportedUnitText && !report.reportedUnitId ? (
          <Tag id="report-unit-typed" style={{ marginLeft: 8 }}>
            群众填写
          </Tag>
        ) : null}
      </Descriptions.Item>
      <Descriptions.Item label="被反映人">{report.reportedPerson ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="承办">{assignee ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="发生时间">{report.occurredAt ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="发生地点" span={2}>
        {report.location ?? '—'}
      </Descriptions.Item>
      <Descriptions.Item label="受理期限">
        <Deadline day={report.acceptDueOn} overdue={report.acceptOverdue} testId="accept-due" />
      </Descriptions.Item>
      <Descriptions.Item label="答复期限">
        <Deadline day={report.replyDueOn} overdue={report.replyOverdue} testId="reply-due" />
      </Descriptions.Item>
      <Descriptions.Item label="受理时间">{formatTime(report.acceptedAt)}</Descriptions.Item>
      <Descriptions.Item label="反映内容" span={3}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="report-content">
          {report.content}
        </Typography.Paragraph>
      </Descriptions.Item>
      {report.notAcceptedReason ? (
        <Descriptions.Item label="不予受理理由" span={3}>
          {report.notAcceptedReason}
        </Descriptions.Item>
      ) : null}
      {report.mergedIntoId ? (
        <Descriptions.Item label="已合并至" span={3}>
          <Link to={`/reports/${report.mergedIntoId}`} id="merged-into">
            查看合并后的举报
          </Link>
        </Descriptions.Item>
      ) : null}
      {report.reply ? (
        <Descriptions.Item label={`答复（${formatTime(report.repliedAt)}）`} span={3}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{report.reply}</Typography.Paragraph>
        </Descriptions.Item>
      ) : null}
      {report.rating ? (
        <Descriptions.Item label="群众评价" span={3}>
          <Space>
            <Tag color={report.rating === 'unsatisfied' ? 'red' : 'green'}>{reportRatingLabels[report.rating]}</Tag>
            {report.ratingComment}
            {report.reopenedOnce ? <Tag color="orange">已重新办理过一次</Tag> : null}
          </Space>
        </Descriptions.Item>
      ) : null}
      {report.closedAt ? <Descriptions.Item label="办结时间">{formatTime(report.closedAt)}</Descriptions.Item> : null}
    </Descriptions>
  )
}
