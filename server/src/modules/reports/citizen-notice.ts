// The outbox row that tells a citizen about their report (订阅消息, and the in-app 消息 list), written in the same
// transaction as the change it announces; outbox.ts delivers it.
import type { FastifyInstance } from 'fastify';
import type { ReportStatus } from '@msjd/shared';
import type { Prisma, Report } from '../../generated/prisma/client';

/**
 * A notice to the citizen who filed a real-name report (a 保密 report has no citizen: nothing is queued). `label` is
 * the short state word of the 订阅消息 (at most 5 characters); without it the status's label is used.
 */
export async function enqueueCitizenNotice(
  app: FastifyInstance,
  tx: Prisma.TransactionClient,
  report: Pick<Report, 'id' | 'serial' | 'citizenId'>,
  notice: { title: string; body: string; status?: ReportStatus; label?: string },
) {
  if (!report.citizenId) return;
  const now = app.clock.now();
  await tx.outbox.create({
    data: {
      channel: 'wechat_subscribe',
      citizenId: report.citizenId,
      reportId: report.id,
      payload: { ...notice, serial: report.serial },
      nextAttemptAt: now,
      createdAt: now,
    },
  });
}
