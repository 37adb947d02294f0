import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy } from './password-policy';

describe('checkPasswordPolicy', () => {
  it('accepts ten characters of three classes without the username', async () => {
    expect(await checkPasswordPolicy('Kfz#83mqpa', { username: 'admin' })).toEqual([]);
    expect(await checkPasswordPolicy('kfz#83mqpa', { username: 'admin' })).toEqual([]);
  });
  it.each([
    ['Ab1#efghi', '密码至少 10 位'],
    ['abcdefgh12', '密码须包含大写字母、小写字母、数字、符号中的至少三类'],
    ['ABCDEFGH!!', '密码须包含大写字母、小写字母、数字、符号中的至少三类'],
    ['Xx9#ZhangSan', '密码不能包含用户名'],
  ])('refuses %s: %s', async (password, reason) => {
    expect(await checkPasswordPolicy(password, { username: 'zhangsan' })).toEqual([reason]);
  });
  it('lists every reason at once', async () => {
    expect(await checkPasswordPolicy('admin', { username: 'admin' })).toHaveLength(3);
  });
});
