import {
  staffCaptchaResponse,
  staffChangePasswordBody,
  staffLoginBody,
  staffLoginResponse,
  staffLoginResult,
  staffLoginTotpBody,
  staffTotpConfirmBody,
  staffTotpConfirmResponse,
  staffTotpSetupResponse,
  staffSessionsEndedResponse,
  staffUserResponse,
  type StaffUser,
} from '@msjd/shared/auth'
import { apiRequest } from '../../api/client'

/** GET /api/staff/auth/me answers with the login response's user part; derived so the two cannot drift. */
const meResponse = staffLoginResponse.pick({ user: true })
const userResponse = staffUserResponse
const endedResponse = staffSessionsEndedResponse

export function login(credentials: { username: string; password: string; captchaId?: string; captchaAnswer?: string }) {
  return apiRequest('/staff/auth/login', {
    method: 'POST',
    body: staffLoginBody.parse(credentials),
    schema: staffLoginResult,
    anonymous: true,
  })
}

export function loginTotp(body: { challenge: string; code: string }) {
  return apiRequest('/staff/auth/login/totp', { method: 'POST', body: staffLoginTotpBody.parse(body), schema: staffLoginResponse, anonymous: true })
}

export function fetchCaptcha() {
  return apiRequest('/staff/auth/captcha', { schema: staffCaptchaResponse, anonymous: true })
}

export async function fetchCurrentUser(signal?: AbortSignal): Promise<StaffUser> {
  const { user } = await apiRequest('/staff/auth/me', { schema: meResponse, signal })
  return user
}

export function logoutSession(token: string) {
  return apiRequest('/staff/auth/logout', { method: 'POST', body: {}, schema: endedResponse, token })
}

export function logoutOthers() {
  return apiRequest('/staff/auth/logout-others', { method: 'POST', body: {}, schema: endedResponse })
}

export async function changePassword(body: { currentPassword: string; newPassword: string }): Promise<StaffUser> {
  return (await apiRequest('/staff/auth/password', { method: 'POST', body: staffChangePasswordBody.parse(body), schema: userResponse })).user
}

export function totpSetup() {
  return apiRequest('/staff/auth/totp/setup', { method: 'POST', body: {}, schema: staffTotpSetupResponse })
}

export function totpConfirm(body: { code: string }) {
  return apiRequest('/staff/auth/totp/confirm', { method: 'POST', body: staffTotpConfirmBody.parse(body), schema: staffTotpConfirmResponse })
}

export async function totpDisable(body: { password: string }): Promise<StaffUser> {
  return (await apiRequest('/staff/auth/totp/disable', { method: 'POST', body, schema: userResponse })).user
}
