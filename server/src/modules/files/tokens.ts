// File tokens: a short-lived capability to read one report photo, like a presigned URL but ours. The bucket holds only
// ciphertext, so a photo cannot be handed out as an object-storage address any more; a route that has already checked
// the caller (the report detail, the attachment link) mints a token naming the attachment and its report, valid for
// FILE_TOKEN_SECONDS, and the browser loads GET /api/files/<token> in an <img>. The token is signed with the
// deployment's keyed hash (HMAC-SM3 or HMAC-SHA-256 under HASH_KEY, domain-separated), so only the server mints it.
import type { Sealer } from '../../lib/sealing';

export const FILE_TOKEN_SECONDS = 600;
const VERSION = 1;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const uuidBytes = (id: string) => Buffer.from(id.replaceAll('-', ''), 'hex');
const uuidText = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const signature = (sealer: Pick<Sealer, 'keyedHash'>, payload: string) =>
  Buffer.from(sealer.keyedHash(`file-token:v${VERSION}:${payload}`), 'hex').toString('base64url');

export interface FileGrant {
  attachmentId: string;
  reportId: string;
  expiresAt: Date;
}

/** `<payload>.<signature>`, base64url: version, attachment id, report id, expiry (Unix seconds). */
export function mintFileToken(sealer: Pick<Sealer, 'keyedHash'>, grant: { attachmentId: string; reportId: string }, now: Date): string {
  if (!UUID.test(grant.attachmentId) || !UUID.test(grant.reportId)) throw new Error('file token: ids must be UUIDs');
  const exp = Buffer.alloc(4);
  exp.writeUInt32BE(Math.floor(now.getTime() / 1000) + FILE_TOKEN_SECONDS);
  const payload = Buffer.concat([Buffer.from([VERSION]), uuidBytes(grant.attachmentId), uuidBytes(grant.reportId), exp]).toString('base64url');
  return `${payload}.${signature(sealer, payload)}`;
}

export type FileTokenCheck = { ok: true; grant: FileGrant } | { ok: false; reason: 'invalid' | 'expired' };

export function checkFileToken(sealer: Pick<Sealer, 'keyedHash' | 'hashEquals'>, token: string, now: Date): FileTokenCheck {
  const [payload, sig, ...rest] = token.split('.');
  if (!payload || !sig || rest.length) return { ok: false, reason: 'invalid' };
  const expected = signature(sealer, payload);
  const given = Buffer.from(sig, 'base64url');
  if (given.toString('base64url') !== sig || !sealer.hashEquals(given.toString('hex'), Buffer.from(expected, 'base64url').toString('hex'))) {
    return { ok: false, reason: 'invalid' };
  }
  const bytes = Buffer.from(payload, 'base64url');
  if (bytes.length !== 37 || bytes[0] !== VERSION) return { ok: false, reason: 'invalid' };
  const expiresAt = new Date(bytes.readUInt32BE(33) * 1000);
  // signed and well-formed: only now does its expiry mean anything
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, grant: { attachmentId: uuidText(bytes.subarray(1, 17)), reportId: uuidText(bytes.subarray(17, 33)), expiresAt } };
}
