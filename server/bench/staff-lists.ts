// staff-lists: every staff list, count and statistics endpoint on a database at the source report's scale
// (`pnpm cli demo --scale report`), through the real app (buildApp + inject: routing, auth with its session check,
// permission scope, zod validation and serialisation), each logged in as the role that uses it. Per endpoint
// BENCH_LIST_REQUESTS (default 30) sequential requests after 3 unmeasured ones; p50 and p95 beside the 300 ms aim.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import type { Database } from '../src/db/database';
import { hashPassword } from '../src/modules/auth/password';
import { totpCode } from '../src/modules/auth/totp';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../src/seed/demo';

type Line = (name: string, figure: string, unit: string, ratio: number, baseline: string) => void;

export const AIM_MS = 300;
type Role = 'intake' | 'supervisor' | 'tour1' | 'liaison' | 'auditor';
/** name, who reads it, the URL (relative to /api/staff); `{today}`, `{yearAgo}` filled in at run time */
export const STAFF_LIST_ENDPOINTS: [string, Role, string][] = [
  ['reports-inbox', 'intake', '/reports'],
  ['reports-inbox-filtered', 'intake', '/reports?status=in_progress&channel=miniapp&overdue=true'],
  ['reports-inbox-search', 'intake', '/reports?q=%E4%BD%8E%E4%BF%9D'],
  ['reports-inbox-page200', 'intake', '/reports?page=200'],
  ['reports-tour-group', 'tour1', '/reports'],
  ['desk-intake', 'intake', '/desk'],
  ['desk-tour-group', 'tour1', '/desk'],
  ['desk-supervisor', 'supervisor', '/desk'],
  ['notifications-badge', 'intake', '/notifications/summary'],
  ['notifications-badge-tour-group', 'tour1', '/notifications/summary'],
  ['notifications-list', 'tour1', '/notifications'],
  ['rectifications', 'tour1', '/rectifications'],
  ['rectifications-liaison', 'liaison', '/rectifications'],
  ['warnings', 'supervisor', '/alerts/warnings'],
  ['warnings-by-model', 'supervisor', '/alerts/warnings?model=overdue'],
  ['warnings-open-stage', 'supervisor', '/alerts/warnings?status=open&stage=urge'],
  ['warnings-page200', 'supervisor', '/alerts/warnings?page=200'],
  ['warnings-liaison', 'liaison', '/alerts/warnings'],
  ['escalations', 'supervisor', '/alerts/escalations'],
  ['runs', 'supervisor', '/alerts/runs'],
  ['statistics', 'supervisor', '/statistics?from={yearAgo}&to={today}'],
  ['business-stats', 'supervisor', '/business/stats'],
  ['business-evaluations', 'supervisor', '/business/evaluations'],
  ['business-complaints', 'supervisor', '/business/complaints'],
  ['audit-logs', 'auditor', '/audit-logs'],
  ['audit-logs-entity', 'auditor', '/audit-logs?entity=report&action=report.submit'],
  ['service-cases', 'supervisor', '/service-cases'],
];

const pct = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil(sorted.length * p) - 1)]!;

/** `db` holds the scale data set already. Prints one p95 line per endpoint; returns the figures. */
export async function benchStaffLists(db: Database, url: string, line: Line, only?: (name: string) => boolean) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'msjd-bench-lists-'));
  const config = loadConfig({}, { NODE_ENV: 'development', DATA_DIR: dataDir, SERVE_STATIC: 'false', DATABASE_URL: url, RETENTION_DAILY_AT: 'off' });
  const app = await buildApp({ config, db, logger: process.env.BENCH_LOG ? { level: 'error' } : false });
  const requests = Number(process.env.BENCH_LIST_REQUESTS ?? 30);
  const results: { name: string; p50: number; p95: number; status: number }[] = [];
  try {
    await app.ready();
    // the 审计管理员 of the demo (三员分立): made here when the data set has none
    if (!(await db.prisma.staffUser.findUnique({ where: { username: 'auditor' } }))) {
      await db.prisma.staffUser.create({
        data: {
          username: 'auditor', displayName: '审计管理员', role: 'auditor', passwordHash: await hashPassword(DEMO_PASSWORD),
          totpSecretSealed: app.sealer.seal(DEMO_TOTP_SECRET), totpEnabledAt: app.clock.now(),
        },
      });
    }
    const tokens = new Map<Role, string>();
    for (const role of ['intake', 'supervisor', 'tour1', 'liaison', 'auditor'] as const) tokens.set(role, await login(app, role));
    const today = new Date(app.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
    for (const [name, role, rel] of STAFF_LIST_ENDPOINTS) {
      if (only && !only(`staff-list-${name}`)) continue;
      const target = `/api/staff${rel.replace('{today}', today).replace('{yearAgo}', yearAgo)}`;
      const headers = { authorization: `Bearer ${tokens.get(role)}` };
      const first = await app.inject({ method: 'GET', url: target, headers });
      if (first.statusCode === 404 && name === 'service-cases') {
        console.error(`  staff-list-${name}: no such endpoint yet (404), skipped`);
        continue;
      }
      if (first.statusCode !== 200) throw new Error(`${name}: ${first.statusCode} ${first.body.slice(0, 300)}`);
      for (let i = 0; i < 2; i++) await app.inject({ method: 'GET', url: target, headers });
      const ms: number[] = [];
      for (let i = 0; i < requests; i++) {
        const t0 = performance.now();
        const res = await app.inject({ method: 'GET', url: target, headers });
        ms.push(performance.now() - t0);
        if (res.statusCode !== 200) throw new Error(`${name}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      }
      ms.sort((a, b) => a - b);
      const p50 = pct(ms, 0.5);
      const p95 = pct(ms, 0.95);
      results.push({ name, p50, p95, status: first.statusCode });
      line(`staff-list-${name}-p95`, p95.toFixed(0), 'ms', p95 / AIM_MS, `${AIM_MS} ms aim`);
      const total = (first.json() as { total?: number; totalEstimated?: boolean }) ?? {};
      console.error(`  ${role} GET ${target}: p50 ${p50.toFixed(0)} ms${typeof total.total === 'number' ? `, total ${total.total}${total.totalEstimated ? ' (约)' : ''}` : ''}`);
    }
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}

async function login(app: Awaited<ReturnType<typeof buildApp>>, role: Role): Promise<string> {
  const username = role;
  const res = await app.inject({ method: 'POST', url: '/api/staff/auth/login', payload: { username, password: DEMO_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login of ${username}: ${res.body}`);
  const body = res.json();
  if (!body.totpRequired) return body.token;
  // one code per 30 s step and never twice per user: the users log in once each
  const second = await app.inject({
    method: 'POST',
    url: '/api/staff/auth/login/totp',
    payload: { challenge: body.challenge, code: await totpCode(DEMO_TOTP_SECRET, app.clock.now()) },
  });
  if (second.statusCode !== 200) throw new Error(`second factor of ${username}: ${second.body}`);
  return second.json().token;
}
