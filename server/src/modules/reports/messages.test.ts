// The thread with the reporter: staff ask without changing the report's state; a 保密 reporter answers by code +
// secret (text and a photo) and nothing on that side names an account or address; a real-name reporter is notified;
// the thread never reaches a 交办单 reader.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenHeader, createTestApp, staffHeader, type TestApp } from '../../test-support/app';

let t: TestApp;
let H: Record<'intake' | 'supervisor' | 'admin' | 'liaison' | 'group', { authorization: string }>;
let unit: string;
const IP = '203.0.113.91';

const post = (url: string, headers: Record<string, string>, payload: unknown) => t.app.inject({ method: 'POST', url, headers, payload: payload as object });
const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });
const act = (id: string, body: object) => post(`/api/staff/reports/${id}/transitions`, H.intake, body);

function multipart(file: Buffer, headers: Record<string, string>) {
  const boundary = '----msjdMessages';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`);
  return { headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]) };
}

beforeAll(async () => {
  t = await createTestApp();
  unit = (await t.db.prisma.unit.create({ data: { code: 'M01', name: '县住建局', kind: 'department' } })).id;
  const group = (await t.db.prisma.tourGroup.create({ data: { name: '第五巡察组' } })).id;
  H = {
    intake: await staffHeader(t, 'intake'),
    supervisor: await staffHeader(t, 'supervisor'),
    admin: await staffHeader(t, 'admin'),
    liaison: await staffHeader(t, 'unit_liaison', { unitId: unit }),
    group: await staffHeader(t, 'tour_group', { tourGroupId: group }),
  };
}, 120_000);
afterAll(async () => t?.close());

describe('messages with the reporter', () => {
  it('a 保密 round trip by code + secret: question, answer with a photo, state unchanged, nothing linkable', async () => {
    const filed = await post('/api/public/reports/confidential', { 'x-forwarded-for': IP }, {
      category: 'work_style',
      content: '住建局窗口办事人员索要好处费，不给就拖着不办。',
      confidential: true,
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const { id, queryCode: code, querySecret: secret } = filed.json();
    expect((await act(id, { action: 'accept' })).statusCode).toBe(200);

    // answering before any question is refused: that is what 补充材料 is for
    const early = await post('/api/public/reports/lookup/messages', { 'x-forwarded-for': IP }, { code, secret, body: '我还想补充一点' });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('NO_QUESTION');

    const asked = await post(`/api/staff/reports/${id}/messages`, H.intake, { body: '请问索要好处费发生在哪一天、哪个窗口？' });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json()).toMatchObject({ awaitingAnswer: true, canAsk: true, items: [{ sender: 'staff', body: '请问索要好处费发生在哪一天、哪个窗口？' }] });
    expect((await t.db.prisma.report.findUniqueOrThrow({ where: { id } })).status).toBe('accepted');

    const look = await post('/api/public/reports/lookup', { 'x-forwarded-for': IP }, { code, secret });
    expect(look.json()).toMatchObject({ awaitingAnswer: true, canAnswer: true, messages: [{ sender: 'staff', photoCount: 0 }] });
    // no staff name reaches the reporter
    expect(JSON.stringify(look.json().messages)).not.toContain('intake_');

    const answerBody = { code, secret, body: '11月20日上午，3号窗口，姓王的工作人员。' };
    const answered = await post('/api/public/reports/lookup/messages', { 'x-forwarded-for': IP }, answerBody);
    expect(answered.statusCode, answered.body).toBe(201);
    const { messageId } = answered.json();
    expect(answered.json().report).toMatchObject({ awaitingAnswer: false, messages: [{ sender: 'staff' }, { sender: 'reporter', body: answerBody.body }] });
    // a retry of the same answer (the connection dropped) stores nothing new
    const retry = await post('/api/public/reports/lookup/messages', { 'x-forwarded-for': IP }, answerBody);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ messageId, replayed: true });
    expect(await t.db.prisma.reportMessage.count({ where: { reportId: id } })).toBe(2);

    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#a33' } }).jpeg().toBuffer();
    const photo = await t.app.inject({
      method: 'POST',
      url: `/api/public/reports/lookup/attachments?messageId=${messageId}`,
      ...multipart(jpeg, { 'x-forwarded-for': IP, 'x-report-code': code, 'x-report-secret': secret }),
    });
    expect(photo.statusCode, photo.body).toBe(201);
    // a photo cannot join the commission's question
    const staffMessageId = asked.json().items[0].id;
    const wrong = await t.app.inject({
      method: 'POST',
      url: `/api/public/reports/lookup/attachments?messageId=${staffMessageId}`,
      ...multipart(jpeg, { 'x-forwarded-for': IP, 'x-report-code': code, 'x-report-secret': secret }),
    });
    expect(wrong.statusCode).toBe(409);

    const thread = await get(`/api/staff/reports/${id}/messages`, H.supervisor);
    expect(thread.statusCode).toBe(200);
    expect(thread.json()).toMatchObject({
      awaitingAnswer: false,
      items: [
        { sender: 'staff', staffName: expect.stringMatching(/^intake_/) },
        { sender: 'reporter', staffName: null, body: answerBody.body, attachmentIds: [photo.json().id], readAt: expect.any(String) },
      ],
    });
    // the reporter's side of the thread holds no account and no address; a 保密 report has no one to notify
    const rows = await t.db.prisma.$queryRawUnsafe<{ row: string }[]>(`SELECT row_to_json(m)::text AS row FROM report_message m WHERE report_id = $1::uuid`, id);
    expect(rows.map((r) => r.row).join('\n')).not.toContain(IP);
    const audits = await t.db.prisma.auditLog.findMany({ where: { entityId: id, action: 'report.question_answer' } });
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).not.toContain(IP);
    expect(await t.db.prisma.outbox.count({ where: { reportId: id } })).toBe(0);
  });

  it('a real-name reporter is notified of the question and answers from 我的反映', async () => {
    const citizen = await citizenHeader(t);
    const filed = await post('/api/public/reports', citizen, { category: 'work_style', content: '住建局审批拖延半年，反复要求补材料。', reporterName: '李四', reporterPhone: '13800138001' });
    expect(filed.statusCode, filed.body).toBe(201);
    const id = filed.json().id as string;
    expect((await act(id, { action: 'accept' })).statusCode).toBe(200);
    const outboxBefore = await t.db.prisma.outbox.count({ where: { reportId: id } });
    expect((await post(`/api/staff/reports/${id}/messages`, H.intake, { body: '请提供第一次递交材料的日期。' })).statusCode).toBe(201);
    const notices = await t.db.prisma.outbox.findMany({ where: { reportId: id }, orderBy: { createdAt: 'asc' } });
    expect(notices).toHaveLength(outboxBefore + 1);
    expect(notices.at(-1)!.payload).toMatchObject({ label: '待您补充', title: expect.stringContaining('有新的询问') });

    const mine = await get(`/api/public/reports/mine/${id}`, citizen);
    expect(mine.json()).toMatchObject({ awaitingAnswer: true, canAnswer: true });
    const answer = await post(`/api/public/reports/${id}/messages`, citizen, { body: '第一次是今年5月8日递交的。' });
    expect(answer.statusCode, answer.body).toBe(201);
    // another citizen cannot answer it
    const stranger = await post(`/api/public/reports/${id}/messages`, await citizenHeader(t), { body: '冒充回复' });
    expect(stranger.statusCode).toBe(404);
    // the public timeline does not carry the thread twice
    expect(answer.json().report.timeline.map((e: { kind: string }) => e.kind)).not.toContain('reporter_answered');
  });

  it('stays with intake and supervisors: never in a 交办单, refused to other roles and on a closed report', async () => {
    const citizen = await citizenHeader(t);
    const id = (await post('/api/public/reports', citizen, { category: 'work_style', content: '住建局某科长收受开发商礼品卡。', reporterName: '王五', reporterPhone: '13800138002' })).json().id as string;
    expect((await act(id, { action: 'accept' })).statusCode).toBe(200);
    expect((await post(`/api/staff/reports/${id}/messages`, H.intake, { body: '礼品卡的面额大约是多少？' })).statusCode).toBe(201);
    const answer = await post(`/api/public/reports/${id}/messages`, citizen, { body: '听说每张一千元，我亲眼见过。' });
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3a3' } }).jpeg().toBuffer();
    const photo = await t.app.inject({ method: 'POST', url: `/api/public/reports/${id}/attachments?messageId=${answer.json().messageId}`, ...multipart(jpeg, citizen) });
    expect(photo.statusCode, photo.body).toBe(201);
    expect((await act(id, { action: 'assign', unitId: unit })).statusCode).toBe(200);

    for (const who of ['liaison', 'group', 'admin'] as const) {
      expect((await get(`/api/staff/reports/${id}/messages`, H[who])).statusCode, who).toBe(403);
      expect((await post(`/api/staff/reports/${id}/messages`, H[who], { body: '我想直接问问举报人' })).statusCode, who).toBe(403);
    }
    const handover = await get(`/api/staff/reports/${id}`, H.liaison);
    expect(handover.statusCode).toBe(200);
    const text = handover.body;
    expect(text).not.toContain('我亲眼见过');
    expect(text).not.toContain('礼品卡的面额');
    expect(handover.json().attachments.map((a: { id: string }) => a.id)).not.toContain(photo.json().id);
    expect((await get(`/api/staff/reports/${id}/attachments/${photo.json().id}`, H.liaison)).statusCode).toBe(404);
    // intake sees the photo with its answer
    const full = await get(`/api/staff/reports/${id}`, H.intake);
    expect(full.json().attachments).toContainEqual(expect.objectContaining({ id: photo.json().id, messageId: answer.json().messageId }));

    await t.db.prisma.report.update({ where: { id }, data: { status: 'closed', closedAt: new Date() } });
    const late = await post(`/api/staff/reports/${id}/messages`, H.intake, { body: '结案后再问一个问题' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('REPORT_CLOSED');
    expect((await post('/api/staff/reports/' + id + '/messages', H.intake, { body: '短' })).statusCode).toBe(400);
  });
});
