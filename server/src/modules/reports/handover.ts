// 回避 and the redacted 交办单 (检举控告工作规则 Art. 47: nothing of the reporter reaches the people reported).
// A unit liaison or tour group reads the facts with every passage staff marked as identifying masked, with no trace
// of identity handling; intake and supervisors keep the original.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Report } from '../../generated/prisma/client';
import type { StaffActor } from '../../plugins/auth';
import { loadVisible } from './service';

export const MASK = '【已遮蔽】';

/** Roles that receive a report as a 交办单 rather than the original. */
export const readsHandover = (actor: StaffActor) => actor.role === 'unit_liaison' || actor.role === 'tour_group';

/** Events about the reporter's identity or its protection are never part of a 交办单. */
// the thread with the reporter is not part of a 交办单 either: an answer may say who the reporter is
export const INTERNAL_ONLY_EVENTS = new Set(['identity_requested', 'identity_approved', 'identity_refused', 'identity_viewed', 'redactions_marked', 'internal_note', 'question_asked', 'reporter_answered']);

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
