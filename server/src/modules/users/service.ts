// Staff accounts (用户管理): created, changed, disabled and re-enabled by an administrator. A change to who the user
// is (role, unit, tour group), a disable and a password reset end the user's sessions in the same transaction.
import type { z } from 'zod';
import type { StaffAccount, staffAccountCreateBody, staffAccountListQuery, staffAccountUpdateBody } from '@msjd/shared';
import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import type { AuditEntry } from '../../plugins/audit';
import type { StaffActor } from '../../plugins/auth';
import type { Sealer } from '../../lib/sealing';
import { AppError, notFound } from '../../errors';
import { clearFailures, endStaffSessions, generateTemporaryPassword, hashPassword, loginKey, setPassword } from '../auth';

export interface AccountsContext {
  prisma: PrismaClient;
  sealer: Sealer;
  now: Date;
  actor: StaffActor;
  audit(entry: AuditEntry, tx?: Prisma.TransactionClient): Promise<void>;
}

const include = { unit: { select: { name: true } }, tourGroup: { select: { name: true } } } as const;
type Row = Prisma.StaffUserGetPayload<{ include: typeof include }>;

const fieldIssue = (path: string, message: string, code = 'invalid') =>
  new AppError('invalid', 'VALIDATION_FAILED', '提交的内容不符合要求，请检查标出的字段', undefined, [{ path, code, message }]);

async function lockedUsernames(prisma: PrismaClient, now: Date, usernames?: string[]) {
  const locks = await prisma.staffLoginLock.findMany({
    where: { lockedUntil: { gt: now }, ...(usernames ? { username: { in: usernames.map(loginKey) } } : {}) },
  });
  return new Map(locks.map((l) => [l.username, l.lockedUntil]));
}

function toAccount(u: Row, locks: Map<string, Date>): StaffAccount {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    unitId: u.unitId,
    unitName: u.unit?.name ?? null,
    tourGroupId: u.tourGroupId,
    tourGroupName: u.tourGroup?.name ?? null,
    phoneTail: u.phoneTail,
    active: u.active,
    lockedUntil: locks.get(loginKey(u.username))?.toISOString() ?? null,
    mustChangePassword: u.mustChangePassword,
    totpEnabled: u.totpEnabledAt !== null,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}

export async function listAccounts(ctx: AccountsContext, q: z.infer<typeof staffAccountListQuery>) {
  const { prisma, now } = ctx;
  const where: Prisma.StaffUserWhereInput = {
    ...(q.role ? { role: q.role } : {}),
    ...(q.unitId ? { unitId: q.unitId } : {}),
    ...(q.q
      ? {
          OR: [
            { username: { contains: q.q, mode: 'insensitive' } },
            { displayName: { contains: q.q } },
            ...(/^\d{4}$/.test(q.q) ? [{ phoneTail: q.q }] : []),
          ],
        }
      : {}),
  };
  if (q.status === 'active') where.active = true;
  if (q.status === 'disabled') where.active = false;
  if (q.status === 'locked') where.username = { in: [...(await lockedUsernames(prisma, now)).keys()] };
  const [rows, total] = await Promise.all([
    prisma.staffUser.findMany({ where, include, orderBy: [{ role: 'asc' }, { username: 'asc' }], skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
    prisma.staffUser.count({ where }),
  ]);
  const locks = await lockedUsernames(prisma, now, rows.map((r) => r.username));
  return { items: rows.map((r) => toAccount(r, locks)), total, page: q.page, pageSize: q.pageSize };
}

async function loadAccount(ctx: AccountsContext, id: string, db: PrismaClient | Prisma.TransactionClient = ctx.prisma) {
  const row = await db.staffUser.findUnique({ where: { id }, include });
  if (!row) throw notFound('账号');
  return row;
}

async function present(ctx: AccountsContext, id: string) {
  const row = await loadAccount(ctx, id);
  return toAccount(row, await lockedUsernames(ctx.prisma, ctx.now, [row.username]));
}

type Scope = { role: StaffAccount['role']; unitId?: string | null; tourGroupId?: string | null };

/** A liaison keeps only a unit, a tour-group member only a group, every other role neither; both must exist. */
async function resolveScope(prisma: PrismaClient, s: Scope) {
  const unitId = s.role === 'unit_liaison' ? (s.unitId ?? null) : null;
  const tourGroupId = s.role === 'tour_group' ? (s.tourGroupId ?? null) : null;
  if (unitId && !(await prisma.unit.findUnique({ where: { id: unitId }, select: { id: true } }))) throw fieldIssue('unitId', '所选单位不存在');
  if (tourGroupId && !(await prisma.tourGroup.findUnique({ where: { id: tourGroupId }, select: { id: true } }))) {
    throw fieldIssue('tourGroupId', '所选巡察组不存在');
  }
  return { unitId, tourGroupId };
}

function phoneColumns(sealer: Sealer, phone: string | null | undefined) {
  if (phone === undefined) return {};
  if (phone === null || phone === '') return { phoneSealed: null, phoneTail: null };
  const digits = phone.replace(/\D/g, '');
  return { phoneSealed: sealer.seal(phone), phoneTail: digits.slice(-4) };
}

export async function createAccount(ctx: AccountsContext, body: z.infer<typeof staffAccountCreateBody>) {
  const { prisma, sealer, now } = ctx;
  // Lower-case, so the account, its login-failure count and its lock share one key.
  const username = body.username.toLowerCase();
  if (await prisma.staffUser.findUnique({ where: { username }, select: { id: true } })) throw fieldIssue('username', '用户名已被使用', 'taken');
  const scope = await resolveScope(prisma, body);
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  const id = await prisma.$transaction(async (tx) => {
    const user = await tx.staffUser.create({
      data: {
        username,
        displayName: body.displayName,
        role: body.role,
        ...scope,
        ...phoneColumns(sealer, body.phone),
        passwordHash,
        passwordChangedAt: now,
        mustChangePassword: true,
      },
    });
    await setPassword(tx, user.id, passwordHash, now, true);
    await ctx.audit({ action: 'staff_user.created', entity: 'staff_user', entityId: user.id, detail: { username, role: body.role, ...scope } }, tx);
    return user.id;
  });
  return { account: await present(ctx, id), temporaryPassword };
}

export async function updateAccount(ctx: AccountsContext, id: string, body: z.infer<typeof staffAccountUpdateBody>) {
  const { prisma, sealer, now, actor } = ctx;
  const before = await loadAccount(ctx, id);
  if (id === actor.id && body.role !== before.role) throw fieldIssue('role', '不能修改自己的角色');
  const scope = await resolveScope(prisma, body);
  const identityChanged = body.role !== before.role || scope.unitId !== before.unitId || scope.tourGroupId !== before.tourGroupId;
  await prisma.$transaction(async (tx) => {
    await tx.staffUser.update({ where: { id }, data: { displayName: body.displayName, role: body.role, ...scope, ...phoneColumns(sealer, body.phone) } });
    const ended = identityChanged ? await endStaffSessions(tx, id, 'role_changed', now) : 0;
    const changed = Object.fromEntries(
      (
        [
          ['displayName', before.displayName, body.displayName],
          ['role', before.role, body.role],
          ['unitId', before.unitId, scope.unitId],
          ['tourGroupId', before.tourGroupId, scope.tourGroupId],
        ] as const
      )
        .filter(([, a, b]) => a !== b)
        .map(([k, a, b]) => [k, { from: a, to: b }]),
    );
    if (body.phone !== undefined) changed.phone = { from: before.phoneTail ? `****${before.phoneTail}` : null, to: body.phone ? '（已更新）' : null };
    await ctx.audit({ action: 'staff_user.updated', entity: 'staff_user', entityId: id, detail: { changed, sessionsEnded: ended } }, tx);
  });
  return { account: await present(ctx, id) };
}

export async function setAccountActive(ctx: AccountsContext, id: string, active: boolean) {
  const { prisma, now, actor } = ctx;
  const before = await loadAccount(ctx, id);
  if (!active && id === actor.id) throw new AppError('conflict', 'CANNOT_DISABLE_SELF', '不能停用自己的账号');
  if (before.active !== active) {
    await prisma.$transaction(async (tx) => {
      await tx.staffUser.update({ where: { id }, data: { active } });
      const ended = active ? 0 : await endStaffSessions(tx, id, 'disabled', now);
      await ctx.audit({ action: active ? 'staff_user.enabled' : 'staff_user.disabled', entity: 'staff_user', entityId: id, detail: { sessionsEnded: ended } }, tx);
    });
  }
  return { account: await present(ctx, id) };
}

export async function resetPassword(ctx: AccountsContext, id: string) {
  const { prisma, now } = ctx;
  await loadAccount(ctx, id);
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  await prisma.$transaction(async (tx) => {
    await setPassword(tx, id, passwordHash, now, true);
    const ended = await endStaffSessions(tx, id, 'password_reset', now);
    await ctx.audit({ action: 'staff_user.password_reset', entity: 'staff_user', entityId: id, detail: { sessionsEnded: ended } }, tx);
  });
  return { account: await present(ctx, id), temporaryPassword };
}

export async function unlockAccount(ctx: AccountsContext, id: string) {
  const row = await loadAccount(ctx, id);
  await clearFailures(ctx, loginKey(row.username));
  await ctx.audit({ action: 'staff_user.unlocked', entity: 'staff_user', entityId: id });
  return { account: await present(ctx, id) };
}

/** For a user who lost the phone: the second factor is removed and must be enrolled again at the next login. */
export async function resetTotp(ctx: AccountsContext, id: string) {
  const { prisma, now } = ctx;
  await loadAccount(ctx, id);
  await prisma.$transaction(async (tx) => {
    await tx.staffUser.update({ where: { id }, data: { totpSecretSealed: null, totpEnabledAt: null, totpLastStep: null } });
    await tx.staffRecoveryCode.deleteMany({ where: { userId: id } });
    const ended = await endStaffSessions(tx, id, 'totp_reset', now);
    await ctx.audit({ action: 'staff_user.totp_reset', entity: 'staff_user', entityId: id, detail: { sessionsEnded: ended } }, tx);
  });
  return { account: await present(ctx, id) };
}
