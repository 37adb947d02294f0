import { Alert, Button, Card, Input, Space, Tag, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { reportRedactionsBody, reportRedactionsView } from '@msjd/shared/protection'
import { apiRequest } from '../../api/client'
import { useAction } from '../../api/useAction'
import { useRequest } from '../../api/useRequest'
import { LoadError } from '../../components/LoadError'

const base = (reportId: string) => `/staff/reports/${encodeURIComponent(reportId)}/redactions`
const getRedactions = (reportId: string, signal?: AbortSignal) => apiRequest(base(reportId), { schema: reportRedactionsView, signal })
const putRedactions = (reportId: string, phrases: string[]) => apiRequest(base(reportId), { method: 'PUT', body: { phrases }, schema: reportRedactionsView })

/**
 * 交办单遮蔽: intake marks the passages of a report that would tell the unit or tour group who the reporter is (“我是
 * 隔壁开超市的”, a house number). The assignee reads them masked; the original stays for intake and supervisors.
 * A passage is marked by typing it or by selecting it in 反映内容 above.
 */
export function HandoverRedactions({ reportId, content, onChange }: { reportId: string; content: string; onChange: () => void }) {
  const { data, error, reload } = useRequest((signal) => getRedactions(reportId, signal), [reportId])
  const [phrases, setPhrases] = useState<string[]>([])
  const [draft, setDraft] = useState('')
  const { busy, failure, setFailure, run } = useAction()
  useEffect(() => {
    if (data) setPhrases(data.phrases)
  }, [data])
  const changed = !!data && (phrases.length !== data.phrases.length || phrases.some((p, i) => p !== data.phrases[i]))

  const add = (raw: string) => {
    const phrase = raw.trim()
    setFailure(undefined)
    if (phrase.length < 2) return setFailure('每处至少 2 个字')
    if (!content.includes(phrase)) return setFailure('反映内容中没有这段文字，请照原文填写或在上方选中')
    if (!phrases.includes(phrase)) setPhrases([...phrases, phrase])
    setDraft('')
  }
  const fromSelection = () => add(window.getSelection()?.toString() ?? '')
  const save = async () => {
    const checked = reportRedactionsBody.safeParse({ phrases })
    if (!checked.success) return setFailure(checked.error.issues[0]?.message)
    await run(
      () => putRedactions(reportId, checked.data.phrases),
      () => {
        reload()
        onChange()
      },
    )
  }

  return (
    <Card title="交办单遮蔽（保护举报人）" size="small" data-testid="handover-redactions">
      <Typography.Paragraph type="secondary">
        标出能识别举报人的文字（如自述身份、住址、只有举报人知道的细节）。交办给责任单位或巡察组时，这些文字显示为“【已遮蔽】”；原文仅受理员和纪检干部可见。
      </Typography.Paragraph>
      <LoadError error={error} onRetry={reload} />
      <Space wrap style={{ marginBottom: 8 }} data-testid="redaction-phrases">
        {phrases.length ? (
          phrases.map((p) => (
            <Tag key={p} closable onClose={() => setPhrases(phrases.filter((x) => x !== p))}>
              {p}
            </Tag>
          ))
        ) : (
          <Typography.Text type="secondary">尚未标注</Typography.Text>
        )}
      </Space>
      <Space.Compact style={{ width: '100%' }}>
        <Input id="redaction-phrase" aria-label="需遮蔽的文字" placeholder="照原文输入需遮蔽的文字" value={draft} maxLength={200} onChange={(e) => setDraft(e.target.value)} onPressEnter={() => add(draft)} />
        <Button id="redaction-add" onClick={() => add(draft)}>
          添加
        </Button>
        {/* onMouseDown keeps the text selection in 反映内容 alive until the click */}
        <Button id="redaction-from-selection" onMouseDown={(e) => e.preventDefault()} onClick={fromSelection}>
          遮蔽所选文字
        </Button>
      </Space.Compact>
      <Space style={{ marginTop: 8 }}>
        <Button id="redaction-save" type="primary" disabled={!changed} loading={busy} onClick={save}>
          保存标注
        </Button>
        {changed ? <Typography.Text type="warning">标注尚未保存</Typography.Text> : null}
      </Space>
      {failure ? <Alert style={{ marginTop: 8 }} type="error" showIcon message={failure} data-testid="redaction-error" /> : null}
      {data ? (
        <div style={{ marginTop: 12 }}>
          <Typography.Text strong>交办单中的反映内容：</Typography.Text>
          <Typography.Paragraph data-testid="redaction-preview" style={{ whiteSpace: 'pre-wrap', background: '#fafafa', padding: 8, marginTop: 4 }}>
            {data.preview}
          </Typography.Paragraph>
        </div>
      ) : null}
    </Card>
  )
}
