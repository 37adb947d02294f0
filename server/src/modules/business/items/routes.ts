// 事项管理 routes: service items with their 申报材料, edited one by one or imported from an XLSX sheet.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema, serviceItemBody, serviceItemImportQuery, serviceItemImportResult, serviceItemListQuery, serviceItemListResponse, serviceItemView } from '@msjd/shared';
import { idParams } from '@msjd/shared/common';
import { UPLOAD_RATE_LIMIT } from '../../../lib/budget';
import { AppError } from '../../../errors';
import { staffActor } from '../../../plugins/auth';
import { contentDisposition } from '../../posters';
import { routeErrors as errors, tags, unitScope, XLSX_TYPE } from '../common';
import { createItem, deleteItem, getItem, importItems, importTemplate, listItems, updateItem } from './service';

const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

export const itemRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/business/service-items',
    { config: { permission: 'business.read' }, schema: { tags, summary: '服务事项列表（联络员仅本单位）', querystring: serviceItemListQuery, response: { 200: serviceItemListResponse, 403: apiErrorSchema } } },
    async (request) => listItems(app.db.prisma, unitScope(staffActor(request)), request.query),
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
    async (request) => getItem(app.db.prisma, staffActor(request), request.params.id),
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
};
