import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { applyScene, dropScene, isSceneCleared, parseScene, type ReportDraft } from '../../lib/report-draft'
import type { FieldErrors, ReportField } from '../../lib/report-form'
import { showErrorToast } from '../../services/feedback'
import { loadDraft, pendingReceipt, saveDraft, takeScene } from '../../services/report-storage'
import { listCategories } from '../../services/reports'
// Stylesheets land in import order, and the shared chunk wants the order the other pages use (PhotoPicker before
// PrivacyLinks and PrivacyDialog, SmsVerify after this page's own): the sections that carry them are imported to match.
import ReportNotices from '../../components/report/ReportNotices'
import ReportSubjectSection, { type ReportCategory } from '../../components/report/ReportSubjectSection'
import ReportAttachmentsSection from '../../components/report/ReportAttachmentsSection'
import PrivacyLinks from '../../components/PrivacyLinks'
import ReportNoticeGate from '../../components/ReportNoticeGate'
import { noticeConsent } from '../../services/consent'
import PrivacyDialog from '../../components/PrivacyDialog'
import './index.css'
import ReportIdentitySection, { useReportIdentity } from '../../components/report/ReportIdentitySection'
import ReportSubmitSection, { ReportUploadsPendingSection } from '../../components/report/ReportSubmitSection'
import type { DraftUpdate } from '../../components/report/section'
import { usePageRoot } from '../../services/text-size'
import { useReportSubmit } from './useReportSubmit'

/**
 * 我要反映: the page holds the draft (kept on the device at every change) and its errors; the sections draw and edit
 * it, and useReportSubmit sends it.
 */
export default function Report() {
  const pageRoot = usePageRoot()
  const [draft, setDraft] = useState<ReportDraft | null>(null)
  const [categories, setCategories] = useState<ReportCategory[]>([])
  const [errors, setErrors] = useState<FieldErrors>({})
  const [receiptWaiting, setReceiptWaiting] = useState(false)
  // 举报须知 comes before the first report from this device, and again when its text changes
  const [consented, setConsented] = useState(() => noticeConsent() !== null)
  const categoriesLoaded = useRef(false)
  const draftRef = useRef<ReportDraft | null>(null)
  draftRef.current = draft
  const identity = useReportIdentity(draft, setDraft)
  const submission = useReportSubmit({ draft, setDraft, setErrors, identityProblem: identity.problem, onReceiptOpened: () => setReceiptWaiting(true) })

  // Every change is kept on the device, so a closed app or a lost connection never loses what was typed.
  useEffect(() => {
    if (draft) saveDraft(draft)
  }, [draft])

  useDidShow(() => {
    setReceiptWaiting(!!pendingReceipt())
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

  const update: DraftUpdate = (patch, field?: ReportField) => {
    setDraft((d) => (d ? { ...d, ...patch } : d))
    if (field && errors[field]) setErrors((e) => ({ ...e, [field]: undefined, form: undefined }))
  }
  const section = { draft, errors, update, setErrors }
  const submitted = !!draft.reportId
  const controls = { progressText: submission.progressText, errors, busy: submission.busy, onSubmit: submission.submit }

  return (
    <View {...pageRoot('page report')}>
      <ReportNotices receiptWaiting={receiptWaiting && !submitted} scene={draft.scene} onDropScene={() => update({ ...dropScene(draft) })} />

      {submitted ? (
        <ReportUploadsPendingSection {...controls} draft={draft} onSkip={submission.finishWithoutUploads} />
      ) : (
        <>
          <View className='card'>
            <Text className='report__heading'>反映内容</Text>
            <ReportSubjectSection draft={draft} errors={errors} update={update} categories={categories} />
            <ReportAttachmentsSection {...section} />
          </View>
          <ReportIdentitySection {...section} identity={identity} />
          <ReportSubmitSection {...controls} />
        </>
      )}
      <PrivacyLinks idPrefix='report' />
      <PrivacyDialog />
    </View>
  )
}
