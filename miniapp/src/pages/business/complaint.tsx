import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { useState } from 'react'
import { complaintCategoryLabels, complaintFilingCategories } from '@msjd/shared/business'
import { toApiRequestError } from '../../lib/api-error'
import { complaintErrorsFromApi, validateComplaint, type ComplaintDraft, type ComplaintErrors } from '../../lib/business'
import { DEVICE_ID_BYTES } from '../../lib/device-id'
import { newIdempotencyKey } from '../../lib/report-draft'
import { randomBytes } from '../../services/auth'
import { showErrorToast } from '../../services/feedback'
import { listUnits, searchServiceItems, submitComplaint } from '../../services/business'
import './business.css'
import PrivacyLinks from '../../components/PrivacyLinks'
import { useSingleFlight } from '../../services/page-load'
import { usePageRoot } from '../../services/text-size'

type Unit = Awaited<ReturnType<typeof listUnits>>['items'][number]
type Item = Awaited<ReturnType<typeof searchServiceItems>>['items'][number]

const categoryNames = complaintFilingCategories.map((c) => complaintCategoryLabels[c])

/** 我要投诉: about a unit on board or one of its service items; the complaint becomes a case followed like a report. */
export default function ComplaintPage() {
  const pageRoot = usePageRoot()
  const [units, setUnits] = useState<Unit[]>([])
  const [items, setItems] = useState<Item[] | null>(null)
  const [search, setSearch] = useState('')
  const [draft, setDraft] = useState<ComplaintDraft>({ targetType: 'unit', unitId: '', unitName: '', itemId: '', itemName: '', category: '', content: '', idempotencyKey: '' })
  const [errors, setErrors] = useState<ComplaintErrors>({})
  const { busy, run } = useSingleFlight()

  useLoad(() => {
    listUnits().then(
      (r) => setUnits(r.items),
      () => setUnits([]),
    )
    randomBytes(DEVICE_ID_BYTES).then(
      (bytes) => setDraft((d) => ({ ...d, idempotencyKey: newIdempotencyKey(bytes) })),
      () => undefined,
    )
  })

  const patch = (next: Partial<ComplaintDraft>, field: keyof ComplaintErrors) => {
    setDraft((d) => ({ ...d, ...next }))
    setErrors((x) => ({ ...x, [field]: undefined, form: undefined }))
  }

  const findItems = (unitId: string, q: string) =>
    searchServiceItems({ unitId, q }).then(
      (r) => setItems(r.items),
      () => setItems([]),
    )

  const onUnit = (e: { detail: { value: string | number } }) => {
    const unit = units[Number(e.detail.value)]
    if (!unit) return
    patch({ unitId: unit.id, unitName: unit.name, itemId: '', itemName: '' }, 'target')
    setItems(null)
    if (draft.targetType === 'service_item') void findItems(unit.id, search)
  }

  const onType = (targetType: ComplaintDraft['targetType']) => {
    patch({ targetType, itemId: '', itemName: '' }, 'target')
    if (targetType === 'service_item' && draft.unitId) void findItems(draft.unitId, search)
  }

  const submit = () =>
    run(async () => {
      const invalid = validateComplaint(draft)
      if (Object.keys(invalid).length) {
        setErrors(invalid)
        return
      }
      try {
        const filed = await submitComplaint({
          targetType: draft.targetType,
          targetId: draft.targetType === 'unit' ? draft.unitId : draft.itemId,
          category: draft.category as (typeof complaintFilingCategories)[number],
          content: draft.content,
          ...(draft.idempotencyKey ? { idempotencyKey: draft.idempotencyKey } : {}),
        })
        await Taro.showModal({
          title: '投诉已提交',
          content: `编号 ${filed.serial}。相关单位将核实办理并在 15 个工作日内答复，您可在“我的评价和投诉”中查看进度。`,
          confirmText: '查看进度',
          showCancel: false,
        })
        void Taro.redirectTo({ url: `/pages/business/case?id=${encodeURIComponent(filed.id)}` })
      } catch (error) {
        const failure = toApiRequestError(error)
        if (failure.status === 400 || failure.status === 403 || failure.status === 404) setErrors(complaintErrorsFromApi(failure))
        else showErrorToast(failure)
      }
    })

  const categoryIndex = complaintFilingCategories.indexOf(draft.category as (typeof complaintFilingCategories)[number])
  return (
    <View {...pageRoot('page')}>
      <View className='card'>
        <Text className='biz__heading'>投诉对象</Text>
        <View className='biz__choices'>
          {(['unit', 'service_item'] as const).map((t) => (
            <View key={t} id={`biz-target-type-${t}`} aria-checked={draft.targetType === t} className={`biz__choice${draft.targetType === t ? ' biz__choice--on' : ''}`} onClick={() => onType(t)}>
              {t === 'unit' ? '单位' : '服务事项'}
            </View>
          ))}
        </View>
        <View className='biz__field'>
          <Text className='biz__label'>
            被投诉单位<Text className='biz__required'>*</Text>
          </Text>
          <Picker id='biz-unit' mode='selector' range={units.map((u) => u.name)} value={Math.max(0, units.findIndex((u) => u.id === draft.unitId))} onChange={onUnit}>
            <View className='biz__picker'>{draft.unitName || <Text className='muted'>请选择进驻单位</Text>}</View>
          </Picker>
        </View>
        {draft.targetType === 'service_item' && draft.unitId ? (
          <View className='biz__field'>
            <Text className='biz__label'>
              服务事项<Text className='biz__required'>*</Text>
            </Text>
            <Input
              id='biz-item-search'
              className='biz__input'
              value={search}
              maxlength={50}
              placeholder='输入事项名称搜索'
              confirmType='search'
              onInput={(e) => setSearch(e.detail.value)}
              onConfirm={() => findItems(draft.unitId, search)}
            />
            {draft.itemName ? <Text id='biz-item-chosen' className='biz__hint'>已选：{draft.itemName}</Text> : null}
            {items?.length === 0 ? <Text className='muted biz__hint'>没有找到相应事项</Text> : null}
            {items?.map((item, i) => (
              <View key={item.id} id={`biz-item-${i}`} className='biz__item' onClick={() => patch({ itemId: item.id, itemName: item.name }, 'target')}>
                <Text className={item.id === draft.itemId ? 'biz__status' : ''}>{item.name}</Text>
                <Text className='muted'>承诺 {item.promisedDays} 个工作日</Text>
              </View>
            ))}
          </View>
        ) : null}
        {errors.target ? <Text id='biz-target-error' className='biz__error'>{errors.target}</Text> : null}
      </View>

      <View className='card'>
        <View className='biz__field'>
          <Text className='biz__label'>
            投诉类别<Text className='biz__required'>*</Text>
          </Text>
          <Picker id='biz-category' mode='selector' range={categoryNames} value={Math.max(0, categoryIndex)} onChange={(e) => patch({ category: complaintFilingCategories[Number(e.detail.value)] ?? '' }, 'category')}>
            <View className='biz__picker'>{categoryIndex >= 0 ? categoryNames[categoryIndex] : <Text className='muted'>请选择投诉类别</Text>}</View>
          </Picker>
          {errors.category ? <Text id='biz-category-error' className='biz__error'>{errors.category}</Text> : null}
        </View>
        <View className='biz__field'>
          <Text className='biz__label'>
            投诉内容<Text className='biz__required'>*</Text>
          </Text>
          <Textarea
            id='biz-content'
            className='biz__textarea'
            value={draft.content}
            maxlength={5000}
            placeholder='请写明办理的事项、时间、经过和诉求（至少 10 个字）'
            onInput={(e) => patch({ content: e.detail.value }, 'content')}
          />
          {errors.content ? <Text id='biz-content-error' className='biz__error'>{errors.content}</Text> : null}
        </View>
        {errors.form ? <Text id='biz-complaint-error' className='biz__error'>{errors.form}</Text> : null}
        <Button id='biz-complaint-submit' className='biz__button' loading={busy} disabled={busy} onClick={submit}>
          提交投诉
        </Button>
      </View>
      <PrivacyLinks idPrefix='complaint' />
    </View>
  )
}
