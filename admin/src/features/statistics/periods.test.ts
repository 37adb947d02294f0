import { describe, expect, it } from 'vitest'
import { periodFrom, presets } from './periods'

describe('statistics periods', () => {
  it('offers this month, last month, the quarter and the year in Beijing dates', () => {
    const p = Object.fromEntries(presets('2026-01-15').map((x) => [x.key, x.period]))
    expect(p.month).toEqual({ from: '2026-01-01', to: '2026-01-15' })
    expect(p.last_month).toEqual({ from: '2025-12-01', to: '2025-12-31' })
    expect(p.quarter).toEqual({ from: '2026-01-01', to: '2026-01-15' })
    expect(presets('2026-03-10')[1].period).toEqual({ from: '2026-02-01', to: '2026-02-28' })
    expect(presets('2026-08-10')[2].period).toEqual({ from: '2026-07-01', to: '2026-08-10' })
  })
  it('reads the period from the address, falling back to this month', () => {
    expect(periodFrom(new URLSearchParams('from=2026-11-01&to=2026-11-30'), '2026-12-05')).toEqual({ from: '2026-11-01', to: '2026-11-30' })
    expect(periodFrom(new URLSearchParams('from=2026-11-30&to=2026-11-01'), '2026-12-05')).toEqual({ from: '2026-12-01', to: '2026-12-05' })
    expect(periodFrom(new URLSearchParams(''), '2026-12-05')).toEqual({ from: '2026-12-01', to: '2026-12-05' })
  })
})
