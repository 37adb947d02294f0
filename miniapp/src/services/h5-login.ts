// H5 实名 login by SMS code (server/src/modules/sms): which ways in the server offers, the captcha picture, sending the
// code and exchanging it for a session. Calls go without a token: the citizen has no login until the code is right.
import { citizenLoginOptionsResponse, smsCaptchaResponse, smsCodeResponse, type CitizenLoginOptions, type SmsCaptcha } from '@msjd/shared/h5-login'
import { ApiRequestError, clientErrorCodes, toApiRequestError } from '../lib/api-error'
import { adoptLogin, currentSession } from './auth'
import Taro from '@tarojs/taro'
import { send } from './transport'

const VERIFIED_PHONE_KEY = 'msjd.smsPhone'
let options: Promise<CitizenLoginOptions | null> | null = null

/** Asked once per launch; null when the server could not say (the form then behaves as before). */
export function loginOptions(): Promise<CitizenLoginOptions | null> {
  if (!options) {
    options = send({ path: '/api/public/auth/options' }).then(
      (body) => {
        const parsed = citizenLoginOptionsResponse.safeParse(body)
        return parsed.success ? parsed.data : null
      },
      () => {
        options = null // asked again next time the page shows
        return null
      },
    )
  }
  return options
}

async function call<T>(path: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, data?: unknown): Promise<T> {
  let body: unknown
  try {
    body = await send({ method: data === undefined ? 'GET' : 'POST', path, data })
  } catch (error) {
    throw toApiRequestError(error)
  }
  const parsed = schema.safeParse(body)
  if (!parsed.success) throw new ApiRequestError({ status: 200, code: clientErrorCodes.badResponse, message: '服务返回了无法识别的数据，请稍后重试' })
  return parsed.data
}

export const smsCaptcha = (): Promise<SmsCaptcha> => call('/api/public/h5/captcha', smsCaptchaResponse)

export const sendSmsCode = (phone: string, captchaId: string, captchaAnswer: string) =>
  call('/api/public/h5/sms-code', smsCodeResponse, { phone, captchaId, captchaAnswer })

/** Tests start each case from a fresh launch. */
export function forgetLoginOptions(): void {
  options = null
}

/** The code is right: its session becomes this device's, and the number is remembered as the verified one. */
export async function loginWithSms(phone: string, code: string): Promise<void> {
  let body: unknown
  try {
    body = await send({ method: 'POST', path: '/api/public/h5/sms-login', data: { phone, code } })
  } catch (error) {
    throw toApiRequestError(error)
  }
  adoptLogin(body)
  try {
    Taro.setStorageSync(VERIFIED_PHONE_KEY, phone)
  } catch {
    // without storage the number is verified for this page only
  }
}

/** The number this device verified, while its SMS session lasts. */
export function verifiedPhone(): string | null {
  const session = currentSession()
  if (!session || session.citizen.via !== 'sms' || session.expiresAt <= Date.now()) return null
  let phone: unknown
  try {
    phone = Taro.getStorageSync(VERIFIED_PHONE_KEY)
  } catch {
    return null
  }
  return typeof phone === 'string' && /^1\d{10}$/.test(phone) ? phone : null
}
