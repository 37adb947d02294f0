// Admin of 智慧巡察: rounds, groups (members = staff users with role tour_group) and the units each round inspects.
import {
  inspectedUnitBody,
  inspectedUnitSchema,
  tourGroupBody,
  tourGroupCandidateSchema,
  tourGroupSchema,
  tourRoundBody,
  tourRoundSchema,
  tourRoundStatusSchema,
  type TourRound as TourRoundDto,
} from '@msjd/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { conflict, AppError, notFound } from '../../errors';
import { isUniqueViolation } from '../../lib/retry';
import type { Prisma, TourRound } from '../../generated/prisma/client';
import { dateOnly, isoDate } from './common';
import { idParams } from '@msjd/shared/common';


async function unique<T>(p: Promise<T>, code: string, message: string): Promise<T> {
  try {
    return await p;
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(code, message);
    throw err;
  }
}

const roundDto = (r: TourRound & { _count?: { inspectedUnits: number } }): TourRoundDto => ({
  id: r.id,
  name: r.name,
  code: r.code,
  startsOn: isoDate(r.startsOn),
  endsOn: isoDate(r.endsOn),
  status: r.status,
  unitCount: r._count?.inspectedUnits,
});
const groupInclude = { members: { select: { id: true, username: true, displayName: true }, orderBy: { username: 'asc' } } } satisfies Prisma.TourGroupInclude;
type GroupRow = Prisma.TourGroupGetPayload<{ include: typeof groupInclude }>;
const groupDto = (g: GroupRow) => ({ id: g.id, name: g.name, leader: g.leader, phone: g.phone, mailbox: g.mailbox, address: g.address, members: g.members });
const iuInclude = { unit: { select: { id: true, code: true, name: true } }, tourGroup: { select: { id: true, name: true } } } satisfies Prisma.InspectedUnitInclude;
type IuRow = Prisma.InspectedUnitGetPayload<{ include: typeof iuInclude }>;
const iuDto = (i: IuRow) => ({ id: i.id, tourRoundId: i.tourRoundId, unit: i.unit, tourGroup: i.tourGroup });

export const tourRoutes: FastifyPluginAsyncZod = async (app) => {
  const prisma = app.db.prisma;

  // ---- rounds ----
  app.get(
    '/tour-rounds',
    {
      config: { permission: 'tour.read' },
      schema: { tags: ['巡察管理'], summary: '巡察轮次', querystring: z.object({ status: tourRoundStatusSchema.optional() }), response: { 200: z.object({ items: z.array(tourRoundSchema) }) } },
    },
    async (request) => {
      const rows = await prisma.tourRound.findMany({
        where: request.query.status ? { status: request.query.status } : {},
        include: { _count: { select: { inspectedUnits: true } } },
        orderBy: [{ startsOn: 'desc' }, { code: 'desc' }],
      });
      return { items: rows.map(roundDto) };
    },
  );
  app.post(
    '/tour-rounds',
    { config: { permission: 'tour.manage' }, schema: { tags: ['巡察管理'], summary: '新建巡察轮次', body: tourRoundBody, response: { 201: tourRoundSchema } } },
    async (request, reply) => {
      const b = request.body;
      const r = await prisma.$transaction(async (tx) => {
        const r = await unique(
          tx.tourRound.create({ data: { name: b.name, code: b.code, startsOn: dateOnly(b.startsOn), endsOn: dateOnly(b.endsOn), status: b.status } }),
          'ROUND_CODE_TAKEN',
          `轮次编号 ${b.code} 已存在`,
        );
        await app.audit(request, { action: 'tour_round.create', entity: 'tour_round', entityId: r.id }, tx);
        return r;
      });
      return reply.status(201).send(roundDto(r));
    },
  );
  app.put(
    '/tour-rounds/:id',
    { config: { permission: 'tour.manage' }, schema: { tags: ['巡察管理'], summary: '修改巡察轮次', params: idParams, body: tourRoundBody, response: { 200: tourRoundSchema } } },
    async (request) => {
      const b = request.body;
      if (!(await prisma.tourRound.findUnique({ where: { id: request.params.id } }))) throw notFound('巡察轮次');
      const r = await prisma.$transaction(async (tx) => {
        const r = await unique(
          tx.tourRound.update({
            where: { id: request.params.id },
            data: { name: b.name, code: b.code, startsOn: dateOnly(b.startsOn), endsOn: dateOnly(b.endsOn), status: b.status },
            include: { _count: { select: { inspectedUnits: true } } },
          }),
          'ROUND_CODE_TAKEN',
          `轮次编号 ${b.code} 已存在`,
        );
        await app.audit(request, { action: 'tour_round.update', entity: 'tour_round', entityId: r.id, detail: { status: r.status } }, tx);
        return r;
      });
      return roundDto(r);
    },
  );

  // ---- groups ----
  app.get(
    '/tour-groups',
    { config: { permission: 'tour.read' }, schema: { tags: ['巡察管理'], summary: '巡察组', response: { 200: z.object({ items: z.array(tourGroupSchema) }) } } },
    async () => ({ items: (await prisma.tourGroup.findMany({ include: groupInclude, orderBy: { name: 'asc' } })).map(groupDto) }),
  );

  // Members are staff users with role tour_group; the admin picks them when composing a group.
  app.get(
    '/tour-groups/candidates',
    {
      config: { permission: 'tour.manage' },
      schema: { tags: ['巡察管理'], summary: '可选的巡察组成员（“巡察组”角色的工作人员）', response: { 200: z.object({ items: z.array(tourGroupCandidateSchema) }) } },
    },
    async () => ({
      items: await prisma.staffUser.findMany({
        where: { role: 'tour_group' },
        select: { id: true, username: true, displayName: true, active: true, tourGroupId: true },
        orderBy: { username: 'asc' },
      }),
    }),
  );

  async function saveGroup(request: Parameters<typeof app.audit>[0], id: string | null, b: z.infer<typeof tourGroupBody>) {
    if (b.memberIds?.length) {
      const users = await prisma.staffUser.findMany({ where: { id: { in: b.memberIds } }, select: { id: true, role: true } });
      const bad = b.memberIds.filter((m) => users.find((u) => u.id === m)?.role !== 'tour_group');
      if (bad.length) throw new AppError('invalid', 'INVALID_MEMBERS', '巡察组成员须为“巡察组”角色的工作人员', { memberIds: bad });
    }
    return prisma.$transaction(async (tx) => {
      const data = { name: b.name, leader: b.leader ?? null, phone: b.phone ?? null, mailbox: b.mailbox ?? null, address: b.address ?? null };
      const g = await unique(id ? tx.tourGroup.update({ where: { id }, data }) : tx.tourGroup.create({ data }), 'GROUP_NAME_TAKEN', `巡察组 ${b.name} 已存在`);
      if (b.memberIds) {
        await tx.staffUser.updateMany({ where: { tourGroupId: g.id, id: { notIn: b.memberIds } }, data: { tourGroupId: null } });
        await tx.staffUser.updateMany({ where: { id: { in: b.memberIds } }, data: { tourGroupId: g.id } });
      }
      await app.audit(request, { action: id ? 'tour_group.update' : 'tour_group.create', entity: 'tour_group', entityId: g.id, detail: { memberIds: b.memberIds ?? null } }, tx);
      return tx.tourGroup.findUniqueOrThrow({ where: { id: g.id }, include: groupInclude });
    });
  }
  app.post(
    '/tour-groups',
    { config: { permission: 'tour.manage' }, schema: { tags: ['巡察管理'], summary: '新建巡察组', body: tourGroupBody, response: { 201: tourGroupSchema } } },
    async (request, reply) => reply.status(201).send(groupDto(await saveGroup(request, null, request.body))),
  );
  app.put(
    '/tour-groups/:id',
    {
      config: { permission: 'tour.manage' },
      schema: { tags: ['巡察管理'], summary: '修改巡察组（成员变更在其重新登录后生效）', params: idParams, body: tourGroupBody, response: { 200: tourGroupSchema } },
    },
    async (request) => {
      if (!(await prisma.tourGroup.findUnique({ where: { id: request.params.id } }))) throw notFound('巡察组');
      return groupDto(await saveGroup(request, request.params.id, request.body));
    },
  );

  // ---- inspected units ----
  app.get(
    '/tour-rounds/:id/units',
    { config: { permission: 'tour.read' }, schema: { tags: ['巡察管理'], summary: '本轮被巡察单位', params: idParams, response: { 200: z.object({ items: z.array(inspectedUnitSchema) }) } } },
    async (request) => {
      if (!(await prisma.tourRound.findUnique({ where: { id: request.params.id } }))) throw notFound('巡察轮次');
      const rows = await prisma.inspectedUnit.findMany({ where: { tourRoundId: request.params.id }, include: iuInclude, orderBy: { unit: { code: 'asc' } } });
      return { items: rows.map(iuDto) };
    },
  );
  app.post(
    '/tour-rounds/:id/units',
    { config: { permission: 'tour.manage' }, schema: { tags: ['巡察管理'], summary: '添加被巡察单位', params: idParams, body: inspectedUnitBody, response: { 201: inspectedUnitSchema } } },
    async (request, reply) => {
      const { unitId, tourGroupId } = request.body;
      const [round, unit, group] = await Promise.all([
        prisma.tourRound.findUnique({ where: { id: request.params.id } }),
        prisma.unit.findUnique({ where: { id: unitId } }),
        prisma.tourGroup.findUnique({ where: { id: tourGroupId } }),
      ]);
      if (!round) throw notFound('巡察轮次');
      if (!unit) throw notFound('单位');
      if (!group) throw notFound('巡察组');
      const iu = await prisma.$transaction(async (tx) => {
        const iu = await unique(
          tx.inspectedUnit.create({ data: { tourRoundId: round.id, unitId, tourGroupId }, include: iuInclude }),
          'UNIT_ALREADY_INSPECTED',
          `${unit.name} 已在本轮被巡察单位中`,
        );
        await app.audit(request, { action: 'inspected_unit.create', entity: 'inspected_unit', entityId: iu.id }, tx);
        return iu;
      });
      return reply.status(201).send(iuDto(iu));
    },
  );
  app.patch(
    '/inspected-units/:id',
    {
      config: { permission: 'tour.manage' },
      schema: { tags: ['巡察管理'], summary: '调整负责的巡察组', params: idParams, body: z.object({ tourGroupId: z.uuid() }), response: { 200: inspectedUnitSchema } },
    },
    async (request) => {
      if (!(await prisma.inspectedUnit.findUnique({ where: { id: request.params.id } }))) throw notFound('被巡察单位');
      if (!(await prisma.tourGroup.findUnique({ where: { id: request.body.tourGroupId } }))) throw notFound('巡察组');
      const iu = await prisma.$transaction(async (tx) => {
        const iu = await tx.inspectedUnit.update({ where: { id: request.params.id }, data: { tourGroupId: request.body.tourGroupId }, include: iuInclude });
        await app.audit(request, { action: 'inspected_unit.update', entity: 'inspected_unit', entityId: iu.id, detail: { tourGroupId: iu.tourGroupId } }, tx);
        return iu;
      });
      return iuDto(iu);
    },
  );
  app.delete(
    '/inspected-units/:id',
    { config: { permission: 'tour.manage' }, schema: { tags: ['巡察管理'], summary: '移除被巡察单位（无已发布公示时）', params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      const iu = await prisma.inspectedUnit.findUnique({ where: { id: request.params.id } });
      if (!iu) throw notFound('被巡察单位');
      if (await prisma.tourNotice.count({ where: { inspectedUnitId: iu.id, status: 'published' } })) {
        throw conflict('HAS_PUBLISHED_NOTICE', '该单位有已发布的巡察公示，请先撤回');
      }
      await prisma.$transaction(async (tx) => {
        await tx.inspectedUnit.delete({ where: { id: iu.id } });
        await app.audit(request, { action: 'inspected_unit.delete', entity: 'inspected_unit', entityId: iu.id }, tx);
      });
      return reply.status(204).send(null);
    },
  );
};
