// Demo data at the source report's scale: 41 units on board, 40 monitoring points, 8 tour rounds, 3 tour groups,
// 88 inspected units, one staff user per role. Loaded once: a second start finds it and does nothing.
import type { Database } from '../db/database';
import { runDemoAlerts, seedDemoAlertData } from '../modules/alerts/demo';
import type { Sealer } from '../lib/sealing';
import { hashPassword, verifyPassword } from '../modules/auth/password';
import { seedDemoTourNotices } from '../modules/notices/seed';
import { seedDemoSurveys } from '../modules/surveys/seed';
import { seedDemoPhrases } from '../modules/phrases';

export const DEMO_PASSWORD = 'Demo@2026';
/**
 * The demo administrator and supervisor must use a second factor like everyone in those roles; they are enrolled
 * with this published secret (printed in the start banner, `pnpm -s cli demo totp` prints the current code). Demo
 * data is for development only: production has no demo accounts and no published secret.
 */
export const DEMO_TOTP_SECRET = 'MSJDDEMOTOTPSECRETKEYAAAAAAAAAAA';
export const DEMO_TOTP_USERS = ['admin', 'supervisor'] as const;

/**
 * Enrols the demo administrator and supervisor with DEMO_TOTP_SECRET, if they still have no second factor and
 * still the demo password (an account someone has taken over is never touched). Outside production only.
 */
export async function enrolDemoTotp(db: Database, sealer: Sealer, now: Date): Promise<string[]> {
  const enrolled: string[] = [];
  for (const username of DEMO_TOTP_USERS) {
    const user = await db.prisma.staffUser.findUnique({ where: { username } });
    if (!user || user.totpEnabledAt || !(await verifyPassword(user.passwordHash, DEMO_PASSWORD))) continue;
    await db.prisma.staffUser.update({ where: { id: user.id }, data: { totpSecretSealed: sealer.seal(DEMO_TOTP_SECRET), totpEnabledAt: now, totpLastStep: null } });
    enrolled.push(username);
  }
  return enrolled;
}

const departments = [
  '县发展和改革局', '县教育局', '县科学技术局', '县工业和信息化局', '县公安局', '县民政局', '县司法局', '县财政局',
  '县人力资源和社会保障局', '县自然资源局', '县生态环境分局', '县住房和城乡建设局', '县交通运输局', '县水利局', '县农业农村局',
  '县商务局', '县文化广电旅游局', '县卫生健康局', '县退役军人事务局', '县应急管理局', '县审计局', '县市场监督管理局',
  '县医疗保障局', '县林业局', '县统计局', '县行政审批服务局', '县税务局', '县不动产登记中心', '县公积金管理中心', '县供电公司',
];
const townships = ['城关镇', '东关镇', '西河镇', '南山镇', '北岭镇', '柳林镇', '杨庄乡', '石桥乡', '清水乡', '白云乡', '高店乡'];

export async function seedDemoData(db: Database): Promise<null | Record<string, number>> {
  if (await db.prisma.staffUser.findUnique({ where: { username: 'admin' } })) return null;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const seeded = await db.prisma.$transaction(
    async (tx) => {
      const units = [];
      for (const [i, name] of departments.entries()) {
        units.push(await tx.unit.create({ data: { code: `D${String(i + 1).padStart(3, '0')}`, name, kind: 'department', onboard: true } }));
      }
      for (const [i, name] of townships.entries()) {
        units.push(await tx.unit.create({ data: { code: `T${String(i + 1).padStart(3, '0')}`, name, kind: 'township', onboard: true } }));
      }
      const groups = [];
      for (const [i, n] of ['第一巡察组', '第二巡察组', '第三巡察组'].entries()) {
        groups.push(
          await tx.tourGroup.create({
            data: {
              name: n,
              leader: ['王建国', '李卫东', '张红梅'][i],
              phone: `0371-6688${String(1001 + i)}`,
              mailbox: `xcz${i + 1}@jw.example.gov.cn`,
              address: `县纪委监委 ${301 + i} 室`,
            },
          }),
        );
      }
      // 8 rounds over 2023-2026, 11 units each = 88 inspected units; groups rotate.
      let inspected = 0;
      for (let r = 0; r < 8; r++) {
        const year = 2023 + Math.floor(r / 2);
        const half = r % 2;
        const startsOn = new Date(Date.UTC(year, half ? 8 : 2, 1));
        // The round under way must still be under way on the day the demo is loaded (an ended round reads 已结束 and
        // closes its survey): it runs at least 60 more days from the load.
        const scheduledEnd = new Date(Date.UTC(year, half ? 10 : 4, 30));
        const endsOn = r === 7 ? new Date(Math.max(scheduledEnd.getTime(), Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 60))) : scheduledEnd;
        const round = await tx.tourRound.create({
          data: {
            code: `${year}-${half + 1}`,
            name: `县委第${['一', '二', '三', '四', '五', '六', '七', '八'][r]}轮巡察`,
            startsOn,
            endsOn,
            status: r === 7 ? 'active' : 'finished',
          },
        });
        for (let k = 0; k < 11; k++) {
          const unit = units[(r * 11 + k) % units.length]!;
          await tx.inspectedUnit.create({ data: { tourRoundId: round.id, unitId: unit.id, tourGroupId: groups[k % 3]!.id } });
          inspected++;
        }
      }
      for (let i = 0; i < 40; i++) {
        const host = units[i % units.length]!;
        await tx.monitoringPoint.create({
          data: {
            code: `JC${String(i + 1).padStart(2, '0')}`,
            name: i < 30 ? `${host.name}营商环境监测点` : `${townships[i - 30] ?? '县'}企业服务监测点`,
            address: `县政务服务中心 ${1 + (i % 3)} 楼 ${String(i + 1).padStart(2, '0')} 号窗口`,
            contact: '联络员',
            phone: `0371-6699${String(2001 + i)}`,
            unitId: host.id,
          },
        });
      }
      const staff = [
        { username: 'admin', displayName: '系统管理员', role: 'admin' as const },
        { username: 'supervisor', displayName: '纪检干部 周明', role: 'supervisor' as const },
        { username: 'intake', displayName: '受理员 陈静', role: 'intake' as const },
        { username: 'tour1', displayName: '第一巡察组 刘洋', role: 'tour_group' as const, tourGroupId: groups[0]!.id },
        { username: 'liaison', displayName: '城关镇联络员 赵强', role: 'unit_liaison' as const, unitId: units[30]!.id },
      ];
      for (const s of staff) await tx.staffUser.create({ data: { ...s, passwordHash } });
      const tours = { tourNotices: await seedDemoTourNotices(tx), surveys: await seedDemoSurveys(tx), handlingPhrases: await seedDemoPhrases(tx) };
      return { units: units.length, tourGroups: groups.length, tourRounds: 8, inspectedUnits: inspected, monitoringPoints: 40, staff: staff.length, ...tours };
    },
    { timeout: 60_000 },
  );
  // the alert pages have warnings and escalations from the first start: demo service cases, one run as of today
  return { ...seeded, ...(await seedDemoAlertData(db)), ...(await runDemoAlerts(db, new Date())) };
}
