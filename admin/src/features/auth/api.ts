import { staffLoginBody, staffLoginResponse, type StaffUser } from '@msjd/shared/auth'
import { apiRequest } from '../../api/client'

/** GET /api/staff/auth/me answers with the login response's user part; derived so the two cannot drift. */
const meResponse = staffLoginResponse.pick({ user: true })

export function login(credentials: { username: string; password: string }) {
  return apiRequest('/staff/auth/login', {
    method: 'POST',
    body: staffLoginBody.parse(credentials),
    schema: staffLoginResponse,
    anonymous: true,
  })
}

export async function fetchCurrentUser(signal?: AbortSignal): Promise<StaffUser> {
  const { user } = await apiRequest('/staff/auth/me', { schema: meResponse, signal })
  return user
}
