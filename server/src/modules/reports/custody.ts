// 双人审批 of identity: a real-name reporter's sealed identity is opened only for the staff member who asked, with a
// reason, after a second person of the supervisor role approved, and only until the approval expires. Request,
// approval, refusal and every view go to the audit log and to the report's internal timeline (events with no
// public note never reach the citizen's timeline).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { identityRevealStatusLabels, type IdentityRevealRequestView } from '@msjd/shared';
import type { IdentityRevealRequest, Prisma, Report } from '../../generated/prisma/client';
import { conflict, AppError, forbidden, notFound } from '../../errors';
import type { StaffActor } from '../../plugins/auth';
import { CUSTODIAN_ROLES, INTAKE_ROLES, inGroup } from '../../lib/roles';
import { dataDestroyed, openReportValue, reportDataKey } from './data-keys';
import { loadVisible } from './service';

type Tx = Prisma.TransactionClient;

/** Staff who may ask to see an identity; unit liaisons and tour groups never may. */
export const REVEAL_REQUESTERS = INTAKE_ROLES;
/** The custodians: a second person of the supervisor role decides. */
export const REVEAL_APPROVERS = CUSTODIAN_ROLES;

const event = (tx: Tx, reportId: string, actor: StaffActor, kind: string, note: string | null, at: Date) =>
  tx.reportEvent.create({ data: { reportId, kind, actorType: 'staff', actorId: actor.id, actorRole: actor.role, note, at } });

async function views(app: FastifyInstance, rows: IdentityRevealRequest[]): Promise<IdentityRevealRequestView[]> {
  const staffIds = [...new Set(rows.flatMap((r) => [r.requesterId, r.deciderId]).filter((x): x is string => !!x))];
  const reportIds = [...new Set(rows.map((r) => r.reportId))];
  const [staff, reports] = await Promise.all([
    staffIds.length ? app.db.prisma.staffUser.findMany({ where: { id: { in: staffIds } }, select: { id: true, displayName: true } }) : [],
    reportIds.length ? app.db.prisma.report.findMany({ where: { id: { in: reportIds } }, select: { id: true, serial: true } }) : [],
  ]);
  const names = new Map(staff.map((s) => [s.id, s.displayName]));
  const serials = new Map(reports.map((r) => [r.id, r.serial]));
  const now = app.clock.now();
  return rows.map((r) => ({
    id: r.id,
    reportId: r.reportId,
    serial: serials.get(r.reportId) ?? '',
    requesterId: r.requesterId,
    requesterName: names.get(r.requesterId) ?? null,
    reason: r.reason,
    status: r.status,
    statusLabel: identityRevealStatusLabels[r.status],
    deciderId: r.deciderId,
    deciderName: r.deciderId ? (names.get(r.deciderId) ?? null) : null,
    decisionNote: r.decisionNote,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    expiresAt: r.expiresAt?.toISOString() ?? null,
    active: r.status === 'approved' && !!r.expiresAt && r.expiresAt > now,
    createdAt: r.createdAt.toISOString(),
  }));
}

/**
 * What staff views say of the reporter's identity. Once retention destroyed the report's key the sealed fields are
 * ciphertext nobody can open, so there is no identity to offer, only the day it was destroyed. A 交办单 reader is told
 * neither (whether the reporter gave a name is not the unit's to know).
 */
export async function identityState(app: FastifyInstance, r: Pick<Report, 'id' | 'confidential' | 'reporterNameSealed' | 'reporterPhoneSealed' | 'reporterOpenidSealed'>, handover: boolean) {
  if (handover) return { hasIdentity: false, identityDestroyedAt: null };
  const key = await app.db.prisma.reportDataKey.findUnique({ where: { reportId: r.id }, select: { destroyedAt: true } });
  if (key?.destroyedAt) return { hasIdentity: false, identityDestroyedAt: r.confidential ? null : key.destroyedAt.toISOString() };
  return { hasIdentity: !!(r.reporterNameSealed || r.reporterPhoneSealed || r.reporterOpenidSealed), identityDestroyedAt: null };
}

export async function requestReveal(app: FastifyInstance, request: FastifyRequest, actor: StaffActor, reportId: string, reason: string) {
  const r = await loadVisible(app, actor, reportId);
  // asking a custodian to approve what can no longer be opened would only put a pointless request on record
  if ((await identityState(app, r, false)).identityDestroyedAt) throw dataDestroyed();
  if (r.confidential || !(r.reporterNameSealed || r.reporterPhoneSealed || r.reporterOpenidSealed)) {
    throw conflict('NO_IDENTITY', '保密举报不登记举报人身份，无可查看的内容');
  }
  const now = app.clock.now();
  const open = await app.db.prisma.identityRevealRequest.findFirst({
    where: { reportId, requesterId: actor.id, OR: [{ status: 'pending' }, { status: 'approved', expiresAt: { gt: now } }] },
  });
  if (open) throw conflict('REVEAL_ALREADY_REQUESTED', open.status === 'pending' ? '您已提出申请，正在等待审批' : '您的申请已获批准，可在有效期内查看');
  const row = await app.db.prisma.$transaction(async (tx) => {
    const row = await tx.identityRevealRequest.create({ data: { reportId, requesterId: actor.id, reason, createdAt: now } });
    await event(tx, reportId, actor, 'identity_requested', reason, now);
    await app.audit(request, { action: 'report.identity_request', entity: 'report', entityId: reportId, reason, detail: { requestId: row.id } }, tx);
    return row;
  });
  return (await views(app, [row]))[0]!;
}

export async function decideReveal(
  app: FastifyInstance,
  request: FastifyRequest,
  actor: StaffActor,
  requestId: string,
  decision: { approve: boolean; note?: string },
  hours: number,
) {
  const row = await app.db.prisma.identityRevealRequest.findUnique({ where: { id: requestId } });
  if (!row) throw notFound('申请');
  if (row.requesterId === actor.id) throw forbidden('不能审批本人提出的查看申请，须由另一名纪检干部审批');
  if (row.status !== 'pending') throw conflict('REVEAL_DECIDED', '该申请已审批', { status: row.status });
  const now = app.clock.now();
  const status = decision.approve ? ('approved' as const) : ('refused' as const);
  const expiresAt = decision.approve ? new Date(now.getTime() + hours * 3600_000) : null;
  const updated = await app.db.prisma.$transaction(async (tx) => {
    const u = await tx.identityRevealRequest.updateMany({
      where: { id: row.id, status: 'pending' },
      data: { status, deciderId: actor.id, decisionNote: decision.note ?? null, decidedAt: now, expiresAt },
    });
    if (u.count !== 1) throw conflict('REVEAL_DECIDED', '该申请已审批');
    await event(tx, row.reportId, actor, decision.approve ? 'identity_approved' : 'identity_refused', decision.note ?? null, now);
    await app.audit(
      request,
      { action: decision.approve ? 'report.identity_approve' : 'report.identity_refuse', entity: 'report', entityId: row.reportId, reason: decision.note ?? null, detail: { requestId: row.id, requesterId: row.requesterId, expiresAt: expiresAt?.toISOString() ?? null } },
      tx,
    );
    return tx.identityRevealRequest.findUniqueOrThrow({ where: { id: row.id } });
  });
  return (await views(app, [updated]))[0]!;
}

export async function revealRequestsOf(app: FastifyInstance, actor: StaffActor, reportId: string) {
  await loadVisible(app, actor, reportId);
  return views(app, await app.db.prisma.identityRevealRequest.findMany({ where: { reportId }, orderBy: { createdAt: 'desc' } }));
}

/** Requests waiting for a custodian, oldest first; a supervisor's own are listed but cannot be decided by them. */
export async function pendingReveals(app: FastifyInstance) {
  return views(app, await app.db.prisma.identityRevealRequest.findMany({ where: { status: 'pending' }, orderBy: { createdAt: 'asc' }, take: 200 }));
}

/**
 * Opens the sealed identity for the requester of an approved, unexpired request. Each view is audited with its own
 * reason and written on the internal timeline.
 */
export async function revealIdentity(app: FastifyInstance, request: FastifyRequest, actor: StaffActor, id: string, reason: string) {
  if (!inGroup(REVEAL_REQUESTERS, actor.role)) throw forbidden('当前角色无权查看举报人身份');
  const r = await loadVisible(app, actor, id);
  const now = app.clock.now();
  if (r.confidential) {
    // nothing is sealed for a 保密 report; the attempt is still on record
    await app.audit(request, { action: 'report.reveal_identity', entity: 'report', entityId: r.id, reason });
    return { name: null, phone: null, openid: null, confidential: true };
  }
  const approvals = await app.db.prisma.identityRevealRequest.findMany({ where: { reportId: r.id, requesterId: actor.id, status: 'approved' }, orderBy: { decidedAt: 'desc' } });
  const live = approvals.find((a) => a.expiresAt && a.expiresAt > now);
  if (!live) {
    await app.audit(request, { action: 'report.reveal_identity_refused', entity: 'report', entityId: r.id, reason, detail: { expired: approvals.length > 0 } });
    throw approvals.length
      ? new AppError('forbidden', 'REVEAL_EXPIRED', '查看批准已过期，请重新申请')
      : new AppError('forbidden', 'REVEAL_NOT_APPROVED', '查看举报人身份须先提出申请，并经另一名纪检干部批准');
  }
  // a destroyed key (retention) answers DATA_DESTROYED before anything is recorded as seen
  const key = await reportDataKey(app.sealer, app.db.prisma, r.id);
  const open = (v: string | null) => openReportValue(app.sealer, key, v);
  const identity = { name: open(r.reporterNameSealed), phone: open(r.reporterPhoneSealed), openid: open(r.reporterOpenidSealed), confidential: r.confidential };
  await app.db.prisma.$transaction(async (tx) => {
    await event(tx, r.id, actor, 'identity_viewed', reason, now);
    await app.audit(request, { action: 'report.reveal_identity', entity: 'report', entityId: r.id, reason, detail: { requestId: live.id, approvedBy: live.deciderId } }, tx);
  });
  return identity;
}
