import { Button, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { reportRatingLabels, reportRatings, type ReportPublicView, type ReportRating } from '@msjd/shared/reports'
import { formatDateTime, ratingEffect, reopenedBefore, timelineRows } from '../lib/report-view'
import './ReportProgress.css'

/**
 * The ids of one page's progress view, stable for tests and browser flows. 进度查询 keeps the rating ids it had
 * before the view was shared (rate-<rating>, rate-reason…); the enterprise case page's follow its prefix.
 */
export interface ProgressIds {
  serial: string
  category: string
  submitted: string
  status: string
  reply: string
  repliedAt: string
  rating: string
  rate: string
  rateNote: string
  rateButton: (rating: ReportRating) => string
  reasonBox: string
  reason: string
  reasonError: string
  reasonSubmit: string
  timeline: string
  step: (index: number) => string
}

export function progressIds(prefix: string): ProgressIds {
  return {
    serial: `${prefix}-serial`,
    category: `${prefix}-category`,
    submitted: `${prefix}-submitted`,
    status: `${prefix}-status`,
    reply: `${prefix}-reply`,
    repliedAt: `${prefix}-replied-at`,
    rating: `${prefix}-rating`,
    rate: `${prefix}-rate`,
    rateNote: `${prefix}-rate-note`,
    rateButton: (rating) => `${prefix}-rate-${rating}`,
    reasonBox: `${prefix}-reason`,
    reason: `${prefix}-reason-text`,
    reasonError: `${prefix}-reason-error`,
    reasonSubmit: `${prefix}-reason-submit`,
    timeline: `${prefix}-timeline`,
    step: (index) => `${prefix}-step-${index}`,
  }
}

/** 反映编号, category, when it was sent and where it stands. */
export function ReportStatusCard({ view, ids }: { view: ReportPublicView; ids: ProgressIds }) {
  return (
    <View className='card'>
      <View className='progress__row'>
        <Text className='muted'>编号</Text>
        <Text id={ids.serial}>{view.serial}</Text>
      </View>
      <View className='progress__row'>
        <Text className='muted'>问题类别</Text>
        <Text id={ids.category}>{view.categoryName}</Text>
      </View>
      <View className='progress__row'>
        <Text className='muted'>提交时间</Text>
        <Text id={ids.submitted}>{formatDateTime(view.submittedAt)}</Text>
      </View>
      <View className='progress__row'>
        <Text className='muted'>当前状态</Text>
        <Text id={ids.status} className='progress__status'>
          {view.statusLabel}
        </Text>
      </View>
    </View>
  )
}

interface ReplyCardProps {
  view: ReportPublicView
  ids: ProgressIds
  /** Shown until the reply comes: who answers and by when. */
  pendingText: string
  /** The sentence before the rating rules, e.g. 请对答复作出评价. */
  rateLead: string
  /** After the rules, e.g. when the case closes by itself. */
  rateTail?: string
  busy: boolean
  /** The page's single flight (usePageLoad / useSingleFlight): the confirmation and the rating are one action. */
  run: (action: () => Promise<void>) => Promise<void>
  /** Sends the rating (a failure is toasted by the request helper). */
  send: (rating: ReportRating, comment: string | undefined) => Promise<ReportPublicView>
  /** The report as it reads after the rating. */
  onRated: (view: ReportPublicView) => void
}

/**
 * 办理答复 and the rating of it: 满意/基本满意 closes the case, 不满意 (with at least five characters of reason, which
 * the server checks too) reopens it once; the citizen confirms what the choice does before it is sent.
 */
export function ReportReplyCard({ view, ids, pendingText, rateLead, rateTail = '', busy, run, send, onRated }: ReplyCardProps) {
  const [reason, setReason] = useState({ open: false, text: '', error: '' })
  const reopened = reopenedBefore(view)

  const choose = (rating: ReportRating) =>
    run(async () => {
      let comment: string | undefined
      if (rating === 'unsatisfied') {
        if (!reason.open) return setReason({ open: true, text: '', error: '' })
        comment = reason.text.trim()
        if (comment.length < 5) return setReason((x) => ({ ...x, error: '请用至少 5 个字说明不满意的原因' }))
      }
      const { confirm } = await Taro.showModal({
        title: `评价：${reportRatingLabels[rating]}`,
        content: ratingEffect(rating, reopened),
        confirmText: '确定',
        cancelText: '取消',
      })
      if (!confirm) return
      onRated(await send(rating, comment))
      setReason({ open: false, text: '', error: '' })
      void Taro.showToast({ title: '感谢您的评价', icon: 'success' })
    })

  return (
    <View className='card'>
      <Text className='progress__heading'>办理答复</Text>
      <Text id={ids.reply} className={view.reply ? 'progress__reply' : 'progress__reply muted'}>
        {view.reply ?? pendingText}
      </Text>
      {view.repliedAt ? (
        <Text id={ids.repliedAt} className='muted'>
          答复时间：{formatDateTime(view.repliedAt)}
        </Text>
      ) : null}
      {view.rating ? (
        <Text id={ids.rating} className='progress__line'>
          您的评价：{reportRatingLabels[view.rating]}
        </Text>
      ) : null}
      {view.canRate ? (
        <View id={ids.rate}>
          <Text id={ids.rateNote} className='muted progress__line'>
            {rateLead}：满意或基本满意即办结；
            {reopened ? '本件已重新办理过一次，再选不满意也将办结。' : '不满意将重新办理一次（仅一次）。'}
            {rateTail}
          </Text>
          <View className='progress__rate-buttons'>
            {reportRatings.map((r) => (
              <Button key={r} id={ids.rateButton(r)} className={`progress__rate-button progress__rate-button--${r}`} disabled={busy} onClick={() => choose(r)}>
                {reportRatingLabels[r]}
              </Button>
            ))}
          </View>
          {reason.open ? (
            <View id={ids.reasonBox} className='progress__rate-reason'>
              <Text className='progress__line'>请说明不满意的原因（必填，至少 5 个字），将随评价转给办理人员：</Text>
              <Textarea
                id={ids.reason}
                className='progress__textarea'
                value={reason.text}
                maxlength={500}
                placeholder='如：答复没有回应反映的主要问题'
                onInput={(e) => setReason({ open: true, text: e.detail.value, error: '' })}
              />
              {reason.error ? (
                <Text id={ids.reasonError} className='progress__error'>
                  {reason.error}
                </Text>
              ) : null}
              <Button id={ids.reasonSubmit} className='primary-button' disabled={busy} onClick={() => choose('unsatisfied')}>
                提交不满意评价
              </Button>
            </View>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}

/** 办理进度: each step the citizen may see, oldest first, with its public note. */
export function ReportTimelineCard({ view, ids }: { view: ReportPublicView; ids: ProgressIds }) {
  return (
    <View className='card'>
      <Text className='progress__heading'>办理进度</Text>
      <View id={ids.timeline}>
        {timelineRows(view.timeline).map((row, i) => (
          <View key={row.key} id={ids.step(i)} className='progress__step'>
            <View className='progress__dot' />
            <View className='progress__step-body'>
              <Text className='progress__step-label'>
                {row.label}
                {row.statusLabel && row.statusLabel !== row.label ? `（${row.statusLabel}）` : ''}
              </Text>
              <Text className='muted'>{row.when}</Text>
              {row.note ? <Text className='progress__note'>{row.note}</Text> : null}
            </View>
          </View>
        ))}
      </View>
    </View>
  )
}
