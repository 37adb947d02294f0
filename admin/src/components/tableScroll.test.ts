import { describe, expect, it } from 'vitest'
import { tableScroll } from './tableScroll'

describe('tableScroll', () => {
  it('keeps a readable minimum for every column without a fixed width', () => {
    expect(tableScroll([{ width: 170 }, { width: 110 }, {}, { width: 150 }])).toEqual({ x: 170 + 110 + 260 + 150 })
    expect(tableScroll([{}, {}], 200)).toEqual({ x: 400 })
  })
})
