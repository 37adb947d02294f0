// GET /api/files/<token>: one report photo, decrypted with its report's key and sent with its own type. The token is
// the authorisation (permission `report.file`: minted only by routes that checked the caller under report.read), so
// the route takes no bearer token and an <img> can load it. Nothing here may be kept: private, no-store, nosniff.
import { apiErrorSchema } from '@msjd/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, notFound } from '../../errors';
import { isEncryptedObject, SealError } from '../../lib/sealing';
import { dataDestroyed, reportDataKey } from '../reports/data-keys';
import { checkFileToken } from './tokens';

const tokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{1,80}\.[A-Za-z0-9_-]{1,80}$/, '文件链接无效') });

export const fileRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/files/:token',
    {
      config: { permission: 'report.file' },
      schema: {
        tags: ['举报办理'],
        summary: '打开举报图片（凭查看举报时签发的短时令牌）',
        params: tokenParams,
        response: { 200: z.any().describe('图片（JPEG、PNG 或 WebP）'), 403: apiErrorSchema, 404: apiErrorSchema, 410: apiErrorSchema },
      },
    },
    async (request, reply) => {
      const checked = checkFileToken(app.sealer, request.params.token, app.clock.now());
      if (!checked.ok) {
        throw checked.reason === 'expired'
          ? new DomainError(403, 'FILE_TOKEN_EXPIRED', '图片链接已过期，请刷新页面后重新打开')
          : new DomainError(403, 'FILE_TOKEN_INVALID', '图片链接无效');
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
          if (err instanceof SealError) throw new DomainError(409, 'FILE_UNREADABLE', '图片无法解密（存储中的文件与记录不符）');
          throw err;
        }
      }
      return reply
        .header('content-type', attachment.mime)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', 'inline')
        .send(body);
    },
  );
};
