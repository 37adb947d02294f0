import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { reportRatingLabels, reportRatings, type ReportPublicView, type ReportRating } from '@msjd/shared/reports'
import { toApiRequestError } from '../../lib/api-error'
import { formatDate, formatDateTime, ratingEffect, reopenedBefore, timelineRows, validateLookup, type LookupErrors } from '../../lib/report-view'
import { showErrorToast } from '../../services/feedback'
import { getMine, listMine, lookup, rate, supplement, type ReportTarget } from '../../services/reports'
import LocalReceipts from '../../components/LocalReceipts'
import './index.css'

type MineItem = Awaited<ReturnType<typeof listMine>>['items'][number]

export default function Track() {
  const [code, setCode] = useState('')
  const [secret, setSecret] = useState('')
  const [lookupErrors, setLookupErrors] = useState<LookupErrors & { form?: string }>({})
  const [mine, setMine] = useState<MineItem[]>([])
  const [target, setTarget] = useState<ReportTarget | null>(null)
  const [view, setView] = useState<ReportPublicView | null>(null)
  const [busy, setBusy] = useState(false)
  const [extra, setExtra] = useState('')
  const [extraError, setExtraError] = useState('')
  // 不满意 is sent with the citizen's reason: the handler reopening the case needs to know what was wrong
  const [reason, setReason] = useState<{ open: boolean; text: string; error: string }>({ open: false, text: '', error: '' })
  const busyRef = useRef(false)

  useDidShow(() => {
    // The citizen's own reports from this device (or WeChat account); quietly absent when that fails.
    listMine()
      .then((res) => setMine(res.items))
      .catch(() => setMine([]))
  })

  const run = async (fn: () => Promise<void>) => {
    if (busyRef.current) return
    busyRef.current = true
    setBusy(true)
    try {
      await fn()
    } finally {
      busyRef.current = false
      setBusy(false)
    }
  }

  const onLookup = () =>
    run(async () => {
      const checked = validateLookup({ code, secret })
      if (!checked.ok) {
        setLookupErrors(checked.errors)
        return
      }
      setLookupErrors({})
      try {
        const found = await lookup(checked.value)
        setTarget({ kind: 'code', ...checked.value })
        setView(found)
        setExtra('')
      } catch (error) {
        const failure = toApiRequestError(error)
        if (failure.status === 404 || failure.status === 400 || failure.status === 429) {
          setLookupErrors({ form: failure.message })
        } else {
          showErrorToast(failure)
          setLookupErrors({ form: failure.message })
        }
      }
    })

  const onOpenMine = (item: MineItem) =>
    run(async () => {
      try {
        setView(await getMine(item.id))
        setTarget({ kind: 'mine', id: item.id })
        setExtra('')
      } catch {
        // toasted by the request helper
      }
    })

  const onSupplement = () =>
    run(async () => {
      if (!target) return
      const text = extra.trim()
      if (text.length < 2) {
        setExtraError('补充内容太短')
        return
      }
      setExtraError('')
      try {
        setView(await supplement(target, text))
        setExtra('')
        void Taro.showToast({ title: '已补充', icon: 'success' })
      } catch (error) {
        const issue = toApiRequestError(error).issues.find((i) => i.path === 'text')
        if (issue) setExtraError(issue.message)
      }
    })

  const onRate = (rating: ReportRating) =>
    run(async () => {
      if (!target || !view) return
      let comment: string | undefined
      if (rating === 'unsatisfied') {
        if (!reason.open) return setReason({ open: true, text: '', error: '' })
        comment = reason.text.trim()
        if (comment.length < 5) return setReason((x) => ({ ...x, error: '请用至少 5 个字说明不满意的原因' }))
      }
      const { confirm } = await Taro.showModal({
        title: `评价：${reportRatingLabels[rating]}`,
        content: ratingEffect(rating, reopenedBefore(view)),
        confirmText: '确定',
        cancelText: '取消',
      })
      if (!confirm) return
      try {
        setView(await rate(target, rating, comment))
        setReason({ open: false, text: '', error: '' })
        void Taro.showToast({ title: '感谢您的评价', icon: 'success' })
      } catch {
        // toasted by the request helper
      }
    })

  const onBack = () => {
    setView(null)
    setTarget(null)
  }

  if (view) {
    const reopened = reopenedBefore(view)
    return (
      <View className='page track'>
        <View className='card'>
          <View className='track__row'>
            <Text className='muted'>反映编号</Text>
            <Text id='track-serial'>{view.serial}</Text>
          </View>
          <View className='track__row'>
            <Text className='muted'>问题类别</Text>
            <Text id='track-category'>{view.categoryName}</Text>
          </View>
          <View className='track__row'>
            <Text className='muted'>提交时间</Text>
            <Text id='track-submitted'>{formatDateTime(view.submittedAt)}</Text>
          </View>
          <View className='track__row'>
            <Text className='muted'>当前状态</Text>
            <Text id='track-status' className='track__status'>
              {view.statusLabel}
            </Text>
          </View>
        </View>

        <View className='card'>
          <Text className='track__heading'>办理答复</Text>
          <Text id='track-reply' className={view.reply ? 'track__reply' : 'track__reply muted'}>
            {view.reply ?? '尚未答复。办理单位答复后会显示在这里。'}
          </Text>
          {view.repliedAt ? (
            <Text id='track-replied-at' className='muted'>
              答复时间：{formatDateTime(view.repliedAt)}
            </Text>
          ) : null}
          {view.rating ? (
            <Text id='track-rating' className='track__line'>
              您的评价：{reportRatingLabels[view.rating]}
            </Text>
          ) : null}
          {view.canRate ? (
            <View id='track-rate' className='track__rate'>
              <Text id='track-rate-note' className='muted track__line'>
                请对答复作出评价：满意或基本满意即办结；
                {reopened ? '本件已重新办理过一次，再选不满意也将办结。' : '不满意将重新办理一次（仅一次）。'}
                答复后 7 日内未评价的，系统自动办结。
              </Text>
              <View className='track__rate-buttons'>
                {reportRatings.map((r) => (
                  <Button key={r} id={`rate-${r}`} className={`track__rate-button track__rate-button--${r}`} disabled={busy} onClick={() => onRate(r)}>
                    {reportRatingLabels[r]}
                  </Button>
                ))}
              </View>
              {reason.open ? (
                <View id='rate-reason-box' className='track__rate-reason'>
                  <Text className='track__line'>请说明不满意的原因（必填），将随评价转给办理人员：</Text>
                  <Textarea
                    id='rate-reason'
                    className='track__textarea'
                    value={reason.text}
                    maxlength={500}
                    placeholder='如：答复没有回应反映的主要问题'
                    onInput={(e) => setReason({ open: true, text: e.detail.value, error: '' })}
                  />
                  {reason.error ? (
                    <Text id='rate-reason-error' className='track__error'>
                      {reason.error}
                    </Text>
                  ) : null}
                  <Button id='rate-reason-submit' className='primary-button' disabled={busy} onClick={() => onRate('unsatisfied')}>
                    提交不满意评价
                  </Button>
                </View>
              ) : null}
            </View>
          ) : null}
        </View>

        <View className='card'>
          <Text className='track__heading'>办理进度</Text>
          <View id='track-timeline'>
            {timelineRows(view.timeline).map((row, i) => (
              <View key={row.key} id={`track-step-${i}`} className='track__step'>
                <View className='track__dot' />
                <View className='track__step-body'>
                  <Text className='track__step-label'>
                    {row.label}
                    {row.statusLabel && row.statusLabel !== row.label ? `（${row.statusLabel}）` : ''}
                  </Text>
                  <Text className='muted'>{row.when}</Text>
                  {row.note ? <Text className='track__note'>{row.note}</Text> : null}
                </View>
              </View>
            ))}
          </View>
        </View>

        {view.canSupplement ? (
          <View className='card'>
            <Text className='track__heading'>补充材料</Text>
            <Textarea
              id='track-supplement'
              className='track__textarea'
              value={extra}
              maxlength={2000}
              placeholder='补充新的情况或线索（文字）'
              onInput={(e) => {
                setExtra(e.detail.value)
                setExtraError('')
              }}
            />
            {extraError ? (
              <Text id='track-supplement-error' className='track__error'>
                {extraError}
              </Text>
            ) : null}
            <Button id='track-supplement-submit' className='primary-button' disabled={busy} onClick={onSupplement}>
              提交补充
            </Button>
          </View>
        ) : null}

        <View className='card'>
          <Button id='track-back' className='track__plain-button' onClick={onBack}>
            查询其他反映
          </Button>
        </View>
      </View>
    )
  }

  return (
    <View className='page track'>
      <View className='card'>
        <Text className='track__heading'>凭查询码查询</Text>
        <Text className='muted'>保密反映提交后显示的查询码和查询密码，无需登录即可查看进度和答复。</Text>
        <View className='track__field'>
          <Text className='track__label'>查询码</Text>
          <Input id='track-code' className='track__input' type={process.env.TARO_ENV === 'weapp' ? 'number' : 'text'} value={code} maxlength={20} placeholder='16 位数字' onInput={(e) => setCode(e.detail.value)} />
          {lookupErrors.code ? (
            <Text id='track-code-error' className='track__error'>
              {lookupErrors.code}
            </Text>
          ) : null}
        </View>
        <View className='track__field'>
          <Text className='track__label'>查询密码</Text>
          <Input id='track-secret' className='track__input' value={secret} maxlength={12} placeholder='8 位字母或数字' onInput={(e) => setSecret(e.detail.value)} />
          {lookupErrors.secret ? (
            <Text id='track-secret-error' className='track__error'>
              {lookupErrors.secret}
            </Text>
          ) : null}
        </View>
        {lookupErrors.form ? (
          <Text id='track-error' className='track__error'>
            {lookupErrors.form}
          </Text>
        ) : null}
        <Button id='track-submit' className={busy ? 'primary-button primary-button--busy' : 'primary-button'} loading={busy} disabled={busy} onClick={onLookup}>
          查询
        </Button>
      </View>

      <LocalReceipts
        onPick={(r) => {
          setCode(r.queryCode)
          setLookupErrors({})
        }}
      />

      {mine.length ? (
        <View className='card'>
          <Text className='track__heading'>我的反映</Text>
          <Text className='muted'>本机（或本微信号）提交的实名反映。</Text>
          {mine.map((item, i) => (
            <View key={item.id} id={`track-mine-${i}`} className='track__mine' onClick={() => onOpenMine(item)}>
              <View className='track__row'>
                <Text>{item.serial}</Text>
                <Text className='track__status'>{item.statusLabel}</Text>
              </View>
              <Text className='muted'>
                {item.categoryName} · {formatDate(item.submittedAt)}
                {item.confidential ? ' · 保密' : ''}
              </Text>
              <Text className='track__summary'>{item.summary}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
