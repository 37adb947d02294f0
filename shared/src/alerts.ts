// Contracts of the alert engine (预警): model definitions (data, never SQL), generic data sets for collision models,
// runs, warnings and escalation. Rules: shared/docs/datasets.md. Used by the server routes, the CLI and the admin.
import { z } from 'zod';
import { isoDateSchema, pagingQuery } from './common';

export const alertIsoDate = isoDateSchema;

/** Names that end up as identifiers (model names, data set names, column names): never free text. */
const identifier = (what: string) =>
  z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, `${what}只能包含小写字母、数字和下划线，且以字母开头（不超过 63 个字符）`);

// ---- resident ID numbers: masked unless revealed ------------------------------------------------------------------

const RESIDENT_ID = /(\d{6})\d{8}(\d{3}[\dXx])/g;
/**
 * A resident ID number as lists and details show it: 410725********041X (the region code and the last four kept).
 * Applied to any 18-character ID inside a text too (a certificate number that embeds the holder's ID); other text
 * is returned as it is. Enterprise credit codes (with letters) are not personal and stay readable.
 */
export function maskIdNumbers(text: string): string;
export function maskIdNumbers(text: string | null): string | null;
export function maskIdNumbers(text: string | null): string | null {
  return text === null ? null : text.replace(RESIDENT_ID, (_, head: string, tail: string) => `${head}********${tail.toUpperCase()}`);
}

/** maskIdNumbers over every string inside a JSON value (a warning's values, a matched data-set row). */
export function maskIdNumbersDeep<T>(value: T): T {
  if (typeof value === 'string') return maskIdNumbers(value) as T;
  if (Array.isArray(value)) return value.map(maskIdNumbersDeep) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskIdNumbersDeep(v)])) as T;
  return value;
}

// ---- generic data sets (collision models) ------------------------------------------------------------------------

export const datasetColumnTypes = ['text', 'integer', 'decimal', 'date', 'id_number'] as const;
export const datasetColumnTypeSchema = z.enum(datasetColumnTypes, { message: '列类型应为 text/integer/decimal/date/id_number' });
export type DatasetColumnType = z.infer<typeof datasetColumnTypeSchema>;
export const datasetColumnTypeLabels: Record<DatasetColumnType, string> = {
  text: '文本',
  integer: '整数',
  decimal: '小数',
  date: '日期',
  id_number: '身份证号码',
};

export const datasetColumnSchema = z.object({
  /** canonical header (English), also accepted in the file */
  name: identifier('列名'),
  /** 中文表头, also accepted in the file */
  label: z.string().trim().min(1, '请填写中文表头').max(50, '中文表头不超过 50 个字'),
  type: datasetColumnTypeSchema,
  required: z.boolean().default(false),
});
export type DatasetColumn = z.infer<typeof datasetColumnSchema>;

/** The body of PUT /alerts/datasets/:name (the name comes from the path). */
export const datasetDeclarationBody = z
  .object({
    label: z.string().trim().min(1, '请填写数据集名称').max(100, '数据集名称不超过 100 个字'),
    columns: z.array(datasetColumnSchema).min(1, '至少声明一列').max(60, '最多 60 列'),
    /** the column that identifies a row: a later row with the same key replaces the earlier */
    keyColumn: identifier('主键列'),
    /** the column holding a resident ID (indexed; may be the key column), or null */
    residentIdColumn: identifier('身份证号码列').nullable().default(null),
  })
  .superRefine((d, ctx) => {
    const seen = new Set<string>();
    const labels = new Set<string>();
    d.columns.forEach((c, i) => {
      if (seen.has(c.name)) ctx.addIssue({ code: 'custom', path: ['columns', i, 'name'], message: `列名 ${c.name} 重复` });
      if (labels.has(c.label)) ctx.addIssue({ code: 'custom', path: ['columns', i, 'label'], message: `中文表头 ${c.label} 重复` });
      seen.add(c.name);
      labels.add(c.label);
    });
    const key = d.columns.find((c) => c.name === d.keyColumn);
    if (!key) ctx.addIssue({ code: 'custom', path: ['keyColumn'], message: `主键列 ${d.keyColumn} 不在已声明的列中` });
    if (d.residentIdColumn !== null) {
      const rid = d.columns.find((c) => c.name === d.residentIdColumn);
      if (!rid) ctx.addIssue({ code: 'custom', path: ['residentIdColumn'], message: `身份证号码列 ${d.residentIdColumn} 不在已声明的列中` });
      else if (rid.type !== 'id_number') ctx.addIssue({ code: 'custom', path: ['residentIdColumn'], message: '身份证号码列的类型应为 id_number' });
    }
  });
export type DatasetDeclarationInput = z.input<typeof datasetDeclarationBody>;
export type DatasetDeclarationBody = z.infer<typeof datasetDeclarationBody>;

export const datasetNameParam = z.object({ name: identifier('数据集标识') });

export const datasetSchema = z.object({
  name: z.string(),
  label: z.string(),
  columns: z.array(datasetColumnSchema),
  keyColumn: z.string(),
  residentIdColumn: z.string().nullable(),
  rowCount: z.number().int(),
  updatedAt: z.string(),
});
export type Dataset = z.infer<typeof datasetSchema>;
export const datasetListResponse = z.object({ items: z.array(datasetSchema) });

export const datasetRowsQuery = z.object({
  ...pagingQuery({ max: 500, size: 50 }).shape,
});
/** values: column name -> cleaned value as text (integer/decimal/date in canonical form), or null */
export const datasetRowsResponse = z.object({
  items: z.array(z.object({ key: z.string(), residentId: z.string().nullable(), values: z.record(z.string(), z.string().nullable()) })),
  total: z.number().int(),
});

// ---- imports (service cases and data sets share the report shape) ------------------------------------------------

/** One broken rule of a row: the column (canonical name) and why. */
export const importFaultSchema = z.object({ field: z.string(), reason: z.string() });
/**
 * One entry per rejected row (datasets.md): `field`/`reason` name the first failing column; `otherFaults`, present when
 * the row breaks more rules, lists the rest in column order, so one correction pass fixes the whole row.
 */
export const importErrorSchema = z.object({
  line: z.number().int(),
  field: z.string(),
  reason: z.string(),
  otherFaults: z.array(importFaultSchema).optional(),
});
export const importNoticeKinds = ['duplicate', 'unknown_unit'] as const;
export type ImportNoticeKind = (typeof importNoticeKinds)[number];
export const importNoticeKindLabels: Record<ImportNoticeKind, string> = { duplicate: '文件内重复', unknown_unit: '未知部门编码' };
/**
 * What staff should look at although the row was not rejected: a key that occurs more than once in the file (`line`
 * is its first line, `lines` every line; the last accepted one is stored), or a unit code not in the unit directory.
 */
export const importNoticeSchema = z.object({
  kind: z.enum(importNoticeKinds),
  line: z.number().int(),
  field: z.string(),
  reason: z.string(),
  lines: z.array(z.number().int()).optional(),
});
/** At most this many notices are listed; the counts cover all. */
export const IMPORT_NOTICE_LIMIT = 1000;
export const importResultSchema = z.object({
  imported: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(importErrorSchema),
  // defaults: a report from before these counts existed still reads
  /** keys (case_no / the data set's key) found on more than one accepted line */
  duplicates: z.number().int().default(0),
  /** rows whose unit code is not in the unit directory (service cases) */
  unknownUnits: z.number().int().default(0),
  notices: z.array(importNoticeSchema).default([]),
});
export const importTemplateFormats = ['csv', 'xlsx'] as const;
export const importTemplateQuery = z.object({
  format: z.enum(importTemplateFormats, { message: '模板格式应为 csv 或 xlsx' }).default('xlsx'),
});
export type ImportResultBody = z.infer<typeof importResultSchema>;

// ---- import history, data freshness ------------------------------------------------------------------------------

export const importKinds = ['service_cases', 'dataset'] as const;
export type ImportKind = (typeof importKinds)[number];
/** The service cases' name wherever a data set's name would stand. */
export const SERVICE_CASES_LABEL = '办件数据';

export const alertImportSchema = z.object({
  id: z.string(),
  kind: z.enum(importKinds),
  /** the data set's name (kind dataset), null for service cases */
  dataset: z.string().nullable(),
  /** the data set's Chinese name (办件数据 for service cases) */
  datasetLabel: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  fileBytes: z.number(),
  status: z.enum(['ok', 'failed']),
  /** why the file could not be read (status failed) */
  error: z.string().nullable(),
  rowsRead: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  imported: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** the first 20 rejected rows */
  rejectedSample: z.array(importErrorSchema),
  /** keys repeated in the file, rows with a unit code outside the unit directory (all counted) */
  duplicates: z.number().int(),
  unknownUnits: z.number().int(),
  /** the first 20 notices of each kind, by line; a duplicate's `lines` cut to the first 20 */
  noticeSample: z.array(importNoticeSchema),
  importedByName: z.string().nullable(),
  /** admin | cli | seed */
  via: z.string(),
  startedAt: z.string(),
  durationMs: z.number().int(),
});
export type AlertImport = z.infer<typeof alertImportSchema>;
export const alertImportListQuery = z.object({
  kind: z.enum(importKinds, { message: '导入类型应为 service_cases 或 dataset' }).optional(),
  dataset: z.string().optional(),
  ...pagingQuery().shape,
});
export const alertImportListResponse = z.object({ items: z.array(alertImportSchema), total: z.number().int() });

/** One source of data the models read (service cases, or a declared data set) and when it was last imported. */
export const dataFreshnessSchema = z.object({
  kind: z.enum(importKinds),
  dataset: z.string().nullable(),
  label: z.string(),
  /** ISO instant of the last successful import (for data loaded before imports were recorded, of its newest row) */
  lastImportAt: z.string().nullable(),
  /** whole days from that import's Beijing date to today's; null when never imported */
  ageDays: z.number().int().nullable(),
  /** older than the stale-data setting, or never imported */
  stale: z.boolean(),
  /** the enabled models that read it (their Chinese names) */
  models: z.array(z.string()),
});
export type DataFreshness = z.infer<typeof dataFreshnessSchema>;
export const dataFreshnessResponse = z.object({ staleDays: z.number().int(), sources: z.array(dataFreshnessSchema) });
export type DataFreshnessResponse = z.infer<typeof dataFreshnessResponse>;

/** Settings of the alert engine staff may change. */
export const alertSettingsSchema = z.object({
  /** a run warns when the data an enabled model reads was last imported more than this many days ago */
  staleDays: z.number({ message: '天数应为数字' }).int('天数应为整数').min(1, '天数不小于 1').max(365, '天数不大于 365'),
});
export type AlertSettings = z.infer<typeof alertSettingsSchema>;
export const DEFAULT_STALE_DAYS = 7;

// ---- model definitions ---------------------------------------------------------------------------------------------

const int = (min: number, max: number, what: string) =>
  z.number({ message: `${what}应为数字` }).int(`${what}应为整数`).min(min, `${what}不小于 ${min}`).max(max, `${what}不大于 ${max}`);
export const alertStageStartSchema = z.enum(['urge', 'verify'], { message: '起始阶段应为 urge（督办）或 verify（核查）' });

export const overdueParams = z.object({}).strict();
export const lowPassRateParams = z
  .object({
    windowDays: int(1, 3650, '统计窗口天数').default(90),
    minFinished: int(1, 1_000_000, '最少办结件数').default(20),
    maxPassRate: z.number({ message: '通过率阈值应为数字' }).gt(0, '通过率阈值应大于 0').max(1, '通过率阈值不大于 1').default(0.6),
  })
  .strict();
export const notOneTimeParams = z.object({ minSupplements: int(1, 1000, '补正次数阈值').default(2) }).strict();
export const unequalTreatmentParams = z
  .object({
    windowDays: int(1, 3650, '统计窗口天数').default(90),
    minFinished: int(1, 1_000_000, '最少办结件数').default(10),
    factor: z.number({ message: '倍数应为数字' }).gt(0, '倍数应大于 0').max(1000, '倍数不大于 1000').default(3),
    minMedian: z.number({ message: '中位数下限应为数字' }).min(0, '中位数下限不小于 0').max(1000, '中位数下限不大于 1000').default(1),
  })
  .strict();
export const dissatisfiedParams = z.object({ maxRating: int(1, 5, '评价阈值').default(2) }).strict();
export const obstructionParams = z
  .object({
    windowDays: int(1, 3650, '统计窗口天数').default(30),
    minCount: int(1, 1000, '次数阈值').default(3),
    results: z
      .array(z.enum(['approved', 'rejected', 'returned'], { message: '办理结果应为 approved/rejected/returned' }))
      .min(1, '至少选择一种办理结果')
      .default(['rejected', 'returned']),
  })
  .strict();

export const collisionOps = ['=', '<>', '<', '<=', '>', '>='] as const;
export const collisionOpLabels: Record<(typeof collisionOps)[number], string> = {
  '=': '等于',
  '<>': '不等于',
  '<': '小于',
  '<=': '小于等于',
  '>': '大于',
  '>=': '大于等于',
};
const side = z.enum(['left', 'right'], { message: '应为 left（数据集一）或 right（数据集二）' });
export const collisionColumnRef = z.object({ side, column: identifier('列名') }).strict();
/** The right-hand side of a condition: a column of either data set, or a constant (bound as a parameter). */
export const collisionOperand = z.union([
  collisionColumnRef,
  z.object({ value: z.union([z.string().max(200, '常量不超过 200 个字符'), z.number()]) }).strict(),
]);
export const collisionParams = z
  .object({
    /** 数据集一 / 数据集二 */
    left: identifier('数据集标识'),
    right: identifier('数据集标识'),
    /** join columns: left.column = right.column for every pair (compared as cleaned text / typed values) */
    on: z
      .array(z.object({ left: identifier('列名'), right: identifier('列名') }).strict())
      .min(1, '至少指定一对关联列')
      .max(4, '最多 4 对关联列'),
    /** every condition must hold for a match (AND) */
    conditions: z
      .array(z.object({ a: collisionColumnRef, op: z.enum(collisionOps, { message: '比较方式无效' }), b: collisionOperand }).strict())
      .max(10, '最多 10 个条件')
      .default([]),
    /** the column holding the responsible unit's code (部门/乡镇编码); null: warnings without a unit */
    unit: collisionColumnRef.nullable().default(null),
  })
  .strict();
export type CollisionParams = z.infer<typeof collisionParams>;

const modelName = identifier('模型标识').min(2, '模型标识至少 2 个字符');
const modelCommon = {
  title: z.string().trim().min(1, '请填写模型名称').max(100, '模型名称不超过 100 个字'),
  enabled: z.boolean().default(true),
};
const overdueModel = z.object({ ...modelCommon, kind: z.literal('overdue'), startStage: alertStageStartSchema.default('urge'), params: overdueParams.prefault({}) });
const lowPassRateModel = z.object({
  ...modelCommon,
  kind: z.literal('low_pass_rate'),
  startStage: alertStageStartSchema.default('urge'),
  params: lowPassRateParams.prefault({}),
});
const notOneTimeModel = z.object({
  ...modelCommon,
  kind: z.literal('not_one_time'),
  startStage: alertStageStartSchema.default('verify'),
  params: notOneTimeParams.prefault({}),
});
const unequalTreatmentModel = z.object({
  ...modelCommon,
  kind: z.literal('unequal_treatment'),
  startStage: alertStageStartSchema.default('verify'),
  params: unequalTreatmentParams.prefault({}),
});
const dissatisfiedModel = z.object({
  ...modelCommon,
  kind: z.literal('dissatisfied'),
  startStage: alertStageStartSchema.default('urge'),
  params: dissatisfiedParams.prefault({}),
});
const obstructionModel = z.object({
  ...modelCommon,
  kind: z.literal('obstruction'),
  startStage: alertStageStartSchema.default('verify'),
  params: obstructionParams.prefault({}),
});
const collisionModel = z.object({ ...modelCommon, kind: z.literal('collision'), startStage: alertStageStartSchema.default('verify'), params: collisionParams });
const kindMessage = { message: '模型类型应为 overdue/low_pass_rate/not_one_time/unequal_treatment/dissatisfied/obstruction/collision' };

/** A model definition: kind + staff-editable parameters. Data, validated here; compiled to SQL by the server. */
export const modelDefinition = z.discriminatedUnion(
  'kind',
  [
    overdueModel.extend({ name: modelName }),
    lowPassRateModel.extend({ name: modelName }),
    notOneTimeModel.extend({ name: modelName }),
    unequalTreatmentModel.extend({ name: modelName }),
    dissatisfiedModel.extend({ name: modelName }),
    obstructionModel.extend({ name: modelName }),
    collisionModel.extend({ name: modelName }),
  ],
  kindMessage,
);
export type ModelDefinition = z.infer<typeof modelDefinition>;
export type ModelDefinitionInput = z.input<typeof modelDefinition>;
export type ModelKind = ModelDefinition['kind'];

/** The body of PUT /alerts/models/:name (the name comes from the path). */
export const modelSaveBody = z.discriminatedUnion(
  'kind',
  [overdueModel, lowPassRateModel, notOneTimeModel, unequalTreatmentModel, dissatisfiedModel, obstructionModel, collisionModel],
  kindMessage,
);
export type ModelSaveBody = z.input<typeof modelSaveBody>;

export const modelKinds: readonly ModelKind[] = ['overdue', 'low_pass_rate', 'not_one_time', 'unequal_treatment', 'dissatisfied', 'obstruction', 'collision'];
export const modelKindLabels: Record<ModelKind, string> = {
  overdue: '办件超期',
  low_pass_rate: '审批通过率低',
  not_one_time: '未一次性告知',
  unequal_treatment: '办件区别对待',
  dissatisfied: '不满意',
  obstruction: '故意刁难',
  collision: '数据碰撞',
};

export const modelNameParam = z.object({ name: modelName });
export const modelEnabledBody = z.object({ enabled: z.boolean({ message: '请指定启用或停用' }) });

/** A stored model as the API returns it. */
export const alertModelSchema = z.object({
  name: z.string(),
  kind: z.string(),
  title: z.string(),
  enabled: z.boolean(),
  startStage: z.enum(['urge', 'verify']),
  params: z.record(z.string(), z.unknown()),
  /** the current version (every edit adds one; see GET /alerts/models/:name/versions) */
  version: z.number().int(),
});
export type AlertModel = z.infer<typeof alertModelSchema>;

/** One saved version of a model's definition (immutable; an edit adds the next). */
export const alertModelVersionSchema = z.object({
  version: z.number().int(),
  kind: z.string(),
  title: z.string(),
  enabled: z.boolean(),
  startStage: z.enum(['urge', 'verify']),
  params: z.record(z.string(), z.unknown()),
  /** ISO instant */
  createdAt: z.string(),
  /** who saved it; null for the built-in defaults and the command line */
  createdByName: z.string().nullable(),
  /** warnings this version raised */
  warnings: z.number().int(),
});
export type AlertModelVersion = z.infer<typeof alertModelVersionSchema>;
export const alertModelVersionListResponse = z.object({ items: z.array(alertModelVersionSchema) });

export const modelVersionDiffQuery = z.object({
  from: z.coerce.number({ message: '版本号应为整数' }).int('版本号应为整数').min(1, '版本号从 1 开始'),
  to: z.coerce.number({ message: '版本号应为整数' }).int('版本号应为整数').min(1, '版本号从 1 开始'),
});
/** A field of a model definition that differs between two versions: path (title, params.windowDays…), old -> new. */
export const modelVersionChangeSchema = z.object({
  path: z.string(),
  /** the field's Chinese name */
  label: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type ModelVersionChange = z.infer<typeof modelVersionChangeSchema>;
export const modelVersionDiffResponse = z.object({ from: z.number().int(), to: z.number().int(), changes: z.array(modelVersionChangeSchema) });
export type ModelVersionDiff = z.infer<typeof modelVersionDiffResponse>;

/** The Chinese names of a definition's fields, for version diffs (parameters of every kind). */
export const modelFieldLabels: Record<string, string> = {
  kind: '模型类型',
  title: '模型名称',
  enabled: '启用',
  startStage: '首次预警处置',
  'params.windowDays': '统计窗口（天）',
  'params.minFinished': '最少办结件数',
  'params.maxPassRate': '通过率阈值',
  'params.minSupplements': '补正次数阈值',
  'params.factor': '倍数',
  'params.minMedian': '中位数下限（工作日）',
  'params.maxRating': '评价阈值',
  'params.minCount': '次数阈值',
  'params.results': '计入的办理结果',
  'params.left': '数据集一',
  'params.right': '数据集二',
  'params.on': '关联列',
  'params.conditions': '比对条件',
  'params.unit': '责任单位编码所在列',
};
export const alertModelListResponse = z.object({ items: z.array(alertModelSchema) });
/** GET /alerts/model-names: every model's Chinese name, for whoever reads warnings (the definitions stay with leaders). */
export const alertModelNamesResponse = z.object({ items: z.array(z.object({ name: z.string(), kind: z.string(), title: z.string() })) });

/** POST /alerts/models/dry-run: runs a (possibly unsaved) definition on current data and writes nothing. */
export const modelDryRunBody = z.object({ definition: modelDefinition, asOf: alertIsoDate });
export const modelDryRunHit = z.object({
  subject: z.string(),
  unitCode: z.string().nullable(),
  itemCode: z.string().nullable(),
  caseNo: z.string().nullable(),
  applicantId: z.string().nullable(),
  values: z.record(z.string(), z.unknown()),
  /** false when a warning with this identity already exists (a real run would not raise it again) */
  isNew: z.boolean(),
});
export const modelDryRunResponse = z.object({
  asOf: z.string(),
  /** every hit on current data */
  hits: z.number().int(),
  /** of which a real run would raise as new warnings */
  newHits: z.number().int(),
  /** up to 20 hits, ordered by subject */
  samples: z.array(modelDryRunHit).max(20),
});
export type ModelDryRunResponse = z.infer<typeof modelDryRunResponse>;

// ---- runs, warnings, escalation ----------------------------------------------------------------------------------

export const alertRunBody = z.object({ asOf: alertIsoDate });
export const runResultSchema = z.object({
  asOf: z.string(),
  models: z.record(z.string(), z.object({ new: z.number().int(), total: z.number().int() })),
  escalations: z.object({ opened: z.number().int(), advanced: z.number().int() }),
});
export type RunResultBody = z.infer<typeof runResultSchema>;

export const alertRunTriggers = ['manual', 'schedule'] as const;
export const alertRunSchema = z.object({
  id: z.string(),
  asOf: z.string(),
  /** manual: admin or CLI; schedule: the daily run */
  trigger: z.enum(alertRunTriggers),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  counts: z.record(z.string(), z.unknown()).nullable(),
  opened: z.number(),
  advanced: z.number(),
});
export const alertRunListResponse = z.object({ items: z.array(alertRunSchema), total: z.number() });

/** GET /alerts/schedule: the daily run (ALERTS_DAILY_AT, Asia/Shanghai); dailyAt null = no daily run. */
export const alertScheduleResponse = z.object({
  dailyAt: z.string().nullable(),
  timeZone: z.literal('Asia/Shanghai'),
  /** ISO instant of the next daily run, or null */
  nextRunAt: z.string().nullable(),
});

export const alertStages = ['urge', 'verify', 'done', 'unfounded', 'accountability'] as const;
export const alertStageSchema = z.enum(alertStages);
export const alertStageLabels: Record<(typeof alertStages)[number], string> = {
  urge: '督办',
  verify: '核查',
  done: '已办结',
  unfounded: '查无实据',
  accountability: '问责',
};

const pageQuery = {
  ...pagingQuery({ max: 500, size: 50 }).shape,
};
export const alertRunListQuery = z.object(pageQuery);

/**
 * Why a warning was closed. 属实 counts toward the model's 查实率 (属实 / every warning closed with a reason); the
 * others say why it was not a real problem. Warnings closed before a reason was asked carry none (未记录原因).
 */
export const warningCloseReasons = ['confirmed', 'justified', 'data_error', 'duplicate'] as const;
export type WarningCloseReason = (typeof warningCloseReasons)[number];
export const warningCloseReasonLabels: Record<WarningCloseReason, string> = {
  confirmed: '属实',
  justified: '合理原因',
  data_error: '数据错误',
  duplicate: '重复',
};
export const closeWarningBody = z.object({
  reason: z.enum(warningCloseReasons, { message: '请选择关闭原因：属实、合理原因、数据错误或重复' }),
  note: z.string().trim().max(500, '说明不超过 500 字').optional(),
  /** the warning's item as listed ('' when it has none): its distribution key, so closing touches one shard on Citus */
  itemKey: z.string().max(100, '事项编码过长').optional(),
});
export type CloseWarningBody = z.infer<typeof closeWarningBody>;

export const alertWarningSchema = z.object({
  id: z.string(),
  model: z.string(),
  /** the version of the model's definition that raised it */
  modelVersion: z.number().int().nullable(),
  level: z.enum(['case', 'group']),
  subject: z.string(),
  /** null only for collision warnings whose model names no unit column */
  unitCode: z.string().nullable(),
  itemCode: z.string().nullable(),
  caseNo: z.string().nullable(),
  applicantId: z.string().nullable(),
  asOf: z.string(),
  values: z.record(z.string(), z.unknown()),
  status: z.enum(['open', 'closed']),
  stage: alertStageSchema.nullable(),
  escalationId: z.string().nullable(),
  /** ISO instant the warning was closed, or null */
  closedAt: z.string().nullable(),
  /** null on an open warning, and on one closed before a reason was asked (未记录原因) */
  closeReason: z.enum(warningCloseReasons).nullable(),
  closeNote: z.string().nullable(),
  /** the display name of the staff user who closed it */
  closedByName: z.string().nullable(),
  /** the model's Chinese name */
  modelTitle: z.string(),
  /** what it is about, in words (办件 X, a unit and item, the matched rows); never the raw identity key */
  subjectText: z.string(),
  /** one sentence saying why it was raised, e.g. 办件 X 超出承诺时限 3 个工作日（承诺 5 个工作日，实际 8 个工作日） */
  explanation: z.string(),
});
export type AlertWarning = z.infer<typeof alertWarningSchema>;

/** A service case behind a warning, as the warning's detail shows it (the applicant's ID masked). */
export const warningSourceCaseSchema = z.object({
  caseNo: z.string(),
  unitCode: z.string(),
  unitName: z.string().nullable(),
  itemCode: z.string(),
  itemName: z.string().nullable(),
  applicantId: z.string(),
  applicantType: z.string().nullable(),
  channel: z.string().nullable(),
  acceptedAt: z.string(),
  promisedDays: z.number().int(),
  finishedAt: z.string().nullable(),
  result: z.string(),
  supplementCount: z.number().int(),
  rating: z.number().int().nullable(),
});
export type WarningSourceCase = z.infer<typeof warningSourceCaseSchema>;
/** A data-set row behind a collision warning, as it was matched, under the set's Chinese headers (IDs masked). */
export const warningSourceRowSchema = z.object({
  dataset: z.string(),
  datasetLabel: z.string(),
  key: z.string(),
  values: z.array(z.object({ column: z.string(), label: z.string(), value: z.string().nullable() })),
});
export type WarningSourceRow = z.infer<typeof warningSourceRowSchema>;
export const alertWarningDetailResponse = z.object({
  warning: alertWarningSchema,
  /** the service cases it came from (at most 50; casesTotal says how many there are) */
  cases: z.array(warningSourceCaseSchema),
  casesTotal: z.number().int(),
  /** the data-set rows it came from (collision models) */
  rows: z.array(warningSourceRowSchema),
});
export type AlertWarningDetail = z.infer<typeof alertWarningDetailResponse>;
/** POST /alerts/warnings/:id/reveal (audited): the full ID numbers the detail shows masked. */
export const warningRevealResponse = z.object({
  applicantId: z.string().nullable(),
  cases: z.array(z.object({ caseNo: z.string(), applicantId: z.string() })),
  rows: z.array(z.object({ dataset: z.string(), key: z.string(), values: z.record(z.string(), z.string().nullable()) })),
});
export type WarningReveal = z.infer<typeof warningRevealResponse>;
/** tour_group staff see only warnings of the units their group inspects in an active round (靶向). */
/** A calendar date that exists (2026-02-30 is refused), as YYYY-MM-DD. */
const calendarDate = (what: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${what}格式应为 YYYY-MM-DD`)
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    }, `${what}不是有效的日期`);

export const alertWarningListQuery = z
  .object({
    model: z.string().optional(),
    unitCode: z.string().optional(),
    stage: alertStageSchema.optional(),
    status: z.enum(['open', 'closed']).optional(),
    /** as-of range, both ends included */
    asOfFrom: calendarDate('预警起始日期').optional(),
    asOfTo: calendarDate('预警截止日期').optional(),
    ...pageQuery,
  })
  .superRefine((q, ctx) => {
    if (q.asOfFrom && q.asOfTo && q.asOfFrom > q.asOfTo) {
      ctx.addIssue({ code: 'custom', path: ['asOfTo'], message: '预警截止日期不能早于起始日期' });
    }
  });
export const alertWarningListResponse = z.object({
  items: z.array(alertWarningSchema),
  /** exact when `totalExact`; otherwise the planner's estimate past the exact-count bound (the list says 约) */
  total: z.number(),
  totalExact: z.boolean(),
});

/**
 * 问责方式 for a person, as the Party's accountability rules and the four forms of supervision (监督执纪"四种形态") name
 * them, lightest first: 批评教育, 责令检查, 通报, 诫勉, 组织处理 (组织调整), 党纪处分, 政务处分; 其他 e.g. 移送司法机关.
 */
export const accountabilityKinds = ['批评教育', '责令检查', '通报', '诫勉', '组织处理', '党纪处分', '政务处分', '其他'] as const;
export type AccountabilityKind = (typeof accountabilityKinds)[number];

export const accountabilityPersonSchema = z.object({
  name: z.string({ message: '请填写被问责人姓名' }).trim().min(1, '请填写被问责人姓名').max(50, '姓名不超过 50 字'),
  kind: z.enum(accountabilityKinds, { message: `处理方式应为 ${accountabilityKinds.join('、')} 之一` }),
  detail: z.string().trim().max(200, '处理内容不超过 200 字').optional(),
});
export type AccountabilityPerson = z.infer<typeof accountabilityPersonSchema>;

/**
 * 追回资金 in yuan with at most 2 decimals, as a string ("12000.50") or a JSON number whose decimal text has at most 2
 * decimals (0.1 + 0.2 is refused): stored as numeric, never as a binary float. Output: canonical "12000.50".
 */
export const yuanAmount = z.union([z.string(), z.number()], { message: '追回金额应为数字' }).transform((v, ctx) => {
  const text = typeof v === 'number' ? String(v) : v.trim();
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) {
    ctx.addIssue({ code: 'custom', message: '追回金额应为不小于 0 的金额（元），最多两位小数，不超过 12 位整数' });
    return z.NEVER;
  }
  return `${BigInt(m[1]).toString()}.${(m[2] ?? '').padEnd(2, '0')}`;
});

export const escalationSchema = z.object({
  id: z.string(),
  model: z.string(),
  unitCode: z.string(),
  stage: alertStageSchema,
  openedAsOf: z.string(),
  stageAsOf: z.string(),
  closedAt: z.string().nullable(),
  /** { stage, note } as closed; rows closed before the structured record also carry discipline/organisational texts */
  outcome: z.record(z.string(), z.unknown()).nullable(),
  /** 问责对象 (accountability cases closed with the structured record; empty otherwise) */
  people: z.array(accountabilityPersonSchema),
  /** 追回资金, yuan as exact decimal text ("12000.50"), or null */
  moneyRecovered: z.string().nullable(),
  warnings: z.number().int(),
  /** the latest 督办通知书 of the case (a liaison: only one addressed to their unit); details in escalation-notices.ts */
  notice: z
    .object({
      id: z.string(),
      serial: z.string(),
      /** issued | evidence_submitted | completed: follows the rectification task it opened */
      status: z.enum(['issued', 'evidence_submitted', 'completed']),
      dueOn: z.string(),
      taskId: z.string(),
    })
    .nullish(),
});
export type Escalation = z.infer<typeof escalationSchema>;
export const escalationListQuery = z.object({
  open: z.enum(['true', 'false']).optional(),
  stage: alertStageSchema.optional(),
  model: z.string().optional(),
  unitCode: z.string().optional(),
  ...pageQuery,
});
/** Totals over the cases matching model and unit (whatever the stage or open filter): the tabs' counts and 问责 figures. */
export const escalationSummarySchema = z.object({
  byStage: z.record(alertStageSchema, z.number().int()),
  /** 问责 cases */
  accountabilityCases: z.number().int(),
  /** 问责对象 recorded in those cases */
  peopleHandled: z.number().int(),
  /** 追回资金 in total, yuan as exact decimal text */
  moneyRecovered: z.string(),
});
export type EscalationSummary = z.infer<typeof escalationSummarySchema>;
export const escalationListResponse = z.object({ items: z.array(escalationSchema), total: z.number(), summary: escalationSummarySchema });
export const closeEscalationBody = z.discriminatedUnion('stage', [
  z.object({ stage: z.literal('done'), note: z.string().max(2000).optional() }),
  z.object({ stage: z.literal('unfounded'), note: z.string().max(2000).optional() }),
  z
    .object({
      stage: z.literal('accountability'),
      people: z.array(accountabilityPersonSchema).max(100, '问责对象最多 100 人').default([]),
      moneyRecovered: yuanAmount.optional(),
      note: z.string().max(2000, '核查情况不超过 2000 字').optional(),
    })
    .superRefine((b, ctx) => {
      if (b.people.length === 0 && (b.moneyRecovered === undefined || /^0+\.00$/.test(b.moneyRecovered))) {
        ctx.addIssue({ code: 'custom', path: ['people'], message: '问责处理须至少记录一名问责对象或追回金额' });
      }
    }),
]);
export type CloseEscalationBody = z.infer<typeof closeEscalationBody>;
export type CloseEscalationInput = z.input<typeof closeEscalationBody>;
