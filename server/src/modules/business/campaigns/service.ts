// 评议 campaigns: a period, the points whose enterprises take part, the units and items to rate, and a status.
// Enterprises rate only while a campaign is open and today (Asia/Shanghai) lies within its period.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { campaignBody, campaignStatusLabels, type CampaignStatus, type CampaignView, type EvaluationTargetType, type campaignListQuery } from '@msjd/shared';
import type { z } from 'zod';
import type { EvaluationCampaign, Prisma } from '../../../generated/prisma/client';
import { conflict, AppError, notFound } from '../../../errors';
import { dateOf, isoDate, pageArgs, type Db } from '../common';

type Body = z.infer<typeof campaignBody>;

export const campaignInclude = {
  points: { include: { monitoringPoint: { select: { id: true, name: true } } } },
  units: true,
  items: { include: { serviceItem: { select: { id: true, code: true, name: true } } } },
  _count: { select: { evaluations: true } },
} as const;

type CampaignRow = EvaluationCampaign & {
  points: { monitoringPoint: { id: string; name: string } }[];
  units: { unitId: string }[];
  items: { serviceItem: { id: string; code: string; name: string } }[];
  _count: { evaluations: number };
};

export function isAccepting(c: Pick<EvaluationCampaign, 'status' | 'startsOn' | 'endsOn'>, day: string) {
  return c.status === 'open' && isoDate(c.startsOn) <= day && day <= isoDate(c.endsOn);
}

export async function campaignViews(db: Db, rows: CampaignRow[], day: string): Promise<CampaignView[]> {
  const unitIds = [...new Set(rows.flatMap((r) => r.units.map((u) => u.unitId)))];
  const units = new Map((unitIds.length ? await db.unit.findMany({ where: { id: { in: unitIds } }, select: { id: true, name: true } }) : []).map((u) => [u.id, u.name]));
  return rows.map((c) => ({
    id: c.id,
    name: c.name,
    description: c.description,
    startsOn: isoDate(c.startsOn),
    endsOn: isoDate(c.endsOn),
    status: c.status,
    statusLabel: campaignStatusLabels[c.status],
    accepting: isAccepting(c, day),
    monitoringPoints: c.points.map((p) => p.monitoringPoint).sort((a, b) => a.name.localeCompare(b.name, 'zh')),
    units: c.units.map((u) => ({ id: u.unitId, name: units.get(u.unitId) ?? '' })).sort((a, b) => a.name.localeCompare(b.name, 'zh')),
    serviceItems: c.items.map((i) => i.serviceItem).sort((a, b) => a.code.localeCompare(b.code)),
    evaluationCount: c._count.evaluations,
    createdAt: c.createdAt.toISOString(),
  }));
}

async function checkRefs(db: Db, b: Body) {
  const [points, units, items] = await Promise.all([
    b.monitoringPointIds.length ? db.monitoringPoint.count({ where: { id: { in: b.monitoringPointIds } } }) : 0,
    b.unitIds.length ? db.unit.count({ where: { id: { in: b.unitIds } } }) : 0,
    b.serviceItemIds.length ? db.serviceItem.count({ where: { id: { in: b.serviceItemIds } } }) : 0,
  ]);
  const bad = (field: string, what: string) => new AppError('invalid', 'INVALID_REFERENCE', `所选${what}中有不存在的项，请刷新后重新选择`, { field });
  if (points !== new Set(b.monitoringPointIds).size) throw bad('monitoringPointIds', '监测点');
  if (units !== new Set(b.unitIds).size) throw bad('unitIds', '单位');
  if (items !== new Set(b.serviceItemIds).size) throw bad('serviceItemIds', '事项');
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...new Set(a)].every((x) => b.includes(x));

export async function saveCampaign(app: FastifyInstance, request: FastifyRequest, actorId: string, id: string | null, b: Body, day: string) {
  await checkRefs(app.db.prisma, b);
  return app.db.prisma.$transaction(async (tx) => {
    const scope = {
      points: { create: [...new Set(b.monitoringPointIds)].map((monitoringPointId) => ({ monitoringPointId })) },
      units: { create: [...new Set(b.unitIds)].map((unitId) => ({ unitId })) },
      items: { create: [...new Set(b.serviceItemIds)].map((serviceItemId) => ({ serviceItemId })) },
    };
    const fields = { name: b.name, description: b.description || null, startsOn: dateOf(b.startsOn), endsOn: dateOf(b.endsOn) };
    let c: CampaignRow;
    if (!id) {
      c = await tx.evaluationCampaign.create({ data: { ...fields, ...scope, createdById: actorId, createdAt: app.clock.now() }, include: campaignInclude });
    } else {
      const old = await tx.evaluationCampaign.findUnique({ where: { id }, include: campaignInclude });
      if (!old) throw notFound('评议');
      if (old.status === 'closed') throw conflict('CAMPAIGN_CLOSED', '评议已结束，不能再修改');
      const scopeChanged =
        !sameSet(old.points.map((p) => p.monitoringPoint.id), b.monitoringPointIds) ||
        !sameSet(old.units.map((u) => u.unitId), b.unitIds) ||
        !sameSet(old.items.map((i) => i.serviceItem.id), b.serviceItemIds);
      if (scopeChanged && old._count.evaluations > 0) {
        throw conflict('CAMPAIGN_SCOPE_LOCKED', '评议已有企业评价，不能再修改参评监测点、单位或事项');
      }
      if (scopeChanged) {
        await Promise.all([
          tx.campaignPoint.deleteMany({ where: { campaignId: id } }),
          tx.campaignUnit.deleteMany({ where: { campaignId: id } }),
          tx.campaignItem.deleteMany({ where: { campaignId: id } }),
        ]);
      }
      c = await tx.evaluationCampaign.update({ where: { id }, data: { ...fields, ...(scopeChanged ? scope : {}) }, include: campaignInclude });
    }
    await app.audit(request, { action: id ? 'business.campaign.update' : 'business.campaign.create', entity: 'evaluation_campaign', entityId: c.id, detail: { name: c.name } }, tx);
    return (await campaignViews(tx, [c], day))[0]!;
  });
}

const NEXT: Record<CampaignStatus, CampaignStatus | null> = { draft: 'open', open: 'closed', closed: null };

export async function setCampaignStatus(app: FastifyInstance, request: FastifyRequest, id: string, status: 'open' | 'closed', day: string) {
  return app.db.prisma.$transaction(async (tx) => {
    const c = await tx.evaluationCampaign.findUnique({ where: { id } });
    if (!c) throw notFound('评议');
    if (NEXT[c.status] !== status) {
      throw conflict('INVALID_TRANSITION', `评议当前为“${campaignStatusLabels[c.status]}”，不能改为“${campaignStatusLabels[status]}”`, { status: c.status });
    }
    const u = await tx.evaluationCampaign.update({ where: { id }, data: { status }, include: campaignInclude });
    await app.audit(request, { action: `business.campaign.${status}`, entity: 'evaluation_campaign', entityId: id, detail: { from: c.status, to: status } }, tx);
    return (await campaignViews(tx, [u], day))[0]!;
  });
}

export interface Target {
  targetType: EvaluationTargetType;
  targetId: string;
  name: string;
  unitId: string;
  unitName: string;
}

/**
 * Everything a campaign lets enterprises rate: each unit in scope and its items, plus the single items in scope.
 * A campaign naming neither units nor items covers every unit on board.
 */
export async function campaignTargets(db: Db, campaignId: string): Promise<Target[]> {
  const [units, items] = await Promise.all([
    db.campaignUnit.findMany({ where: { campaignId }, select: { unitId: true } }),
    db.campaignItem.findMany({ where: { campaignId }, select: { serviceItemId: true } }),
  ]);
  const unitIds = units.length || items.length ? units.map((u) => u.unitId) : (await db.unit.findMany({ where: { onboard: true }, select: { id: true } })).map((u) => u.id);
  const [unitRows, itemRows] = await Promise.all([
    db.unit.findMany({ where: { id: { in: unitIds } }, select: { id: true, name: true, code: true }, orderBy: { code: 'asc' } }),
    db.serviceItem.findMany({
      where: { OR: [{ unitId: { in: unitIds } }, { id: { in: items.map((i) => i.serviceItemId) } }] },
      include: { unit: { select: { name: true } } },
      orderBy: { code: 'asc' },
    }),
  ]);
  return [
    ...unitRows.map((u) => ({ targetType: 'unit' as const, targetId: u.id, name: u.name, unitId: u.id, unitName: u.name })),
    ...itemRows.map((i) => ({ targetType: 'service_item' as const, targetId: i.id, name: i.name, unitId: i.unitId, unitName: i.unit.name })),
  ];
}

/** The target if the campaign covers it, else null. */
export async function targetInCampaign(db: Db, campaignId: string, targetType: EvaluationTargetType, targetId: string): Promise<Target | null> {
  const [unitCount, itemCount] = await Promise.all([db.campaignUnit.count({ where: { campaignId } }), db.campaignItem.count({ where: { campaignId } })]);
  const everyOnboard = unitCount === 0 && itemCount === 0;
  if (targetType === 'unit') {
    const u = await db.unit.findUnique({ where: { id: targetId } });
    if (!u) return null;
    const covered = everyOnboard ? u.onboard : !!(await db.campaignUnit.findUnique({ where: { campaignId_unitId: { campaignId, unitId: u.id } } }));
    return covered ? { targetType, targetId, name: u.name, unitId: u.id, unitName: u.name } : null;
  }
  const i = await db.serviceItem.findUnique({ where: { id: targetId }, include: { unit: true } });
  if (!i) return null;
  const covered = everyOnboard
    ? i.unit.onboard
    : !!(await db.campaignUnit.findUnique({ where: { campaignId_unitId: { campaignId, unitId: i.unitId } } })) ||
      !!(await db.campaignItem.findUnique({ where: { campaignId_serviceItemId: { campaignId, serviceItemId: i.id } } }));
  return covered ? { targetType, targetId, name: i.name, unitId: i.unitId, unitName: i.unit.name } : null;
}

/** Does the campaign take enterprises of this point? (no points named = every point) */
export async function pointInCampaign(db: Db, campaignId: string, pointId: string | null) {
  const n = await db.campaignPoint.count({ where: { campaignId } });
  if (n === 0) return true;
  if (!pointId) return false;
  return !!(await db.campaignPoint.findUnique({ where: { campaignId_monitoringPointId: { campaignId, monitoringPointId: pointId } } }));
}

// ---- reading ----
export async function listCampaigns(db: Db, q: z.infer<typeof campaignListQuery>, day: string) {
  const where: Prisma.EvaluationCampaignWhereInput = {
    ...(q.status ? { status: q.status } : {}),
    ...(q.monitoringPointId ? { OR: [{ points: { some: { monitoringPointId: q.monitoringPointId } } }, { points: { none: {} } }] } : {}),
  };
  const [rows, total] = await Promise.all([
    db.evaluationCampaign.findMany({ where, include: campaignInclude, orderBy: [{ startsOn: 'desc' }, { createdAt: 'desc' }], ...pageArgs(q) }),
    db.evaluationCampaign.count({ where }),
  ]);
  return { items: await campaignViews(db, rows, day), total, page: q.page, pageSize: q.pageSize };
}

export async function getCampaign(db: Db, id: string, day: string) {
  const c = await db.evaluationCampaign.findUnique({ where: { id }, include: campaignInclude });
  if (!c) throw notFound('评议');
  return (await campaignViews(db, [c], day))[0]!;
}
