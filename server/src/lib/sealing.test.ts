import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSealer, isEncryptedObject, SealError, sealedWithDataKey, type SealSuite } from './sealing';

const k1 = 'a:' + Buffer.alloc(32, 1).toString('base64');
const k2 = 'b:' + Buffer.alloc(32, 2).toString('base64');
const hashKey = Buffer.alloc(32, 3).toString('base64');
const suites: SealSuite[] = ['sm', 'aes'];

/** A value exactly as the code before suites wrote it (v1, AES-256-GCM under the raw master key). */
function legacyV1(keyId: string, key: Buffer, plain: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', keyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}

describe('sealing', () => {
  it.each(suites)('%s: round-trips, names suite and key, never stores the plain text', (suite) => {
    const s = createSealer(k1, hashKey, { suite });
    const sealed = s.seal('13800138000');
    expect(sealed).not.toContain('13800138000');
    expect(sealed.startsWith(`v2.${suite}.a.`)).toBe(true);
    expect(s.open(sealed)).toBe('13800138000');
    expect(s.seal('x')).not.toBe(s.seal('x'));
    expect(s.isCurrent(sealed)).toBe(true);
  });

  it('opens values of the other suite and v1 values written before suites', () => {
    const sm = createSealer(k1, hashKey, { suite: 'sm' });
    const aes = createSealer(k1, hashKey, { suite: 'aes' });
    expect(sm.open(aes.seal('张三'))).toBe('张三');
    expect(aes.open(sm.seal('李四'))).toBe('李四');
    const v1 = legacyV1('a', Buffer.alloc(32, 1), '王五');
    expect(sm.open(v1)).toBe('王五');
    expect(sm.isCurrent(v1)).toBe(false);
    expect(sm.isCurrent(aes.seal('x'))).toBe(false);
  });

  it('SM4 uses a key derived from the master key, not the master key cut short', () => {
    const sealed = createSealer(k1, hashKey, { suite: 'sm' }).seal('赵六');
    const [, , , iv, tag, ct] = sealed.split('.');
    const truncated = createCipheriv('sm4-gcm' as 'aes-128-gcm', Buffer.alloc(16, 1), Buffer.from(iv!, 'base64url'));
    const guess = Buffer.concat([truncated.update('赵六', 'utf8'), truncated.final()]);
    expect(guess.toString('base64url')).not.toBe(ct);
    expect(truncated.getAuthTag().toString('base64url')).not.toBe(tag);
  });

  it('decrypts values sealed under a rotated-out key', () => {
    const old = createSealer(k1, hashKey, { suite: 'sm' }).seal('张三');
    const rotated = createSealer(`${k2},${k1}`, hashKey, { suite: 'sm' });
    expect(rotated.open(old)).toBe('张三');
    expect(rotated.isCurrent(old)).toBe(false);
    expect(rotated.seal('张三').startsWith('v2.sm.b.')).toBe(true);
    expect(() => createSealer(k2, hashKey, { suite: 'sm' }).open(old)).toThrow(SealError);
  });

  it.each(suites)('%s: rejects tampered ciphertext and a shortened tag', (suite) => {
    const s = createSealer(k1, hashKey, { suite });
    const parts = s.seal('secret').split('.');
    expect(() => s.open([...parts.slice(0, 5), Buffer.from('other').toString('base64url')].join('.'))).toThrow(SealError);
    expect(() => s.open([...parts.slice(0, 4), parts[4]!.slice(0, 6), parts[5]].join('.'))).toThrow(SealError);
    expect(() => s.open('v3.sm.a.x.y.z')).toThrow(SealError);
  });

  it('keyed hash is stable, key-dependent and of the deployment algorithm', () => {
    const a = createSealer(k1, hashKey);
    const b = createSealer(k1, Buffer.alloc(32, 4).toString('base64'));
    expect(a.keyedHash('openid-1')).toBe(a.keyedHash('openid-1'));
    expect(a.keyedHash('openid-1')).not.toBe(b.keyedHash('openid-1'));
    expect(a.hashEquals(a.keyedHash('x'), a.keyedHash('x'))).toBe(true);
    // the suite of sealed values does not change keyed hashes: a deployment keeps its algorithm
    expect(createSealer(k1, hashKey, { suite: 'sm' }).keyedHash('x')).toBe(a.keyedHash('x'));
    const sm3 = createSealer(k1, hashKey, { keyedHash: 'hmac-sm3' });
    expect(sm3.keyedHash('x')).toMatch(/^[0-9a-f]{64}$/);
    expect(sm3.keyedHash('x')).not.toBe(a.keyedHash('x'));
  });

  it('the sm3 digest is GB/T 32905 SM3 (its published example)', () => {
    expect(createHash('sm3').update('abc').digest('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('refuses malformed key specs and the reserved id', () => {
    expect(() => createSealer('nokey', hashKey)).toThrow(/IDENTITY_KEYS/);
    expect(() => createSealer('a:' + Buffer.alloc(16).toString('base64'), hashKey)).toThrow(/IDENTITY_KEYS/);
    expect(() => createSealer('dek:' + Buffer.alloc(32, 1).toString('base64'), hashKey)).toThrow(/IDENTITY_KEYS/);
  });
});

describe('data keys', () => {
  it.each(suites)('%s: a data key seals values and objects; it is stored only wrapped, bound to its owner', (suite) => {
    const s = createSealer(k1, hashKey, { suite });
    const dek = s.newDataKey();
    const value = dek.seal('13900001111');
    expect(sealedWithDataKey(value)).toBe(true);
    expect(value.startsWith(`v2.${suite}.dek.`)).toBe(true);
    expect(() => s.open(value)).toThrow(SealError);
    const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('村委会照片')]);
    const blob = dek.encryptObject(photo, 'reports/r1/p1.jpg');
    expect(isEncryptedObject(blob)).toBe(true);
    expect(blob.includes(Buffer.from('村委会照片'))).toBe(false);

    const { masterKeyId, wrapped } = s.wrapDataKey(dek, 'report-1');
    expect(masterKeyId).toBe('a');
    const again = s.unwrapDataKey(suite, wrapped, 'report-1');
    expect(again.open(value)).toBe('13900001111');
    expect(again.decryptObject(blob, 'reports/r1/p1.jpg').equals(photo)).toBe(true);
    // another owner's row, another object name, another suite: nothing opens
    expect(() => s.unwrapDataKey(suite, wrapped, 'report-2')).toThrow(SealError);
    expect(() => again.decryptObject(blob, 'reports/r1/other.jpg')).toThrow(SealError);
    expect(() => s.unwrapDataKey(suite === 'sm' ? 'aes' : 'sm', wrapped, 'report-1')).toThrow(SealError);
    expect(() => s.newDataKey().open(value)).toThrow(SealError);
  });

  it('a data key re-wrapped under a new master key opens without the old one', () => {
    const a = createSealer(k1, hashKey, { suite: 'sm' });
    const dek = a.newDataKey();
    const value = dek.seal('张三');
    const wrappedA = a.wrapDataKey(dek, 'r').wrapped;
    const both = createSealer(`${k2},${k1}`, hashKey, { suite: 'sm' });
    const rewrapped = both.wrapDataKey(both.unwrapDataKey('sm', wrappedA, 'r'), 'r');
    expect(rewrapped.masterKeyId).toBe('b');
    const onlyB = createSealer(k2, hashKey, { suite: 'sm' });
    expect(onlyB.unwrapDataKey('sm', rewrapped.wrapped, 'r').open(value)).toBe('张三');
    expect(() => onlyB.unwrapDataKey('sm', wrappedA, 'r')).toThrow(SealError);
  });

  it('an AES data key keeps working after the deployment switches to 国密', () => {
    const aes = createSealer(k1, hashKey, { suite: 'aes' });
    const dek = aes.newDataKey();
    const value = dek.seal('钱七');
    const wrapped = aes.wrapDataKey(dek, 'r').wrapped;
    const sm = createSealer(k1, hashKey, { suite: 'sm' });
    const rewrapped = sm.wrapDataKey(sm.unwrapDataKey('aes', wrapped, 'r'), 'r').wrapped;
    expect(rewrapped.startsWith('v2.sm.a.')).toBe(true);
    expect(sm.unwrapDataKey('aes', rewrapped, 'r').open(value)).toBe('钱七');
  });
});
