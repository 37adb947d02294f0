// 保存期限与法律保全: how long a finished report's sealed material (reporter identity, contact, photos) is kept, the
// holds that keep it longer, and what the retention job destroyed.
import { z } from 'zod';

export const retentionRuleKeys = ['report_sealed_material'] as const;
export const retentionRuleKeySchema = z.enum(retentionRuleKeys, { error: '未知的保存期限规则' });
export type RetentionRuleKey = z.infer<typeof retentionRuleKeySchema>;
export const retentionRuleLabels: Record<RetentionRuleKey, { label: string; what: string }> = {
  report_sealed_material: {
    label: '举报人身份信息与图片',
    what: '已办结（办结、不予受理、合并）的举报，其举报人姓名、联系方式、微信标识及全部图片，自办结之日起保存的年限；期满由每日任务销毁数据密钥并删除图片（举报事实、办理记录与统计保留）',
  },
};
/** Defaults, also stated in the README. */
export const RETENTION_DEFAULT_YEARS: Record<RetentionRuleKey, number> = { report_sealed_material: 5 };

export const retentionRuleView = z.object({
  key: retentionRuleKeySchema,
  label: z.string(),
  what: z.string(),
  years: z.number().int(),
  defaultYears: z.number().int(),
  updatedAt: z.string(),
  updatedByName: z.string().nullable(),
});
export type RetentionRuleView = z.infer<typeof retentionRuleView>;
export const retentionOverview = z.object({
  rules: z.array(retentionRuleView),
  /** finished reports past their time whose material the next run destroys */
  due: z.number().int(),
  /** finished reports past their time kept by a legal hold */
  held: z.number().int(),
  /** reports whose material was destroyed so far */
  destroyed: z.number().int(),
});
export type RetentionOverview = z.infer<typeof retentionOverview>;

/** What the citizen's privacy guide states (GET /api/public/retention): the years as staff set them today. */
export const publicRetentionResponse = z.object({
  /** years a finished report's reporter identity, contact, photos and video are kept */
  reportSealedMaterialYears: z.number().int(),
});
export type PublicRetention = z.infer<typeof publicRetentionResponse>;

export const retentionRuleBody = z.object({
  years: z
    .number({ error: '请填写保存年限' })
    .int('保存年限须为整数')
    .min(1, '保存年限至少 1 年')
    .max(30, '保存年限至多 30 年'),
});
export type RetentionRuleBody = z.infer<typeof retentionRuleBody>;

export const legalHoldBody = z.object({
  reason: z.string({ error: '请填写保全原因' }).trim().min(5, '保全原因至少 5 个字').max(500, '保全原因至多 500 字'),
});
export const legalHoldReleaseBody = z.object({
  reason: z.string({ error: '请填写解除原因' }).trim().min(5, '解除原因至少 5 个字').max(500, '解除原因至多 500 字'),
});
export type LegalHoldBody = z.infer<typeof legalHoldBody>;

export const legalHoldView = z.object({
  id: z.string(),
  reason: z.string(),
  placedByName: z.string().nullable(),
  placedAt: z.string(),
  releasedByName: z.string().nullable(),
  releasedAt: z.string().nullable(),
  releaseReason: z.string().nullable(),
});
export type LegalHoldView = z.infer<typeof legalHoldView>;
export const legalHoldList = z.object({
  items: z.array(legalHoldView),
  /** a hold is in place now */
  active: z.boolean(),
  /** when the material becomes due for destruction without a hold (null: the report is not finished) */
  dueOn: z.string().nullable(),
  /** the material was destroyed already */
  destroyedAt: z.string().nullable(),
});
export type LegalHoldList = z.infer<typeof legalHoldList>;

export const retentionRunResult = z.object({
  /** reports whose data key was destroyed in this run */
  shredded: z.number().int(),
  /** objects deleted from the bucket in this run */
  objectsDeleted: z.number().int(),
  /** past their time but on hold */
  held: z.number().int(),
});
export type RetentionRunResult = z.infer<typeof retentionRunResult>;
