// Demo 巡察公示 for the demo rounds (seed/demo.ts): the round under way has a round-wide notice and one per inspected
// unit, all published; the previous round keeps its published round-wide notice, one unit notice that was later
// withdrawn (so the demo shows that a withdrawn notice is not public) and one draft. Does nothing when notices exist.
import type { Prisma } from '../../generated/prisma/client';

type Tx = Prisma.TransactionClient;
const HOUR = 3600_000;

const scopeFor = (who: string) =>
  `巡察期间，巡察组主要受理反映${who}领导班子及其成员、下一级党组织领导班子主要负责人和重要岗位领导干部问题的来信来电来访，` +
  '重点是违反政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律和生活纪律等方面的问题，以及群众身边的不正之风和腐败问题。' +
  '不属于巡察受理范围的信访问题，将按规定转交被巡察单位和有关部门处理。';

const howToReport = (phone: string | null, mailbox: string | null, address: string | null) =>
  [
    phone ? `值班电话：${phone}（工作日 8:30-12:00、14:30-17:30）` : null,
    mailbox ? `电子邮箱：${mailbox}` : null,
    address ? `来信来访：${address}` : null,
    '也可在“码上监督”小程序点击“我要反映”，可以实名，也可以选择保密。',
  ]
    .filter(Boolean)
    .join('\n');

/** Published the afternoon before the round begins (Beijing time), as such notices are. */
const publishedBefore = (startsOn: Date) => new Date(startsOn.getTime() - 24 * HOUR + 7 * HOUR);

export async function seedDemoTourNotices(tx: Tx): Promise<number> {
  if ((await tx.tourNotice.count()) > 0) return 0;
  const createdById = (await tx.staffUser.findFirst({ where: { role: 'admin' }, orderBy: { createdAt: 'asc' } }))?.id ?? null;
  const rounds = await tx.tourRound.findMany({ orderBy: { startsOn: 'desc' }, take: 2 });
  let count = 0;
  for (const [r, round] of rounds.entries()) {
    const under = r === 0;
    const units = await tx.inspectedUnit.findMany({
      where: { tourRoundId: round.id },
      include: { unit: true, tourGroup: true },
      orderBy: { unit: { code: 'asc' } },
    });
    const groups = [...new Map(units.map((u) => [u.tourGroup.id, u.tourGroup])).values()];
    const lead = groups[0] ?? null;
    const publishedAt = publishedBefore(round.startsOn);
    await tx.tourNotice.create({
      data: {
        tourRoundId: round.id,
        title: `${round.name}公告`,
        startsOn: round.startsOn,
        endsOn: round.endsOn,
        contactPhone: lead?.phone ?? null,
        contactMailbox: lead?.mailbox ?? null,
        contactAddress: lead?.address ?? null,
        scope: scopeFor('各被巡察单位'),
        howToReport: howToReport(lead?.phone ?? null, lead?.mailbox ?? null, lead?.address ?? null),
        body:
          `根据县委巡察工作安排，${round.name}派出${groups.map((g) => g.name).join('、')}，` +
          `对${units.map((u) => u.unit.name).join('、')}等 ${units.length} 个单位开展常规巡察。欢迎广大干部群众如实反映问题。`,
        status: 'published',
        publishedAt,
        createdById,
      },
    });
    count++;
    // the round under way: every inspected unit; the previous round: one withdrawn and one draft, for the demo
    const unitNotices = under ? units : units.slice(0, 2);
    for (const [k, iu] of unitNotices.entries()) {
      const g = iu.tourGroup;
      const withdrawn = !under && k === 0;
      const draft = !under && k === 1;
      await tx.tourNotice.create({
        data: {
          tourRoundId: round.id,
          inspectedUnitId: iu.id,
          title: `${round.name}${g.name}进驻${iu.unit.name}公告`,
          startsOn: round.startsOn,
          endsOn: round.endsOn,
          contactPhone: g.phone,
          contactMailbox: g.mailbox,
          contactAddress: g.address,
          scope: scopeFor(iu.unit.name),
          howToReport: howToReport(g.phone, g.mailbox, g.address),
          body: null,
          status: draft ? 'draft' : withdrawn ? 'withdrawn' : 'published',
          publishedAt: draft ? null : publishedAt,
          withdrawnAt: withdrawn ? new Date(publishedAt.getTime() + 2 * HOUR) : null,
          withdrawReason: withdrawn ? '联系电话有误，更正后重新发布' : null,
          createdById,
        },
      });
      count++;
    }
  }
  return count;
}
