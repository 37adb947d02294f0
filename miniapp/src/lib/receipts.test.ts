import { describe, expect, it } from 'vitest'
import { addReceipt, dayOfSerial, MAX_LOCAL_RECEIPTS, parseReceipts, removeReceipt } from './receipts'

const r = (n: number) => ({ serial: `JB20261205-${String(n).padStart(4, '0')}`, queryCode: String(1000000000000000 + n), submittedOn: '2026-12-05' })

describe('local 保密 receipts', () => {
  it('keeps newest first, one per serial, bounded', () => {
    let list = [r(1), r(2)]
    list = addReceipt(list, r(2))
    expect(list.map((x) => x.serial)).toEqual([r(2).serial, r(1).serial])
    for (let i = 3; i < 80; i++) list = addReceipt(list, r(i))
    expect(list).toHaveLength(MAX_LOCAL_RECEIPTS)
    expect(list[0]!.serial).toBe(r(79).serial)
    expect(removeReceipt(list, r(79).serial)[0]!.serial).toBe(r(78).serial)
  })

  it('reads back only well-formed entries and never a secret', () => {
    const stored = [{ ...r(1), querySecret: 'ABCDEFGH' }, { serial: 'x', queryCode: '12', submittedOn: '' }, null, 'junk']
    expect(parseReceipts(stored)).toEqual([r(1)])
    expect(parseReceipts('nope')).toEqual([])
  })

  it('dates a serial', () => {
    expect(dayOfSerial('JB20261205-0007')).toBe('2026-12-05')
    expect(dayOfSerial('bad')).toBe('')
  })
})
