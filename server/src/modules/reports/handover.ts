// 回避 and the redacted 交办单 (检举控告工作规则 Art. 47: nothing of the reporter reaches the people reported).
// A unit liaison or tour group reads the facts with every passage staff marked as identifying masked, with no trace
// of identity handling; intake and supervisors keep the original.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Prisma, Report, ReportAttachment } from '../../generated/prisma/client';
import { AppError } from '../../errors';
import type { StaffActor } from '../../plugins/auth';
import { isAssigneeRole } from '../../lib/roles';
import { reportFileUrl } from '../files';
import { loadVisible } from './service';

export const MASK = '【已遮蔽】';

/** Roles that receive a report as a 交办单 rather than the original. */
export const readsHandover = (actor: StaffActor) => isAssigneeRole(actor.role);

/** Events about the reporter's identity or its protection are never part of a 交办单. */
// the thread with the reporter is not part of a 交办单 either: an answer may say who the reporter is
export const INTERNAL_ONLY_EVENTS = new Set(['identity_requested', 'identity_approved', 'identity_refused', 'identity_viewed', 'redactions_marked', 'handover_attachments', 'internal_note', 'question_asked', 'reporter_answered']);

export function maskText(text: string, phrases: readonly string[]): string;
export function maskText(text: string | null, phrases: readonly string[]): string | null;
export function maskText(text: string | null, phrases: readonly string[]) {
  if (!text) return text;
  // longest first, so a phrase inside a longer one cannot leave the rest of the longer one readable
  let out = text;
  for (const p of [...phrases].sort((a, b) => b.length - a.length)) if (p) out = out.split(p).join(MASK);
  return out;
}

export async function redactionsOf(app: FastifyInstance, reportIds: string[]): Promise<Map<string, string[]>> {
  const rows = reportIds.length ? await app.db.prisma.reportRedaction.findMany({ where: { reportId: { in: reportIds } } }) : [];
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.reportId, [...(map.get(r.reportId) ?? []), r.phrase]);
  return map;
}

/** The report as a liaison or tour group may read it: marked passages masked. */
export function asHandover<T extends Pick<Report, 'content' | 'location' | 'occurredAt'>>(r: T, phrases: readonly string[]): T {
  return { ...r, content: maskText(r.content, phrases), location: maskText(r.location, phrases), occurredAt: maskText(r.occurredAt, phrases) };
}

export async function setRedactions(app: FastifyInstance, request: FastifyRequest, actor: StaffActor, reportId: string, phrases: string[]) {
  const r = await loadVisible(app, actor, reportId);
  const wanted = [...new Set(phrases.map((p) => p.trim()).filter(Boolean))];
  const now = app.clock.now();
  await app.db.prisma.$transaction(async (tx) => {
    await tx.reportRedaction.deleteMany({ where: { reportId: r.id, phrase: { notIn: wanted } } });
    const have = new Set((await tx.reportRedaction.findMany({ where: { reportId: r.id }, select: { phrase: true } })).map((x) => x.phrase));
    const add = wanted.filter((p) => !have.has(p));
    if (add.length) await tx.reportRedaction.createMany({ data: add.map((phrase) => ({ reportId: r.id, phrase, createdById: actor.id, createdAt: now })) });
    await tx.reportEvent.create({
      data: { reportId: r.id, kind: 'redactions_marked', actorType: 'staff', actorId: actor.id, actorRole: actor.role, note: `标注 ${wanted.length} 处身份信息`, at: now },
    });
    // the phrases themselves stay out of the audit log: they are what identifies the reporter
    await app.audit(request, { action: 'report.redactions', entity: 'report', entityId: r.id, detail: { count: wanted.length, added: add.length } }, tx);
  });
  return { phrases: wanted, preview: maskText(r.content, wanted) };
}

export async function getRedactions(app: FastifyInstance, actor: StaffActor, reportId: string) {
  const r = await loadVisible(app, actor, reportId);
  const phrases = (await redactionsOf(app, [r.id])).get(r.id) ?? [];
  return { phrases, preview: maskText(r.content, phrases) };
}

// ---- 随交办单移交的材料: a photo or video can identify the reporter (a face, a shop front, a window's view), so the
// assigned unit or tour group sees only what the handler chose at 交办, plus the materials its own people uploaded ----

type Tx = Prisma.TransactionClient;

/**
 * Records which of a report's attachments go with its 交办单, replacing the earlier choice (a new 交办 or 改派 starts
 * from none). Photos that came with the reporter's answers never go. Returns the chosen ids.
 */
export async function chooseHandoverAttachments(tx: Tx, reportId: string, ids: readonly string[], actor: StaffActor, now: Date): Promise<string[]> {
  const wanted = [...new Set(ids)];
  const found = wanted.length ? await tx.reportAttachment.findMany({ where: { reportId, id: { in: wanted } }, select: { id: true, messageId: true } }) : [];
  const unknown = wanted.filter((id) => !found.some((a) => a.id === id));
  if (unknown.length) throw new AppError('invalid', 'UNKNOWN_ATTACHMENT', '所选材料不属于该举报，请刷新后重新选择', { field: 'attachmentIds', ids: unknown });
  if (found.some((a) => a.messageId)) {
    throw new AppError('invalid', 'ATTACHMENT_NOT_HANDABLE', '举报人答复时附带的图片不随交办单移交', { field: 'attachmentIds' });
  }
  await tx.reportAttachment.updateMany({ where: { reportId, id: { notIn: wanted }, handedOverAt: { not: null } }, data: { handedOverAt: null, handedOverById: null } });
  if (wanted.length) await tx.reportAttachment.updateMany({ where: { reportId, id: { in: wanted } }, data: { handedOverAt: now, handedOverById: actor.id } });
  return wanted;
}

/** 调整随交办单移交的材料 after 交办 (the unit asks for a photo, or one was ticked by mistake); audited. */
export async function setHandoverAttachments(app: FastifyInstance, request: FastifyRequest, actor: StaffActor, reportId: string, ids: readonly string[]) {
  const r = await loadVisible(app, actor, reportId);
  const now = app.clock.now();
  return app.db.prisma.$transaction(async (tx) => {
    const before = (await tx.reportAttachment.findMany({ where: { reportId: r.id, handedOverAt: { not: null } }, select: { id: true } })).map((a) => a.id);
    const chosen = await chooseHandoverAttachments(tx, r.id, ids, actor, now);
    await tx.reportEvent.create({
      data: { reportId: r.id, kind: 'handover_attachments', actorType: 'staff', actorId: actor.id, actorRole: actor.role, note: `随交办单移交 ${chosen.length} 件材料`, at: now },
    });
    await app.audit(request, { action: 'report.handover_attachments', entity: 'report', entityId: r.id, detail: { attachmentIds: chosen, before } }, tx);
    return { attachmentIds: chosen };
  });
}

/** The attachment as a 交办单 reader may have it: chosen at 交办, or uploaded by the reader's own unit or group. */
function reachesHandover(a: Pick<ReportAttachment, 'messageId' | 'handedOverAt' | 'addedBy' | 'addedById'>, ownSide: ReadonlySet<string>) {
  if (a.messageId) return false;
  return !!a.handedOverAt || (a.addedBy === 'staff' && !!a.addedById && ownSide.has(a.addedById));
}

/** Staff of the reader's own unit or tour group among those who uploaded. */
async function ownSideOf(app: FastifyInstance, actor: StaffActor, rows: Pick<ReportAttachment, 'addedBy' | 'addedById'>[]): Promise<Set<string>> {
  const uploaders = [...new Set(rows.filter((a) => a.addedBy === 'staff' && a.addedById).map((a) => a.addedById!))];
  if (!uploaders.length) return new Set();
  const side = actor.role === 'tour_group' ? actor.tourGroupId : actor.unitId;
  if (!side) return new Set(uploaders.filter((id) => id === actor.id));
  const where: Prisma.StaffUserWhereInput = actor.role === 'tour_group' ? { tourGroupId: side } : { unitId: side };
  const staff = await app.db.prisma.staffUser.findMany({ where: { id: { in: uploaders }, ...where }, select: { id: true } });
  return new Set(staff.map((s) => s.id));
}

/** The attachments the actor may see: all of them for those who read the original, the 交办单's for the assignee. */
export async function visibleAttachments(app: FastifyInstance, actor: StaffActor, rows: ReportAttachment[]): Promise<ReportAttachment[]> {
  if (!readsHandover(actor)) return rows;
  const ownSide = await ownSideOf(app, actor, rows);
  return rows.filter((a) => reachesHandover(a, ownSide));
}

export async function attachmentViews(app: FastifyInstance, actor: StaffActor, reportId: string) {
  const rows = await app.db.prisma.reportAttachment.findMany({ where: { reportId }, orderBy: { createdAt: 'asc' } });
  return (await visibleAttachments(app, actor, rows)).map((a) => ({
    id: a.id,
    mime: a.mime,
    size: a.size,
    kind: a.kind,
    addedBy: a.addedBy,
    createdAt: a.createdAt.toISOString(),
    url: reportFileUrl(app, a, actor),
    messageId: a.messageId,
    handedOver: !!a.handedOverAt,
  }));
}
