// QR scenes: one Scene row per inspected unit / monitoring point, created on first use; resolved from the signed id.
import { type SceneResolve, WEAPP_SCENE_PAGE } from '@msjd/shared';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config';
import { AppError, notFound } from '../../errors';
import type { Scene } from '../../generated/prisma/client';
import { currentNoticeFor, toPublicNotice } from '../notices';
import { hasRoundEnded, isoDate } from '../tours';
import { newSceneId, signScene, verifyScene } from './signing';

export type SceneTarget = { kind: 'tour_unit'; inspectedUnitId: string } | { kind: 'monitoring_point'; monitoringPointId: string };

export async function ensureScene(app: FastifyInstance, target: SceneTarget): Promise<Scene> {
  const prisma = app.db.prisma;
  if (target.kind === 'tour_unit') {
    const found = await prisma.scene.findUnique({ where: { inspectedUnitId: target.inspectedUnitId } });
    if (found) return found;
    if (!(await prisma.inspectedUnit.findUnique({ where: { id: target.inspectedUnitId } }))) throw notFound('被巡察单位');
    return prisma.scene.upsert({
      where: { inspectedUnitId: target.inspectedUnitId },
      create: { id: newSceneId(), kind: 'tour_unit', inspectedUnitId: target.inspectedUnitId },
      update: {},
    });
  }
  const found = await prisma.scene.findUnique({ where: { monitoringPointId: target.monitoringPointId } });
  if (found) return found;
  if (!(await prisma.monitoringPoint.findUnique({ where: { id: target.monitoringPointId } }))) throw notFound('监测点');
  return prisma.scene.upsert({
    where: { monitoringPointId: target.monitoringPointId },
    create: { id: newSceneId(), kind: 'monitoring_point', monitoringPointId: target.monitoringPointId },
    update: {},
  });
}

export function h5Base(config: Config): string {
  const base = config.publicH5Url ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/h5`;
  return base.replace(/\/+$/, '');
}

export function sceneLink(app: FastifyInstance, config: Config, scene: Scene) {
  const signed = signScene(app.sealer, scene.id);
  return {
    scene: signed,
    kind: scene.kind,
    weappPage: WEAPP_SCENE_PAGE,
    h5Url: `${h5Base(config)}/#/${WEAPP_SCENE_PAGE}?s=${encodeURIComponent(signed)}`,
  };
}

const invalidScene = () => new AppError('not_found', 'SCENE_INVALID', '二维码无效或已被篡改');
const expiredScene = (message = '二维码已过期') => new AppError('gone', 'SCENE_EXPIRED', message);

export async function resolveScene(app: FastifyInstance, signed: string): Promise<SceneResolve> {
  const id = verifyScene(app.sealer, signed);
  if (!id) throw invalidScene();
  const prisma = app.db.prisma;
  const scene = await prisma.scene.findUnique({ where: { id } });
  if (!scene) throw notFound('二维码场景');
  const now = app.clock.now();
  if (scene.revokedAt || (scene.expiresAt && scene.expiresAt <= now)) throw expiredScene();
  if (scene.kind === 'tour_unit' && scene.inspectedUnitId) {
    const iu = await prisma.inspectedUnit.findUnique({
      where: { id: scene.inspectedUnitId },
      include: { tourRound: true, unit: true, tourGroup: true },
    });
    if (!iu) throw notFound('被巡察单位');
    if (hasRoundEnded(iu.tourRound, now)) throw expiredScene('本轮巡察已结束，二维码已失效');
    const notice = await currentNoticeFor(prisma, iu);
    const r = iu.tourRound;
    return {
      scene: signed,
      kind: 'tour_unit',
      round: { id: r.id, name: r.name, code: r.code, startsOn: isoDate(r.startsOn), endsOn: isoDate(r.endsOn), status: r.status },
      unit: { id: iu.unit.id, name: iu.unit.name },
      inspectedUnitId: iu.id,
      group: { name: iu.tourGroup.name, phone: iu.tourGroup.phone, mailbox: iu.tourGroup.mailbox, address: iu.tourGroup.address },
      monitoringPoint: null,
      notice: notice ? toPublicNotice(notice, now) : null,
    };
  }
  const mp = scene.monitoringPointId ? await prisma.monitoringPoint.findUnique({ where: { id: scene.monitoringPointId }, include: { unit: true } }) : null;
  if (!mp) throw notFound('监测点');
  if (!mp.active) throw expiredScene('该监测点已停用');
  return {
    scene: signed,
    kind: 'monitoring_point',
    round: null,
    unit: mp.unit ? { id: mp.unit.id, name: mp.unit.name } : null,
    inspectedUnitId: null,
    group: null,
    monitoringPoint: { id: mp.id, code: mp.code, name: mp.name, address: mp.address },
    notice: null,
  };
}
