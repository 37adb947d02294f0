import { describe, expect, it } from 'vitest'
import { addPhotos, applyScene, dropScene, emptyDraft, isSceneCleared, hasContent, isValidIdempotencyKey, newIdempotencyKey, parseDraft, parseScene, pendingUploads, removePhoto, scenePrefill } from './report-draft'

const KEY = 'k'.repeat(32)

describe('idempotency key', () => {
  it('is 32 url-safe characters the server accepts', () => {
    const key = newIdempotencyKey(new Uint8Array(24).map((_, i) => i * 11))
    expect(key).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(isValidIdempotencyKey(key)).toBe(true)
  })
  it('needs 24 random bytes', () => {
    expect(() => newIdempotencyKey(new Uint8Array(8))).toThrow(RangeError)
  })
})

describe('draft', () => {
  it('round-trips through storage (JSON)', () => {
    const d = { ...emptyDraft(KEY), content: '某某单位乱收费问题', confidential: true, photos: ['wxfile://a.jpg'] }
    expect(parseDraft(JSON.parse(JSON.stringify(d)))).toEqual(d)
  })

  it('keeps its key across edits (one key per draft)', () => {
    const d = addPhotos({ ...emptyDraft(KEY), content: 'x' }, ['p1'])
    expect(parseDraft(d)?.key).toBe(KEY)
  })

  it('refuses garbage and drafts without a valid key', () => {
    expect(parseDraft(null)).toBeNull()
    expect(parseDraft('')).toBeNull()
    expect(parseDraft({ v: 1, key: 'bad key!' })).toBeNull()
    expect(parseDraft({ v: 2, key: KEY })).toBeNull()
  })

  it('repairs wrong field types field by field', () => {
    const d = parseDraft({ v: 1, key: KEY, content: 42, confidential: 'yes', photos: ['a', 3, '', 'b'], scene: { scene: '' } })
    expect(d).toMatchObject({ content: '', confidential: false, photos: ['a', 'b'], scene: null, reportId: null, uploaded: [] })
  })

  it('drops dead H5 blob photos on restore, but not uploaded ones', () => {
    const raw = { ...emptyDraft(KEY), photos: ['blob:x/1', 'blob:x/2', 'wxfile://3'], reportId: 'r1', uploaded: ['blob:x/1'] }
    expect(parseDraft(raw, { dropBlobPhotos: true })?.photos).toEqual(['blob:x/1', 'wxfile://3'])
    expect(parseDraft(raw)?.photos).toHaveLength(3)
  })

  it('caps photos at 9 and ignores duplicates', () => {
    const d = addPhotos(emptyDraft(KEY), ['a', 'a', ...Array.from({ length: 12 }, (_, i) => `p${i}`)])
    expect(d.photos).toHaveLength(9)
    expect(d.photos[0]).toBe('a')
  })

  it('knows which photos still need uploading and keeps uploaded ones', () => {
    const d = { ...emptyDraft(KEY), photos: ['a', 'b', 'c'], reportId: 'r', uploaded: ['a'] }
    expect(pendingUploads(d)).toEqual(['b', 'c'])
    expect(removePhoto(d, 'a').photos).toEqual(['a', 'b', 'c'])
    expect(removePhoto(d, 'b').photos).toEqual(['a', 'c'])
  })

  it('tells an empty draft from a started one', () => {
    expect(hasContent(emptyDraft(KEY))).toBe(false)
    expect(hasContent({ ...emptyDraft(KEY), person: ' 张三 ' })).toBe(true)
  })

  it('pre-fills the unit from a scene unless the citizen typed one', () => {
    const scene = { scene: 's1', label: '第一轮 · 城关镇', unitId: 'u1', unitName: '城关镇人民政府', tourRoundId: 't1', inspectedUnitId: 'i1', monitoringPointId: null }
    expect(applyScene(emptyDraft(KEY), scene).unit).toBe('城关镇人民政府')
    expect(applyScene({ ...emptyDraft(KEY), unit: '县住建局' }, scene).unit).toBe('县住建局')
  })
})

describe('scenePrefill', () => {
  it('turns a tour-unit scene into form pre-fill', () => {
    const p = scenePrefill({ scene: 'S1.sig', round: { id: 'r1', name: '2026年第三轮巡察' }, unit: { id: 'u1', name: '城关镇人民政府' }, inspectedUnitId: 'i1', monitoringPoint: null })
    expect(p).toEqual({ scene: 'S1.sig', label: '2026年第三轮巡察 · 城关镇人民政府', unitId: 'u1', unitName: '城关镇人民政府', tourRoundId: 'r1', inspectedUnitId: 'i1', monitoringPointId: null })
    expect(parseScene(JSON.parse(JSON.stringify(p)))).toEqual(p)
  })
  it('names a monitoring point without pretending it is a unit', () => {
    const p = scenePrefill({ scene: 'M1.sig', round: null, unit: null, inspectedUnitId: null, monitoringPoint: { id: 'm1', name: '政务服务中心' } })
    expect(p).toMatchObject({ label: '政务服务中心', unitName: null, monitoringPointId: 'm1' })
  })
})

describe('dropScene', () => {
  const scene = { scene: 's', label: '第八轮巡察 · 城关镇', unitId: 'u', unitName: '城关镇', tourRoundId: 'r', inspectedUnitId: 'i', monitoringPointId: null }
  it('forgets the scene and the unit it filled in', () => {
    const d = applyScene(emptyDraft(KEY), scene)
    expect(d.unit).toBe('城关镇')
    expect(dropScene(d)).toMatchObject({ scene: null, unit: '' })
  })
  it('keeps a unit the citizen typed over it', () => {
    const d = { ...applyScene(emptyDraft(KEY), scene), unit: '县水利局' }
    expect(dropScene(d)).toMatchObject({ scene: null, unit: '县水利局' })
  })
  it('tells a cleared hand-over from a scene', () => {
    expect(isSceneCleared({ clear: true })).toBe(true)
    expect(isSceneCleared(scene)).toBe(false)
    expect(isSceneCleared(null)).toBe(false)
  })
})
