// Intake channels: a report received by letter, phone, visit, 12388 or from above is registered by intake with its
// channel, runs the same lifecycle with the same sealing, and its deadlines run from the day it arrived.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addWorkdays, toShanghaiDate } from '../calendar';
import { createTestApp, staffHeader, type TestApp } from '../../test-support/app';
import { ACCEPT_WORKDAYS } from './service';
import { reportDataKey } from './data-keys';

let t: TestApp;
let H: Record<'intake' | 'liaison' | 'group', { authorization: string }>;

const register = (who: keyof typeof H, payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/staff/reports', headers: { ...H[who], ...headers }, payload });
const base = { category: 'work_style', content: '来电反映：镇卫生院收取不合理的检查费用，还不给开票据。' };

beforeAll(async () => {
  t = await createTestApp();
  const unit = (await t.db.prisma.unit.create({ data: { code: 'R01', name: '某镇卫生院', kind: 'department' } })).id;
  const group = (await t.db.prisma.tourGroup.create({ data: { name: '第七巡察组' } })).id;
  H = {
    intake: await staffHeader(t, 'intake'),
    liaison: await staffHeader(t, 'unit_liaison', { unitId: unit }),
    group: await staffHeader(t, 'tour_group', { tourGroupId: group }),
  };
}, 120_000);
afterAll(async () => t?.close());

describe('registering a report from another channel', () => {
  it('a 来电 with a name only: channel kept, identity sealed, registered by staff, found by the channel filter', async () => {
    const res = await register('intake', { ...base, channel: 'phone', reporterName: '孙八' });
    expect(res.statusCode, res.body).toBe(201);
    const { id, queryCode } = res.json();
    expect(queryCode).toBeNull();
    const row = await t.db.prisma.report.findUniqueOrThrow({ where: { id }, include: { events: true } });
    expect(row).toMatchObject({ channel: 'phone', status: 'submitted', citizenId: null, confidential: false });
    expect(row.reporterNameSealed).not.toContain('孙八');
    expect((await reportDataKey(t.app.sealer, t.db.prisma, row.id))!.open(row.reporterNameSealed!)).toBe('孙八');
    expect(row.events[0]).toMatchObject({ kind: 'submitted', actorType: 'staff', actorRole: 'intake', note: expect.stringContaining('来电') });
    expect(await t.db.prisma.auditLog.count({ where: { entityId: id, action: 'report.register' } })).toBe(1);

    const list = await t.app.inject({ method: 'GET', url: '/api/staff/reports?channel=phone', headers: H.intake });
    expect(list.json().items.map((r: { id: string }) => r.id)).toContain(id);
    expect(list.json().items.every((r: { channel: string }) => r.channel === 'phone')).toBe(true);
    const other = await t.app.inject({ method: 'GET', url: '/api/staff/reports?channel=letter', headers: H.intake });
    expect(other.json().items.map((r: { id: string }) => r.id)).not.toContain(id);
  });

  it('a letter received days ago is due from the day it arrived', async () => {
    const today = toShanghaiDate(t.app.clock.now());
    const received = addDays(today, -3);
    const res = await register('intake', { ...base, channel: 'letter', receivedOn: received, reporterPhone: '0371-12345678' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().acceptDueOn).toBe(addWorkdays(received, ACCEPT_WORKDAYS));
    const row = await t.db.prisma.report.findUniqueOrThrow({ where: { id: res.json().id } });
    expect(toShanghaiDate(row.submittedAt)).toBe(received);

    const future = await register('intake', { ...base, channel: 'letter', receivedOn: addWorkdays(today, 2), reporterName: '周九' });
    expect(future.statusCode).toBe(400);
    expect(future.json().issues[0]).toMatchObject({ path: 'receivedOn' });
  });

  it('a 保密 12388 referral gets a query code to pass on, and no identity', async () => {
    const res = await register('intake', { ...base, channel: 'hotline_12388', confidential: true });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().queryCode).toMatch(/^\d{16}$/);
    const look = await t.app.inject({ method: 'POST', url: '/api/public/reports/lookup', payload: { code: res.json().queryCode, secret: res.json().querySecret } });
    expect(look.statusCode).toBe(200);
    const row = await t.db.prisma.report.findUniqueOrThrow({ where: { id: res.json().id } });
    expect([row.reporterNameSealed, row.reporterPhoneSealed, row.citizenId]).toEqual([null, null, null]);
  });

  it('checks the form field by field, replays a retry, and is intake’s alone', async () => {
    const wrong = await register('intake', { ...base, channel: 'miniapp' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().issues.map((i: { path: string }) => i.path)).toContain('channel');
    const nobody = await register('intake', { ...base, channel: 'visit' });
    expect(nobody.statusCode).toBe(400);
    expect(nobody.json().issues[0]).toMatchObject({ path: 'reporterName', message: expect.stringContaining('姓名或联系电话') });

    const key = { 'idempotency-key': 'register-retry-0001' };
    const first = await register('intake', { ...base, channel: 'visit', reporterName: '吴十' }, key);
    const retry = await register('intake', { ...base, channel: 'visit', reporterName: '吴十' }, key);
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ id: first.json().id, replayed: true });

    for (const who of ['liaison', 'group'] as const) expect((await register(who, { ...base, channel: 'phone', reporterName: '某' })).statusCode, who).toBe(403);
  });
});
