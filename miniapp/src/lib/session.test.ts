import { describe, expect, it } from 'vitest'
import { abbreviateId, isSessionFresh, parseStoredSession, SESSION_RENEW_MARGIN_MS, sessionFromLogin } from './session'

const login = { token: 't.o.k', expiresIn: 7200, citizen: { id: 'c_0123456789abcdef', via: 'device' as const } }

describe('sessions', () => {
  it('turns expiresIn (seconds) into a deadline on the device clock', () => {
    expect(sessionFromLogin(login, 1_000)).toEqual({ token: 't.o.k', expiresAt: 1_000 + 7_200_000, citizen: login.citizen })
  })

  it('is fresh until the renewal margin before expiry', () => {
    const session = sessionFromLogin(login, 0)
    expect(isSessionFresh(session, 0)).toBe(true)
    expect(isSessionFresh(session, session.expiresAt - SESSION_RENEW_MARGIN_MS - 1)).toBe(true)
    expect(isSessionFresh(session, session.expiresAt - SESSION_RENEW_MARGIN_MS)).toBe(false)
    expect(isSessionFresh(session, session.expiresAt + 1)).toBe(false)
    expect(isSessionFresh(null, 0)).toBe(false)
  })

  it('accepts only a well-formed stored session', () => {
    const session = sessionFromLogin(login, 0)
    expect(parseStoredSession(session)).toEqual(session)
    expect(parseStoredSession('')).toBeNull() // what getStorageSync returns for a missing key
    expect(parseStoredSession({ ...session, token: '' })).toBeNull()
    expect(parseStoredSession({ ...session, expiresAt: 'tomorrow' })).toBeNull()
    expect(parseStoredSession({ ...session, citizen: { id: 'x', via: 'password' } })).toBeNull()
    expect(parseStoredSession({ ...session, citizen: { id: 'x', via: 'sms' } })).not.toBeNull()
  })

  it('abbreviates long ids and leaves short ones alone', () => {
    expect(abbreviateId('c_0123456789abcdef')).toBe('c_0123…cdef')
    expect(abbreviateId('short')).toBe('short')
  })
})
