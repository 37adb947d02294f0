/**
 * The monitoring point a scanned QR code named, handed from the scene page to the 营商环境 bind form. Kept apart
 * from lib/business so the scene page does not pull the business contracts into its package.
 */
export interface BusinessPoint {
  id: string
  name: string
}

/** What the scene page stored: accepted only when well formed (storage outlives app versions). */
export function parseBusinessPoint(raw: unknown): BusinessPoint | null {
  if (typeof raw !== 'object' || raw === null) return null
  const { id, name } = raw as Record<string, unknown>
  return typeof id === 'string' && id !== '' && typeof name === 'string' ? { id, name } : null
}
