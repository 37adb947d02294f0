// Signed scene ids for QR codes. The code carries "<id>.<sig>": id = 10 random base62 chars (the Scene row's key),
// sig = the first 16 base64url chars (96 bits) of HMAC-SHA256(HASH_KEY, "scene:v1:<id>") — 27 chars in all, within
// WeChat's 32-char limit for the scene of an unlimited mini-program code, and URL-safe for the H5 link.
import { randomInt, timingSafeEqual } from 'node:crypto';
import type { Sealer } from '../../lib/sealing';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const SCENE_ID_LENGTH = 10;
const SIG_LENGTH = 16;
const ID_RE = /^[0-9A-Za-z]{10}$/;

export function newSceneId(): string {
  let id = '';
  for (let i = 0; i < SCENE_ID_LENGTH; i++) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}

function signature(sealer: Pick<Sealer, 'keyedHash'>, id: string): string {
  return Buffer.from(sealer.keyedHash(`scene:v1:${id}`), 'hex').toString('base64url').slice(0, SIG_LENGTH);
}

export function signScene(sealer: Pick<Sealer, 'keyedHash'>, id: string): string {
  if (!ID_RE.test(id)) throw new Error('scene id malformed');
  return `${id}.${signature(sealer, id)}`;
}

/** The scene id when the signature holds, otherwise null (malformed, tampered, or signed with another key). */
export function verifyScene(sealer: Pick<Sealer, 'keyedHash'>, scene: string): string | null {
  if (scene.length > 32) return null;
  const [id, sig, ...rest] = scene.split('.');
  if (rest.length || !id || !sig || !ID_RE.test(id) || sig.length !== SIG_LENGTH) return null;
  const want = Buffer.from(signature(sealer, id));
  const got = Buffer.from(sig);
  return want.length === got.length && timingSafeEqual(want, got) ? id : null;
}
