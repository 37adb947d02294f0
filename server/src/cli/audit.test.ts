// The audit log's tamper evidence: a keyed hash chain that `audit verify` walks, a trigger that keeps the log
// append-only for the application, and the retention purge as the one controlled deletion.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, staffHeader, type TestApp } from '../test-support/app';
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
const asDatabaseOwner = async (sql: string) => {
  await t.db.prisma.$executeRawUnsafe('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
  await t.db.prisma.$executeRawUnsafe(sql);
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
