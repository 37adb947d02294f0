import { chineseDate, fillHandlingPhrase, type HandlingPhrasePlaceholder } from '@msjd/shared/phrases'
import { Form, Select } from 'antd'
import { useRequest } from '../../api/useRequest'
import { shanghaiDay } from '../../components/time'
import { listPhrases, type HandlingPhraseKind } from './api'

/** What a report offers the placeholders of a phrase. */
export interface PhraseReport {
  serial: string
  categoryName: string
  reportedUnitName: string | null
  assigneeName: string | null
}

export function phraseValues(report: PhraseReport | undefined, today: string): Partial<Record<HandlingPhrasePlaceholder, string | null>> {
  return {
    编号: report?.serial,
    类别: report?.categoryName,
    单位: report?.reportedUnitName,
    承办单位: report?.assigneeName,
    日期: chineseDate(today),
  }
}

/**
 * 选用常用语: picking a preset writes it, placeholders filled from the report, into the form's `field`; staff then
 * edit it as they like. Shows nothing when no phrase of the kind is kept (or they cannot be read).
 */
export function PhrasePicker({ kind, field, report }: { kind: HandlingPhraseKind; field: string; report?: PhraseReport }) {
  const form = Form.useFormInstance()
  const { data } = useRequest((signal) => listPhrases({ kind }, signal), [kind])
  if (!data?.items.length) return null
  return (
    <Form.Item label="选用常用语" tooltip="选用后可继续修改；{…} 为报告中没有的内容，请补写">
      <Select
        id={`phrase-${field}`}
        data-testid={`phrase-${field}`}
        placeholder="选择后填入下方，可再修改"
        value={null}
        options={data.items.map((p) => ({ value: p.id, label: p.title }))}
        onChange={(id: string) => {
          const phrase = data.items.find((p) => p.id === id)
          if (!phrase) return
          form.setFieldValue(field, fillHandlingPhrase(phrase.body, phraseValues(report, shanghaiDay())))
          form.validateFields([field]).catch(() => undefined)
        }}
      />
    </Form.Item>
  )
}
