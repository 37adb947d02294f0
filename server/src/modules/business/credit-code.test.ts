import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, creditCodeProblem, creditCodeSchema, isValidCreditCode } from '@msjd/shared';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('computes the check character by hand for 91350100M000100Y4', () => {
    // values 9 1 3 5 0 1 0 0 M=21 0 0 0 1 0 0 Y=30 4; weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28
    // sum = 9+3+27+135+26+420+8+900+112 = 1640; 1640 mod 31 = 28; 31-28 = 3
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it.each([
    ['91350100M000100Y43', 'published example'],
    ['91110108551385082Q', 'a Beijing company (letter check character)'],
    ['12100000400000624D', 'a public institution (登记管理部门 1)'],
  ])('accepts %s (%s)', (code) => {
    expect(creditCodeProblem(code)).toBeNull();
    expect(isValidCreditCode(code)).toBe(true);
  });

  it('writes a remainder of 0 as check character 0', () => {
    // find a prefix whose weighted sum is a multiple of 31 by varying the last character
    const base = '9111010855138508';
    const last = '0123456789ABCDEFGHJKLMNPQRTUWXY'.split('').find((c) => creditCodeCheckChar(base + c) === '0');
    expect(last).toBeDefined();
    expect(isValidCreditCode(`${base}${last}0`)).toBe(true);
  });

  it.each([
    ['91350100M000100Y4A', 'check', 'wrong check character'],
    ['91350100M000100Y44', 'check', 'check digit off by one'],
    ['91110108551385082', 'length', '17 characters'],
    ['91110108551385082QX', 'length', '19 characters'],
    ['91350100M000100YIO', 'charset', 'I and O are not code characters'],
    ['9135010OM000100Y43', 'charset', 'letter O for zero'],
    ['913501A0M000100Y43', 'region', 'letter inside the division code'],
    ['', 'length', 'empty'],
  ])('rejects %s as %s (%s)', (code, problem) => {
    expect(creditCodeProblem(code)).toBe(problem);
  });

  it('normalises spaces, dashes and lower case before checking, with Chinese messages', () => {
    expect(creditCodeSchema.parse(' 9135-0100m000100y43 ')).toBe('91350100M000100Y43');
    const r = creditCodeSchema.safeParse('91350100M000100Y4A');
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe('统一社会信用代码校验位不正确，请核对后重新输入');
  });
});
