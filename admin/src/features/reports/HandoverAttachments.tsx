import { Alert, Button, Card, Checkbox, Form, Space, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { reportHandoverAttachmentsBody, reportHandoverAttachmentsView } from '@msjd/shared/protection'
import { apiRequest } from '../../api/client'
import { useAction } from '../../api/useAction'
import { formatTime } from '../../components/time'
import type { ReportDetail } from './api'

type Attachment = ReportDetail['attachments'][number]

const putHandoverAttachments = (reportId: string, attachmentIds: string[]) =>
  apiRequest(`/staff/reports/${encodeURIComponent(reportId)}/handover-attachments`, {
    method: 'PUT',
    body: { attachmentIds },
    schema: reportHandoverAttachmentsView,
  })

/** 检举控告工作规则 Art. 47: what may identify the reporter stays with intake unless the handler decides otherwise. */
export const HANDOVER_PHOTO_WARNING =
  '图片和视频可能暴露举报人身份（人脸、声音、住所或店面、拍摄位置和角度）。默认不随交办单移交；只勾选承办单位办理确需、且看不出举报人的材料。'

/** Photos that came with the reporter's answers never go with a 交办单 (the server refuses them too). */
export const handable = (attachments: readonly Attachment[]) => attachments.filter((a) => !a.messageId)

function label(a: Attachment, index: number) {
  const what = a.kind === 'video' ? '视频' : a.kind === 'evidence' ? '办理材料' : '图片'
  const by = a.addedBy === 'citizen' ? '群众上传' : '办理人员上传'
  return (
    <Space size={8} align="center">
      {a.mime.startsWith('image/') ? <img src={a.url} alt="" width={40} height={40} style={{ objectFit: 'cover', borderRadius: 2 }} /> : null}
      <span>
        {what} {index + 1}（{by}，{formatTime(a.createdAt)}）
      </span>
    </Space>
  )
}

function AttachmentChecks({ attachments, id, value, onChange, disabled }: { attachments: readonly Attachment[]; id?: string; value?: string[]; onChange?: (ids: string[]) => void; disabled?: boolean }) {
  return (
    <div id={id}>
      <Checkbox.Group value={value} onChange={(ids) => onChange?.(ids as string[])} disabled={disabled}>
        <Space direction="vertical">
          {attachments.map((a, i) => (
            <Checkbox key={a.id} value={a.id} data-testid={`handover-attachment-${a.id}`}>
              {label(a, i)}
            </Checkbox>
          ))}
        </Space>
      </Checkbox.Group>
    </div>
  )
}

/** In the 交办 / 改派 dialog: which photos, videos and materials go with the 交办单 (none unless ticked). */
export function HandoverAttachmentField({ attachments }: { attachments: readonly Attachment[] }) {
  const choices = handable(attachments)
  if (!choices.length) return null
  return (
    <>
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={HANDOVER_PHOTO_WARNING} data-testid="handover-photo-warning" />
      <Form.Item name="attachmentIds" label="随交办单移交的材料（默认不移交）" initialValue={[]}>
        <AttachmentChecks attachments={choices} />
      </Form.Item>
    </>
  )
}

/** After 交办: change what the assignee sees (it asks for a photo, or one was ticked by mistake); audited by the server. */
export function HandoverAttachments({ reportId, attachments, onChange }: { reportId: string; attachments: readonly Attachment[]; onChange: () => void }) {
  const choices = handable(attachments)
  const saved = choices.filter((a) => a.handedOver).map((a) => a.id)
  const [chosen, setChosen] = useState<string[]>(saved)
  const { busy, failure, setFailure, run } = useAction()
  const savedKey = saved.join(',')
  useEffect(() => setChosen(savedKey ? savedKey.split(',') : []), [savedKey])
  if (!choices.length) return null
  const changed = chosen.length !== saved.length || chosen.some((id) => !saved.includes(id))

  const save = async () => {
    const checked = reportHandoverAttachmentsBody.safeParse({ attachmentIds: chosen })
    if (!checked.success) return setFailure(checked.error.issues[0]?.message)
    await run(() => putHandoverAttachments(reportId, checked.data.attachmentIds), onChange)
  }

  return (
    <Card title="随交办单移交的材料（保护举报人）" size="small" data-testid="handover-attachments">
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={HANDOVER_PHOTO_WARNING} />
      <Typography.Paragraph type="secondary">
        承办单位和巡察组只能看到这里勾选的材料（以及他们自己上传的材料）；调整记入审计日志。
      </Typography.Paragraph>
      <AttachmentChecks attachments={choices} value={chosen} onChange={setChosen} disabled={busy} />
      <Space style={{ marginTop: 12, display: 'flex' }}>
        <Button id="handover-attachments-save" type="primary" disabled={!changed} loading={busy} onClick={save}>
          保存
        </Button>
        {changed ? <Typography.Text type="warning">尚未保存</Typography.Text> : null}
        {!changed ? <Typography.Text type="secondary" data-testid="handover-attachments-count">已移交 {saved.length} 件</Typography.Text> : null}
      </Space>
      {failure ? <Alert type="error" showIcon style={{ marginTop: 8 }} message={failure} /> : null}
    </Card>
  )
}
