// GET the import templates: the service cases' and each declared data set's, CSV or XLSX. The same audience as the
// imports they are for (alert.data).
import { SERVICE_CASES_LABEL, datasetNameParam, importTemplateQuery } from '@msjd/shared/alerts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { contentDisposition } from '../../posters';
import { getDataset } from '../datasets/store';
import { sqlOf } from '../sql';
import { type TemplateFile, buildTemplate, datasetTemplateColumns, serviceCaseTemplateColumns } from './template';

const send = (reply: FastifyReply, f: TemplateFile) =>
  reply.headers({ 'content-type': f.contentType, 'content-disposition': contentDisposition(f.fileName), 'cache-control': 'no-store' }).send(f.body);

export const importTemplateRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/alerts/imports/service-cases/template',
    {
      config: { permission: 'alert.data' },
      schema: { tags: ['预警'], summary: '办件数据导入模板（format=xlsx 默认，或 csv：UTF-8 带 BOM，中文表头）', querystring: importTemplateQuery },
    },
    async (request, reply) => send(reply, await buildTemplate(SERVICE_CASES_LABEL, serviceCaseTemplateColumns(), request.query.format)),
  );

  app.get(
    '/alerts/datasets/:name/template',
    {
      config: { permission: 'alert.data' },
      schema: { tags: ['预警'], summary: '数据集导入模板（按声明的列，中文表头；format=xlsx 默认，或 csv）', params: datasetNameParam, querystring: importTemplateQuery },
    },
    async (request, reply) => {
      const decl = await getDataset(sqlOf(app.db), request.params.name);
      return send(reply, await buildTemplate(decl.label, datasetTemplateColumns(decl), request.query.format));
    },
  );
};
