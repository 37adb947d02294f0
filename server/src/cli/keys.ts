// `pnpm cli keys rotate [--batch N]`: after a new master key is put first in IDENTITY_KEYS (the old ones still listed
// after it), moves everything under it, in batches, so the old key can then be dropped from the configuration:
// - every report's data key is re-wrapped under the current master key and suite (the data key itself stays, so
//   photos are not re-encrypted);
// - reports filed before per-report keys (or registered without one) get a key of their own: their identity fields,
//   sealed under a master key until now, are re-sealed with it, and their plaintext photos are encrypted in place;
// - every other sealed column (TOTP secrets, openids, enterprise contacts, staff phones) is re-sealed under the
//   current master key and suite.
// Idempotent: a second run finds nothing to do. A value that opens under no listed key is counted, never guessed.
import { parseArgs } from 'node:util';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { appendAudit, chainKey } from '../lib/audit-chain';
import { isEncryptedObject, SealError, sealedWithDataKey, type Sealer } from '../lib/sealing';
import { createReportDataKey, ensureReportDataKey, reportDataKey } from '../modules/reports/data-keys';
import type { Storage } from '../plugins/storage';

export class KeysCliError extends Error {}

export interface RotationResult {
  masterKeyId: string;
  suite: string;
  /** report data keys re-wrapped under the current master key */
  rewrapped: number;
  /** reports without a key that were given one */
  keyed: number;
  /** report identity fields moved from a master key to their report's key */
  reportValues: number;
  /** plaintext photos encrypted with their report's key */
  photosEncrypted: number;
  photosChecked: number;
  /** other sealed columns re-sealed, per table.column */
  resealed: Record<string, number>;
  /** what could not be opened or found (no values, only where) */
  problems: string[];
}

const IDENTITY_COLUMNS = ['reporter_name_sealed', 'reporter_phone_sealed', 'reporter_openid_sealed'] as const;
type IdentityRow = { id: string } & Record<(typeof IDENTITY_COLUMNS)[number], string | null>;

export async function rotateKeys(
  db: Database,
  sealer: Sealer,
  storage: Storage,
  opts: { batch?: number; now?: () => Date; hashKey: string; progress?: (line: string) => void },
): Promise<RotationResult> {
  const batch = opts.batch ?? 200;
  const now = opts.now ?? (() => new Date());
  const progress = opts.progress ?? (() => {});
  const sql = db.sql;
  const current = `v2.${sealer.suite}.${sealer.currentKeyId}.`;
  const result: RotationResult = {
    masterKeyId: sealer.currentKeyId,
    suite: sealer.suite,
    rewrapped: 0,
    keyed: 0,
    reportValues: 0,
    photosEncrypted: 0,
    photosChecked: 0,
    resealed: {},
    problems: [],
  };

  // 1. data keys not wrapped under the current master key and suite
  for (let after = ''; ; ) {
    const rows = await sql.query<{ report_id: string; suite: string; wrapped_key: string }>(
      `SELECT report_id::text AS report_id, suite, wrapped_key FROM report_data_key
        WHERE wrapped_key IS NOT NULL AND left(wrapped_key, $1) <> $2 AND report_id::text > $3
        ORDER BY report_id::text LIMIT $4`,
      [current.length, current, after, batch],
    );
    if (!rows.length) break;
    for (const row of rows) {
      try {
        const dek = sealer.unwrapDataKey(row.suite, row.wrapped_key, row.report_id);
        const { masterKeyId, wrapped } = sealer.wrapDataKey(dek, row.report_id);
        const updated = await sql.query(
          `UPDATE report_data_key SET wrapped_key = $1, master_key_id = $2 WHERE report_id = $3::uuid AND wrapped_key = $4 RETURNING report_id`,
          [wrapped, masterKeyId, row.report_id, row.wrapped_key],
        );
        result.rewrapped += updated.length;
      } catch (err) {
        if (!(err instanceof SealError)) throw err;
        result.problems.push(`report_data_key ${row.report_id}: ${err.message}`);
      }
    }
    after = rows.at(-1)!.report_id;
    progress(`数据密钥：已重新封装 ${result.rewrapped}`);
  }

  // 2. report identity still under a master key: the report gets (or uses) its own key
  const masterSealed = IDENTITY_COLUMNS.map((c) => `(${c} IS NOT NULL AND ${c} NOT LIKE 'v2.%.dek.%')`).join(' OR ');
  for (let after = ''; ; ) {
    const rows = await sql.query<IdentityRow>(
      `SELECT id::text AS id, ${IDENTITY_COLUMNS.join(', ')} FROM report WHERE (${masterSealed}) AND id::text > $1 ORDER BY id::text LIMIT $2`,
      [after, batch],
    );
    if (!rows.length) break;
    for (const row of rows) {
      try {
        await db.prisma.$transaction(async (tx) => {
          let dek = await reportDataKey(sealer, tx, row.id).catch((err) => {
            throw err instanceof SealError ? err : new SealError('its data key was destroyed');
          });
          if (!dek) {
            dek = await createReportDataKey(sealer, tx, row.id, now());
            result.keyed++;
          }
          const data: Record<string, string> = {};
          for (const column of IDENTITY_COLUMNS) {
            const value = row[column];
            if (value && !sealedWithDataKey(value)) data[column] = dek.seal(sealer.open(value));
          }
          const sets = Object.keys(data).map((c, i) => `${c} = $${i + 2}`);
          const same = IDENTITY_COLUMNS.map((c, i) => `${c} IS NOT DISTINCT FROM $${i + 2 + sets.length}`);
          await tx.$executeRawUnsafe(
            `UPDATE report SET ${sets.join(', ')} WHERE id = $1::uuid AND ${same.join(' AND ')}`,
            row.id,
            ...Object.values(data),
            ...IDENTITY_COLUMNS.map((c) => row[c]),
          );
          result.reportValues += sets.length;
        });
      } catch (err) {
        if (!(err instanceof SealError)) throw err;
        result.problems.push(`report ${row.id}: ${err.message}`);
      }
    }
    after = rows.at(-1)!.id;
    progress(`举报身份：已改由举报密钥加密 ${result.reportValues} 项`);
  }

  // 3. photos stored before per-report keys: encrypted in place with their report's key (the key is committed first,
  // so an interrupted run leaves each photo either plain or readable, never lost)
  for (let after = ''; ; ) {
    const rows = await sql.query<{ id: string; report_id: string; storage_key: string }>(
      `SELECT id::text AS id, report_id::text AS report_id, storage_key FROM report_attachment WHERE id::text > $1 ORDER BY id::text LIMIT $2`,
      [after, batch],
    );
    if (!rows.length) break;
    for (const row of rows) {
      result.photosChecked++;
      try {
        if (isEncryptedObject(await storage.head(row.storage_key, 64))) continue;
        const dek = await ensureReportDataKey(sealer, db.prisma, row.report_id, now());
        const plain = await storage.get(row.storage_key);
        if (isEncryptedObject(plain)) continue;
        await storage.put(row.storage_key, dek.encryptObject(plain, row.storage_key), 'application/octet-stream');
        result.photosEncrypted++;
      } catch (err) {
        const code = (err as { code?: string; statusCode?: number }).code;
        if (code === 'NoSuchKey' || code === 'NotFound') result.problems.push(`report_attachment ${row.id}: 存储中无此文件`);
        else if (err instanceof SealError || code === 'DATA_DESTROYED') result.problems.push(`report_attachment ${row.id}: 举报密钥已销毁`);
        else throw err;
      }
    }
    after = rows.at(-1)!.id;
    progress(`图片：已检查 ${result.photosChecked}，已加密 ${result.photosEncrypted}`);
  }

  // 4. every other sealed column, found by name so a column added later is rotated too
  const columns = await sql.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name <> 'report' AND (column_name LIKE '%\\_sealed' OR column_name LIKE '%Sealed')
      ORDER BY table_name, column_name`,
  );
  for (const { table_name: table, column_name: column } of columns) {
    const name = `${table}.${column}`;
    let count = 0;
    for (let after = ''; ; ) {
      const rows = await sql.query<{ v: string }>(
        `SELECT "${column}" AS v FROM "${table}" WHERE "${column}" IS NOT NULL AND left("${column}", $1) <> $2 AND "${column}" > $3 ORDER BY "${column}" LIMIT $4`,
        [current.length, current, after, batch],
      );
      if (!rows.length) break;
      for (const { v } of rows) {
        try {
          const updated = await sql.query(`UPDATE "${table}" SET "${column}" = $1 WHERE "${column}" = $2 RETURNING 1`, [sealer.seal(sealer.open(v)), v]);
          count += updated.length;
        } catch (err) {
          if (!(err instanceof SealError)) throw err;
          result.problems.push(`${name}: ${err.message}`);
        }
      }
      after = rows.at(-1)!.v;
    }
    if (count) result.resealed[name] = count;
  }

  await db.prisma.$transaction((tx) =>
    appendAudit(tx, chainKey(opts.hashKey), {
      actorType: 'system',
      actorId: null,
      action: 'keys.rotate',
      entity: 'report_data_key',
      entityId: null,
      reason: null,
      detail: { ...result, problems: result.problems.length },
      ip: null,
      requestId: null,
    }),
  );
  return result;
}

export async function runKeysCli(db: Database, config: Config, sealer: Sealer, storage: Storage, argv: string[]): Promise<number> {
  const [, sub, ...rest] = argv;
  if (sub !== 'rotate') throw new KeysCliError('用法: pnpm cli keys rotate [--batch 200]');
  const { values } = parseArgs({ args: rest, options: { batch: { type: 'string' } }, strict: true });
  const batch = values.batch === undefined ? 200 : Number(values.batch);
  if (!Number.isInteger(batch) || batch < 1 || batch > 10_000) throw new KeysCliError('--batch 须为 1 到 10000 的整数');
  const result = await rotateKeys(db, sealer, storage, { batch, hashKey: config.hashKey, progress: (line) => process.stderr.write(line + '\n') });
  process.stdout.write(JSON.stringify(result) + '\n');
  for (const p of result.problems) process.stderr.write(`未能处理：${p}\n`);
  return result.problems.length ? 1 : 0;
}
