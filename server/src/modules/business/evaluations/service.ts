// 好差评: one evaluation per enterprise per target per campaign (the database's unique key decides races), only while
// the campaign is open; a rating of 1-2 opens a handling case in the same transaction. 申诉复核: a supervisor may
// uphold an appeal against a bad rating; the evaluation is kept but no longer counted in satisfaction.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  appealStatusLabels,
  type evaluationListQuery,
  BAD_LEVELS,
  evaluationLevelLabels,
  evaluationSubmitBody,
  reportStatusLabels,
  type EvaluationView,
} from '@msjd/shared';
import type { z } from 'zod';
import type { Evaluation, EvaluationAppeal, Prisma } from '../../../generated/prisma/client';
import { conflict, AppError, forbidden, notFound } from '../../../errors';
import type { StaffActor } from '../../../plugins/auth';
import { APPEAL_ROLES, inGroup } from '../../../lib/roles';
import { isAccepting, pointInCampaign, targetInCampaign } from '../campaigns/service';
import { createdWithin, type Db, isoDate, pageArgs, today } from '../common';
import { isUniqueViolation, withRetries } from '../../../lib/retry';
import { badRatingContent, MAX_CASE_RETRIES, openCase } from '../complaints/service';
import { requireMember } from '../enterprises/service';

const alreadyEvaluated = () =>
  conflict('ALREADY_EVALUATED', '贵企业已在本次评议中评价过该对象，每次评议对同一事项（单位）只能评价一次');

export async function submitEvaluation(app: FastifyInstance, request: FastifyRequest, citizenId: string, body: z.infer<typeof evaluationSubmitBody>) {
  const prisma = app.db.prisma;
  const member = await requireMember(app, citizenId);
  const campaign = await prisma.evaluationCampaign.findUnique({ where: { id: body.campaignId } });
  if (!campaign) throw notFound('评议');
  const day = today(app);
  if (!isAccepting(campaign, day)) {
    const when = campaign.status === 'open' && day < isoDate(campaign.startsOn) ? `评议将于 ${isoDate(campaign.startsOn)} 开始` : '评议不在进行中';
    throw conflict('CAMPAIGN_NOT_OPEN', `${when}，现在不能评价`, { startsOn: isoDate(campaign.startsOn), endsOn: isoDate(campaign.endsOn), status: campaign.status });
  }
  if (!(await pointInCampaign(prisma, campaign.id, member.enterprise.monitoringPointId))) {
    throw forbidden('贵企业所在监测点不在本次评议范围内');
  }
  const target = await targetInCampaign(prisma, campaign.id, body.targetType, body.targetId);
  if (!target) throw new AppError('invalid', 'TARGET_NOT_IN_CAMPAIGN', '所选事项（单位）不在本次评议范围内', { field: 'targetId' });
  if (await prisma.evaluation.findUnique({ where: { campaignId_enterpriseId_targetType_targetId: { campaignId: campaign.id, enterpriseId: member.enterpriseId, targetType: body.targetType, targetId: body.targetId } } })) {
    throw alreadyEvaluated();
  }
  const bad = BAD_LEVELS.includes(body.level);
  return withRetries(
    MAX_CASE_RETRIES,
    async () => {
      const now = app.clock.now();
      try {
        return await prisma.$transaction(async (tx) => {
          const ev = await tx.evaluation.create({
            data: {
              campaignId: campaign.id,
              enterpriseId: member.enterpriseId,
              citizenId,
              targetType: body.targetType,
              targetId: body.targetId,
              serviceItemId: body.targetType === 'service_item' ? body.targetId : null,
              unitId: target.unitId,
              monitoringPointId: member.enterprise.monitoringPointId,
              level: body.level,
              efficiency: body.dimensions.efficiency ?? null,
              attitude: body.dimensions.attitude ?? null,
              policy: body.dimensions.policy ?? null,
              comment: body.comment || null,
              createdAt: now,
            },
          });
          let reportId: string | null = null;
          if (bad) {
            const { report } = await openCase(
              app,
              tx,
              {
                kind: 'bad_rating',
                category: 'bad_rating',
                enterpriseId: member.enterpriseId,
                member,
                targetType: body.targetType,
                targetId: body.targetId,
                targetName: target.name,
                unitId: target.unitId,
                monitoringPointId: member.enterprise.monitoringPointId,
                content: badRatingContent(target.name, target.unitName, body.level, body.comment),
                evaluationId: ev.id,
              },
              now,
            );
            reportId = report.id;
          }
          await app.audit(request, { action: 'business.evaluation.submit', entity: 'evaluation', entityId: ev.id, detail: { campaignId: campaign.id, level: body.level, reportId } }, tx);
          return ev;
        });
      } catch (err) {
        // a serial taken by a concurrent case is retried; any other unique key is this enterprise's earlier rating
        if (isUniqueViolation(err) && !isUniqueViolation(err, 'serial')) throw alreadyEvaluated();
        throw err;
      }
    },
    (err) => isUniqueViolation(err, 'serial'),
    () => new AppError('unavailable', 'BUSY', '提交人数较多，请稍后重试'),
  );
}

// ---- views ----
type Row = Evaluation & { appeal: EvaluationAppeal | null };

export async function evaluationViews(db: Db, rows: Row[]): Promise<EvaluationView[]> {
  const ids = rows.map((r) => r.id);
  const uniq = <T>(xs: (T | null)[]) => [...new Set(xs.filter((x): x is T => x !== null))];
  const [campaigns, enterprises, points, units, items, complaints] = await Promise.all([
    db.evaluationCampaign.findMany({ where: { id: { in: uniq(rows.map((r) => r.campaignId)) } }, select: { id: true, name: true } }),
    db.enterprise.findMany({ where: { id: { in: uniq(rows.map((r) => r.enterpriseId)) } }, select: { id: true, name: true } }),
    db.monitoringPoint.findMany({ where: { id: { in: uniq(rows.map((r) => r.monitoringPointId)) } }, select: { id: true, name: true } }),
    db.unit.findMany({ where: { id: { in: uniq(rows.map((r) => r.unitId)) } }, select: { id: true, name: true } }),
    db.serviceItem.findMany({ where: { id: { in: uniq(rows.map((r) => r.serviceItemId)) } }, select: { id: true, name: true } }),
    ids.length ? db.businessComplaint.findMany({ where: { evaluationId: { in: ids } } }) : [],
  ]);
  const reports = complaints.length ? await db.report.findMany({ where: { id: { in: complaints.map((c) => c.reportId) } }, select: { id: true, serial: true, status: true } }) : [];
  const name = <T extends { id: string; name: string }>(xs: T[]) => new Map(xs.map((x) => [x.id, x.name]));
  const [cn, en, pn, un, inm] = [name(campaigns), name(enterprises), name(points), name(units), name(items)];
  const rep = new Map(reports.map((r) => [r.id, r]));
  const byEval = new Map(complaints.map((c) => [c.evaluationId, c]));
  return rows.map((e) => {
    const c = byEval.get(e.id);
    const r = c ? rep.get(c.reportId) : undefined;
    return {
      id: e.id,
      campaignId: e.campaignId,
      campaignName: cn.get(e.campaignId) ?? '',
      enterpriseId: e.enterpriseId,
      enterpriseName: en.get(e.enterpriseId) ?? '',
      monitoringPointId: e.monitoringPointId,
      monitoringPointName: e.monitoringPointId ? (pn.get(e.monitoringPointId) ?? null) : null,
      targetType: e.targetType,
      targetId: e.targetId,
      targetName: e.targetType === 'unit' ? (un.get(e.unitId) ?? '') : (inm.get(e.targetId) ?? ''),
      unitId: e.unitId,
      unitName: un.get(e.unitId) ?? '',
      level: e.level,
      levelLabel: evaluationLevelLabels[e.level as 5] ?? String(e.level),
      dimensions: {
        ...(e.efficiency !== null ? { efficiency: e.efficiency } : {}),
        ...(e.attitude !== null ? { attitude: e.attitude } : {}),
        ...(e.policy !== null ? { policy: e.policy } : {}),
      },
      comment: e.comment,
      createdAt: e.createdAt.toISOString(),
      excluded: e.appeal?.status === 'upheld',
      appeal: e.appeal
        ? {
            status: e.appeal.status,
            statusLabel: appealStatusLabels[e.appeal.status],
            reason: e.appeal.reason,
            filedByRole: e.appeal.filedByRole,
            filedAt: e.appeal.filedAt.toISOString(),
            reviewReason: e.appeal.reviewReason,
            reviewedAt: e.appeal.reviewedAt?.toISOString() ?? null,
          }
        : null,
      complaint: c && r ? { id: c.id, reportId: r.id, serial: r.serial, status: r.status, statusLabel: reportStatusLabels[r.status] } : null,
    };
  });
}

export async function loadEvaluation(app: FastifyInstance, actor: StaffActor, id: string) {
  const e = await app.db.prisma.evaluation.findUnique({ where: { id }, include: { appeal: true } });
  if (!e || (actor.role === 'unit_liaison' && actor.unitId !== e.unitId)) throw notFound('评价');
  return e;
}

// ---- 申诉复核 ----
const notBad = () => new AppError('conflict', 'NOT_A_BAD_RATING', '只有“不满意”“非常不满意”的评价可以申诉');

/** The rated unit's liaison (or a supervisor/admin) files an appeal against a bad rating. */
export async function fileAppeal(app: FastifyInstance, request: FastifyRequest, actor: StaffActor, id: string, reason: string) {
  if (!inGroup(APPEAL_ROLES, actor.role)) throw forbidden('当前角色无权申诉');
  const e = await loadEvaluation(app, actor, id);
  if (!BAD_LEVELS.includes(e.level)) throw notBad();
  if (e.appeal) throw conflict('APPEAL_EXISTS', `该评价已申诉（${appealStatusLabels[e.appeal.status]}），不能重复申诉`);
  try {
    await app.db.prisma.$transaction(async (tx) => {
      await tx.evaluationAppeal.create({ data: { evaluationId: id, reason, filedById: actor.id, filedByRole: actor.role, filedAt: app.clock.now() } });
      await app.audit(request, { action: 'business.appeal.file', entity: 'evaluation', entityId: id, reason }, tx);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('APPEAL_EXISTS', '该评价已申诉，不能重复申诉');
    throw err;
  }
}

/** A supervisor decides: upheld (申诉成立, the rating no longer counts) or rejected, always with the reason. */
export async function reviewAppeal(app: FastifyInstance, request: FastifyRequest, actor: StaffActor, id: string, upheld: boolean, reason: string) {
  const e = await loadEvaluation(app, actor, id);
  if (!BAD_LEVELS.includes(e.level)) throw notBad();
  if (e.appeal && e.appeal.status !== 'pending') throw conflict('APPEAL_DECIDED', `该申诉已复核（${appealStatusLabels[e.appeal.status]}）`);
  const now = app.clock.now();
  const status = upheld ? 'upheld' : 'rejected';
  await app.db.prisma.$transaction(async (tx) => {
    const decided = { status, reviewReason: reason, reviewedById: actor.id, reviewedAt: now } as const;
    if (e.appeal) {
      const u = await tx.evaluationAppeal.updateMany({ where: { evaluationId: id, status: 'pending' }, data: decided });
      if (u.count !== 1) throw conflict('APPEAL_DECIDED', '该申诉已被他人复核，请刷新');
    } else {
      // the supervisor found the rating mistaken or malicious without an appeal filed: recorded as both at once
      await tx.evaluationAppeal.create({ data: { evaluationId: id, reason, filedById: actor.id, filedByRole: actor.role, filedAt: now, ...decided } });
    }
    await app.audit(request, { action: upheld ? 'business.appeal.uphold' : 'business.appeal.reject', entity: 'evaluation', entityId: id, reason, detail: { level: e.level } }, tx);
  });
}

// ---- staff reading ----
/** `scope`: the liaison's own unit (ratings of it only), null for every rating. */
export async function listEvaluations(db: Db, scope: string | null, q: z.infer<typeof evaluationListQuery>) {
  const createdAt = createdWithin(q.from, q.to);
  const where: Prisma.EvaluationWhereInput = {
    AND: [
      scope ? { unitId: scope } : {},
      q.campaignId ? { campaignId: q.campaignId } : {},
      q.monitoringPointId ? { monitoringPointId: q.monitoringPointId } : {},
      q.unitId ? { unitId: q.unitId } : {},
      q.serviceItemId ? { serviceItemId: q.serviceItemId } : {},
      q.enterpriseId ? { enterpriseId: q.enterpriseId } : {},
      q.level ? { level: q.level } : {},
      q.bad !== undefined ? { level: q.bad ? { lte: 2 } : { gte: 3 } } : {},
      q.appealStatus ? (q.appealStatus === 'none' ? { appeal: { is: null } } : { appeal: { is: { status: q.appealStatus } } }) : {},
      createdAt ? { createdAt } : {},
    ],
  };
  const [rows, total] = await Promise.all([
    db.evaluation.findMany({ where, include: { appeal: true }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], ...pageArgs(q) }),
    db.evaluation.count({ where }),
  ]);
  return { items: await evaluationViews(db, rows), total, page: q.page, pageSize: q.pageSize };
}

export const evaluationDetail = async (app: FastifyInstance, actor: StaffActor, id: string) =>
  (await evaluationViews(app.db.prisma, [await loadEvaluation(app, actor, id)]))[0]!;
