// Monitoring points: where enterprises are met, each with an invite code enterprises bind with.
import { randomInt } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { MonitoringPointView, monitoringPointBody, monitoringPointListQuery } from '@msjd/shared';
import type { z } from 'zod';
import type { MonitoringPoint, Prisma } from '../../../generated/prisma/client';
import { conflict, AppError, notFound } from '../../../errors';
import { isUniqueViolation, withRetries } from '../../../lib/retry';
import { type Db, pageArgs } from '../common';
import { enterpriseInclude, toEnterpriseView } from '../enterprises/service';

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

// ---- reading ----
/** `limit`: the liaison's own unit (its points only), null for every point. */
export async function listPoints(db: Db, limit: string | null | undefined, q: z.infer<typeof monitoringPointListQuery>) {
  const where: Prisma.MonitoringPointWhereInput = {
    ...(q.active !== undefined ? { active: q.active } : {}),
    ...(q.unitId ? { unitId: q.unitId } : {}),
    ...(limit ? { AND: [{ unitId: limit }] } : {}),
    ...(q.q ? { OR: [{ name: { contains: q.q } }, { code: { contains: q.q } }] } : {}),
  };
  const [rows, total] = await Promise.all([
    db.monitoringPoint.findMany({ where, include: pointInclude, orderBy: { code: 'asc' }, ...pageArgs(q) }),
    db.monitoringPoint.count({ where }),
  ]);
  return { items: await pointViews(db, rows), total, page: q.page, pageSize: q.pageSize };
}

/** A point with the enterprises it is in touch with. */
export async function getPoint(db: Db, limit: string | null | undefined, id: string) {
  const p = await db.monitoringPoint.findUnique({ where: { id }, include: pointInclude });
  if (!p || (limit && p.unitId !== limit)) throw notFound('监测点');
  const enterprises = await db.enterprise.findMany({ where: { monitoringPointId: p.id }, include: enterpriseInclude, orderBy: { name: 'asc' } });
  return { ...(await pointViews(db, [p]))[0]!, enterprises: enterprises.map(toEnterpriseView) };
}
