// 进驻管理: the units stationed in the service hall, each with its service items and monitoring points counted.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { businessUnitListQuery } from '@msjd/shared';
import type { z } from 'zod';
import type { Prisma, Unit } from '../../../generated/prisma/client';
import { notFound } from '../../../errors';
import { type Db, pageArgs } from '../common';

async function counts(db: Db, ids: string[]) {
  const [items, points] = await Promise.all([
    db.serviceItem.groupBy({ by: ['unitId'], where: { unitId: { in: ids } }, _count: { _all: true } }),
    db.monitoringPoint.groupBy({ by: ['unitId'], where: { unitId: { in: ids } }, _count: { _all: true } }),
  ]);
  return { items: new Map(items.map((i) => [i.unitId, i._count._all])), points: new Map(points.map((p) => [p.unitId, p._count._all])) };
}

async function unitViews(db: Db, rows: Unit[]) {
  const c = await counts(db, rows.map((r) => r.id));
  return rows.map((u) => ({ id: u.id, code: u.code, name: u.name, kind: u.kind, onboard: u.onboard, serviceItemCount: c.items.get(u.id) ?? 0, monitoringPointCount: c.points.get(u.id) ?? 0 }));
}

/** `scope`: the liaison's own unit (they see only it), null for every unit. */
export async function listUnits(db: Db, scope: string | null, q: z.infer<typeof businessUnitListQuery>) {
  const where: Prisma.UnitWhereInput = {
    ...(scope ? { id: scope } : {}),
    ...(q.onboard !== undefined ? { onboard: q.onboard } : {}),
    ...(q.q ? { OR: [{ name: { contains: q.q } }, { code: { contains: q.q } }] } : {}),
  };
  const [rows, total] = await Promise.all([db.unit.findMany({ where, orderBy: { code: 'asc' }, ...pageArgs(q) }), db.unit.count({ where })]);
  return { items: await unitViews(db, rows), total, page: q.page, pageSize: q.pageSize };
}

export async function setOnboard(app: FastifyInstance, request: FastifyRequest, id: string, onboard: boolean) {
  const u = await app.db.prisma.$transaction(async (tx) => {
    if (!(await tx.unit.findUnique({ where: { id } }))) throw notFound('单位');
    const u = await tx.unit.update({ where: { id }, data: { onboard } });
    await app.audit(request, { action: 'business.unit.onboard', entity: 'unit', entityId: u.id, detail: { onboard: u.onboard } }, tx);
    return u;
  });
  return (await unitViews(app.db.prisma, [u]))[0]!;
}
