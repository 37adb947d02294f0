// Staff password rules (GB/T 22239-2019 8.1.4.1 a): length, mixed character classes, not derived from the username,
// not a recent password. Used by every place a password is set: the change-password route, the administrators'
// account routes, and the create-admin command line.
import { verifyPassword } from './password';

export const PASSWORD_MIN_LENGTH = 10;
/** how many recent passwords (the current one included) a new one may not repeat */
export const PASSWORD_HISTORY_DEPTH = 5;

const classes: [RegExp, string][] = [
  [/[a-z]/, '小写字母'],
  [/[A-Z]/, '大写字母'],
  [/\d/, '数字'],
  [/[^A-Za-z0-9]/, '符号'],
];

/**
 * The reasons a password is refused, in Chinese; empty when it is acceptable. `history` holds argon2id hashes of
 * the user's recent passwords (the current one first); only the first five are checked.
 */
export async function checkPasswordPolicy(password: string, { username, history = [] }: { username: string; history?: readonly string[] }): Promise<string[]> {
  const reasons: string[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) reasons.push(`密码至少 ${PASSWORD_MIN_LENGTH} 位`);
  const present = classes.filter(([re]) => re.test(password)).length;
  if (present < 3) reasons.push('密码须包含大写字母、小写字母、数字、符号中的至少三类');
  const name = username.trim().toLowerCase();
  if (name && password.toLowerCase().includes(name)) reasons.push('密码不能包含用户名');
  if (/\s/.test(password)) reasons.push('密码不能包含空格');
  // Only worth the argon2 work when the password is otherwise acceptable.
  if (reasons.length === 0 && history.length > 0) {
    const recent = history.slice(0, PASSWORD_HISTORY_DEPTH);
    const matches = await Promise.all(recent.map((hash) => verifyPassword(hash, password)));
    if (matches.some(Boolean)) reasons.push(`新密码不能与最近 ${PASSWORD_HISTORY_DEPTH} 次使用过的密码相同`);
  }
  return reasons;
}
