import { ArrowLeftOutlined, EyeOutlined } from '@ant-design/icons'
import {
  reportActionLabels,
  reportActions,
  reportEventLabels,
  reportRatingLabels,
  staffRoleLabels,
  type ReportAction,
  type StaffRole,
} from '@msjd/shared'
import { Alert, Button, Card, Descriptions, Empty, Image, Result, Space, Spin, Tag, Timeline, Typography } from 'antd'
import { useState } from 'react'
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom'
import { errorText } from '../../api/client'
import { useRequest } from '../../api/useRequest'
import { useCurrentUser } from '../auth/AuthProvider'
import { RectificationIssueModal, RevealIdentityModal, TransitionModal } from './ActionModals'
import { getReport, type ReportDetail } from './api'
import { IdentityCustody } from './IdentityCustody'
import { LegalHoldPanel } from '../retention/LegalHoldPanel'
import { HandoverRedactions } from './HandoverRedactions'
import { ReportExtensions } from './ReportExtensions'
import { RectificationNotices } from './RectificationNotices'
import { ReporterThread } from './ReporterThread'
import { formatTime, StatusTag } from './shared'

const REVEAL_ROLES: readonly StaffRole[] = ['intake', 'supervisor', 'admin']
// 法律保全: intake and leaders see when the material falls due and any hold; supervisors place and release holds
const HOLD_READERS: readonly StaffRole[] = ['intake', 'supervisor', 'admin']
const RECTIFY_ROLES: readonly StaffRole[] = ['tour_group', 'supervisor', 'admin']
// those who read the original report (see the server's report.message.* permissions)
const THREAD_ROLES: readonly StaffRole[] = ['intake', 'supervisor']
// report.extension.request (an assignee only sees its own cases here)
const EXTENSION_ROLES: readonly StaffRole[] = ['intake', 'tour_group', 'unit_liaison', 'supervisor']
// report.redact: those who read the original and hand it over
const REDACT_ROLES: readonly StaffRole[] = ['intake', 'supervisor', 'admin']

type Dialog =
  | { kind: 'action'; action: ReportAction }
  | { kind: 'reveal' }
  | { kind: 'rectify' }

function Deadline({ day, overdue, testId }: { day: string | null; overdue: boolean; testId: string }) {
  if (!day) return <Typography.Text type="secondary">—</Typography.Text>
  return (
    <Space size={4} data-testid={testId}>
      <span>{day}</span>
      {overdue ? <Tag color="red">超期</Tag> : null}
    </Space>
  )
}

function EventTimeline({ report }: { report: ReportDetail }) {
  const events = [...report.events].sort((a, b) => a.at.localeCompare(b.at))
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

export function ReportDetailPage() {
  const { id = '' } = useParams()
  const location = useLocation()
  const user = useCurrentUser()
  const navigate = useNavigate()
  const [dialog, setDialog] = useState<Dialog>()
  const { data: report, error, loading, reload } = useRequest((signal) => getReport(id, signal), [id])
  const from = (location.state as { from?: string } | null)?.from ?? ''
  const back = (
    <Link to={`/reports${from}`} id="report-back">
      <ArrowLeftOutlined /> 返回列表
    </Link>
  )

  if (!report) {
    if (error) {
      return (
        <Card title={back}>
          {/* antd's Result passes no data-* attributes through */}
          <div data-testid="report-load-error">
            <Result
              status={error.status === 404 ? '404' : 'error'}
              title={errorText(error)}
              extra={
                error.status === 404 ? null : (
                  <Button onClick={reload} id="report-retry">
                    重试
                  </Button>
                )
              }
            />
          </div>
        </Card>
      )
    }
    return (
      <Card title={back}>
        <Spin spinning={loading} style={{ display: 'block', margin: '48px auto' }} />
      </Card>
    )
  }

  const done = () => {
    // an assignee who returned the case no longer sees it: back to their list
    const handedBack = dialog?.kind === 'action' && dialog.action === 'return' && (user.role === 'tour_group' || user.role === 'unit_liaison')
    setDialog(undefined)
    if (handedBack) navigate('/reports', { replace: true })
    else reload()
  }
  const actions = reportActions.filter((action) => report.allowedActions.includes(action))
  const canReveal = report.hasIdentity && REVEAL_ROLES.includes(user.role)
  const canRectify = RECTIFY_ROLES.includes(user.role)
  // photos of the reporter's answers are shown with the answer, in the thread
  const photos = report.attachments.filter((a) => a.mime.startsWith('image/') && !a.messageId)
  const others = report.attachments.filter((a) => !a.mime.startsWith('image/') && !a.messageId)
  const assignee = report.assigneeName ?? (report.assigneeTourGroupId ? '巡察组' : report.assigneeUnitId ? '责任单位' : undefined)

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            {back}
            <Typography.Text strong data-testid="report-serial">
              {report.serial}
            </Typography.Text>
            <StatusTag status={report.status} testId="report-status" />
            {report.overdue ? <Tag color="red">超期</Tag> : null}
          </Space>
        }
        extra={
          <Space wrap data-testid="report-actions">
            {actions.map((action) => (
              <Button
                key={action}
                id={`action-${action}`}
                type={action === 'reject' || action === 'merge' ? 'default' : 'primary'}
                danger={action === 'reject'}
                onClick={() => setDialog({ kind: 'action', action })}
              >
                {reportActionLabels[action]}
              </Button>
            ))}
            {report.status === 'in_progress' && canRectify ? (
              <Button id="action-rectify" onClick={() => setDialog({ kind: 'rectify' })}>
                立行立改通知书
              </Button>
            ) : null}
            {canReveal ? (
              <Button id="reveal-identity" icon={<EyeOutlined />} onClick={() => setDialog({ kind: 'reveal' })}>
                查看身份
              </Button>
            ) : null}
          </Space>
        }
      >
        {loading ? <Spin size="small" style={{ float: 'right' }} /> : null}
        {error ? (
          <Alert
            data-testid="report-reload-error"
            type="error"
            showIcon
            message={errorText(error)}
            description="下面显示的是上次成功读取的内容，可能已经过时；请刷新后再办理。"
            action={
              <Button size="small" onClick={reload} id="report-reload">
                刷新
              </Button>
            }
            style={{ marginBottom: 16 }}
          />
        ) : null}
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
      </Card>

      <Card title={`图片材料（${photos.length}）`} size="small">
        {photos.length === 0 ? (
          <Typography.Text type="secondary">无图片</Typography.Text>
        ) : (
          <Image.PreviewGroup>
            <Space wrap data-testid="report-photos">
              {photos.map((photo) => (
                <Image key={photo.id} src={photo.url} width={104} height={104} style={{ objectFit: 'cover' }} alt={photo.addedBy === 'citizen' ? '群众上传图片' : '办理材料'} />
              ))}
            </Space>
          </Image.PreviewGroup>
        )}
        {others.length > 0 ? (
          <div style={{ marginTop: 8 }}>
            {others.map((file) => (
              <div key={file.id}>
                <a href={file.url} target="_blank" rel="noreferrer">
                  {file.mime.startsWith('video/') ? '视频' : '附件'}（{Math.ceil(file.size / 1024)} KB）
                </a>
              </div>
            ))}
          </div>
        ) : null}
      </Card>

      <RectificationNotices notices={report.rectificationNotices} user={user} />

      <ReportExtensions report={report} canRequest={EXTENSION_ROLES.includes(user.role)} onChange={reload} />

      {THREAD_ROLES.includes(user.role) ? <ReporterThread report={report} onChange={reload} /> : null}

      {REDACT_ROLES.includes(user.role) ? <HandoverRedactions reportId={report.id} content={report.content} onChange={reload} /> : null}

      {canReveal ? <IdentityCustody reportId={report.id} onChange={reload} /> : null}

      {HOLD_READERS.includes(user.role) ? <LegalHoldPanel reportId={report.id} canHold={user.role === 'supervisor'} /> : null}

      <Card title="办理记录（含内部备注，群众只能看到公开部分）" size="small">
        <EventTimeline report={report} />
      </Card>

      {dialog?.kind === 'action' ? (
        <TransitionModal reportId={report.id} report={report} action={dialog.action} onClose={() => setDialog(undefined)} onDone={done} />
      ) : null}
      {dialog?.kind === 'reveal' ? <RevealIdentityModal reportId={report.id} onClose={() => setDialog(undefined)} /> : null}
      {dialog?.kind === 'rectify' ? <RectificationIssueModal reportId={report.id} report={report} onClose={() => setDialog(undefined)} onDone={done} /> : null}
    </Space>
  )
}
