import { randomInt } from 'node:crypto';
import argon2 from 'argon2';

// argon2id with the library's defaults (m=64 MiB, t=3, p=4): the current OWASP recommendation.
export const hashPassword = (plain: string) => argon2.hash(plain, { type: argon2.argon2id });

// Compared even for unknown users, so response time does not reveal which usernames exist.
const DUMMY_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$1s2z0HTdCj3m0WU/cCsbC8fQ2c3T6NhXUzKMw1U2W3c';
export async function verifyPassword(hash: string | null | undefined, plain: string): Promise<boolean> {
  try {
    return await argon2.verify(hash ?? DUMMY_HASH, plain);
  } catch {
    return false;
  }
}

// Letters and digits that cannot be misread when read out or copied by hand (no 0/O, 1/l/I).
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const DIGIT = '23456789';
const SYMBOL = '@#%*+=?';

/** A temporary password that meets the policy; shown once to the administrator, changed at the next login. */
export function generateTemporaryPassword(): string {
  const pick = (set: string) => set[randomInt(set.length)]!;
  const all = UPPER + LOWER + DIGIT;
  const chars = [pick(UPPER), pick(LOWER), pick(DIGIT), pick(SYMBOL), ...Array.from({ length: 8 }, () => pick(all))];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
