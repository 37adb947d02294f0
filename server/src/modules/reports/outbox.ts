// The notification outbox worker. Rows are written in the transaction of the state change (service.ts), so a
// crash between commit and send leaves them pending and the next run delivers them (at least once).
// With WeChat configured (and a subscribe-message template) a row becomes a 订阅消息; otherwise it is marked
// `kept` and the citizen reads it in the app (GET /api/public/notifications).
import type { FastifyInstance } from 'fastify';
import type { Outbox } from '../../generated/prisma/client';
import type { Config } from '../../config';
import { reportStatusLabels, type ReportStatus } from '@msjd/shared';
import { createWechatClient, reportMessageData, WechatApiError, wechatClient } from '../wechat';
import { autoCloseReplied } from './service';

export const MAX_ATTEMPTS = 8;
/** while a row is being sent it is leased this long; a crash mid-send makes it due again afterwards */
export const LEASE_MS = 5 * 60_000;
export const backoffMs = (attempts: number) => Math.min(30_000 * 2 ** (attempts - 1), 3600_000);

export interface DeliverOptions {
  wechat?: Config['wechat'];
  /** 订阅消息 template id; without it nothing is pushed and rows are kept for the app */
  templateId?: string;
  /** page the message opens */
  page?: string;
  batch?: number;
  fetch?: typeof fetch;
}

export interface DeliverResult {
  sent: number;
  kept: number;
  retried: number;
  failed: number;
}

async function sendWechat(row: Outbox, openid: string, opts: DeliverOptions & { wechat: NonNullable<Config['wechat']> }) {
  const p = row.payload as { title?: string; body?: string; serial?: string; status?: ReportStatus; label?: string };
  // the token comes from stable_token, shared by every instance (see ../wechat/client.ts)
  const client = opts.fetch ? createWechatClient(opts.wechat, { fetch: opts.fetch }) : wechatClient(opts.wechat);
  await client.sendSubscribe({
    touser: openid,
    templateId: opts.templateId!,
    // 进度查询 lists the citizen's own reports (a confidential report is followed there by code + secret)
    page: opts.page ?? (row.reportId ? 'pages/track/index' : 'pages/index/index'),
    data: reportMessageData({ serial: p.serial, statusLabel: p.label ?? (p.status ? reportStatusLabels[p.status] : p.title), body: p.body }),
  });
}

/** Delivers the due pending rows once. Safe to call from tests and from the interval in main.ts. */
export async function deliverPending(app: FastifyInstance, opts: DeliverOptions = {}): Promise<DeliverResult> {
  const prisma = app.db.prisma;
  const result: DeliverResult = { sent: 0, kept: 0, retried: 0, failed: 0 };
  const now = app.clock.now();
  // Claim a batch in one statement: SKIP LOCKED lets several instances claim side by side without waiting on each
  // other, and the lease (next_attempt_at moved forward) keeps a claimed row from being due again until LEASE_MS
  // has passed — after a crash mid-send it is retried (at least once), never sent twice by two live workers.
  const claimed = await prisma.$queryRaw<{ id: string }[]>`
    UPDATE outbox SET next_attempt_at = ${new Date(now.getTime() + LEASE_MS)}
    WHERE id IN (
      SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ${now}
      ORDER BY created_at LIMIT ${opts.batch ?? 50} FOR UPDATE SKIP LOCKED
    )
    RETURNING id::text`;
  const due = claimed.length
    ? await prisma.outbox.findMany({ where: { id: { in: claimed.map((c) => c.id) } }, orderBy: { createdAt: 'asc' } })
    : [];
  for (const row of due) {
    const citizen = row.citizenId ? await prisma.citizen.findUnique({ where: { id: row.citizenId } }) : null;
    const canPush = row.channel === 'wechat_subscribe' && opts.wechat && opts.templateId && citizen?.openidSealed;
    if (!canPush) {
      await prisma.outbox.update({ where: { id: row.id }, data: { status: 'kept', sentAt: now } });
      result.kept++;
      continue;
    }
    try {
      await sendWechat(row, app.sealer.open(citizen!.openidSealed!), { ...opts, wechat: opts.wechat! });
      await prisma.outbox.update({ where: { id: row.id }, data: { status: 'sent', sentAt: app.clock.now(), attempts: row.attempts + 1, lastError: null } });
      result.sent++;
    } catch (err) {
      const attempts = row.attempts + 1;
      const permanent = err instanceof WechatApiError && err.permanent;
      const message = (err as Error).message.slice(0, 500);
      if (permanent || attempts >= MAX_ATTEMPTS) {
        // still visible in the app; the push is given up
        await prisma.outbox.update({ where: { id: row.id }, data: { status: permanent ? 'kept' : 'failed', attempts, lastError: message } });
        if (permanent) result.kept++;
        else result.failed++;
      } else {
        await prisma.outbox.update({
          where: { id: row.id },
          data: { attempts, lastError: message, nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)) },
        });
        result.retried++;
      }
      app.log.warn({ outboxId: row.id, attempts, err: message }, 'notification delivery failed');
    }
  }
  return result;
}

/** main.ts only: deliver the outbox and auto-close replied reports on an interval (never in tests). */
export function startReportWorker(app: FastifyInstance, opts: DeliverOptions & { intervalMs?: number } = {}) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await autoCloseReplied(app);
      await deliverPending(app, opts);
    } catch (err) {
      app.log.error({ err }, 'report worker tick failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, opts.intervalMs ?? 30_000);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}
