import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { loadConfig, type Config } from '../../config';
import type { Database } from '../../db/database';
import { hashPassword } from '../auth/password';
import { openStorage, type Storage } from '../../plugins/storage';
import { createTestDatabase } from '../../test-support/database';
import { backoffMs, deliverPending, MAX_ATTEMPTS } from './outbox';

const OPENID = 'oWX_outbox_openid_0001';
let now = new Date('2026-11-24T02:00:00Z');
const clock = { now: () => now };

let dataDir: string;
let config: Config;
let db: Database;
let storage: Storage;
let fake: Server;
let apiBase: string;
/** what the fake WeChat API answers to subscribe/send next */
let sendAnswer: { status: number; body: object } = { status: 200, body: { errcode: 0, errmsg: 'ok' } };
const sent: { touser: string; template_id: string; data: Record<string, { value: string }> }[] = [];

async function newApp() {
  const app = await buildApp({ config, db, storage, clock, logger: false });
  await app.ready();
  return app;
}

async function submitAndAccept(app: FastifyInstance) {
  const p = db.prisma;
  const c = await p.citizen.upsert({
    where: { subjectHash: app.sealer.keyedHash(`wechat:${OPENID}`) },
    create: { subjectHash: app.sealer.keyedHash(`wechat:${OPENID}`), via: 'wechat', openidSealed: app.sealer.seal(OPENID) },
    update: {},
  });
  const citizen = { authorization: `Bearer ${app.signCitizenToken(c.id)}` };
  const username = `intake_${Math.random().toString(36).slice(2, 8)}`;
  await p.staffUser.create({ data: { username, displayName: username, role: 'intake', passwordHash: await hashPassword('Test@123456') } });
  const login = await app.inject({ method: 'POST', url: '/api/staff/auth/login', payload: { username, password: 'Test@123456' } });
  const staff = { authorization: `Bearer ${login.json().token}` };
  const r = await app.inject({
    method: 'POST',
    url: '/api/public/reports',
    headers: citizen,
    payload: { category: 'other', content: '通知测试：请及时处理群众反映的问题。', reporterPhone: '13700000000' },
  });
  expect(r.statusCode, r.body).toBe(201);
  const a = await app.inject({ method: 'POST', url: `/api/staff/reports/${r.json().id}/transitions`, headers: staff, payload: { action: 'accept' } });
  expect(a.statusCode, a.body).toBe(200);
  return r.json().id as string;
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'msjd-outbox-'));
  config = loadConfig({}, { NODE_ENV: 'test', DATA_DIR: dataDir, SERVE_STATIC: 'false' });
  [db, storage] = await Promise.all([createTestDatabase(), openStorage(config)]);
  fake = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.url?.startsWith('/cgi-bin/stable_token') && req.method === 'POST' && JSON.parse(Buffer.concat(chunks).toString()).force_refresh === false) {
        res.end(JSON.stringify({ access_token: 'TOKEN', expires_in: 7200 }));
        return;
      }
      if (req.url?.startsWith('/cgi-bin/message/subscribe/send?access_token=TOKEN')) {
        if (sendAnswer.status === 200 && !(sendAnswer.body as { errcode?: number }).errcode) sent.push(JSON.parse(Buffer.concat(chunks).toString()));
        res.statusCode = sendAnswer.status;
        res.end(JSON.stringify(sendAnswer.body));
        return;
      }
      res.statusCode = 404;
      res.end('{}');
    });
  });
  fake.listen(0, '127.0.0.1');
  await once(fake, 'listening');
  apiBase = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  fake?.close();
  await db?.close();
  await storage?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const wechatOpts = () => ({ wechat: { appId: 'wxtest', secret: 'sec', apiBase }, templateId: 'TPL_REPORT' });

describe('outbox', () => {
  it('survives a crash between commit and send; retries with backoff; delivers to WeChat', async () => {
    const first = await newApp();
    const reportId = await submitAndAccept(first);
    // the state change committed with its notification row; the process dies before any delivery
    await first.close();
    const pending = await db.prisma.outbox.findMany({ where: { reportId } });
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ status: 'pending', attempts: 0 });

    const app = await newApp();
    try {
      sendAnswer = { status: 502, body: {} };
      expect(await deliverPending(app, wechatOpts())).toMatchObject({ retried: 1, sent: 0 });
      let row = await db.prisma.outbox.findUniqueOrThrow({ where: { id: pending[0]!.id } });
      expect(row).toMatchObject({ status: 'pending', attempts: 1 });
      expect(row.nextAttemptAt.getTime()).toBe(now.getTime() + backoffMs(1));
      // not due yet
      expect(await deliverPending(app, wechatOpts())).toMatchObject({ retried: 0, sent: 0 });

      now = new Date(now.getTime() + backoffMs(1));
      sendAnswer = { status: 200, body: { errcode: 0, errmsg: 'ok' } };
      expect(await deliverPending(app, wechatOpts())).toMatchObject({ sent: 1 });
      row = await db.prisma.outbox.findUniqueOrThrow({ where: { id: row.id } });
      expect(row).toMatchObject({ status: 'sent', attempts: 2 });
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ touser: OPENID, template_id: 'TPL_REPORT' });
      // template fields within WeChat's limits: serial ≤ 32, state ≤ 5 Chinese characters, note ≤ 20
      expect(sent[0]!.data.character_string1!.value).toMatch(/^JB\d{8}-\d+$/);
      expect(sent[0]!.data.phrase2!.value).toBe('已受理');
      expect(Array.from(sent[0]!.data.thing3!.value).length).toBeLessThanOrEqual(20);
      expect(JSON.stringify(sent[0])).not.toContain('13700000000');
      // delivered once only
      expect(await deliverPending(app, wechatOpts())).toMatchObject({ sent: 0 });
    } finally {
      await app.close();
    }
  });

  it('without WeChat configured the message is kept for the app', async () => {
    const app = await newApp();
    try {
      const reportId = await submitAndAccept(app);
      expect(await deliverPending(app)).toMatchObject({ kept: 1 });
      const row = await db.prisma.outbox.findFirstOrThrow({ where: { reportId } });
      expect(row.status).toBe('kept');
    } finally {
      await app.close();
    }
  });

  it('gives up after MAX_ATTEMPTS (failed), and keeps a message the user did not subscribe to', async () => {
    const app = await newApp();
    try {
      const a = await submitAndAccept(app);
      sendAnswer = { status: 500, body: {} };
      for (let i = 1; i <= MAX_ATTEMPTS; i++) {
        await deliverPending(app, wechatOpts());
        now = new Date(now.getTime() + backoffMs(i));
      }
      expect((await db.prisma.outbox.findFirstOrThrow({ where: { reportId: a } })).status).toBe('failed');

      const b = await submitAndAccept(app);
      sendAnswer = { status: 200, body: { errcode: 43101, errmsg: 'user refuse to accept the msg' } };
      expect(await deliverPending(app, wechatOpts())).toMatchObject({ kept: 1 });
      const row = await db.prisma.outbox.findFirstOrThrow({ where: { reportId: b } });
      expect(row.status).toBe('kept');
      expect(row.lastError).toContain('43101');
    } finally {
      await app.close();
    }
  });
});
