// Sealed identity: AES-256-GCM with a key id stored beside each ciphertext so keys can rotate (the first key in
// IDENTITY_KEYS encrypts; every listed key decrypts). Lookups use a keyed hash (HMAC-SHA256), never the plain value.
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface Sealer {
  seal(plain: string): string;
  open(sealed: string): string;
  keyedHash(value: string): string;
  hashEquals(a: string, b: string): boolean;
}

export function parseIdentityKeys(spec: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [id, b64] = part.split(':');
    const key = Buffer.from(b64 ?? '', 'base64');
    if (!id || !/^[A-Za-z0-9_-]{1,16}$/.test(id) || key.length !== 32) {
      throw new Error('IDENTITY_KEYS 格式应为 keyId:base64(32 字节)[,…]');
    }
    keys.set(id, key);
  }
  if (!keys.size) throw new Error('IDENTITY_KEYS 为空');
  return keys;
}

export function createSealer(identityKeys: string, hashKey: string): Sealer {
  const keys = parseIdentityKeys(identityKeys);
  const [currentId, currentKey] = [...keys.entries()][0]!;
  const hmacKey = Buffer.from(hashKey, 'base64');
  if (hmacKey.length < 32) throw new Error('HASH_KEY 须为至少 32 字节的 base64');
  return {
    // format: v1.<keyId>.<iv>.<tag>.<ciphertext>, base64url parts
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', currentKey, iv);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', currentId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
    },
    open(sealed) {
      const [v, keyId, iv, tag, ct] = sealed.split('.');
      const key = keys.get(keyId ?? '');
      if (v !== 'v1' || !key || !iv || !tag || ct === undefined) throw new Error('sealed value malformed or key unknown');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
    },
    keyedHash(value) {
      return createHmac('sha256', hmacKey).update(value).digest('hex');
    },
    hashEquals(a, b) {
      const x = Buffer.from(a, 'hex');
      const y = Buffer.from(b, 'hex');
      return x.length === y.length && timingSafeEqual(x, y);
    },
  };
}
