// Staff routes of the alert engine (registered in the staff scope, prefix /api/staff): import service cases, edit
// model parameters, run the models, list and close warnings, handle escalation cases (督办 -> 核查 -> 问责).
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import {
  alertImportListQuery,
  alertImportListResponse,
  alertModelListResponse,
  alertModelNamesResponse,
  alertModelVersionListResponse,
  alertModelSchema,
  alertRunBody,
  alertRunListQuery,
  alertRunListResponse,
  alertScheduleResponse,
  alertSettingsSchema,
  alertStages,
  alertWarningListQuery,
  alertWarningDetailResponse,
  alertWarningListResponse,
  maskIdNumbers,
  maskIdNumbersDeep,
  warningRevealResponse,
  closeEscalationBody,
  closeWarningBody,
  dataFreshnessResponse,
  datasetDeclarationBody,
  datasetListResponse,
  datasetNameParam,
  datasetRowsQuery,
  datasetRowsResponse,
  datasetSchema,
  escalationListQuery,
  escalationListResponse,
  importResultSchema,
  modelDefinition,
  modelDryRunBody,
  modelDryRunResponse,
  modelEnabledBody,
  modelNameParam,
  modelSaveBody,
  modelVersionDiffQuery,
  modelVersionDiffResponse,
  runResultSchema,
} from '@msjd/shared/alerts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { UPLOAD_RATE_LIMIT } from '../../lib/budget';
import { AppError, notFound } from '../../errors';
import { requestScope, unitLimit } from '../../plugins/permissions';
import { datasetRows, declareDataset, getDataset, listDatasets } from './datasets/store';
import {
  closeEscalation,
  closeWarning,
  dryRunModel,
  ensureDefaultModels,
  loadModels,
  runAlerts,
  saveModel,
  setModelEnabled,
} from './engine';
import { diffDefinitions, listModelVersions } from './models/versions';
import { dataFreshness, getAlertSettings, importWithHistory, listImports, saveAlertSettings, staleDataForRun } from './import/history';
import { importTemplateRoutes } from './import/template-routes';
import { nextDailyRun } from './schedule';
import { sqlOf } from './sql';
import { listWarningItems, revealWarningIds, warningDetail, type WarningReader } from './warnings';
import { escalationDetail, issueUrgeNotice, loadPrintableUrgeNotice, urgeNoticePdf } from './urge-notices';
import { escalationDetailResponse, urgeNoticeIssueBody, urgeNoticeView } from '@msjd/shared/escalation-notices';
import { staffActor } from '../../plugins/auth';
import { contentDisposition } from '../posters';
import { idParams } from '@msjd/shared/common';

/** What the reader may see of the warnings: 靶向 — a tour group the units it inspects in an active round, a liaison their own unit. */
function warningReader(request: FastifyRequest): WarningReader {
  const tourGroupId = requestScope(request, 'alert.warning.read') === 'tourGroup' && request.actor?.kind === 'staff' ? (request.actor.tourGroupId ?? '') : null;
  return { tourGroupId, unitId: unitLimit(request, 'alert.warning.read') };
}

export { importResultSchema, runResultSchema };

const MAX_IMPORT_BYTES = 512 * 1024 * 1024;
type AlertModelBody = z.infer<typeof alertModelSchema>;

export const alertRoutes: FastifyPluginAsyncZod<{ dailyAt?: string }> = async (app, opts) => {
  const sql = () => sqlOf(app.db);
  await app.register(importTemplateRoutes);

  app.post(
    '/alerts/imports/service-cases',
    {
      config: { permission: 'alert.data', rateLimit: UPLOAD_RATE_LIMIT },
      schema: { tags: ['预警'], summary: '导入办件数据（multipart，字段 file；CSV 或 XLSX）', response: { 200: importResultSchema } },
    },
    async (request) => {
      const { result, filename } = await withUpload(request, (file, fileName) =>
        importWithHistory(app.db, { kind: 'service_cases' }, file, { fileName, by: request.actor?.id, via: 'admin' }),
      );
      await app.audit(request, {
        action: 'alerts.import',
        entity: 'service_case',
        detail: { file: filename, importId: result.importId, imported: result.imported, updated: result.updated, unchanged: result.unchanged, rejected: result.rejected },
      });
      return result;
    },
  );

  app.get(
    '/alerts/datasets',
    { config: { permission: 'alert.data' }, schema: { tags: ['预警'], summary: '数据集（数据碰撞用）', response: { 200: datasetListResponse } } },
    async () => ({ items: await listDatasets(sql()) }),
  );

  app.get(
    '/alerts/datasets/:name',
    { config: { permission: 'alert.data' }, schema: { tags: ['预警'], summary: '数据集声明与行数', params: datasetNameParam, response: { 200: datasetSchema } } },
    async (request) => {
      const found = (await listDatasets(sql())).find((d) => d.name === request.params.name);
      if (!found) throw notFound('数据集');
      return found;
    },
  );

  app.put(
    '/alerts/datasets/:name',
    {
      config: { permission: 'alert.data' },
      schema: {
        tags: ['预警'],
        summary: '声明或修改数据集（列、类型、主键列、身份证号码列）；已有数据时只能改中文表头与必填',
        params: datasetNameParam,
        body: datasetDeclarationBody,
        response: { 200: datasetSchema },
      },
    },
    async (request) => {
      if (request.params.name === 'service_cases') throw new AppError('invalid', 'DATASET_RESERVED', 'service_cases 为办件数据集保留名称');
      const decl = await declareDataset(sql(), request.params.name, request.body);
      await app.audit(request, { action: 'alerts.dataset_declared', entity: 'alert_dataset', entityId: decl.name, detail: decl as never });
      return (await listDatasets(sql())).find((d) => d.name === decl.name)!;
    },
  );

  app.get(
    '/alerts/datasets/:name/rows',
    { config: { permission: 'alert.data' }, schema: { tags: ['预警'], summary: '数据集的行（按主键排序）', params: datasetNameParam, querystring: datasetRowsQuery, response: { 200: datasetRowsResponse } } },
    async (request) => {
      // resident ID numbers read masked here; the reveal below shows a page in full, audited
      const rows = await datasetRows(sql(), request.params.name, request.query.page, request.query.pageSize);
      return { ...rows, items: rows.items.map((r) => ({ key: maskIdNumbers(r.key), residentId: maskIdNumbers(r.residentId), values: maskIdNumbersDeep(r.values) })) };
    },
  );

  app.post(
    '/alerts/datasets/:name/rows/reveal',
    {
      config: { permission: 'alert.reveal' },
      schema: {
        tags: ['预警'],
        summary: '显示数据集一页行中完整的身份证号码（逐次记入审计日志）',
        params: datasetNameParam,
        querystring: datasetRowsQuery,
        response: { 200: datasetRowsResponse },
      },
    },
    async (request) => {
      const rows = await datasetRows(sql(), request.params.name, request.query.page, request.query.pageSize);
      await app.audit(request, {
        action: 'alerts.id_revealed',
        entity: 'alert_dataset',
        entityId: request.params.name,
        detail: { page: request.query.page, pageSize: request.query.pageSize, rows: rows.items.length },
      });
      return rows;
    },
  );

  app.post(
    '/alerts/datasets/:name/import',
    {
      config: { permission: 'alert.data', rateLimit: UPLOAD_RATE_LIMIT },
      schema: {
        tags: ['预警'],
        summary: '导入数据集（multipart，字段 file；CSV 或 XLSX，UTF-8 或 GB18030）',
        params: datasetNameParam,
        response: { 200: importResultSchema },
      },
    },
    async (request) => {
      await getDataset(sql(), request.params.name);
      const { result, filename } = await withUpload(request, (file, fileName) =>
        importWithHistory(app.db, { kind: 'dataset', dataset: request.params.name }, file, { fileName, by: request.actor?.id, via: 'admin' }),
      );
      await app.audit(request, {
        action: 'alerts.dataset_import',
        entity: 'alert_dataset',
        entityId: request.params.name,
        detail: { file: filename, importId: result.importId, imported: result.imported, updated: result.updated, unchanged: result.unchanged, rejected: result.rejected },
      });
      return result;
    },
  );

  app.get(
    '/alerts/imports',
    {
      config: { permission: 'alert.data' },
      schema: {
        tags: ['预警'],
        summary: '导入记录：每次导入办件或数据集的文件名、SHA-256、行数（读取/接受/拒绝）、被拒行样例（最多 20 行）、导入人、时间、用时',
        querystring: alertImportListQuery,
        response: { 200: alertImportListResponse },
      },
    },
    async (request) => listImports(sql(), request.query),
  );

  app.get(
    '/alerts/freshness',
    {
      config: { permission: 'alert.data' },
      schema: { tags: ['预警'], summary: '数据新鲜度：办件数据与各数据集最近一次导入的时间、是否过期、读取它的模型', response: { 200: dataFreshnessResponse } },
    },
    async () => dataFreshness(sql(), app.clock.now()),
  );

  app.get(
    '/alerts/settings',
    { config: { permission: 'alert.model' }, schema: { tags: ['预警'], summary: '预警设置（数据过期天数）', response: { 200: alertSettingsSchema } } },
    async () => getAlertSettings(sql()),
  );

  app.put(
    '/alerts/settings',
    {
      config: { permission: 'alert.model' },
      schema: { tags: ['预警'], summary: '修改预警设置（数据过期天数：运行前提醒最近导入早于该天数的数据）', body: alertSettingsSchema, response: { 200: alertSettingsSchema } },
    },
    async (request) => {
      const saved = await saveAlertSettings(sql(), request.body, request.actor?.id);
      await app.audit(request, { action: 'alerts.settings_saved', entity: 'alert_setting', detail: saved });
      return saved;
    },
  );

  // ---- models (六类业务模型 + 数据碰撞; 自主建模) ----

  app.get(
    '/alerts/models',
    { config: { permission: 'alert.model' }, schema: { tags: ['预警'], summary: '预警模型及其参数（含停用的）', response: { 200: alertModelListResponse } } },
    async () => {
      await ensureDefaultModels(sql());
      return { items: (await loadModels(sql())) as AlertModelBody[] };
    },
  );

  app.get(
    '/alerts/model-names',
    {
      config: { permission: 'alert.warning.read' },
      schema: { tags: ['预警'], summary: '各模型的中文名称（供预警、督办页面显示与筛选）', response: { 200: alertModelNamesResponse } },
    },
    async () => {
      await ensureDefaultModels(sql());
      return { items: (await loadModels(sql())).map((m) => ({ name: m.name, kind: m.kind, title: m.title })) };
    },
  );

  app.post(
    '/alerts/models',
    {
      config: { permission: 'alert.model' },
      schema: { tags: ['预警'], summary: '自主建模：新建模型（不含 SQL，只有类型与参数）', body: modelDefinition, response: { 201: alertModelSchema } },
    },
    async (request, reply) => {
      await ensureDefaultModels(sql());
      const def = await saveModel(sql(), request.body, { create: true, by: request.actor?.id });
      await app.audit(request, { action: 'alerts.model_created', entity: 'alert_model', entityId: def.name, detail: def as never });
      return reply.status(201).send(def as AlertModelBody);
    },
  );

  app.put(
    '/alerts/models/:name',
    {
      config: { permission: 'alert.model' },
      schema: {
        tags: ['预警'],
        summary: '修改模型（类型、名称、参数、起始阶段、启用）',
        params: modelNameParam,
        body: modelSaveBody,
        response: { 200: alertModelSchema },
      },
    },
    async (request) => {
      await ensureDefaultModels(sql());
      const def = await saveModel(sql(), { ...request.body, name: request.params.name }, { by: request.actor?.id });
      await app.audit(request, { action: 'alerts.model_saved', entity: 'alert_model', entityId: def.name, detail: def as never });
      return def as AlertModelBody;
    },
  );

  app.patch(
    '/alerts/models/:name',
    {
      config: { permission: 'alert.model' },
      schema: { tags: ['预警'], summary: '启用或停用模型（已产生的预警保留）', params: modelNameParam, body: modelEnabledBody, response: { 200: alertModelSchema } },
    },
    async (request) => {
      const def = await setModelEnabled(sql(), request.params.name, request.body.enabled, request.actor?.id);
      if (!def) throw notFound('模型');
      await app.audit(request, {
        action: request.body.enabled ? 'alerts.model_enabled' : 'alerts.model_disabled',
        entity: 'alert_model',
        entityId: def.name,
        detail: { version: def.version },
      });
      return def as AlertModelBody;
    },
  );

  app.get(
    '/alerts/models/:name/versions',
    {
      config: { permission: 'alert.model' },
      schema: {
        tags: ['预警'],
        summary: '模型的历史版本（每次修改新增一版，旧版不变；含保存人、时间与该版产生的预警数）',
        params: modelNameParam,
        response: { 200: alertModelVersionListResponse },
      },
    },
    async (request) => {
      await ensureDefaultModels(sql());
      const items = await listModelVersions(sql(), request.params.name);
      if (!items) throw notFound('模型');
      return { items };
    },
  );

  app.get(
    '/alerts/models/:name/versions/diff',
    {
      config: { permission: 'alert.model' },
      schema: {
        tags: ['预警'],
        summary: '比较模型的两个版本：改动的字段与参数（旧值 -> 新值）',
        params: modelNameParam,
        querystring: modelVersionDiffQuery,
        response: { 200: modelVersionDiffResponse },
      },
    },
    async (request) => {
      const { from, to } = request.query;
      const items = await listModelVersions(sql(), request.params.name);
      if (!items) throw notFound('模型');
      const a = items.find((v) => v.version === from);
      const b = items.find((v) => v.version === to);
      if (!a || !b) throw new AppError('not_found', 'NOT_FOUND', `模型 ${request.params.name} 没有第 ${!a ? from : to} 版`);
      return { from, to, changes: diffDefinitions(a, b) };
    },
  );

  app.post(
    '/alerts/models/dry-run',
    {
      config: { permission: 'alert.model' },
      schema: {
        tags: ['预警'],
        summary: '试运行：在当前数据上运行一个（可未保存的）模型定义，返回命中数与最多 20 条样例，不写入任何数据',
        body: modelDryRunBody,
        response: { 200: modelDryRunResponse },
      },
    },
    async (request) => {
      const result = await dryRunModel(app.db, request.body.definition, request.body.asOf);
      return { ...result, samples: result.samples.map((h) => ({ ...maskIdNumbersDeep(h), isNew: h.isNew })) };
    },
  );

  // ---- runs ----

  app.post(
    '/alerts/runs',
    {
      config: { permission: 'alert.model' },
      schema: { tags: ['预警'], summary: '按截止日期运行全部启用的模型', body: alertRunBody, response: { 200: runResultSchema } },
    },
    async (request) => {
      const result = await runAlerts(app.db, request.body.asOf, { now: app.clock.now() });
      await app.audit(request, { action: 'alerts.run', entity: 'alert_run', detail: result as never });
      return result;
    },
  );

  app.get(
    '/alerts/runs/stale-data',
    {
      config: { permission: 'alert.model' },
      schema: {
        tags: ['预警'],
        summary: '运行前检查：启用的模型所读取的数据中，最近一次导入早于设置天数（或从未导入）的',
        response: { 200: dataFreshnessResponse },
      },
    },
    async () => staleDataForRun(sql(), app.clock.now()),
  );

  app.get(
    '/alerts/runs',
    { config: { permission: 'alert.model' }, schema: { tags: ['预警'], summary: '运行记录（用时、各模型新增与累计）', querystring: alertRunListQuery, response: { 200: alertRunListResponse } } },
    async (request) => {
      const { page: p, pageSize } = request.query;
      const items = await sql().query<never>(
        `SELECT id::text AS id, as_of::text AS "asOf", trigger, to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "startedAt",
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
    '/alerts/schedule',
    { config: { permission: 'alert.model' }, schema: { tags: ['预警'], summary: '每日定时运行（ALERTS_DAILY_AT，北京时间）', response: { 200: alertScheduleResponse } } },
    async () => {
      const dailyAt = opts.dailyAt ?? null;
      const next = dailyAt ? nextDailyRun(dailyAt, app.clock.now()) : null;
      return { dailyAt, timeZone: 'Asia/Shanghai' as const, nextRunAt: next ? next.toISOString() : null };
    },
  );

  // ---- warnings ----

  app.get(
    '/alerts/warnings',
    {
      config: { permission: 'alert.warning.read' },
      schema: {
        tags: ['预警'],
        summary: '预警列表（巡察组只看本组在进行中轮次巡察的单位的预警）',
        querystring: alertWarningListQuery,
        response: { 200: alertWarningListResponse },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return listWarningItems(sql(), filter, warningReader(request), { page, pageSize });
    },
  );

  app.get(
    '/alerts/warnings/:id',
    {
      config: { permission: 'alert.warning.read' },
      schema: {
        tags: ['预警'],
        summary: '预警详情：一句话说明、触发数值，以及它所依据的办件或数据集行（身份证号码遮盖）',
        params: idParams,
        response: { 200: alertWarningDetailResponse },
      },
    },
    async (request) => {
      const detail = await warningDetail(sql(), request.params.id, warningReader(request));
      if (!detail) throw notFound('预警');
      return detail;
    },
  );

  app.post(
    '/alerts/warnings/:id/reveal',
    {
      config: { permission: 'alert.reveal' },
      schema: {
        tags: ['预警'],
        summary: '查看预警及其依据中完整的身份证号码（逐次记入审计日志）',
        params: idParams,
        response: { 200: warningRevealResponse },
      },
    },
    async (request) => {
      const revealed = await revealWarningIds(sql(), request.params.id);
      if (!revealed) throw notFound('预警');
      await app.audit(request, {
        action: 'alerts.id_revealed',
        entity: 'alert_warning',
        entityId: request.params.id,
        detail: { cases: revealed.cases.map((c) => c.caseNo), rows: revealed.rows.map((r) => `${r.dataset}:${maskIdNumbers(r.key)}`) },
      });
      return revealed;
    },
  );

  app.post(
    '/alerts/warnings/:id/close',
    {
      config: { permission: 'alert.handle' },
      schema: {
        tags: ['预警'],
        summary: '关闭预警：须选择原因（属实/合理原因/数据错误/重复），可附说明；群体类预警关闭后可再次触发',
        params: idParams,
        body: closeWarningBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { itemKey, ...closing } = request.body;
      await closeWarning(sql(), request.params.id, closing, request.actor?.id, app.clock.now(), itemKey);
      await app.audit(request, { action: 'alerts.warning_closed', entity: 'alert_warning', entityId: request.params.id, detail: closing });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/alerts/escalations',
    {
      config: { permission: 'alert.escalation.read' },
      schema: {
        tags: ['预警'],
        summary: '督办/核查/问责案件（可按阶段筛选），附各阶段件数与问责人数、追回资金合计',
        querystring: escalationListQuery,
        response: { 200: escalationListResponse },
      },
    },
    async (request) => {
      const { open, stage: st, model, unitCode, page: p, pageSize } = request.query;
      // the summary covers model and unit only: it gives every stage tab its count whichever tab is shown
      // a liaison's cases are their own unit's: the summary is limited the same way
      const scope = `($1::text IS NULL OR e.model = $1) AND ($2::text IS NULL OR e.unit_code = $2)
                     AND ($3::text IS NULL OR e.unit_code IN (SELECT u.code FROM unit u WHERE u.id::text = $3))`;
      const where = `${scope} AND ($4::boolean IS NULL OR (e.open_key IS NOT NULL) = $4) AND ($5::text IS NULL OR e.stage = $5)`;
      const params = [model ?? null, unitCode ?? null, unitLimit(request), open === undefined ? null : open === 'true', st ?? null];
      const items = await sql().query<never>(
        `SELECT e.id::text AS id, e.model, e.unit_code AS "unitCode", e.stage, e.opened_as_of::text AS "openedAsOf",
                e.stage_as_of::text AS "stageAsOf",
                to_char(e.closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "closedAt", e.outcome,
                coalesce(e.people, '[]'::jsonb) AS people, e.money_recovered::text AS "moneyRecovered",
                (SELECT count(*)::int FROM alert_warning w WHERE w.escalation_id = e.id) AS warnings,
                (SELECT jsonb_build_object('id', n.id::text, 'serial', n.serial, 'status', n.status::text, 'dueOn', n.due_on::text, 'taskId', n.task_id::text)
                   FROM urge_notice n WHERE n.escalation_id = e.id AND ($3::text IS NULL OR n.unit_id::text = $3)
                  ORDER BY n.issued_at DESC LIMIT 1) AS notice
           FROM escalation_case e WHERE ${where}
          ORDER BY e.opened_as_of DESC, e.model, e.unit_code LIMIT $6 OFFSET $7`,
        [...params, pageSize, (p - 1) * pageSize],
      );
      const [{ n }] = await sql().query<{ n: number }>(`SELECT count(*)::int AS n FROM escalation_case e WHERE ${where}`, params);
      const stages = await sql().query<{ stage: (typeof alertStages)[number]; n: number }>(
        `SELECT e.stage, count(*)::int AS n FROM escalation_case e WHERE ${scope} GROUP BY e.stage`,
        params.slice(0, 3),
      );
      // summed as numeric in the database: the total is exact to the fen
      const [acc] = await sql().query<{ cases: number; people: number; money: string }>(
        `SELECT count(*)::int AS cases, coalesce(sum(jsonb_array_length(coalesce(e.people, '[]'::jsonb))), 0)::int AS people,
                coalesce(sum(e.money_recovered), 0)::numeric(20, 2)::text AS money
           FROM escalation_case e WHERE ${scope} AND e.stage = 'accountability'`,
        params.slice(0, 3),
      );
      const byStage = Object.fromEntries(alertStages.map((stage) => [stage, stages.find((r) => r.stage === stage)?.n ?? 0])) as Record<
        (typeof alertStages)[number],
        number
      >;
      return { items, total: n, summary: { byStage, accountabilityCases: acc.cases, peopleHandled: acc.people, moneyRecovered: acc.money } };
    },
  );

  app.get(
    '/alerts/escalations/:id',
    {
      config: { permission: 'alert.escalation.read' },
      schema: {
        tags: ['预警'],
        summary: '督办案件详情：督办通知书及其整改状态、案件经过（立案、升级、通知书下发与单位整改、办结）；联络员仅本单位的案件与致本单位的通知书',
        params: idParams,
        response: { 200: escalationDetailResponse },
      },
    },
    async (request) => {
      const detail = await escalationDetail(app, request.params.id, { unitId: unitLimit(request, 'alert.escalation.read') });
      if (!detail) throw notFound('督办案件');
      return detail;
    },
  );

  app.post(
    '/alerts/escalations/:id/notices',
    {
      config: { permission: 'alert.urge.issue' },
      schema: {
        tags: ['预警'],
        summary: '下发督办通知书（督办阶段；默认致案件所属单位，另选单位须填理由；编号〔年〕督办第N号；同时向该单位下达整改任务，验收后督办办结）',
        params: idParams,
        body: urgeNoticeIssueBody,
        response: { 201: urgeNoticeView },
      },
    },
    async (request, reply) => {
      const view = await issueUrgeNotice(app, request, staffActor(request), request.params.id, request.body);
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/alerts/urge-notices/:id/pdf',
    {
      config: { permission: 'alert.urge.print' },
      schema: { tags: ['预警'], summary: '打印督办通知书（PDF，含文号；联络员仅致本单位的）', params: idParams },
    },
    async (request, reply) => {
      const n = await loadPrintableUrgeNotice(app, staffActor(request), request.params.id);
      const pdf = await urgeNoticePdf(app, n);
      await app.audit(request, { action: 'alerts.urge_notice_print', entity: 'escalation_case', entityId: n.escalationId, detail: { noticeId: n.id, serial: n.serial } });
      return reply
        .headers({ 'content-type': 'application/pdf', 'content-disposition': contentDisposition(`督办通知书${n.serial}.pdf`), 'cache-control': 'no-store' })
        .send(pdf);
    },
  );

  app.post(
    '/alerts/escalations/:id/close',
    {
      config: { permission: 'alert.handle' },
      schema: {
        tags: ['预警'],
        summary: '办结督办（done）或核查（unfounded / accountability：问责对象、处理方式、追回资金）',
        params: idParams,
        body: closeEscalationBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await closeEscalation(sql(), request.params.id, request.body, request.actor?.id, app.clock.now());
      await app.audit(request, { action: 'alerts.escalation_closed', entity: 'escalation_case', entityId: request.params.id, detail: request.body as never });
      return reply.status(204).send(null);
    },
  );
};

/** Saves the uploaded file (multipart field `file`) to a temp dir, hands its path to `fn`, then removes it. */
async function withUpload<T>(request: FastifyRequest, fn: (file: string, fileName: string) => Promise<T>): Promise<{ result: T; filename: string }> {
  const part = await request.file({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } });
  if (!part) throw new AppError('invalid', 'FILE_REQUIRED', '请上传文件（字段 file）');
  const dir = await mkdtemp(path.join(tmpdir(), 'msjd-import-'));
  const ext = path.extname(part.filename || '').toLowerCase() === '.xlsx' ? '.xlsx' : '.csv';
  const file = path.join(dir, `upload${ext}`);
  try {
    await pipeline(part.file, createWriteStream(file));
    if (part.file.truncated) throw new AppError('too_large', 'FILE_TOO_LARGE', '文件过大');
    return { result: await fn(file, part.filename || `upload${ext}`), filename: part.filename };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
