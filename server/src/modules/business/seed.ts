// Demo data of 营商环境监督 at the source report's scale: 1,805 service items of the 41 units on board, 120
// enterprises attached to the 40 monitoring points, 2 campaigns (one closed, one open), 261 evaluations and 31 cases
// (22 bad ratings + 9 投诉) in every handling state, some replied late and some overdue. Deterministic for a given
// `now` (dates are relative to it); runs once: it does nothing when enterprises exist or the demo units are missing.
import type { FastifyInstance } from 'fastify';
import { complaintFilingCategories, creditCodeCheckChar, CREDIT_CODE_CHARSET, type ComplaintCategory } from '@msjd/shared';
import type { Database } from '../../db/database';
import type { Sealer } from '../../lib/sealing';
import { addWorkdays, toShanghaiDate } from '../calendar';
import { campaignTargets, type Target } from './campaigns/service';
import { badRatingContent, openCase } from './complaints/service';
import { dateOf, type Tx } from './common';

export const DEMO_ITEM_COUNT = 1805;
export const DEMO_ENTERPRISE_COUNT = 120;
export const DEMO_EVALUATION_COUNT = 261;
export const DEMO_COMPLAINT_COUNT = 31;
const EXPLICIT_COMPLAINTS = 9;

const subjects = ['企业设立', '企业变更', '建设项目', '资质', '证照', '年度报告', '专项资金', '补贴', '信息公开', '档案查询', '证明'];
const actions = ['登记', '备案', '审批', '延续'];
const materialPool = ['申请表', '营业执照复印件', '法定代表人身份证明', '授权委托书', '项目可行性研究报告', '场地使用证明', '相关资质证书', '承诺书', '财务报表', '现场照片'];
const enterpriseWords = ['恒信', '华泰', '鑫源', '宏达', '中和', '德润', '安康', '远航', '金穗', '同创', '瑞丰', '嘉禾'];
const enterpriseKinds = ['建材有限公司', '农业科技有限公司', '商贸有限公司', '食品有限公司', '建筑工程有限公司', '物流有限公司', '电子科技有限公司', '餐饮管理有限公司', '纺织有限公司', '医药连锁有限公司'];
const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const givenNames = ['建华', '秀英', '志强', '丽娟', '海波', '晓明', '春梅', '国庆', '文静', '德福'];
const goodComments = ['窗口服务热情，一次办好。', '材料一次性告知，办理很快。', '网上办理方便，进度清楚。', '工作人员耐心解答政策。', ''];
const badComments = ['材料反复退回，来回跑了三趟。', '承诺时限已过仍未办结，也无人说明原因。', '窗口人员态度生硬，咨询不予理睬。', '要求提供与事项无关的证明材料。'];
const complaintTexts: Record<string, string> = {
  efficiency: '申请提交后两周无人受理，多次电话催问均称“在走流程”。',
  attitude: '窗口工作人员对咨询不耐烦，当面摔材料，态度恶劣。',
  policy: '惠企补贴政策已公布，申请时却被告知“还没有实施细则”无法办理。',
  fees: '办理过程中被要求另交“加急服务费”，没有任何收据。',
  extortion: '经办人员暗示需要“表示表示”才能尽快审批。',
  other: '办理地点搬迁未提前公告，企业白跑一趟。',
};

/** A deterministic sequence in [0, 1). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function demoCreditCode(n: number): string {
  let id = '';
  let x = n + 1000;
  for (let i = 0; i < 7; i++) {
    id = CREDIT_CODE_CHARSET[x % 31]! + id;
    x = Math.floor(x / 31);
  }
  const first17 = `91410522MA${id}`;
  return first17 + creditCodeCheckChar(first17)!;
}

const DAY = 24 * 3600_000;
/** 10:00 Shanghai on the calendar day `days` before `now`, plus a few minutes so times differ. */
const at = (now: Date, days: number, minutes = 0) => new Date(dateOf(toShanghaiDate(new Date(now.getTime() - days * DAY))).getTime() + 2 * 3600_000 + minutes * 60_000);

/** Moves a freshly opened case (accepted) on through the report workflow, with the timeline a real one would have. */
async function advance(tx: Tx, reportId: string, unitId: string, stage: number, openedAt: Date, replyAt: Date, now: Date) {
  if (stage < 1) return;
  const step = (h: number) => new Date(Math.min(openedAt.getTime() + h * 3600_000, now.getTime()));
  await tx.report.update({ where: { id: reportId }, data: { status: 'assigned', assigneeUnitId: unitId } });
  await tx.reportEvent.create({ data: { reportId, kind: 'assigned', fromStatus: 'accepted', toStatus: 'assigned', actorType: 'staff', actorRole: 'intake', publicNote: '已交办承办单位办理', at: step(2) } });
  if (stage < 2) return;
  await tx.report.update({ where: { id: reportId }, data: { status: 'in_progress' } });
  await tx.reportEvent.create({ data: { reportId, kind: 'started', fromStatus: 'assigned', toStatus: 'in_progress', actorType: 'staff', actorRole: 'unit_liaison', publicNote: '正在办理', at: step(26) } });
  if (stage < 3) return;
  const reply = '经核实，已责成窗口整改：材料清单一次性告知、超时办件专人跟踪，并向企业当面说明情况。';
  await tx.report.update({ where: { id: reportId }, data: { status: 'replied', reply, repliedAt: replyAt } });
  await tx.reportEvent.create({ data: { reportId, kind: 'replied', fromStatus: 'in_progress', toStatus: 'replied', actorType: 'staff', actorRole: 'unit_liaison', publicNote: '已答复，请查看答复内容并评价', at: replyAt } });
  if (stage < 4) return;
  const ratedAt = new Date(Math.min(replyAt.getTime() + DAY, now.getTime()));
  await tx.report.update({ where: { id: reportId }, data: { status: 'closed', rating: 'satisfied', ratedAt, closedAt: ratedAt } });
  await tx.reportEvent.createMany({
    data: [
      { reportId, kind: 'rated', actorType: 'citizen', publicNote: '评价：满意', at: ratedAt },
      { reportId, kind: 'closed', fromStatus: 'replied', toStatus: 'closed', actorType: 'citizen', publicNote: '已办结', at: ratedAt },
    ],
  });
}

export async function seedDemoBusiness(db: Database, sealer: Sealer, now: Date = new Date()): Promise<null | Record<string, number>> {
  const p = db.prisma;
  if ((await p.enterprise.count()) > 0) return null;
  const units = await p.unit.findMany({ where: { onboard: true }, orderBy: { code: 'asc' } });
  const points = await p.monitoringPoint.findMany({ orderBy: { code: 'asc' } });
  if (units.length === 0 || points.length === 0) return null;
  const rnd = lcg(20261124);
  const overrides = new Map((await p.calendarOverride.findMany()).map((o) => [o.day.toISOString().slice(0, 10), o.isWorkday]));

  return p.$transaction(
    async (tx) => {
      // service items: 1,805 spread over the units on board, codes <unit code>-<nnn> as in the import template
      if ((await tx.serviceItem.count()) === 0) {
        const rows = [];
        for (let k = 0; k < DEMO_ITEM_COUNT; k++) {
          const unit = units[k % units.length]!;
          const n = Math.floor(k / units.length);
          const name = `${subjects[n % subjects.length]}${actions[Math.floor(n / subjects.length) % actions.length]}${n >= subjects.length * actions.length ? `（${n + 1}）` : ''}`;
          const materials = materialPool.filter((_, i) => (i + k) % 3 === 0 || i === 0).slice(0, 2 + (k % 4));
          rows.push({ code: `${unit.code}-${String(n + 1).padStart(3, '0')}`, name, unitId: unit.id, promisedDays: [0, 3, 5, 10, 15, 20][k % 6]!, materials });
        }
        await tx.serviceItem.createMany({ data: rows });
      }

      // enterprises: three per point, each with one bound member whose contact is sealed
      const enterprises: { id: string; pointId: string; member: { citizenId: string; contactNameSealed: string; contactPhoneSealed: string } }[] = [];
      for (let n = 0; n < DEMO_ENTERPRISE_COUNT; n++) {
        const point = points[n % points.length]!;
        const createdAt = at(now, 260 - (n % 50));
        const citizen = await tx.citizen.create({ data: { subjectHash: sealer.keyedHash(`demo-enterprise:${n}`), via: 'device', createdAt, lastSeenAt: createdAt } });
        const e = await tx.enterprise.create({
          data: {
            creditCode: demoCreditCode(n),
            name: `县${enterpriseWords[n % enterpriseWords.length]}${enterpriseKinds[Math.floor(n / enterpriseWords.length) % enterpriseKinds.length]}`,
            monitoringPointId: point.id,
            createdAt,
          },
        });
        const phone = `139${String(50000000 + n * 7919).slice(-8)}`;
        const member = {
          citizenId: citizen.id,
          contactNameSealed: sealer.seal(`${surnames[n % surnames.length]}${givenNames[(n * 3) % givenNames.length]}`),
          contactPhoneSealed: sealer.seal(phone),
        };
        await tx.enterpriseMember.create({ data: { ...member, enterpriseId: e.id, phoneTail: phone.slice(-4), boundAt: createdAt } });
        enterprises.push({ id: e.id, pointId: point.id, member });
      }

      // campaigns: the first half-year's, closed; the current one, open (every point; the second covers 20 units)
      const c1 = await tx.evaluationCampaign.create({
        data: { name: '上半年政务服务“好差评”评议', description: '全县进驻单位及其服务事项', startsOn: dateOf(toShanghaiDate(at(now, 230))), endsOn: dateOf(toShanghaiDate(at(now, 120))), status: 'closed', createdAt: at(now, 235) },
      });
      const c2 = await tx.evaluationCampaign.create({
        data: {
          name: '下半年营商环境监测评议',
          description: '重点评议审批服务类单位',
          startsOn: dateOf(toShanghaiDate(at(now, 75))),
          endsOn: dateOf(toShanghaiDate(at(now, -30))),
          status: 'open',
          createdAt: at(now, 80),
          units: { create: units.slice(0, 20).map((u) => ({ unitId: u.id })) },
        },
      });
      const plan: { campaignId: string; count: number; from: number; to: number; targets: Target[] }[] = [
        { campaignId: c1.id, count: 141, from: 230, to: 121, targets: await campaignTargets(tx, c1.id) },
        { campaignId: c2.id, count: DEMO_EVALUATION_COUNT - 141, from: 75, to: 1, targets: await campaignTargets(tx, c2.id) },
      ];

      // levels: mostly 4-5, some 3, 22 bad ratings in all
      const badAt = new Set<number>();
      for (let i = 0; badAt.size < DEMO_COMPLAINT_COUNT - EXPLICIT_COMPLAINTS; i++) badAt.add((i * 12 + 5) % DEMO_EVALUATION_COUNT);
      const shim = (t: Date) => ({ clock: { now: () => t } }) as unknown as FastifyInstance; // the seed has no app: the notice needs only a clock
      const cases: { reportId: string; unitId: string; openedAt: Date }[] = [];
      let k = 0;
      for (const c of plan) {
        const used = new Set<string>();
        for (let i = 0; i < c.count; i++, k++) {
          const e = enterprises[(i * 7 + k) % enterprises.length]!;
          let target = c.targets[Math.floor(rnd() * c.targets.length)]!;
          while (used.has(`${e.id}:${target.targetId}`)) target = c.targets[Math.floor(rnd() * c.targets.length)]!;
          used.add(`${e.id}:${target.targetId}`);
          const level = badAt.has(k) ? (k % 2 ? 1 : 2) : [5, 5, 4, 5, 4, 4, 3, 5, 4, 5][k % 10]!;
          const createdAt = at(now, c.from - Math.floor(((c.from - c.to) * i) / c.count), k % 480);
          const comment = level <= 2 ? badComments[k % badComments.length]! : goodComments[k % goodComments.length]! || null;
          const ev = await tx.evaluation.create({
            data: {
              campaignId: c.campaignId,
              enterpriseId: e.id,
              citizenId: e.member.citizenId,
              targetType: target.targetType,
              targetId: target.targetId,
              serviceItemId: target.targetType === 'service_item' ? target.targetId : null,
              unitId: target.unitId,
              monitoringPointId: e.pointId,
              level,
              efficiency: k % 3 === 0 ? Math.max(1, level - (k % 2)) : null,
              attitude: k % 3 === 0 ? level : null,
              policy: k % 6 === 0 ? Math.min(5, level + 1) : null,
              comment,
              createdAt,
            },
          });
          if (level <= 2) {
            const { report } = await openCase(
              shim(createdAt),
              tx,
              {
                kind: 'bad_rating',
                category: 'bad_rating',
                enterpriseId: e.id,
                member: e.member,
                targetType: target.targetType,
                targetId: target.targetId,
                targetName: target.name,
                unitId: target.unitId,
                monitoringPointId: e.pointId,
                content: badRatingContent(target.name, target.unitName, level, comment),
                evaluationId: ev.id,
              },
              createdAt,
            );
            cases.push({ reportId: report.id, unitId: target.unitId, openedAt: createdAt });
          }
        }
      }
      for (let j = 0; j < EXPLICIT_COMPLAINTS; j++) {
        const e = enterprises[(j * 13 + 3) % enterprises.length]!;
        const unit = units[(j * 5 + 2) % units.length]!;
        const category = complaintFilingCategories[j % complaintFilingCategories.length]! as ComplaintCategory;
        const openedAt = at(now, 90 - j * 9, 30 + j);
        const { report } = await openCase(
          shim(openedAt),
          tx,
          {
            kind: 'complaint',
            category,
            enterpriseId: e.id,
            member: e.member,
            targetType: 'unit',
            targetId: unit.id,
            targetName: unit.name,
            unitId: unit.id,
            monitoringPointId: e.pointId,
            content: complaintTexts[category]!,
          },
          openedAt,
        );
        cases.push({ reportId: report.id, unitId: unit.id, openedAt });
      }

      // handling states: older cases further along; every fifth replied case replied after its deadline
      cases.sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime());
      let replied = 0;
      for (const [i, c] of cases.entries()) {
        const ageDays = (now.getTime() - c.openedAt.getTime()) / DAY;
        const stage = ageDays > 40 ? 4 : ageDays > 25 ? (i % 2 ? 4 : 3) : ageDays > 12 ? [3, 2, 1][i % 3]! : ageDays > 4 ? [2, 1, 0][i % 3]! : 0;
        const day = toShanghaiDate(c.openedAt);
        const late = stage >= 3 && replied++ % 5 === 4;
        const replyDay = addWorkdays(day, late ? 18 : 8, overrides);
        const replyAt = new Date(Math.min(new Date(`${replyDay}T15:00:00+08:00`).getTime(), now.getTime() - 3600_000));
        await advance(tx, c.reportId, c.unitId, stage, c.openedAt, replyAt, now);
      }
      // 申诉复核: the oldest bad rating was found mistaken (upheld, no longer counted); the newest awaits review
      const bads = await tx.evaluation.findMany({ where: { level: { lte: 2 } }, orderBy: { createdAt: 'asc' } });
      const [oldest, newest] = [bads[0]!, bads[bads.length - 1]!];
      await tx.evaluationAppeal.create({
        data: {
          evaluationId: oldest.id,
          status: 'upheld',
          reason: '企业所称“反复退回”系申请材料与营业执照信息不一致所致，退回符合规定，附办件记录。',
          filedById: 'demo',
          filedByRole: 'unit_liaison',
          filedAt: new Date(oldest.createdAt.getTime() + 3 * DAY),
          reviewReason: '经调阅办件记录和窗口录像，退回理由成立，该差评系误解，申诉成立。',
          reviewedById: 'demo',
          reviewedAt: new Date(oldest.createdAt.getTime() + 5 * DAY),
        },
      });
      await tx.evaluationAppeal.create({
        data: { evaluationId: newest.id, reason: '该企业当日未到窗口办理，评价对象有误。', filedById: 'demo', filedByRole: 'unit_liaison', filedAt: new Date(Math.min(newest.createdAt.getTime() + DAY, now.getTime())) },
      });
      return { serviceItems: DEMO_ITEM_COUNT, enterprises: enterprises.length, campaigns: 2, evaluations: k, complaints: cases.length, appeals: 2 };
    },
    { timeout: 300_000 },
  );
}
