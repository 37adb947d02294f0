// The rules of an imported service case (datasets.md "Service case records"), in one table: what each column must
// hold, then the rules across columns. The importer (service-cases.ts) applies them in this order and reports every
// rule a row breaks; the template's 填写说明 sheet is written from the same table. A set-based importer in SQL ports
// this table, not the code around it.
import { APPLICANT_TYPES, CHANNELS, RATINGS, RESULT_VALUES, type ParsedDateTime } from './clean';

export type FieldName =
  | 'case_no'
  | 'unit_code'
  | 'unit_name'
  | 'item_code'
  | 'item_name'
  | 'applicant_id'
  | 'applicant_type'
  | 'channel'
  | 'accepted_at'
  | 'promised_days'
  | 'finished_at'
  | 'result'
  | 'supplement_count'
  | 'rating';

/**
 * How a column's text is checked and cleaned:
 * - `code`: trimmed, full-width digits, letters and punctuation to ASCII;
 * - `name`: trimmed, full-width digits and letters to ASCII (full-width punctuation is legitimate in names);
 * - `applicant_id`: an 18-character resident ID or unified social credit code with a valid check character (never an
 *   XLSX number: digits are lost);
 * - `datetime`: the formats of parseDateTime or an Excel date cell, Asia/Shanghai when no zone;
 * - `count`: an integer >= 0;
 * - `enum`: one of `values` (case-insensitive), stored as the value it maps to;
 * - `rating`: 1-5 or its Chinese word.
 */
export type FieldCheck =
  | { kind: 'code' }
  | { kind: 'name' }
  | { kind: 'applicant_id' }
  | { kind: 'datetime' }
  | { kind: 'count'; reason: string }
  | { kind: 'enum'; values: Record<string, string>; allowed: string }
  | { kind: 'rating'; values: Record<string, number>; allowed: string };

export type FieldRule = {
  field: FieldName;
  /** 中文表头 (the template's header) */
  zh: string;
  required: boolean;
  check: FieldCheck;
  /** what to write, for the template's 填写说明 */
  hint: string;
};

/**
 * Applicant types: the doc's codes and words, and 自然人/法人 — the words of the civil code that departments' systems
 * export for the same two kinds (issue #15).
 */
export const APPLICANT_TYPE_VALUES: Record<string, 'enterprise' | 'individual'> = { ...APPLICANT_TYPES, 自然人: 'individual', 法人: 'enterprise' };

/** The columns in canonical order: the order a row's faults are reported in, and the template's column order. */
export const SERVICE_CASE_RULES: FieldRule[] = [
  { field: 'case_no', zh: '办件编号', required: true, check: { kind: 'code' }, hint: '办件的唯一编号；再次导入同一编号将更新该办件' },
  { field: 'unit_code', zh: '部门编码', required: true, check: { kind: 'code' }, hint: '单位目录中的单位编码' },
  { field: 'unit_name', zh: '部门名称', required: false, check: { kind: 'name' }, hint: '' },
  { field: 'item_code', zh: '事项编码', required: true, check: { kind: 'code' }, hint: '事项编码在各部门间唯一' },
  { field: 'item_name', zh: '事项名称', required: false, check: { kind: 'name' }, hint: '' },
  {
    field: 'applicant_id',
    zh: '申请人证件号码',
    required: true,
    check: { kind: 'applicant_id' },
    hint: '18 位身份证号码或统一社会信用代码（校验位须正确；在 Excel 中请设为文本格式）',
  },
  {
    field: 'applicant_type',
    zh: '申请人类型',
    required: false,
    check: { kind: 'enum', values: APPLICANT_TYPE_VALUES, allowed: 'enterprise/individual 或 企业/个人、法人/自然人' },
    hint: '企业（法人）或 个人（自然人）',
  },
  { field: 'channel', zh: '办理渠道', required: false, check: { kind: 'enum', values: CHANNELS, allowed: 'window/online 或 窗口/网办' }, hint: '窗口 或 网办' },
  {
    field: 'accepted_at',
    zh: '受理时间',
    required: true,
    check: { kind: 'datetime' },
    hint: '如 2026-03-02 09:30、2026/3/2 9:30、2026-03-02、2026年3月2日；无时区按北京时间',
  },
  {
    field: 'promised_days',
    zh: '承诺时限',
    required: true,
    check: { kind: 'count', reason: '承诺时限应为大于等于 0 的整数' },
    hint: '工作日数，大于等于 0 的整数（0 = 即办）',
  },
  { field: 'finished_at', zh: '办结时间', required: false, check: { kind: 'datetime' }, hint: '格式同受理时间；未办结留空' },
  {
    field: 'result',
    zh: '办理结果',
    required: true,
    check: { kind: 'enum', values: RESULT_VALUES, allowed: 'approved/rejected/returned/pending 或 通过/不予许可/退回/办理中' },
    hint: '通过（准予许可）、不予许可（不通过）、退回 或 办理中',
  },
  {
    field: 'supplement_count',
    zh: '补正次数',
    required: false,
    check: { kind: 'count', reason: '补正次数应为大于等于 0 的整数' },
    hint: '大于等于 0 的整数，留空为 0',
  },
  {
    field: 'rating',
    zh: '评价',
    required: false,
    check: { kind: 'rating', values: RATINGS, allowed: '1-5 或 非常满意/满意/基本满意/不满意/非常不满意' },
    hint: '1-5 或 非常满意/满意/基本满意/不满意/非常不满意；留空为未评价',
  },
];

/** The cleaned values a cross-column rule reads (only columns that passed their own check are present). */
export type CheckedValues = { accepted_at?: ParsedDateTime; finished_at?: ParsedDateTime | null; result?: string; resultText?: string };

export type CrossRule = {
  /** the column the fault is reported on: the later of the columns involved */
  field: FieldName;
  /** the columns that must have passed their own checks for this rule to be tried */
  reads: FieldName[];
  /** the reason when broken, null when kept */
  broken(v: Required<CheckedValues>): string | null;
};

export const SERVICE_CASE_CROSS_RULES: CrossRule[] = [
  {
    field: 'finished_at',
    reads: ['accepted_at', 'finished_at'],
    // compare instants when both carry a time, else the Shanghai dates
    broken: ({ accepted_at: a, finished_at: f }) =>
      f && (a.hasTime && f.hasTime ? f.instant.getTime() < a.instant.getTime() : f.date < a.date) ? '办结时间早于受理时间' : null,
  },
  {
    field: 'result',
    reads: ['finished_at', 'result'],
    broken: ({ finished_at, result }) => (result === 'pending' && finished_at ? '办理结果为办理中，但已填写办结时间' : null),
  },
  {
    field: 'result',
    reads: ['finished_at', 'result'],
    broken: ({ finished_at, result, resultText }) => (result !== 'pending' && !finished_at ? `办理结果为${resultText}，但办结时间为空` : null),
  },
];

/** Reported on the row (not a rejection: datasets.md rejects on format only) when its unit is not in the directory. */
export const unknownUnitReason = (code: string) => `部门编码 ${code} 不在单位目录中（该行已导入，预警将无法对应到单位，请核对编码或先在单位目录中添加）`;
