import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useEffect, useState, type Dispatch, type SetStateAction } from 'react'
import { mobileNumber, type CitizenLoginOptions } from '@msjd/shared/h5-login'
import { realNameMode, REAL_NAME_UNAVAILABLE_TEXT, type RealNameMode } from '../../lib/features'
import type { ReportDraft } from '../../lib/report-draft'
import type { FieldErrors } from '../../lib/report-form'
import { loginOptions, verifiedPhone } from '../../services/h5-login'
import FieldError from './FieldError'
import ReportContactSection from './ReportContactSection'
import type { ReportSectionProps } from './section'

export interface ReportIdentity {
  /** how 实名 works here: WeChat's or the device's session, an SMS-verified number in H5, or not at all */
  mode: RealNameMode
  /** the number this device has verified by SMS (H5), null when none */
  smsPhone: string | null
  setSmsPhone: (phone: string | null) => void
  /** what stops this draft's identity from being sent, next to the field it concerns; null when nothing */
  problem: (draft: ReportDraft) => FieldErrors | null
}

/**
 * H5 实名: by SMS code when the server offers it, otherwise 保密 only (see realNameMode), so a draft that chose 实名
 * turns 保密 while it has not been sent. Called at the top of the page: its useDidShow is the page's.
 */
export function useReportIdentity(draft: ReportDraft | null, setDraft: Dispatch<SetStateAction<ReportDraft | null>>): ReportIdentity {
  const [loginOpts, setLoginOpts] = useState<CitizenLoginOptions | null>(null)
  const [smsPhone, setSmsPhone] = useState<string | null>(() => verifiedPhone())
  const mode = realNameMode(process.env.TARO_ENV, loginOpts)
  useEffect(() => {
    if (mode === 'none' && draft && !draft.confidential && !draft.reportId) {
      setDraft({ ...draft, confidential: true, name: '', phone: '' })
    }
  }, [mode, draft])

  useDidShow(() => {
    if (process.env.TARO_ENV === 'h5') {
      void loginOptions().then(setLoginOpts)
      setSmsPhone(verifiedPhone())
    }
  })

  /** H5: 实名 needs the contact number verified by SMS code, and is not offered at all without SMS. */
  const problem = (d: ReportDraft): FieldErrors | null => {
    if (d.confidential) return null
    if (mode === 'none') return { confidential: '网页版暂未开通短信验证，只能保密反映' }
    if (mode === 'sms') {
      const typed = mobileNumber.safeParse(d.phone)
      if (!typed.success) return { phone: '实名反映请填写 11 位手机号码并验证' }
      if (typed.data !== smsPhone) return { phone: '请先获取短信验证码，验证手机号码后再提交' }
    }
    return null
  }

  return { mode, smsPhone, setSmsPhone, problem }
}

/** 反映方式: 实名 (name and number, sealed) or 保密 (neither; a query code and secret shown once instead). */
export default function ReportIdentitySection({ draft, errors, update, setErrors, identity }: ReportSectionProps & { identity: ReportIdentity }) {
  const { mode } = identity

  const setConfidential = (confidential: boolean) => {
    // Choosing 保密 forgets any name or phone typed before: none is sent, and none is kept on the device either.
    update(confidential ? { confidential, name: '', phone: '' } : { confidential }, 'confidential')
    setErrors((e) => ({ ...e, confidential: undefined, name: undefined, phone: undefined }))
  }

  return (
    <View className='card'>
      <Text className='report__heading'>反映方式</Text>
      <View className='report__choices'>
        <View
          id='report-realname'
          className={mode === 'none' ? 'report__choice report__choice--off' : draft.confidential ? 'report__choice' : 'report__choice report__choice--on'}
          aria-checked={!draft.confidential}
          aria-disabled={mode === 'none'}
          role='radio'
          onClick={() => (mode === 'none' ? undefined : setConfidential(false))}
        >
          <Text>{mode === 'none' ? '实名反映（网页版暂不可用）' : '实名反映'}</Text>
        </View>
        <View id='report-confidential' className={draft.confidential ? 'report__choice report__choice--on' : 'report__choice'} aria-checked={draft.confidential} role='radio' onClick={() => setConfidential(true)}>
          <Text>保密反映</Text>
        </View>
      </View>
      {mode === 'none' ? (
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
          <ReportContactSection draft={draft} errors={errors} update={update} mode={mode} smsPhone={identity.smsPhone} onSmsVerified={identity.setSmsPhone} />
        </>
      )}
      <FieldError errors={errors} field='confidential' />
    </View>
  )
}
