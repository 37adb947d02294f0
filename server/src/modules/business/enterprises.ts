// Monitoring points and the enterprises attached to them; an enterprise user binds with a point's invite code (or its
// QR scene) and the unified social credit code. Contacts are sealed; staff open them only by an audited reveal.
import { randomInt } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EnterpriseBindBody, EnterpriseMe, EnterpriseView, MonitoringPointBody, MonitoringPointView } from '@msjd/shared';
import { monitoringPointBody, enterpriseBindBody } from '@msjd/shared';
import type { z } from 'zod';
import type { Enterprise, MonitoringPoint } from '../../generated/prisma/client';
import { conflict, AppError, forbidden, notFound } from '../../errors';
import type { StaffActor } from '../../plugins/auth';
import { INTAKE_ROLES, inGroup } from '../../lib/roles';
import type { Db } from './common';
import { isUniqueViolation, withRetries } from '../../lib/retry';

const INVITE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function newInviteCode() {
  let s = '';
  for (let i = 0; i < 8; i++) s += INVITE_ALPHABET[randomInt(0, INVITE_ALPHABET.length)];
  return s;
}

// ---- monitoring points ----
type PointRow = MonitoringPoint & { unit: { name: string } | null; _count: { enterprises: number } };

export async function pointViews(db: Db, rows: PointRow[]): Promise<MonitoringPointView[]> {
  const ids = rows.map((r) => r.id);
  const evals = ids.length
    ? await db.evaluation.groupBy({ by: ['monitoringPointId'], where: { monitoringPointId: { in: ids } }, _count: { _all: true } })
    : [];
  const evalCount = new Map(evals.map((e) => [e.monitoringPointId, e._count._all]));
  return rows.map((p) => ({
    id: p.id,
    code: p.code,
    name: p.name,
    address: p.address,
    contact: p.contact,
    phone: p.phone,
    unitId: p.unitId,
    unitName: p.unit?.name ?? null,
    active: p.active,
    inviteCode: p.inviteCode,
    enterpriseCount: p._count.enterprises,
    evaluationCount: evalCount.get(p.id) ?? 0,
  }));
}
export const pointInclude = { unit: { select: { name: true } }, _count: { select: { enterprises: true } } } as const;

type PointBody = z.infer<typeof monitoringPointBody>;
const pointData = (b: PointBody) => ({
  code: b.code,
  name: b.name,
  address: b.address || null,
  contact: b.contact || null,
  phone: b.phone || null,
  unitId: b.unitId ?? null,
  active: b.active,
});

export async function savePoint(app: FastifyInstance, request: FastifyRequest, id: string | null, body: PointBody) {
  if (body.unitId && !(await app.db.prisma.unit.findUnique({ where: { id: body.unitId } }))) {
    throw new AppError('invalid', 'INVALID_REFERENCE', '所在单位不存在', { field: 'unitId' });
  }
  try {
    return await app.db.prisma.$transaction(async (tx) => {
      if (id && !(await tx.monitoringPoint.findUnique({ where: { id } }))) throw notFound('监测点');
      const p = id
        ? await tx.monitoringPoint.update({ where: { id }, data: pointData(body), include: pointInclude })
        : await tx.monitoringPoint.create({ data: pointData(body), include: pointInclude });
      await app.audit(request, { action: id ? 'business.point.update' : 'business.point.create', entity: 'monitoring_point', entityId: p.id, detail: { code: p.code } }, tx);
      return (await pointViews(tx, [p]))[0]!;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'code')) throw conflict('POINT_CODE_TAKEN', `监测点编码 ${body.code} 已存在`, { field: 'code' });
    throw err;
  }
}

export async function renewInvite(app: FastifyInstance, request: FastifyRequest, id: string) {
  return withRetries(
    5,
    () =>
      app.db.prisma.$transaction(async (tx) => {
        if (!(await tx.monitoringPoint.findUnique({ where: { id } }))) throw notFound('监测点');
        const p = await tx.monitoringPoint.update({ where: { id }, data: { inviteCode: newInviteCode() }, include: pointInclude });
        await app.audit(request, { action: 'business.point.invite_renew', entity: 'monitoring_point', entityId: id }, tx);
        return (await pointViews(tx, [p]))[0]!;
      }),
    (err) => isUniqueViolation(err, 'invite'),
    () => new AppError('unavailable', 'BUSY', '请稍后重试'),
  );
}

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
