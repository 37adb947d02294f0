// 延期: whoever handles a report (the assigned tour group or unit, or intake) asks for more working days to reply, with
// a reason; a supervisor other than the requester decides. An approval moves the reply deadline by that many working
// days (holidays and 调休 counted) from the deadline the report had, tells the reporter, and is counted in statistics.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { reportExtensionStatusLabels, type ReportExtensionView } from '@msjd/shared';
import type { Prisma, ReportExtension } from '../../generated/prisma/client';
import { conflict, forbidden, notFound } from '../../errors';
import type { StaffActor } from '../../plugins/auth';
import { isAssigneeRole } from '../../lib/roles';
import { addWorkdays } from '../calendar';
import { enqueueCitizenNotice } from './citizen-notice';
import { isAssignee, REPLY_CLOCK_STATUSES } from './lifecycle';
import { calendarOverrides, dateOf, isoDate, loadVisible } from './service';

type Row = ReportExtension & { report: { serial: string } };

async function views(app: FastifyInstance, rows: Row[]): Promise<ReportExtensionView[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.requesterId, ...(r.deciderId ? [r.deciderId] : [])]))];
  const staff = ids.length ? await app.db.prisma.staffUser.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } }) : [];
  const name = new Map(staff.map((s) => [s.id, s.displayName]));
  return rows.map((r) => ({
    id: r.id,
    reportId: r.reportId,
    serial: r.report.serial,
    requesterId: r.requesterId,
    requesterName: name.get(r.requesterId) ?? null,
    workdays: r.workdays,
    reason: r.reason,
    status: r.status,
    statusLabel: reportExtensionStatusLabels[r.status],
    dueOnBefore: isoDate(r.dueOnBefore),
    dueOnAfter: r.dueOnAfter ? isoDate(r.dueOnAfter) : null,
    deciderName: r.deciderId ? (name.get(r.deciderId) ?? null) : null,
    decisionNote: r.decisionNote,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  }));
}

const withSerial = { report: { select: { serial: true } } } as const;

export async function extensionsOf(app: FastifyInstance, actor: StaffActor, reportId: string) {
  const r = await loadVisible(app, actor, reportId);
  const rows = await app.db.prisma.reportExtension.findMany({ where: { reportId: r.id }, orderBy: { createdAt: 'asc' }, include: withSerial });
  return views(app, rows);
}

export async function pendingExtensions(app: FastifyInstance) {
  const rows = await app.db.prisma.reportExtension.findMany({ where: { status: 'pending' }, orderBy: { createdAt: 'asc' }, include: withSerial, take: 500 });
  return views(app, rows);
}

export async function requestExtension(app: FastifyInstance, request: FastifyRequest, actor: StaffActor, reportId: string, body: { workdays: number; reason: string }) {
  const r = await loadVisible(app, actor, reportId);
  // the case's handler asks: its assignee, or intake and the leaders who assigned it
  if (isAssigneeRole(actor.role) && !isAssignee(actor, r)) throw forbidden('只有承办单位或巡察组可以申请延期');
  if (!REPLY_CLOCK_STATUSES.includes(r.status) || !r.replyDueOn) {
    throw conflict('EXTENSION_NOT_APPLICABLE', '只有受理后、答复前的反映可以申请延期', { status: r.status });
  }
  const now = app.clock.now();
  const row = await app.db.prisma.$transaction(async (tx) => {
    // one request at a time per report, even when two people ask at once
    await tx.$queryRaw`SELECT id FROM report WHERE id = ${r.id}::uuid FOR UPDATE`;
    if (await tx.reportExtension.findFirst({ where: { reportId: r.id, status: 'pending' } })) {
      throw conflict('EXTENSION_PENDING', '已有延期申请正在等待审批');
    }
    const e = await tx.reportExtension.create({
      data: { reportId: r.id, requesterId: actor.id, workdays: body.workdays, reason: body.reason, dueOnBefore: r.replyDueOn!, createdAt: now },
      include: withSerial,
    });
    await tx.reportEvent.create({
      data: { reportId: r.id, kind: 'extension_requested', actorType: 'staff', actorId: actor.id, actorRole: actor.role, note: `申请延期 ${body.workdays} 个工作日：${body.reason}`, at: now },
    });
    await app.audit(request, { action: 'report.extension_request', entity: 'report', entityId: r.id, reason: body.reason, detail: { extensionId: e.id, workdays: body.workdays } }, tx);
    return e;
  });
  return (await views(app, [row]))[0]!;
}

export async function decideExtension(app: FastifyInstance, request: FastifyRequest, actor: StaffActor, id: string, body: { approve: boolean; note?: string }) {
  const e = await app.db.prisma.reportExtension.findUnique({ where: { id }, include: { report: true } });
  if (!e) throw notFound('延期申请');
  if (e.requesterId === actor.id) throw forbidden('不能审批本人提出的延期申请，须由另一名纪检干部审批');
  if (e.status !== 'pending') throw conflict('EXTENSION_DECIDED', '该申请已审批', { status: e.status });
  const now = app.clock.now();
  const row = await app.db.prisma.$transaction(async (tx) => {
    const report = (await tx.report.findUniqueOrThrow({ where: { id: e.reportId } }))!;
    const data: Prisma.ReportExtensionUncheckedUpdateManyInput = { status: body.approve ? 'approved' : 'refused', deciderId: actor.id, decisionNote: body.note ?? null, decidedAt: now };
    let newDue: string | null = null;
    // a case replied to or closed meanwhile has no deadline left to move
    if (body.approve && REPLY_CLOCK_STATUSES.includes(report.status) && report.replyDueOn) {
      newDue = addWorkdays(isoDate(report.replyDueOn), e.workdays, await calendarOverrides(tx));
      data.dueOnAfter = dateOf(newDue);
    } else if (body.approve) {
      throw conflict('EXTENSION_NOT_APPLICABLE', '该件已答复或办结，无需延期', { status: report.status });
    }
    const decided = await tx.reportExtension.updateMany({ where: { id: e.id, status: 'pending' }, data });
    if (decided.count !== 1) throw conflict('EXTENSION_DECIDED', '该申请已审批');
    if (newDue) {
      await tx.report.update({ where: { id: report.id }, data: { replyDueOn: dateOf(newDue) } });
      const publicNote = `答复期限延长至 ${newDue}`;
      await tx.reportEvent.create({
        data: { reportId: report.id, kind: 'extended', actorType: 'staff', actorId: actor.id, actorRole: actor.role, note: body.note ?? null, publicNote, at: now },
      });
      await enqueueCitizenNotice(app, tx, report, { label: '延期答复', title: `反映 ${report.serial} 答复期限延长`, body: publicNote });
    } else {
      await tx.reportEvent.create({
        data: { reportId: report.id, kind: 'extension_refused', actorType: 'staff', actorId: actor.id, actorRole: actor.role, note: body.note ?? null, at: now },
      });
    }
    await app.audit(
      request,
      { action: body.approve ? 'report.extension_approve' : 'report.extension_refuse', entity: 'report', entityId: report.id, reason: body.note ?? null, detail: { extensionId: e.id, workdays: e.workdays, dueOn: newDue } },
      tx,
    );
    return tx.reportExtension.findUniqueOrThrow({ where: { id: e.id }, include: withSerial });
  });
  return (await views(app, [row]))[0]!;
}
