// GET /api/files/<token>: one report photo or video, decrypted with its report's key and sent with its own type. The
// token is the authorisation (permission `report.file`: minted only by routes that checked the caller under
// report.read), so the route takes no bearer token and an <img> or <video> can load it. Nothing here may be kept:
// private, no-store, nosniff. A <video> seeks with byte ranges (RFC 9110 §14): one range is answered with 206, several
// with the whole file, an impossible one with 416. Opening a video (its first bytes) is audited.
import { apiErrorSchema } from '@msjd/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, notFound } from '../../errors';
import { isEncryptedObject, SealError } from '../../lib/sealing';
import type { StaffActor } from '../../plugins/auth';
import { dataDestroyed, reportDataKey } from '../reports';
import { checkFileToken } from './tokens';

/** A single `bytes=` range resolved against the size; null: answer with the whole file; 'unsatisfiable': 416. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null | 'unsatisfiable' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // several ranges or another unit: the whole file is a correct answer
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

const tokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{1,80}\.[A-Za-z0-9_-]{1,80}$/, '文件链接无效') });

/** Under the staff member the token was minted for; the route itself has no bearer token to say who it is. */
async function auditVideoOpened(app: FastifyInstance, request: FastifyRequest, attachment: { id: string; reportId: string }, viewerId: string | undefined) {
  const viewer = viewerId ? await app.db.prisma.staffUser.findUnique({ where: { id: viewerId }, select: { id: true, role: true, unitId: true, tourGroupId: true } }) : null;
  if (viewer) request.actor = { kind: 'staff', id: viewer.id, role: viewer.role as StaffActor['role'], unitId: viewer.unitId, tourGroupId: viewer.tourGroupId };
  await app.audit(request, { action: 'report.video_view', entity: 'report', entityId: attachment.reportId, detail: { attachmentId: attachment.id } });
}

export const fileRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/files/:token',
    {
      config: { permission: 'report.file' },
      schema: {
        tags: ['举报办理'],
        summary: '打开举报图片或视频（凭查看举报时签发的短时令牌；视频支持 Range 分段读取）',
        params: tokenParams,
        response: {
          200: z.any().describe('图片（JPEG、PNG 或 WebP）或视频（MP4）'),
          206: z.any().describe('请求的字节范围（Range）'),
          403: apiErrorSchema,
          404: apiErrorSchema,
          410: apiErrorSchema,
          416: z.any().describe('请求的范围超出文件'),
        },
      },
    },
    async (request, reply) => {
      const checked = checkFileToken(app.sealer, request.params.token, app.clock.now());
      if (!checked.ok) {
        throw checked.reason === 'expired'
          ? new AppError('forbidden', 'FILE_TOKEN_EXPIRED', '图片链接已过期，请刷新页面后重新打开')
          : new AppError('forbidden', 'FILE_TOKEN_INVALID', '图片链接无效');
      }
      const { attachmentId, reportId } = checked.grant;
      const attachment = await app.db.prisma.reportAttachment.findFirst({ where: { id: attachmentId, reportId } });
      if (!attachment) throw notFound('图片');
      const key = await reportDataKey(app.sealer, app.db.prisma, reportId);
      let stored: Buffer;
      try {
        stored = await app.storage.get(attachment.storageKey);
      } catch (err) {
        if ((err as { code?: string }).code === 'NoSuchKey') throw notFound('图片');
        throw err;
      }
      let body = stored;
      // photos stored before per-report keys are plain images until `pnpm cli keys rotate` encrypts them
      if (isEncryptedObject(stored)) {
        if (!key) throw dataDestroyed();
        try {
          body = key.decryptObject(stored, attachment.storageKey);
        } catch (err) {
          if (err instanceof SealError) throw new AppError('conflict', 'FILE_UNREADABLE', '图片无法解密（存储中的文件与记录不符）');
          throw err;
        }
      }
      reply
        .header('content-type', attachment.mime)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', 'inline')
        .header('accept-ranges', 'bytes');
      const range = parseRange(request.headers.range, body.length);
      if (range === 'unsatisfiable') return reply.status(416).header('content-range', `bytes */${body.length}`).send(Buffer.alloc(0));
      // a <video> asks for its first bytes once when it opens, then for the parts it seeks to
      if (attachment.kind === 'video' && (!range || range.start === 0)) await auditVideoOpened(app, request, attachment, checked.grant.viewerId);
      if (!range) return reply.send(body);
      return reply
        .status(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${body.length}`)
        .send(body.subarray(range.start, range.end + 1));
    },
  );
};
