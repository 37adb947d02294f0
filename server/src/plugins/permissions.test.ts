// Every registered route states who may call it, and the staff scope answers exactly as the permission table says:
// each staff route is tried with every role, with no token and with a citizen token.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';
import { staffRoles, type StaffRole } from '@msjd/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerErrorHandler } from '../errors';
import { capabilityActions, isPolicy, permissionTableMarkdown, rolesFor, scopeFor, staffActions, type StaffAction } from '../lib/permissions';
import { citizenHeader, createTestApp, staffHeader, type TestApp } from '../test-support/app';
import { enforceStaffPolicy } from './permissions';

let t: TestApp;
const headers = {} as Record<StaffRole, { authorization: string }>;
let citizen: { authorization: string };

beforeAll(async () => {
  t = await createTestApp();
  const unit = await t.db.prisma.unit.create({ data: { code: 'P01', name: '县权限测试局', kind: 'department' } });
  const group = await t.db.prisma.tourGroup.create({ data: { name: '权限测试巡察组' } });
  for (const role of staffRoles) {
    headers[role] = await staffHeader(t, role, {
      unitId: role === 'unit_liaison' ? unit.id : undefined,
      tourGroupId: role === 'tour_group' ? group.id : undefined,
    });
  }
  citizen = await citizenHeader(t);
}, 120_000);
afterAll(() => t?.close());

const sample: Record<string, string> = { name: 'no_such_dataset', day: '2026-01-05', code: 'no_such_code', scene: 'no-such-scene' };
const fill = (url: string) => url.replace(/:(\w+)/g, (_, p: string) => sample[p] ?? '00000000-0000-4000-8000-000000000000');

describe('route policies', () => {
  it('every registered route states a valid policy fitting its scope', () => {
    const routes = t.app.routeRecords;
    expect(routes.length).toBeGreaterThan(100);
    const wrong = routes
      .filter((r) => {
        const p = r.config.permission;
        if (!isPolicy(p)) return true;
        if (r.config.audience === 'staff') return p === 'citizen';
        if (r.config.audience === 'citizen') return p !== 'public' && p !== 'citizen';
        // a capability route (the token is the authorisation) takes no token of either kind
        return p !== 'public' && !capabilityActions.includes(p as StaffAction);
      })
      .map((r) => `${r.method} ${r.url} (${r.config.audience ?? 'root'}: ${String(r.config.permission)})`);
    expect(wrong).toEqual([]);
    // the old per-route role lists are gone: the table is the only rule
    expect(routes.filter((r) => r.config.roles !== undefined).map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  it('each staff route answers every role, no token and a citizen token as the table says', async () => {
    // logout ends the session every later request of the walk would use: it goes last
    const endsSession = (r: { url: string }) => Number(r.url === '/api/staff/auth/logout');
    const staffRoutes = t.app.routeRecords
      .filter((r) => r.config.audience === 'staff' && r.config.permission !== 'public')
      .sort((a, b) => endsSession(a) - endsSession(b));
    const mismatches: string[] = [];
    for (const r of staffRoutes) {
      const action = r.config.permission as StaffAction;
      const url = fill(r.url);
      const method = r.method as 'GET';
      for (const who of ['none', 'citizen'] as const) {
        const res = await t.app.inject({ method, url, headers: who === 'citizen' ? citizen : {} });
        if (res.statusCode !== 401) mismatches.push(`${r.method} ${r.url} ${who}: ${res.statusCode}`);
      }
      for (const role of staffRoles) {
        const res = await t.app.inject({ method, url, headers: headers[role], payload: method === 'GET' || method === ('DELETE' as never) ? undefined : {} });
        const code = res.headers['content-type']?.includes('json') ? (res.json() as { code?: string }).code : undefined;
        const allowed = scopeFor(role, action) !== null;
        const denied = res.statusCode === 403 && code === 'PERMISSION_DENIED';
        if (allowed === denied || res.statusCode === 401 || res.statusCode >= 500) {
          mismatches.push(`${r.method} ${r.url} ${role}: ${res.statusCode} ${code ?? ''} (table: ${allowed ? 'allowed' : 'denied'})`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 300_000);

  it('citizen routes refuse no token and a staff token', async () => {
    const citizenRoutes = t.app.routeRecords.filter((r) => r.config.audience === 'citizen' && r.config.permission === 'citizen');
    expect(citizenRoutes.length).toBeGreaterThan(10);
    for (const r of citizenRoutes) {
      for (const h of [{}, headers.admin]) {
        const res = await t.app.inject({ method: r.method as 'GET', url: fill(r.url), headers: h });
        expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      }
    }
  });
});

describe('the table', () => {
  it('is the table the README shows', () => {
    const readme = readFileSync(path.join(import.meta.dirname, '../../../README.md'), 'utf8');
    const shown = readme.split('<!-- permission-table:start -->\n')[1]?.split('\n<!-- permission-table:end -->')[0];
    expect(shown).toBe(permissionTableMarkdown());
  });

  it('keeps 三员分立: the auditor only reads the audit log, the administrator neither reads it nor reveals reporters', () => {
    const auditorActions = staffActions.filter((a) => scopeFor('auditor', a) !== null).sort();
    expect(auditorActions).toEqual(['audit.export', 'audit.read', 'session.self']);
    expect(rolesFor('audit.read')).toEqual(['auditor']);
    for (const a of ['audit.read', 'audit.export', 'report.reveal', 'business.contact.reveal'] as const) expect(scopeFor('admin', a)).toBeNull();
    expect(scopeFor('admin', 'account.manage')).toBe('all');
  });

  it('gives supervisors tours, models, monitoring points and statistics (product.md)', () => {
    for (const a of ['tour.manage', 'alert.model', 'business.point.manage', 'statistics.read'] as const) expect(scopeFor('supervisor', a)).toBe('all');
  });

  it('limits alert data, models and runs to supervisors and administrators', () => {
    for (const a of ['alert.data', 'alert.model'] as const) expect(rolesFor(a).sort()).toEqual(['admin', 'supervisor']);
    expect(scopeFor('tour_group', 'alert.warning.read')).toBe('tourGroup');
    expect(scopeFor('unit_liaison', 'alert.warning.read')).toBe('unit');
  });
});

describe('the staff hook', () => {
  it('refuses a route that states no policy (fail closed)', async () => {
    const app = Fastify();
    registerErrorHandler(app);
    app.addHook('onRequest', async (req) => {
      req.actor = { kind: 'staff', id: 'x', role: 'admin', unitId: null, tourGroupId: null };
    });
    app.addHook('onRequest', enforceStaffPolicy);
    app.get('/bare', async () => ({ ok: true }));
    app.get('/typo', { config: { permission: 'report.raed' as never } }, async () => ({ ok: true }));
    app.get('/fine', { config: { permission: 'account.manage' } }, async () => ({ ok: true }));
    for (const url of ['/bare', '/typo']) {
      const res = await app.inject({ url });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('NO_POLICY');
    }
    expect((await app.inject({ url: '/fine' })).statusCode).toBe(200);
    await app.close();
  });
});
