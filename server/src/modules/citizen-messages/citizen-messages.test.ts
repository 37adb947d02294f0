// 消息: a citizen reads what the outbox holds for them — their real-name reports' state changes (开始办理 included) and
// their enterprise's case — newest first, paged, read/unread with idempotent marking; never another citizen's, never
// anything about a 保密 report.
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenHeader, createTestApp, staffHeader, type TestApp } from '../../test-support/app';

let t: TestApp;
let H: Record<string, Record<string, string>>;
let groupA: string;
let unitA: string;

const call = (opts: InjectOptions) => t.app.inject(opts);
const act = (who: string, id: string, payload: Record<string, unknown>) =>
  call({ method: 'POST', url: `/api/staff/reports/${id}/transitions`, headers: H[who], payload });
const list = (h: Record<string, string>, query = '') => call({ method: 'GET', url: `/api/public/messages${query}`, headers: h });
const unread = async (h: Record<string, string>) => (await call({ method: 'GET', url: '/api/public/messages/unread', headers: h })).json().unread as number;

async function realName(h: Record<string, string>, content: string) {
  const res = await call({
    method: 'POST',
    url: '/api/public/reports',
    headers: h,
    payload: { category: 'work_style', content, reporterName: '张三', reporterPhone: '13800138000' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; serial: string };
}

beforeAll(async () => {
  t = await createTestApp();
  const p = t.db.prisma;
  groupA = (await p.tourGroup.create({ data: { name: '第一巡察组' } })).id;
  unitA = (await p.unit.create({ data: { code: 'MSG01', name: '县市场监督管理局', kind: 'department', onboard: true } })).id;
  H = {
    intake: await staffHeader(t, 'intake'),
    admin: await staffHeader(t, 'admin'),
    groupA: await staffHeader(t, 'tour_group', { tourGroupId: groupA }),
    citizen: await citizenHeader(t),
    other: await citizenHeader(t),
  };
}, 240_000);
afterAll(async () => t?.close());

describe('消息 list', () => {
  it('lists the state changes of the citizen’s real-name report, 开始办理 included, newest first, paged, unread until read', async () => {
    const r = await realName(H.citizen!, '村委会在低保评定中优亲厚友，多次索要好处费。');
    expect((await act('intake', r.id, { action: 'accept' })).statusCode).toBe(200);
    expect((await act('intake', r.id, { action: 'assign', tourGroupId: groupA })).statusCode).toBe(200);
    expect((await act('groupA', r.id, { action: 'start' })).statusCode).toBe(200);

    const res = await list(H.citizen!);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: 3, unread: 3, page: 1, pageSize: 20 });
    expect(body.items.map((m: { title: string }) => m.title)).toEqual([`反映 ${r.serial} 办理中`, `反映 ${r.serial} 已交办`, `反映 ${r.serial} 已受理`]);
    expect(body.items[0]).toMatchObject({ body: '正在办理', readAt: null, subject: { kind: 'report', id: r.id, serial: r.serial } });
    // nothing of the sealed identity travels with a message
    expect(res.body).not.toContain('13800138000');
    expect(res.body).not.toContain('张三');

    const page2 = (await list(H.citizen!, '?page=2&pageSize=2')).json();
    expect(page2).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.items.map((m: { id: string }) => m.id)).toEqual([body.items[2].id]);

    // another citizen sees none of it and cannot mark it
    expect((await list(H.other!)).json()).toMatchObject({ items: [], total: 0, unread: 0 });
    const foreign = await call({ method: 'POST', url: `/api/public/messages/${body.items[0].id}/read`, headers: H.other });
    expect(foreign.statusCode).toBe(404);
    expect(await unread(H.citizen!)).toBe(3);

    // marking read is idempotent: the first time stays
    const first = await call({ method: 'POST', url: `/api/public/messages/${body.items[0].id}/read`, headers: H.citizen });
    expect(first.json()).toEqual({ unread: 2 });
    const readAt = (await list(H.citizen!)).json().items[0].readAt;
    expect(readAt).toEqual(expect.any(String));
    const again = await call({ method: 'POST', url: `/api/public/messages/${body.items[0].id}/read`, headers: H.citizen });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ unread: 2 });
    expect((await list(H.citizen!)).json().items[0].readAt).toBe(readAt);

    const onlyUnread = (await list(H.citizen!, '?unread=true')).json();
    expect(onlyUnread).toMatchObject({ total: 2, unread: 2 });
    expect(onlyUnread.items.every((m: { readAt: string | null }) => m.readAt === null)).toBe(true);

    expect((await call({ method: 'POST', url: '/api/public/messages/read-all', headers: H.citizen })).json()).toEqual({ unread: 0 });
    expect((await call({ method: 'POST', url: '/api/public/messages/read-all', headers: H.citizen })).json()).toEqual({ unread: 0 });
    expect((await list(H.citizen!)).json().items[0].readAt).toBe(readAt);
    expect(await unread(H.citizen!)).toBe(0);

    // a new state change is unread again
    expect((await act('groupA', r.id, { action: 'reply', reply: '经核查，已责令退回好处费并通报批评。' })).statusCode).toBe(200);
    expect(await unread(H.citizen!)).toBe(1);
  });

  it('lists the enterprise’s case with its complaint id, so the app opens the case page', async () => {
    const ent = await citizenHeader(t);
    const point = await call({ method: 'POST', url: '/api/staff/business/monitoring-points', headers: H.admin, payload: { code: 'MSG-P1', name: '城关营商环境监测点', unitId: unitA } });
    expect(point.statusCode, point.body).toBe(201);
    const bound = await call({
      method: 'POST',
      url: '/api/public/business/bind',
      headers: ent,
      payload: { creditCode: '91350100M000100Y43', name: '福建某某科技有限公司', contactName: '李四', contactPhone: '13800001111', inviteCode: point.json().inviteCode },
    });
    expect(bound.statusCode, bound.body).toBe(200);
    const complaint = await call({
      method: 'POST',
      url: '/api/public/business/complaints',
      headers: ent,
      payload: { targetType: 'unit', targetId: unitA, category: 'attitude', content: '窗口人员态度恶劣，多次推诿。' },
    });
    expect(complaint.statusCode, complaint.body).toBe(201);
    const items = (await list(ent)).json().items;
    expect(items).toHaveLength(1);
    expect(items[0].subject).toMatchObject({ kind: 'enterprise_case', id: complaint.json().id, serial: expect.stringMatching(/^YS\d{8}-\d{4}$/) });
  });

  it('never lists a row about a 保密 report, even one wrongly tied to the account', async () => {
    const conf = await call({
      method: 'POST',
      url: '/api/public/reports/confidential',
      payload: { category: 'work_style', content: '保密反映：村干部挪用扶贫资金修建自家房屋。', confidential: true },
    });
    expect(conf.statusCode, conf.body).toBe(201);
    const me = JSON.parse(Buffer.from(H.other!.authorization!.split('.')[1]!, 'base64url').toString()).sub as string;
    // defence in depth: the outbox never holds such a row (citizen-notice.ts), and if it did the list would not show it
    const stray = await t.db.prisma.outbox.create({
      data: { channel: 'wechat_subscribe', citizenId: me, reportId: conf.json().id, payload: { title: '不应出现' }, nextAttemptAt: new Date(), createdAt: new Date() },
    });
    const res = await list(H.other!);
    expect(res.json()).toMatchObject({ items: [], total: 0, unread: 0 });
    expect((await call({ method: 'POST', url: `/api/public/messages/${stray.id}/read`, headers: H.other })).statusCode).toBe(404);
    expect((await call({ method: 'POST', url: '/api/public/messages/read-all', headers: H.other })).json()).toEqual({ unread: 0 });
    expect((await t.db.prisma.outbox.findUniqueOrThrow({ where: { id: stray.id } })).readAt).toBeNull();
    await t.db.prisma.outbox.delete({ where: { id: stray.id } });
  });

  it('needs a citizen token, and says in Chinese what is wrong with a bad request', async () => {
    expect((await call({ method: 'GET', url: '/api/public/messages' })).statusCode).toBe(401);
    expect((await call({ method: 'POST', url: '/api/public/messages/read-all' })).statusCode).toBe(401);
    const badPage = await list(H.citizen!, '?pageSize=500');
    expect(badPage.statusCode).toBe(400);
    expect(badPage.json().issues[0]).toMatchObject({ path: 'querystring.pageSize', message: '每页最多 50 条' });
    const badId = await call({ method: 'POST', url: '/api/public/messages/not-a-uuid/read', headers: H.citizen });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().issues[0]).toMatchObject({ path: 'params.id', message: '消息编号格式不正确' });
  });
});
