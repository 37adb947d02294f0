import { rectificationStatusLabels } from '@msjd/shared/tours'
import type { StaffUser } from '@msjd/shared/auth'
import { App, Button, Card, Descriptions, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import { errorText, toApiRequestError } from '../../api/client'
import { downloadNoticePdf } from '../rectification/api'
import type { RectificationNotice } from './api'
import { formatTime } from './shared'

const statusColors: Record<NonNullable<RectificationNotice['taskStatus']>, string> = { pending: 'orange', submitted: 'blue', returned: 'red', accepted: 'green' }
const legacyLabels: Record<RectificationNotice['status'], string> = { issued: '待整改', evidence_submitted: '已提交整改情况', completed: '已完成' }

/** Who opens the task in 整改跟踪 (rectification.read): the addressed unit's liaison, tour groups and supervisors. */
function opensTask(user: Pick<StaffUser, 'role' | 'unitId'>, notice: RectificationNotice) {
  if (user.role === 'unit_liaison') return user.unitId === notice.unitId
  return user.role === 'tour_group' || user.role === 'supervisor' || user.role === 'admin'
}

/** The report's 立行立改通知书: each addressed to a unit, with its serial, printable, answered as a task in 整改跟踪. */
export function RectificationNotices({ notices, user }: { notices: RectificationNotice[]; user: Pick<StaffUser, 'role' | 'unitId'> }) {
  const { message } = App.useApp()
  const [printing, setPrinting] = useState<string>()
  const print = async (notice: RectificationNotice) => {
    setPrinting(notice.id)
    try {
      await downloadNoticePdf(notice.id, notice.serial)
    } catch (failure) {
      message.error(`下载失败：${errorText(toApiRequestError(failure))}`)
    } finally {
      setPrinting(undefined)
    }
  }
  return (
    <Card title="立行立改" size="small" data-testid="rectification-notices">
      {notices.length === 0 ? (
        <Typography.Text type="secondary">未下发立行立改通知书</Typography.Text>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          {notices.map((notice) => (
            <Card
              key={notice.id}
              size="small"
              type="inner"
              data-testid={`notice-${notice.id}`}
              title={<span data-testid="notice-serial">{notice.serial ?? '立行立改通知书'}</span>}
              extra={
                <Space>
                  {notice.taskId && opensTask(user, notice) ? (
                    <Link to={`/tours/rectifications/${notice.taskId}`} data-action="notice-task">
                      {user.role === 'unit_liaison' ? '到整改跟踪上传材料' : '在整改跟踪查看'}
                    </Link>
                  ) : null}
                  <Button size="small" data-action="notice-print" loading={printing === notice.id} onClick={() => print(notice)}>
                    打印通知书
                  </Button>
                </Space>
              }
            >
              <Descriptions column={{ xs: 1, md: 3 }} size="small">
                <Descriptions.Item label="整改单位">{notice.unitName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="下发时间">{formatTime(notice.issuedAt)}</Descriptions.Item>
                <Descriptions.Item label="整改期限">
                  <Space size={4} data-testid="notice-due">
                    <span>{notice.dueOn}</span>
                    {notice.overdue ? <Tag color="red">超期</Tag> : null}
                  </Space>
                </Descriptions.Item>
                <Descriptions.Item label="状态">
                  {notice.taskStatus ? (
                    <Tag color={statusColors[notice.taskStatus]} data-testid="notice-status">
                      {rectificationStatusLabels[notice.taskStatus]}
                    </Tag>
                  ) : (
                    <Tag color={notice.status === 'completed' ? 'green' : 'orange'} data-testid="notice-status">
                      {legacyLabels[notice.status]}
                    </Tag>
                  )}
                </Descriptions.Item>
                <Descriptions.Item label="整改要求" span={3}>
                  <span style={{ whiteSpace: 'pre-wrap' }}>{notice.content}</span>
                </Descriptions.Item>
                {notice.evidence ? (
                  <Descriptions.Item label={`整改情况（${formatTime(notice.evidenceAt)}）`} span={3}>
                    {notice.evidence}
                  </Descriptions.Item>
                ) : null}
              </Descriptions>
            </Card>
          ))}
        </Space>
      )}
    </Card>
  )
}
