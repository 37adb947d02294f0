import { Button, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { reportRatingLabels, reportRatings, type ReportPublicView, type ReportRating } from '@msjd/shared/reports'
import { toApiRequestError } from '../../lib/api-error'
import { formatDateTime, ratingEffect, reopenedBefore, timelineRows } from '../../lib/report-view'
import { getCase, rateCase } from '../../services/business'
import './business.css'
import PrivacyLinks from '../../components/PrivacyLinks'
import { usePageRoot } from '../../services/text-size'

/**
 * A complaint's (or bad rating's) handling, which is a report: status, the unit's reply, the timeline, and the
 * enterprise's confirmation (满意/基本满意 closes it) or dispute (不满意 reopens it once) — the rules of 进度查询
 * for reports, open to every member of the enterprise.
 */
export default function CasePage() {
  const pageRoot = usePageRoot()
  const { params } = useRouter()
  const complaintId = params.id ?? ''
  const [view, setView] = useState<ReportPublicView | null>(null)
  const [failed, setFailed] = useState<string>()
  const [busy, setBusy] = useState(false)
  const busyRef = useRef(false)
  // 不满意 reopens the case: the unit must know what is still wrong (the server checks the same)
  const [reason, setReason] = useState({ open: false, text: '', error: '' })

  useDidShow(() => {
    getCase(complaintId).then(
      (v) => {
        setView(v)
        setFailed(undefined)
      },
      (error: unknown) => setFailed(toApiRequestError(error).message),
    )
  })

  const onRate = async (rating: ReportRating) => {
    if (!view || busyRef.current) return
    let comment: string | undefined
    if (rating === 'unsatisfied') {
      if (!reason.open) return setReason({ open: true, text: '', error: '' })
      comment = reason.text.trim()
      if (comment.length < 5) return setReason((x) => ({ ...x, error: '请用至少 5 个字说明不满意的原因' }))
    }
    const { confirm } = await Taro.showModal({
      title: rating === 'unsatisfied' ? '对答复有异议' : `确认答复：${reportRatingLabels[rating]}`,
      content: ratingEffect(rating, reopenedBefore(view)),
      confirmText: '确定',
      cancelText: '取消',
    })
    if (!confirm) return
    busyRef.current = true
    setBusy(true)
    try {
      setView(await rateCase(complaintId, rating, comment))
      setReason({ open: false, text: '', error: '' })
      void Taro.showToast({ title: '感谢您的评价', icon: 'success' })
    } catch {
      // toasted by the request helper
    } finally {
      busyRef.current = false
      setBusy(false)
    }
  }

  if (failed) {
    return (
      <View {...pageRoot('page')}>
        <View className='card'>
          <Text id='biz-case-error' className='biz__error'>
            {failed}
          </Text>
        </View>
      </View>
    )
  }
  if (!view) {
    return (
      <View {...pageRoot('page')}>
        <View className='card'>
          <Text className='muted'>加载中…</Text>
        </View>
      </View>
    )
  }

  const reopened = reopenedBefore(view)
  return (
    <View {...pageRoot('page')}>
      <View className='card'>
        <View className='biz__row'>
          <Text className='muted'>编号</Text>
          <Text id='biz-case-serial'>{view.serial}</Text>
        </View>
        <View className='biz__row'>
          <Text className='muted'>类别</Text>
          <Text>{view.categoryName}</Text>
        </View>
        <View className='biz__row'>
          <Text className='muted'>提交时间</Text>
          <Text>{formatDateTime(view.submittedAt)}</Text>
        </View>
        <View className='biz__row'>
          <Text className='muted'>当前状态</Text>
          <Text id='biz-case-status' className='biz__status'>
            {view.statusLabel}
          </Text>
        </View>
      </View>

      <View className='card'>
        <Text className='biz__heading'>办理答复</Text>
        <Text id='biz-case-reply' className={view.reply ? '' : 'muted'}>
          {view.reply ?? '尚未答复。承办单位答复后会显示在这里（15 个工作日内）。'}
        </Text>
        {view.repliedAt ? <Text className='muted biz__hint'>答复时间：{formatDateTime(view.repliedAt)}</Text> : null}
        {view.rating ? (
          <Text id='biz-case-rating' className='biz__hint'>
            您的评价：{reportRatingLabels[view.rating]}
          </Text>
        ) : null}
        {view.canRate ? (
          <View id='biz-case-rate'>
            <Text className='muted biz__hint'>
              请确认办理结果：满意或基本满意即办结；{reopened ? '本件已重新办理过一次，再选不满意也将办结。' : '不满意将重新办理一次（仅一次）。'}
            </Text>
            <View className='biz__choices'>
              {reportRatings.map((r) => (
                <Button key={r} id={`biz-case-rate-${r}`} className='biz__choice' disabled={busy} onClick={() => onRate(r)}>
                  {reportRatingLabels[r]}
                </Button>
              ))}
            </View>
            {reason.open ? (
              <View id='biz-case-reason'>
                <Textarea
                  id='biz-case-reason-text'
                  className='biz__textarea'
                  placeholder='请说明哪些问题还没有解决（至少 5 个字）'
                  maxlength={500}
                  value={reason.text}
                  onInput={(e) => setReason({ open: true, text: e.detail.value, error: '' })}
                />
                {reason.error ? (
                  <Text id='biz-case-reason-error' className='biz__error'>
                    {reason.error}
                  </Text>
                ) : null}
                <Button id='biz-case-reason-submit' className='primary-button' disabled={busy} onClick={() => onRate('unsatisfied')}>
                  提交不满意的原因
                </Button>
              </View>
            ) : null}
          </View>
        ) : null}
      </View>

      <View className='card'>
        <Text className='biz__heading'>办理进度</Text>
        <View id='biz-case-timeline'>
          {timelineRows(view.timeline).map((row, i) => (
            <View key={row.key} id={`biz-case-step-${i}`} className='biz__step'>
              <Text>
                {row.label}
                {row.statusLabel && row.statusLabel !== row.label ? `（${row.statusLabel}）` : ''}
              </Text>
              <Text className='muted'>{row.when}</Text>
              {row.note ? <Text className='biz__hint'>{row.note}</Text> : null}
            </View>
          ))}
        </View>
      </View>
      <PrivacyLinks idPrefix='case' notice={false} />
    </View>
  )
}
