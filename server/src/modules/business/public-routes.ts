// Enterprise routes (/api/public/business/...): bind to an enterprise at a point, rate in open campaigns, file
// complaints and list them. A complaint is followed and confirmed through the report routes (/reports/mine/:id).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  apiErrorSchema,
  businessInviteView,
  campaignTargetsResponse,
  complaintMineItem,
  complaintMineResponse,
  complaintSubmitBody,
  enterpriseBindBody,
  enterpriseMe,
  evaluationMineItem,
  evaluationMineResponse,
  evaluationSubmitBody,
  inviteCodeSchema,
  publicCampaignListResponse,
  publicServiceItemListResponse,
  publicServiceItemQuery,
  publicUnitListResponse,
  reportPublicView,
  reportRateBody,
  type EvaluationView,
} from '@msjd/shared';
import type { EvaluationCampaign, Prisma } from '../../generated/prisma/client';
import { AppError, notFound } from '../../errors';
import { citizenActor } from '../../plugins/auth';
import { campaignTargets, isAccepting } from './campaigns/service';
import { isoDate, pageArgs, today } from './common';
import { complaintViews, submitComplaint, toMine } from './complaints/service';
import { bindEnterprise, meView, requireMember } from './enterprises/service';
import { evaluationViews, submitEvaluation } from './evaluations/service';
import { materialsOf } from './items/service';
import { citizenRate, toPublicView } from '../reports';

const tags = ['企业评价'];
const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema };

function toMineEvaluation(v: EvaluationView) {
  const { id, campaignId, campaignName, targetType, targetId, targetName, unitName, level, levelLabel, dimensions, comment, createdAt, complaint } = v;
  return { id, campaignId, campaignName, targetType, targetId, targetName, unitName, level, levelLabel, dimensions, comment, createdAt, complaint };
}

export const publicBusinessRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db.prisma;

  app.get(
    '/business/invites/:code',
    {
      config: { permission: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags, summary: '邀请码对应的监测点', security: [], params: z.object({ code: inviteCodeSchema }), response: { 200: businessInviteView, 400: apiErrorSchema, 404: apiErrorSchema, 429: apiErrorSchema } },
    },
    async (request) => {
      const p = await db.monitoringPoint.findUnique({ where: { inviteCode: request.params.code } });
      if (!p || !p.active) throw new AppError('not_found', 'INVALID_INVITE', '邀请码无效，请向监测点索取新的邀请码');
      return { monitoringPoint: { id: p.id, code: p.code, name: p.name, address: p.address } };
    },
  );

  app.get('/business/me', { config: { permission: 'citizen' }, schema: { tags, summary: '我绑定的企业', response: { 200: enterpriseMe, 401: apiErrorSchema } } }, async (request) =>
    meView(app, citizenActor(request).id),
  );

  app.post(
    '/business/bind',
    {
      config: { permission: 'citizen', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: { tags, summary: '绑定企业（统一社会信用代码、联系人；凭监测点邀请码或扫码）', body: enterpriseBindBody, response: { 200: enterpriseMe, ...errors, 429: apiErrorSchema } },
    },
    async (request) => {
      const me = citizenActor(request);
      await bindEnterprise(app, request, me.id, request.body);
      return meView(app, me.id);
    },
  );

  app.get('/business/units', { config: { permission: 'citizen' }, schema: { tags, summary: '进驻单位', response: { 200: publicUnitListResponse, 401: apiErrorSchema } } }, async () => ({
    items: await db.unit.findMany({ where: { onboard: true }, select: { id: true, code: true, name: true }, orderBy: { code: 'asc' } }),
  }));

  app.get(
    '/business/service-items',
    { config: { permission: 'citizen' }, schema: { tags, summary: '服务事项与申报材料', querystring: publicServiceItemQuery, response: { 200: publicServiceItemListResponse, 400: apiErrorSchema, 401: apiErrorSchema } } },
    async (request) => {
      const q = request.query;
      const where: Prisma.ServiceItemWhereInput = {
        unit: { onboard: true },
        ...(q.unitId ? { unitId: q.unitId } : {}),
        ...(q.q ? { OR: [{ code: { contains: q.q } }, { name: { contains: q.q } }] } : {}),
      };
      const [rows, total] = await Promise.all([
        db.serviceItem.findMany({ where, include: { unit: { select: { name: true } } }, orderBy: { code: 'asc' }, ...pageArgs(q) }),
        db.serviceItem.count({ where }),
      ]);
      return {
        items: rows.map((i) => ({ id: i.id, code: i.code, name: i.name, unitId: i.unitId, unitName: i.unit.name, promisedDays: i.promisedDays, materials: materialsOf(i.materials) })),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  );

  /** Open campaigns the member's point takes part in. */
  async function myCampaigns(enterpriseId: string, pointId: string | null) {
    const day = today(app);
    const rows = await db.evaluationCampaign.findMany({
      where: {
        status: 'open',
        OR: [{ points: { none: {} } }, ...(pointId ? [{ points: { some: { monitoringPointId: pointId } } }] : [])],
      },
      orderBy: { startsOn: 'desc' },
    });
    return rows.filter((c) => isAccepting(c, day)).map((c) => ({ c, enterpriseId }));
  }
  async function publicCampaign(c: EvaluationCampaign, enterpriseId: string) {
    const [targets, rated] = await Promise.all([campaignTargets(db, c.id), db.evaluation.count({ where: { campaignId: c.id, enterpriseId } })]);
    return {
      campaign: { id: c.id, name: c.name, description: c.description, startsOn: isoDate(c.startsOn), endsOn: isoDate(c.endsOn), targetCount: targets.length, ratedCount: rated },
      targets,
    };
  }

  app.get(
    '/business/campaigns',
    { config: { permission: 'citizen' }, schema: { tags, summary: '可参加的评议（进行中、本监测点）', response: { 200: publicCampaignListResponse, ...errors } } },
    async (request) => {
      const m = await requireMember(app, citizenActor(request).id);
      const list = await myCampaigns(m.enterpriseId, m.enterprise.monitoringPointId);
      return { items: await Promise.all(list.map(async ({ c }) => (await publicCampaign(c, m.enterpriseId)).campaign)) };
    },
  );

  app.get(
    '/business/campaigns/:id/targets',
    { config: { permission: 'citizen' }, schema: { tags, summary: '评议中可评价的单位和事项（含本企业已评情况）', params: z.object({ id: z.string().uuid('编号格式不正确') }), response: { 200: campaignTargetsResponse, ...errors } } },
    async (request) => {
      const m = await requireMember(app, citizenActor(request).id);
      const list = await myCampaigns(m.enterpriseId, m.enterprise.monitoringPointId);
      const found = list.find(({ c }) => c.id === request.params.id);
      if (!found) throw notFound('进行中的评议');
      const { campaign, targets } = await publicCampaign(found.c, m.enterpriseId);
      const mine = await db.evaluation.findMany({ where: { campaignId: found.c.id, enterpriseId: m.enterpriseId }, select: { id: true, targetType: true, targetId: true, level: true } });
      const byTarget = new Map(mine.map((e) => [`${e.targetType}:${e.targetId}`, e]));
      return {
        campaign,
        items: targets.map((t) => {
          const e = byTarget.get(`${t.targetType}:${t.targetId}`);
          return { ...t, evaluationId: e?.id ?? null, level: e?.level ?? null };
        }),
      };
    },
  );

  app.post(
    '/business/evaluations',
    {
      config: { permission: 'citizen', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { tags, summary: '提交评价（每次评议每个对象一次；1-2 分自动生成差评整改件）', body: evaluationSubmitBody, response: { 201: evaluationMineItem, ...errors, 429: apiErrorSchema } },
    },
    async (request, reply) => {
      const ev = await submitEvaluation(app, request, citizenActor(request).id, request.body);
      const [view] = await evaluationViews(db, [{ ...ev, appeal: null }]);
      return reply.status(201).send(toMineEvaluation(view!));
    },
  );

  app.get(
    '/business/evaluations/mine',
    { config: { permission: 'citizen' }, schema: { tags, summary: '本企业的评价', response: { 200: evaluationMineResponse, ...errors } } },
    async (request) => {
      const m = await requireMember(app, citizenActor(request).id);
      const rows = await db.evaluation.findMany({ where: { enterpriseId: m.enterpriseId }, include: { appeal: true }, orderBy: { createdAt: 'desc' }, take: 500 });
      return { items: (await evaluationViews(db, rows)).map(toMineEvaluation) };
    },
  );

  app.post(
    '/business/complaints',
    {
      config: { permission: 'citizen', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags, summary: '投诉（按举报流程办理，15 个工作日内答复）', body: complaintSubmitBody, response: { 200: complaintMineItem, 201: complaintMineItem, ...errors, 429: apiErrorSchema } },
    },
    async (request, reply) => {
      const { complaint, replayed } = await submitComplaint(app, request, citizenActor(request).id, request.body);
      const row = await db.businessComplaint.findUniqueOrThrow({ where: { id: complaint.id }, include: { enterprise: { select: { name: true } } } });
      const [view] = await complaintViews(app, [row], today(app));
      return reply.status(replayed ? 200 : 201).send(toMine(view!));
    },
  );

  app.get(
    '/business/complaints/mine',
    { config: { permission: 'citizen' }, schema: { tags, summary: '本企业的差评整改和投诉（进度见 /reports/mine/:reportId）', response: { 200: complaintMineResponse, ...errors } } },
    async (request) => {
      const m = await requireMember(app, citizenActor(request).id);
      const rows = await db.businessComplaint.findMany({ where: { enterpriseId: m.enterpriseId }, include: { enterprise: { select: { name: true } } }, orderBy: { createdAt: 'desc' }, take: 500 });
      return { items: (await complaintViews(app, rows, today(app))).map(toMine) };
    },
  );

  /** Any member of the enterprise follows its cases (the report routes serve only the member who filed). */
  async function enterpriseCaseReport(citizenId: string, complaintId: string) {
    const m = await requireMember(app, citizenId);
    const c = await db.businessComplaint.findUnique({ where: { id: complaintId } });
    if (!c || c.enterpriseId !== m.enterpriseId) throw notFound('投诉');
    return db.report.findUniqueOrThrow({ where: { id: c.reportId } });
  }
  const complaintParams = z.object({ id: z.string().uuid('编号格式不正确') });

  app.get(
    '/business/complaints/:id',
    { config: { permission: 'citizen' }, schema: { tags, summary: '本企业一件差评整改或投诉的办理进度和答复（与举报进度相同）', params: complaintParams, response: { 200: reportPublicView, ...errors } } },
    async (request) => toPublicView(app, await enterpriseCaseReport(citizenActor(request).id, request.params.id)),
  );

  app.post(
    '/business/complaints/:id/rating',
    { config: { permission: 'citizen' }, schema: { tags, summary: '对答复评价：满意办结，不满意重新办理一次（与举报相同）', params: complaintParams, body: reportRateBody, response: { 200: reportPublicView, ...errors } } },
    async (request) => {
      const r = await enterpriseCaseReport(citizenActor(request).id, request.params.id);
      await citizenRate(app, request, r, request.body.rating, request.body.comment);
      return toPublicView(app, await db.report.findUniqueOrThrow({ where: { id: r.id } }));
    },
  );
};
