import { Alert, Button, Card, Empty, Image, Input, List, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { reportAskBody, reportMessageListResponse, type ReportStaffDetail, type ReportStaffMessage } from '@msjd/shared/reports'
import { apiRequest } from '../../api/client'
import { useAction } from '../../api/useAction'
import { useRequest } from '../../api/useRequest'
import { formatTime } from './shared'
import { LoadError } from '../../components/LoadError'

const base = (reportId: string) => `/staff/reports/${encodeURIComponent(reportId)}/messages`
const listMessages = (reportId: string, signal?: AbortSignal) => apiRequest(base(reportId), { schema: reportMessageListResponse, signal })
const ask = (reportId: string, body: string) => apiRequest(base(reportId), { method: 'POST', body: { body }, schema: reportMessageListResponse })

/**
 * 向举报人询问: the thread with the reporter, for intake and supervisors only (an answer may identify the reporter, so
 * it is never part of a 交办单). Asking changes nothing about the report's state; a 保密 reporter reads the question
 * with their query code, a real-name one is also notified.
 */
export function ReporterThread({ report, onChange }: { report: ReportStaffDetail; onChange: () => void }) {
  const { data, error, reload } = useRequest((signal) => listMessages(report.id, signal), [report.id])
  const [text, setText] = useState('')
  const { busy, failure, setFailure, run } = useAction()
  const photosOf = (m: ReportStaffMessage) => report.attachments.filter((a) => a.messageId === m.id)

  const submit = async () => {
    const checked = reportAskBody.safeParse({ body: text })
    if (!checked.success) return setFailure(checked.error.issues[0]?.message)
    await run(
      () => ask(report.id, checked.data.body),
      () => {
        setText('')
        reload()
        onChange()
      },
    )
  }

  return (
    <Card
      title="向举报人询问"
      size="small"
      data-testid="reporter-thread"
      extra={data?.awaitingAnswer ? <Tag color="gold" data-testid="thread-awaiting">等待举报人回复</Tag> : null}
    >
      <Typography.Paragraph type="secondary">
        询问不改变办理状态。实名举报人会收到消息通知，保密举报人凭查询码查看；往来内容仅受理员和纪检干部可见，不进入交办单。
      </Typography.Paragraph>
      <LoadError error={error} onRetry={reload} />
      {data?.items.length ? (
        <List
          size="small"
          dataSource={data.items}
          renderItem={(m) => (
            <List.Item key={m.id} data-sender={m.sender}>
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                <Space>
                  <Tag color={m.sender === 'staff' ? 'blue' : 'green'}>{m.sender === 'staff' ? `询问 · ${m.staffName ?? '工作人员'}` : '举报人回复'}</Tag>
                  <Typography.Text type="secondary">{formatTime(m.at)}</Typography.Text>
                </Space>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{m.body}</Typography.Paragraph>
                {photosOf(m).length ? (
                  <Image.PreviewGroup>
                    <Space wrap>
                      {photosOf(m).map((photo) => (
                        <Image key={photo.id} src={photo.url} width={80} height={80} style={{ objectFit: 'cover' }} alt="举报人回复所附图片" />
                      ))}
                    </Space>
                  </Image.PreviewGroup>
                ) : null}
              </Space>
            </List.Item>
          )}
        />
      ) : data ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未向举报人询问" />
      ) : null}
      {data?.canAsk ? (
        <Space.Compact style={{ width: '100%', marginTop: 12 }}>
          <Input.TextArea
            id="thread-ask-text"
            aria-label="向举报人询问的问题"
            placeholder="请写清需要举报人补充的情况，如时间、地点、经过"
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={2000}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <Button id="thread-ask-submit" type="primary" loading={busy} onClick={submit} style={{ height: 'auto' }}>
            发送询问
          </Button>
        </Space.Compact>
      ) : data ? (
        <Typography.Text type="secondary">该件已办结或不予受理，不能再询问。</Typography.Text>
      ) : null}
      {failure ? <Alert style={{ marginTop: 8 }} type="error" showIcon message={failure} data-testid="thread-error" /> : null}
    </Card>
  )
}
