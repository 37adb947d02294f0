// Multipart photo upload shared by the citizen and staff routes. A photo is encrypted with its report's own key before
// it goes to the bucket, so object storage only ever holds ciphertext; it is read back through a file token
// (modules/files).
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Report } from '../../generated/prisma/client';
import { conflict, AppError } from '../../errors';
import { ensureReportDataKey } from './data-keys';
import { cleanImage, extensionOf, MAX_IMAGE_BYTES, MAX_IMAGES_PER_REPORT, tooLarge, unsupportedType } from './images';

export async function storeAttachment(
  app: FastifyInstance,
  request: FastifyRequest,
  report: Report,
  by: { addedBy: 'citizen' | 'staff'; addedById: string | null; kind?: 'image' | 'evidence'; messageId?: string | null },
) {
  if (!request.isMultipart()) throw unsupportedType();
  const count = await app.db.prisma.reportAttachment.count({ where: { reportId: report.id, addedBy: by.addedBy } });
  if (by.addedBy === 'citizen' && count >= MAX_IMAGES_PER_REPORT) {
    throw conflict('TOO_MANY_ATTACHMENTS', `每件举报最多上传 ${MAX_IMAGES_PER_REPORT} 张图片`, { max: MAX_IMAGES_PER_REPORT });
  }
  let raw: Buffer;
  try {
    const part = await request.file({ limits: { fileSize: MAX_IMAGE_BYTES, files: 1 } });
    if (!part) throw new AppError('invalid', 'FILE_MISSING', '请选择要上传的图片');
    raw = await part.toBuffer();
  } catch (err) {
    if (err instanceof AppError) throw err;
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw err;
  }
  const { body, mime } = await cleanImage(raw);
  const now = app.clock.now();
  const key = await ensureReportDataKey(app.sealer, app.db.prisma, report.id, now);
  const id = randomUUID();
  const storageKey = `reports/${report.id}/${id}.${extensionOf(mime)}`;
  await app.storage.put(storageKey, key.encryptObject(body, storageKey), 'application/octet-stream');
  const att = await app.db.prisma.$transaction(async (tx) => {
    const att = await tx.reportAttachment.create({
      data: {
        id,
        reportId: report.id,
        storageKey,
        mime,
        size: body.length,
        kind: by.kind ?? 'image',
        addedBy: by.addedBy,
        addedById: by.addedBy === 'citizen' && report.confidential ? null : by.addedById,
        messageId: by.messageId ?? null,
        createdAt: now,
      },
    });
    await tx.reportEvent.create({
      data: {
        reportId: report.id,
        kind: 'attachment',
        actorType: by.addedBy,
        actorId: by.addedBy === 'citizen' && report.confidential ? null : by.addedById,
        at: now,
      },
    });
    await app.audit(
      request,
      { action: 'report.attachment', entity: 'report', entityId: report.id, detail: { attachmentId: id, mime, size: body.length }, unlinkable: by.addedBy === 'citizen' && report.confidential },
      tx,
    );
    return att;
  });
  return { id: att.id, mime: att.mime, size: att.size };
}
