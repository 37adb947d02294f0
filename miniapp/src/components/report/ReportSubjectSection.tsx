import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { CONTENT_MAX, type ReportDraft } from '../../lib/report-draft'
import type { FieldErrors } from '../../lib/report-form'
import { requirePrivacy } from '../../services/privacy'
import FieldError from './FieldError'
import type { ReportSectionProps } from './section'

export type ReportCategory = { code: string; name: string }

type TextKey = 'unit' | 'person' | 'content' | 'occurredAt' | 'location'

/** A one-line field the citizen may leave empty (its error line still shows what the server refused). */
function OptionalTextField(props: { draft: ReportDraft; errors: FieldErrors; onText: (key: TextKey) => (e: { detail: { value: string } }) => void; field: TextKey; id: string; label: string; maxlength: number; placeholder: string }) {
  const { draft, errors, onText, field, id, label, maxlength, placeholder } = props
  return (
    <View className='report__field'>
      <Text className='report__label'>{label}</Text>
      <Input id={id} className='report__input' value={draft[field]} maxlength={maxlength} placeholder={placeholder} onInput={onText(field)} />
      <FieldError errors={errors} field={field} />
    </View>
  )
}

/**
 * What is reported: 问题类别, 被反映单位 and 被反映人, 问题描述, and when and where it happened (the weapp can pick the
 * place on WeChat's map).
 */
export default function ReportSubjectSection({ draft, errors, update, categories }: Omit<ReportSectionProps, 'setErrors'> & { categories: ReportCategory[] }) {
  const onText = (key: TextKey) => (e: { detail: { value: string } }) => update({ [key]: e.detail.value } as Partial<ReportDraft>, key)

  const onCategory = (e: { detail: { value: string | number } }) => {
    const c = categories[Number(e.detail.value)]
    if (c) update({ category: c.code, categoryName: c.name }, 'category')
  }

  const onChooseLocation = async () => {
    try {
      await requirePrivacy()
      const res = await Taro.chooseLocation({})
      const place = [res.address, res.name].filter(Boolean).join(' ')
      if (place) update({ location: place.slice(0, 200) }, 'location')
    } catch {
      // cancelled or not allowed: the field stays a plain text input
    }
  }

  const texts = { draft, errors, onText }
  const categoryIndex = Math.max(0, categories.findIndex((c) => c.code === draft.category))

  return (
    <>
      <View className='report__field'>
        <Text className='report__label'>
          问题类别<Text className='report__required'>*</Text>
        </Text>
        <Picker id='report-category' mode='selector' range={categories.map((c) => c.name)} value={categoryIndex} onChange={onCategory}>
          <View className={draft.category ? 'report__picker' : 'report__picker report__placeholder'}>
            {draft.categoryName || (categories.length ? '请选择问题类别' : '正在加载类别…')}
          </View>
        </Picker>
        <FieldError errors={errors} field='category' />
      </View>

      <OptionalTextField {...texts} field='unit' id='report-unit' label='被反映单位' maxlength={100} placeholder='如：某某镇人民政府（选填）' />
      <OptionalTextField {...texts} field='person' id='report-person' label='被反映人' maxlength={100} placeholder='姓名、职务（选填）' />

      <View className='report__field'>
        <Text className='report__label'>
          问题描述<Text className='report__required'>*</Text>
        </Text>
        <Textarea
          id='report-content'
          className='report__textarea'
          value={draft.content}
          maxlength={CONTENT_MAX}
          placeholder='请写明什么人、在什么地方、做了什么事，至少 10 个字'
          onInput={onText('content')}
        />
        <Text id='report-content-count' className='report__count muted'>
          {draft.content.trim().length}/{CONTENT_MAX}
        </Text>
        <FieldError errors={errors} field='content' />
      </View>

      <OptionalTextField {...texts} field='occurredAt' id='report-time' label='发生时间' maxlength={50} placeholder='如：2026年11月上旬（选填）' />

      <View className='report__field'>
        <Text className='report__label'>发生地点</Text>
        <View className='report__row'>
          <Input id='report-place' className='report__input report__grow' value={draft.location} maxlength={200} placeholder='如：某某村村委会（选填）' onInput={onText('location')} />
          {process.env.TARO_ENV === 'weapp' ? (
            <Text id='report-place-pick' className='report__link' onClick={onChooseLocation}>
              选择位置
            </Text>
          ) : null}
        </View>
        <FieldError errors={errors} field='location' />
      </View>
    </>
  )
}
