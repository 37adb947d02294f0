// Append-only audit trail. Pass the transaction client when the audited change is part of one, so the record and
// the change commit together.
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type { Prisma } from '../generated/prisma/client';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  reason?: string | null;
  detail?: Prisma.InputJsonValue;
}
type Writer = { auditLog: { create(args: { data: Prisma.AuditLogCreateInput }): Promise<unknown> } };

declare module 'fastify' {
  interface FastifyInstance {
    audit(request: FastifyRequest | null, entry: AuditEntry, tx?: Writer): Promise<void>;
  }
}

export default fp(
  async (app) => {
    app.decorate('audit', async (request: FastifyRequest | null, entry: AuditEntry, tx?: Writer) => {
      const actor = request?.actor;
      await (tx ?? app.db.prisma).auditLog.create({
        data: {
          actorType: actor?.kind ?? 'system',
          actorId: actor?.id ?? null,
          action: entry.action,
          entity: entry.entity,
          entityId: entry.entityId ?? null,
          reason: entry.reason ?? null,
          detail: entry.detail,
          ip: request?.ip ?? null,
          requestId: request ? String(request.id) : null,
        },
      });
    });
  },
  { name: 'audit', dependencies: ['database', 'auth'] },
);
