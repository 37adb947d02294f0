import { describe, expect, it } from 'vitest'
import { LARGE_TEXT_CLASS, pageRootClass, pageRootStyle, parseTextSize, textScaleFrom } from './text-size'

describe('text size setting', () => {
  it('reads only an explicit large as large', () => {
    expect(parseTextSize('large')).toBe('large')
    for (const stored of ['', 'standard', 'LARGE', true, 1, null, undefined, { size: 'large' }]) {
      expect(parseTextSize(stored)).toBe('standard')
    }
  })

  it('follows WeChat font size within bounds', () => {
    expect(textScaleFrom(1)).toBe(1)
    expect(textScaleFrom(1.4)).toBe(1.4)
    expect(textScaleFrom(0.94)).toBe(0.94)
    expect(textScaleFrom(23.8 / 17)).toBe(1.4)
    expect(textScaleFrom(3)).toBe(2)
    expect(textScaleFrom(0.5)).toBe(0.85)
    for (const junk of [undefined, null, '1.5', Number.NaN, Number.POSITIVE_INFINITY, 0, -1]) expect(textScaleFrom(junk)).toBe(1)
  })

  it('adds the large class to the page root and the scale to its style', () => {
    expect(pageRootClass('page mine', 'standard')).toBe('page mine')
    expect(pageRootClass('page mine', 'large')).toBe(`page mine ${LARGE_TEXT_CLASS}`)
    expect(pageRootStyle(1)).toBeUndefined()
    expect(pageRootStyle(1.25)).toBe('--text-scale: 1.25;')
  })
})
