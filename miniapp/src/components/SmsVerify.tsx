import { Button, Image, Input, Text, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import { mobileNumber, SMS_CODE_LENGTH } from '@msjd/shared/h5-login'
import { toApiRequestError } from '../lib/api-error'
import { loginWithSms, sendSmsCode, smsCaptcha } from '../services/h5-login'
import './SmsVerify.css'

/**
 * H5 实名: the reporter's mobile number, proved by an SMS code before the report goes. Phone -> 获取验证码 -> the
 * captcha picture (answered here, checked by the server) -> the code from the SMS -> 验证. The number typed is the
 * report's 联系电话; once verified, the session that submits the report is this number's.
 */
export interface SmsVerifyProps {
  phone: string
  onPhoneChange: (phone: string) => void
  /** the number this device has verified (null: none) */
  verifiedPhone: string | null
  onVerified: (phone: string) => void
  /** the form's own message for the phone field (e.g. "请先验证手机号码") */
  error?: string
}

type Step = 'phone' | 'captcha' | 'code'

const normalise = (phone: string): string | null => {
  const parsed = mobileNumber.safeParse(phone)
  return parsed.success ? parsed.data : null
}

const svgSource = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`

export default function SmsVerify({ phone, onPhoneChange, verifiedPhone, onVerified, error }: SmsVerifyProps) {
  const [step, setStep] = useState<Step>('phone')
  const [captcha, setCaptcha] = useState<{ id: string; svg: string } | null>(null)
  const [answer, setAnswer] = useState('')
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const [wait, setWait] = useState(0)
  const timer = useRef<ReturnType<typeof setInterval> | null>(null)

  useEffect(() => () => {
    if (timer.current) clearInterval(timer.current)
  }, [])

  const number = normalise(phone)
  const verified = number !== null && number === verifiedPhone

  const countDown = (seconds: number) => {
    if (timer.current) clearInterval(timer.current)
    setWait(seconds)
    timer.current = setInterval(() => {
      setWait((w) => {
        if (w <= 1 && timer.current) {
          clearInterval(timer.current)
          timer.current = null
        }
        return Math.max(0, w - 1)
      })
    }, 1000)
  }

  const loadCaptcha = async () => {
    setAnswer('')
    try {
      const c = await smsCaptcha()
      setCaptcha({ id: c.captchaId, svg: c.svg })
      setStep('captcha')
    } catch (e) {
      setMessage(toApiRequestError(e).message)
    }
  }

  const onGetCode = async () => {
    if (busy || wait > 0) return
    if (!number) {
      setMessage('请输入 11 位手机号码')
      return
    }
    setMessage(null)
    setBusy(true)
    await loadCaptcha()
    setBusy(false)
  }

  const onSend = async () => {
    if (busy || !captcha || !number) return
    if (!answer.trim()) {
      setMessage('请输入图片中的字符')
      return
    }
    setBusy(true)
    setMessage(null)
    try {
      const sent = await sendSmsCode(number, captcha.id, answer)
      setCaptcha(null)
      setCode('')
      setStep('code')
      countDown(sent.resendIn)
      setMessage(`验证码已发送至 ${number.slice(0, 3)}****${number.slice(-4)}，${Math.round(sent.expiresIn / 60)} 分钟内有效`)
    } catch (e) {
      const failure = toApiRequestError(e)
      setMessage(failure.message)
      const retry = (failure.details as { retryAfter?: unknown } | undefined)?.retryAfter
      if (typeof retry === 'number') countDown(retry)
      // a captcha is spent by any answer: a fresh one for the next try, unless sending is on hold anyway
      if (failure.code === 'CAPTCHA_WRONG') await loadCaptcha()
      else {
        setCaptcha(null)
        setStep('phone')
      }
    } finally {
      setBusy(false)
    }
  }

  const onVerify = async () => {
    if (busy || !number) return
    if (!new RegExp(`^\\d{${SMS_CODE_LENGTH}}$`).test(code.trim())) {
      setMessage(`请输入短信中的 ${SMS_CODE_LENGTH} 位验证码`)
      return
    }
    setBusy(true)
    setMessage(null)
    try {
      await loginWithSms(number, code.trim())
      setStep('phone')
      setMessage(null)
      onVerified(number)
    } catch (e) {
      const failure = toApiRequestError(e)
      setMessage(failure.message)
      if (failure.code === 'SMS_CODE_BURNT' || failure.code === 'SMS_CODE_EXPIRED') {
        setCode('')
        setStep('phone')
      }
    } finally {
      setBusy(false)
    }
  }

  const onPhone = (e: { detail: { value: string } }) => {
    onPhoneChange(e.detail.value)
    // a different number starts over
    if (step !== 'phone') {
      setStep('phone')
      setCaptcha(null)
    }
    setMessage(null)
  }

  return (
    <View id='sms-verify' className='sms-verify'>
      <View className='sms-verify__row'>
        <Input id='report-phone' className='report__input sms-verify__phone' type='number' value={phone} maxlength={13} placeholder='11 位手机号码' onInput={onPhone} />
        {verified ? (
          <Text id='sms-verified' className='sms-verify__verified'>
            ✓ 已验证
          </Text>
        ) : (
          <Button id='sms-get-code' className='sms-verify__button' disabled={busy || wait > 0} onClick={onGetCode}>
            {wait > 0 ? `${wait} 秒后重发` : '获取验证码'}
          </Button>
        )}
      </View>
      {!verified && step === 'captcha' && captcha ? (
        <View id='sms-captcha' className='sms-verify__row sms-verify__step'>
          <Image id='sms-captcha-image' className='sms-verify__captcha' src={svgSource(captcha.svg)} aria-label='图形验证码，看不清请点击换一张' onClick={() => void loadCaptcha()} />
          <Input id='sms-captcha-answer' className='report__input sms-verify__grow' value={answer} maxlength={6} placeholder='图中字符' onInput={(e) => setAnswer(e.detail.value)} />
          <Button id='sms-send' className='sms-verify__button' disabled={busy} onClick={onSend}>
            发送
          </Button>
        </View>
      ) : null}
      {!verified && step === 'code' ? (
        <View className='sms-verify__row sms-verify__step'>
          <Input id='sms-code' className='report__input sms-verify__grow' type='number' value={code} maxlength={SMS_CODE_LENGTH} placeholder='短信验证码' onInput={(e) => setCode(e.detail.value)} />
          <Button id='sms-confirm' className='sms-verify__button' disabled={busy} onClick={onVerify}>
            验证
          </Button>
        </View>
      ) : null}
      {message ? (
        <Text id='sms-message' className='sms-verify__message'>
          {message}
        </Text>
      ) : null}
      {error && !verified ? (
        <Text id='report-phone-error' className='report__error'>
          {error}
        </Text>
      ) : null}
      {!verified ? <Text className='report__explain'>为核实实名反映人身份，网页版须用短信验证码验证手机号码；号码加密保存，只有办理人员可以查看。</Text> : null}
    </View>
  )
}
