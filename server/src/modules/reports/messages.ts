// The thread between the commission and the reporter (检举控告工作规则: 向检举控告人了解情况). Intake and supervisors ask
// for more information without changing the report's state; the reporter answers from 进度查询, a 保密 reporter
// through code + secret. The thread stays with those who read the original report: a 交办单 reader (unit liaison,
// tour group) never sees it, since an answer may say who the reporter is. For a 保密 report nothing on the reporter's
// side records an account, a device or an address.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ReportMessageList, ReportPublicMessage } from '@msjd/shared';
import type { Report } from '../../generated/prisma/client';
import { conflict } from '../../errors';
import type { StaffActor } from '../../plugins/auth';
import { OPEN_STATUSES } from './lifecycle';
import { enqueueCitizenNotice } from './citizen-notice';

type Message = { id: string; sender: string; createdAt: Date };

/** A question is waiting when the newest entry of the thread is the commission's. */
function awaiting(messages: readonly Message[]): boolean {
  return messages.length > 0 && messages[messages.length - 1]!.sender === 'staff';
}

const closed = () => conflict('REPORT_CLOSED', '该件已办结或不予受理，不能再发送消息', { allowed: [] });

/** The commission asks the reporter; the report's state does not change. */
export async function askReporter(app: FastifyInstance, request: FastifyRequest, actor: StaffActor, r: Report, body: string) {
  if (!OPEN_STATUSES.includes(r.status)) throw closed();
  const now = app.clock.now();
  await app.db.prisma.$transaction(async (tx) => {
    const m = await tx.reportMessage.create({ data: { reportId: r.id, sender: 'staff', staffId: actor.id, body, createdAt: now } });
    await tx.reportEvent.create({
      data: { reportId: r.id, kind: 'question_asked', actorType: 'staff', actorId: actor.id, actorRole: actor.role, note: body, at: now },
    });
    await app.audit(request, { action: 'report.question_ask', entity: 'report', entityId: r.id, detail: { messageId: m.id } }, tx);
    // a 保密 reporter has no account to notify: they find the question with their code
    await enqueueCitizenNotice(app, tx, r, { label: '待您补充', title: `反映 ${r.serial} 有新的询问`, body: '办理人员向您询问情况，请在“进度查询”中查看并回复' });
  });
}

/**
 * The reporter answers. A retry of the same answer (same text within ten minutes, as a dropped connection produces)
 * returns the answer already stored instead of a second one.
 */
export async function answerAsReporter(app: FastifyInstance, request: FastifyRequest, r: Report, body: string) {
  if (!OPEN_STATUSES.includes(r.status)) throw closed();
  const now = app.clock.now();
  return app.db.prisma.$transaction(async (tx) => {
    // serialises concurrent answers to one report, so a doubled request cannot store the answer twice
    await tx.$queryRaw`SELECT id FROM report WHERE id = ${r.id}::uuid FOR UPDATE`;
    const thread = await tx.reportMessage.findMany({ where: { reportId: r.id }, orderBy: { createdAt: 'asc' }, select: { id: true, sender: true, body: true, createdAt: true } });
    const last = thread[thread.length - 1];
    if (last?.sender === 'reporter' && last.body === body && now.getTime() - last.createdAt.getTime() < 10 * 60_000) {
      return { messageId: last.id, replayed: true };
    }
    if (!thread.some((m) => m.sender === 'staff')) {
      throw conflict('NO_QUESTION', '办理人员尚未向您询问；如需补充情况，请使用“补充材料”', { allowed: [] });
    }
    const m = await tx.reportMessage.create({ data: { reportId: r.id, sender: 'reporter', body, createdAt: now } });
    await tx.reportEvent.create({
      data: { reportId: r.id, kind: 'reporter_answered', actorType: 'citizen', actorId: r.confidential ? null : r.citizenId, note: body, at: now },
    });
    await app.audit(request, { action: 'report.question_answer', entity: 'report', entityId: r.id, detail: { messageId: m.id }, unlinkable: r.confidential }, tx);
    return { messageId: m.id, replayed: false };
  });
}

/** A photo may join an answer of the reporter's own, on the same report. */
export async function reporterMessageOf(app: FastifyInstance, r: Report, messageId: string | undefined): Promise<string | null> {
  if (!messageId) return null;
  const m = await app.db.prisma.reportMessage.findUnique({ where: { id: messageId }, select: { reportId: true, sender: true } });
  if (!m || m.reportId !== r.id || m.sender !== 'reporter') throw conflict('MESSAGE_NOT_FOUND', '要附图片的回复不存在', { messageId });
  return messageId;
}

/** The thread as the reporter sees it; opening it marks the commission's questions read. */
export async function publicThread(app: FastifyInstance, r: Report): Promise<{ messages: ReportPublicMessage[]; awaitingAnswer: boolean; canAnswer: boolean }> {
  const rows = await app.db.prisma.reportMessage.findMany({
    where: { reportId: r.id },
    orderBy: { createdAt: 'asc' },
    include: { _count: { select: { attachments: true } } },
  });
  const unread = rows.filter((m) => m.sender === 'staff' && !m.readAt).map((m) => m.id);
  if (unread.length) await app.db.prisma.reportMessage.updateMany({ where: { id: { in: unread } }, data: { readAt: app.clock.now() } });
  return {
    messages: rows.map((m) => ({ id: m.id, sender: m.sender as 'staff' | 'reporter', body: m.body, at: m.createdAt.toISOString(), photoCount: m._count.attachments })),
    awaitingAnswer: awaiting(rows),
    canAnswer: OPEN_STATUSES.includes(r.status) && rows.some((m) => m.sender === 'staff'),
  };
}

/** The thread for intake and supervisors; opening it marks the reporter's answers read. */
export async function staffThread(app: FastifyInstance, r: Report): Promise<ReportMessageList> {
  const rows = await app.db.prisma.reportMessage.findMany({
    where: { reportId: r.id },
    orderBy: { createdAt: 'asc' },
    include: { attachments: { select: { id: true }, orderBy: { createdAt: 'asc' } } },
  });
  const staffIds = [...new Set(rows.flatMap((m) => (m.staffId ? [m.staffId] : [])))];
  const staff = staffIds.length ? await app.db.prisma.staffUser.findMany({ where: { id: { in: staffIds } }, select: { id: true, displayName: true } }) : [];
  const names = new Map(staff.map((s) => [s.id, s.displayName]));
  const unread = rows.filter((m) => m.sender === 'reporter' && !m.readAt).map((m) => m.id);
  const now = app.clock.now();
  if (unread.length) await app.db.prisma.reportMessage.updateMany({ where: { id: { in: unread } }, data: { readAt: now } });
  return {
    items: rows.map((m) => ({
      id: m.id,
      sender: m.sender as 'staff' | 'reporter',
      body: m.body,
      at: m.createdAt.toISOString(),
      staffName: m.staffId ? (names.get(m.staffId) ?? null) : null,
      readAt: (m.readAt ?? (unread.includes(m.id) ? now : null))?.toISOString() ?? null,
      attachmentIds: m.attachments.map((a) => a.id),
    })),
    awaitingAnswer: awaiting(rows),
    canAsk: OPEN_STATUSES.includes(r.status),
  };
}
