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
import { fetchCurrentUser, login as loginRequest, loginTotp, logoutSession } from './api'
import { rememberUsername } from './last-user'

export type AuthState =
  | { status: 'checking' }
  /**
   * `expired`: the server ended the session (idle, revoked, account disabled), as opposed to a deliberate logout;
   * `reason` is the server's sentence for it when there was one.
   */
  | { status: 'anonymous'; expired: boolean; reason?: string }
  | { status: 'authenticated'; user: StaffUser }
  /** A stored token could not be checked because the server was unreachable; not a reason to log out. */
  | { status: 'unreachable'; error: ApiRequestError }

/** A right password either opens the session or, for an account with a second factor, asks for the code. */
export type LoginOutcome = { kind: 'done'; user: StaffUser } | { kind: 'totp'; challenge: string }

export interface Credentials {
  username: string
  password: string
  captchaId?: string
  captchaAnswer?: string
}

interface AuthContextValue {
  state: AuthState
  login: (credentials: Credentials) => Promise<LoginOutcome>
  completeTotp: (challenge: string, code: string) => Promise<StaffUser>
  /** After the user changed the password or enrolled the second factor: the new account state. */
  updateUser: (user: StaffUser) => void
  logout: () => void
  /** Ends the session locally because the panel decided so (idle countdown ran out). */
  expire: (reason: string) => void
  retry: () => void
}

const AuthContext = createContext<AuthContextValue | null>(null)

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>(() =>
    getToken() ? { status: 'checking' } : { status: 'anonymous', expired: false },
  )

  useEffect(() => onSessionExpired((reason) => setState({ status: 'anonymous', expired: true, reason })), [])

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
        setState(error.status === 401 ? { status: 'anonymous', expired: true, reason: error.message } : { status: 'unreachable', error })
      },
    )
    return () => controller.abort()
  }, [state.status])

  const login = useCallback(async (credentials: Credentials): Promise<LoginOutcome> => {
    const result = await loginRequest(credentials)
    if ('totpRequired' in result) return { kind: 'totp', challenge: result.challenge }
    setToken(result.token)
    rememberUsername(result.user.username)
    setState({ status: 'authenticated', user: result.user })
    return { kind: 'done', user: result.user }
  }, [])

  const completeTotp = useCallback(async (challenge: string, code: string) => {
    const { token, user } = await loginTotp({ challenge, code })
    setToken(token)
    rememberUsername(user.username)
    setState({ status: 'authenticated', user })
    return user
  }, [])

  const updateUser = useCallback((user: StaffUser) => setState({ status: 'authenticated', user }), [])

  // The token is forgotten at once and the server told afterwards, so the session ends on both sides even when
  // the answer is slow or lost.
  const endSession = useCallback((next: AuthState) => {
    const token = getToken()
    clearToken()
    setState(next)
    if (token) logoutSession(token).catch(() => undefined)
  }, [])
  const logout = useCallback(() => endSession({ status: 'anonymous', expired: false }), [endSession])
  const expire = useCallback((reason: string) => endSession({ status: 'anonymous', expired: true, reason }), [endSession])

  const retry = useCallback(() => setState({ status: 'checking' }), [])

  const value = useMemo(
    () => ({ state, login, completeTotp, updateUser, logout, expire, retry }),
    [state, login, completeTotp, updateUser, logout, expire, retry],
  )
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
