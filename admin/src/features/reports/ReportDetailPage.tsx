import { ArrowLeftOutlined, EyeOutlined } from '@ant-design/icons'
import { reportActionLabels, reportActions, type ReportAction, type StaffRole } from '@msjd/shared'
import { Button, Card, Result, Space, Spin, Tag, Typography } from 'antd'
import { useState } from 'react'
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom'
import { errorText } from '../../api/client'
import { useRequest } from '../../api/useRequest'
import { LoadError } from '../../components/LoadError'
import { useCurrentUser } from '../auth/AuthProvider'
import { RectificationIssueModal, RevealIdentityModal, TransitionModal } from './ActionModals'
import { getReport } from './api'
import { IdentityCustody } from './IdentityCustody'
import { LegalHoldPanel } from '../retention/LegalHoldPanel'
import { HandoverRedactions } from './HandoverRedactions'
import { HandoverAttachments } from './HandoverAttachments'
import { formatTime } from '../../components/time'
import { ReportExtensions } from './ReportExtensions'
import { RectificationNotices } from './RectificationNotices'
import { ReporterThread } from './ReporterThread'
import { ReportMaterials } from './ReportMaterials'
import { ReportSummary } from './ReportSummary'
import { ReportTimeline } from './ReportTimeline'
import { StatusTag } from './shared'

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
  // shredded by the retention job: there is nothing left to reveal, only the day it was destroyed
  const identityDestroyed = !!report.identityDestroyedAt && REVEAL_ROLES.includes(user.role)
  const canRectify = RECTIFY_ROLES.includes(user.role)

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
            {identityDestroyed ? (
              <Tag data-testid="identity-destroyed">举报人身份已按保存期限销毁（{formatTime(report.identityDestroyedAt).slice(0, 10)}）</Tag>
            ) : null}
          </Space>
        }
      >
        {loading ? <Spin size="small" style={{ float: 'right' }} /> : null}
        <LoadError
          error={error}
          onRetry={reload}
          testId="report-reload-error"
          description="下面显示的是上次成功读取的内容，可能已经过时；请刷新后再办理。"
          retryId="report-reload"
          retryText="刷新"
          style={{ marginBottom: 16 }}
        />
        <ReportSummary report={report} />
      </Card>

      <ReportMaterials attachments={report.attachments} />

      <RectificationNotices notices={report.rectificationNotices} user={user} />

      <ReportExtensions report={report} canRequest={EXTENSION_ROLES.includes(user.role)} onChange={reload} />

      {THREAD_ROLES.includes(user.role) ? <ReporterThread report={report} onChange={reload} /> : null}

      {REDACT_ROLES.includes(user.role) ? <HandoverRedactions reportId={report.id} content={report.content} onChange={reload} /> : null}

      {/* before 交办 the choice is made in the 交办 dialog; afterwards it is changed here */}
      {REDACT_ROLES.includes(user.role) && (report.assigneeUnitId || report.assigneeTourGroupId) ? (
        <HandoverAttachments reportId={report.id} attachments={report.attachments} onChange={reload} />
      ) : null}

      {canReveal ? <IdentityCustody reportId={report.id} onChange={reload} /> : null}

      {HOLD_READERS.includes(user.role) ? <LegalHoldPanel reportId={report.id} canHold={user.role === 'supervisor'} /> : null}

      <Card title="办理记录（含内部备注，群众只能看到公开部分）" size="small">
        <ReportTimeline events={report.events} />
      </Card>

      {dialog?.kind === 'action' ? (
        <TransitionModal reportId={report.id} report={report} action={dialog.action} attachments={report.attachments} onClose={() => setDialog(undefined)} onDone={done} />
      ) : null}
      {dialog?.kind === 'reveal' ? <RevealIdentityModal reportId={report.id} onClose={() => setDialog(undefined)} /> : null}
      {dialog?.kind === 'rectify' ? <RectificationIssueModal reportId={report.id} report={report} onClose={() => setDialog(undefined)} onDone={done} /> : null}
    </Space>
  )
}
