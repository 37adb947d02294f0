import { citizenLoginResponse, type CitizenLoginResponse } from '@msjd/shared/auth'

export type CitizenIdentity = CitizenLoginResponse['citizen']

/** What we keep in storage after a login. `expiresAt` is in the device's clock (ms since epoch). */
export interface CitizenSession {
  token: string
  expiresAt: number
  citizen: CitizenIdentity
}

/** Renew this long before the server would refuse the token, so a request started now still carries a valid one. */
export const SESSION_RENEW_MARGIN_MS = 60_000

/**
 * `expiresIn` is in seconds and relative to now. We deliberately do not read the JWT's `exp`: it is absolute
 * server time, and a phone whose clock is off would then see every token as expired (or never expired).
 */
export function sessionFromLogin(response: CitizenLoginResponse, nowMs: number): CitizenSession {
  return {
    token: response.token,
    expiresAt: nowMs + Math.max(0, response.expiresIn) * 1000,
    citizen: response.citizen,
  }
}

export function isSessionFresh(session: CitizenSession | null, nowMs: number, marginMs = SESSION_RENEW_MARGIN_MS): boolean {
  return session !== null && session.expiresAt - marginMs > nowMs
}

const citizenSchema = citizenLoginResponse.shape.citizen

/** Storage outlives app versions and can be edited by hand in H5: accept only a well-formed session. */
export function parseStoredSession(value: unknown): CitizenSession | null {
  if (typeof value !== 'object' || value === null) return null
  const v = value as Record<string, unknown>
  if (typeof v.token !== 'string' || v.token === '') return null
  if (typeof v.expiresAt !== 'number' || !Number.isFinite(v.expiresAt)) return null
  const citizen = citizenSchema.safeParse(v.citizen)
  if (!citizen.success) return null
  return { token: v.token, expiresAt: v.expiresAt, citizen: citizen.data }
}

/** Enough of the id to tell two accounts apart on a support call, without printing the whole identifier. */
export function abbreviateId(id: string): string {
  return id.length <= 12 ? id : `${id.slice(0, 6)}…${id.slice(-4)}`
}

export const loginViaLabels: Record<CitizenIdentity['via'], string> = {
  wechat: '微信登录',
  device: '本机设备标识登录',
  sms: '手机短信验证码登录',
}
