// 保密 receipts kept on this device only: the server keeps no link from a confidential report to anyone, so the
// device is the only place that can list "my 保密 reports". Never the query secret (whoever holds the phone would
// hold the report); the citizen types it, or reads it from where they saved it.

export interface LocalReceipt {
  serial: string
  queryCode: string
  /** YYYY-MM-DD, Beijing time, as the receipt showed it */
  submittedOn: string
}

export const MAX_LOCAL_RECEIPTS = 50

export function parseReceipts(raw: unknown): LocalReceipt[] {
  if (!Array.isArray(raw)) return []
  return raw.filter(
    (r): r is LocalReceipt =>
      !!r && typeof r === 'object' && typeof r.serial === 'string' && typeof r.queryCode === 'string' && /^\d{16}$/.test(r.queryCode) && typeof r.submittedOn === 'string',
  ).map((r) => ({ serial: r.serial, queryCode: r.queryCode, submittedOn: r.submittedOn }))
}

/** Newest first, one entry per serial, at most MAX_LOCAL_RECEIPTS. */
export function addReceipt(list: LocalReceipt[], receipt: LocalReceipt): LocalReceipt[] {
  return [receipt, ...list.filter((r) => r.serial !== receipt.serial)].slice(0, MAX_LOCAL_RECEIPTS)
}

export function removeReceipt(list: LocalReceipt[], serial: string): LocalReceipt[] {
  return list.filter((r) => r.serial !== serial)
}

/** The day a serial was issued: JB20261205-0007 -> 2026-12-05. */
export function dayOfSerial(serial: string): string {
  const m = /^[A-Z]{2}(\d{4})(\d{2})(\d{2})-/.exec(serial)
  return m ? `${m[1]}-${m[2]}-${m[3]}` : ''
}
