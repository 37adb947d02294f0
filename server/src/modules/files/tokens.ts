// File tokens: a short-lived capability to read one report photo, like a presigned URL but ours. The bucket holds only
// ciphertext, so a photo cannot be handed out as an object-storage address any more; a route that has already checked
// the caller (the report detail, the attachment link) mints a token naming the attachment and its report, valid for
// FILE_TOKEN_SECONDS, and the browser loads GET /api/files/<token> in an <img>. The token is signed with the
// deployment's keyed hash (HMAC-SM3 or HMAC-SHA-256 under HASH_KEY, domain-separated), so only the server mints it.
import type { Sealer } from '../../lib/sealing';

export const FILE_TOKEN_SECONDS = 600;
const VERSION = 1;
/** Version 2 also names the staff member it was minted for, so opening a video is audited under their name. */
const VERSION_VIEWER = 2;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const uuidBytes = (id: string) => Buffer.from(id.replaceAll('-', ''), 'hex');
const uuidText = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
// Version 2 keeps 128 bits of the MAC (NIST SP 800-107 allows truncation), so the token stays within the router's
// 100-character path parameter.
const signature = (sealer: Pick<Sealer, 'keyedHash'>, payload: string, version = VERSION) => {
  const mac = Buffer.from(sealer.keyedHash(`file-token:v${version}:${payload}`), 'hex');
  return (version === VERSION_VIEWER ? mac.subarray(0, 16) : mac).toString('base64url');
};

export interface FileGrant {
  attachmentId: string;
  reportId: string;
  expiresAt: Date;
  /** the staff member the token was minted for (version 2 tokens) */
  viewerId?: string;
}

/**
 * `<payload>.<signature>`, base64url: version, attachment id, report id, expiry (Unix seconds), and with a viewer
 * (version 2) the staff member's id.
 */
export function mintFileToken(sealer: Pick<Sealer, 'keyedHash'>, grant: { attachmentId: string; reportId: string; viewerId?: string }, now: Date): string {
  if (!UUID.test(grant.attachmentId) || !UUID.test(grant.reportId)) throw new Error('file token: ids must be UUIDs');
  if (grant.viewerId !== undefined && !UUID.test(grant.viewerId)) throw new Error('file token: ids must be UUIDs');
  const exp = Buffer.alloc(4);
  exp.writeUInt32BE(Math.floor(now.getTime() / 1000) + FILE_TOKEN_SECONDS);
  const version = grant.viewerId ? VERSION_VIEWER : VERSION;
  const parts = [Buffer.from([version]), uuidBytes(grant.attachmentId), uuidBytes(grant.reportId), exp];
  if (grant.viewerId) parts.push(uuidBytes(grant.viewerId));
  const payload = Buffer.concat(parts).toString('base64url');
  return `${payload}.${signature(sealer, payload, version)}`;
}

export type FileTokenCheck = { ok: true; grant: FileGrant } | { ok: false; reason: 'invalid' | 'expired' };

export function checkFileToken(sealer: Pick<Sealer, 'keyedHash' | 'hashEquals'>, token: string, now: Date): FileTokenCheck {
  const [payload, sig, ...rest] = token.split('.');
  if (!payload || !sig || rest.length) return { ok: false, reason: 'invalid' };
  const bytes = Buffer.from(payload, 'base64url');
  const version = bytes[0] === VERSION_VIEWER ? VERSION_VIEWER : VERSION;
  const expected = signature(sealer, payload, version);
  const given = Buffer.from(sig, 'base64url');
  if (given.toString('base64url') !== sig || !sealer.hashEquals(given.toString('hex'), Buffer.from(expected, 'base64url').toString('hex'))) {
    return { ok: false, reason: 'invalid' };
  }
  if (bytes.length !== (version === VERSION_VIEWER ? 53 : 37) || bytes[0] !== version) return { ok: false, reason: 'invalid' };
  const expiresAt = new Date(bytes.readUInt32BE(33) * 1000);
  // signed and well-formed: only now does its expiry mean anything
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  const grant: FileGrant = { attachmentId: uuidText(bytes.subarray(1, 17)), reportId: uuidText(bytes.subarray(17, 33)), expiresAt };
  if (version === VERSION_VIEWER) grant.viewerId = uuidText(bytes.subarray(37, 53));
  return { ok: true, grant };
}
