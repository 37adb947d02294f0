import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config';
import { AppError, notFound } from '../../errors';
import { type StaffActor, staffActor } from '../../plugins/auth';
import { currentNoticeFor } from '../notices';
import { ensureScene, sceneLink } from '../scenes';
import { miniProgramCode } from '../wechat';
import { assertGroupScope, isoDate } from '../tours';
import { contentDisposition, type PosterContent, posterPdf, qrPng, safeFileName, zipStream } from './render';
import { idParams } from '@msjd/shared/common';

const DEFAULT_SCOPE = '主要受理反映被巡察单位领导班子及其成员、下一级党组织领导班子主要负责人和重要岗位领导干部问题的来信来电来访，重点是违反政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律和生活纪律等方面的举报和反映。';
const DEFAULT_HOW = '微信扫描下方二维码，进入“码上监督”小程序反映问题；也可通过公示的电话、信箱反映。可实名，也可选择保密方式。';

/**
 * A poster's code: the mini-program code (getwxacodeunlimit) when WeChat is configured, the QR code of the H5 link
 * otherwise; the H5 link QR stays downloadable as the second option (`?variant=h5`).
 */
type Item = { fileBase: string; qrText: string; code: () => Promise<Buffer | null>; poster: () => Promise<PosterContent> };

const CAPTION_WEAPP = '微信扫一扫 · 码上监督小程序';
const CAPTION_H5 = '微信或手机浏览器扫码 · 码上监督';

async function inspectedUnitItem(app: FastifyInstance, config: Config, id: string, actor: StaffActor): Promise<Item> {
  const iu = await app.db.prisma.inspectedUnit.findUnique({ where: { id }, include: { tourRound: true, unit: true, tourGroup: true } });
  if (!iu) throw notFound('被巡察单位');
  assertGroupScope(actor, iu.tourGroupId);
  const link = sceneLink(app, config, await ensureScene(app, { kind: 'tour_unit', inspectedUnitId: iu.id }));
  const code = () => miniProgramCode(app, config, link.scene);
  return {
    fileBase: safeFileName(`${iu.tourRound.code}_${iu.unit.name}`),
    qrText: link.h5Url,
    code,
    poster: async () => {
      const qrImage = (await code()) ?? undefined;
      const n = await currentNoticeFor(app.db.prisma, iu);
      const g = iu.tourGroup;
      return {
        heading: n?.title ?? '巡察公示',
        subtitle: `${iu.tourRound.name} · ${iu.unit.name}`,
        lines: [
          { label: '巡察组', value: g.name },
          { label: '巡察时间', value: `${isoDate(n?.startsOn ?? iu.tourRound.startsOn)} 至 ${isoDate(n?.endsOn ?? iu.tourRound.endsOn)}` },
          { label: '值班电话', value: n?.contactPhone ?? g.phone },
          { label: '邮政信箱', value: n?.contactMailbox ?? g.mailbox },
          { label: '意见箱地址', value: n?.contactAddress ?? g.address },
        ],
        paragraphs: [
          { label: '受理范围', text: n?.scope ?? DEFAULT_SCOPE },
          { label: '反映方式', text: n?.howToReport ?? DEFAULT_HOW },
        ],
        qrText: link.h5Url,
        qrImage,
        sceneCaption: qrImage ? CAPTION_WEAPP : CAPTION_H5,
        footer: `场景码 ${link.scene}`,
      };
    },
  };
}

async function monitoringPointItem(app: FastifyInstance, config: Config, id: string): Promise<Item> {
  const mp = await app.db.prisma.monitoringPoint.findUnique({ where: { id }, include: { unit: true } });
  if (!mp) throw notFound('监测点');
  const link = sceneLink(app, config, await ensureScene(app, { kind: 'monitoring_point', monitoringPointId: mp.id }));
  const code = () => miniProgramCode(app, config, link.scene);
  return {
    fileBase: safeFileName(`${mp.code}_${mp.name}`),
    qrText: link.h5Url,
    code,
    poster: async () => {
      const qrImage = (await code()) ?? undefined;
      return {
      heading: '营商环境监测点',
      subtitle: mp.name,
      lines: [
        { label: '监测点编号', value: mp.code },
        { label: '所属单位', value: mp.unit?.name },
        { label: '地址', value: mp.address },
        { label: '联系人', value: mp.contact },
        { label: '联系电话', value: mp.phone },
      ],
      paragraphs: [
        { label: '评价与投诉', text: '微信扫描下方二维码，对政务服务进行“好差评”，或对服务事项、单位提出投诉。我们将在 15 个工作日内核实处理并答复。' },
      ],
      qrText: link.h5Url,
      qrImage,
      sceneCaption: qrImage ? CAPTION_WEAPP : CAPTION_H5,
      footer: `场景码 ${link.scene}`,
      };
    },
  };
}

async function* entries(items: Item[]) {
  for (const item of items) {
    const code = await item.code();
    yield { name: `${item.fileBase}.png`, data: code ?? (await qrPng(item.qrText)) };
    if (code) yield { name: `${item.fileBase}_H5链接.png`, data: await qrPng(item.qrText) };
    yield { name: `${item.fileBase}.pdf`, data: await posterPdf(await item.poster()) };
  }
}

/** The code image of one item: the mini-program code first, the H5 link QR when asked for or without WeChat. */
async function codeImage(item: Item, variant: 'weapp' | 'h5' | undefined): Promise<Buffer> {
  const code = variant === 'h5' ? null : await item.code();
  return code ?? qrPng(item.qrText);
}
const qrQuery = z.object({ variant: z.enum(['weapp', 'h5']).optional().describe('weapp：小程序码（默认，已配置微信时）；h5：H5 链接二维码') });


export const posterRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  const png = (name: string) => ({ 'content-type': 'image/png', 'content-disposition': contentDisposition(name) });
  const pdf = (name: string) => ({ 'content-type': 'application/pdf', 'content-disposition': contentDisposition(name) });
  const zip = (name: string) => ({ 'content-type': 'application/zip', 'content-disposition': contentDisposition(name) });

  app.get(
    '/posters/inspected-units/:id/qr.png',
    { config: { permission: 'tour.poster' }, schema: { tags: ['二维码'], summary: '被巡察单位小程序码或 H5 链接二维码（PNG）', params: idParams, querystring: qrQuery } },
    async (request, reply) => {
      const item = await inspectedUnitItem(app, config, request.params.id, staffActor(request));
      return reply.headers(png(`${item.fileBase}.png`)).send(await codeImage(item, request.query.variant));
    },
  );
  app.get(
    '/posters/inspected-units/:id/poster.pdf',
    { config: { permission: 'tour.poster' }, schema: { tags: ['二维码'], summary: '被巡察单位公示海报（A4 PDF）', params: idParams } },
    async (request, reply) => {
      const item = await inspectedUnitItem(app, config, request.params.id, staffActor(request));
      return reply.headers(pdf(`${item.fileBase}.pdf`)).send(await posterPdf(await item.poster()));
    },
  );
  app.get(
    '/posters/rounds/:id/posters.zip',
    { config: { permission: 'tour.poster' }, schema: { tags: ['二维码'], summary: '本轮次全部被巡察单位的二维码与海报（ZIP；巡察组仅本组）', params: idParams } },
    async (request, reply) => {
      const actor = staffActor(request);
      const round = await app.db.prisma.tourRound.findUnique({ where: { id: request.params.id } });
      if (!round) throw notFound('巡察轮次');
      const units = await app.db.prisma.inspectedUnit.findMany({
        where: { tourRoundId: round.id, ...(actor.role === 'tour_group' ? { tourGroupId: actor.tourGroupId ?? '00000000-0000-0000-0000-000000000000' } : {}) },
        include: { unit: true },
        orderBy: { unit: { code: 'asc' } },
      });
      if (!units.length) throw new AppError('not_found', 'NOTHING_TO_EXPORT', '本轮次没有可导出的被巡察单位');
      // scenes are created up front, so a failure is still a clean error response
      const items = [];
      for (const iu of units) items.push(await inspectedUnitItem(app, config, iu.id, actor));
      const stream = zipStream(entries(items), (err) => request.log.error({ err }, 'poster zip failed'));
      return reply.headers(zip(`${safeFileName(round.code)}_巡察二维码.zip`)).send(stream);
    },
  );

  app.get(
    '/posters/monitoring-points/:id/qr.png',
    { config: { permission: 'business.point.manage' }, schema: { tags: ['二维码'], summary: '监测点小程序码或 H5 链接二维码（PNG）', params: idParams, querystring: qrQuery } },
    async (request, reply) => {
      const item = await monitoringPointItem(app, config, request.params.id);
      return reply.headers(png(`${item.fileBase}.png`)).send(await codeImage(item, request.query.variant));
    },
  );
  app.get(
    '/posters/monitoring-points/:id/poster.pdf',
    { config: { permission: 'business.point.manage' }, schema: { tags: ['二维码'], summary: '监测点海报（A4 PDF）', params: idParams } },
    async (request, reply) => {
      const item = await monitoringPointItem(app, config, request.params.id);
      return reply.headers(pdf(`${item.fileBase}.pdf`)).send(await posterPdf(await item.poster()));
    },
  );
  app.get(
    '/posters/monitoring-points/posters.zip',
    { config: { permission: 'business.point.manage' }, schema: { tags: ['二维码'], summary: '全部启用监测点的二维码与海报（ZIP）' } },
    async (request, reply) => {
      const points = await app.db.prisma.monitoringPoint.findMany({ where: { active: true }, orderBy: { code: 'asc' } });
      if (!points.length) throw new AppError('not_found', 'NOTHING_TO_EXPORT', '没有启用的监测点');
      const items = [];
      for (const mp of points) items.push(await monitoringPointItem(app, config, mp.id));
      const stream = zipStream(entries(items), (err) => request.log.error({ err }, 'poster zip failed'));
      return reply.headers(zip('监测点二维码.zip')).send(stream);
    },
  );
};
