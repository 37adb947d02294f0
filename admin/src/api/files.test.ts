import { describe, expect, it } from 'vitest'
import { fileNameFrom } from './files'

describe('fileNameFrom', () => {
  it('prefers the UTF-8 name the posters route sends, so Chinese unit names survive', () => {
    const header = `attachment; filename="2026-8_.png"; filename*=UTF-8''${encodeURIComponent('2026-8_县自然资源局.png')}`
    expect(fileNameFrom(header, 'x.png')).toBe('2026-8_县自然资源局.png')
  })

  it('falls back to the plain name, then to the name the page chose', () => {
    expect(fileNameFrom('attachment; filename="poster.pdf"', 'x.pdf')).toBe('poster.pdf')
    expect(fileNameFrom(`attachment; filename*=UTF-8''%E0%A4%A`, '监测点二维码.zip')).toBe('监测点二维码.zip')
    expect(fileNameFrom(null, '监测点二维码.zip')).toBe('监测点二维码.zip')
  })
})
