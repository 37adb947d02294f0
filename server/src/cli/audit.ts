// `pnpm cli audit verify`: chains what is pending, then walks the audit chain and names the first altered, inserted,
// deleted or reordered row.
// `pnpm cli audit purge [--before YYYY-MM-DD]`: removes rows older than the retention (AUDIT_RETENTION_DAYS, at least
// 180 days), the one deletion the append-only trigger lets through; the purge records itself in the chain.
import { parseArgs } from 'node:util';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { AUDIT_CHAIN_LOCK_KEY, appendAudit, chainBatch, chainKey, chainPending, chainReaders, latestAnchor, verifyChain, type ChainBreak } from '../lib/audit-chain';

export class AuditCliError extends Error {}

export async function verifyAudit(db: Database, hashKey: string): Promise<{ ok: boolean; checked: number; pending: number; break: ChainBreak | null }> {
  const key = chainKey(hashKey);
  // rows committed but not yet linked (a writer that stopped between its commit and the chaining step) are linked first
  await chainPending(db.prisma, key);
  const read = chainReaders(db.prisma);
  const result = await verifyChain(read.chained, read.unchained, key, await latestAnchor(db.prisma));
  return { ok: result.break === null, ...result };
}

export async function purgeAudit(db: Database, config: Pick<Config, 'hashKey' | 'auditRetentionDays'>, before: Date, now = new Date()) {
  const latest = new Date(now.getTime() - config.auditRetentionDays * 24 * 3600_000);
  if (before > latest) {
    throw new AuditCliError(`审计日志至少保留 ${config.auditRetentionDays} 天：只能清理 ${latest.toISOString().slice(0, 10)} 之前的记录`);
  }
  const key = chainKey(config.hashKey);
  await chainPending(db.prisma, key);
  const result = await db.prisma.$transaction(async (tx) => {
    // the chain stands still while its prefix goes
    await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock($1::bigint)', AUDIT_CHAIN_LOCK_KEY);
    // a prefix of the chain, so what stays is still one unbroken chain anchored at the last removed row
    const [edge] = await tx.$queryRawUnsafe<{ id: bigint; seq: bigint; hash: string | null }[]>(
      'SELECT id, chain_seq AS seq, hash FROM audit_log WHERE chain_seq = (SELECT max(chain_seq) FROM audit_log WHERE at < $1)',
      before,
    );
    if (!edge) return { deleted: 0, before: before.toISOString() };
    await tx.$executeRawUnsafe("SELECT set_config('msjd.audit_purge', 'on', true)");
    // with the chained prefix go the rows written before the chain existed
    const deleted = await tx.$executeRawUnsafe(
      'DELETE FROM audit_log WHERE chain_seq <= $1::bigint OR (chain_seq IS NULL AND seal IS NULL AND hash IS NULL AND id < $2::bigint)',
      String(edge.seq), String(edge.id),
    );
    await tx.$executeRawUnsafe("SELECT set_config('msjd.audit_purge', 'off', true)");
    await appendAudit(tx, key, {
      actorType: 'system',
      actorId: null,
      action: 'audit.purge',
      entity: 'audit_log',
      entityId: null,
      reason: `保留期（${config.auditRetentionDays} 天）届满`,
      detail: { before: before.toISOString(), deleted, lastDeletedId: String(edge.id), anchor: edge.hash },
      ip: null,
      requestId: null,
    });
    // the purge's own record is linked in the same transaction, after the anchor
    await chainBatch(tx, key);
    return { deleted, before: before.toISOString() };
  });
  return result;
}

export async function runAuditCli(db: Database, config: Config, argv: string[]): Promise<number> {
  const [, sub, ...rest] = argv;
  if (sub === 'verify') {
    const result = await verifyAudit(db, config.hashKey);
    process.stdout.write(JSON.stringify(result) + '\n');
    if (result.break) process.stderr.write(`审计日志校验失败：${result.break.message}\n`);
    return result.ok ? 0 : 1;
  }
  if (sub === 'purge') {
    const { values } = parseArgs({ args: rest, options: { before: { type: 'string' } }, strict: true });
    const now = new Date();
    let before = new Date(now.getTime() - config.auditRetentionDays * 24 * 3600_000);
    if (values.before) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(values.before)) throw new AuditCliError('--before 须为 YYYY-MM-DD');
      before = new Date(`${values.before}T00:00:00+08:00`);
    }
    process.stdout.write(JSON.stringify(await purgeAudit(db, config, before, now)) + '\n');
    return 0;
  }
  throw new AuditCliError('用法: pnpm cli audit verify | pnpm cli audit purge [--before YYYY-MM-DD]');
}
