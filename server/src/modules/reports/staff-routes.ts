// Staff routes (/api/staff): inbox, detail, lifecycle transitions, audited identity reveal, photos,
// 立行立改 notices and the category configuration. Tour groups and unit liaisons see only what is assigned to them.
import { invalidateReportCaches } from './submit-cache';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  apiErrorSchema,
  rectificationIssueBody,
  rectificationNoticeView,
  reportCategoryListResponse,
  reportCategorySchema,
  reportExportQuery,
  type ReportExportQuery,
  reportIdentity,
  reportListQuery,
  reportListResponse,
  reportRevealBody,
  reportStaffDetail,
  reportRegisterBody,
  reportSubmitResponse,
  idempotencyKeySchema,
  BUSINESS_REPORT_CATEGORY_PREFIX,
  reportTransitionResult,
  reportTransitionBody,
} from '@msjd/shared';
import type { Prisma } from '../../generated/prisma/client';
import { UPLOAD_RATE_LIMIT } from '../../lib/budget';
import { AppError, notFound } from '../../errors';
import { staffActor, type StaffActor } from '../../plugins/auth';
import { contentDisposition } from '../posters';
import { storeAttachment } from './attachments';
import { EXPORT_MAX_ROWS, streamReportsXlsx } from './export';
import { canView, REPLY_CLOCK_STATUSES } from './lifecycle';
import { issueNotice, loadPrintable, noticePdf, noticeViews, reportNoticeViews } from './notices';
import { revealIdentity } from './custody';
import { asHandover, readsHandover, redactionsOf, visibleAttachments } from './handover';
import { dueSoonUntil } from '../desk';
import { reportFileUrl } from '../files';
import {
  applyTransition,
  calendarOverrides,
  dateOf,
  loadVisible,
  namesFor,
  overdueWhere,
  today,
  toListItem,
  submitted,
  submitReport,
  toStaffDetail,
} from './service';
import { shanghaiEndExclusive, shanghaiStart } from '@msjd/shared/common';

const idParams = z.object({ id: z.string().uuid('编号格式不正确') });
const errors = { 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema };
const NOBODY = '00000000-0000-0000-0000-000000000000';

function scopeWhere(actor: StaffActor): Prisma.ReportWhereInput {
  if (actor.role === 'tour_group') return { assigneeTourGroupId: actor.tourGroupId ?? NOBODY };
  if (actor.role === 'unit_liaison') return { assigneeUnitId: actor.unitId ?? NOBODY };
  return {};
}
/** Shanghai midnight of a YYYY-MM-DD day as an instant. */

/** The inbox's filters within the actor's scope, all but the state (the counts per state are taken without it). */
/** Units whose name contains the typed 被反映单位 filter (reports hold the unit by id, without a relation). */
async function unitIdsNamed(app: FastifyInstance, q: { reportedUnit?: string }): Promise<string[]> {
  if (!q.reportedUnit) return [];
  const units = await app.db.prisma.unit.findMany({ where: { name: { contains: q.reportedUnit } }, select: { id: true } });
  return units.map((u) => u.id);
}

function inboxFilters(actor: StaffActor, q: Omit<ReportExportQuery, 'status'>, day: string, namedUnitIds: string[] = [], dueSoonUntil: string = day): Prisma.ReportWhereInput[] {
  const filters: Prisma.ReportWhereInput[] = [scopeWhere(actor)];
  if (q.category) filters.push({ category: q.category });
  if (q.channel) filters.push({ channel: q.channel });
  if (q.unitId) filters.push({ OR: [{ reportedUnitId: q.unitId }, { assigneeUnitId: q.unitId }] });
  if (q.reportedUnit) {
    filters.push({ OR: [{ reportedUnitText: { contains: q.reportedUnit } }, { reportedUnitId: { in: namedUnitIds } }] });
  }
  if (q.tourGroupId) filters.push({ assigneeTourGroupId: q.tourGroupId });
  if (q.tourRoundId) filters.push({ tourRoundId: q.tourRoundId });
  if (q.confidential !== undefined) filters.push({ confidential: q.confidential });
  if (q.from) filters.push({ submittedAt: { gte: shanghaiStart(q.from) } });
  if (q.to) filters.push({ submittedAt: { lt: shanghaiEndExclusive(q.to) } });
  if (q.q) {
    // a 交办单 reader searching the original text could test guesses at the masked passages
    filters.push(
      readsHandover(actor)
        ? { OR: [{ serial: { contains: q.q } }, { reportedPerson: { contains: q.q } }, { reportedUnitText: { contains: q.q } }] }
        : { OR: [{ serial: { contains: q.q } }, { content: { contains: q.q } }, { reportedPerson: { contains: q.q } }, { reportedUnitText: { contains: q.q } }] },
    );
  }
  if (q.overdue !== undefined) filters.push(q.overdue ? overdueWhere(day) : { NOT: overdueWhere(day) });
  if (q.dueSoon !== undefined) filters.push(q.dueSoon ? dueSoonWhere(day, dueSoonUntil) : { NOT: dueSoonWhere(day, dueSoonUntil) });
  return filters;
}

/** 即将到期 as the 工作台 counts it: an open deadline between today and two working days ahead. */
function dueSoonWhere(day: string, until: string): Prisma.ReportWhereInput {
  const window = { gte: dateOf(day), lte: dateOf(until) };
  return { OR: [{ status: 'submitted', acceptDueOn: window }, { status: { in: [...REPLY_CLOCK_STATUSES] }, replyDueOn: window }] };
}

async function dueSoonBound(app: FastifyInstance, q: { dueSoon?: boolean }, day: string) {
  return q.dueSoon === undefined ? day : dueSoonUntil(day, await calendarOverrides(app.db.prisma));
}

export const staffReportRoutes: FastifyPluginAsyncZod = async (app) => {
  // the detail with each 立行立改通知书 as the one rectification track shows it: its unit, serial and task
  const staffDetail = async (actor: StaffActor, r: Parameters<typeof toStaffDetail>[2]) => ({
    ...(await toStaffDetail(app, actor, r)),
    rectificationNotices: await reportNoticeViews(app, r.id),
  });

  // 来信 / 来电 / 来访 / 12388 / 上级转办: the same lifecycle and sealing as a citizen's own filing
  app.post(
    '/reports',
    {
      config: { permission: 'report.register' },
      schema: {
        tags: ['举报办理'],
        summary: '登记其他渠道收到的反映（来信、来电、来访、12388、上级转办；Idempotency-Key 请求头：重试返回同一件）',
        headers: z.object({ 'idempotency-key': idempotencyKeySchema.optional() }).passthrough(),
        body: reportRegisterBody,
        response: { 200: reportSubmitResponse, 201: reportSubmitResponse, ...errors },
      },
    },
    async (request, reply) => {
      const actor = staffActor(request);
      const { channel, receivedOn, idempotencyKey: bodyKey, ...body } = request.body;
      if (body.category.startsWith(BUSINESS_REPORT_CATEGORY_PREFIX)) throw new AppError('invalid', 'UNKNOWN_CATEGORY', '问题类别不存在或已停用，请重新选择');
      const res = await submitReport(app, request, null, body, request.headers['idempotency-key'] ?? bodyKey, {
        staff: actor,
        channel: channel as Exclude<typeof channel, 'miniapp'>,
        receivedOn,
      });
      return submitted(reply, res);
    },
  );

  app.get(
    '/reports',
    { config: { permission: 'report.read' }, schema: { tags: ['举报办理'], summary: '举报列表（筛选、搜索、分页、按状态计数；不含举报人身份）', querystring: reportListQuery, response: { 200: reportListResponse, 403: apiErrorSchema } } },
    async (request) => {
      const actor = staffActor(request);
      const q = request.query;
      const day = today(app);
      const scope = scopeWhere(actor);
      const filters = inboxFilters(actor, q, day, await unitIdsNamed(app, q), await dueSoonBound(app, q, day));
      const base: Prisma.ReportWhereInput = { AND: filters };
      const where: Prisma.ReportWhereInput = q.status ? { AND: [...filters, { status: q.status }] } : base;
      const [rows, total, groups, overdue] = await Promise.all([
        app.db.prisma.report.findMany({ where, orderBy: { submittedAt: 'desc' }, skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
        app.db.prisma.report.count({ where }),
        app.db.prisma.report.groupBy({ by: ['status'], where: base, _count: { _all: true } }),
        app.db.prisma.report.count({ where: { AND: [scope, overdueWhere(day)] } }),
      ]);
      const names = await namesFor(app, rows);
      const masks = readsHandover(actor) ? await redactionsOf(app, rows.map((r) => r.id)) : null;
      return {
        items: rows.map((r) => toListItem(masks ? asHandover(r, masks.get(r.id) ?? []) : r, names, day)),
        total,
        page: q.page,
        pageSize: q.pageSize,
        counts: { byStatus: Object.fromEntries(groups.map((g) => [g.status, g._count._all])), overdue },
      };
    },
  );

  app.get(
    '/reports/export.xlsx',
    {
      config: { permission: 'report.export' },
      schema: {
        tags: ['举报办理'],
        summary: '导出举报列表（XLSX；与列表相同的筛选和可见范围，不含举报人身份，记入审计日志）',
        querystring: reportExportQuery,
      },
    },
    async (request, reply) => {
      const actor = staffActor(request);
      const q = request.query;
      const day = today(app);
      const filters = inboxFilters(actor, q, day, await unitIdsNamed(app, q), await dueSoonBound(app, q, day));
      if (q.status) filters.push({ status: q.status });
      // The ids are fixed first, so the audit record names exactly the rows that leave, before any of them does.
      const ids = (
        await app.db.prisma.report.findMany({
          where: { AND: filters },
          select: { id: true },
          orderBy: [{ submittedAt: 'desc' }, { id: 'desc' }],
          take: EXPORT_MAX_ROWS + 1,
        })
      ).map((r) => r.id);
      if (ids.length > EXPORT_MAX_ROWS) {
        throw new AppError('invalid', 'EXPORT_TOO_LARGE', `符合条件的举报超过 ${EXPORT_MAX_ROWS} 条，请缩小筛选范围后再导出`);
      }
      await app.audit(request, { action: 'report.export', entity: 'report', detail: { filters: { ...q }, rows: ids.length, role: actor.role } });
      const stream = streamReportsXlsx(app, ids, day, (err) => request.log.error({ err }, 'report export failed half-way'), readsHandover(actor));
      return reply
        .headers({
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'content-disposition': contentDisposition(`举报线索_${day.replaceAll('-', '')}.xlsx`),
          'cache-control': 'no-store',
        })
        .send(stream);
    },
  );

  app.get(
    '/reports/categories',
    { config: { permission: 'report.read' }, schema: { tags: ['举报办理'], summary: '举报类别及答复时限', response: { 200: reportCategoryListResponse } } },
    async () => {
      const items = await app.db.prisma.reportCategory.findMany({ orderBy: [{ sort: 'asc' }, { code: 'asc' }] });
      return { items: items.map((c) => ({ code: c.code, name: c.name, replyDays: c.replyDays })) };
    },
  );

  app.put(
    '/reports/categories/:code',
    {
      config: { permission: 'report.category.manage' },
      schema: {
        tags: ['举报办理'],
        summary: '设置类别名称和答复时限（工作日）',
        params: z.object({ code: z.string().regex(/^[a-z_]{2,32}$/, '类别代码为小写字母和下划线') }),
        body: z.object({ name: z.string().trim().min(1).max(20), replyDays: z.number().int().min(1, '至少 1 个工作日').max(90, '不超过 90 个工作日') }),
        response: { 200: reportCategorySchema, ...errors },
      },
    },
    async (request) => {
      const { code } = request.params;
      const c = await app.db.prisma.$transaction(async (tx) => {
        const c = await tx.reportCategory.upsert({ where: { code }, create: { code, ...request.body }, update: request.body });
        await app.audit(request, { action: 'report_category.update', entity: 'report_category', entityId: code, detail: request.body }, tx);
        return c;
      });
      invalidateReportCaches(app.db.prisma, 'categories');
      return { code: c.code, name: c.name, replyDays: c.replyDays };
    },
  );

  app.get(
    '/reports/:id',
    { config: { permission: 'report.read' }, schema: { tags: ['举报办理'], summary: '举报详情（时间线、附件、立行立改；不含举报人身份）', params: idParams, response: { 200: reportStaffDetail, ...errors } } },
    async (request) => {
      const actor = staffActor(request);
      return staffDetail(actor, await loadVisible(app, actor, request.params.id));
    },
  );

  app.post(
    '/reports/:id/transitions',
    {
      config: { permission: 'report.act' },
      schema: {
        tags: ['举报办理'],
        summary:
          '办理操作：accept 受理 / reject 不予受理 / merge 合并 / assign 交办 / start 开始办理 / reply 答复 / close 办结 / return 退回（承办单位，须写理由） / reassign 改派（受理）',
        params: idParams,
        body: reportTransitionBody,
        response: { 200: reportTransitionResult, ...errors },
      },
    },
    async (request) => {
      const actor = staffActor(request);
      await applyTransition(app, request, actor, request.params.id, request.body);
      const r = await app.db.prisma.report.findUniqueOrThrow({ where: { id: request.params.id } });
      // the assignee who returned the case no longer sees it
      if (!canView(actor, r)) return { id: r.id, serial: r.serial, status: r.status, handedBack: true as const };
      return staffDetail(actor, r);
    },
  );

  app.post(
    '/reports/:id/identity',
    {
      config: { permission: 'report.reveal' },
      schema: { tags: ['举报办理'], summary: '查看举报人身份（须填写原因，记入审计日志）', params: idParams, body: reportRevealBody, response: { 200: reportIdentity, ...errors } },
    },
    async (request) => revealIdentity(app, request, staffActor(request), request.params.id, request.body.reason),
  );

  app.post(
    '/reports/:id/attachments',
    {
      config: { permission: 'report.attach', rateLimit: UPLOAD_RATE_LIMIT },
      schema: {
        tags: ['举报办理'],
        summary: '上传办理材料图片（multipart，字段 file）',
        params: idParams,
        response: { 201: z.object({ id: z.string(), mime: z.string(), size: z.number().int() }), ...errors, 413: apiErrorSchema, 415: apiErrorSchema },
      },
    },
    async (request, reply) => {
      const actor = staffActor(request);
      const r = await loadVisible(app, actor, request.params.id);
      const att = await storeAttachment(app, request, r, { addedBy: 'staff', addedById: actor.id, kind: 'evidence' });
      return reply.status(201).send(att);
    },
  );

  app.get(
    '/reports/:id/attachments/:attachmentId',
    {
      config: { permission: 'report.read' },
      schema: {
        tags: ['举报办理'],
        summary: '附件下载地址（短时有效）',
        params: idParams.extend({ attachmentId: z.string().uuid() }),
        response: { 200: z.object({ url: z.string(), mime: z.string() }), ...errors },
      },
    },
    async (request) => {
      const actor = staffActor(request);
      await loadVisible(app, actor, request.params.id);
      const found = await app.db.prisma.reportAttachment.findFirst({ where: { id: request.params.attachmentId, reportId: request.params.id } });
      // a 交办单 reader opens only what was handed over with it (never a photo of the reporter's answer)
      const [a] = found ? await visibleAttachments(app, actor, [found]) : [];
      if (!a) throw notFound('附件');
      return { url: reportFileUrl(app, a, actor), mime: a.mime };
    },
  );

  // ---- 立行立改: the notice opens the rectification task its unit answers in 整改跟踪 (rectification module) ----
  app.post(
    '/reports/:id/rectification-notices',
    {
      config: { permission: 'report.notice.issue' },
      schema: {
        tags: ['举报办理'],
        summary: '下发立行立改通知书（办理中；默认致被反映单位，可另选整改单位；编号〔年〕立改第N号；同时向该单位下达整改任务）',
        params: idParams,
        body: rectificationIssueBody,
        response: { 201: rectificationNoticeView, ...errors },
      },
    },
    async (request, reply) => {
      const actor = staffActor(request);
      const n = await issueNotice(app, request, actor, await loadVisible(app, actor, request.params.id), request.body);
      return reply.status(201).send((await noticeViews(app, [n]))[0]!);
    },
  );

  app.get(
    '/rectification-notices/:id/pdf',
    {
      config: { permission: 'report.notice.print' },
      schema: { tags: ['举报办理'], summary: '打印立行立改通知书（PDF，含文号；举报的经办人员和通知书所致单位的联络员）', params: idParams },
    },
    async (request, reply) => {
      const actor = staffActor(request);
      const n = await loadPrintable(app, actor, request.params.id);
      const pdf = await noticePdf(app, n);
      await app.audit(request, { action: 'report.rectification_print', entity: 'report', entityId: n.reportId, detail: { noticeId: n.id, serial: n.serial } });
      return reply
        .headers({ 'content-type': 'application/pdf', 'content-disposition': contentDisposition(`立行立改通知书${n.serial ?? ''}.pdf`), 'cache-control': 'no-store' })
        .send(pdf);
    },
  );
};
