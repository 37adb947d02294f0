// 涉诉办理: a bad rating (1-2) or an enterprise's 投诉 opens a handling case that IS a report, so staff handle it in
// the 线索受理 inbox with the report lifecycle, and the enterprise follows and rates it like any reporter. The case
// is accepted on filing (an enterprise's bad rating is not triaged away), so its reply deadline runs from that day.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  complaintCategoryLabels,
  type complaintListQuery,
  complaintKindLabels,
  complaintReportCategory,
  complaintSubmitBody,
  evaluationLevelLabels,
  reportStatusLabels,
  type ComplaintCategory,
  type ComplaintKind,
  type ComplaintMineItem,
  type ComplaintView,
  type EvaluationTargetType,
} from '@msjd/shared';
import type { z } from 'zod';
import type { BusinessComplaint, EnterpriseMember, Prisma, Report } from '../../../generated/prisma/client';
import { AppError, notFound } from '../../../errors';
import { addWorkdays, toShanghaiDate } from '../../calendar';
import { calendarOverrides, DEFAULT_REPLY_WORKDAYS, enqueueNotice, REPLY_CLOCK } from '../report-link';
import { nextSerial } from '../../reports';
import { createdWithin, dateOf, isoDate, pageArgs, type Tx } from '../common';
import { isUniqueViolation, withRetries } from '../../../lib/retry';
import { requireMember } from '../enterprises/service';

export const MAX_CASE_RETRIES = 5;

export interface CaseInput {
  kind: ComplaintKind;
  category: ComplaintCategory;
  enterpriseId: string;
  member: Pick<EnterpriseMember, 'citizenId' | 'contactNameSealed' | 'contactPhoneSealed'>;
  targetType: EvaluationTargetType;
  targetId: string;
  targetName: string;
  unitId: string;
  monitoringPointId: string | null;
  content: string;
  evaluationId?: string | null;
  idempotencyKey?: string | null;
}

/** Opens the case inside the caller's transaction: the report (accepted, deadline set), its timeline and the link. */
export async function openCase(app: FastifyInstance, tx: Tx, input: CaseInput, now: Date) {
  const day = toShanghaiDate(now);
  const categoryCode = complaintReportCategory[input.kind];
  const category = await tx.reportCategory.findUnique({ where: { code: categoryCode } });
  const replyDays = category?.replyDays ?? DEFAULT_REPLY_WORKDAYS;
  const replyDueOn = addWorkdays(day, replyDays, await calendarOverrides(tx));
  // YS = 营商: a serial sequence of its own, so enterprise cases never contend with citizen reports for a number
  const prefix = `YS${day.replaceAll('-', '')}-`;
  // inside the case's transaction the counter row stays locked until commit: enterprise cases are few, and a case
  // that fails takes its number back with it instead of leaving a gap
  const serial = await nextSerial(tx, prefix);
  const citizen = await tx.citizen.findUnique({ where: { id: input.member.citizenId }, select: { openidSealed: true } });
  const report = await tx.report.create({
    data: {
      serial,
      category: categoryCode,
      reportedUnitId: input.unitId,
      content: input.content,
      location: null,
      monitoringPointId: input.monitoringPointId,
      confidential: false,
      // the enterprise contact, sealed when bound, is the reporter identity of the case
      reporterNameSealed: input.member.contactNameSealed,
      reporterPhoneSealed: input.member.contactPhoneSealed,
      reporterOpenidSealed: citizen?.openidSealed ?? null,
      citizenId: input.member.citizenId,
      status: 'accepted',
      submittedAt: now,
      acceptedAt: now,
      acceptDueOn: dateOf(day),
      replyDueOn: dateOf(replyDueOn),
    },
  });
  const label = input.kind === 'bad_rating' ? '差评' : '投诉';
  await tx.reportEvent.createMany({
    data: [
      { reportId: report.id, kind: 'submitted', toStatus: 'submitted', actorType: 'citizen', actorId: input.member.citizenId, at: now, publicNote: `已收到贵企业的${label}` },
      {
        reportId: report.id,
        kind: 'accepted',
        fromStatus: 'submitted',
        toStatus: 'accepted',
        actorType: 'system',
        note: `${complaintKindLabels[input.kind]}：${input.targetName}，自动受理`,
        publicNote: `已受理，将在 ${replyDueOn} 前（${replyDays} 个工作日内）答复`,
        at: now,
      },
    ],
  });
  const complaint = await tx.businessComplaint.create({
    data: {
      kind: input.kind,
      category: input.category,
      enterpriseId: input.enterpriseId,
      citizenId: input.member.citizenId,
      evaluationId: input.evaluationId ?? null,
      targetType: input.targetType,
      targetId: input.targetId,
      unitId: input.unitId,
      monitoringPointId: input.monitoringPointId,
      reportId: report.id,
      idempotencyKey: input.idempotencyKey ?? null,
      createdAt: now,
    },
  });
  await enqueueNotice(app, tx, report, 'accepted', `已受理，将在 ${replyDueOn} 前答复`);
  return { complaint, report };
}

export function badRatingContent(targetName: string, unitName: string, level: number, comment: string | null | undefined) {
  const what = targetName === unitName ? `单位“${unitName}”` : `${unitName}的事项“${targetName}”`;
  return `企业对${what}评价为“${evaluationLevelLabels[level as 5] ?? level}”（${level} 分）。${comment ? `评价意见：${comment}` : '未填写评价意见。'}`;
}

/** Resolves the target of a 投诉: any service item, or any unit. */
export async function resolveTarget(db: Tx | FastifyInstance['db']['prisma'], targetType: EvaluationTargetType, targetId: string) {
  if (targetType === 'unit') {
    const u = await db.unit.findUnique({ where: { id: targetId } });
    return u ? { name: u.name, unitId: u.id, unitName: u.name } : null;
  }
  const i = await db.serviceItem.findUnique({ where: { id: targetId }, include: { unit: { select: { name: true } } } });
  return i ? { name: i.name, unitId: i.unitId, unitName: i.unit.name } : null;
}

export async function submitComplaint(app: FastifyInstance, request: FastifyRequest, citizenId: string, body: z.infer<typeof complaintSubmitBody>) {
  const prisma = app.db.prisma;
  const member = await requireMember(app, citizenId);
  if (body.idempotencyKey) {
    const again = await prisma.businessComplaint.findUnique({ where: { citizenId_idempotencyKey: { citizenId, idempotencyKey: body.idempotencyKey } } });
    if (again) return { complaint: again, replayed: true };
  }
  const target = await resolveTarget(prisma, body.targetType, body.targetId);
  if (!target) throw new AppError('invalid', 'INVALID_REFERENCE', body.targetType === 'unit' ? '被投诉单位不存在' : '被投诉事项不存在', { field: 'targetId' });
  return withRetries(
    MAX_CASE_RETRIES,
    async () => {
      const now = app.clock.now();
      try {
        const complaint = await prisma.$transaction(async (tx) => {
          const { complaint } = await openCase(
            app,
            tx,
            {
              kind: 'complaint',
              category: body.category as ComplaintCategory,
              enterpriseId: member.enterpriseId,
              member,
              targetType: body.targetType,
              targetId: body.targetId,
              targetName: target.name,
              unitId: target.unitId,
              monitoringPointId: member.enterprise.monitoringPointId,
              content: body.content,
              idempotencyKey: body.idempotencyKey ?? null,
            },
            now,
          );
          await app.audit(request, { action: 'business.complaint.file', entity: 'business_complaint', entityId: complaint.id, detail: { reportId: complaint.reportId, category: body.category } }, tx);
          return complaint;
        });
        return { complaint, replayed: false };
      } catch (err) {
        if (body.idempotencyKey && isUniqueViolation(err, 'idempotency')) {
          const again = await prisma.businessComplaint.findUnique({ where: { citizenId_idempotencyKey: { citizenId, idempotencyKey: body.idempotencyKey } } });
          if (again) return { complaint: again, replayed: true };
        }
        throw err;
      }
    },
    (err) => isUniqueViolation(err, 'serial'),
    () => new AppError('unavailable', 'BUSY', '提交人数较多，请稍后重试'),
  );
}

// ---- views ----
type Row = BusinessComplaint & { enterprise: { name: string } };

/** What the unit complained about reads instead of the enterprise's name. */
export const WITHHELD_COMPLAINANT = '（投诉企业已隐去）';

/** `withholdComplainant`: the reader is the liaison of the unit complained about, who must not learn who complained. */
export async function complaintViews(app: FastifyInstance, rows: Row[], day: string, withholdComplainant = false): Promise<ComplaintView[]> {
  const db = app.db.prisma;
  const reportIds = rows.map((r) => r.reportId);
  const itemIds = rows.filter((r) => r.targetType === 'service_item').map((r) => r.targetId);
  const unitIds = [...new Set(rows.map((r) => r.unitId))];
  const pointIds = [...new Set(rows.map((r) => r.monitoringPointId).filter((x): x is string => !!x))];
  const [reports, items, units, points] = await Promise.all([
    reportIds.length ? db.report.findMany({ where: { id: { in: reportIds } } }) : [],
    itemIds.length ? db.serviceItem.findMany({ where: { id: { in: itemIds } }, select: { id: true, name: true } }) : [],
    unitIds.length ? db.unit.findMany({ where: { id: { in: unitIds } }, select: { id: true, name: true } }) : [],
    pointIds.length ? db.monitoringPoint.findMany({ where: { id: { in: pointIds } }, select: { id: true, name: true } }) : [],
  ]);
  const rep = new Map(reports.map((r) => [r.id, r]));
  const itemName = new Map(items.map((i) => [i.id, i.name]));
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const pointName = new Map(points.map((p) => [p.id, p.name]));
  return rows.map((c) => {
    const r = rep.get(c.reportId) as Report;
    const unit = unitName.get(c.unitId) ?? '';
    return {
      id: c.id,
      kind: c.kind,
      kindLabel: complaintKindLabels[c.kind],
      category: c.category as ComplaintCategory,
      categoryLabel: complaintCategoryLabels[c.category as ComplaintCategory] ?? c.category,
      targetName: c.targetType === 'unit' ? unit : (itemName.get(c.targetId) ?? ''),
      unitName: unit,
      reportId: c.reportId,
      serial: r.serial,
      status: r.status,
      statusLabel: reportStatusLabels[r.status],
      replyDueOn: r.replyDueOn ? isoDate(r.replyDueOn) : null,
      createdAt: c.createdAt.toISOString(),
      enterpriseId: withholdComplainant ? null : c.enterpriseId,
      enterpriseName: withholdComplainant ? WITHHELD_COMPLAINANT : c.enterprise.name,
      monitoringPointId: c.monitoringPointId,
      monitoringPointName: c.monitoringPointId ? (pointName.get(c.monitoringPointId) ?? null) : null,
      targetType: c.targetType,
      targetId: c.targetId,
      unitId: c.unitId,
      evaluationId: c.evaluationId,
      content: r.content,
      repliedAt: r.repliedAt?.toISOString() ?? null,
      onTime: onTimeOf(r, day),
      overdue: REPLY_CLOCK.includes(r.status) && !!r.replyDueOn && day > isoDate(r.replyDueOn),
      reportRating: r.rating,
    };
  });
}

/** Replied on or before the due day -> true; replied late or unreplied past it -> false; not yet due -> null. */
export function onTimeOf(r: Pick<Report, 'repliedAt' | 'replyDueOn' | 'status'>, day: string): boolean | null {
  if (!r.replyDueOn) return null;
  const due = isoDate(r.replyDueOn);
  const replied = r.repliedAt ? toShanghaiDate(r.repliedAt) : null;
  if (replied) return replied <= due;
  if (r.status === 'closed' || r.status === 'not_accepted' || r.status === 'merged') return null;
  return day > due ? false : null;
}

export function toMine(v: ComplaintView): ComplaintMineItem {
  const { id, kind, kindLabel, category, categoryLabel, targetName, unitName, reportId, serial, status, statusLabel, replyDueOn, createdAt } = v;
  return { id, kind, kindLabel, category, categoryLabel, targetName, unitName, reportId, serial, status, statusLabel, replyDueOn, createdAt };
}

export type { Prisma };

// ---- staff reading ----
/** `scope`: the liaison of the unit complained about (its cases only, and never searched by enterprise). */
export async function listComplaints(app: FastifyInstance, scope: string | null, q: z.infer<typeof complaintListQuery>, day: string) {
  const db = app.db.prisma;
  const createdAt = createdWithin(q.from, q.to);
  const reportWhere: Prisma.ReportWhereInput[] = [];
  if (q.status) reportWhere.push({ status: q.status });
  if (q.overdue !== undefined) {
    const overdue: Prisma.ReportWhereInput = { status: { in: [...REPLY_CLOCK] }, replyDueOn: { lt: dateOf(day) } };
    reportWhere.push(q.overdue ? overdue : { NOT: overdue });
  }
  let reportIds: string[] | undefined;
  if (reportWhere.length) {
    reportIds = (await db.report.findMany({ where: { AND: [{ category: { startsWith: 'business_' } }, ...reportWhere] }, select: { id: true } })).map((r) => r.id);
  }
  const where: Prisma.BusinessComplaintWhereInput = {
    AND: [
      scope ? { unitId: scope } : {},
      q.kind ? { kind: q.kind } : {},
      q.category ? { category: q.category } : {},
      q.unitId ? { unitId: q.unitId } : {},
      q.monitoringPointId ? { monitoringPointId: q.monitoringPointId } : {},
      // the liaison of the unit complained about cannot look for one enterprise's complaints either
      q.enterpriseId && !scope ? { enterpriseId: q.enterpriseId } : {},
      q.reportId ? { reportId: q.reportId } : {},
      reportIds ? { reportId: { in: reportIds } } : {},
      createdAt ? { createdAt } : {},
    ],
  };
  const [rows, total] = await Promise.all([
    db.businessComplaint.findMany({ where, include: { enterprise: { select: { name: true } } }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], ...pageArgs(q) }),
    db.businessComplaint.count({ where }),
  ]);
  return { items: await complaintViews(app, rows, day, !!scope), total, page: q.page, pageSize: q.pageSize };
}

export async function getComplaint(app: FastifyInstance, scope: string | null, id: string, day: string) {
  const c = await app.db.prisma.businessComplaint.findUnique({ where: { id }, include: { enterprise: { select: { name: true } } } });
  if (!c || (scope && c.unitId !== scope)) throw notFound('涉诉案件');
  return (await complaintViews(app, [c], day, !!scope))[0]!;
}
