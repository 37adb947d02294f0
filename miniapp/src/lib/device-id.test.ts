import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { DEVICE_ID_BYTES, encodeDeviceId, isValidDeviceId } from './device-id'

describe('device ids', () => {
  it('encodes 24 bytes as 32 url-safe characters, like base64url', () => {
    for (let i = 0; i < 50; i++) {
      const bytes = randomBytes(DEVICE_ID_BYTES)
      const id = encodeDeviceId(new Uint8Array(bytes))
      expect(id).toBe(bytes.toString('base64url'))
      expect(id).toMatch(/^[A-Za-z0-9_-]{32}$/)
      expect(isValidDeviceId(id)).toBe(true)
    }
  })

  it('refuses the wrong amount of randomness', () => {
    expect(() => encodeDeviceId(new Uint8Array(16))).toThrow(RangeError)
  })

  it('validates with the server rule from the shared contract', () => {
    expect(isValidDeviceId('')).toBe(false)
    expect(isValidDeviceId('too-short')).toBe(false)
    expect(isValidDeviceId('has spaces in it but is long enough')).toBe(false)
    expect(isValidDeviceId(42)).toBe(false)
  })
})
