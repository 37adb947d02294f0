import {
  staffAccountCreatedResponse,
  staffAccountListQuery,
  staffAccountListResponse,
  staffAccountResponse,
  staffPasswordResetResponse,
  type StaffAccount,
  type staffAccountCreateBody,
  type staffAccountUpdateBody,
} from '@msjd/shared/auth'
import { apiRequest } from '../../api/client'

export type AccountListQuery = ReturnType<typeof staffAccountListQuery.parse>
export type AccountCreateBody = ReturnType<typeof staffAccountCreateBody.parse>
export type AccountUpdateBody = ReturnType<typeof staffAccountUpdateBody.parse>
const seg = encodeURIComponent

export function listAccounts(query: AccountListQuery, signal?: AbortSignal) {
  return apiRequest('/staff/users', { query, schema: staffAccountListResponse, signal })
}
export function createAccount(body: AccountCreateBody) {
  return apiRequest('/staff/users', { method: 'POST', body, schema: staffAccountCreatedResponse })
}
export async function updateAccount(id: string, body: AccountUpdateBody): Promise<StaffAccount> {
  return (await apiRequest(`/staff/users/${seg(id)}`, { method: 'PUT', body, schema: staffAccountResponse })).account
}
export type AccountAction = 'disable' | 'enable' | 'unlock' | 'reset-totp'
export async function accountAction(id: string, action: AccountAction): Promise<StaffAccount> {
  return (await apiRequest(`/staff/users/${seg(id)}/${action}`, { method: 'POST', body: {}, schema: staffAccountResponse })).account
}
export function resetPassword(id: string) {
  return apiRequest(`/staff/users/${seg(id)}/reset-password`, { method: 'POST', body: {}, schema: staffPasswordResetResponse })
}
