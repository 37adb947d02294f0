// The query-code lookups share one budget per client and one per code, and the client is the peer unless the peer
// is a configured proxy: a forged X-Forwarded-For neither escapes the limit nor names another client.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/app';
import { LOOKUP_RATE_LIMIT } from './public-routes';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const lookup = (app: TestApp, path: string, code: string, xff: string) =>
  app.app.inject({ method: 'POST', url: `/api/public/reports/${path}`, headers: { 'x-forwarded-for': xff }, payload: { code, secret: 'ABCDEFGH', ...(path === 'lookup/supplements' ? { content: '补充' } : {}), ...(path === 'lookup/rating' ? { rating: 'satisfied' } : {}) } });

describe('query-code lookup budget', () => {
  it('without a trusted proxy a forged X-Forwarded-For does not escape the limit, and the four routes share it', async () => {
    t = await createTestApp();
    const paths = ['lookup', 'lookup/supplements', 'lookup/rating'];
    const statuses: number[] = [];
    for (let i = 0; i < LOOKUP_RATE_LIMIT.max + 1; i++) {
      // a new forged address and a new code every time, cycling the routes
      const res = await lookup(t, paths[i % paths.length]!, String(1000000000000000 + i), `203.0.113.${i + 1}`);
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, LOOKUP_RATE_LIMIT.max).every((s) => s !== 429)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // the audit log and the logs see the peer, never the forged address
    const rows = await t.db.prisma.auditLog.findMany({ where: { ip: { startsWith: '203.0.113.' } } });
    expect(rows).toEqual([]);
  });

  it('behind a trusted proxy the forwarded address is the client', async () => {
    t = await createTestApp({ env: { TRUST_PROXY: '127.0.0.1' } });
    for (let i = 0; i < LOOKUP_RATE_LIMIT.max + 1; i++) {
      const res = await lookup(t, 'lookup', String(2000000000000000 + i), `198.51.100.${i + 1}`);
      expect(res.statusCode).not.toBe(429);
    }
  });

  it('refuses a malformed TRUST_PROXY at start', async () => {
    await expect(createTestApp({ env: { TRUST_PROXY: '10.0.0.0/33' } })).rejects.toThrow(/TRUST_PROXY/);
  });
});
