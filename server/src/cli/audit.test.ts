// The audit log's tamper evidence: a keyed hash chain that `audit verify` walks, a trigger that keeps the log
// append-only for the application, and the retention purge as the one controlled deletion.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, staffHeader, type TestApp } from '../test-support/app';
import { AUDIT_CHAIN_LOCK_KEY, appendAudit, chainKey, chainPending, chainReaders, verifyChain } from '../lib/audit-chain';
import { auditRow } from '../plugins/audit';
import { AuditCliError, purgeAudit, verifyAudit } from './audit';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  // a few real audited acts: account creation and logins through the API
  await staffHeader(t, 'intake');
  await staffHeader(t, 'tour_group');
  await staffHeader(t, 'unit_liaison');
}, 120_000);
afterEach(async () => t?.close());

const ids = async () => (await t.db.prisma.auditLog.findMany({ orderBy: { id: 'asc' }, select: { id: true } })).map((r) => r.id);
/** Plays an attacker with database rights, who can switch the trigger off but does not hold HASH_KEY. */
const asDatabaseOwner = async (...statements: string[]) => {
  await t.db.prisma.$executeRawUnsafe('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
  for (const sql of statements) await t.db.prisma.$executeRawUnsafe(sql);
  await t.db.prisma.$executeRawUnsafe('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
};

describe('audit chain', () => {
  it('verifies an untouched log', async () => {
    const rows = await ids();
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(await verifyAudit(t.db, t.config.hashKey)).toMatchObject({ ok: true, checked: rows.length, break: null });
  });

  it('refuses UPDATE, DELETE and TRUNCATE from the application', async () => {
    await expect(t.db.prisma.$executeRawUnsafe("UPDATE audit_log SET reason = 'x'")).rejects.toThrow(/只能追加/);
    await expect(t.db.prisma.$executeRawUnsafe('DELETE FROM audit_log')).rejects.toThrow(/只能追加/);
    await expect(t.db.prisma.$executeRawUnsafe('TRUNCATE audit_log')).rejects.toThrow(/只能追加/);
    expect(await verifyAudit(t.db, t.config.hashKey)).toMatchObject({ ok: true });
  });

  it('names the first altered row', async () => {
    const [, second] = await ids();
    await asDatabaseOwner(`UPDATE audit_log SET ip = '10.0.0.9' WHERE id = ${second}`);
    expect(await verifyAudit(t.db, t.config.hashKey)).toMatchObject({ ok: false, break: { id: String(second), kind: 'altered' } });
  });

  it('names the row after a deleted one', async () => {
    const [, second, third] = await ids();
    await asDatabaseOwner(`DELETE FROM audit_log WHERE id = ${second}`);
    expect(await verifyAudit(t.db, t.config.hashKey)).toMatchObject({ ok: false, break: { id: String(third), kind: 'inserted_or_deleted' } });
  });

  it('names an inserted row, even one copied from a genuine row', async () => {
    const [first] = await ids();
    await asDatabaseOwner(
      `INSERT INTO audit_log ("at","actorType","actorId",action,entity,"entityId",reason,detail,ip,"requestId",prev_hash,hash)
       SELECT now(),"actorType","actorId",'staff.login',entity,"entityId",reason,detail,ip,"requestId",prev_hash,hash FROM audit_log WHERE id = ${first}`,
    );
    const result = await verifyAudit(t.db, t.config.hashKey);
    expect(result.ok).toBe(false);
    expect(['altered', 'inserted_or_deleted']).toContain(result.break!.kind);
  });

  it('names a copy that carries the genuine row\'s seal: the seal covers the id', async () => {
    const [first] = await ids();
    await asDatabaseOwner(
      `INSERT INTO audit_log ("at","actorType","actorId",action,entity,"entityId",reason,detail,ip,"requestId",seal)
       SELECT "at","actorType","actorId",action,entity,"entityId",reason,detail,ip,"requestId",seal FROM audit_log WHERE id = ${first}`,
    );
    const copy = (await ids()).at(-1)!;
    // the chaining step refuses it, and the verifier names it
    expect(await verifyAudit(t.db, t.config.hashKey)).toMatchObject({ ok: false, break: { id: String(copy), kind: 'altered' } });
    expect((await t.db.prisma.auditLog.findUniqueOrThrow({ where: { id: copy } })).chainSeq).toBeNull();
  });

  it('names reordered rows', async () => {
    const [, second, third] = await ids();
    await asDatabaseOwner(
      `UPDATE audit_log SET chain_seq = -chain_seq WHERE id IN (${second}, ${third})`,
      `UPDATE audit_log a SET chain_seq = -(SELECT chain_seq FROM audit_log b WHERE b.id IN (${second}, ${third}) AND b.id <> a.id) WHERE id IN (${second}, ${third})`,
    );
    expect(await verifyAudit(t.db, t.config.hashKey)).toMatchObject({ ok: false, break: { kind: 'inserted_or_deleted' } });
  });

  it('names a row altered between its commit and its chaining, and leaves it out of the chain', async () => {
    const key = chainKey(t.config.hashKey);
    await appendAudit(t.db.prisma, key, auditRow(null, { action: 'demo.pending', entity: 'report', entityId: 'r1' }));
    const [pending] = await t.db.prisma.auditLog.findMany({ where: { action: 'demo.pending' } });
    await asDatabaseOwner(`UPDATE audit_log SET "entityId" = 'r2' WHERE id = ${pending!.id}`);
    expect(await verifyAudit(t.db, t.config.hashKey)).toMatchObject({ ok: false, break: { id: String(pending!.id), kind: 'altered' } });
  });

  it('rows committed by a writer that stopped before chaining are chained later and verify', async () => {
    const key = chainKey(t.config.hashKey);
    // on PostgreSQL a session holds the chain lock meanwhile, so this app's periodic sweep cannot chain them early
    const holder = t.db.kind === 'postgres' ? await t.db.pool.connect() : null;
    await holder?.query('BEGIN');
    await holder?.query('SELECT pg_advisory_xact_lock($1::bigint)', [AUDIT_CHAIN_LOCK_KEY]);
    // the writer's process ends after its commit: nothing kicks the chainer
    for (let i = 0; i < 5; i++) {
      await t.db.prisma.$transaction((tx) => appendAudit(tx, key, auditRow(null, { action: 'demo.crash', entity: 'report', entityId: `r${i}` })));
    }
    const read = chainReaders(t.db.prisma);
    const before = await verifyChain(read.chained, read.unchained, key, null);
    expect(before.break).toBeNull();
    if (holder) expect(before.pending).toBe(5);
    await holder?.query('COMMIT');
    holder?.release();
    // the next chaining step (a server's sweep, or verify itself) links them after the rest
    expect(await verifyAudit(t.db, t.config.hashKey)).toMatchObject({ ok: true, pending: 0, checked: (await ids()).length });
    const crashed = await t.db.prisma.auditLog.findMany({ where: { action: 'demo.crash' }, orderBy: { id: 'asc' } });
    expect(crashed.every((r) => r.chainSeq !== null && r.hash !== null)).toBe(true);
  });

  it('concurrent writers and chainers produce one valid chain, with no gap and nothing left out', async () => {
    const key = chainKey(t.config.hashKey);
    const writes = Array.from({ length: 60 }, (_, i) =>
      i % 3 === 0
        ? t.app.audit(null, { action: 'demo.concurrent', entity: 'report', entityId: `c${i}` })
        : t.db.prisma.$transaction((tx) => appendAudit(tx, key, auditRow(null, { action: 'demo.concurrent', entity: 'report', entityId: `c${i}` }))),
    );
    // a second process's chainer runs alongside this one's
    const chainers = Array.from({ length: 4 }, () => chainPending(t.db.prisma, key, 7));
    await Promise.all([...writes, ...chainers]);
    await t.app.chainAudit();
    const rows = await t.db.prisma.auditLog.findMany({ orderBy: { chainSeq: 'asc' } });
    expect(rows.filter((r) => r.action === 'demo.concurrent')).toHaveLength(60);
    expect(rows.map((r) => r.chainSeq)).toEqual(rows.map((_, i) => BigInt(i + 1)));
    expect(await verifyAudit(t.db, t.config.hashKey)).toMatchObject({ ok: true, pending: 0, checked: rows.length });
  });

  it('purges only past retention, as a prefix, recording itself, and the rest still verifies', async () => {
    const all = await ids();
    const keep = all.at(-1)!;
    const keepAt = (await t.db.prisma.auditLog.findUniqueOrThrow({ where: { id: keep } })).at;
    // within retention: refused
    await expect(purgeAudit(t.db, t.config, new Date(), new Date())).rejects.toThrow(AuditCliError);
    // a year later, everything before the last row is past 180 days
    const later = new Date(keepAt.getTime() + 365 * 24 * 3600_000);
    const result = await purgeAudit(t.db, t.config, keepAt, later);
    expect(result.deleted).toBe(all.length - 1);
    const left = await t.db.prisma.auditLog.findMany({ orderBy: { id: 'asc' } });
    expect(left.map((r) => r.id)).toEqual([keep, left[1]!.id]);
    expect(left[1]).toMatchObject({ action: 'audit.purge' });
    expect(await verifyAudit(t.db, t.config.hashKey)).toMatchObject({ ok: true, checked: 2 });
  });
});
