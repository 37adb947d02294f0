import { randomUUID } from 'node:crypto';
import {
  rectificationEvidenceLink,
  rectificationIncompleteBody,
  rectificationListQuery,
  rectificationListResponse,
  rectificationReviewBody,
  rectificationSubmitBody,
  rectificationTaskBody,
  rectificationTaskSchema,
} from '@msjd/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { UPLOAD_RATE_LIMIT } from '../../lib/budget';
import { conflict, AppError, notFound } from '../../errors';
import type { Prisma } from '../../generated/prisma/client';
import { type StaffActor, staffActor } from '../../plugins/auth';
import { toShanghaiDate } from '../calendar';
import { cleanImage, sniff, followNotice, noticesOfTasks } from '../reports';
import { followUrgeNotice, urgeNoticesOfTasks } from '../alerts';
import { assertGroupScope, dateOnly, isoDate } from '../tours';
import { assertCanSee, createRectificationTask, followingGroup, scopeWhere, type TaskRow, taskInclude, toDto } from './service';
import { idParams } from '@msjd/shared/common';

const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;
const MAX_EVIDENCE_FILES = 20;

export const rectificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const prisma = app.db.prisma;

  async function dto(t: TaskRow) {
    const [unit, notices, urgeNotices] = await Promise.all([
      prisma.unit.findUnique({ where: { id: t.unitId }, select: { name: true } }),
      noticesOfTasks(prisma, [t]),
      urgeNoticesOfTasks(prisma, [t]),
    ]);
    return toDto(t, app.clock.now(), unit?.name ?? null, (t.sourceId && notices.get(t.sourceId)) || null, urgeNotices.get(t.id) ?? null);
  }
  async function load(id: string, actor: StaffActor) {
    const t = await prisma.rectificationTask.findUnique({ where: { id }, include: taskInclude });
    if (!t) throw notFound('整改任务');
    assertCanSee(actor, t);
    return t;
  }
  function assertManages(actor: StaffActor, t: TaskRow) {
    if (actor.role === 'unit_liaison') throw new AppError('forbidden', 'FORBIDDEN', '责任单位不能审核整改');
    assertGroupScope(actor, followingGroup(t));
  }
  function assertLiaison(actor: StaffActor, t: TaskRow) {
    if (actor.role !== 'unit_liaison' || actor.unitId !== t.unitId) throw new AppError('forbidden', 'FORBIDDEN', '只有责任单位联络员可以提交整改材料');
    if (t.status !== 'pending' && t.status !== 'returned') throw conflict('TASK_NOT_OPEN', '该整改任务当前不能提交材料');
  }

  app.get(
    '/rectifications',
    {
      config: { permission: 'rectification.read' },
      schema: {
        tags: ['整改'],
        summary: '整改任务（责任单位仅本单位，巡察组仅本组负责的单位）',
        querystring: rectificationListQuery,
        response: { 200: rectificationListResponse },
      },
    },
    async (request) => {
      const actor = staffActor(request);
      const { status, overdue, incomplete, unitId, page, pageSize } = request.query;
      const today = dateOnly(toShanghaiDate(app.clock.now()));
      const overdueWhere: Prisma.RectificationTaskWhereInput = { status: { not: 'accepted' }, dueOn: { lt: today } };
      const base: Prisma.RectificationTaskWhereInput = { AND: [scopeWhere(actor), unitId ? { unitId } : {}] };
      const where: Prisma.RectificationTaskWhereInput = {
        AND: [
          base,
          status ? { status } : {},
          incomplete ? { incomplete: incomplete === 'true' } : {},
          overdue === 'true' ? overdueWhere : overdue === 'false' ? { NOT: overdueWhere } : {},
        ],
      };
      const [rows, total, overdueCount] = await Promise.all([
        prisma.rectificationTask.findMany({ where, include: taskInclude, orderBy: [{ dueOn: 'asc' }, { createdAt: 'asc' }], skip: (page - 1) * pageSize, take: pageSize }),
        prisma.rectificationTask.count({ where }),
        prisma.rectificationTask.count({ where: { AND: [base, overdueWhere] } }),
      ]);
      // one query for the page's unit names (and one for its notices) rather than one per row
      const [units, notices, urgeNotices] = await Promise.all([
        prisma.unit.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.unitId))] } }, select: { id: true, name: true } }),
        noticesOfTasks(prisma, rows),
        urgeNoticesOfTasks(prisma, rows),
      ]);
      const names = new Map(units.map((u) => [u.id, u.name]));
      const now = app.clock.now();
      return {
        items: rows.map((r) => toDto(r, now, names.get(r.unitId) ?? null, (r.sourceId && notices.get(r.sourceId)) || null, urgeNotices.get(r.id) ?? null)),
        total,
        page,
        pageSize,
        overdueCount,
      };
    },
  );

  app.get(
    '/rectifications/:id',
    { config: { permission: 'rectification.read' }, schema: { tags: ['整改'], summary: '整改任务详情', params: idParams, response: { 200: rectificationTaskSchema } } },
    async (request) => dto(await load(request.params.id, staffActor(request))),
  );

  app.post(
    '/rectifications',
    {
      config: { permission: 'rectification.manage' },
      schema: { tags: ['整改'], summary: '下达整改任务（期限按工作日计算）', body: rectificationTaskBody, response: { 201: rectificationTaskSchema } },
    },
    async (request, reply) => {
      const actor = staffActor(request);
      const b = request.body;
      if (!(await prisma.unit.findUnique({ where: { id: b.unitId } }))) throw notFound('责任单位');
      if (b.inspectedUnitId) {
        const iu = await prisma.inspectedUnit.findUnique({ where: { id: b.inspectedUnitId } });
        if (!iu || iu.unitId !== b.unitId) throw notFound('该单位的被巡察记录');
        assertGroupScope(actor, iu.tourGroupId);
      } else {
        assertGroupScope(actor, null);
      }
      const t = await prisma.$transaction(async (tx) => {
        const t = await createRectificationTask(app.clock.now(), tx, { ...b, createdById: actor.id });
        await app.audit(request, { action: 'rectification.create', entity: 'rectification_task', entityId: t.id, detail: { dueOn: isoDate(t.dueOn) } }, tx);
        return t;
      });
      return reply.status(201).send(await dto(t));
    },
  );

  app.post(
    '/rectifications/:id/evidence',
    {
      config: { permission: 'rectification.submit', rateLimit: UPLOAD_RATE_LIMIT },
      schema: {
        tags: ['整改'],
        summary: '上传整改材料（multipart，字段 file，可附 note；JPG/PNG/WebP 图片或 PDF，不超过 20 MB）',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 201: rectificationTaskSchema },
      },
    },
    async (request, reply) => {
      const actor = staffActor(request);
      const t = await load(request.params.id, actor);
      assertLiaison(actor, t);
      if (t.evidence.length >= MAX_EVIDENCE_FILES) throw conflict('TOO_MANY_FILES', `每项整改任务最多上传 ${MAX_EVIDENCE_FILES} 份材料`);
      if (!request.isMultipart()) throw new AppError('unsupported_media', 'UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件');
      let raw: Buffer;
      let fileName: string;
      let note: string | null = null;
      try {
        const part = await request.file({ limits: { fileSize: MAX_EVIDENCE_BYTES, files: 1 } });
        if (!part) throw new AppError('invalid', 'FILE_MISSING', '请选择要上传的文件');
        raw = await part.toBuffer();
        fileName = (part.filename || 'file').slice(0, 200);
        const n = part.fields.note;
        if (n && !Array.isArray(n) && n.type === 'field') note = String(n.value).slice(0, 500) || null;
      } catch (err) {
        if (err instanceof AppError) throw err;
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('too_large', 'FILE_TOO_LARGE', '单个文件不能超过 20 MB');
        throw err;
      }
      let body: Buffer;
      let contentType: string;
      if (raw.subarray(0, 5).toString('latin1') === '%PDF-') {
        body = raw;
        contentType = 'application/pdf';
      } else if (sniff(raw)) {
        const img = await cleanImage(raw); // strips EXIF (GPS, device)
        body = img.body;
        contentType = img.mime;
      } else {
        throw new AppError('unsupported_media', 'UNSUPPORTED_MEDIA_TYPE', '整改材料只支持 JPG、PNG、WebP 图片或 PDF 文件');
      }
      const id = randomUUID();
      const storageKey = `rectification/${t.id}/${id}`;
      await app.storage.put(storageKey, body, contentType);
      await prisma.$transaction(async (tx) => {
        await tx.rectificationEvidence.create({ data: { id, taskId: t.id, storageKey, fileName, contentType, size: body.length, note, uploadedById: actor.id } });
        await app.audit(request, { action: 'rectification.evidence', entity: 'rectification_task', entityId: t.id, detail: { evidenceId: id, fileName } }, tx);
      });
      return reply.status(201).send(await dto(await load(t.id, actor)));
    },
  );

  app.get(
    '/rectifications/:id/evidence/:evidenceId',
    {
      config: { permission: 'rectification.read' },
      schema: { tags: ['整改'], summary: '下载整改材料（短期有效的链接）', params: z.object({ id: z.uuid(), evidenceId: z.uuid() }), response: { 200: rectificationEvidenceLink } },
    },
    async (request) => {
      const t = await load(request.params.id, staffActor(request));
      const e = t.evidence.find((x) => x.id === request.params.evidenceId);
      if (!e) throw notFound('整改材料');
      return { url: await app.storage.presignGet(e.storageKey, 300) };
    },
  );

  app.post(
    '/rectifications/:id/submit',
    {
      config: { permission: 'rectification.submit' },
      schema: { tags: ['整改'], summary: '提交整改结果（待审核）', params: idParams, body: rectificationSubmitBody.optional(), response: { 200: rectificationTaskSchema } },
    },
    async (request) => {
      const actor = staffActor(request);
      const t = await load(request.params.id, actor);
      assertLiaison(actor, t);
      if (!t.evidence.length) throw new AppError('invalid', 'EVIDENCE_REQUIRED', '请先上传整改材料');
      const now = app.clock.now();
      const u = await prisma.$transaction(async (tx) => {
        const u = await tx.rectificationTask.update({ where: { id: t.id }, data: { status: 'submitted', submittedAt: now }, include: taskInclude });
        await followNotice(tx, t, 'submitted', { actor, note: request.body?.note ?? null, at: now });
        await followUrgeNotice(tx, t, 'submitted', { actor, note: request.body?.note ?? null, at: now });
        await app.audit(request, { action: 'rectification.submit', entity: 'rectification_task', entityId: t.id, reason: request.body?.note ?? null }, tx);
        return u;
      });
      return dto(u);
    },
  );

  app.post(
    '/rectifications/:id/review',
    {
      config: { permission: 'rectification.manage' },
      schema: { tags: ['整改'], summary: '审核整改（验收 / 退回补充）', params: idParams, body: rectificationReviewBody, response: { 200: rectificationTaskSchema } },
    },
    async (request) => {
      const actor = staffActor(request);
      const t = await load(request.params.id, actor);
      assertManages(actor, t);
      if (t.status !== 'submitted') throw conflict('TASK_NOT_SUBMITTED', '只有待审核的整改任务可以审核');
      const b = request.body;
      const now = app.clock.now();
      const data: Prisma.RectificationTaskUpdateInput =
        b.decision === 'accept'
          ? {
              status: 'accepted',
              reviewedAt: now,
              reviewNote: b.note ?? null,
              ...(b.incomplete ? { incomplete: true, incompleteAt: now, incompleteNote: b.note ?? '审核认定整改不彻底' } : {}),
            }
          : { status: 'returned', reviewedAt: now, reviewNote: b.note, returnCount: { increment: 1 } };
      const u = await prisma.$transaction(async (tx) => {
        const u = await tx.rectificationTask.update({ where: { id: t.id }, data, include: taskInclude });
        await followNotice(tx, t, b.decision === 'accept' ? 'accepted' : 'returned', { actor, note: b.note ?? null, at: now });
        await followUrgeNotice(tx, t, b.decision === 'accept' ? 'accepted' : 'returned', { actor, note: b.note ?? null, at: now });
        await app.audit(request, { action: `rectification.${b.decision}`, entity: 'rectification_task', entityId: t.id, reason: b.note ?? null }, tx);
        return u;
      });
      return dto(u);
    },
  );

  app.post(
    '/rectifications/:id/incomplete',
    {
      config: { permission: 'rectification.manage' },
      schema: { tags: ['整改'], summary: '标记整改不彻底（已验收的任务）', params: idParams, body: rectificationIncompleteBody, response: { 200: rectificationTaskSchema } },
    },
    async (request) => {
      const actor = staffActor(request);
      const t = await load(request.params.id, actor);
      assertManages(actor, t);
      if (t.status !== 'accepted') throw conflict('TASK_NOT_ACCEPTED', '只有已验收的整改任务可以标记整改不彻底');
      const u = await prisma.$transaction(async (tx) => {
        const u = await tx.rectificationTask.update({
          where: { id: t.id },
          data: { incomplete: true, incompleteAt: app.clock.now(), incompleteNote: request.body.note },
          include: taskInclude,
        });
        await app.audit(request, { action: 'rectification.incomplete', entity: 'rectification_task', entityId: t.id, reason: request.body.note }, tx);
        return u;
      });
      return dto(u);
    },
  );
};
