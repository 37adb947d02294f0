// Append-only audit trail. Pass the transaction client when the audited change is part of one, so the record and
// the change commit together. Rows are sealed when written and chained right after commit (lib/audit-chain.ts), so
// audited transactions do not queue behind each other.
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type { Prisma } from '../generated/prisma/client';
import type { Config } from '../config';
import { appendAudit, AuditChainer, chainKey, sealedRow } from '../lib/audit-chain';

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

/** Pending rows are chained at the latest this often, e.g. rows a job or the command line wrote in its own transaction. */
const CHAIN_SWEEP_MS = 5_000;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** 保密 submission and lookup routes: their log lines carry no client address (see app.ts) */
    unlinkable?: boolean;
  }
  interface FastifyInstance {
    audit(request: FastifyRequest | null, entry: AuditEntry, tx?: Writer): Promise<void>;
    /** The entry's sealed row under the id the writer took (NEXT_AUDIT_ID), for a writer inserting it in its own statement. */
    sealedAudit(request: FastifyRequest | null, entry: AuditEntry, id: bigint): ReturnType<typeof sealedRow>;
    /** Extends the audit chain over every row committed so far; call after the commit of an audited change. */
    chainAudit(): Promise<void>;
  }
  interface FastifyRequest {
    auditUnchained?: boolean;
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
    const chainer = new AuditChainer(app.db.prisma, key);
    const chain = () =>
      chainer.kick().catch((err) => app.log.error({ err }, '审计日志入链失败（下次入链时补上）'));
    app.decorate('chainAudit', () => chainer.kick());
    app.decorate('audit', async (request: FastifyRequest | null, entry: AuditEntry, tx?: Writer) => {
      const data = auditRow(request, entry);
      if (tx) {
        await appendAudit(tx, key, data);
        // the caller's transaction commits later: chain once the request is answered, or shortly for a job
        if (request) request.auditUnchained = true;
        else setTimeout(chain, 200).unref();
        return;
      }
      await appendAudit(app.db.prisma, key, data);
      await chain();
    });
    app.decorate('sealedAudit', (request: FastifyRequest | null, entry: AuditEntry, id: bigint) => sealedRow(key, id, auditRow(request, entry)));
    // by the time the response is sent the route's transaction has committed (or rolled back)
    app.addHook('onResponse', async (request) => {
      if (request.auditUnchained) void chain();
    });
    const sweep = setInterval(chain, CHAIN_SWEEP_MS).unref();
    app.addHook('onClose', async () => {
      clearInterval(sweep);
      await chain();
    });
  },
  { name: 'audit', dependencies: ['database', 'auth'] },
);
