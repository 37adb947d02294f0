// The 保密 promise, checked from the outside: after a citizen files a confidential report (with a token, and without
// one), looks it up, adds text and a photo by code + secret, no row in ANY table and no log line holds the citizen's
// id, subject hash, token subject or address. Tables are enumerated from information_schema, so a table added later
// is searched too.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenHeader, createTestApp, staffHeader, type TestApp } from '../../test-support/app';

let t: TestApp;
const logLines: string[] = [];
const IP = '203.0.113.77';
const IP2 = '198.51.100.23';

async function allRows(): Promise<Map<string, string>> {
  const p = t.db.prisma;
  const tables = await p.$queryRawUnsafe<{ table_name: string }[]>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const rows = new Map<string, string>();
  for (const { table_name } of tables) {
    const found = await p.$queryRawUnsafe<{ row: string }[]>(`SELECT row_to_json(x)::text AS row FROM "${table_name}" x`);
    for (const { row } of found) rows.set(`${table_name}:${row}`, row);
  }
  return rows;
}

function multipart(file: Buffer, headers: Record<string, string>) {
  const boundary = '----msjdUnlinkable';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`);
  const payload = Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload };
}

beforeAll(async () => {
  t = await createTestApp({ logger: { level: 'trace', stream: { write: (line: string) => logLines.push(line) } } });
}, 120_000);
afterAll(async () => t?.close());

describe('unlinkable 保密 reports', () => {
  it('no table and no log line ties a 保密 report to the account, device or address that filed it', async () => {
    const citizen = await citizenHeader(t);
    const token = citizen.authorization.slice('Bearer '.length);
    const sub = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sub as string;
    const me = await t.db.prisma.citizen.findUniqueOrThrow({ where: { id: sub } });
    const secrets = { citizenId: me.id, subjectHash: me.subjectHash, tokenSubject: sub, ip: IP, ip2: IP2 };

    const intake = await staffHeader(t, 'intake');
    const before = await allRows();
    logLines.length = 0;

    const form = { category: 'work_style', content: '村主任把低保名额分给亲属，村民敢怒不敢言。', location: '某村', confidential: true };
    // with a token (the mini-program is logged in): the token is ignored for linkage
    const withToken = await t.app.inject({
      method: 'POST',
      url: '/api/public/reports',
      headers: { ...citizen, 'x-forwarded-for': IP, 'idempotency-key': 'conf-retry-key-0001' },
      payload: form,
    });
    expect(withToken.statusCode, withToken.body).toBe(201);
    const a = withToken.json();
    // a retry of the same filing answers with the same report (keyed on the retry key alone)
    const retry = await t.app.inject({
      method: 'POST',
      url: '/api/public/reports',
      headers: { ...citizen, 'x-forwarded-for': IP, 'idempotency-key': 'conf-retry-key-0001' },
      payload: form,
    });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ id: a.id, replayed: true, queryCode: null });
    // without any account (H5 in production)
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/public/reports/confidential', headers: { 'x-forwarded-for': IP2 }, payload: form });
    expect(anonymous.statusCode, anonymous.body).toBe(201);
    const b = anonymous.json();
    expect(b.queryCode).toMatch(/^\d{16}$/);

    for (const [r, ip] of [[a, IP], [b, IP2]] as const) {
      const creds = { code: r.queryCode, secret: r.querySecret };
      const look = await t.app.inject({ method: 'POST', url: '/api/public/reports/lookup', headers: { 'x-forwarded-for': ip }, payload: creds });
      expect(look.statusCode).toBe(200);
      const sup = await t.app.inject({
        method: 'POST',
        url: '/api/public/reports/lookup/supplements',
        headers: { 'x-forwarded-for': ip },
        payload: { ...creds, text: '补充：名单在村委会公示栏可见。' },
      });
      expect(sup.statusCode).toBe(200);
      const jpeg = await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 9, g: 9, b: 9 } } }).jpeg().toBuffer();
      const up = multipart(jpeg, { 'x-forwarded-for': ip, 'x-report-code': r.queryCode, 'x-report-secret': r.querySecret });
      const photo = await t.app.inject({ method: 'POST', url: '/api/public/reports/lookup/attachments', ...up });
      expect(photo.statusCode, photo.body).toBe(201);
      // the thread: staff ask, the reporter answers by code + secret with a photo
      const asked = await t.app.inject({ method: 'POST', url: `/api/staff/reports/${r.id}/messages`, headers: intake, payload: { body: '名单公示是在哪一天？' } });
      expect(asked.statusCode, asked.body).toBe(201);
      const answer = await t.app.inject({ method: 'POST', url: '/api/public/reports/lookup/messages', headers: { 'x-forwarded-for': ip }, payload: { ...creds, body: '上个月月底公示的。' } });
      expect(answer.statusCode, answer.body).toBe(201);
      const answerPhoto = await t.app.inject({ method: 'POST', url: `/api/public/reports/lookup/attachments?messageId=${answer.json().messageId}`, ...up });
      expect(answerPhoto.statusCode, answerPhoto.body).toBe(201);
    }

    // a public state change of each is told to nobody: the account's 消息 list holds nothing about them, and reading
    // it (and marking all read) writes nothing the scan below could find
    for (const r of [a, b]) {
      const accepted = await t.app.inject({ method: 'POST', url: `/api/staff/reports/${r.id}/transitions`, headers: intake, payload: { action: 'accept' } });
      expect(accepted.statusCode, accepted.body).toBe(200);
    }
    const messages = await t.app.inject({ method: 'GET', url: '/api/public/messages', headers: citizen });
    expect(messages.statusCode, messages.body).toBe(200);
    expect(messages.json()).toMatchObject({ items: [], total: 0, unread: 0 });
    expect((await t.app.inject({ method: 'POST', url: '/api/public/messages/read-all', headers: citizen })).json()).toEqual({ unread: 0 });

    const after = await allRows();
    const added = [...after].filter(([k]) => !before.has(k)).map(([, row]) => row);
    // the scan sees what the filing wrote: both reports, their events, audit rows and photos
    for (const r of [a, b]) expect(added.filter((row) => row.includes(r.id)).length).toBeGreaterThanOrEqual(5);
    for (const [what, value] of Object.entries(secrets)) {
      expect(added.filter((row) => row.includes(value)), what).toEqual([]);
    }
    // and no row anywhere mentioning either report (old or new) names the citizen
    const mentioning = [...after.values()].filter((row) => row.includes(a.id) || row.includes(b.id) || row.includes(a.serial) || row.includes(b.serial));
    for (const value of Object.values(secrets)) expect(mentioning.filter((row) => row.includes(value))).toEqual([]);

    // the log saw these requests, without any address or account
    const logged = logLines.join('');
    expect(logged).toContain('/api/public/reports/confidential');
    expect(logged).toContain('/api/public/reports/lookup/supplements');
    expect(logged).toContain('/api/public/reports/lookup/messages');
    for (const [what, value] of Object.entries(secrets)) expect(logLines.filter((l) => l.includes(value)), what).toEqual([]);

    // the account's own list knows nothing of them
    const mine = await t.app.inject({ method: 'GET', url: '/api/public/reports/mine', headers: citizen });
    expect(mine.json().items).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: `/api/public/reports/mine/${a.id}`, headers: citizen })).statusCode).toBe(404);
  });

  it('the anonymous route takes 保密 only and checks the form like the logged-in one', async () => {
    const real = await t.app.inject({ method: 'POST', url: '/api/public/reports/confidential', payload: { category: 'work_style', content: '实名举报不能走匿名入口的测试内容。', reporterPhone: '13900001111' } });
    expect(real.statusCode).toBe(400);
    expect(real.json().issues.map((i: { path: string }) => i.path)).toContain('confidential');
    const short = await t.app.inject({ method: 'POST', url: '/api/public/reports/confidential', payload: { category: 'work_style', content: '太短', confidential: true } });
    expect(short.statusCode).toBe(400);
    expect(short.json().issues[0]).toMatchObject({ path: 'content' });
  });

  it('staff still see and handle a 保密 report, with no reporter to reveal', async () => {
    const intake = await staffHeader(t, 'intake');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/reports/confidential',
      payload: { category: 'work_style', content: '保密举报照常进入受理，但没有可查看的举报人身份。', confidential: true },
    });
    const id = res.json().id;
    const detail = await t.app.inject({ method: 'GET', url: `/api/staff/reports/${id}`, headers: intake });
    expect(detail.json()).toMatchObject({ confidential: true, hasIdentity: false, status: 'submitted' });
  });
});
