// The submission reads categories and calendar overrides from this process's copy: an edit through the app must be
// seen by the very next submission, and what the submission writes must be what it did before (one audited row, the
// chain intact).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { citizenHeader, createTestApp, staffHeader, type TestApp } from '../../test-support/app';
import { chainKey, chainReaders, verifyChain } from '../../lib/audit-chain';

// Friday 2026-12-04 10:00 in Shanghai
const clock = { now: () => new Date('2026-12-04T02:00:00Z') };
let t: TestApp;
let admin: Record<string, string>;
let citizen: Record<string, string>;
let ip = 0;

beforeAll(async () => {
  t = await createTestApp({ clock });
  admin = await staffHeader(t, 'admin');
  citizen = await citizenHeader(t);
});
afterAll(async () => t?.close());

const submit = (category: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/public/reports',
    headers: { ...citizen, 'x-forwarded-for': `10.9.0.${++ip}` },
    payload: { category, content: '窗口工作人员上班时间玩手机，群众排队无人办理。', confidential: false, reporterName: '张三', reporterPhone: '13912345678' },
  });

it('a category added by staff is accepted by the next submission, though the unknown code was just refused (and cached)', async () => {
  const refused = await submit('village_affairs');
  expect(refused.statusCode).toBe(400);
  expect(refused.json().code).toBe('UNKNOWN_CATEGORY');
  const put = await t.app.inject({ method: 'PUT', url: '/api/staff/reports/categories/village_affairs', headers: admin, payload: { name: '村务', replyDays: 10 } });
  expect(put.statusCode, put.body).toBe(200);
  const ok = await submit('village_affairs');
  expect(ok.statusCode, ok.body).toBe(201);
});

it('a working day made a holiday moves the next submission\'s acceptance deadline', async () => {
  // three working days from Friday 12-04: Mon 12-07, Tue 12-08, Wed 12-09
  const before = await submit('work_style');
  expect(before.json().acceptDueOn).toBe('2026-12-09');
  const put = await t.app.inject({ method: 'PUT', url: '/api/staff/calendar/overrides/2026-12-08', headers: admin, payload: { isWorkday: false, note: '临时调整' } });
  expect(put.statusCode, put.body).toBe(200);
  const after = await submit('work_style');
  expect(after.json().acceptDueOn).toBe('2026-12-10');
  await t.app.inject({ method: 'DELETE', url: '/api/staff/calendar/overrides/2026-12-08', headers: admin });
  expect((await submit('work_style')).json().acceptDueOn).toBe('2026-12-09');
});

it('each submission wrote its report, key, first event and one chained audit row', async () => {
  const res = await submit('work_style');
  const { id, serial } = res.json();
  const report = await t.db.prisma.report.findUniqueOrThrow({ where: { id }, include: { events: true, dataKey: true } });
  expect(report.serial).toBe(serial);
  expect(report.events.map((e) => e.kind)).toEqual(['submitted']);
  expect(report.dataKey?.wrappedKey).toBeTruthy();
  const audits = await t.db.prisma.auditLog.findMany({ where: { entityId: id } });
  expect(audits.map((a) => [a.action, (a.detail as { serial: string }).serial])).toEqual([['report.submit', serial]]);
  // the row is sealed with the submission and linked into the chain right after it
  await t.app.chainAudit();
  expect((await t.db.prisma.auditLog.findFirstOrThrow({ where: { entityId: id } })).chainSeq).not.toBeNull();
  const read = chainReaders(t.db.prisma);
  const chain = await verifyChain(read.chained, read.unchained, chainKey(t.config.hashKey), null);
  expect(chain).toMatchObject({ pending: 0, break: null });
});
