// 回避 and the redacted 交办单: the accused unit never gets the report; the unit or group that does reads the facts
// without the reporter's identity and without the passages staff marked as identifying.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenHeader, createTestApp, staffHeader, type TestApp } from '../../test-support/app';
import { maskText, MASK } from './handover';

let t: TestApp;
let H: Record<string, Record<string, string>> = {};
let citizen: Record<string, string>;
let accused: string;
let other: string;
let group: string;
const NAME = '王五小卖部';
const PHONE = '13966667777';
const IDENTIFYING = '我就是村东头开小卖部的那户';
const IDENTIFYING_2 = '去年和他吵过架';

const post = (url: string, headers: Record<string, string>, payload: unknown) => t.app.inject({ method: 'POST', url, headers, payload: payload as object });
const act = (id: string, payload: Record<string, unknown>) => post(`/api/staff/reports/${id}/transitions`, H.intake!, payload);

beforeAll(async () => {
  t = await createTestApp();
  const p = t.db.prisma;
  accused = (await p.unit.create({ data: { code: 'A01', name: '东村村委会', kind: 'village' } })).id;
  other = (await p.unit.create({ data: { code: 'B01', name: '县民政局', kind: 'department' } })).id;
  group = (await p.tourGroup.create({ data: { name: '第四巡察组' } })).id;
  H = {
    intake: await staffHeader(t, 'intake'),
    supervisor: await staffHeader(t, 'supervisor'),
    accusedLiaison: await staffHeader(t, 'unit_liaison', { unitId: accused }),
    liaison: await staffHeader(t, 'unit_liaison', { unitId: other }),
    group: await staffHeader(t, 'tour_group', { tourGroupId: group }),
  };
  citizen = await citizenHeader(t);
}, 120_000);
afterAll(async () => t?.close());

async function file() {
  const res = await post('/api/public/reports', citizen, {
    category: 'work_style',
    content: `村主任把低保名额给了亲属。${IDENTIFYING}，${IDENTIFYING_2}，他肯定知道是我。`,
    location: '东村',
    reportedUnitId: accused,
    reporterName: NAME,
    reporterPhone: PHONE,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('回避 and the 交办单', () => {
  it('masks longest phrases first and leaves other text alone', () => {
    expect(maskText('甲乙丙丁', ['乙丙', '甲乙丙'])).toBe(`${MASK}丁`);
    expect(maskText(null, ['x'])).toBeNull();
    expect(maskText('无需遮蔽', [])).toBe('无需遮蔽');
  });

  it('refuses 交办 to the unit the report accuses, changing nothing', async () => {
    const id = await file();
    expect((await act(id, { action: 'accept' })).statusCode).toBe(200);
    const res = await act(id, { action: 'assign', unitId: accused });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'RECUSAL_REQUIRED', details: { field: 'unitId' } });
    expect(res.json().message).toMatch(/回避/);
    const row = await t.db.prisma.report.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'accepted', assigneeUnitId: null });
    expect((await t.app.inject({ method: 'GET', url: `/api/staff/reports/${id}`, headers: H.accusedLiaison })).statusCode).toBe(404);
  });

  it('the liaison and the tour group read a 交办单 with no identity and no marked passage; intake keeps the original', async () => {
    const id = await file();
    // the citizen adds a detail that identifies them too
    expect((await post(`/api/public/reports/${id}/supplements`, citizen, { text: `补充：${IDENTIFYING_2}的事全村都知道。` })).statusCode).toBe(200);
    let res = await t.app.inject({ method: 'PUT', url: `/api/staff/reports/${id}/redactions`, headers: H.liaison, payload: { phrases: [IDENTIFYING] } });
    expect(res.statusCode).toBe(403);
    res = await t.app.inject({ method: 'PUT', url: `/api/staff/reports/${id}/redactions`, headers: H.intake, payload: { phrases: ['x'] } });
    expect(res.statusCode).toBe(400);
    res = await t.app.inject({ method: 'PUT', url: `/api/staff/reports/${id}/redactions`, headers: H.intake, payload: { phrases: [IDENTIFYING, IDENTIFYING_2] } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().preview).not.toContain(IDENTIFYING);
    expect(res.json().preview).toContain(MASK);
    // the audit row says that passages were marked, not what they are
    const audit = await t.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'report.redactions', entityId: id } });
    expect(JSON.stringify({ ...audit, id: String(audit.id) })).not.toContain(IDENTIFYING);

    await act(id, { action: 'accept' });
    expect((await act(id, { action: 'assign', unitId: other })).statusCode).toBe(200);
    // an identity reveal on record must not show in the 交办单 either
    const req = await post(`/api/staff/reports/${id}/identity-requests`, H.intake, { reason: '核实举报人身份' });
    expect(req.statusCode).toBe(201);

    const liaison = await t.app.inject({ method: 'GET', url: `/api/staff/reports/${id}`, headers: H.liaison });
    expect(liaison.statusCode).toBe(200);
    for (const secret of [NAME, PHONE, IDENTIFYING, IDENTIFYING_2]) expect(liaison.body, secret).not.toContain(secret);
    const sheet = liaison.json();
    expect(sheet).toMatchObject({ hasIdentity: false, content: expect.stringContaining(MASK) });
    expect(sheet.content).toContain('村主任把低保名额给了亲属');
    expect(sheet.events.map((e: { kind: string }) => e.kind).filter((k: string) => k.startsWith('identity_') || k === 'redactions_marked')).toEqual([]);
    expect(sheet.events.every((e: { actorType: string; actorId: string | null }) => e.actorType !== 'citizen' || e.actorId === null)).toBe(true);
    const list = await t.app.inject({ method: 'GET', url: '/api/staff/reports', headers: H.liaison });
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(id);
    expect(list.body).not.toContain(IDENTIFYING);
    // searching for a guessed passage tells nothing
    const probe = await t.app.inject({ method: 'GET', url: `/api/staff/reports?q=${encodeURIComponent('小卖部')}`, headers: H.liaison });
    expect(probe.json().items).toEqual([]);
    expect((await t.app.inject({ method: 'POST', url: `/api/staff/reports/${id}/identity`, headers: H.liaison, payload: { reason: '想知道是谁' } })).statusCode).toBe(403);

    // the same for a tour group
    await t.db.prisma.report.update({ where: { id }, data: { assigneeUnitId: null, assigneeTourGroupId: group } });
    const tour = await t.app.inject({ method: 'GET', url: `/api/staff/reports/${id}`, headers: H.group });
    expect(tour.statusCode).toBe(200);
    for (const secret of [NAME, PHONE, IDENTIFYING, IDENTIFYING_2]) expect(tour.body, secret).not.toContain(secret);

    // intake and supervisors keep the original
    const intake = await t.app.inject({ method: 'GET', url: `/api/staff/reports/${id}`, headers: H.supervisor });
    expect(intake.json().content).toContain(IDENTIFYING);
    expect(intake.json().hasIdentity).toBe(true);
  });
});
