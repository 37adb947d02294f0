// 办理常用语: the presets staff pick from when they write a 不予受理 reason, a reply and the other free-text steps.
import {
  handlingPhraseKindLabels,
  handlingPhraseMaxLength,
  type HandlingPhrase,
  type HandlingPhraseKind,
} from '@msjd/shared/phrases';
import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import { AppError, notFound } from '../../errors';
import type { AuditEntry } from '../../plugins/audit';

type Db = PrismaClient;
type Tx = Prisma.TransactionClient;

/** What a change needs besides its input: the database, who acts, when, and how an audited act is written. */
export interface PhraseContext {
  prisma: Db;
  actorId: string;
  now: Date;
  audit: (entry: AuditEntry, tx: Tx) => Promise<void>;
}

type Row = Prisma.HandlingPhraseGetPayload<object>;

async function toViews(db: Db | Tx, rows: Row[]): Promise<HandlingPhrase[]> {
  const ids = [...new Set(rows.map((r) => r.updatedById ?? r.createdById).filter((x): x is string => !!x))];
  const users = ids.length ? await db.staffUser.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } }) : [];
  const names = new Map(users.map((u) => [u.id, u.displayName]));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    sort: r.sort,
    enabled: r.enabled,
    updatedAt: r.updatedAt.toISOString(),
    updatedByName: names.get(r.updatedById ?? r.createdById ?? '') ?? null,
  }));
}

const ORDER: Prisma.HandlingPhraseOrderByWithRelationInput[] = [{ kind: 'asc' }, { sort: 'asc' }, { createdAt: 'asc' }];

export async function listPhrases(db: Db, q: { kind?: HandlingPhraseKind; all?: boolean }): Promise<HandlingPhrase[]> {
  const rows = await db.handlingPhrase.findMany({
    where: { ...(q.kind ? { kind: q.kind } : {}), ...(q.all ? {} : { enabled: true }) },
    orderBy: ORDER,
  });
  return toViews(db, rows);
}

function tooLong(kind: HandlingPhraseKind, body: string) {
  const max = handlingPhraseMaxLength[kind];
  if (body.length <= max) return null;
  const message = `${handlingPhraseKindLabels[kind]}不能超过 ${max} 个字`;
  return new AppError('invalid', 'VALIDATION_FAILED', message, undefined, [{ path: 'body', code: 'too_big', message }]);
}

async function assertTitleFree(tx: Tx, kind: HandlingPhraseKind, title: string, exceptId?: string) {
  const same = await tx.handlingPhrase.findFirst({ where: { kind, title, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  if (same) {
    const message = `${handlingPhraseKindLabels[kind]}中已有标题“${title}”，请换一个标题`;
    throw new AppError('conflict', 'DUPLICATE_TITLE', message, { field: 'title' }, [{ path: 'title', code: 'custom', message }]);
  }
}

export async function createPhrase(
  ctx: PhraseContext,
  input: { kind: HandlingPhraseKind; title: string; body: string; sort: number; enabled: boolean },
): Promise<HandlingPhrase> {
  const err = tooLong(input.kind, input.body);
  if (err) throw err;
  return ctx.prisma.$transaction(async (tx) => {
    await assertTitleFree(tx, input.kind, input.title);
    const row = await tx.handlingPhrase.create({
      data: { ...input, createdById: ctx.actorId, createdAt: ctx.now, updatedById: ctx.actorId, updatedAt: ctx.now },
    });
    await ctx.audit({ action: 'handling_phrase.create', entity: 'handling_phrase', entityId: row.id, detail: { kind: row.kind, title: row.title } }, tx);
    return (await toViews(tx, [row]))[0]!;
  });
}

export async function updatePhrase(
  ctx: PhraseContext,
  id: string,
  input: { title?: string; body?: string; sort?: number; enabled?: boolean },
): Promise<HandlingPhrase> {
  return ctx.prisma.$transaction(async (tx) => {
    const before = await tx.handlingPhrase.findUnique({ where: { id } });
    if (!before) throw notFound('常用语');
    if (input.body !== undefined) {
      const err = tooLong(before.kind, input.body);
      if (err) throw err;
    }
    if (input.title !== undefined) await assertTitleFree(tx, before.kind, input.title, id);
    const row = await tx.handlingPhrase.update({ where: { id }, data: { ...input, updatedById: ctx.actorId, updatedAt: ctx.now } });
    // the audit keeps the words that were replaced: a reason given to citizens should be traceable to its version
    const changed = Object.fromEntries(
      (Object.keys(input) as (keyof typeof input)[]).filter((k) => input[k] !== undefined && input[k] !== before[k]).map((k) => [k, { from: before[k], to: input[k]! }]),
    );
    await ctx.audit({ action: 'handling_phrase.update', entity: 'handling_phrase', entityId: id, detail: { kind: before.kind, changed } }, tx);
    return (await toViews(tx, [row]))[0]!;
  });
}

export async function deletePhrase(ctx: PhraseContext, id: string): Promise<void> {
  await ctx.prisma.$transaction(async (tx) => {
    const before = await tx.handlingPhrase.findUnique({ where: { id } });
    if (!before) throw notFound('常用语');
    await tx.handlingPhrase.delete({ where: { id } });
    await ctx.audit({ action: 'handling_phrase.delete', entity: 'handling_phrase', entityId: id, detail: { kind: before.kind, title: before.title, body: before.body } }, tx);
  });
}
