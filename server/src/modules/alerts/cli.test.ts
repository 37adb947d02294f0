// `warnings list` on the command line: resident IDs masked by default (scripts keep the one-object-per-line format),
// full numbers only with --reveal and a reason, written to the audit chain as the command line before anything prints.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { appendAudit, chainKey } from '../../lib/audit-chain';
import { auditRow } from '../../plugins/audit';
import { createTestDatabase } from '../../test-support/database';
import { runAlertsCli, type CliOptions } from './cli';
import { runAlerts } from './engine';

const RESIDENT = '11010519491231002X';
let db: Database;
const key = chainKey(randomBytes(32).toString('base64'));
const audit: CliOptions['audit'] = (entry) => db.prisma.$transaction((t) => appendAudit(t, key, auditRow(null, entry)));

const io = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s) } };
};
const reveals = () => db.sql.query<{ actorType: string; reason: string; detail: Record<string, unknown> }>(
  `SELECT "actorType", reason, detail FROM audit_log WHERE action = 'alerts.warnings.reveal' ORDER BY id`,
);

beforeAll(async () => {
  db = await createTestDatabase();
  await db.sql.query(
    `INSERT INTO service_case (case_no, unit_code, item_code, applicant_id, applicant_type, accepted_at, accepted_on, promised_days,
                               finished_at, finished_on, result, supplement_count, rating)
     VALUES ('C1', 'U1', 'I1', $1, 'individual', '2026-03-02T09:30:00+08:00', '2026-03-02', 1, '2026-03-03T09:00:00+08:00', '2026-03-03', 'approved', 0, 1)`,
    [RESIDENT],
  );
  await runAlerts(db, '2026-03-20');
}, 60_000);
afterAll(() => db?.close());

describe('warnings list on the command line', () => {
  it('masks resident IDs by default, in JSON lines and the table', async () => {
    const j = io();
    expect(await runAlertsCli(db, ['warnings', 'list', '--json'], j.io, { audit })).toBe(0);
    const lines = j.out.join('').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([{ model: 'dissatisfied', unit_code: 'U1', item_code: 'I1', case_no: 'C1', applicant_id: '110105********002X', stage: 'urge', as_of: '2026-03-20' }]);
    const t = io();
    expect(await runAlertsCli(db, ['warnings', 'list'], t.io, { audit })).toBe(0);
    expect(t.out.join('')).toContain('110105********002X');
    expect(j.out.join('') + t.out.join('')).not.toContain(RESIDENT);
    expect(await reveals()).toEqual([]);
  });

  it('reveals only with a reason, audited as the command line before it prints', async () => {
    const noReason = io();
    expect(await runAlertsCli(db, ['warnings', 'list', '--json', '--reveal'], noReason.io, { audit })).toBe(2);
    expect(noReason.out).toEqual([]);
    expect(noReason.err.join('')).toMatch(/--reason/);
    const unaudited = io();
    expect(await runAlertsCli(db, ['warnings', 'list', '--json', '--reveal', '--reason', '核查'], unaudited.io)).toBe(1);
    expect(unaudited.out).toEqual([]);

    const r = io();
    expect(await runAlertsCli(db, ['warnings', 'list', '--json', '--reveal', '--reason', '核查 C1 申请人'], r.io, { audit })).toBe(0);
    expect(JSON.parse(r.out.join('')).applicant_id).toBe(RESIDENT);
    const [row] = await reveals();
    expect(row).toMatchObject({ actorType: 'system', reason: '核查 C1 申请人', detail: { via: 'cli', warnings: 1, format: 'json', model: null } });

    // an audit that cannot be written prints nothing
    const broken = io();
    const failing: CliOptions['audit'] = async () => {
      throw new Error('audit_log unavailable');
    };
    await expect(runAlertsCli(db, ['warnings', 'list', '--reveal', '--reason', 'x'], broken.io, { audit: failing })).rejects.toThrow(/audit_log/);
    expect(broken.out).toEqual([]);
  });
});
