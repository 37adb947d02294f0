import { idempotencyKeySchema } from '@msjd/shared/reports'
import { DEVICE_ID_BYTES, encodeDeviceId } from './device-id'
import { parseDraftVideo, type DraftVideo } from './video'

/** What a QR code pre-fills (from the public scene resolve). */
export interface ScenePrefill {
  scene: string
  /** Shown above the form, e.g. “第三轮巡察 · 某某镇人民政府”. */
  label: string
  unitId: string | null
  unitName: string | null
  tourRoundId: string | null
  inspectedUnitId: string | null
  monitoringPointId: string | null
}

/**
 * The 我要反映 form as kept on the device after every change. `key` is the idempotency key of this draft:
 * generated once, kept across retries and restarts, so a retry after a lost answer returns the same report.
 * After the server has accepted the report, `reportId` is set and `uploaded` lists the photos already sent,
 * so a retry only uploads what is missing.
 */
export interface ReportDraft {
  v: 1
  key: string
  category: string
  categoryName: string
  unit: string
  person: string
  content: string
  occurredAt: string
  location: string
  confidential: boolean
  name: string
  phone: string
  photos: string[]
  scene: ScenePrefill | null
  reportId: string | null
  uploaded: string[]
  /** The one short video (VideoPicker), and whether the server has it. */
  video: DraftVideo | null
  videoUploaded: boolean
}

export const MAX_PHOTOS = 9
export const CONTENT_MIN = 10
export const CONTENT_MAX = 5000

/** 24 secure random bytes → 32 base64url characters, inside the server's idempotency-key rule. */
export function newIdempotencyKey(randomBytes: Uint8Array): string {
  if (randomBytes.length !== DEVICE_ID_BYTES) throw new RangeError(`idempotency key needs ${DEVICE_ID_BYTES} random bytes`)
  return encodeDeviceId(randomBytes)
}

export function isValidIdempotencyKey(value: unknown): value is string {
  return idempotencyKeySchema.safeParse(value).success
}

export function emptyDraft(key: string): ReportDraft {
  return {
    v: 1,
    key,
    category: '',
    categoryName: '',
    unit: '',
    person: '',
    content: '',
    occurredAt: '',
    location: '',
    confidential: false,
    name: '',
    phone: '',
    photos: [],
    scene: null,
    reportId: null,
    uploaded: [],
    video: null,
    videoUploaded: false,
  }
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '')
const strOrNull = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null)
const strList = (v: unknown, max: number): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '').slice(0, max) : [])

export function parseScene(raw: unknown): ScenePrefill | null {
  if (!raw || typeof raw !== 'object') return null
  const s = raw as Record<string, unknown>
  if (typeof s.scene !== 'string' || s.scene === '') return null
  return {
    scene: s.scene,
    label: str(s.label),
    unitId: strOrNull(s.unitId),
    unitName: strOrNull(s.unitName),
    tourRoundId: strOrNull(s.tourRoundId),
    inspectedUnitId: strOrNull(s.inspectedUnitId),
    monitoringPointId: strOrNull(s.monitoringPointId),
  }
}

/**
 * Reads a stored draft defensively (older app versions, hand-edited storage): anything unusable is dropped
 * field by field; a draft without a valid key is no draft at all. In H5, `blob:` photo URLs die with the page,
 * so they are dropped when the draft is restored (`dropBlobPhotos`).
 */
export function parseDraft(raw: unknown, { dropBlobPhotos = false } = {}): ReportDraft | null {
  if (!raw || typeof raw !== 'object') return null
  const d = raw as Record<string, unknown>
  if (d.v !== 1 || !isValidIdempotencyKey(d.key)) return null
  const reportId = strOrNull(d.reportId)
  let photos = strList(d.photos, MAX_PHOTOS)
  // A photo already uploaded is on the server: it stays listed even if its local URL is gone.
  const uploaded = reportId ? strList(d.uploaded, MAX_PHOTOS).filter((p) => photos.includes(p)) : []
  if (dropBlobPhotos) photos = photos.filter((p) => !p.startsWith('blob:') || uploaded.includes(p))
  const videoUploaded = !!reportId && d.videoUploaded === true
  let video = parseDraftVideo(d.video)
  if (dropBlobPhotos && video?.path.startsWith('blob:') && !videoUploaded) video = null
  return {
    v: 1,
    key: d.key,
    category: str(d.category),
    categoryName: str(d.categoryName),
    unit: str(d.unit),
    person: str(d.person),
    content: str(d.content),
    occurredAt: str(d.occurredAt),
    location: str(d.location),
    confidential: d.confidential === true,
    name: str(d.name),
    phone: str(d.phone),
    photos,
    scene: parseScene(d.scene),
    reportId,
    uploaded,
    video,
    videoUploaded: videoUploaded && !!video,
  }
}

/** True when the citizen has typed or picked anything worth keeping. */
export function hasContent(d: ReportDraft): boolean {
  return !!(d.category || d.unit.trim() || d.person.trim() || d.content.trim() || d.occurredAt.trim() || d.location.trim() || d.name.trim() || d.phone.trim() || d.photos.length || d.video)
}

export function addPhotos(d: ReportDraft, paths: readonly string[]): ReportDraft {
  const photos = [...d.photos]
  for (const p of paths) if (p && !photos.includes(p) && photos.length < MAX_PHOTOS) photos.push(p)
  return { ...d, photos }
}

/** A photo already uploaded cannot be taken back from here (the server keeps it); the page does not offer it. */
export function removePhoto(d: ReportDraft, path: string): ReportDraft {
  if (d.uploaded.includes(path)) return d
  return { ...d, photos: d.photos.filter((p) => p !== path) }
}

export function pendingUploads(d: ReportDraft): string[] {
  return d.photos.filter((p) => !d.uploaded.includes(p))
}

/** The video still to send after the report was accepted, or null. */
export function pendingVideo(d: ReportDraft): DraftVideo | null {
  return d.video && !d.videoUploaded ? d.video : null
}

/** Pre-fill from a QR scene; what the citizen already typed wins. */
export function applyScene(d: ReportDraft, scene: ScenePrefill): ReportDraft {
  return { ...d, scene, unit: d.unit.trim() ? d.unit : (scene.unitName ?? '') }
}

/**
 * Forgets the QR scene (✕ on the banner, a report started from 首页, or a later visit): the unit it filled in goes
 * with it, a unit the citizen typed stays.
 */
export function dropScene(d: ReportDraft): ReportDraft {
  if (!d.scene) return d
  const filled = !!d.scene.unitName && d.unit.trim() === d.scene.unitName
  return { ...d, scene: null, unit: filled ? '' : d.unit }
}

/** What the scene page or 首页 hands to the report tab: a scene, or the word that none applies. */
export function isSceneCleared(handed: unknown): boolean {
  return !!handed && typeof handed === 'object' && (handed as { clear?: unknown }).clear === true
}

/** The parts of the public scene resolve (`GET /api/public/scenes/:scene`) the form uses. */
export interface ResolvedScene {
  scene: string
  round: { id: string; name: string } | null
  unit: { id: string; name: string } | null
  inspectedUnitId: string | null
  monitoringPoint: { id: string; name: string } | null
}

export function scenePrefill(r: ResolvedScene): ScenePrefill {
  const place = r.unit?.name ?? r.monitoringPoint?.name ?? ''
  return {
    scene: r.scene,
    label: [r.round?.name, place].filter(Boolean).join(' · '),
    unitId: r.unit?.id ?? null,
    unitName: r.unit?.name ?? null,
    tourRoundId: r.round?.id ?? null,
    inspectedUnitId: r.inspectedUnitId,
    monitoringPointId: r.monitoringPoint?.id ?? null,
  }
}
