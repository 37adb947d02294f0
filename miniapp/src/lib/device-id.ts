import { citizenDeviceLoginBody } from '@msjd/shared/auth'

/** 24 random bytes are exactly 32 base64url characters (192 bits: not guessable, so not hijackable). */
export const DEVICE_ID_BYTES = 24

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/**
 * Base64url without padding, written out because weapp has neither `btoa` nor `Buffer`.
 * The bytes must come from a cryptographic source: the id is the only credential of a device-login citizen.
 */
export function encodeDeviceId(bytes: Uint8Array): string {
  if (bytes.length !== DEVICE_ID_BYTES) {
    throw new RangeError(`device id needs ${DEVICE_ID_BYTES} random bytes, got ${bytes.length}`)
  }
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2]
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63]
  }
  return out
}

const deviceIdSchema = citizenDeviceLoginBody.shape.deviceId

/** The server's own rule (shared schema), so a stored id the server would reject is replaced, not sent. */
export function isValidDeviceId(value: unknown): value is string {
  return deviceIdSchema.safeParse(value).success
}
