// Test data for the 智慧巡察 modules: a unit, a tour group, a round and the inspected unit linking them.
import type { TestApp } from '../../test-support/app';

let n = 0;
export async function seedTour(t: TestApp, opts: { roundStatus?: 'planned' | 'active' | 'finished'; startsOn?: string; endsOn?: string } = {}) {
  const k = `${Date.now().toString(36)}${++n}`;
  const prisma = t.db.prisma;
  const unit = await prisma.unit.create({ data: { code: `U${k}`, name: `县农业农村局${k}`, kind: 'department' } });
  const group = await prisma.tourGroup.create({
    data: { name: `第${k}巡察组`, leader: '张组长', phone: '0871-1234567', mailbox: '县委巡察办信箱', address: '县行政中心5楼' },
  });
  const round = await prisma.tourRound.create({
    data: {
      name: `十五届县委第${k}轮巡察`,
      code: `R${k}`,
      startsOn: new Date(`${opts.startsOn ?? '2026-11-01'}T00:00:00Z`),
      endsOn: new Date(`${opts.endsOn ?? '2026-12-31'}T00:00:00Z`),
      status: opts.roundStatus ?? 'active',
    },
  });
  const inspected = await prisma.inspectedUnit.create({ data: { tourRoundId: round.id, unitId: unit.id, tourGroupId: group.id } });
  return { unit, group, round, inspected };
}
