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
