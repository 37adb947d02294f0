// 统计分析: report, handling and alert figures for a period (Beijing dates), each compared with the period of the
// same length just before it. Every table has its XLSX export (same rows as the screen).
import { z } from 'zod';
import { isoDateSchema } from './common';

const day = isoDateSchema;

export const statisticsQuery = z
  .object({
    from: day.describe('统计期间起（含，北京时间）'),
    to: day.describe('统计期间止（含，北京时间）'),
  })
  .refine((q) => q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 <= 3660, { message: '统计期间不能超过 10 年', path: ['from'] });
export type StatisticsQuery = z.infer<typeof statisticsQuery>;

export const statisticsTables = ['status', 'category', 'channel', 'unit', 'township', 'month', 'rates', 'warnings', 'verification', 'accountability'] as const;
export const statisticsTableSchema = z.enum(statisticsTables, { message: '未知的统计表' });
export type StatisticsTable = z.infer<typeof statisticsTableSchema>;
export const statisticsTableLabels: Record<StatisticsTable, string> = {
  status: '举报按状态',
  category: '举报按类别',
  channel: '举报按来源渠道',
  unit: '举报按被反映单位',
  township: '举报按乡镇',
  month: '举报按月份',
  rates: '办理时效与满意度',
  warnings: '预警按模型和阶段',
  verification: '各模型查实率（预警与核查）',
  accountability: '问责与追回资金',
};
/** How the two 查实率 are counted, shown beside them. */
export const verificationRateHints = {
  warning: '预警查实率：期内关闭且选择了关闭原因的预警中，原因为「属实」的比例（未记录原因的旧预警不计入）',
  escalation: '核查查实率：期内办结的核查案件中，结论为「问责」的比例（问责 ÷（问责 + 查无实据））',
} as const;
export const statisticsExportQuery = z.object({ from: day, to: day, table: statisticsTableSchema });

/** A count by some key, this period and the previous one. */
const countRow = z.object({ key: z.string(), label: z.string(), count: z.number().int(), previous: z.number().int() });
export type StatisticsCountRow = z.infer<typeof countRow>;

/** A rate with what it is made of; null when nothing was there to count. */
const rate = z.object({ numerator: z.number().int(), denominator: z.number().int(), rate: z.number().nullable() });
export type StatisticsRate = z.infer<typeof rate>;
export const statisticsRateKeys = ['acceptOnTime', 'replyOnTime', 'overdue', 'satisfaction', 'reopen', 'extended'] as const;
export type StatisticsRateKey = (typeof statisticsRateKeys)[number];
export const statisticsRateLabels: Record<StatisticsRateKey, string> = {
  acceptOnTime: '受理按时率',
  replyOnTime: '答复按时率',
  overdue: '超期率',
  satisfaction: '满意率',
  reopen: '重办率',
  extended: '延期率',
};
/** How each rate is counted, shown beside it (the cohort is the reports submitted in the period). */
export const statisticsRateHints: Record<StatisticsRateKey, string> = {
  acceptOnTime: '期内提交的举报中，已作受理决定或已过受理时限的，按时（不晚于受理时限）作出决定的比例',
  replyOnTime: '期内提交的举报中，已答复或已过答复时限的，按时答复的比例',
  overdue: '期内提交的举报中，受理或答复曾经或正在超期的比例',
  satisfaction: '期内提交且已评价的举报中，满意或基本满意的比例',
  reopen: '期内提交且已答复的举报中，因不满意重新办理的比例',
  extended: '期内提交且已受理的举报中，经批准延期答复的比例',
};
const rates = z.object(Object.fromEntries(statisticsRateKeys.map((k) => [k, rate])) as Record<StatisticsRateKey, typeof rate>);

export const statisticsResponse = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  previousPeriod: z.object({ from: z.string(), to: z.string() }),
  totals: z.object({ submitted: z.number().int(), previous: z.number().int() }),
  status: z.array(countRow),
  category: z.array(countRow),
  channel: z.array(countRow),
  unit: z.array(countRow),
  township: z.array(countRow),
  /** YYYY-MM (Beijing time) of the period; previous = the same month a year before (同比) */
  month: z.array(countRow),
  rates: z.object({ current: rates, previous: rates }),
  /** warnings raised in the period (by as-of date), per model and current escalation stage */
  warnings: z.array(
    z.object({ model: z.string(), modelTitle: z.string(), stage: z.string(), stageLabel: z.string(), count: z.number().int(), previous: z.number().int() }),
  ),
  /**
   * 查实率 per model, two ways. 预警查实率: of the model's warnings closed in the period with a reason, the share closed
   * as 属实 (warnings closed before a reason was asked are counted apart, as 未记录原因, and left out). 核查查实率: of
   * the model's escalation cases concluded in the period as 问责 (confirmed) or 查无实据 (unfounded), the confirmed share.
   */
  verification: z.array(
    z.object({
      model: z.string(),
      modelTitle: z.string(),
      /** warnings closed in the period as 属实 */
      warningConfirmed: z.number().int(),
      /** warnings closed in the period with any reason */
      warningClosed: z.number().int(),
      /** warnings closed in the period without a recorded reason (before reasons were asked) */
      warningUnrecorded: z.number().int(),
      warningRate: z.number().nullable(),
      warningPreviousRate: z.number().nullable(),
      confirmed: z.number().int(),
      unfounded: z.number().int(),
      rate: z.number().nullable(),
      previousRate: z.number().nullable(),
    }),
  ),
  accountability: z.object({
    current: z.object({ cases: z.number().int(), people: z.number().int(), moneyRecovered: z.string() }),
    previous: z.object({ cases: z.number().int(), people: z.number().int(), moneyRecovered: z.string() }),
  }),
});
export type StatisticsResponse = z.infer<typeof statisticsResponse>;
