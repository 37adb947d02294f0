import { sceneCreateBody, sceneLinkSchema, sceneParamSchema, sceneResolveResponse } from '@msjd/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config';
import { staffActor } from '../../plugins/auth';
import { notFound } from '../../errors';
import { assertGroupScope } from '../tours';
import { ensureScene, resolveScene, sceneLink, type SceneTarget } from './service';
import { verifyScene } from './signing';
import { forgetMiniProgramCode } from '../wechat';

/** Staff: get (or create) the signed scene of an inspected unit or a monitoring point. */
export const staffSceneRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  app.post(
    '/scenes',
    {
      config: { permission: 'scene.create' },
      schema: { tags: ['巡察'], summary: '生成（或取回）二维码场景', body: sceneCreateBody, response: { 200: sceneLinkSchema } },
    },
    async (request) => {
      const actor = staffActor(request);
      const body = request.body;
      if (body.kind === 'tour_unit') {
        const iu = await app.db.prisma.inspectedUnit.findUnique({ where: { id: body.inspectedUnitId } });
        if (!iu) throw notFound('被巡察单位');
        assertGroupScope(actor, iu.tourGroupId);
      } else if (actor.role === 'tour_group') {
        assertGroupScope(actor, null);
      }
      return sceneLink(app, config, await ensureScene(app, body));
    },
  );

  app.post(
    '/scenes/revoke',
    {
      config: { permission: 'scene.revoke' },
      schema: {
        tags: ['巡察'],
        summary: '作废二维码并换发新码（海报被篡改、覆盖等情况）；旧码扫描返回 410',
        body: z.object({ scene: sceneParamSchema, reason: z.string().trim().min(1).max(500) }),
        response: { 200: sceneLinkSchema },
      },
    },
    async (request) => {
      const id = verifyScene(app.sealer, request.body.scene);
      const old = id ? await app.db.prisma.scene.findUnique({ where: { id } }) : null;
      if (!old || old.revokedAt) throw notFound('有效的二维码场景');
      const target: SceneTarget =
        old.kind === 'tour_unit' ? { kind: 'tour_unit', inspectedUnitId: old.inspectedUnitId! } : { kind: 'monitoring_point', monitoringPointId: old.monitoringPointId! };
      await app.db.prisma.$transaction(async (tx) => {
        // the revoked row gives up its target, so the next ensureScene issues a fresh id
        await tx.scene.update({ where: { id: old.id }, data: { revokedAt: app.clock.now(), inspectedUnitId: null, monitoringPointId: null } });
        await app.audit(request, { action: 'scene.revoke', entity: 'scene', entityId: old.id, reason: request.body.reason, detail: target }, tx);
      });
      // the printed code of the revoked scene must never be handed out again; the new scene gets its own
      await forgetMiniProgramCode(app, request.body.scene);
      return sceneLink(app, config, await ensureScene(app, target));
    },
  );
};

/** Public: what the app needs when a QR code is scanned. */
export const publicSceneRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/scenes/:scene',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['巡察'],
        summary: '解析二维码场景（预填举报表单、展示巡察公示）',
        security: [],
        params: z.object({ scene: sceneParamSchema }),
        response: { 200: sceneResolveResponse },
      },
    },
    async (request) => resolveScene(app, request.params.scene),
  );
};
