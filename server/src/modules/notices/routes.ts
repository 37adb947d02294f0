import {
  pageOf,
  publicTourNoticeListQuery,
  publicTourNoticeSchema,
  tourNoticeBody,
  tourNoticeListQuery,
  tourNoticeSchema,
  tourNoticeUpdateBody,
  tourNoticeWithdrawBody,
} from '@msjd/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { conflict, notFound } from '../../errors';
import type { Prisma } from '../../generated/prisma/client';
import { type StaffActor, staffActor } from '../../plugins/auth';
import { assertGroupScope, dateOnly } from '../tours';
import { noticeInclude, type NoticeRow, sortPublicNotices, toPublicNotice, toStaffNotice } from './service';
import { idParams } from '@msjd/shared/common';


export const staffNoticeRoutes: FastifyPluginAsyncZod = async (app) => {
  const prisma = app.db.prisma;

  async function load(id: string, actor: StaffActor): Promise<NoticeRow> {
    const n = await prisma.tourNotice.findUnique({ where: { id }, include: noticeInclude });
    if (!n) throw notFound('巡察公示');
    assertGroupScope(actor, n.inspectedUnit?.tourGroupId ?? null);
    return n;
  }

  app.get(
    '/tour-notices',
    { config: { permission: 'tour.notice' }, schema: { tags: ['巡察公示'], summary: '巡察公示列表', querystring: tourNoticeListQuery, response: { 200: pageOf(tourNoticeSchema) } } },
    async (request) => {
      const actor = staffActor(request);
      const { tourRoundId, status, page, pageSize } = request.query;
      const where: Prisma.TourNoticeWhereInput = {
        ...(tourRoundId ? { tourRoundId } : {}),
        ...(status ? { status } : {}),
        ...(actor.role === 'tour_group' ? { inspectedUnit: { tourGroupId: actor.tourGroupId ?? '00000000-0000-0000-0000-000000000000' } } : {}),
      };
      const [rows, total] = await Promise.all([
        prisma.tourNotice.findMany({ where, include: noticeInclude, orderBy: { createdAt: 'desc' }, skip: (page - 1) * pageSize, take: pageSize }),
        prisma.tourNotice.count({ where }),
      ]);
      const now = app.clock.now();
      return { items: rows.map((n) => toStaffNotice(n, now)), total, page, pageSize };
    },
  );

  app.get(
    '/tour-notices/:id',
    { config: { permission: 'tour.notice' }, schema: { tags: ['巡察公示'], summary: '巡察公示详情（含预览）', params: idParams, response: { 200: tourNoticeSchema } } },
    async (request) => toStaffNotice(await load(request.params.id, staffActor(request)), app.clock.now()),
  );

  app.post(
    '/tour-notices',
    { config: { permission: 'tour.notice' }, schema: { tags: ['巡察公示'], summary: '起草巡察公示', body: tourNoticeBody, response: { 201: tourNoticeSchema } } },
    async (request, reply) => {
      const actor = staffActor(request);
      const b = request.body;
      const round = await prisma.tourRound.findUnique({ where: { id: b.tourRoundId } });
      if (!round) throw notFound('巡察轮次');
      let group: { phone: string | null; mailbox: string | null; address: string | null } | null = null;
      if (b.inspectedUnitId) {
        const iu = await prisma.inspectedUnit.findUnique({ where: { id: b.inspectedUnitId }, include: { tourGroup: true } });
        if (!iu || iu.tourRoundId !== round.id) throw notFound('本轮次的被巡察单位');
        assertGroupScope(actor, iu.tourGroupId);
        group = iu.tourGroup;
      } else {
        assertGroupScope(actor, null);
      }
      const created = await prisma.$transaction(async (tx) => {
        const n = await tx.tourNotice.create({
          data: {
            tourRoundId: round.id,
            inspectedUnitId: b.inspectedUnitId ?? null,
            title: b.title,
            startsOn: b.startsOn ? dateOnly(b.startsOn) : round.startsOn,
            endsOn: b.endsOn ? dateOnly(b.endsOn) : round.endsOn,
            contactPhone: b.contactPhone ?? group?.phone ?? null,
            contactMailbox: b.contactMailbox ?? group?.mailbox ?? null,
            contactAddress: b.contactAddress ?? group?.address ?? null,
            scope: b.scope,
            howToReport: b.howToReport,
            body: b.body ?? null,
            createdById: actor.id,
          },
          include: noticeInclude,
        });
        await app.audit(request, { action: 'tour_notice.create', entity: 'tour_notice', entityId: n.id }, tx);
        return n;
      });
      return reply.status(201).send(toStaffNotice(created, app.clock.now()));
    },
  );

  app.patch(
    '/tour-notices/:id',
    {
      config: { permission: 'tour.notice' },
      schema: { tags: ['巡察公示'], summary: '修改巡察公示（草稿或已撤回）', params: idParams, body: tourNoticeUpdateBody, response: { 200: tourNoticeSchema } },
    },
    async (request) => {
      const n = await load(request.params.id, staffActor(request));
      if (n.status === 'published') throw conflict('NOTICE_PUBLISHED', '已发布的公示不能直接修改，请先撤回');
      const b = request.body;
      const startsOn = b.startsOn ? dateOnly(b.startsOn) : n.startsOn;
      const endsOn = b.endsOn ? dateOnly(b.endsOn) : n.endsOn;
      if (startsOn > endsOn) throw conflict('INVALID_PERIOD', '结束日期不能早于开始日期');
      const updated = await prisma.$transaction(async (tx) => {
        const u = await tx.tourNotice.update({
          where: { id: n.id },
          data: {
            title: b.title,
            startsOn,
            endsOn,
            contactPhone: b.contactPhone,
            contactMailbox: b.contactMailbox,
            contactAddress: b.contactAddress,
            scope: b.scope,
            howToReport: b.howToReport,
            body: b.body,
          },
          include: noticeInclude,
        });
        await app.audit(request, { action: 'tour_notice.update', entity: 'tour_notice', entityId: n.id }, tx);
        return u;
      });
      return toStaffNotice(updated, app.clock.now());
    },
  );

  app.post(
    '/tour-notices/:id/publish',
    { config: { permission: 'tour.notice' }, schema: { tags: ['巡察公示'], summary: '发布巡察公示', params: idParams, response: { 200: tourNoticeSchema } } },
    async (request) => {
      const n = await load(request.params.id, staffActor(request));
      if (n.status === 'published') throw conflict('NOTICE_PUBLISHED', '该公示已发布');
      const updated = await prisma.$transaction(async (tx) => {
        const u = await tx.tourNotice.update({
          where: { id: n.id },
          data: { status: 'published', publishedAt: app.clock.now(), withdrawnAt: null, withdrawReason: null },
          include: noticeInclude,
        });
        await app.audit(request, { action: 'tour_notice.publish', entity: 'tour_notice', entityId: n.id }, tx);
        return u;
      });
      return toStaffNotice(updated, app.clock.now());
    },
  );

  app.post(
    '/tour-notices/:id/withdraw',
    {
      config: { permission: 'tour.notice' },
      schema: { tags: ['巡察公示'], summary: '撤回巡察公示（立即从小程序消失）', params: idParams, body: tourNoticeWithdrawBody, response: { 200: tourNoticeSchema } },
    },
    async (request) => {
      const n = await load(request.params.id, staffActor(request));
      if (n.status !== 'published') throw conflict('NOTICE_NOT_PUBLISHED', '只有已发布的公示可以撤回');
      const updated = await prisma.$transaction(async (tx) => {
        const u = await tx.tourNotice.update({
          where: { id: n.id },
          data: { status: 'withdrawn', withdrawnAt: app.clock.now(), withdrawReason: request.body.reason },
          include: noticeInclude,
        });
        await app.audit(request, { action: 'tour_notice.withdraw', entity: 'tour_notice', entityId: n.id, reason: request.body.reason }, tx);
        return u;
      });
      return toStaffNotice(updated, app.clock.now());
    },
  );

  app.delete(
    '/tour-notices/:id',
    { config: { permission: 'tour.notice' }, schema: { tags: ['巡察公示'], summary: '删除草稿', params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      const n = await load(request.params.id, staffActor(request));
      if (n.status !== 'draft') throw conflict('NOTICE_NOT_DRAFT', '只能删除草稿，已发布的公示请撤回');
      await prisma.$transaction(async (tx) => {
        await tx.tourNotice.delete({ where: { id: n.id } });
        await app.audit(request, { action: 'tour_notice.delete', entity: 'tour_notice', entityId: n.id }, tx);
      });
      return reply.status(204).send(null);
    },
  );
};

export const publicNoticeRoutes: FastifyPluginAsyncZod = async (app) => {
  const prisma = app.db.prisma;
  app.get(
    '/tour-notices',
    {
      config: { permission: 'public' },
      schema: { tags: ['巡察公示'], summary: '巡察公示（进行中的轮次在前）', security: [], querystring: publicTourNoticeListQuery, response: { 200: pageOf(publicTourNoticeSchema) } },
    },
    async (request) => {
      const { page, pageSize } = request.query;
      // a few hundred notices at most (8 rounds x ~90 units): sort in memory by "current round" first
      const rows = await prisma.tourNotice.findMany({ where: { status: 'published' }, include: noticeInclude, take: 2000 });
      const now = app.clock.now();
      const sorted = sortPublicNotices(rows, now);
      return { items: sorted.slice((page - 1) * pageSize, page * pageSize).map((n) => toPublicNotice(n, now)), total: sorted.length, page, pageSize };
    },
  );
  app.get(
    '/tour-notices/:id',
    { config: { permission: 'public' }, schema: { tags: ['巡察公示'], summary: '巡察公示详情', security: [], params: idParams, response: { 200: publicTourNoticeSchema } } },
    async (request) => {
      const n = await prisma.tourNotice.findFirst({ where: { id: request.params.id, status: 'published' }, include: noticeInclude });
      if (!n) throw notFound('巡察公示');
      return toPublicNotice(n, app.clock.now());
    },
  );
};
