import Taro from '@tarojs/taro'
import { citizenLoginResponse, type CitizenLoginResponse } from '@msjd/shared/auth'
import { ApiRequestError, clientErrorCodes, isApiRequestError } from '../lib/api-error'
import { DEVICE_ID_BYTES, encodeDeviceId, isValidDeviceId } from '../lib/device-id'
import { isSessionFresh, parseStoredSession, sessionFromLogin, type CitizenSession } from '../lib/session'
import { send } from './transport'

const SESSION_KEY = 'msjd.session'
const DEVICE_ID_KEY = 'msjd.deviceId'

/** Read at call time rather than captured, so tests can switch platform; builds inline it either way. */
const isWeapp = () => process.env.TARO_ENV === 'weapp'

export function currentSession(): CitizenSession | null {
  try {
    return parseStoredSession(Taro.getStorageSync(SESSION_KEY))
  } catch {
    return null
  }
}

export function clearSession(): void {
  try {
    Taro.removeStorageSync(SESSION_KEY)
  } catch {
    // Storage unavailable (H5 private mode): nothing was stored either.
  }
}

function saveSession(session: CitizenSession): void {
  try {
    Taro.setStorageSync(SESSION_KEY, session)
  } catch {
    // Not fatal: the session still lives for this request; the next one logs in again.
  }
}

function parseLogin(body: unknown): CitizenLoginResponse {
  const parsed = citizenLoginResponse.safeParse(body)
  if (!parsed.success) {
    throw new ApiRequestError({ status: 200, code: clientErrorCodes.badResponse, message: '登录服务返回了无法识别的数据，请稍后重试' })
  }
  return parsed.data
}

/** Secure random bytes (weapp: wx.getRandomValues; H5: WebCrypto); refuses rather than falling back to Math.random. */
export async function randomBytes(length: number): Promise<Uint8Array> {
  // Math.random would make the id guessable, and the id is the whole credential: without a secure source, refuse.
  if (isWeapp()) {
    if (typeof Taro.getRandomValues !== 'function') {
      throw new ApiRequestError({ status: 0, code: clientErrorCodes.noSecureRandom, message: '当前微信版本过低，请升级微信后重试' })
    }
    // Taro does not promisify this API on weapp (it returns undefined): use the callbacks.
    const { randomValues } = await new Promise<{ randomValues: ArrayBuffer }>((resolve, reject) => {
      Taro.getRandomValues({ length, success: resolve, fail: reject })
    })
    return new Uint8Array(randomValues)
  }
  if (typeof crypto !== 'undefined' && typeof crypto.getRandomValues === 'function') {
    return crypto.getRandomValues(new Uint8Array(length))
  }
  throw new ApiRequestError({ status: 0, code: clientErrorCodes.noSecureRandom, message: '当前浏览器不支持安全登录，请更换浏览器后重试' })
}

async function deviceId(): Promise<string> {
  let stored: unknown
  try {
    stored = Taro.getStorageSync(DEVICE_ID_KEY)
  } catch {
    stored = null
  }
  if (isValidDeviceId(stored)) return stored
  const id = encodeDeviceId(await randomBytes(DEVICE_ID_BYTES))
  Taro.setStorageSync(DEVICE_ID_KEY, id)
  return id
}

/** Code of the failure when H5 has no login of its own: device login is off (production) and no number is verified. */
export const SMS_LOGIN_REQUIRED = 'SMS_LOGIN_REQUIRED'
let deviceLoginRefused = false

async function loginWithDevice(): Promise<CitizenLoginResponse> {
  // once refused, not asked again on every request: H5 in production logs in only by SMS code (实名) or not at all
  if (!deviceLoginRefused) {
    try {
      return parseLogin(await send({ method: 'POST', path: '/api/public/auth/device', data: { deviceId: await deviceId() } }))
    } catch (error) {
      if (!(isApiRequestError(error) && error.code === 'DEVICE_LOGIN_DISABLED') || process.env.TARO_ENV !== 'h5') throw error
      deviceLoginRefused = true
    }
  }
  throw new ApiRequestError({ status: 401, code: SMS_LOGIN_REQUIRED, message: '请先验证手机号码：在“我要反映”选择实名反映，按提示获取短信验证码' })
}

/** Tests start each case from a fresh launch. */
export function forgetDeviceLoginRefusal(): void {
  deviceLoginRefused = false
}

/** A login made elsewhere (SMS code in H5) becomes this device's session. */
export function adoptLogin(body: unknown): CitizenSession {
  const session = sessionFromLogin(parseLogin(body), Date.now())
  saveSession(session)
  return session
}

async function loginWithWechat(): Promise<CitizenLoginResponse> {
  let code: string
  try {
    code = (await Taro.login()).code
  } catch {
    throw new ApiRequestError({ status: 0, code: clientErrorCodes.wechatLoginFailed, message: '微信登录失败，请稍后重试' })
  }
  return parseLogin(await send({ method: 'POST', path: '/api/public/auth/wechat', data: { code } }))
}

async function login(): Promise<CitizenSession> {
  let response: CitizenLoginResponse
  if (isWeapp()) {
    try {
      response = await loginWithWechat()
    } catch (error) {
      // A server without WeChat credentials (local development, the DevTools' tourist appid) still lets the
      // mini-program in through device login when its config allows that; otherwise that call says why not.
      if (!(isApiRequestError(error) && error.code === 'WECHAT_LOGIN_DISABLED')) throw error
      response = await loginWithDevice()
    }
  } else {
    response = await loginWithDevice()
  }
  const session = sessionFromLogin(response, Date.now())
  saveSession(session)
  return session
}

let inflight: Promise<CitizenSession> | null = null

/** Pages fire several requests at once on load; they all wait for the same login. */
function loginOnce(): Promise<CitizenSession> {
  if (!inflight) {
    const done = () => {
      inflight = null
    }
    // then(ok, fail) rather than finally(): weapp code is not polyfilled, and old engines lack Promise#finally.
    inflight = login().then(
      (session) => {
        done()
        return session
      },
      (error: unknown) => {
        done()
        throw error
      },
    )
  }
  return inflight
}

/** A usable session: the stored one while it is fresh, otherwise a new login. */
export async function ensureSession(): Promise<CitizenSession> {
  const session = currentSession()
  if (isSessionFresh(session, Date.now())) return session as CitizenSession
  return loginOnce()
}

/**
 * Called after the server refused `rejectedToken` (401). If a parallel request already replaced it, use the
 * replacement instead of logging in a second time.
 */
export async function renewSession(rejectedToken: string): Promise<CitizenSession> {
  if (inflight) return inflight
  const session = currentSession()
  if (session && session.token !== rejectedToken && isSessionFresh(session, Date.now())) return session
  clearSession()
  return loginOnce()
}

/** The citizen asked for it (我的 › 重新登录): always a fresh login. */
export async function relogin(): Promise<CitizenSession> {
  if (inflight) return inflight
  clearSession()
  return loginOnce()
}
