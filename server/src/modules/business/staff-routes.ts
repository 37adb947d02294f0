// Staff routes of 营商环境监督 (/api/staff/business/...): 进驻管理, 事项管理 (with XLSX import), 监测点, 企业, 评议,
// 监测评价 with 申诉复核, 涉诉办理 (the cases themselves are handled as reports), 统计分析 with XLSX export.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  apiErrorSchema,
  appealFileBody,
  appealReviewBody,
  businessStats,
  businessStatsExportQuery,
  businessStatsQuery,
  businessStatsTableLabels,
  businessUnitListQuery,
  businessUnitListResponse,
  businessUnitOnboardBody,
  businessUnitView,
  campaignBody,
  campaignListQuery,
  campaignListResponse,
  campaignStatusBody,
  campaignView,
  complaintListQuery,
  complaintListResponse,
  complaintView,
  enterpriseContacts,
  enterpriseListQuery,
  enterpriseListResponse,
  enterpriseRevealBody,
  enterpriseUpdateBody,
  enterpriseView,
  evaluationListQuery,
  evaluationListResponse,
  evaluationView,
  monitoringPointBody,
  monitoringPointDetail,
  monitoringPointListQuery,
  monitoringPointListResponse,
  monitoringPointView,
  serviceItemBody,
  serviceItemImportQuery,
  serviceItemImportResult,
  serviceItemListQuery,
  serviceItemListResponse,
  serviceItemView,
} from '@msjd/shared';
import type { Prisma } from '../../generated/prisma/client';
import { unitLimit } from '../../plugins/permissions';
import { UPLOAD_RATE_LIMIT } from '../../lib/budget';
import { AppError, notFound } from '../../errors';
import { staffActor } from '../../plugins/auth';
import { contentDisposition } from '../posters';
import { REPLY_CLOCK } from './report-link';
import { campaignInclude, campaignViews, saveCampaign, setCampaignStatus } from './campaigns';
import { createdWithin, dateOf, pageArgs, today, unitScope, XLSX_TYPE } from './common';
import { complaintViews } from './complaints';
import { enterpriseInclude, pointInclude, pointViews, renewInvite, revealContacts, savePoint, toEnterpriseView } from './enterprises';
import { evaluationViews, fileAppeal, loadEvaluation, reviewAppeal } from './evaluations';
import { createItem, deleteItem, importItems, importTemplate, itemVisible, toItemView, updateItem } from './service-items';
import { computeStats, statsWorkbook } from './stats';
import { idParams } from '@msjd/shared/common';

const errors = { 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema };
const tags = ['营商环境监督'];
const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

export const staffBusinessRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db.prisma;

  // ---- 进驻管理 ----
  const unitRow = async (ids: string[]) => {
    const [items, points] = await Promise.all([
      db.serviceItem.groupBy({ by: ['unitId'], where: { unitId: { in: ids } }, _count: { _all: true } }),
      db.monitoringPoint.groupBy({ by: ['unitId'], where: { unitId: { in: ids } }, _count: { _all: true } }),
    ]);
    return { items: new Map(items.map((i) => [i.unitId, i._count._all])), points: new Map(points.map((p) => [p.unitId, p._count._all])) };
  };
  app.get(
    '/business/units',
    { config: { permission: 'business.read' }, schema: { tags, summary: '进驻单位（事项数、监测点数）', querystring: businessUnitListQuery, response: { 200: businessUnitListResponse, 403: apiErrorSchema } } },
    async (request) => {
      const q = request.query;
      const scope = unitScope(staffActor(request));
      const where: Prisma.UnitWhereInput = {
        ...(scope ? { id: scope } : {}),
        ...(q.onboard !== undefined ? { onboard: q.onboard } : {}),
        ...(q.q ? { OR: [{ name: { contains: q.q } }, { code: { contains: q.q } }] } : {}),
      };
      const [rows, total] = await Promise.all([db.unit.findMany({ where, orderBy: { code: 'asc' }, ...pageArgs(q) }), db.unit.count({ where })]);
      const c = await unitRow(rows.map((r) => r.id));
      return {
        items: rows.map((u) => ({ id: u.id, code: u.code, name: u.name, kind: u.kind, onboard: u.onboard, serviceItemCount: c.items.get(u.id) ?? 0, monitoringPointCount: c.points.get(u.id) ?? 0 })),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  );
  app.put(
    '/business/units/:id/onboard',
    { config: { permission: 'business.manage' }, schema: { tags, summary: '设置单位是否进驻', params: idParams, body: businessUnitOnboardBody, response: { 200: businessUnitView, ...errors } } },
    async (request) => {
      const u = await db.$transaction(async (tx) => {
        if (!(await tx.unit.findUnique({ where: { id: request.params.id } }))) throw notFound('单位');
        const u = await tx.unit.update({ where: { id: request.params.id }, data: { onboard: request.body.onboard } });
        await app.audit(request, { action: 'business.unit.onboard', entity: 'unit', entityId: u.id, detail: { onboard: u.onboard } }, tx);
        return u;
      });
      const c = await unitRow([u.id]);
      return { id: u.id, code: u.code, name: u.name, kind: u.kind, onboard: u.onboard, serviceItemCount: c.items.get(u.id) ?? 0, monitoringPointCount: c.points.get(u.id) ?? 0 };
    },
  );

  // ---- 事项管理 / 申报材料 ----
  app.get(
    '/business/service-items',
    { config: { permission: 'business.read' }, schema: { tags, summary: '服务事项列表（联络员仅本单位）', querystring: serviceItemListQuery, response: { 200: serviceItemListResponse, 403: apiErrorSchema } } },
    async (request) => {
      const q = request.query;
      const scope = unitScope(staffActor(request));
      const where: Prisma.ServiceItemWhereInput = {
        AND: [
          scope ? { unitId: scope } : {},
          q.unitId ? { unitId: q.unitId } : {},
          q.q ? { OR: [{ code: { contains: q.q } }, { name: { contains: q.q } }] } : {},
        ],
      };
      const [rows, total] = await Promise.all([
        db.serviceItem.findMany({ where, include: { unit: true }, orderBy: { code: 'asc' }, ...pageArgs(q) }),
        db.serviceItem.count({ where }),
      ]);
      return { items: rows.map(toItemView), total, page: q.page, pageSize: q.pageSize };
    },
  );
  app.get(
    '/business/service-items/import-template',
    { config: { permission: 'business.manage' }, schema: { tags, summary: '事项导入模板（XLSX）' } },
    async (_request, reply) =>
      reply.headers({ 'content-type': XLSX_TYPE, 'content-disposition': contentDisposition('服务事项导入模板.xlsx') }).send(await importTemplate()),
  );
  app.get(
    '/business/service-items/:id',
    { config: { permission: 'business.read' }, schema: { tags, summary: '服务事项详情（含申报材料）', params: idParams, response: { 200: serviceItemView, ...errors } } },
    async (request) => {
      const i = await db.serviceItem.findUnique({ where: { id: request.params.id }, include: { unit: true } });
      if (!i || !itemVisible(staffActor(request), i)) throw notFound('事项');
      return toItemView(i);
    },
  );
  app.post(
    '/business/service-items',
    { config: { permission: 'business.manage' }, schema: { tags, summary: '新增服务事项', body: serviceItemBody, response: { 201: serviceItemView, ...errors } } },
    async (request, reply) => reply.status(201).send(await createItem(app, request, request.body)),
  );
  app.put(
    '/business/service-items/:id',
    { config: { permission: 'business.manage' }, schema: { tags, summary: '修改服务事项', params: idParams, body: serviceItemBody, response: { 200: serviceItemView, ...errors } } },
    async (request) => updateItem(app, request, request.params.id, request.body),
  );
  app.delete(
    '/business/service-items/:id',
    { config: { permission: 'business.manage' }, schema: { tags, summary: '删除服务事项（已评价或投诉的不能删除）', params: idParams, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await deleteItem(app, request, request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/business/service-items/import',
    {
      config: { permission: 'business.manage', rateLimit: UPLOAD_RATE_LIMIT },
      schema: {
        tags,
        summary: '导入服务事项（multipart，字段 file，.xlsx；表头 事项编码/事项名称/单位编码/承诺时限/申报材料；按事项编码新增或更新，可重复导入）',
        consumes: ['multipart/form-data'],
        querystring: serviceItemImportQuery,
        response: { 200: serviceItemImportResult, ...errors, 413: apiErrorSchema, 415: apiErrorSchema },
      },
    },
    async (request) => {
      if (!request.isMultipart()) throw new AppError('unsupported_media', 'UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件');
      const part = await request.file({ limits: { fileSize: IMPORT_MAX_BYTES, files: 1 } });
      if (!part) throw new AppError('invalid', 'FILE_MISSING', '请选择要导入的 Excel 文件', { field: 'file' });
      let buffer: Buffer;
      try {
        buffer = await part.toBuffer();
      } catch {
        throw new AppError('too_large', 'FILE_TOO_LARGE', `文件不能超过 ${IMPORT_MAX_BYTES / 1024 / 1024} MB`);
      }
      return importItems(app, request, buffer, request.query.partial ?? false);
    },
  );

  // ---- 监测点 ----
  app.get(
    '/business/monitoring-points',
    { config: { permission: 'business.point.read' }, schema: { tags, summary: '监测点列表（企业数、评价数、邀请码）', querystring: monitoringPointListQuery, response: { 200: monitoringPointListResponse, 403: apiErrorSchema } } },
    async (request) => {
      const q = request.query;
      const limit = unitLimit(request);
      const where: Prisma.MonitoringPointWhereInput = {
        ...(q.active !== undefined ? { active: q.active } : {}),
        ...(q.unitId ? { unitId: q.unitId } : {}),
        ...(limit ? { AND: [{ unitId: limit }] } : {}),
        ...(q.q ? { OR: [{ name: { contains: q.q } }, { code: { contains: q.q } }] } : {}),
      };
      const [rows, total] = await Promise.all([
        db.monitoringPoint.findMany({ where, include: pointInclude, orderBy: { code: 'asc' }, ...pageArgs(q) }),
        db.monitoringPoint.count({ where }),
      ]);
      return { items: await pointViews(db, rows), total, page: q.page, pageSize: q.pageSize };
    },
  );
  app.get(
    '/business/monitoring-points/:id',
    { config: { permission: 'business.point.read' }, schema: { tags, summary: '监测点详情（所联系的企业）', params: idParams, response: { 200: monitoringPointDetail, ...errors } } },
    async (request) => {
      const limit = unitLimit(request);
      const p = await db.monitoringPoint.findUnique({ where: { id: request.params.id }, include: pointInclude });
      if (!p || (limit && p.unitId !== limit)) throw notFound('监测点');
      const enterprises = await db.enterprise.findMany({ where: { monitoringPointId: p.id }, include: enterpriseInclude, orderBy: { name: 'asc' } });
      return { ...(await pointViews(db, [p]))[0]!, enterprises: enterprises.map(toEnterpriseView) };
    },
  );
  app.post(
    '/business/monitoring-points',
    { config: { permission: 'business.point.manage' }, schema: { tags, summary: '新增监测点', body: monitoringPointBody, response: { 201: monitoringPointView, ...errors } } },
    async (request, reply) => reply.status(201).send(await savePoint(app, request, null, request.body)),
  );
  app.put(
    '/business/monitoring-points/:id',
    { config: { permission: 'business.point.manage' }, schema: { tags, summary: '修改监测点（停用：active=false）', params: idParams, body: monitoringPointBody, response: { 200: monitoringPointView, ...errors } } },
    async (request) => savePoint(app, request, request.params.id, request.body),
  );
  app.post(
    '/business/monitoring-points/:id/invite-code',
    { config: { permission: 'business.point.manage' }, schema: { tags, summary: '重新生成邀请码（旧邀请码失效）', params: idParams, response: { 200: monitoringPointView, ...errors } } },
    async (request) => renewInvite(app, request, request.params.id),
  );

  // ---- 企业 ----
  app.get(
    '/business/enterprises',
    { config: { permission: 'business.point.read' }, schema: { tags, summary: '企业列表（不含联系人）', querystring: enterpriseListQuery, response: { 200: enterpriseListResponse, 403: apiErrorSchema } } },
    async (request) => {
      const q = request.query;
      const limit = unitLimit(request);
      const where: Prisma.EnterpriseWhereInput = {
        ...(q.monitoringPointId ? { monitoringPointId: q.monitoringPointId } : {}),
        ...(limit ? { monitoringPoint: { unitId: limit } } : {}),
        ...(q.q ? { OR: [{ name: { contains: q.q } }, { creditCode: { contains: q.q.toUpperCase() } }] } : {}),
      };
      const [rows, total] = await Promise.all([
        db.enterprise.findMany({ where, include: enterpriseInclude, orderBy: { name: 'asc' }, ...pageArgs(q) }),
        db.enterprise.count({ where }),
      ]);
      return { items: rows.map(toEnterpriseView), total, page: q.page, pageSize: q.pageSize };
    },
  );
  app.get(
    '/business/enterprises/:id',
    { config: { permission: 'business.point.read' }, schema: { tags, summary: '企业详情', params: idParams, response: { 200: enterpriseView, ...errors } } },
    async (request) => {
      const limit = unitLimit(request);
      const e = await db.enterprise.findUnique({ where: { id: request.params.id }, include: { ...enterpriseInclude, monitoringPoint: { select: { name: true, unitId: true } } } });
      if (!e || (limit && e.monitoringPoint?.unitId !== limit)) throw notFound('企业');
      return toEnterpriseView(e);
    },
  );
  app.put(
    '/business/enterprises/:id',
    { config: { permission: 'business.point.manage' }, schema: { tags, summary: '修改企业名称或所属监测点', params: idParams, body: enterpriseUpdateBody, response: { 200: enterpriseView, ...errors } } },
    async (request) => {
      const b = request.body;
      if (b.monitoringPointId && !(await db.monitoringPoint.findUnique({ where: { id: b.monitoringPointId } }))) {
        throw new AppError('invalid', 'INVALID_REFERENCE', '监测点不存在', { field: 'monitoringPointId' });
      }
      return db.$transaction(async (tx) => {
        if (!(await tx.enterprise.findUnique({ where: { id: request.params.id } }))) throw notFound('企业');
        const e = await tx.enterprise.update({
          where: { id: request.params.id },
          data: { ...(b.name ? { name: b.name } : {}), ...(b.monitoringPointId !== undefined ? { monitoringPointId: b.monitoringPointId } : {}) },
          include: enterpriseInclude,
        });
        await app.audit(request, { action: 'business.enterprise.update', entity: 'enterprise', entityId: e.id, detail: { ...b } }, tx);
        return toEnterpriseView(e);
      });
    },
  );
  app.post(
    '/business/enterprises/:id/contacts/reveal',
    {
      config: { permission: 'business.contact.reveal' },
      schema: { tags, summary: '查看企业联系人（须填写原因，记入审计日志）', params: idParams, body: enterpriseRevealBody, response: { 200: enterpriseContacts, ...errors } },
    },
    async (request) => revealContacts(app, request, staffActor(request), request.params.id, request.body.reason),
  );

  // ---- 评议 ----
  app.get(
    '/business/campaigns',
    { config: { permission: 'business.read' }, schema: { tags, summary: '评议列表', querystring: campaignListQuery, response: { 200: campaignListResponse, 403: apiErrorSchema } } },
    async (request) => {
      const q = request.query;
      const where: Prisma.EvaluationCampaignWhereInput = {
        ...(q.status ? { status: q.status } : {}),
        ...(q.monitoringPointId ? { OR: [{ points: { some: { monitoringPointId: q.monitoringPointId } } }, { points: { none: {} } }] } : {}),
      };
      const [rows, total] = await Promise.all([
        db.evaluationCampaign.findMany({ where, include: campaignInclude, orderBy: [{ startsOn: 'desc' }, { createdAt: 'desc' }], ...pageArgs(q) }),
        db.evaluationCampaign.count({ where }),
      ]);
      return { items: await campaignViews(db, rows, today(app)), total, page: q.page, pageSize: q.pageSize };
    },
  );
  app.get(
    '/business/campaigns/:id',
    { config: { permission: 'business.read' }, schema: { tags, summary: '评议详情', params: idParams, response: { 200: campaignView, ...errors } } },
    async (request) => {
      const c = await db.evaluationCampaign.findUnique({ where: { id: request.params.id }, include: campaignInclude });
      if (!c) throw notFound('评议');
      return (await campaignViews(db, [c], today(app)))[0]!;
    },
  );
  app.post(
    '/business/campaigns',
    { config: { permission: 'business.manage' }, schema: { tags, summary: '新建评议（未发布）', body: campaignBody, response: { 201: campaignView, ...errors } } },
    async (request, reply) => reply.status(201).send(await saveCampaign(app, request, staffActor(request).id, null, request.body, today(app))),
  );
  app.put(
    '/business/campaigns/:id',
    { config: { permission: 'business.manage' }, schema: { tags, summary: '修改评议（已有评价后范围不可改；已结束不可改）', params: idParams, body: campaignBody, response: { 200: campaignView, ...errors } } },
    async (request) => saveCampaign(app, request, staffActor(request).id, request.params.id, request.body, today(app)),
  );
  app.post(
    '/business/campaigns/:id/status',
    { config: { permission: 'business.manage' }, schema: { tags, summary: '发布（open）或结束（closed）评议', params: idParams, body: campaignStatusBody, response: { 200: campaignView, ...errors } } },
    async (request) => setCampaignStatus(app, request, request.params.id, request.body.status, today(app)),
  );

  // ---- 监测评价 / 申诉复核 ----
  app.get(
    '/business/evaluations',
    { config: { permission: 'business.read' }, schema: { tags, summary: '评价列表（联络员仅本单位）', querystring: evaluationListQuery, response: { 200: evaluationListResponse, 403: apiErrorSchema } } },
    async (request) => {
      const q = request.query;
      const scope = unitScope(staffActor(request));
      const createdAt = createdWithin(q.from, q.to);
      const where: Prisma.EvaluationWhereInput = {
        AND: [
          scope ? { unitId: scope } : {},
          q.campaignId ? { campaignId: q.campaignId } : {},
          q.monitoringPointId ? { monitoringPointId: q.monitoringPointId } : {},
          q.unitId ? { unitId: q.unitId } : {},
          q.serviceItemId ? { serviceItemId: q.serviceItemId } : {},
          q.enterpriseId ? { enterpriseId: q.enterpriseId } : {},
          q.level ? { level: q.level } : {},
          q.bad !== undefined ? { level: q.bad ? { lte: 2 } : { gte: 3 } } : {},
          q.appealStatus ? (q.appealStatus === 'none' ? { appeal: { is: null } } : { appeal: { is: { status: q.appealStatus } } }) : {},
          createdAt ? { createdAt } : {},
        ],
      };
      const [rows, total] = await Promise.all([
        db.evaluation.findMany({ where, include: { appeal: true }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], ...pageArgs(q) }),
        db.evaluation.count({ where }),
      ]);
      return { items: await evaluationViews(db, rows), total, page: q.page, pageSize: q.pageSize };
    },
  );
  const evaluationDetail = async (actor: ReturnType<typeof staffActor>, id: string) => (await evaluationViews(db, [await loadEvaluation(app, actor, id)]))[0]!;
  app.get(
    '/business/evaluations/:id',
    { config: { permission: 'business.read' }, schema: { tags, summary: '评价详情', params: idParams, response: { 200: evaluationView, ...errors } } },
    async (request) => evaluationDetail(staffActor(request), request.params.id),
  );
  app.post(
    '/business/evaluations/:id/appeal',
    {
      config: { permission: 'business.appeal' },
      schema: { tags, summary: '对差评提出申诉（被评单位联络员、纪检干部）', params: idParams, body: appealFileBody, response: { 200: evaluationView, ...errors } },
    },
    async (request) => {
      const actor = staffActor(request);
      await fileAppeal(app, request, actor, request.params.id, request.body.reason);
      return evaluationDetail(actor, request.params.id);
    },
  );
  app.post(
    '/business/evaluations/:id/appeal/review',
    { config: { permission: 'business.manage' }, schema: { tags, summary: '申诉复核：成立（不计入满意度，评价保留）或不成立，须填写意见', params: idParams, body: appealReviewBody, response: { 200: evaluationView, ...errors } } },
    async (request) => {
      const actor = staffActor(request);
      await reviewAppeal(app, request, actor, request.params.id, request.body.upheld, request.body.reason);
      return evaluationDetail(actor, request.params.id);
    },
  );

  // ---- 涉诉办理 ----
  app.get(
    '/business/complaints',
    { config: { permission: 'business.read' }, schema: { tags, summary: '涉诉案件（差评整改、企业投诉；办理在线索受理中进行）', querystring: complaintListQuery, response: { 200: complaintListResponse, 403: apiErrorSchema } } },
    async (request) => {
      const q = request.query;
      const scope = unitScope(staffActor(request));
      const day = today(app);
      const createdAt = createdWithin(q.from, q.to);
      const reportWhere: Prisma.ReportWhereInput[] = [];
      if (q.status) reportWhere.push({ status: q.status });
      if (q.overdue !== undefined) {
        const overdue: Prisma.ReportWhereInput = { status: { in: [...REPLY_CLOCK] }, replyDueOn: { lt: dateOf(day) } };
        reportWhere.push(q.overdue ? overdue : { NOT: overdue });
      }
      let reportIds: string[] | undefined;
      if (reportWhere.length) {
        reportIds = (await db.report.findMany({ where: { AND: [{ category: { startsWith: 'business_' } }, ...reportWhere] }, select: { id: true } })).map((r) => r.id);
      }
      const where: Prisma.BusinessComplaintWhereInput = {
        AND: [
          scope ? { unitId: scope } : {},
          q.kind ? { kind: q.kind } : {},
          q.category ? { category: q.category } : {},
          q.unitId ? { unitId: q.unitId } : {},
          q.monitoringPointId ? { monitoringPointId: q.monitoringPointId } : {},
          // the liaison of the unit complained about cannot look for one enterprise's complaints either
          q.enterpriseId && !scope ? { enterpriseId: q.enterpriseId } : {},
          q.reportId ? { reportId: q.reportId } : {},
          reportIds ? { reportId: { in: reportIds } } : {},
          createdAt ? { createdAt } : {},
        ],
      };
      const [rows, total] = await Promise.all([
        db.businessComplaint.findMany({ where, include: { enterprise: { select: { name: true } } }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], ...pageArgs(q) }),
        db.businessComplaint.count({ where }),
      ]);
      return { items: await complaintViews(app, rows, day, !!scope), total, page: q.page, pageSize: q.pageSize };
    },
  );
  app.get(
    '/business/complaints/:id',
    { config: { permission: 'business.read' }, schema: { tags, summary: '涉诉案件详情（办理过程见对应举报）', params: idParams, response: { 200: complaintView, ...errors } } },
    async (request) => {
      const scope = unitScope(staffActor(request));
      const c = await db.businessComplaint.findUnique({ where: { id: request.params.id }, include: { enterprise: { select: { name: true } } } });
      if (!c || (scope && c.unitId !== scope)) throw notFound('涉诉案件');
      return (await complaintViews(app, [c], today(app), !!scope))[0]!;
    },
  );

  // ---- 统计分析 ----
  app.get(
    '/business/stats',
    { config: { permission: 'statistics.read' }, schema: { tags, summary: '营商环境统计（满意率不含申诉成立的评价）', querystring: businessStatsQuery, response: { 200: businessStats, ...errors } } },
    async (request) => computeStats(app, request.query, today(app)),
  );
  app.get(
    '/business/stats/export',
    { config: { permission: 'statistics.read' }, schema: { tags, summary: '导出一张统计表（XLSX）', querystring: businessStatsExportQuery } },
    async (request, reply) => {
      const { table, ...q } = request.query;
      const day = today(app);
      const stats = await computeStats(app, q, day);
      await app.audit(request, { action: 'business.stats.export', entity: 'business_stats', detail: { table, ...q } });
      const period = q.from || q.to ? `_${(q.from ?? '').replaceAll('-', '')}-${(q.to ?? '').replaceAll('-', '')}` : '';
      return reply
        .headers({ 'content-type': XLSX_TYPE, 'content-disposition': contentDisposition(`${businessStatsTableLabels[table]}${period}.xlsx`), 'cache-control': 'no-store' })
        .send(await statsWorkbook(stats, table));
    },
  );
};
