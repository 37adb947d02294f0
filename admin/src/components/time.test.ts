import { describe, expect, it } from 'vitest'
import { formatTime, formatTimeSeconds, shanghaiDay } from './time'

describe('Beijing time formatting', () => {
  it('shows instants in Asia/Shanghai whatever the process zone', () => {
    // 16:30 UTC on Oct 31 is already Nov 1 in Beijing
    expect(formatTime('2026-10-31T16:30:00Z')).toBe('2026-11-01 00:30')
    expect(formatTimeSeconds('2026-10-31T16:30:05.123Z')).toBe('2026-11-01 00:30:05')
    expect(shanghaiDay('2026-10-31T15:59:59Z')).toBe('2026-10-31')
    expect(shanghaiDay(new Date('2026-10-31T16:00:00Z'))).toBe('2026-11-01')
    expect(formatTime(null)).toBe('—')
  })
})
