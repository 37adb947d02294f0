import { describe, expect, it } from 'vitest';
import { addWorkdays, isWorkday, knownYears, toShanghaiDate, workdaysBetween } from './calendar';

describe('isWorkday', () => {
  it.each([
    // Spring Festival 2025: 01-28..02-04 off, make-up Sun 01-26 and Sat 02-08
    ['2025-01-26', true], // Sunday, make-up
    ['2025-01-27', true],
    ['2025-01-28', false],
    ['2025-02-04', false],
    ['2025-02-05', true],
    ['2025-02-08', true], // Saturday, make-up
    ['2025-02-09', false],
    // National Day 2025: 10-01..10-08 off, make-up Sun 09-28 and Sat 10-11
    ['2025-09-28', true],
    ['2025-10-01', false],
    ['2025-10-08', false],
    ['2025-10-09', true],
    ['2025-10-11', true],
    ['2025-10-12', false],
    // Spring Festival 2026: 02-15..02-23 off, make-up Sat 02-14 and Sat 02-28
    ['2026-02-13', true],
    ['2026-02-14', true],
    ['2026-02-16', false],
    ['2026-02-23', false],
    ['2026-02-24', true],
    ['2026-02-28', true],
    // National Day 2026: 10-01..10-07 off, make-up Sun 09-20 and Sat 10-10
    ['2026-09-20', true],
    ['2026-10-07', false],
    ['2026-10-08', true],
    ['2026-10-10', true],
    ['2026-10-11', false],
    // outside the known years: Monday-Friday
    ['2030-10-01', true], // Tuesday
    ['2030-10-05', false], // Saturday
    ['1999-10-01', true], // Friday
  ])('%s -> %s', (d, want) => expect(isWorkday(d)).toBe(want));

  it('staff overrides win', () => {
    const o = new Map([
      ['2025-10-11', false],
      ['2030-10-01', false],
      ['2030-10-05', true],
    ]);
    expect(isWorkday('2025-10-11', o)).toBe(false);
    expect(isWorkday('2030-10-01', o)).toBe(false);
    expect(isWorkday('2030-10-05', o)).toBe(true);
  });

  it('ships at least 2024-2026', () => {
    expect(knownYears).toEqual(expect.arrayContaining([2024, 2025, 2026]));
  });
});

describe('addWorkdays / workdaysBetween', () => {
  it.each([
    ['2025-01-24', 0, '2025-01-24'],
    ['2025-01-24', 1, '2025-01-26'], // Fri -> make-up Sunday
    ['2025-01-24', 2, '2025-01-27'],
    ['2025-01-24', 3, '2025-02-05'], // over the Spring Festival
    ['2025-02-05', 3, '2025-02-08'], // lands on make-up Saturday
    ['2025-09-30', 1, '2025-10-09'],
    ['2025-10-09', 2, '2025-10-11'],
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-13', 2, '2026-02-24'],
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-10-08', 2, '2026-10-10'],
    ['2025-03-07', 1, '2025-03-10'], // ordinary weekend
    ['2030-12-31', 1, '2031-01-01'], // unknown year: Mon-Fri
    ['2025-01-25', 0, '2025-01-25'], // 0 = same date even on a rest day
  ])('%s + %d -> %s', (d, n, want) => {
    expect(addWorkdays(d, n)).toBe(want);
    if (n > 0) expect(workdaysBetween(d, want)).toBe(n);
  });

  it.each([
    ['2025-01-24', '2025-01-24', 0],
    ['2025-01-24', '2025-01-23', 0],
    ['2025-01-27', '2025-02-04', 0],
    ['2025-01-27', '2025-02-08', 4], // 02-05,06,07,08
    // 09-28 (make-up Sun), 09-29, 09-30, 10-09, 10-10, 10-11 (make-up Sat)
    ['2025-09-26', '2025-10-12', 6],
  ])('workdaysBetween(%s, %s) = %d', (a, b, want) => expect(workdaysBetween(a, b)).toBe(want));

  it('respects overrides', () => {
    const o = new Map([['2025-03-10', false]]);
    expect(addWorkdays('2025-03-07', 1, o)).toBe('2025-03-11');
  });
});

describe('toShanghaiDate', () => {
  it.each([
    ['2026-03-01T15:59:59Z', '2026-03-01'],
    ['2026-03-01T16:00:00Z', '2026-03-02'],
    ['2026-03-02T09:30:00+08:00', '2026-03-02'],
  ])('%s -> %s', (i, want) => expect(toShanghaiDate(new Date(i))).toBe(want));
});
