// 统计分析: evaluations per point and unit by month, satisfaction (share of 4-5, appeals upheld not counted),
// bad-rating handling on time, complaints by unit and category, and the ranking of units; each table exports to XLSX.
// County scale (thousands of evaluations a year) is aggregated in memory from narrow rows.
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import {
  businessStatsTableLabels,
  complaintCategoryLabels,
  SATISFIED_LEVELS,
  type BusinessStats,
  type BusinessStatsQuery,
  type BusinessStatsTable,
  type ComplaintCategory,
} from '@msjd/shared';
import type { Prisma } from '../../../generated/prisma/client';
import { toShanghaiDate } from '../../calendar';
import { createdWithin } from '../common';
import { onTimeOf } from '../complaints/service';

const month = (d: Date) => toShanghaiDate(d).slice(0, 7);
const ratio = (n: number, d: number) => (d ? Math.round((n / d) * 10_000) / 10_000 : null);
const round2 = (x: number) => Math.round(x * 100) / 100;

export async function computeStats(app: FastifyInstance, q: BusinessStatsQuery, day: string): Promise<BusinessStats> {
  const db = app.db.prisma;
  const createdAt = createdWithin(q.from, q.to);
  const evWhere: Prisma.EvaluationWhereInput = {
    ...(createdAt ? { createdAt } : {}),
    ...(q.campaignId ? { campaignId: q.campaignId } : {}),
    ...(q.monitoringPointId ? { monitoringPointId: q.monitoringPointId } : {}),
  };
  const cWhere: Prisma.BusinessComplaintWhereInput = {
    ...(createdAt ? { createdAt } : {}),
    ...(q.monitoringPointId ? { monitoringPointId: q.monitoringPointId } : {}),
  };
  if (q.campaignId) {
    const evIds = (await db.evaluation.findMany({ where: { campaignId: q.campaignId }, select: { id: true } })).map((e) => e.id);
    cWhere.evaluationId = { in: evIds };
  }
  const [evals, complaints] = await Promise.all([
    db.evaluation.findMany({ where: evWhere, select: { id: true, unitId: true, monitoringPointId: true, level: true, createdAt: true, appeal: { select: { status: true } } } }),
    db.businessComplaint.findMany({ where: cWhere, select: { kind: true, category: true, unitId: true, reportId: true } }),
  ]);
  const reports = new Map(
    (complaints.length ? await db.report.findMany({ where: { id: { in: complaints.map((c) => c.reportId) } }, select: { id: true, status: true, repliedAt: true, replyDueOn: true } }) : []).map((r) => [r.id, r]),
  );
  const unitIds = [...new Set([...evals.map((e) => e.unitId), ...complaints.map((c) => c.unitId)])];
  const pointIds = [...new Set(evals.map((e) => e.monitoringPointId).filter((x): x is string => !!x))];
  const [units, points] = await Promise.all([
    db.unit.findMany({ where: { id: { in: unitIds } }, select: { id: true, name: true, code: true } }),
    db.monitoringPoint.findMany({ where: { id: { in: pointIds } }, select: { id: true, name: true, code: true } }),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const unitCode = new Map(units.map((u) => [u.id, u.code]));
  const pointName = new Map(points.map((p) => [p.id, p.name]));
  const pointCode = new Map(points.map((p) => [p.id, p.code]));

  const counted = (e: (typeof evals)[number]) => e.appeal?.status !== 'upheld';
  const sat = (e: (typeof evals)[number]) => counted(e) && SATISFIED_LEVELS.includes(e.level);

  // by month
  const months = new Map<string, { evaluations: number; counted: number; satisfied: number }>();
  const pointMonth = new Map<string, number>();
  const unitMonth = new Map<string, number>();
  const perUnit = new Map<string, { evaluations: number; counted: number; satisfied: number; levelSum: number; bad: number }>();
  for (const e of evals) {
    const m = month(e.createdAt);
    const mm = months.get(m) ?? { evaluations: 0, counted: 0, satisfied: 0 };
    mm.evaluations++;
    if (counted(e)) mm.counted++;
    if (sat(e)) mm.satisfied++;
    months.set(m, mm);
    if (e.monitoringPointId) pointMonth.set(`${e.monitoringPointId}|${m}`, (pointMonth.get(`${e.monitoringPointId}|${m}`) ?? 0) + 1);
    unitMonth.set(`${e.unitId}|${m}`, (unitMonth.get(`${e.unitId}|${m}`) ?? 0) + 1);
    const u = perUnit.get(e.unitId) ?? { evaluations: 0, counted: 0, satisfied: 0, levelSum: 0, bad: 0 };
    u.evaluations++;
    if (counted(e)) {
      u.counted++;
      u.levelSum += e.level;
      if (e.level <= 2) u.bad++;
    }
    if (sat(e)) u.satisfied++;
    perUnit.set(e.unitId, u);
  }

  // complaints and handling on time
  const byUnitCategory = new Map<string, number>();
  const complaintsPerUnit = new Map<string, number>();
  const onTime = new Map<string, { cases: number; replied: number; due: number; onTime: number; late: number }>();
  let due = 0;
  let onTimeTotal = 0;
  for (const c of complaints) {
    byUnitCategory.set(`${c.unitId}|${c.category}`, (byUnitCategory.get(`${c.unitId}|${c.category}`) ?? 0) + 1);
    complaintsPerUnit.set(c.unitId, (complaintsPerUnit.get(c.unitId) ?? 0) + 1);
    if (c.kind !== 'bad_rating') continue;
    const r = reports.get(c.reportId);
    const o = onTime.get(c.unitId) ?? { cases: 0, replied: 0, due: 0, onTime: 0, late: 0 };
    o.cases++;
    if (r?.repliedAt) o.replied++;
    const t = r ? onTimeOf(r, day) : null;
    if (t !== null) {
      o.due++;
      due++;
      if (t) {
        o.onTime++;
        onTimeTotal++;
      } else o.late++;
    }
    onTime.set(c.unitId, o);
  }

  const byName = (a: { unitName: string }, b: { unitName: string }) => a.unitName.localeCompare(b.unitName, 'zh');
  const unitsTable = [...perUnit.entries()]
    .map(([unitId, u]) => ({
      unitId,
      unitName: unitName.get(unitId) ?? '',
      evaluations: u.evaluations,
      counted: u.counted,
      satisfied: u.satisfied,
      satisfactionRate: ratio(u.satisfied, u.counted),
      averageLevel: u.counted ? round2(u.levelSum / u.counted) : null,
      badRatings: u.bad,
    }))
    .sort((a, b) => (unitCode.get(a.unitId) ?? '').localeCompare(unitCode.get(b.unitId) ?? ''));
  const ranking = unitsTable
    .filter((u) => u.counted > 0)
    .map((u) => ({
      unitId: u.unitId,
      unitName: u.unitName,
      counted: u.counted,
      satisfactionRate: u.satisfactionRate!,
      averageLevel: u.averageLevel!,
      complaints: complaintsPerUnit.get(u.unitId) ?? 0,
    }))
    .sort((a, b) => b.satisfactionRate - a.satisfactionRate || b.averageLevel - a.averageLevel || b.counted - a.counted || byName(a, b))
    .map((u, i) => ({ rank: i + 1, ...u }));

  const countedTotal = evals.filter(counted).length;
  const satisfiedTotal = evals.filter(sat).length;
  return {
    period: { from: q.from ?? null, to: q.to ?? null },
    summary: {
      evaluations: evals.length,
      excluded: evals.length - countedTotal,
      counted: countedTotal,
      satisfied: satisfiedTotal,
      satisfactionRate: ratio(satisfiedTotal, countedTotal),
      badRatings: evals.filter((e) => counted(e) && e.level <= 2).length,
      complaints: complaints.length,
      badRatingCasesDue: due,
      badRatingCasesOnTime: onTimeTotal,
      onTimeRate: ratio(onTimeTotal, due),
    },
    byMonth: [...months.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([m, v]) => ({ month: m, ...v, satisfactionRate: ratio(v.satisfied, v.counted) })),
    pointMonth: [...pointMonth.entries()]
      .map(([k, n]) => {
        const [id, m] = k.split('|') as [string, string];
        return { monitoringPointId: id, pointName: pointName.get(id) ?? '', month: m, evaluations: n };
      })
      .sort((a, b) => (pointCode.get(a.monitoringPointId) ?? '').localeCompare(pointCode.get(b.monitoringPointId) ?? '') || a.month.localeCompare(b.month)),
    unitMonth: [...unitMonth.entries()]
      .map(([k, n]) => {
        const [id, m] = k.split('|') as [string, string];
        return { unitId: id, unitName: unitName.get(id) ?? '', month: m, evaluations: n };
      })
      .sort((a, b) => (unitCode.get(a.unitId) ?? '').localeCompare(unitCode.get(b.unitId) ?? '') || a.month.localeCompare(b.month)),
    units: unitsTable,
    onTime: [...onTime.entries()]
      .map(([unitId, o]) => ({ unitId, unitName: unitName.get(unitId) ?? '', ...o, pending: o.cases - o.due, onTimeRate: ratio(o.onTime, o.due) }))
      .sort((a, b) => (unitCode.get(a.unitId) ?? '').localeCompare(unitCode.get(b.unitId) ?? '')),
    complaints: [...byUnitCategory.entries()]
      .map(([k, count]) => {
        const [unitId, category] = k.split('|') as [string, ComplaintCategory];
        return { unitId, unitName: unitName.get(unitId) ?? '', category, categoryLabel: complaintCategoryLabels[category] ?? category, count };
      })
      .sort((a, b) => (unitCode.get(a.unitId) ?? '').localeCompare(unitCode.get(b.unitId) ?? '') || a.category.localeCompare(b.category)),
    ranking,
  };
}

const pct = (x: number | null) => (x === null ? '' : x);
type Col = { header: string; key: string; width: number; numFmt?: string };
const P = '0.00%';

/** One table of the statistics as a worksheet: the same numbers the dashboard shows. */
export async function statsWorkbook(stats: BusinessStats, table: BusinessStatsTable): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(businessStatsTableLabels[table]);
  let cols: Col[];
  let rows: Record<string, unknown>[];
  switch (table) {
    case 'point_month':
      cols = [{ header: '监测点', key: 'pointName', width: 30 }, { header: '月份', key: 'month', width: 10 }, { header: '评价数', key: 'evaluations', width: 10 }];
      rows = stats.pointMonth;
      break;
    case 'unit_month':
      cols = [{ header: '单位', key: 'unitName', width: 26 }, { header: '月份', key: 'month', width: 10 }, { header: '评价数', key: 'evaluations', width: 10 }];
      rows = stats.unitMonth;
      break;
    case 'units':
      cols = [
        { header: '单位', key: 'unitName', width: 26 },
        { header: '评价数', key: 'evaluations', width: 10 },
        { header: '计入满意度', key: 'counted', width: 12 },
        { header: '满意（4-5）', key: 'satisfied', width: 12 },
        { header: '满意率', key: 'satisfactionRate', width: 10, numFmt: P },
        { header: '平均分', key: 'averageLevel', width: 10 },
        { header: '差评', key: 'badRatings', width: 8 },
      ];
      rows = stats.units.map((u) => ({ ...u, satisfactionRate: pct(u.satisfactionRate), averageLevel: u.averageLevel ?? '' }));
      break;
    case 'on_time':
      cols = [
        { header: '单位', key: 'unitName', width: 26 },
        { header: '差评件数', key: 'cases', width: 10 },
        { header: '已答复', key: 'replied', width: 10 },
        { header: '已到期', key: 'due', width: 10 },
        { header: '按时答复', key: 'onTime', width: 10 },
        { header: '超期', key: 'late', width: 8 },
        { header: '未到期', key: 'pending', width: 10 },
        { header: '按时率', key: 'onTimeRate', width: 10, numFmt: P },
      ];
      rows = stats.onTime.map((o) => ({ ...o, onTimeRate: pct(o.onTimeRate) }));
      break;
    case 'complaints':
      cols = [{ header: '单位', key: 'unitName', width: 26 }, { header: '类别', key: 'categoryLabel', width: 16 }, { header: '件数', key: 'count', width: 8 }];
      rows = stats.complaints;
      break;
    case 'ranking':
      cols = [
        { header: '排名', key: 'rank', width: 6 },
        { header: '单位', key: 'unitName', width: 26 },
        { header: '计入满意度评价数', key: 'counted', width: 16 },
        { header: '满意率', key: 'satisfactionRate', width: 10, numFmt: P },
        { header: '平均分', key: 'averageLevel', width: 10 },
        { header: '涉诉件数', key: 'complaints', width: 10 },
      ];
      rows = stats.ranking;
      break;
  }
  ws.columns = cols.map((c) => ({ header: c.header, key: c.key, width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
