import { describe, expect, it } from 'vitest';
import { createSealer } from './sealing';

const k1 = 'a:' + Buffer.alloc(32, 1).toString('base64');
const k2 = 'b:' + Buffer.alloc(32, 2).toString('base64');
const hashKey = Buffer.alloc(32, 3).toString('base64');

describe('sealing', () => {
  it('round-trips and never stores the plain text', () => {
    const s = createSealer(k1, hashKey);
    const sealed = s.seal('13800138000');
    expect(sealed).not.toContain('13800138000');
    expect(sealed.startsWith('v1.a.')).toBe(true);
    expect(s.open(sealed)).toBe('13800138000');
    expect(s.seal('x')).not.toBe(s.seal('x'));
  });
  it('decrypts values sealed under a rotated-out key', () => {
    const old = createSealer(k1, hashKey).seal('张三');
    const rotated = createSealer(`${k2},${k1}`, hashKey);
    expect(rotated.open(old)).toBe('张三');
    expect(rotated.seal('张三').startsWith('v1.b.')).toBe(true);
  });
  it('rejects tampered ciphertext', () => {
    const s = createSealer(k1, hashKey);
    const parts = s.seal('secret').split('.');
    parts[4] = Buffer.from('other').toString('base64url');
    expect(() => s.open(parts.join('.'))).toThrow();
  });
  it('keyed hash is stable and key-dependent', () => {
    const a = createSealer(k1, hashKey);
    const b = createSealer(k1, Buffer.alloc(32, 4).toString('base64'));
    expect(a.keyedHash('openid-1')).toBe(a.keyedHash('openid-1'));
    expect(a.keyedHash('openid-1')).not.toBe(b.keyedHash('openid-1'));
    expect(a.hashEquals(a.keyedHash('x'), a.keyedHash('x'))).toBe(true);
  });
  it('refuses malformed key specs', () => {
    expect(() => createSealer('nokey', hashKey)).toThrow(/IDENTITY_KEYS/);
    expect(() => createSealer('a:' + Buffer.alloc(16).toString('base64'), hashKey)).toThrow(/IDENTITY_KEYS/);
  });
});
