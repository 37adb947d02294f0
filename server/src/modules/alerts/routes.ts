// Staff routes of the alert engine (registered in the staff scope, prefix /api/staff): import service cases, edit
// model parameters, run the models, list and close warnings, handle escalation cases (督办 -> 核查 -> 问责).
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../errors';
import {
  AlertsInputError,
  AlertsStateError,
  closeEscalation,
  closeWarning,
  ensureDefaultModels,
  loadModels,
  runAlerts,
  saveModel,
} from './engine';
import { ImportFileError, importServiceCases } from './import/service-cases';
import { modelDefinition } from './models/definitions';
import { sqlOf } from './sql';

const managers = ['admin', 'supervisor'] as const;
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const stage = z.enum(['urge', 'verify', 'done', 'unfounded', 'accountability']);
const MAX_IMPORT_BYTES = 512 * 1024 * 1024;

export const importResultSchema = z.object({
  imported: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(z.object({ line: z.number().int(), field: z.string(), reason: z.string() })),
});
export const runResultSchema = z.object({
  asOf: z.string(),
  models: z.record(z.string(), z.object({ new: z.number().int(), total: z.number().int() })),
  escalations: z.object({ opened: z.number().int(), advanced: z.number().int() }),
});
const modelSchema = z.object({
  name: z.string(),
  kind: z.string(),
  title: z.string(),
  enabled: z.boolean(),
  startStage: z.enum(['urge', 'verify']),
  params: z.record(z.string(), z.unknown()),
});
const warningSchema = z.object({
  id: z.string(),
  model: z.string(),
  level: z.enum(['case', 'group']),
  subject: z.string(),
  unitCode: z.string().nullable(),
  itemCode: z.string().nullable(),
  caseNo: z.string().nullable(),
  applicantId: z.string().nullable(),
  asOf: z.string(),
  values: z.record(z.string(), z.unknown()),
  status: z.enum(['open', 'closed']),
  stage: stage.nullable(),
  escalationId: z.string().nullable(),
});
const escalationSchema = z.object({
  id: z.string(),
  model: z.string(),
  unitCode: z.string(),
  stage,
  openedAsOf: z.string(),
  stageAsOf: z.string(),
  closedAt: z.string().nullable(),
  outcome: z.record(z.string(), z.unknown()).nullable(),
  warnings: z.number().int(),
});
const closeEscalationBody = z.discriminatedUnion('stage', [
  z.object({ stage: z.literal('done'), note: z.string().max(2000).optional() }),
  z.object({ stage: z.literal('unfounded'), note: z.string().max(2000).optional() }),
  z.object({
    stage: z.literal('accountability'),
    discipline: z.string().max(500).optional(),
    organisational: z.string().max(500).optional(),
    moneyRecovered: z.number().min(0).optional(),
    note: z.string().max(2000).optional(),
  }),
]);
const page = { page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(500).default(50) };

function domain(err: unknown): never {
  if (err instanceof ImportFileError) throw new DomainError(422, 'IMPORT_UNREADABLE', `导入失败，未写入任何数据: ${err.message}`);
  if (err instanceof AlertsInputError) throw new DomainError(400, 'ALERTS_INPUT', err.message);
  if (err instanceof AlertsStateError) throw new DomainError(409, 'ALERTS_STATE', err.message);
  if (err instanceof z.ZodError) throw new DomainError(400, 'MODEL_INVALID', '模型定义不符合要求', { issues: err.issues });
  throw err;
}

export const alertRoutes: FastifyPluginAsyncZod = async (app) => {
  const sql = () => sqlOf(app.db);

  app.post(
    '/alerts/imports/service-cases',
    {
      config: { roles: managers },
      schema: { tags: ['预警'], summary: '导入办件数据（multipart，字段 file；CSV 或 XLSX）', response: { 200: importResultSchema } },
    },
    async (request) => {
      const part = await request.file({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } });
      if (!part) throw new DomainError(400, 'FILE_REQUIRED', '请上传文件（字段 file）');
      const dir = await mkdtemp(path.join(tmpdir(), 'msjd-import-'));
      const ext = path.extname(part.filename || '').toLowerCase() === '.xlsx' ? '.xlsx' : '.csv';
      const file = path.join(dir, `upload${ext}`);
      try {
        await pipeline(part.file, createWriteStream(file));
        if (part.file.truncated) throw new DomainError(413, 'FILE_TOO_LARGE', '文件过大');
        const result = await importServiceCases(app.db, file).catch(domain);
        await app.audit(request, {
          action: 'alerts.import',
          entity: 'service_case',
          detail: { file: part.filename, imported: result.imported, updated: result.updated, unchanged: result.unchanged, rejected: result.rejected },
        });
        return result;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );

  app.get(
    '/alerts/models',
    { schema: { tags: ['预警'], summary: '预警模型及其参数', response: { 200: z.object({ items: z.array(modelSchema) }) } } },
    async () => {
      await ensureDefaultModels(sql());
      return { items: (await loadModels(sql())) as z.infer<typeof modelSchema>[] };
    },
  );

  app.put(
    '/alerts/models/:name',
    {
      config: { roles: managers },
      schema: {
        tags: ['预警'],
        summary: '修改模型参数（阈值、窗口、起始阶段、启用）',
        params: z.object({ name: z.string().max(63) }),
        body: z.object({ kind: z.string(), title: z.string(), enabled: z.boolean().optional(), startStage: z.enum(['urge', 'verify']).optional(), params: z.record(z.string(), z.unknown()).optional() }),
        response: { 200: modelSchema },
      },
    },
    async (request) => {
      const def = await saveModel(sql(), { ...request.body, name: request.params.name }).catch(domain);
      await app.audit(request, { action: 'alerts.model_saved', entity: 'alert_model', entityId: def.name, detail: def as never });
      return def as z.infer<typeof modelSchema>;
    },
  );

  app.post(
    '/alerts/runs',
    {
      config: { roles: managers },
      schema: { tags: ['预警'], summary: '按截止日期运行全部启用的模型', body: z.object({ asOf: isoDate }), response: { 200: runResultSchema } },
    },
    async (request) => {
      const result = await runAlerts(app.db, request.body.asOf).catch(domain);
      await app.audit(request, { action: 'alerts.run', entity: 'alert_run', detail: result as never });
      return result;
    },
  );

  app.get(
    '/alerts/runs',
    {
      schema: {
        tags: ['预警'],
        summary: '运行记录',
        querystring: z.object(page),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                asOf: z.string(),
                startedAt: z.string(),
                finishedAt: z.string().nullable(),
                durationMs: z.number().nullable(),
                counts: z.record(z.string(), z.unknown()).nullable(),
                opened: z.number(),
                advanced: z.number(),
              }),
            ),
            total: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const { page: p, pageSize } = request.query;
      const items = await sql().query<never>(
        `SELECT id::text AS id, as_of::text AS "asOf", to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "startedAt",
                to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "finishedAt", duration_ms AS "durationMs",
                counts, opened, advanced
           FROM alert_run ORDER BY started_at DESC LIMIT $1 OFFSET $2`,
        [pageSize, (p - 1) * pageSize],
      );
      const [{ n }] = await sql().query<{ n: number }>(`SELECT count(*)::int AS n FROM alert_run`);
      return { items, total: n };
    },
  );

  app.get(
    '/alerts/warnings',
    {
      schema: {
        tags: ['预警'],
        summary: '预警列表',
        querystring: z.object({ model: z.string().optional(), unitCode: z.string().optional(), stage: stage.optional(), status: z.enum(['open', 'closed']).optional(), ...page }),
        response: { 200: z.object({ items: z.array(warningSchema), total: z.number() }) },
      },
    },
    async (request) => {
      const { model, unitCode, stage: st, status, page: p, pageSize } = request.query;
      const where = `($1::text IS NULL OR w.model = $1) AND ($2::text IS NULL OR w.unit_code = $2)
                     AND ($3::text IS NULL OR e.stage = $3) AND ($4::text IS NULL OR w.status = $4)`;
      const params = [model ?? null, unitCode ?? null, st ?? null, status ?? null];
      const items = await sql().query<never>(
        `SELECT w.id::text AS id, w.model, w.level, w.subject, w.unit_code AS "unitCode",
                coalesce(w.item_code, c.item_code) AS "itemCode", w.case_no AS "caseNo",
                coalesce(w.applicant_id, c.applicant_id) AS "applicantId", w.as_of::text AS "asOf", w."values", w.status,
                e.stage, w.escalation_id::text AS "escalationId"
           FROM alert_warning w
           LEFT JOIN escalation_case e ON e.id = w.escalation_id
           LEFT JOIN service_case c ON c.case_no = w.case_no
          WHERE ${where}
          ORDER BY w.as_of DESC, w.model, w.subject LIMIT $5 OFFSET $6`,
        [...params, pageSize, (p - 1) * pageSize],
      );
      const [{ n }] = await sql().query<{ n: number }>(
        `SELECT count(*)::int AS n FROM alert_warning w LEFT JOIN escalation_case e ON e.id = w.escalation_id WHERE ${where}`,
        params,
      );
      return { items, total: n };
    },
  );

  app.post(
    '/alerts/warnings/:id/close',
    {
      config: { roles: managers },
      schema: { tags: ['预警'], summary: '关闭预警（群体类预警关闭后可再次触发）', params: z.object({ id: z.uuid() }), response: { 204: z.null() } },
    },
    async (request, reply) => {
      await closeWarning(sql(), request.params.id).catch(domain);
      await app.audit(request, { action: 'alerts.warning_closed', entity: 'alert_warning', entityId: request.params.id });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/alerts/escalations',
    {
      schema: {
        tags: ['预警'],
        summary: '督办/核查案件',
        querystring: z.object({ open: z.enum(['true', 'false']).optional(), model: z.string().optional(), unitCode: z.string().optional(), ...page }),
        response: { 200: z.object({ items: z.array(escalationSchema), total: z.number() }) },
      },
    },
    async (request) => {
      const { open, model, unitCode, page: p, pageSize } = request.query;
      const where = `($1::boolean IS NULL OR (e.open_key IS NOT NULL) = $1) AND ($2::text IS NULL OR e.model = $2) AND ($3::text IS NULL OR e.unit_code = $3)`;
      const params = [open === undefined ? null : open === 'true', model ?? null, unitCode ?? null];
      const items = await sql().query<never>(
        `SELECT e.id::text AS id, e.model, e.unit_code AS "unitCode", e.stage, e.opened_as_of::text AS "openedAsOf",
                e.stage_as_of::text AS "stageAsOf",
                to_char(e.closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "closedAt", e.outcome,
                (SELECT count(*)::int FROM alert_warning w WHERE w.escalation_id = e.id) AS warnings
           FROM escalation_case e WHERE ${where}
          ORDER BY e.opened_as_of DESC, e.model, e.unit_code LIMIT $4 OFFSET $5`,
        [...params, pageSize, (p - 1) * pageSize],
      );
      const [{ n }] = await sql().query<{ n: number }>(`SELECT count(*)::int AS n FROM escalation_case e WHERE ${where}`, params);
      return { items, total: n };
    },
  );

  app.post(
    '/alerts/escalations/:id/close',
    {
      config: { roles: managers },
      schema: {
        tags: ['预警'],
        summary: '办结督办（done）或核查（unfounded / accountability，并记录处理结果）',
        params: z.object({ id: z.uuid() }),
        body: closeEscalationBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await closeEscalation(sql(), request.params.id, request.body, request.actor?.id).catch(domain);
      await app.audit(request, { action: 'alerts.escalation_closed', entity: 'escalation_case', entityId: request.params.id, detail: request.body as never });
      return reply.status(204).send(null);
    },
  );
};
