// Per-report data keys (DEKs). Each report gets a random key of the deployment's suite when it is filed; its sealed
// identity fields and its photos are encrypted with it before they reach the database or the bucket, and the key
// itself is stored only wrapped by the current master key (report_data_key). Reports filed before per-report keys
// have none: their values stay sealed under a master key and their photos plain until `pnpm cli keys rotate` moves
// them under a key of their own.
//
// Crypto-shredding: destroyReportDataKey(tx, reportId) nulls the wrapped key. From then on the report's sealed fields
// and photos cannot be opened by anyone — in the database, the bucket and every backup — while its facts, timeline
// and statistics stay. Readers meet a 410 DATA_DESTROYED, never a 500.
import { AppError } from '../../errors';
import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import { sealedWithDataKey, type DataKey, type Sealer } from '../../lib/sealing';

type Tx = Prisma.TransactionClient | PrismaClient;

/** The state a reader meets once a report's key was destroyed (retention), for fields and photos alike. */
export const dataDestroyed = () => new AppError('gone', 'DATA_DESTROYED', '该举报的身份信息和图片已按保存期限销毁，无法查看');

/** A new key for a report being filed, stored wrapped in the same transaction as the report. */
export async function createReportDataKey(sealer: Sealer, tx: Tx, reportId: string, now: Date, dek = sealer.newDataKey()): Promise<DataKey> {
  const { masterKeyId, wrapped } = sealer.wrapDataKey(dek, reportId);
  await tx.reportDataKey.create({ data: { reportId, suite: dek.suite, masterKeyId, wrappedKey: wrapped, createdAt: now } });
  return dek;
}

/**
 * The report's key; null for a report filed before per-report keys. Throws DATA_DESTROYED once it was destroyed.
 */
export async function reportDataKey(sealer: Sealer, db: Tx, reportId: string): Promise<DataKey | null> {
  const row = await db.reportDataKey.findUnique({ where: { reportId } });
  if (!row) return null;
  if (!row.wrappedKey) throw dataDestroyed();
  return sealer.unwrapDataKey(row.suite, row.wrappedKey, reportId);
}

/** The report's key, made now for a report that has none (a photo added to an older report). */
export async function ensureReportDataKey(sealer: Sealer, db: PrismaClient, reportId: string, now: Date): Promise<DataKey> {
  const existing = await reportDataKey(sealer, db, reportId);
  if (existing) return existing;
  const dek = sealer.newDataKey();
  const { masterKeyId, wrapped } = sealer.wrapDataKey(dek, reportId);
  // two uploads racing to make the first key: one row wins and both use it
  await db.reportDataKey.createMany({ data: [{ reportId, suite: dek.suite, masterKeyId, wrappedKey: wrapped, createdAt: now }], skipDuplicates: true });
  return (await reportDataKey(sealer, db, reportId))!;
}

/** Opens one of a report's sealed fields, whether sealed with its key or (older reports) a master key. */
export function openReportValue(sealer: Sealer, key: DataKey | null, sealed: string | null): string | null {
  if (!sealed) return null;
  if (!sealedWithDataKey(sealed)) return sealer.open(sealed);
  if (!key) throw dataDestroyed();
  return key.open(sealed);
}

/**
 * Crypto-shreds a report: its key is destroyed (wrapped key nulled, destroyed_at set), so its sealed fields and photos
 * are unreadable wherever a copy lies. Sealed fields of an older report that were under a master key, not a key of
 * its own, are cleared outright, since destroying a key would not reach them. Idempotent; returns whether anything
 * was destroyed now. The caller audits and deletes the objects (the retention job); run inside its transaction.
 */
export async function destroyReportDataKey(tx: Prisma.TransactionClient, reportId: string, now: Date): Promise<boolean> {
  const report = await tx.report.findUnique({
    where: { id: reportId },
    select: { reporterNameSealed: true, reporterPhoneSealed: true, reporterOpenidSealed: true },
  });
  if (!report) return false;
  const legacy = {
    ...(report.reporterNameSealed && !sealedWithDataKey(report.reporterNameSealed) ? { reporterNameSealed: null } : {}),
    ...(report.reporterPhoneSealed && !sealedWithDataKey(report.reporterPhoneSealed) ? { reporterPhoneSealed: null } : {}),
    ...(report.reporterOpenidSealed && !sealedWithDataKey(report.reporterOpenidSealed) ? { reporterOpenidSealed: null } : {}),
  };
  if (Object.keys(legacy).length) await tx.report.update({ where: { id: reportId }, data: legacy });
  const destroyed = await tx.reportDataKey.updateMany({
    where: { reportId, destroyedAt: null },
    data: { wrappedKey: null, masterKeyId: null, destroyedAt: now },
  });
  if (destroyed.count) return true;
  // a report without a key gets a destroyed one, so no later upload makes it a fresh key
  const created = await tx.reportDataKey.createMany({
    data: [{ reportId, suite: 'none', masterKeyId: null, wrappedKey: null, createdAt: now, destroyedAt: now }],
    skipDuplicates: true,
  });
  return created.count > 0 || Object.keys(legacy).length > 0;
}
