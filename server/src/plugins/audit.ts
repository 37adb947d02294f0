// Append-only audit trail. Pass the transaction client when the audited change is part of one, so the record and
// the change commit together.
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type { Prisma } from '../generated/prisma/client';
import type { Config } from '../config';
import { appendAudit, chainKey, rowHash, type AuditRowData } from '../lib/audit-chain';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  reason?: string | null;
  detail?: Prisma.InputJsonValue;
  /**
   * A citizen's act on a 保密 report: recorded without actor id, IP or request id (the request id is also in the
   * request's log lines), so the audit trail cannot tie the report to an account, a device or an address.
   */
  unlinkable?: boolean;
}
type Writer = Parameters<typeof appendAudit>[0];

declare module 'fastify' {
  interface FastifyContextConfig {
    /** 保密 submission and lookup routes: their log lines carry no client address (see app.ts) */
    unlinkable?: boolean;
  }
  interface FastifyInstance {
    audit(request: FastifyRequest | null, entry: AuditEntry, tx?: Writer): Promise<void>;
    /** The entry's row chained after `prevHash`, for a writer holding the chain lock that inserts it in its own statement. */
    chainedAudit(request: FastifyRequest | null, entry: AuditEntry, prevHash: string | null): AuditRowData & { prevHash: string | null; hash: string };
  }
}

/** The audit row of an entry: by the request's actor, or by the system (a job, the CLI) when there is no request. */
export function auditRow(request: FastifyRequest | null, entry: AuditEntry) {
  const actor = request?.actor;
  const sealed = entry.unlinkable === true;
  return {
    actorType: sealed ? 'citizen' : (actor?.kind ?? 'system'),
    actorId: sealed ? null : (actor?.id ?? null),
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    reason: entry.reason ?? null,
    detail: entry.detail ?? null,
    ip: sealed ? null : (request?.ip ?? null),
    requestId: sealed || !request ? null : String(request.id),
  };
}

export default fp<{ config: Config }>(
  async (app, opts) => {
    const key = chainKey(opts.config.hashKey);
    app.decorate('audit', async (request: FastifyRequest | null, entry: AuditEntry, tx?: Writer) => {
      const data = auditRow(request, entry);
      // alone, the record is its own short transaction: the chain lock is held only for the append
      if (tx) await appendAudit(tx, key, data);
      else await app.db.prisma.$transaction((t) => appendAudit(t, key, data));
    });
    app.decorate('chainedAudit', (request: FastifyRequest | null, entry: AuditEntry, prevHash: string | null) => {
      const row: AuditRowData = { ...auditRow(request, entry), at: new Date() };
      return { ...row, prevHash, hash: rowHash(key, prevHash, row) };
    });
  },
  { name: 'audit', dependencies: ['database', 'auth'] },
);
