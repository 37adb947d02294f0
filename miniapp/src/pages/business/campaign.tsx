import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import Taro, {  useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { evaluationDimensionLabels, evaluationDimensions, evaluationLevelLabels, evaluationLevels, evaluationTargetTypeLabels } from '@msjd/shared/business'
import { toApiRequestError } from '../../lib/api-error'
import {
  BAD_RATING_NOTICE,
  campaignProgress,
  emptyRating,
  isBadLevel,
  ratingErrorsFromApi,
  toEvaluationBody,
  toggleDimension,
  validateRating,
  visibleTargets,
  type RatingDraft,
  type RatingErrors,
} from '../../lib/business'
import { showErrorToast } from '../../services/feedback'
import { getCampaignTargets, submitEvaluation } from '../../services/business'
import './business.css'
import PrivacyLinks from '../../components/PrivacyLinks'
import { usePageLoad } from '../../services/page-load'
import { usePageRoot } from '../../services/text-size'

type Targets = Awaited<ReturnType<typeof getCampaignTargets>>
type Target = Targets['items'][number]

const levelLabel = (level: number) => evaluationLevelLabels[level as keyof typeof evaluationLevelLabels] ?? String(level)

/** One campaign: what my enterprise may rate, and the rating form for the chosen item or unit. */
export default function CampaignPage() {
  const pageRoot = usePageRoot()
  const { params } = useRouter()
  const campaignId = params.id ?? ''
  const [target, setTarget] = useState<Target | null>(null)
  const [draft, setDraft] = useState<RatingDraft>(emptyRating)
  const [errors, setErrors] = useState<RatingErrors>({})
  const [search, setSearch] = useState('')
  const { data, state, reload, busy, run } = usePageLoad(() => getCampaignTargets(campaignId))
  const failed = state.kind === 'failed' ? state.message : undefined


  const choose = (t: Target) => {
    if (t.evaluationId) return
    setTarget(t)
    setDraft(emptyRating())
    setErrors({})
  }

  const submit = () =>
    run(async () => {
      if (!target) return
      const body = toEvaluationBody(campaignId, target, draft)
      const invalid = validateRating(body)
      if (Object.keys(invalid).length) {
        setErrors(invalid)
        return
      }
      if (isBadLevel(draft.level)) {
        const { confirm } = await Taro.showModal({ title: `评价：${levelLabel(draft.level!)}`, content: BAD_RATING_NOTICE, confirmText: '提交', cancelText: '再想想' })
        if (!confirm) return
      }
      try {
        const saved = await submitEvaluation(body)
        setTarget(null)
        await reload()
        if (saved.complaint) {
          const { confirm } = await Taro.showModal({
            title: '已转为差评整改件',
            content: `编号 ${saved.complaint.serial}。相关单位将核实整改并在 15 个工作日内答复您。`,
            confirmText: '查看进度',
            cancelText: '知道了',
          })
          if (confirm) void Taro.navigateTo({ url: `/pages/business/case?id=${encodeURIComponent(saved.complaint.id)}` })
        } else {
          void Taro.showToast({ title: '感谢您的评价', icon: 'success' })
        }
      } catch (error) {
        const failure = toApiRequestError(error)
        if (failure.status === 400 || failure.status === 409 || failure.status === 403) setErrors(ratingErrorsFromApi(failure))
        else showErrorToast(failure)
      }
    })

  if (failed) {
    return (
      <View {...pageRoot('page')}>
        <View className='card'>
          <Text id='biz-campaign-error' className='biz__error'>
            {failed}
          </Text>
        </View>
      </View>
    )
  }
  if (!data) {
    return (
      <View {...pageRoot('page')}>
        <View className='card'>
          <Text className='muted'>加载中…</Text>
        </View>
      </View>
    )
  }

  if (target) {
    const bad = isBadLevel(draft.level)
    return (
      <View {...pageRoot('page')}>
        <View className='card' id='biz-rate'>
          <Text className='muted'>{evaluationTargetTypeLabels[target.targetType]}</Text>
          <Text id='biz-rate-target' className='biz__heading'>
            {target.name}
          </Text>
          {target.targetType === 'service_item' ? <Text className='muted'>{target.unitName}</Text> : null}

          <View className='biz__field'>
            <Text className='biz__label'>
              总体评价<Text className='biz__required'>*</Text>
            </Text>
            <View className='biz__choices'>
              {evaluationLevels.map((level) => (
                <View
                  key={level}
                  id={`biz-level-${level}`}
                  aria-checked={draft.level === level}
                  className={`biz__choice${draft.level === level ? ' biz__choice--on' : ''}${isBadLevel(level) ? ' biz__choice--bad' : ''}`}
                  onClick={() => {
                    setDraft((d) => ({ ...d, level }))
                    setErrors((x) => ({ ...x, level: undefined, form: undefined }))
                  }}
                >
                  {evaluationLevelLabels[level]}
                </View>
              ))}
            </View>
            {errors.level ? <Text id='biz-level-error' className='biz__error'>{errors.level}</Text> : null}
            {bad ? (
              <Text id='biz-bad-notice' className='biz__notice'>
                {BAD_RATING_NOTICE}
              </Text>
            ) : null}
          </View>

          <View className='biz__field'>
            <Text className='biz__label'>分项评分（选填，1-5 分）</Text>
            {evaluationDimensions.map((key) => (
              <View key={key} className='biz__row'>
                <Text>{evaluationDimensionLabels[key]}</Text>
                <View className='biz__choices'>
                  {[1, 2, 3, 4, 5].map((score) => (
                    <View
                      key={score}
                      id={`biz-dim-${key}-${score}`}
                      aria-checked={draft.dimensions[key] === score}
                      className={`biz__score${draft.dimensions[key] === score ? ' biz__choice--on' : ''}`}
                      onClick={() => setDraft((d) => toggleDimension(d, key, score))}
                    >
                      {score}
                    </View>
                  ))}
                </View>
              </View>
            ))}
            {errors.dimensions ? <Text className='biz__error'>{errors.dimensions}</Text> : null}
          </View>

          <View className='biz__field'>
            <Text className='biz__label'>评价意见{bad ? '（请写明不满意的原因，便于核实整改）' : '（选填）'}</Text>
            <Textarea
              id='biz-comment'
              className='biz__textarea'
              value={draft.comment}
              maxlength={1000}
              placeholder='办事过程中的感受和建议'
              onInput={(e) => {
                const comment = e.detail.value
                setDraft((d) => ({ ...d, comment }))
                setErrors((x) => ({ ...x, comment: undefined }))
              }}
            />
            {errors.comment ? <Text id='biz-comment-error' className='biz__error'>{errors.comment}</Text> : null}
          </View>
          {errors.form ? <Text id='biz-rate-error' className='biz__error'>{errors.form}</Text> : null}
          <Button id='biz-rate-submit' className='biz__button' loading={busy} disabled={busy} onClick={submit}>
            提交评价
          </Button>
          <Button id='biz-rate-cancel' className='biz__button biz__button--plain' onClick={() => setTarget(null)}>
            返回列表
          </Button>
        </View>
      </View>
    )
  }

  const { shown, more } = visibleTargets(data.items, search)
  return (
    <View {...pageRoot('page')}>
      <View className='card'>
        <Text id='biz-campaign-name' className='biz__heading'>
          {data.campaign.name}
        </Text>
        <Text className='muted'>
          {data.campaign.startsOn} 至 {data.campaign.endsOn} · {campaignProgress(data.campaign)}
        </Text>
        {data.campaign.description ? <Text className='biz__hint'>{data.campaign.description}</Text> : null}
        <Text className='muted biz__hint'>每个事项或单位在本次评议中只能评价一次，提交后不能修改。</Text>
      </View>
      <View className='card'>
        <Input id='biz-target-search' className='biz__input' value={search} maxlength={50} placeholder='搜索事项或单位名称' onInput={(e) => setSearch(e.detail.value)} />
        {data.items.length === 0 ? <Text className='muted biz__hint'>暂无可评价的事项</Text> : null}
        {shown.length === 0 && data.items.length > 0 ? <Text className='muted biz__hint'>没有找到相应事项</Text> : null}
        {shown.map((t, i) => (
          <View key={`${t.targetType}-${t.targetId}`} id={`biz-target-${i}`} className='biz__item' onClick={() => choose(t)}>
            <View className='biz__row'>
              <Text>{t.name}</Text>
              {t.level !== null ? (
                <Text className={isBadLevel(t.level) ? 'biz__status biz__status--bad' : 'biz__status'}>{levelLabel(t.level)}</Text>
              ) : (
                <Text className='biz__status'>评价 ›</Text>
              )}
            </View>
            <Text className='muted'>
              {evaluationTargetTypeLabels[t.targetType]}
              {t.targetType === 'service_item' ? ` · ${t.unitName}` : ''}
            </Text>
          </View>
        ))}
        {more > 0 ? (
          <Text id='biz-target-more' className='muted biz__hint'>
            另有 {more} 项，请输入名称搜索
          </Text>
        ) : null}
      </View>
      <PrivacyLinks idPrefix='campaign' notice={false} />
    </View>
  )
}
