// Tamper evidence for the audit log (等保 2.0 8.1.4.3 c): every row carries a keyed hash over its own fields and the
// hash of the row before it. Editing a row breaks its own hash; inserting or deleting one breaks the link of the row
// after it. The key is derived from HASH_KEY and never stored in the database, so whoever can write to the database
// but does not hold the key cannot forge a consistent chain. A database trigger refuses UPDATE and DELETE anyway.
import { createHmac } from 'node:crypto';
import type { Prisma } from '../generated/prisma/client';

export type AuditRowData = {
  at: Date;
  actorType: string;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  reason: string | null;
  detail: unknown;
  ip: string | null;
  requestId: string | null;
};

type ChainWriter = {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  auditLog: { create(args: { data: Prisma.AuditLogCreateInput }): Promise<unknown> };
};

/** One lock for the whole chain: appends are serialised so each row links to the row committed before it. */
export const AUDIT_CHAIN_LOCK_KEY = 72707370;

/** JSON with object keys sorted at every level: jsonb reorders keys, so the hash must not depend on their order. */
function canonical(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function chainKey(hashKeyBase64: string): Buffer {
  return createHmac('sha256', Buffer.from(hashKeyBase64, 'base64')).update('msjd/audit-chain/v1').digest();
}

export function rowHash(key: Buffer, prevHash: string | null, row: AuditRowData): string {
  // the detail as the database will give it back: what JSON can carry (dates as ISO text, no undefined)
  const detail = row.detail === undefined || row.detail === null ? null : JSON.parse(JSON.stringify(row.detail));
  const fields = [prevHash, row.at.toISOString(), row.actorType, row.actorId, row.action, row.entity, row.entityId, row.reason, detail, row.ip, row.requestId];
  return createHmac('sha256', key).update(canonical(fields)).digest('base64url');
}

/** Appends one row to the chain. Call inside the transaction of the change it records; it holds the chain lock to its end. */
export async function appendAudit(tx: ChainWriter, key: Buffer, data: Omit<AuditRowData, 'at'>): Promise<void> {
  await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock($1::bigint)', AUDIT_CHAIN_LOCK_KEY);
  const [last] = await tx.$queryRawUnsafe<{ hash: string | null }[]>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
  const prevHash = last?.hash ?? null;
  // millisecond precision: the column is timestamptz(3), and the hash must see what is stored
  const row: AuditRowData = { ...data, at: new Date() };
  await tx.auditLog.create({
    data: {
      ...row,
      detail: (row.detail ?? undefined) as Prisma.InputJsonValue | undefined,
      prevHash,
      hash: rowHash(key, prevHash, row),
    },
  });
}

export type ChainBreak = { id: string; kind: 'altered' | 'inserted_or_deleted' | 'unchained'; message: string };
type StoredRow = AuditRowData & { id: bigint; prevHash: string | null; hash: string | null };

/**
 * Walks the chain in id order and returns the first break, or null. Rows written before the chain existed (no hash)
 * may only precede the first chained row. After a retention purge the first remaining row links to the purged row
 * whose hash the purge recorded (`anchor`), so a purge is not mistaken for a deletion.
 */
export async function verifyChain(
  readBatch: (afterId: bigint, limit: number) => Promise<StoredRow[]>,
  key: Buffer,
  anchor: string | null,
): Promise<{ checked: number; break: ChainBreak | null }> {
  let checked = 0;
  let prev: string | null | undefined; // undefined: no chained row seen yet
  let after = -1n;
  for (;;) {
    const rows = await readBatch(after, 1000);
    if (rows.length === 0) return { checked, break: null };
    for (const r of rows) {
      after = r.id;
      checked++;
      const id = String(r.id);
      if (r.hash === null) {
        if (prev !== undefined) return { checked, break: { id, kind: 'unchained', message: `第 ${id} 条记录没有校验值，排在已入链记录之后（被插入或被改动）` } };
        continue;
      }
      const expectedPrev = prev === undefined ? (r.prevHash === anchor ? anchor : null) : prev;
      if (r.prevHash !== expectedPrev) {
        return { checked, break: { id, kind: 'inserted_or_deleted', message: `第 ${id} 条记录与前一条记录不衔接：其前有记录被删除，或它本身是被插入的` } };
      }
      if (rowHash(key, r.prevHash, r) !== r.hash) {
        return { checked, break: { id, kind: 'altered', message: `第 ${id} 条记录的内容与其校验值不符：记录已被改动` } };
      }
      prev = r.hash;
    }
  }
}
