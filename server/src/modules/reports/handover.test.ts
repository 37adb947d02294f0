// 回避 and the redacted 交办单: the accused unit never gets the report; the unit or group that does reads the facts
// without the reporter's identity and without the passages staff marked as identifying.
import sharp from 'sharp';
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

function multipart(file: Buffer, headers: Record<string, string>) {
  const boundary = '----msjdhandover' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`);
  return { payload: Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const jpeg = (background: string) => sharp({ create: { width: 40, height: 30, channels: 3, background } }).jpeg().toBuffer();
const upload = async (url: string, headers: Record<string, string>, background: string) => {
  const res = await t.app.inject({ method: 'POST', url, ...multipart(await jpeg(background), headers) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
};
const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });
const seen = async (id: string, headers: Record<string, string>) =>
  ((await get(`/api/staff/reports/${id}`, headers)).json().attachments as { id: string; handedOver: boolean; url: string }[]);

describe('photos and videos with the 交办单 (检举控告工作规则 Art. 47)', () => {
  it('go to the unit only when the handler ticks them at 交办; the choice is audited and can be changed later', async () => {
    const id = await file();
    const face = await upload(`/api/public/reports/${id}/attachments`, citizen, '#a33');
    const shopFront = await upload(`/api/public/reports/${id}/attachments`, citizen, '#3a3');
    expect((await act(id, { action: 'accept' })).statusCode).toBe(200);

    // an attachment of another report cannot be handed over, and the 交办 changes nothing then
    const elsewhere = await upload(`/api/public/reports/${await file()}/attachments`, citizen, '#33a');
    let res = await act(id, { action: 'assign', unitId: other, attachmentIds: [elsewhere] });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'UNKNOWN_ATTACHMENT', details: { field: 'attachmentIds' } });
    expect(await t.db.prisma.report.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'accepted', assigneeUnitId: null });

    // nothing ticked: the 交办单 carries no photo, and a guessed attachment id opens nothing
    expect((await act(id, { action: 'assign', unitId: other })).statusCode).toBe(200);
    expect(await seen(id, H.liaison!)).toEqual([]);
    expect((await get(`/api/staff/reports/${id}/attachments/${face}`, H.liaison!)).statusCode).toBe(404);
    // intake keeps both, marked as not handed over
    expect((await seen(id, H.intake!)).map((a) => [a.id, a.handedOver])).toEqual([[face, false], [shopFront, false]]);

    // the unit's own handling material is the unit's to see
    const own = await t.app.inject({ method: 'POST', url: `/api/staff/reports/${id}/attachments`, ...multipart(await jpeg('#999'), H.liaison!) });
    expect(own.statusCode, own.body).toBe(201);
    expect((await seen(id, H.liaison!)).map((a) => a.id)).toEqual([own.json().id]);

    // later the handler sends the shop front, not the face; the liaison may not choose
    const put = (headers: Record<string, string>, attachmentIds: string[]) =>
      t.app.inject({ method: 'PUT', url: `/api/staff/reports/${id}/handover-attachments`, headers, payload: { attachmentIds } });
    expect((await put(H.liaison!, [face])).statusCode).toBe(403);
    expect((await put(H.intake!, ['not-a-uuid'])).statusCode).toBe(400);
    res = await put(H.intake!, [shopFront]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ attachmentIds: [shopFront] });
    const forLiaison = await seen(id, H.liaison!);
    expect(forLiaison.map((a) => a.id)).toEqual([shopFront, own.json().id]);
    const opened = await get(forLiaison[0]!.url, {});
    expect(opened.statusCode).toBe(200);
    expect(opened.headers['content-type']).toBe('image/jpeg');
    expect((await get(`/api/staff/reports/${id}/attachments/${shopFront}`, H.liaison!)).statusCode).toBe(200);
    expect((await get(`/api/staff/reports/${id}/attachments/${face}`, H.liaison!)).statusCode).toBe(404);
    const audit = await t.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'report.handover_attachments', entityId: id } });
    expect(audit.detail).toEqual({ attachmentIds: [shopFront], before: [] });
    // on intake's timeline, not on the 交办单's
    expect((await get(`/api/staff/reports/${id}`, H.intake!)).json().events.map((e: { kind: string }) => e.kind)).toContain('handover_attachments');
    expect((await get(`/api/staff/reports/${id}`, H.liaison!)).json().events.map((e: { kind: string }) => e.kind)).not.toContain('handover_attachments');

    // 改派 to a tour group states its own choice; what the unit had does not carry over
    expect((await act(id, { action: 'reassign', tourGroupId: group, attachmentIds: [face] })).statusCode).toBe(200);
    expect((await seen(id, H.group!)).map((a) => a.id)).toEqual([face]);
    expect((await seen(id, H.intake!)).filter((a) => a.handedOver).map((a) => a.id)).toEqual([face]);
    const reassigned = await t.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'report.reassign', entityId: id } });
    expect(reassigned.detail).toMatchObject({ tourGroupId: group, handoverAttachmentIds: [face] });
    const row = await t.db.prisma.reportAttachment.findUniqueOrThrow({ where: { id: face } });
    expect(row.handedOverById).not.toBeNull();
    expect(row.handedOverAt).not.toBeNull();
  });

  it('never hands over a photo that came with the reporter’s answer', async () => {
    const id = await file();
    expect((await act(id, { action: 'accept' })).statusCode).toBe(200);
    expect((await post(`/api/staff/reports/${id}/messages`, H.intake!, { body: '请问具体是哪一天发生的？' })).statusCode).toBe(201);
    const answered = await post(`/api/public/reports/${id}/messages`, citizen, { body: '上个月十五号，我拍了照片。' });
    expect(answered.statusCode, answered.body).toBe(201);
    const withAnswer = await upload(`/api/public/reports/${id}/attachments?messageId=${answered.json().messageId}`, citizen, '#aa3');
    const res = await act(id, { action: 'assign', unitId: other, attachmentIds: [withAnswer] });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'ATTACHMENT_NOT_HANDABLE', details: { field: 'attachmentIds' } });
    expect((await t.db.prisma.report.findUniqueOrThrow({ where: { id } })).status).toBe('accepted');
    expect((await t.db.prisma.reportAttachment.findUniqueOrThrow({ where: { id: withAnswer } })).handedOverAt).toBeNull();
  });

  it('a 保密 report’s photos stay with intake unless ticked too', async () => {
    const res = await post('/api/public/reports/confidential', {}, { category: 'work_style', content: '保密举报：村会计私设小金库，照片为证。', confidential: true });
    expect(res.statusCode, res.body).toBe(201);
    const { id, queryCode, querySecret } = res.json();
    const photo = await upload('/api/public/reports/lookup/attachments', { 'x-report-code': queryCode, 'x-report-secret': querySecret }, '#a3a');
    await act(id, { action: 'accept' });
    expect((await act(id, { action: 'assign', unitId: other })).statusCode).toBe(200);
    expect(await seen(id, H.liaison!)).toEqual([]);
    await t.app.inject({ method: 'PUT', url: `/api/staff/reports/${id}/handover-attachments`, headers: H.intake!, payload: { attachmentIds: [photo] } });
    expect((await seen(id, H.liaison!)).map((a) => a.id)).toEqual([photo]);
  });
});
