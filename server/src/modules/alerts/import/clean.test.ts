import { describe, expect, it } from 'vitest';
import { checkApplicantId, cleanText, finishedBeforeAccepted, parseDateTime } from './clean';

describe('parseDateTime', () => {
  it.each([
    ['2026-03-02T09:30:00+08:00', '2026-03-02T01:30:00.000Z', '2026-03-02', true],
    ['2026-03-01T20:30:00Z', '2026-03-01T20:30:00.000Z', '2026-03-02', true],
    ['2026-03-02 09:30:00', '2026-03-02T01:30:00.000Z', '2026-03-02', true],
    ['2026-03-02 09:30', '2026-03-02T01:30:00.000Z', '2026-03-02', true],
    ['2026/3/2 9:30', '2026-03-02T01:30:00.000Z', '2026-03-02', true],
    ['2026-03-02', '2026-03-01T16:00:00.000Z', '2026-03-02', false],
    ['2026年3月2日', '2026-03-01T16:00:00.000Z', '2026-03-02', false],
    ['２０２６－０３－０２　０９：３０', '2026-03-02T01:30:00.000Z', '2026-03-02', true],
    ['  2026/03/02  ', '2026-03-01T16:00:00.000Z', '2026-03-02', false],
    ['2026-03-02 00:30', '2026-03-01T16:30:00.000Z', '2026-03-02', true],
    ['2024-02-29', '2024-02-28T16:00:00.000Z', '2024-02-29', false],
    ['2000-02-29 08:00', '2000-02-29T00:00:00.000Z', '2000-02-29', true],
  ])('%s', (text, instant, date, hasTime) => {
    const p = parseDateTime(text)!;
    expect(p).not.toBeNull();
    expect(p.instant.toISOString()).toBe(instant);
    expect(p.date).toBe(date);
    expect(p.hasTime).toBe(hasTime);
  });

  it.each(['2026-02-30', '2025-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-03-02 24:00', '03/02/2026', 'yesterday', '2026-3', ''])('rejects %s', (t) =>
    expect(parseDateTime(t)).toBeNull(),
  );

  it('compares dates only when either side has no time', () => {
    const a = parseDateTime('2026-03-02 15:00')!;
    expect(finishedBeforeAccepted(a, parseDateTime('2026-03-02 14:00')!)).toBe(true);
    expect(finishedBeforeAccepted(a, parseDateTime('2026-03-02')!)).toBe(false);
    expect(finishedBeforeAccepted(a, parseDateTime('2026-03-01')!)).toBe(true);
    expect(finishedBeforeAccepted(parseDateTime('2026-03-02')!, parseDateTime('2026-03-02 08:00')!)).toBe(false);
  });
});

describe('applicant IDs', () => {
  it.each([
    ['11010519491231002X', true],
    ['11010519491231002x', true], // x -> X
    ['110101199003074477', true],
    ['110105194912310021', false], // bad check digit
    ['91350100M000100Y43', true], // USCC
    ['91350100m000100y43', true],
    ['91350100M000100Y44', false],
    ['91350100M000100Y4', false], // 17 chars
    ['9135010OM000100Y43', false], // O not allowed
  ])('%s -> %s', (id, ok) => expect(checkApplicantId(id).ok).toBe(ok));
});

describe('cleanText', () => {
  it('trims and folds full-width digits and letters', () => {
    expect(cleanText('　ＡＢ１２ \t')).toBe('AB12');
  });
});
