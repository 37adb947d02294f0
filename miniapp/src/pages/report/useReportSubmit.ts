import Taro from '@tarojs/taro'
import { useState, type Dispatch, type SetStateAction } from 'react'
import type { ReportSubmitResponse } from '@msjd/shared/reports'
import { errorIds } from '../../components/report/FieldError'
import { RECEIPT_URL } from '../../components/report/ReportNotices'
import { pendingText, progressText, type UploadProgress } from '../../components/report/pending'
import { toApiRequestError } from '../../lib/api-error'
import { dayOfSerial } from '../../lib/receipts'
import { pendingUploads, pendingVideo, type ReportDraft } from '../../lib/report-draft'
import { fieldErrorsFromApi, firstErrorField, hasErrors, toSubmitBody, validateDraft, type FieldErrors } from '../../lib/report-form'
import { showErrorToast } from '../../services/feedback'
import { useSingleFlight } from '../../services/page-load'
import { keepReceipt } from '../../services/receipts'
import { clearDraft, loadDraft, pendingReceipt, saveDraft, savePendingReceipt } from '../../services/report-storage'
import { submitReport, uploadPhoto } from '../../services/reports'
import { askToNotify } from '../../services/subscribe'
import { uploadVideo } from '../../services/videos'

const FIX_FIELDS_TOAST = '请按提示修改标红的内容'

/** Shows the errors by their fields and brings the first into view (after React has drawn its message). */
function showFieldErrors(errors: FieldErrors, setErrors: Dispatch<SetStateAction<FieldErrors>>) {
  setErrors(errors)
  const field = firstErrorField(errors)
  if (field) {
    setTimeout(() => {
      void Taro.pageScrollTo({ selector: `#${errorIds[field]}`, offsetTop: -120, duration: 200 }).catch(() => undefined)
    }, 0)
  }
  void Taro.showToast({ title: FIX_FIELDS_TOAST, icon: 'none', duration: 2500 })
}

export interface ReportSubmitOptions {
  /** the page's draft (null while it loads: nothing to submit yet) */
  draft: ReportDraft | null
  setDraft: Dispatch<SetStateAction<ReportDraft | null>>
  setErrors: Dispatch<SetStateAction<FieldErrors>>
  /** the identity rules of this platform (H5 实名 by SMS), checked after the form's own */
  identityProblem: (draft: ReportDraft) => FieldErrors | null
  /** the receipt has been opened: back on the form, the page reminds of it until it is confirmed */
  onReceiptOpened: () => void
}

export interface ReportSubmit {
  busy: boolean
  /** “正在上传第 1/2 张图片 50%”, or null when nothing uploads */
  progressText: string | null
  /** 提交, and 重试上传 once the report is accepted */
  submit: () => Promise<void>
  /** 不上传了，查看回执: finish without what did not upload */
  finishWithoutUploads: () => void
}

/**
 * 我要反映's submit: validation (the form's, then the identity's) with the page scrolled to the first error; the report
 * sent with the draft's idempotency key, so a retry after a lost answer files it once; the receipt kept for the
 * receipt page (and a 保密 one's code on the device); the photos and the video uploaded after it, each once, with
 * progress and a retry dialog; then the receipt. A failure is shown by its field, or under 提交 with what to do.
 */
export function useReportSubmit({ draft, setDraft, setErrors, identityProblem, onReceiptOpened }: ReportSubmitOptions): ReportSubmit {
  const flight = useSingleFlight()
  const [progress, setProgress] = useState<UploadProgress | null>(null)

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

  /** Opens the receipt, which says what did not reach the server; the form starts afresh with a new key. */
  const finish = async (d: ReportDraft) => {
    const receipt = pendingReceipt()
    if (receipt) savePendingReceipt({ ...receipt, photosFailed: pendingUploads(d).length, videoFailed: !!pendingVideo(d) })
    clearDraft()
    setErrors({})
    setDraft(await loadDraft())
    onReceiptOpened()
    await Taro.navigateTo({ url: RECEIPT_URL })
  }

  const send = async (d: ReportDraft) => {
    setErrors({})
    try {
      let current = d
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
        showFieldErrors(near, setErrors)
      } else {
        showErrorToast(failure)
        setErrors({
          form: failure.status === 0 ? `${failure.message}。填写的内容已保存在本机，网络恢复后再次点击“提交”即可，不会重复提交。` : failure.message,
        })
      }
    } finally {
      setProgress(null)
    }
  }

  const submit = async () => {
    if (!draft || flight.busy) return
    if (!draft.reportId) {
      const found = validateDraft(draft)
      const problem = hasErrors(found) ? found : identityProblem(draft)
      if (problem) {
        showFieldErrors(problem, setErrors)
        return
      }
      // on the tap itself, before anything is awaited (WeChat allows the dialog only then): a real-name reporter may
      // allow progress notices; a 保密 one has no account to notify
      if (!draft.confidential) void askToNotify()
    }
    await flight.run(() => send(draft))
  }

  const finishWithoutUploads = () => {
    if (!draft || flight.busy) return
    void finish(draft)
  }

  return { busy: flight.busy, progressText: progressText(progress), submit, finishWithoutUploads }
}
