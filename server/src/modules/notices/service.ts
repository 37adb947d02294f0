// 巡察公示: compose, publish, withdraw. Only `published` notices are ever shown to the public.
import type { PublicTourNotice, TourNotice } from '@msjd/shared';
import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import { isCurrentRound, isoDate, isoOrNull } from '../tours';

export const noticeInclude = {
  tourRound: true,
  inspectedUnit: { include: { unit: true, tourGroup: true } },
} satisfies Prisma.TourNoticeInclude;
export type NoticeRow = Prisma.TourNoticeGetPayload<{ include: typeof noticeInclude }>;

export function toPublicNotice(n: NoticeRow, now: Date): PublicTourNotice {
  return {
    id: n.id,
    title: n.title,
    round: { id: n.tourRound.id, name: n.tourRound.name, code: n.tourRound.code, status: n.tourRound.status },
    unit: n.inspectedUnit ? { id: n.inspectedUnit.unit.id, name: n.inspectedUnit.unit.name } : null,
    group: n.inspectedUnit ? { name: n.inspectedUnit.tourGroup.name } : null,
    startsOn: isoDate(n.startsOn),
    endsOn: isoDate(n.endsOn),
    contactPhone: n.contactPhone,
    contactMailbox: n.contactMailbox,
    contactAddress: n.contactAddress,
    scope: n.scope,
    howToReport: n.howToReport,
    body: n.body,
    publishedAt: isoOrNull(n.publishedAt),
    current: isCurrentRound(n.tourRound, now),
  };
}

export function toStaffNotice(n: NoticeRow, now: Date): TourNotice {
  return {
    ...toPublicNotice(n, now),
    tourRoundId: n.tourRoundId,
    inspectedUnitId: n.inspectedUnitId,
    status: n.status,
    withdrawnAt: isoOrNull(n.withdrawnAt),
    withdrawReason: n.withdrawReason,
    createdAt: n.createdAt.toISOString(),
    updatedAt: n.updatedAt.toISOString(),
  };
}

/** Current rounds first, then the newest round, then the newest publication. */
export function sortPublicNotices(rows: NoticeRow[], now: Date): NoticeRow[] {
  return [...rows].sort((a, b) => {
    const ca = isCurrentRound(a.tourRound, now) ? 0 : 1;
    const cb = isCurrentRound(b.tourRound, now) ? 0 : 1;
    if (ca !== cb) return ca - cb;
    const s = b.tourRound.startsOn.getTime() - a.tourRound.startsOn.getTime();
    if (s) return s;
    return (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0);
  });
}

/** The notice a unit's QR scene shows: its own published notice, else the round's published round-wide notice. */
export async function currentNoticeFor(
  prisma: Pick<PrismaClient, 'tourNotice'>,
  inspected: { id: string; tourRoundId: string },
): Promise<NoticeRow | null> {
  const own = await prisma.tourNotice.findFirst({
    where: { inspectedUnitId: inspected.id, status: 'published' },
    include: noticeInclude,
    orderBy: { publishedAt: 'desc' },
  });
  if (own) return own;
  return prisma.tourNotice.findFirst({
    where: { tourRoundId: inspected.tourRoundId, inspectedUnitId: null, status: 'published' },
    include: noticeInclude,
    orderBy: { publishedAt: 'desc' },
  });
}
