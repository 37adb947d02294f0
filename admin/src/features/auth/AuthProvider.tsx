import type { StaffUser } from '@msjd/shared/auth'
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import {
  ApiRequestError,
  clearToken,
  clientErrorCodes,
  getToken,
  onSessionExpired,
  setToken,
  toApiRequestError,
} from '../../api/client'
import { fetchCurrentUser, login as loginRequest } from './api'
import { rememberUsername } from './last-user'

export type AuthState =
  | { status: 'checking' }
  /** `expired`: the server ended the session (token expired or revoked), as opposed to a deliberate logout. */
  | { status: 'anonymous'; expired: boolean }
  | { status: 'authenticated'; user: StaffUser }
  /** A stored token could not be checked because the server was unreachable; not a reason to log out. */
  | { status: 'unreachable'; error: ApiRequestError }

interface AuthContextValue {
  state: AuthState
  login: (username: string, password: string) => Promise<StaffUser>
  logout: () => void
  retry: () => void
}

const AuthContext = createContext<AuthContextValue | null>(null)

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>(() =>
    getToken() ? { status: 'checking' } : { status: 'anonymous', expired: false },
  )

  useEffect(() => onSessionExpired(() => setState({ status: 'anonymous', expired: true })), [])

  // A token left from an earlier visit may have expired; ask the server who it belongs to before showing pages.
  useEffect(() => {
    if (state.status !== 'checking') return
    const controller = new AbortController()
    fetchCurrentUser(controller.signal).then(
      (user) => {
        rememberUsername(user.username)
        setState({ status: 'authenticated', user })
      },
      (failure: unknown) => {
        const error = toApiRequestError(failure)
        if (error.code === clientErrorCodes.aborted) return
        setState(error.status === 401 ? { status: 'anonymous', expired: true } : { status: 'unreachable', error })
      },
    )
    return () => controller.abort()
  }, [state.status])

  const login = useCallback(async (username: string, password: string) => {
    const { token, user } = await loginRequest({ username, password })
    setToken(token)
    rememberUsername(user.username)
    setState({ status: 'authenticated', user })
    return user
  }, [])

  const logout = useCallback(() => {
    clearToken()
    setState({ status: 'anonymous', expired: false })
  }, [])

  const retry = useCallback(() => setState({ status: 'checking' }), [])

  const value = useMemo(() => ({ state, login, logout, retry }), [state, login, logout, retry])
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext)
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>')
  return value
}

/** For pages behind RequireAuth, where a user is always present. */
export function useCurrentUser(): StaffUser {
  const { state } = useAuth()
  if (state.status !== 'authenticated') throw new Error('useCurrentUser used outside an authenticated route')
  return state.user
}
