// Staff routes of 服务办理 (registered in the staff scope, prefix /api/staff): the service cases the alert engine
// imported, paged on the server, and one case with its timeline, warnings and its item's 申报材料.
import { serviceCaseDetailResponse, serviceCaseListQuery, serviceCaseListResponse, serviceCaseNoParam } from '@msjd/shared/service-cases';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../../errors';
import { requestScope, unitLimit } from '../../plugins/permissions';
import { toShanghaiDate } from '../calendar';
import { type CaseReader, DEFAULT_COUNT, type CountOptions, listServiceCases, serviceCaseDetail } from './service';

/** 靶向, as for warnings: a tour group sees the units it inspects in an active round, a liaison their own unit. */
function caseReader(request: FastifyRequest, action: 'service_case.read' | 'alert.warning.read'): CaseReader {
  const tourGroupId = requestScope(request, action) === 'tourGroup' && request.actor?.kind === 'staff' ? (request.actor.tourGroupId ?? '') : null;
  return { tourGroupId, unitId: unitLimit(request, action) };
}

export const serviceCaseRoutes: FastifyPluginAsyncZod<{ count?: Partial<CountOptions> }> = async (app, opts) => {
  const count: CountOptions = { ...DEFAULT_COUNT, ...opts.count };

  app.get(
    '/service-cases',
    {
      config: { permission: 'service_case.read' },
      schema: {
        tags: ['服务办理'],
        summary: '办件列表：按受理时间倒序分页（最多翻阅前 10000 条），合计超过 10000 条时为抽样估算（totalExact=false）',
        querystring: serviceCaseListQuery,
        response: { 200: serviceCaseListResponse },
      },
    },
    async (request) => listServiceCases(app.db, request.query, caseReader(request, 'service_case.read'), toShanghaiDate(app.clock.now()), count),
  );

  app.get(
    '/service-cases/:caseNo',
    {
      config: { permission: 'service_case.read' },
      schema: {
        tags: ['服务办理'],
        summary: '办件详情：受理、期限、办结及工作日用时，相关预警（证件号码遮盖），事项的申报材料',
        params: serviceCaseNoParam,
        response: { 200: serviceCaseDetailResponse },
      },
    },
    async (request) => {
      const detail = await serviceCaseDetail(
        app.db,
        request.params.caseNo,
        caseReader(request, 'service_case.read'),
        caseReader(request, 'alert.warning.read'),
        app.clock.now(),
      );
      if (!detail) throw notFound('办件');
      return detail;
    },
  );
};
