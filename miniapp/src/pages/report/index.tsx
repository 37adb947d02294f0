import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import type { ReportSubmitResponse } from '@msjd/shared/reports'
import { toApiRequestError } from '../../lib/api-error'
import { addPhotos, applyScene, CONTENT_MAX, dropScene, isSceneCleared, MAX_PHOTOS, parseScene, pendingUploads, pendingVideo, removePhoto, type ReportDraft } from '../../lib/report-draft'
import { fieldErrorsFromApi, firstErrorField, hasErrors, toSubmitBody, validateDraft, type FieldErrors, type ReportField } from '../../lib/report-form'
import { showErrorToast } from '../../services/feedback'
import { clearDraft, loadDraft, pendingReceipt, saveDraft, savePendingReceipt, takeScene } from '../../services/report-storage'
import { listCategories, submitReport, uploadPhoto } from '../../services/reports'
import { keepReceipt } from '../../services/receipts'
import { dayOfSerial } from '../../lib/receipts'
import PhotoPicker from '../../components/PhotoPicker'
import VideoPicker from '../../components/VideoPicker'
import { uploadVideo } from '../../services/videos'
import PrivacyLinks from '../../components/PrivacyLinks'
import ReportNoticeGate from '../../components/ReportNoticeGate'
import { noticeConsent } from '../../services/consent'
import PrivacyDialog from '../../components/PrivacyDialog'
import { requirePrivacy } from '../../services/privacy'
import './index.css'
import { askToNotify } from '../../services/subscribe'
import { usePageRoot } from '../../services/text-size'
import type { CitizenLoginOptions } from '@msjd/shared/h5-login'
import { mobileNumber } from '@msjd/shared/h5-login'
import { realNameMode, REAL_NAME_UNAVAILABLE_TEXT } from '../../lib/features'
import { loginOptions, verifiedPhone } from '../../services/h5-login'
import SmsVerify from '../../components/SmsVerify'

export const RECEIPT_URL = '/pages/receipt/index'

type Category = { code: string; name: string }

/** Element id of each field's error line: `<field id>-error`. */
const errorIds: Record<ReportField, string> = {
  category: 'report-category-error',
  unit: 'report-unit-error',
  person: 'report-person-error',
  content: 'report-content-error',
  occurredAt: 'report-time-error',
  location: 'report-place-error',
  photos: 'report-photos-error',
  confidential: 'report-confidential-error',
  name: 'report-name-error',
  phone: 'report-phone-error',
  form: 'report-form-error',
}

/** Brings the first field in error into view (after React has drawn its message). */
function scrollToFirstError(errors: FieldErrors) {
  const field = firstErrorField(errors)
  if (!field) return
  setTimeout(() => {
    void Taro.pageScrollTo({ selector: `#${errorIds[field]}`, offsetTop: -120, duration: 200 }).catch(() => undefined)
  }, 0)
}

function FieldError({ errors, field }: { errors: FieldErrors; field: ReportField }) {
  const message = errors[field]
  return message ? (
    <Text id={errorIds[field]} className='report__error'>
      {message}
    </Text>
  ) : null
}

type Progress = { index: number; total: number; percent: number; video?: boolean }

/** What is still to upload after the report was accepted: “ 2 张图片和视频” (a number gets its space before it). */
function pendingText(d: ReportDraft): string {
  const photos = pendingUploads(d).length
  const video = pendingVideo(d) ? '视频' : ''
  return [photos ? ` ${photos} 张图片` : '', video].filter(Boolean).join('和')
}

/** Upload progress, the form-level error and the one submit button: the same whether sending or retrying photos. */
function SubmitControls(props: { progressText: string | null; errors: FieldErrors; busy: boolean; label: string; onSubmit: () => void }) {
  const { progressText, errors, busy, label, onSubmit } = props
  return (
    <>
      {progressText ? (
        <Text id='report-progress' className='report__progress'>
          {progressText}
        </Text>
      ) : null}
      <FieldError errors={errors} field='form' />
      <Button id='report-submit' className={busy ? 'primary-button primary-button--busy' : 'primary-button'} loading={busy} disabled={busy} onClick={onSubmit}>
        {label}
      </Button>
    </>
  )
}

export default function Report() {
  const pageRoot = usePageRoot()
  const [draft, setDraft] = useState<ReportDraft | null>(null)
  const [categories, setCategories] = useState<Category[]>([])
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)
  const [progress, setProgress] = useState<Progress | null>(null)
  const [receiptWaiting, setReceiptWaiting] = useState(false)
  // 举报须知 comes before the first report from this device, and again when its text changes
  const [consented, setConsented] = useState(() => noticeConsent() !== null)
  const categoriesLoaded = useRef(false)
  const draftRef = useRef<ReportDraft | null>(null)
  draftRef.current = draft
  // H5 实名: by SMS code when the server offers it, otherwise 保密 only (see realNameMode)
  const [loginOpts, setLoginOpts] = useState<CitizenLoginOptions | null>(null)
  const [smsPhone, setSmsPhone] = useState<string | null>(() => verifiedPhone())
  const identityMode = realNameMode(process.env.TARO_ENV, loginOpts)
  useEffect(() => {
    if (identityMode === 'none' && draft && !draft.confidential && !draft.reportId) {
      setDraft({ ...draft, confidential: true, name: '', phone: '' })
    }
  }, [identityMode, draft])

  // Every change is kept on the device, so a closed app or a lost connection never loses what was typed.
  useEffect(() => {
    if (draft) saveDraft(draft)
  }, [draft])

  useDidShow(() => {
    setReceiptWaiting(!!pendingReceipt())
    if (process.env.TARO_ENV === 'h5') {
      void loginOptions().then(setLoginOpts)
      setSmsPhone(verifiedPhone())
    }
    if (!categoriesLoaded.current) {
      categoriesLoaded.current = true
      listCategories()
        .then((res) => setCategories(res.items))
        .catch(() => {
          categoriesLoaded.current = false // toasted by the request helper; tried again when the tab is shown again
        })
    }
    const handed = takeScene()
    const scene = parseScene(handed)
    const current = draftRef.current
    if (current) {
      if (scene) setDraft(applyScene(current, scene))
      else if (isSceneCleared(handed)) setDraft(dropScene(current))
      return
    }
    // a scene belongs to the visit that scanned it: a draft kept from an earlier visit comes back without it
    loadDraft()
      .then((loaded) => setDraft(scene ? applyScene(loaded, scene) : dropScene(loaded)))
      .catch((error: unknown) => showErrorToast(error))
  })

  if (!consented) return <ReportNoticeGate onAgreed={() => setConsented(true)} />

  if (!draft) {
    return (
      <View {...pageRoot('page')}>
        <View className='card'>
          <Text id='report-loading' className='muted'>
            正在加载…
          </Text>
        </View>
      </View>
    )
  }

  const update = (patch: Partial<ReportDraft>, field?: ReportField) => {
    setDraft((d) => (d ? { ...d, ...patch } : d))
    if (field && errors[field]) setErrors((e) => ({ ...e, [field]: undefined, form: undefined }))
  }
  const onText = (key: 'unit' | 'person' | 'content' | 'occurredAt' | 'location' | 'name' | 'phone', field: ReportField = key) => (e: { detail: { value: string } }) =>
    update({ [key]: e.detail.value } as Partial<ReportDraft>, field)

  const onCategory = (e: { detail: { value: string | number } }) => {
    const c = categories[Number(e.detail.value)]
    if (c) update({ category: c.code, categoryName: c.name }, 'category')
  }

  const setConfidential = (confidential: boolean) => {
    // Choosing 保密 forgets any name or phone typed before: none is sent, and none is kept on the device either.
    update(confidential ? { confidential, name: '', phone: '' } : { confidential }, 'confidential')
    setErrors((e) => ({ ...e, confidential: undefined, name: undefined, phone: undefined }))
  }

  const onPhotosPicked = (accepted: string[], refused: string | undefined) => {
    if (accepted.length) update({ photos: addPhotos(draft, accepted).photos }, 'photos')
    setErrors((e) => ({ ...e, photos: refused }))
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

  const uploadMissing = async (d: ReportDraft): Promise<{ draft: ReportDraft; failed: number; lastMessage: string }> => {
    let current = d
    let failed = 0
    let lastMessage = ''
    const todo = pendingUploads(current)
    const receipt = pendingReceipt()
    const creds = receipt?.confidential && receipt.queryCode && receipt.querySecret ? { code: receipt.queryCode, secret: receipt.querySecret } : undefined
    for (let i = 0; i < todo.length; i++) {
      setProgress({ index: i + 1, total: todo.length, percent: 0 })
      try {
        await uploadPhoto(current.reportId as string, todo[i], { onProgress: (percent) => setProgress({ index: i + 1, total: todo.length, percent }), creds })
        current = { ...current, uploaded: [...current.uploaded, todo[i]] }
        setDraft(current)
      } catch (error) {
        failed += 1
        lastMessage = toApiRequestError(error).message
      }
    }
    const video = pendingVideo(current)
    if (video) {
      setProgress({ index: 1, total: 1, percent: 0, video: true })
      try {
        await uploadVideo(current.reportId as string, video.path, { onProgress: (percent) => setProgress({ index: 1, total: 1, percent, video: true }), creds })
        current = { ...current, videoUploaded: true }
        setDraft(current)
      } catch (error) {
        failed += 1
        lastMessage = toApiRequestError(error).message
      }
    }
    setProgress(null)
    return { draft: current, failed, lastMessage }
  }

  /** Opens the receipt, which says what did not reach the server. */
  const finish = async (d: ReportDraft) => {
    const receipt = pendingReceipt()
    if (receipt) savePendingReceipt({ ...receipt, photosFailed: pendingUploads(d).length, videoFailed: !!pendingVideo(d) })
    clearDraft()
    setErrors({})
    setDraft(await loadDraft())
    setReceiptWaiting(true)
    await Taro.navigateTo({ url: RECEIPT_URL })
  }

  const onSubmit = async () => {
    if (busy) return
    if (!draft.reportId) {
      const found = validateDraft(draft)
      if (hasErrors(found)) {
        setErrors(found)
        scrollToFirstError(found)
        void Taro.showToast({ title: '请按提示修改标红的内容', icon: 'none', duration: 2500 })
        return
      }
      const identity = identityProblem()
      if (identity) {
        setErrors(identity)
        scrollToFirstError(identity)
        void Taro.showToast({ title: '请按提示修改标红的内容', icon: 'none', duration: 2500 })
        return
      }
      // on the tap itself, before anything is awaited (WeChat allows the dialog only then): a real-name reporter may
      // allow progress notices; a 保密 one has no account to notify
      if (!draft.confidential) void askToNotify()
    }
    setBusy(true)
    setErrors({})
    try {
      let current = draft
      if (!current.reportId) {
        // The draft's idempotency key goes with every attempt: a retry after a lost answer returns the same report.
        const res: ReportSubmitResponse = await submitReport(toSubmitBody(current))
        savePendingReceipt({
          serial: res.serial,
          acceptDueOn: res.acceptDueOn,
          confidential: current.confidential,
          replayed: res.replayed,
          queryCode: res.queryCode,
          querySecret: res.querySecret,
          notice: res.notice,
          photosFailed: 0,
          videoFailed: false,
        })
        if (res.queryCode) keepReceipt({ serial: res.serial, queryCode: res.queryCode, submittedOn: dayOfSerial(res.serial) })
        current = { ...current, reportId: res.id }
        setDraft(current)
        saveDraft(current)
      }
      const uploaded = await uploadMissing(current)
      if (uploaded.failed > 0) {
        const { confirm } = await Taro.showModal({
          title: '部分材料未上传',
          content: `反映已提交，但${pendingText(uploaded.draft)}上传失败（${uploaded.lastMessage}）。可以重试上传，也可以不带这些材料完成。`,
          confirmText: '重试上传',
          cancelText: '直接完成',
        })
        if (confirm) return
      }
      await finish(uploaded.draft)
    } catch (error) {
      const failure = toApiRequestError(error)
      const near = fieldErrorsFromApi(failure)
      if (hasErrors(near)) {
        setErrors(near)
        scrollToFirstError(near)
        void Taro.showToast({ title: '请按提示修改标红的内容', icon: 'none', duration: 2500 })
      } else {
        showErrorToast(failure)
        setErrors({
          form:
            failure.status === 0
              ? `${failure.message}。填写的内容已保存在本机，网络恢复后再次点击“提交”即可，不会重复提交。`
              : failure.message,
        })
      }
    } finally {
      setBusy(false)
      setProgress(null)
    }
  }

  /** H5: 实名 needs the contact number verified by SMS code, and is not offered at all without SMS. */
  function identityProblem(): FieldErrors | null {
    if (draft!.confidential) return null
    if (identityMode === 'none') return { confidential: '网页版暂未开通短信验证，只能保密反映' }
    if (identityMode === 'sms') {
      const typed = mobileNumber.safeParse(draft!.phone)
      if (!typed.success) return { phone: '实名反映请填写 11 位手机号码并验证' }
      if (typed.data !== smsPhone) return { phone: '请先获取短信验证码，验证手机号码后再提交' }
    }
    return null
  }

  const onSkipPhotos = () => {
    if (busy) return
    void finish(draft)
  }

  const categoryIndex = Math.max(0, categories.findIndex((c) => c.code === draft.category))
  const submitted = !!draft.reportId
  const progressText = progress
    ? progress.video
      ? `正在上传视频 ${Math.round(progress.percent)}%`
      : `正在上传第 ${progress.index}/${progress.total} 张图片 ${Math.round(progress.percent)}%`
    : null

  return (
    <View {...pageRoot('page report')}>
      {receiptWaiting && !submitted ? (
        <View id='report-receipt-waiting' className='card report__notice' onClick={() => Taro.navigateTo({ url: RECEIPT_URL })}>
          <Text>您有一份回执尚未确认保存（保密反映的查询码和密码只显示这一次），点此查看。</Text>
        </View>
      ) : null}
      {draft.scene ? (
        <View id='report-scene' className='card report__notice report__scene'>
          <Text className='report__grow'>扫码反映：{draft.scene.label || draft.scene.unitName || '已识别二维码'}</Text>
          <Text id='report-scene-clear' className='report__scene-clear' aria-label='不按二维码填写' onClick={() => update({ ...dropScene(draft) })}>
            ✕
          </Text>
        </View>
      ) : null}

      {submitted ? (
        <View className='card'>
          <Text id='report-submitted' className='report__heading'>
            反映已提交，还有{pendingText(draft)}未上传
          </Text>
          <Text className='muted'>请保持网络畅通后重试上传；也可以不带这些材料完成，之后凭回执补充文字材料。</Text>
          <SubmitControls progressText={progressText} errors={errors} busy={busy} label={`重试上传${pendingText(draft)}`} onSubmit={onSubmit} />
          <Button id='report-skip-photos' className='report__plain-button' disabled={busy} onClick={onSkipPhotos}>
            不上传了，查看回执
          </Button>
        </View>
      ) : (
        <>
          <View className='card'>
            <Text className='report__heading'>反映内容</Text>

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

            <View className='report__field'>
              <Text className='report__label'>被反映单位</Text>
              <Input id='report-unit' className='report__input' value={draft.unit} maxlength={100} placeholder='如：某某镇人民政府（选填）' onInput={onText('unit')} />
              <FieldError errors={errors} field='unit' />
            </View>

            <View className='report__field'>
              <Text className='report__label'>被反映人</Text>
              <Input id='report-person' className='report__input' value={draft.person} maxlength={100} placeholder='姓名、职务（选填）' onInput={onText('person')} />
              <FieldError errors={errors} field='person' />
            </View>

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

            <View className='report__field'>
              <Text className='report__label'>发生时间</Text>
              <Input id='report-time' className='report__input' value={draft.occurredAt} maxlength={50} placeholder='如：2026年11月上旬（选填）' onInput={onText('occurredAt')} />
              <FieldError errors={errors} field='occurredAt' />
            </View>

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

            <View className='report__field'>
              <Text className='report__label'>
                照片（{draft.photos.length}/{MAX_PHOTOS}）
              </Text>
              <PhotoPicker idPrefix='report-photo' photos={draft.photos} max={MAX_PHOTOS} onPicked={onPhotosPicked} onRemove={(p) => update({ photos: removePhoto(draft, p).photos })} />
              <FieldError errors={errors} field='photos' />
            </View>

            <View className='report__field'>
              <Text className='report__label'>视频（选填）</Text>
              <VideoPicker idPrefix='report-video' video={draft.video} uploaded={draft.videoUploaded} onPicked={(video) => update({ video })} onRemove={() => update({ video: null })} />
            </View>
          </View>

          <View className='card'>
            <Text className='report__heading'>反映方式</Text>
            <View className='report__choices'>
              <View
                id='report-realname'
                className={identityMode === 'none' ? 'report__choice report__choice--off' : draft.confidential ? 'report__choice' : 'report__choice report__choice--on'}
                aria-checked={!draft.confidential}
                aria-disabled={identityMode === 'none'}
                role='radio'
                onClick={() => (identityMode === 'none' ? undefined : setConfidential(false))}
              >
                <Text>{identityMode === 'none' ? '实名反映（网页版暂不可用）' : '实名反映'}</Text>
              </View>
              <View
                id='report-confidential'
                className={draft.confidential ? 'report__choice report__choice--on' : 'report__choice'}
                aria-checked={draft.confidential}
                role='radio'
                onClick={() => setConfidential(true)}
              >
                <Text>保密反映</Text>
              </View>
            </View>
            {identityMode === 'none' ? (
              <Text id='report-realname-unavailable' className='report__explain report__unavailable'>
                {REAL_NAME_UNAVAILABLE_TEXT}
              </Text>
            ) : null}
            {draft.confidential ? (
              <Text id='report-confidential-note' className='report__explain'>
                保密反映不填写姓名和联系方式。提交后会显示查询码和查询密码，凭它们查看办理进度和答复、补充材料。查询码和密码只显示一次，遗失后无法找回，也就无法跟进这件反映。
              </Text>
            ) : (
              <>
                <Text id='report-realname-note' className='report__explain'>
                  姓名和电话加密保存，只有办理人员可以查看，用于核实情况和反馈结果。
                </Text>
                <View className='report__field'>
                  <Text className='report__label'>
                    姓名<Text className='report__required'>*</Text>
                  </Text>
                  <Input id='report-name' className='report__input' value={draft.name} maxlength={50} placeholder='您的姓名' onInput={onText('name')} />
                  <FieldError errors={errors} field='name' />
                </View>
                {identityMode === 'sms' ? (
                  <View className='report__field'>
                    <Text className='report__label'>
                      手机号码<Text className='report__required'>*</Text>
                    </Text>
                    <SmsVerify
                      phone={draft.phone}
                      onPhoneChange={(phone) => update({ phone }, 'phone')}
                      verifiedPhone={smsPhone}
                      onVerified={(phone) => {
                        setSmsPhone(phone)
                        update({ phone }, 'phone')
                      }}
                      error={errors.phone}
                    />
                  </View>
                ) : (
                  <View className='report__field'>
                    <Text className='report__label'>
                      联系电话<Text className='report__required'>*</Text>
                    </Text>
                    <Input id='report-phone' className='report__input' type='text' value={draft.phone} maxlength={20} placeholder='手机或座机号码' onInput={onText('phone')} />
                    <FieldError errors={errors} field='phone' />
                  </View>
                )}
              </>
            )}
            <FieldError errors={errors} field='confidential' />
          </View>

          <View className='card report__actions'>
            <SubmitControls progressText={progressText} errors={errors} busy={busy} label={busy ? '正在提交…' : '提交'} onSubmit={onSubmit} />
            <Text className='muted report__hint'>填写内容会自动保存在本机，提交成功后清除。</Text>
          </View>
        </>
      )}
      <PrivacyLinks idPrefix='report' />
      <PrivacyDialog />
    </View>
  )
}
