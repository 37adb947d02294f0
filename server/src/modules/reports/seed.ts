// Demo reports at the source report's scale (97), spread over every status with a consistent timeline, deadlines
// in working days, sealed identity for real-name ones, and one confidential report with a known query code so the
// lookup can be tried: DEMO_QUERY_CODE / DEMO_QUERY_SECRET. Runs once (does nothing when reports exist).
import type { Database } from '../../db/database';
import type { Sealer } from '../../lib/sealing';
import type { Prisma, ReportStatus } from '../../generated/prisma/client';
import { addWorkdays, toShanghaiDate } from '../calendar';
import { dateOf } from './service';

export const DEMO_REPORT_COUNT = 97;
export const DEMO_QUERY_CODE = '2026000000000001';
export const DEMO_QUERY_SECRET = 'DEMO8888';

const plan: [ReportStatus, number][] = [
  ['submitted', 8],
  ['not_accepted', 6],
  ['accepted', 6],
  ['assigned', 10],
  ['in_progress', 20],
  ['replied', 12],
  ['closed', 32],
  // last, so they can point at an earlier handled report
  ['merged', 3],
];
const categories = ['work_style', 'public_interest', 'illegal_fees', 'extortion', 'engineering', 'subsidy', 'other'];
const contents = [
  '窗口工作人员上班时间玩手机，群众排队无人理睬。',
  '村里低保名额优亲厚友，真正困难的家庭没有评上。',
  '办理不动产登记时被要求另交“加急费”，没有收据。',
  '办事时工作人员暗示需要“意思意思”才能尽快办理。',
  '村道硬化工程偷工减料，刚修好半年就出现大面积开裂。',
  '耕地地力保护补贴被村干部截留，至今没有发放到户。',
  '乡镇干部工作日中午饮酒，下午上班时酒气明显。',
];
const DAY = 24 * 3600_000;

/** `db` and `sealer` of the running app; `now` decides the dates (within the last 100 days). */
export async function seedDemoReports(db: Database, sealer: Sealer, now: Date = new Date()): Promise<number> {
  const p = db.prisma;
  if ((await p.report.count()) > 0) return 0;
  const units = await p.unit.findMany({ where: { kind: { in: ['department', 'township'] } }, orderBy: { code: 'asc' } });
  const groups = await p.tourGroup.findMany({ orderBy: { name: 'asc' } });
  const inspected = await p.inspectedUnit.findMany({ orderBy: { createdAt: 'asc' }, take: 50 });
  const staff = await p.staffUser.findMany();
  const byRole = (role: string) => staff.find((s) => s.role === role) ?? null;
  const intake = byRole('intake');
  const liaison = byRole('unit_liaison');
  const tourMember = byRole('tour_group');
  if (!units.length) return 0;
  const replyDays = new Map((await p.reportCategory.findMany()).map((c) => [c.code, c.replyDays]));

  let n = 0;
  let firstHandled: string | null = null;
  let confidentialWithCode = false;
  const statuses = plan.flatMap(([s, k]) => Array<ReportStatus>(k).fill(s));
  for (const [i, status] of statuses.entries()) {
    // older reports are further along
    // replied ones were answered 1..5 days ago, so the 7-day auto-close leaves them replied for the demo
    const ageDays = status === 'submitted' ? (i % 5) + 1 : status === 'closed' ? 40 + (i % 60) : status === 'replied' ? 10 + (i % 5) : 10 + (i % 30);
    const submittedAt = new Date(now.getTime() - ageDays * DAY - (i % 7) * 3600_000);
    const day = toShanghaiDate(submittedAt);
    const category = categories[i % categories.length]!;
    const confidential = i % 4 === 0;
    const iu = i % 3 === 0 && inspected.length ? inspected[i % inspected.length]! : null;
    const reportedUnitId = iu?.unitId ?? units[(i * 7) % units.length]!.id;
    const toGroup = i % 2 === 0 && groups.length > 0;
    const assigneeTourGroupId = toGroup ? (iu?.tourGroupId ?? tourMember?.tourGroupId ?? groups[i % groups.length]!.id) : null;
    // 回避: a report is never handled by the unit it accuses
    const otherUnit = units[(i * 7 + 1) % units.length]!.id;
    const assigneeUnitId = toGroup ? null : i % 4 === 1 && liaison?.unitId && liaison.unitId !== reportedUnitId ? liaison.unitId : otherUnit;
    const acceptedAt = new Date(submittedAt.getTime() + 1 * DAY);
    const acceptedDay = toShanghaiDate(acceptedAt);
    const repliedAt = new Date(acceptedAt.getTime() + 8 * DAY);
    const order: ReportStatus[] = ['submitted', 'accepted', 'assigned', 'in_progress', 'replied', 'closed'];
    const reached = (s: ReportStatus) => order.indexOf(status) >= order.indexOf(s) && order.indexOf(status) >= 0;
    const withCode = confidential && !confidentialWithCode && status === 'replied';
    if (withCode) confidentialWithCode = true;

    const r: { id: string; mergedIntoId: string | null } = await p.report.create({
      data: {
        serial: `JB${day.replaceAll('-', '')}-${String(9000 + i).padStart(4, '0')}`,
        category,
        reportedUnitId,
        reportedPerson: i % 3 === 1 ? ['某科长', '某村支书', '窗口工作人员', '某站长'][i % 4] : null,
        content: contents[i % contents.length]!,
        occurredAt: `${day.slice(0, 7).replace('-', '年')}月`,
        location: i % 2 ? '县政务服务中心' : null,
        tourRoundId: iu?.tourRoundId ?? null,
        inspectedUnitId: iu?.id ?? null,
        confidential,
        reporterNameSealed: confidential ? null : sealer.seal(['王某', '李某', '赵某', '刘某'][i % 4]!),
        reporterPhoneSealed: confidential ? null : sealer.seal(`139${String(10000000 + i * 7919).slice(0, 8)}`),
        queryCodeHash: withCode ? sealer.keyedHash(`report-code:${DEMO_QUERY_CODE}`) : null,
        querySecretHash: withCode ? sealer.keyedHash(`report-secret:${DEMO_QUERY_CODE}:${DEMO_QUERY_SECRET}`) : null,
        status,
        notAcceptedReason: status === 'not_accepted' ? '反映的问题不属于纪检监察机关受理范围，已告知向相关部门反映' : null,
        mergedIntoId: status === 'merged' ? firstHandled : null,
        assigneeTourGroupId: reached('assigned') ? assigneeTourGroupId : null,
        assigneeUnitId: reached('assigned') ? assigneeUnitId : null,
        reply: reached('replied') ? '经核查，反映问题基本属实，已责令相关单位立行立改，并对相关责任人进行批评教育。' : null,
        submittedAt,
        acceptedAt: reached('accepted') ? acceptedAt : null,
        repliedAt: reached('replied') ? repliedAt : null,
        closedAt: status === 'closed' ? new Date(repliedAt.getTime() + 2 * DAY) : ['not_accepted', 'merged'].includes(status) ? acceptedAt : null,
        acceptDueOn: dateOf(addWorkdays(day, 3)),
        replyDueOn: reached('accepted') ? dateOf(addWorkdays(acceptedDay, replyDays.get(category) ?? 15)) : null,
        rating: status === 'closed' ? (i % 3 === 0 ? 'basically_satisfied' : 'satisfied') : null,
        ratedAt: status === 'closed' ? new Date(repliedAt.getTime() + 2 * DAY) : null,
      },
    });
    if (!firstHandled && reached('accepted')) firstHandled = r.id;
    // fall back for merged reports seeded before any handled one
    if (status === 'merged' && !r.mergedIntoId) await p.report.update({ where: { id: r.id }, data: { status: 'not_accepted', notAcceptedReason: '重复反映' } });

    const ev = (kind: string, at: Date, from: ReportStatus | null, to: ReportStatus | null, publicNote: string, actor = intake): Prisma.ReportEventCreateManyInput =>
      ({ reportId: r.id, kind, at, fromStatus: from, toStatus: to, actorType: actor ? 'staff' : 'system', actorId: actor?.id ?? null, actorRole: actor?.role ?? null, publicNote });
    const events: Prisma.ReportEventCreateManyInput[] = [{ reportId: r.id, kind: 'submitted', at: submittedAt, fromStatus: null, toStatus: 'submitted' as ReportStatus, actorType: 'citizen', actorId: null, actorRole: null, publicNote: '已收到您的反映' }];
    if (status === 'not_accepted' || (status === 'merged' && !r.mergedIntoId)) events.push(ev('not_accepted', acceptedAt, 'submitted', 'not_accepted', '不予受理'));
    if (status === 'merged' && r.mergedIntoId) events.push(ev('merged', acceptedAt, 'submitted', 'merged', '与其他反映的问题相同，已合并办理'));
    if (reached('accepted')) events.push(ev('accepted', acceptedAt, 'submitted', 'accepted', '已受理'));
    if (reached('assigned')) events.push(ev('assigned', new Date(acceptedAt.getTime() + 3600_000), 'accepted', 'assigned', '已交办承办单位办理'));
    if (reached('in_progress')) events.push(ev('started', new Date(acceptedAt.getTime() + DAY), 'assigned', 'in_progress', '正在办理', toGroup ? tourMember : liaison));
    if (reached('replied')) events.push(ev('replied', repliedAt, 'in_progress', 'replied', '已答复，请查看答复内容并评价', toGroup ? tourMember : liaison));
    if (status === 'closed') {
      events.push({ ...ev('rated', new Date(repliedAt.getTime() + 2 * DAY), null, null, '评价：满意', null), actorType: 'citizen' });
      events.push({ ...ev('closed', new Date(repliedAt.getTime() + 2 * DAY), 'replied', 'closed', '已办结', null), actorType: 'citizen' });
    }
    await p.reportEvent.createMany({ data: events });
    n++;
  }
  return n;
}
