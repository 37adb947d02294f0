import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Checkbox, Descriptions, Empty, Form, Input, List, message, Modal, Space, Spin, Typography } from 'antd'
import { useRef, useState, type ReactNode } from 'react'
import { Link, useParams } from 'react-router-dom'
import { errorText, toApiRequestError } from '../../api/client'
import { useRequest } from '../../api/useRequest'
import { LoadError } from '../../components/LoadError'
import { useCurrentUser } from '../auth/AuthProvider'
import {
  downloadNoticePdf,
  downloadUrgeNoticePdf,
  EVIDENCE_ACCEPT,
  evidenceLink,
  evidenceProblem,
  getRectification,
  markIncomplete,
  reviewRectification,
  submitRectification,
  uploadEvidence,
  type Evidence,
  type RectificationTask,
} from './api'
import { RECTIFICATIONS } from './RectificationList'
import { formatSize, formatTime, IncompleteTag, OverdueTag, RectificationStatusTag, SourceTag, taskActions } from './shared'

interface NoteModalProps {
  open: boolean
  title: string
  /** id prefix of the textarea (<prefix>) and the OK button (<confirmId>) */
  noteId: string
  confirmId: string
  label: string
  required?: string
  okText: string
  danger?: boolean
  extra?: ReactNode
  onSubmit: (note: string) => Promise<void>
  onClose: () => void
}

/** A decision with a written note; `required` is the message shown when the note is left empty. */
function NoteModal({ open, title, noteId, confirmId, label, required, okText, danger, extra, onSubmit, onClose }: NoteModalProps) {
  const [form] = Form.useForm<{ note: string }>()
  const [busy, setBusy] = useState(false)
  async function ok() {
    let note: string
    try {
      ;({ note } = await form.validateFields())
    } catch {
      return // the form shows what is missing
    }
    setBusy(true)
    try {
      await onSubmit((note ?? '').trim())
      form.resetFields()
      onClose()
    } catch (failure) {
      const err = toApiRequestError(failure)
      const issue = err.issues.find((i) => i.path === 'note')
      if (issue) form.setFields([{ name: 'note', errors: [issue.message] }])
      else message.error(errorText(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal open={open} title={title} okText={okText} onOk={ok} onCancel={onClose} confirmLoading={busy} okButtonProps={{ id: confirmId, danger }} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="note"
          label={label}
          rules={[...(required ? [{ required: true, whitespace: true, message: required }] : []), { max: 2000, message: '不能超过 2000 字' }]}
        >
          <Input.TextArea id={noteId} rows={4} maxLength={2000} showCount />
        </Form.Item>
        {extra}
      </Form>
    </Modal>
  )
}

function EvidenceList({ task }: { task: RectificationTask }) {
  const [opening, setOpening] = useState<string>()
  async function view(e: Evidence) {
    setOpening(e.id)
    try {
      const { url } = await evidenceLink(task.id, e.id)
      window.open(url, '_blank', 'noopener')
    } catch (failure) {
      message.error(errorText(toApiRequestError(failure)))
    } finally {
      setOpening(undefined)
    }
  }
  if (!task.evidence.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未上传整改材料" />
  return (
    <List
      id="rect-evidence"
      data-testid="rect-evidence"
      size="small"
      dataSource={task.evidence}
      renderItem={(e) => (
        <List.Item
          actions={[
            <Button key="view" type="link" size="small" id={`rect-evidence-view-${e.id}`} loading={opening === e.id} onClick={() => view(e)}>
              查看
            </Button>,
          ]}
        >
          <List.Item.Meta
            avatar={<PaperClipOutlined />}
            title={e.fileName}
            description={[e.contentType === 'application/pdf' ? 'PDF' : '图片', formatSize(e.size), formatTime(e.createdAt), e.note].filter(Boolean).join(' · ')}
          />
        </List.Item>
      )}
    />
  )
}

function EvidenceUpload({ task, onUploaded }: { task: RectificationTask; onUploaded: (t: RectificationTask) => void }) {
  const input = useRef<HTMLInputElement>(null)
  const [note, setNote] = useState('')
  const [uploading, setUploading] = useState(false)
  const [problem, setProblem] = useState<string>()

  async function pick(file: File | undefined) {
    if (input.current) input.current.value = ''
    if (!file) return
    const bad = evidenceProblem(file)
    setProblem(bad)
    if (bad) return
    setUploading(true)
    try {
      onUploaded(await uploadEvidence(task.id, file, note))
      setNote('')
      message.success(`已上传 ${file.name}`)
    } catch (failure) {
      setProblem(errorText(toApiRequestError(failure)))
    } finally {
      setUploading(false)
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input id="rect-evidence-note" placeholder="材料说明（选填），如：整改前后对比照片" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
      <input id="rect-evidence-file" ref={input} type="file" accept={EVIDENCE_ACCEPT} style={{ display: 'none' }} onChange={(e) => pick(e.target.files?.[0])} />
      <Space>
        <Button id="rect-evidence-pick" icon={<UploadOutlined />} loading={uploading} onClick={() => input.current?.click()}>
          上传整改材料
        </Button>
        <Typography.Text type="secondary">JPG、PNG、WebP 图片或 PDF，单个不超过 20 MB；图片的拍摄位置等信息会被去除。</Typography.Text>
      </Space>
      {problem && <Alert type="error" showIcon message={problem} data-testid="rect-upload-error" />}
    </Space>
  )
}

type Dialog = 'submit' | 'accept' | 'return' | 'incomplete' | undefined

/** The 立行立改通知书 that opened the task: its serial, and the PDF to print. */
function NoticePrint({ notice }: { notice: NonNullable<RectificationTask['notice']> }) {
  const [busy, setBusy] = useState(false)
  const print = async () => {
    setBusy(true)
    try {
      await downloadNoticePdf(notice.id, notice.serial)
    } catch (failure) {
      message.error(`下载失败：${errorText(toApiRequestError(failure))}`)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Space>
      <span id="rect-notice-serial" data-testid="rect-notice-serial">{notice.serial ?? '立行立改通知书'}</span>
      <Button size="small" id="rect-notice-print" loading={busy} onClick={print}>
        打印通知书
      </Button>
    </Space>
  )
}

/**
 * The 督办通知书 that opened the task: its serial, the PDF, and the warnings it is about (one sentence each, ID numbers
 * masked) — all the unit is shown of the alert behind it.
 */
function UrgeNoticePrint({ notice }: { notice: NonNullable<RectificationTask['urgeNotice']> }) {
  const [busy, setBusy] = useState(false)
  const print = async () => {
    setBusy(true)
    try {
      await downloadUrgeNoticePdf(notice.id, notice.serial)
    } catch (failure) {
      message.error(`下载失败：${errorText(toApiRequestError(failure))}`)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      <Space>
        <span id="rect-urge-notice-serial" data-testid="rect-urge-notice-serial">
          督办通知书 {notice.serial}
        </span>
        <Button size="small" id="rect-urge-notice-print" loading={busy} onClick={print}>
          打印通知书
        </Button>
      </Space>
      <div data-testid="rect-urge-findings">
        <Typography.Text type="secondary">预警情况（{notice.warningCount} 条）：</Typography.Text>
        {notice.findings.map((f, i) => (
          <div key={i}>
            {notice.findings.length > 1 ? `${i + 1}. ` : ''}
            {f}
          </div>
        ))}
        {notice.warningCount > notice.findings.length ? <Typography.Text type="secondary">另有 {notice.warningCount - notice.findings.length} 条预警</Typography.Text> : null}
      </div>
    </Space>
  )
}

export function RectificationDetail() {
  const { id = '' } = useParams()
  const user = useCurrentUser()
  const { data, error, loading, reload } = useRequest((signal) => getRectification(id, signal), [id])
  const [task, setTask] = useState<RectificationTask>()
  const [dialog, setDialog] = useState<Dialog>()
  const [incomplete, setIncomplete] = useState(false)
  // After an action the server's answer is the task; it replaces what was loaded until the next load.
  const t = task && task.id === data?.id ? task : data

  if (error && !t) return <LoadError error={error} onRetry={reload} />
  if (!t) return <Spin spinning={loading} style={{ display: 'block', margin: 48 }} />
  const can = taskActions(user.role, t)
  const done = (text: string) => (next: RectificationTask) => {
    setTask(next)
    message.success(text)
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={t.title}
        extra={<Link to={RECTIFICATIONS}>返回列表</Link>}
        actions={
          can.review || can.markIncomplete || can.submit
            ? [
                <Space key="actions" data-testid="rect-actions">
                  {can.submit && (
                    <Button id="rect-submit" type="primary" disabled={!t.evidence.length} onClick={() => setDialog('submit')}>
                      提交审核
                    </Button>
                  )}
                  {can.review && (
                    <>
                      <Button id="rect-accept" type="primary" onClick={() => setDialog('accept')}>
                        验收通过
                      </Button>
                      <Button id="rect-return" danger onClick={() => setDialog('return')}>
                        退回补充
                      </Button>
                    </>
                  )}
                  {can.markIncomplete && (
                    <Button id="rect-mark-incomplete" danger onClick={() => setDialog('incomplete')}>
                      标记整改不彻底
                    </Button>
                  )}
                </Space>,
              ]
            : undefined
        }
      >
        {t.overdue && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={`已超过整改期限（${t.dueOn}），请尽快完成`} />}
        {t.incomplete && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message="整改不彻底" description={t.incompleteNote ?? undefined} />}
        {t.status === 'returned' && t.reviewNote && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message="退回补充" description={t.reviewNote} />}
        <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label="责任单位">{t.unitName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="来源">
            <SourceTag source={t.sourceKind} />
            {t.sourceKind === 'report' && t.sourceId && user.role !== 'unit_liaison' ? <Link to={`/reports/${t.sourceId}`}>查看线索</Link> : null}
            {/* the unit answers the notice here; the report itself stays with those who handle it */}
            {t.notice && user.role !== 'unit_liaison' ? <Link to={`/reports/${t.notice.reportId}`}>查看线索</Link> : null}
          </Descriptions.Item>
          {t.notice ? (
            <Descriptions.Item label="通知书" span={2}>
              <NoticePrint notice={t.notice} />
            </Descriptions.Item>
          ) : null}
          {t.urgeNotice ? (
            <Descriptions.Item label="通知书" span={2}>
              <UrgeNoticePrint notice={t.urgeNotice} />
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label="状态">
            <Space size={4}>
              <RectificationStatusTag status={t.status} />
              {t.incomplete && <IncompleteTag note={t.incompleteNote} />}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="整改期限">
            <Space size={4} data-testid="rect-due" id="rect-due">
              {t.dueOn}（{t.deadlineDays} 个工作日，{t.issuedOn} 下达）
              {t.overdue && <OverdueTag />}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="提交时间">{formatTime(t.submittedAt)}</Descriptions.Item>
          <Descriptions.Item label="审核时间">{formatTime(t.reviewedAt)}</Descriptions.Item>
          {t.reviewNote && t.status !== 'returned' && <Descriptions.Item label="审核意见" span={2}>{t.reviewNote}</Descriptions.Item>}
          {t.returnCount > 0 && <Descriptions.Item label="退回次数">{t.returnCount}</Descriptions.Item>}
        </Descriptions>
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          整改要求
        </Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="rect-requirement">
          {t.requirement}
        </Typography.Paragraph>
      </Card>
      <Card title={`整改材料（${t.evidence.length}）`}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <EvidenceList task={t} />
          {can.upload && <EvidenceUpload task={t} onUploaded={done('材料已上传')} />}
        </Space>
      </Card>

      <NoteModal
        open={dialog === 'submit'}
        title="提交整改结果"
        noteId="rect-submit-note"
        confirmId="rect-submit-confirm"
        label="整改情况说明（选填）"
        okText="提交审核"
        onSubmit={async (note) => done('已提交，等待巡察组审核')(await submitRectification(t.id, note))}
        onClose={() => setDialog(undefined)}
      />
      <NoteModal
        open={dialog === 'accept'}
        title="验收通过"
        noteId="rect-accept-note"
        confirmId="rect-accept-confirm"
        label="验收意见（选填；标记整改不彻底时请说明情况）"
        okText="验收通过"
        extra={
          <Checkbox id="rect-accept-incomplete" checked={incomplete} onChange={(e) => setIncomplete(e.target.checked)}>
            同时认定为整改不彻底
          </Checkbox>
        }
        onSubmit={async (note) =>
          done('已验收')(await reviewRectification(t.id, { decision: 'accept', note: note || null, ...(incomplete ? { incomplete: true } : {}) }))
        }
        onClose={() => {
          setIncomplete(false)
          setDialog(undefined)
        }}
      />
      <NoteModal
        open={dialog === 'return'}
        title="退回补充"
        noteId="rect-return-reason"
        confirmId="rect-return-confirm"
        label="退回原因（责任单位可见）"
        required="请填写退回原因，告诉责任单位还需补充什么"
        okText="退回"
        danger
        onSubmit={async (note) => done('已退回责任单位补充')(await reviewRectification(t.id, { decision: 'return', note }))}
        onClose={() => setDialog(undefined)}
      />
      <NoteModal
        open={dialog === 'incomplete'}
        title="标记整改不彻底"
        noteId="rect-incomplete-note"
        confirmId="rect-incomplete-confirm"
        label="情况说明"
        required="请说明整改不彻底的情况"
        okText="标记"
        danger
        onSubmit={async (note) => done('已标记整改不彻底')(await markIncomplete(t.id, note))}
        onClose={() => setDialog(undefined)}
      />
    </Space>
  )
}
