import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, normalizeLookup, ratingEffect, receiptClipboardText, reopenedBefore, timelineRows, validateLookup } from './report-view'

describe('dates', () => {
  it('are shown in Beijing time whatever the device zone', () => {
    expect(formatDateTime('2026-11-24T16:05:00.000Z')).toBe('2026-11-25 00:05')
    expect(formatDate('2026-11-24T15:59:00Z')).toBe('2026-11-24')
    expect(formatDateTime('not a date')).toBe('not a date')
  })
})

describe('timelineRows', () => {
  const timeline = [
    { at: '2026-11-20T02:00:00Z', kind: 'accepted', label: '已受理', status: 'accepted' as const, publicNote: null },
    { at: '2026-11-19T01:00:00Z', kind: 'submitted', label: '提交反映', status: 'submitted' as const, publicNote: '已收到您的反映，将在 2026-11-24 前决定是否受理' },
    { at: '2026-11-21T03:00:00Z', kind: 'supplement', label: '补充材料', status: null, publicNote: '补充材料' },
  ]
  it('orders oldest first with dates, status and notes', () => {
    const rows = timelineRows(timeline)
    expect(rows.map((r) => r.label)).toEqual(['提交反映', '已受理', '补充材料'])
    expect(rows[0]).toMatchObject({ when: '2026-11-19 09:00', statusLabel: '已提交', note: '已收到您的反映，将在 2026-11-24 前决定是否受理' })
    expect(rows[2]).toMatchObject({ statusLabel: null, note: null })
  })
  it('knows whether the one reopening was used', () => {
    expect(reopenedBefore({ timeline })).toBe(false)
    expect(reopenedBefore({ timeline: [...timeline, { ...timeline[0], kind: 'reopened' }] })).toBe(true)
  })
})

describe('ratings', () => {
  it('says that 不满意 reopens once', () => {
    expect(ratingEffect('unsatisfied', false)).toContain('重新办理（仅可重新办理一次）')
    expect(ratingEffect('unsatisfied', true)).toContain('不再重新办理')
    expect(ratingEffect('satisfied', false)).toContain('办结')
  })
})

describe('lookup input', () => {
  it('normalizes what people paste', () => {
    expect(normalizeLookup({ code: '1234 5678-9012 3456', secret: 'ab2c de9f' })).toEqual({ code: '1234567890123456', secret: 'AB2CDE9F' })
    expect(validateLookup({ code: '1234567890123456', secret: 'ab2cde9f' })).toEqual({ ok: true, value: { code: '1234567890123456', secret: 'AB2CDE9F' } })
  })
  it('says which part is wrong', () => {
    const r = validateLookup({ code: '123', secret: '' })
    expect(r).toEqual({ ok: false, errors: { code: '查询码为 16 位数字', secret: '请输入查询密码' } })
  })
})

it('copies serial, code and secret together', () => {
  expect(receiptClipboardText({ serial: 'JB20261124-0001', queryCode: '1234567890123456', querySecret: 'ABCDEFGH' })).toBe(
    '码上监督 反映编号：JB20261124-0001\n查询码：1234567890123456\n查询密码：ABCDEFGH',
  )
})
