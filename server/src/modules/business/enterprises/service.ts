// The enterprises attached to monitoring points; an enterprise user binds with a point's invite code (or its QR
// scene) and the unified social credit code. Contacts are sealed; staff open them only by an audited reveal.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EnterpriseBindBody, EnterpriseMe, EnterpriseView, MonitoringPointBody, enterpriseListQuery, enterpriseUpdateBody } from '@msjd/shared';
import { enterpriseBindBody } from '@msjd/shared';
import type { z } from 'zod';
import type { Enterprise, Prisma } from '../../../generated/prisma/client';
import { conflict, AppError, forbidden, notFound } from '../../../errors';
import type { StaffActor } from '../../../plugins/auth';
import { INTAKE_ROLES, inGroup } from '../../../lib/roles';
import { type Db, pageArgs } from '../common';
import { isUniqueViolation, withRetries } from '../../../lib/retry';

// ---- enterprises ----
type EnterpriseRow = Enterprise & { monitoringPoint: { name: string } | null; _count: { members: number; evaluations: number; complaints: number } };
export const enterpriseInclude = {
  monitoringPoint: { select: { name: true } },
  _count: { select: { members: true, evaluations: true, complaints: true } },
} as const;

export function toEnterpriseView(e: EnterpriseRow): EnterpriseView {
  return {
    id: e.id,
    creditCode: e.creditCode,
    name: e.name,
    monitoringPointId: e.monitoringPointId,
    monitoringPointName: e.monitoringPoint?.name ?? null,
    memberCount: e._count.members,
    evaluationCount: e._count.evaluations,
    complaintCount: e._count.complaints,
    createdAt: e.createdAt.toISOString(),
  };
}

export async function revealContacts(app: FastifyInstance, request: FastifyRequest, actor: StaffActor, id: string, reason: string) {
  if (!inGroup(INTAKE_ROLES, actor.role)) throw forbidden('当前角色无权查看企业联系人');
  const e = await app.db.prisma.enterprise.findUnique({ where: { id }, include: { members: { orderBy: { boundAt: 'asc' } } } });
  if (!e) throw notFound('企业');
  await app.audit(request, { action: 'business.enterprise.reveal_contacts', entity: 'enterprise', entityId: id, reason });
  return {
    contacts: e.members.map((m) => ({ name: app.sealer.open(m.contactNameSealed), phone: app.sealer.open(m.contactPhoneSealed), boundAt: m.boundAt.toISOString() })),
  };
}

// ---- the enterprise user's side ----
export async function memberOf(app: FastifyInstance, citizenId: string) {
  return app.db.prisma.enterpriseMember.findUnique({ where: { citizenId }, include: { enterprise: { include: { monitoringPoint: true } } } });
}

/** The bound enterprise of this citizen, or 403 NOT_BOUND. */
export async function requireMember(app: FastifyInstance, citizenId: string) {
  const m = await memberOf(app, citizenId);
  if (!m) throw new AppError('forbidden', 'ENTERPRISE_NOT_BOUND', '请先绑定企业（统一社会信用代码）后再评价或投诉');
  return m;
}

export async function meView(app: FastifyInstance, citizenId: string): Promise<EnterpriseMe> {
  const m = await memberOf(app, citizenId);
  if (!m) return { enterprise: null, contact: null };
  return {
    enterprise: {
      id: m.enterprise.id,
      creditCode: m.enterprise.creditCode,
      name: m.enterprise.name,
      monitoringPointId: m.enterprise.monitoringPointId,
      monitoringPointName: m.enterprise.monitoringPoint?.name ?? null,
    },
    contact: { name: app.sealer.open(m.contactNameSealed), phoneMasked: `*******${m.phoneTail}` },
  };
}

/**
 * Binds the citizen to the enterprise of this credit code (created on first bind, attached to the inviting point).
 * A second member of a known enterprise joins it; the registered name stays as first given.
 */
export async function bindEnterprise(app: FastifyInstance, request: FastifyRequest, citizenId: string, body: z.infer<typeof enterpriseBindBody>) {
  const prisma = app.db.prisma;
  const point = body.inviteCode
    ? await prisma.monitoringPoint.findUnique({ where: { inviteCode: body.inviteCode } })
    : await prisma.monitoringPoint.findUnique({ where: { id: body.monitoringPointId! } });
  if (!point || !point.active) {
    throw new AppError('invalid', 'INVALID_INVITE', body.inviteCode ? '邀请码无效，请向监测点索取新的邀请码' : '监测点不存在或已停用，请重新扫码', {
      field: body.inviteCode ? 'inviteCode' : 'monitoringPointId',
    });
  }
  const existingMember = await prisma.enterpriseMember.findUnique({ where: { citizenId }, include: { enterprise: true } });
  if (existingMember && existingMember.enterprise.creditCode !== body.creditCode) {
    throw conflict('ALREADY_BOUND', `当前账号已绑定企业“${existingMember.enterprise.name}”，一个账号只能绑定一家企业`);
  }
  const now = app.clock.now();
  const contact = {
    contactNameSealed: app.sealer.seal(body.contactName),
    contactPhoneSealed: app.sealer.seal(body.contactPhone),
    phoneTail: body.contactPhone.replace(/\D/g, '').slice(-4),
  };
  await withRetries(
    3,
    () =>
      prisma.$transaction(async (tx) => {
        let ent = await tx.enterprise.findUnique({ where: { creditCode: body.creditCode } });
        ent ??= await tx.enterprise.create({ data: { creditCode: body.creditCode, name: body.name, monitoringPointId: point.id, createdAt: now } });
        if (!ent.monitoringPointId) ent = await tx.enterprise.update({ where: { id: ent.id }, data: { monitoringPointId: point.id } });
        await tx.enterpriseMember.upsert({
          where: { citizenId },
          create: { citizenId, enterpriseId: ent.id, boundAt: now, ...contact },
          update: contact,
        });
        await app.audit(request, { action: existingMember ? 'business.enterprise.contact_update' : 'business.enterprise.bind', entity: 'enterprise', entityId: ent.id, detail: { monitoringPointId: point.id } }, tx);
      }),
    // two members of one new enterprise binding at once: the second finds the first's row on retry
    (err) => isUniqueViolation(err, 'credit'),
    () => new AppError('unavailable', 'BUSY', '请稍后重试'),
  );
}

export type { EnterpriseBindBody, MonitoringPointBody };

// ---- staff reading and editing ----
/** `limit`: the liaison's own unit (enterprises of its points only), null for every enterprise. */
export async function listEnterprises(db: Db, limit: string | null | undefined, q: z.infer<typeof enterpriseListQuery>) {
  const where: Prisma.EnterpriseWhereInput = {
    ...(q.monitoringPointId ? { monitoringPointId: q.monitoringPointId } : {}),
    ...(limit ? { monitoringPoint: { unitId: limit } } : {}),
    ...(q.q ? { OR: [{ name: { contains: q.q } }, { creditCode: { contains: q.q.toUpperCase() } }] } : {}),
  };
  const [rows, total] = await Promise.all([
    db.enterprise.findMany({ where, include: enterpriseInclude, orderBy: { name: 'asc' }, ...pageArgs(q) }),
    db.enterprise.count({ where }),
  ]);
  return { items: rows.map(toEnterpriseView), total, page: q.page, pageSize: q.pageSize };
}

export async function getEnterprise(db: Db, limit: string | null | undefined, id: string) {
  const e = await db.enterprise.findUnique({ where: { id }, include: { ...enterpriseInclude, monitoringPoint: { select: { name: true, unitId: true } } } });
  if (!e || (limit && e.monitoringPoint?.unitId !== limit)) throw notFound('企业');
  return toEnterpriseView(e);
}

export async function updateEnterprise(app: FastifyInstance, request: FastifyRequest, id: string, b: z.infer<typeof enterpriseUpdateBody>) {
  const db = app.db.prisma;
  if (b.monitoringPointId && !(await db.monitoringPoint.findUnique({ where: { id: b.monitoringPointId } }))) {
    throw new AppError('invalid', 'INVALID_REFERENCE', '监测点不存在', { field: 'monitoringPointId' });
  }
  return db.$transaction(async (tx) => {
    if (!(await tx.enterprise.findUnique({ where: { id } }))) throw notFound('企业');
    const e = await tx.enterprise.update({
      where: { id },
      data: { ...(b.name ? { name: b.name } : {}), ...(b.monitoringPointId !== undefined ? { monitoringPointId: b.monitoringPointId } : {}) },
      include: enterpriseInclude,
    });
    await app.audit(request, { action: 'business.enterprise.update', entity: 'enterprise', entityId: e.id, detail: { ...b } }, tx);
    return toEnterpriseView(e);
  });
}
