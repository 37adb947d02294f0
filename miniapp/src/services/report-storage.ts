import Taro from '@tarojs/taro'
import { emptyDraft, newIdempotencyKey, parseDraft, type ReportDraft } from '../lib/report-draft'
import { DEVICE_ID_BYTES } from '../lib/device-id'
import { randomBytes } from './auth'

const DRAFT_KEY = 'msjd.reportDraft'
const RECEIPT_KEY = 'msjd.reportReceipt'

function read(key: string): unknown {
  try {
    return Taro.getStorageSync(key)
  } catch {
    return null
  }
}

function write(key: string, value: unknown): boolean {
  try {
    Taro.setStorageSync(key, value)
    return true
  } catch {
    return false
  }
}

function remove(key: string): void {
  try {
    Taro.removeStorageSync(key)
  } catch {
    // nothing stored either
  }
}

/** The stored draft, or a new one with its own idempotency key (saved at once, so the key never changes). */
export async function loadDraft(): Promise<ReportDraft> {
  const stored = parseDraft(read(DRAFT_KEY), { dropBlobPhotos: process.env.TARO_ENV === 'h5' })
  if (stored) return stored
  const draft = emptyDraft(newIdempotencyKey(await randomBytes(DEVICE_ID_BYTES)))
  write(DRAFT_KEY, draft)
  return draft
}

export function saveDraft(draft: ReportDraft): boolean {
  return write(DRAFT_KEY, draft)
}

export function clearDraft(): void {
  remove(DRAFT_KEY)
}

/**
 * The receipt waiting to be acknowledged. For a 保密 report it holds the query code and secret: kept on the
 * device only until the citizen confirms having saved them (the server cannot show them again), then removed.
 */
export interface PendingReceipt {
  serial: string
  acceptDueOn: string
  confidential: boolean
  replayed: boolean
  queryCode: string | null
  querySecret: string | null
  notice: string | null
  photosFailed: number
  /** the report's video did not reach the server (the citizen chose to finish without it) */
  videoFailed: boolean
}

export function savePendingReceipt(receipt: PendingReceipt): boolean {
  return write(RECEIPT_KEY, receipt)
}

export function pendingReceipt(): PendingReceipt | null {
  const r = read(RECEIPT_KEY) as Partial<PendingReceipt> | null
  if (!r || typeof r !== 'object' || typeof r.serial !== 'string') return null
  return {
    serial: r.serial,
    acceptDueOn: typeof r.acceptDueOn === 'string' ? r.acceptDueOn : '',
    confidential: r.confidential === true,
    replayed: r.replayed === true,
    queryCode: typeof r.queryCode === 'string' ? r.queryCode : null,
    querySecret: typeof r.querySecret === 'string' ? r.querySecret : null,
    notice: typeof r.notice === 'string' ? r.notice : null,
    photosFailed: typeof r.photosFailed === 'number' ? r.photosFailed : 0,
    videoFailed: r.videoFailed === true,
  }
}

export function clearPendingReceipt(): void {
  remove(RECEIPT_KEY)
}

/** A QR scene handed from the scene page to the report tab (switchTab cannot carry query parameters). */
const SCENE_KEY = 'msjd.reportScene'
export function handOverScene(value: unknown): void {
  write(SCENE_KEY, value)
}
export function takeScene(): unknown {
  const v = read(SCENE_KEY)
  if (v) remove(SCENE_KEY)
  return v || null
}

/** A report of the citizen's own to open on 进度查询 (from a 消息), handed over like a scene. */
const OPEN_REPORT_KEY = 'msjd.openReport'
export function handOverReport(id: string): void {
  write(OPEN_REPORT_KEY, id)
}
export function takeReportToOpen(): string | null {
  const v = read(OPEN_REPORT_KEY)
  if (v) remove(OPEN_REPORT_KEY)
  return typeof v === 'string' && v ? v : null
}
