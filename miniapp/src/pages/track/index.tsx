import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { reportAnswerBody,   type ReportPublicView } from '@msjd/shared/reports'
import { toApiRequestError } from '../../lib/api-error'
import { MAX_PHOTOS } from '../../lib/report-draft'
import { formatDate, formatDateTime,    validateLookup, type LookupErrors } from '../../lib/report-view'
import { showErrorToast } from '../../services/feedback'
import { answer, getMine, listMine, lookup, rate, supplement, uploadPhoto, type ReportTarget } from '../../services/reports'
import { takeReportToOpen } from '../../services/report-storage'
import LocalReceipts from '../../components/LocalReceipts'
import PhotoPicker from '../../components/PhotoPicker'
import './index.css'
import PrivacyLinks from '../../components/PrivacyLinks'
import PrivacyDialog from '../../components/PrivacyDialog'
import { progressIds, ReportReplyCard, ReportStatusCard, ReportTimelineCard, type ProgressIds } from '../../components/ReportProgress'
import { useSingleFlight } from '../../services/page-load'
import { usePageRoot } from '../../services/text-size'

/** 进度查询's rating ids are older than the shared view: kept as they were for the tests and browser flows. */
const ids: ProgressIds = {
  ...progressIds('track'),
  rateButton: (rating) => `rate-${rating}`,
  reasonBox: 'rate-reason-box',
  reason: 'rate-reason',
  reasonError: 'rate-reason-error',
  reasonSubmit: 'rate-reason-submit',
}

type MineItem = Awaited<ReturnType<typeof listMine>>['items'][number]

/** The answer being written to the commission's question: text, picked photos, what went wrong, upload progress. */
interface AnswerForm {
  text: string
  error: string
  photos: string[]
  photosError: string
  progress: { index: number; total: number; percent: number } | null
}
const emptyAnswer: AnswerForm = { text: '', error: '', photos: [], photosError: '', progress: null }

/** A photo that joined an answer: its message and the report count one more. */
function withPhotoOn(view: ReportPublicView, messageId: string): ReportPublicView {
  return {
    ...view,
    attachmentCount: view.attachmentCount + 1,
    messages: view.messages.map((m) => (m.id === messageId ? { ...m, photoCount: m.photoCount + 1 } : m)),
  }
}

export default function Track() {
  const pageRoot = usePageRoot()
  const [code, setCode] = useState('')
  const [secret, setSecret] = useState('')
  const [lookupErrors, setLookupErrors] = useState<LookupErrors & { form?: string }>({})
  const [mine, setMine] = useState<MineItem[]>([])
  const [target, setTarget] = useState<ReportTarget | null>(null)
  const [view, setView] = useState<ReportPublicView | null>(null)
  const [extra, setExtra] = useState('')
  const [extraError, setExtraError] = useState('')
  const [reply, setReply] = useState<AnswerForm>(emptyAnswer)
  const { busy, run } = useSingleFlight()

  useDidShow(() => {
    // The citizen's own reports from this device (or WeChat account); quietly absent when that fails.
    listMine()
      .then((res) => setMine(res.items))
      .catch(() => setMine([]))
    // a 消息 about one of them opens it here (switchTab cannot carry the id)
    const handed = takeReportToOpen()
    if (handed) void onOpenMine({ id: handed })
  })

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
        setReply(emptyAnswer)
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

  const onOpenMine = (item: Pick<MineItem, 'id'>) =>
    run(async () => {
      try {
        setView(await getMine(item.id))
        setTarget({ kind: 'mine', id: item.id })
        setExtra('')
        setReply(emptyAnswer)
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

  /** The report as it reads now (after a 409 the question or the report changed meanwhile); quiet when that fails. */
  const reload = async (t: ReportTarget) => {
    try {
      setView(t.kind === 'mine' ? await getMine(t.id) : await lookup({ code: t.code, secret: t.secret }))
    } catch {
      // the view stays as it was
    }
  }

  /** Photos of an answer, after it is stored: each joins the answer (?messageId=); failed ones may be tried again. */
  const uploadAnswerPhotos = async (t: ReportTarget, reportId: string, messageId: string, photos: string[]) => {
    const creds = t.kind === 'code' ? { code: t.code, secret: t.secret } : undefined
    let todo = photos
    while (todo.length) {
      const batch = todo
      const failed: string[] = []
      let lastMessage = ''
      for (let i = 0; i < batch.length; i++) {
        const progress = (percent: number) => setReply((r) => ({ ...r, progress: { index: i + 1, total: batch.length, percent } }))
        progress(0)
        try {
          await uploadPhoto(reportId, batch[i], { onProgress: progress, creds, messageId })
          setView((v) => (v ? withPhotoOn(v, messageId) : v))
        } catch (error) {
          failed.push(batch[i])
          lastMessage = toApiRequestError(error).message
        }
      }
      setReply((r) => ({ ...r, progress: null }))
      if (!failed.length) return
      const { confirm } = await Taro.showModal({
        title: '部分图片未上传',
        content: `回复已发送，但有 ${failed.length} 张图片上传失败（${lastMessage}）。可以重试上传，也可以不带这些图片。`,
        confirmText: '重试上传',
        cancelText: '不传了',
      })
      todo = confirm ? failed : []
    }
  }

  const onAnswer = () =>
    run(async () => {
      if (!target || !view) return
      const checked = reportAnswerBody.safeParse({ body: reply.text })
      if (!checked.success) {
        setReply((r) => ({ ...r, error: checked.error.issues[0]?.message ?? '请填写回复内容' }))
        return
      }
      setReply((r) => ({ ...r, error: '' }))
      let res: Awaited<ReturnType<typeof answer>>
      try {
        res = await answer(target, checked.data.body)
      } catch (error) {
        const failure = toApiRequestError(error)
        const issue = failure.issues.find((i) => i.path === 'body')
        if (issue) return setReply((r) => ({ ...r, error: issue.message }))
        showErrorToast(failure)
        if (failure.status === 409) await reload(target)
        return
      }
      setView(res.report)
      const photos = reply.photos
      setReply(emptyAnswer)
      await uploadAnswerPhotos(target, res.report.id, res.messageId, photos)
      void Taro.showToast({ title: '已回复', icon: 'success' })
    })

  const onBack = () => {
    setView(null)
    setTarget(null)
    setReply(emptyAnswer)
  }

  if (view && target) {
    const replyProgress = reply.progress ? `正在上传第 ${reply.progress.index}/${reply.progress.total} 张图片 ${Math.round(reply.progress.percent)}%` : null
    return (
      <View {...pageRoot('page track')}>
        {view.awaitingAnswer && view.canAnswer ? (
          <View
            id='answer-banner'
            className='card track__banner'
            onClick={() => void Taro.pageScrollTo({ selector: '#answer-form', offsetTop: -80, duration: 200 }).catch(() => undefined)}
          >
            <Text>办理人员向您询问了情况，请查看并回复</Text>
          </View>
        ) : null}
        <ReportStatusCard view={view} ids={ids} />

        {view.messages.length ? (
          <View className='card'>
            <Text className='track__heading'>办理人员询问</Text>
            <View id='message-thread'>
              {view.messages.map((m, i) => (
                <View key={m.id} id={`message-${i}`} data-sender={m.sender} className={`track__message track__message--${m.sender}`}>
                  <View className='track__row'>
                    <Text className='track__message-who'>{m.sender === 'staff' ? '办理人员' : '我'}</Text>
                    <Text className='muted'>{formatDateTime(m.at)}</Text>
                  </View>
                  <Text className='track__message-body'>{m.body}</Text>
                  {m.photoCount > 0 ? <Text className='muted track__message-photos'>附图片 {m.photoCount} 张</Text> : null}
                </View>
              ))}
            </View>
            {view.canAnswer ? (
              <View id='answer-form' className='track__answer'>
                <Text className='track__label'>回复办理人员</Text>
                <Textarea
                  id='answer-text'
                  className='track__textarea'
                  value={reply.text}
                  maxlength={5000}
                  placeholder='请针对询问说明情况'
                  onInput={(e) => {
                    const text = e.detail.value
                    setReply((r) => ({ ...r, text, error: '' }))
                  }}
                />
                {reply.error ? (
                  <Text id='answer-text-error' className='track__error'>
                    {reply.error}
                  </Text>
                ) : null}
                <Text className='track__label track__line'>
                  图片（选填，{reply.photos.length}/{MAX_PHOTOS}）
                </Text>
                <PhotoPicker
                  idPrefix='answer-photo'
                  photos={reply.photos}
                  max={MAX_PHOTOS}
                  disabled={busy}
                  onPicked={(accepted, refused) =>
                    setReply((r) => ({ ...r, photos: [...r.photos, ...accepted.filter((p) => !r.photos.includes(p))].slice(0, MAX_PHOTOS), photosError: refused ?? '' }))
                  }
                  onRemove={(p) => setReply((r) => ({ ...r, photos: r.photos.filter((x) => x !== p), photosError: '' }))}
                />
                {reply.photosError ? (
                  <Text id='answer-photos-error' className='track__error'>
                    {reply.photosError}
                  </Text>
                ) : null}
                {replyProgress ? (
                  <Text id='answer-progress' className='muted track__line'>
                    {replyProgress}
                  </Text>
                ) : null}
                <Button id='answer-submit' className={busy ? 'primary-button primary-button--busy' : 'primary-button'} loading={busy} disabled={busy} onClick={onAnswer}>
                  提交回复
                </Button>
              </View>
            ) : null}
          </View>
        ) : null}

        <ReportReplyCard
          view={view}
          ids={ids}
          pendingText='尚未答复。办理单位答复后会显示在这里。'
          rateLead='请对答复作出评价'
          rateTail='答复后 7 日内未评价的，系统自动办结。'
          busy={busy}
          run={run}
          send={(rating, comment) => rate(target, rating, comment)}
          onRated={setView}
        />

        <ReportTimelineCard view={view} ids={ids} />

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
    <View {...pageRoot('page track')}>
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
      <PrivacyLinks idPrefix='track' />
      <PrivacyDialog />
    </View>
  )
}
