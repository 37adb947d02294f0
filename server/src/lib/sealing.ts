// Sealing: authenticated encryption of what must never be stored in the clear (a reporter's identity, TOTP secrets,
// enterprise contacts, photos), and keyed hashes for lookups that must not hold the plain value.
//
// Two cipher suites, chosen by SEAL_SUITE: `sm` = 国密 SM4-GCM with HMAC-SM3 keyed hashes, `aes` = AES-256-GCM with
// HMAC-SHA-256. Master keys (IDENTITY_KEYS, 32 random bytes each; the first one encrypts, every listed one decrypts)
// seal small values directly and wrap the per-report data keys (DEKs) that seal a report's own fields and photos.
// Every sealed value names its suite and its key, so values of either suite and of every listed key stay readable:
//   v1.<keyId>.<iv>.<tag>.<ct>           AES-256-GCM under a master key (written before suites existed)
//   v2.<suite>.<keyId>.<iv>.<tag>.<ct>   under a master key
//   v2.<suite>.dek.<iv>.<tag>.<ct>       under the data key of the record it sits on (see DataKey)
// SM4 keys are 16 bytes: under `sm` a master key is used through HKDF-SM3, never cut short or reused across suites.
//
// Keyed hashes are not self-describing (they are looked up by equality and printed in QR codes), so their algorithm
// is one per deployment, recorded at the first start (plugins/sealer.ts), not switched with the suite.
import { type CipherGCMTypes, createCipheriv, createDecipheriv, createHmac, getCiphers, getHashes, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

export const sealSuites = ['sm', 'aes'] as const;
export type SealSuite = (typeof sealSuites)[number];
export const keyedHashAlgorithms = ['hmac-sm3', 'hmac-sha256'] as const;
export type KeyedHashAlgorithm = (typeof keyedHashAlgorithms)[number];

/** The keyed hash that goes with a suite, for a deployment that has not recorded one yet. */
export const keyedHashOfSuite = (suite: SealSuite): KeyedHashAlgorithm => (suite === 'sm' ? 'hmac-sm3' : 'hmac-sha256');

const CIPHERS = {
  sm: { name: 'sm4-gcm', keyBytes: 16, id: 2 },
  aes: { name: 'aes-256-gcm', keyBytes: 32, id: 1 },
} as const satisfies Record<SealSuite, { name: string; keyBytes: number; id: number }>;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const DEK_REF = 'dek';

export const isSealSuite = (v: unknown): v is SealSuite => v === 'sm' || v === 'aes';

/** Whether this process's OpenSSL has the suite's cipher (SM4-GCM needs Node 24's OpenSSL 3.5; Node 20 lacks it). */
export const suiteAvailable = (suite: SealSuite) => getCiphers().includes(CIPHERS[suite].name);

/** A sealed value or an encrypted object that cannot be opened: unknown key, tampered bytes, or the wrong data key. */
export class SealError extends Error {}

// Node's typings list only the AES and ChaCha AEADs; SM4-GCM takes the same options
const gcm = (suite: SealSuite) => CIPHERS[suite].name as CipherGCMTypes;

function encrypt(suite: SealSuite, key: Buffer, plain: Buffer, aad?: Buffer) {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(gcm(suite), key, iv, { authTagLength: TAG_BYTES });
  if (aad) cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ct };
}

function decrypt(suite: SealSuite, key: Buffer, iv: Buffer, tag: Buffer, ct: Buffer, aad?: Buffer): Buffer {
  // a shortened tag would be accepted by GCM unless its length is pinned: always 16 bytes here
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SealError('sealed value malformed');
  try {
    const decipher = createDecipheriv(gcm(suite), key, iv, { authTagLength: TAG_BYTES });
    if (aad) decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ct), decipher.final()]);
  } catch {
    throw new SealError('sealed value does not authenticate (tampered, or another key)');
  }
}

const b64 = (b: Buffer) => b.toString('base64url');
const unb64 = (s: string) => Buffer.from(s, 'base64url');

function formatV2(suite: SealSuite, ref: string, sealed: { iv: Buffer; tag: Buffer; ct: Buffer }) {
  return ['v2', suite, ref, b64(sealed.iv), b64(sealed.tag), b64(sealed.ct)].join('.');
}

interface ParsedValue {
  suite: SealSuite;
  ref: string;
  iv: Buffer;
  tag: Buffer;
  ct: Buffer;
}

function parseValue(sealed: string): ParsedValue {
  const parts = sealed.split('.');
  if (parts[0] === 'v1' && parts.length === 5) {
    const [, ref, iv, tag, ct] = parts as [string, string, string, string, string];
    return { suite: 'aes', ref, iv: unb64(iv), tag: unb64(tag), ct: unb64(ct) };
  }
  if (parts[0] === 'v2' && parts.length === 6 && isSealSuite(parts[1])) {
    const [, suite, ref, iv, tag, ct] = parts as [string, SealSuite, string, string, string, string];
    return { suite, ref, iv: unb64(iv), tag: unb64(tag), ct: unb64(ct) };
  }
  throw new SealError('sealed value malformed');
}

/** Whether a sealed value was sealed with a record's data key rather than a master key. */
export const sealedWithDataKey = (sealed: string) => sealed.startsWith('v2.') && sealed.split('.')[2] === DEK_REF;

// Objects (photos): MAGIC, format version, suite id, iv, tag, ciphertext. The object's storage key is the associated
// data, so an object copied over another one in the bucket does not open.
const OBJECT_MAGIC = Buffer.from('MSJD', 'latin1');
const OBJECT_VERSION = 1;
const OBJECT_HEADER = OBJECT_MAGIC.length + 2 + IV_BYTES + TAG_BYTES;
const objectAad = (storageKey: string) => Buffer.from(`msjd/object:${storageKey}`, 'utf8');

/** Whether stored bytes are one of our encrypted objects (photos stored before per-report keys are plain images). */
export const isEncryptedObject = (blob: Buffer) => blob.length >= OBJECT_HEADER && blob.subarray(0, 4).equals(OBJECT_MAGIC);

/** A record's own data key (a report's): seals its small values and encrypts its files. */
export interface DataKey {
  readonly suite: SealSuite;
  seal(plain: string): string;
  open(sealed: string): string;
  encryptObject(body: Buffer, storageKey: string): Buffer;
  decryptObject(blob: Buffer, storageKey: string): Buffer;
}

// The raw bytes of a data key leave this module only wrapped.
const dataKeyBytes = new WeakMap<DataKey, Buffer>();

function makeDataKey(suite: SealSuite, key: Buffer): DataKey {
  if (key.length !== CIPHERS[suite].keyBytes) throw new SealError('data key has the wrong length for its suite');
  const dek: DataKey = {
    suite,
    seal: (plain) => formatV2(suite, DEK_REF, encrypt(suite, key, Buffer.from(plain, 'utf8'))),
    open(sealed) {
      const v = parseValue(sealed);
      if (v.ref !== DEK_REF || v.suite !== suite) throw new SealError('value was not sealed with this data key');
      return decrypt(suite, key, v.iv, v.tag, v.ct).toString('utf8');
    },
    encryptObject(body, storageKey) {
      const { iv, tag, ct } = encrypt(suite, key, body, objectAad(storageKey));
      return Buffer.concat([OBJECT_MAGIC, Buffer.from([OBJECT_VERSION, CIPHERS[suite].id]), iv, tag, ct]);
    },
    decryptObject(blob, storageKey) {
      if (!isEncryptedObject(blob) || blob[4] !== OBJECT_VERSION) throw new SealError('not an encrypted object');
      if (blob[5] !== CIPHERS[suite].id) throw new SealError('object was encrypted under another suite');
      const at = OBJECT_MAGIC.length + 2;
      const iv = blob.subarray(at, at + IV_BYTES);
      const tag = blob.subarray(at + IV_BYTES, OBJECT_HEADER);
      return decrypt(suite, key, iv, tag, blob.subarray(OBJECT_HEADER), objectAad(storageKey));
    },
  };
  dataKeyBytes.set(dek, key);
  return dek;
}

export interface Sealer {
  /** the suite new values, data keys and wraps are made with */
  readonly suite: SealSuite;
  readonly keyedHashAlgorithm: KeyedHashAlgorithm;
  /** the master key that seals and wraps (the first of IDENTITY_KEYS) */
  readonly currentKeyId: string;
  /** Seals under the current master key (values that belong to no report: TOTP secrets, contacts, openids). */
  seal(plain: string): string;
  /** Opens a value sealed under any listed master key, either suite, v1 or v2; not a data-key value. */
  open(sealed: string): string;
  /** Whether a master-key value is already sealed under the current key and suite (rotation leaves it). */
  isCurrent(sealed: string): boolean;
  keyedHash(value: string): string;
  hashEquals(a: string, b: string): boolean;
  /** A fresh random data key of the current suite. */
  newDataKey(): DataKey;
  /** Wraps a data key under the current master key; `context` (the owner's id) must be given again to unwrap. */
  wrapDataKey(dek: DataKey, context: string): { masterKeyId: string; wrapped: string };
  unwrapDataKey(suite: string, wrapped: string, context: string): DataKey;
}

export function parseIdentityKeys(spec: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [id, key64] = part.split(':');
    const key = Buffer.from(key64 ?? '', 'base64');
    if (!id || !/^[A-Za-z0-9_-]{1,16}$/.test(id) || key.length !== 32 || id === DEK_REF) {
      throw new Error('IDENTITY_KEYS 格式应为 keyId:base64(32 字节)[,…]（keyId 不能为 dek）');
    }
    keys.set(id, key);
  }
  if (!keys.size) throw new Error('IDENTITY_KEYS 为空');
  return keys;
}

const dekAad = (dekSuite: SealSuite, context: string) => Buffer.from(`msjd/dek/${dekSuite}:${context}`, 'utf8');

/**
 * `options` default to the behaviour before suites (AES-256-GCM, HMAC-SHA-256); the app passes what the deployment
 * uses (plugins/sealer.ts).
 */
export function createSealer(
  identityKeys: string,
  hashKey: string,
  options: { suite?: SealSuite; keyedHash?: KeyedHashAlgorithm } = {},
): Sealer {
  const suite = options.suite ?? 'aes';
  const keyedHashAlgorithm = options.keyedHash ?? 'hmac-sha256';
  if (!suiteAvailable(suite) || (keyedHashAlgorithm === 'hmac-sm3' && !getHashes().includes('sm3'))) {
    throw new Error(`当前 Node.js（OpenSSL ${process.versions.openssl}）不支持 ${CIPHERS[suite].name}：请使用项目自带的 Node 24`);
  }
  const masters = parseIdentityKeys(identityKeys);
  const [currentKeyId] = [...masters.keys()];
  const hmacKey = Buffer.from(hashKey, 'base64');
  if (hmacKey.length < 32) throw new Error('HASH_KEY 须为至少 32 字节的 base64');
  const hmacDigest = keyedHashAlgorithm === 'hmac-sm3' ? 'sm3' : 'sha256';

  // the master key as the suite's cipher takes it: AES-256 uses it as it is (as v1 did), SM4 a 16-byte HKDF-SM3 child
  const derived = new Map<string, Buffer>();
  const masterFor = (s: SealSuite, keyId: string): Buffer => {
    const master = masters.get(keyId);
    if (!master) throw new SealError(`master key "${keyId}" is not in IDENTITY_KEYS`);
    if (s === 'aes') return master;
    const cacheKey = `${s}:${keyId}`;
    let key = derived.get(cacheKey);
    if (!key) {
      key = Buffer.from(hkdfSync('sm3', master, Buffer.alloc(0), 'msjd/sm4-gcm/master/v2', CIPHERS.sm.keyBytes));
      derived.set(cacheKey, key);
    }
    return key;
  };

  return {
    suite,
    keyedHashAlgorithm,
    currentKeyId: currentKeyId!,
    seal: (plain) => formatV2(suite, currentKeyId!, encrypt(suite, masterFor(suite, currentKeyId!), Buffer.from(plain, 'utf8'))),
    open(sealed) {
      const v = parseValue(sealed);
      if (v.ref === DEK_REF) throw new SealError('value is sealed with a data key: open it with its record’s key');
      return decrypt(v.suite, masterFor(v.suite, v.ref), v.iv, v.tag, v.ct).toString('utf8');
    },
    isCurrent: (sealed) => sealed.startsWith(`v2.${suite}.${currentKeyId}.`),
    keyedHash: (value) => createHmac(hmacDigest, hmacKey).update(value).digest('hex'),
    hashEquals(a, b) {
      const x = Buffer.from(a, 'hex');
      const y = Buffer.from(b, 'hex');
      return x.length === y.length && timingSafeEqual(x, y);
    },
    newDataKey: () => makeDataKey(suite, randomBytes(CIPHERS[suite].keyBytes)),
    wrapDataKey(dek, context) {
      const raw = dataKeyBytes.get(dek);
      if (!raw) throw new SealError('not a data key of this process');
      const wrapped = formatV2(suite, currentKeyId!, encrypt(suite, masterFor(suite, currentKeyId!), raw, dekAad(dek.suite, context)));
      return { masterKeyId: currentKeyId!, wrapped };
    },
    unwrapDataKey(dekSuite, wrapped, context) {
      if (!isSealSuite(dekSuite)) throw new SealError(`unknown suite "${dekSuite}"`);
      const v = parseValue(wrapped);
      if (v.ref === DEK_REF) throw new SealError('a data key is wrapped by a master key');
      return makeDataKey(dekSuite, decrypt(v.suite, masterFor(v.suite, v.ref), v.iv, v.tag, v.ct, dekAad(dekSuite, context)));
    },
  };
}
