// `pnpm cli retention run`: the retention job once, now (the server also runs it daily at RETENTION_DAILY_AT).
import type { Config } from '../config';
import type { Database } from '../db/database';
import { appendAudit, chainKey } from '../lib/audit-chain';
import { auditRow } from '../plugins/audit';
import type { Storage } from '../plugins/storage';
import { runRetention } from '../modules/retention/service';

export async function runRetentionCli(db: Database, config: Config, storage: Storage, argv: string[]): Promise<number> {
  if (argv[1] !== 'run') {
    process.stderr.write('用法: pnpm cli retention run\n');
    return 2;
  }
  const key = chainKey(config.hashKey);
  const result = await runRetention({
    prisma: db.prisma,
    sql: db.sql,
    storage,
    audit: async (entry, tx) => {
      const row = auditRow(null, entry);
      if (tx) await appendAudit(tx, key, row);
      else await db.prisma.$transaction((t) => appendAudit(t, key, row));
    },
    now: new Date(),
  });
  process.stdout.write(JSON.stringify(result) + '\n');
  return 0;
}
