// 督办通知书: the 督办 stage of an escalation case delivered to a unit's desk — issued with a serial 〔年〕督办第N号,
// answered in 整改跟踪 (the rectification task it opens), printable, and mirrored into the case's history.
import { z } from 'zod';
import { escalationSchema } from './alerts';

export const urgeNoticeStatuses = ['issued', 'evidence_submitted', 'completed'] as const;
export type UrgeNoticeStatus = (typeof urgeNoticeStatuses)[number];
export const urgeNoticeStatusLabels: Record<UrgeNoticeStatus, string> = { issued: '待整改', evidence_submitted: '待验收', completed: '已验收' };

/** Working days a unit may be given to answer a 督办通知书. */
export const URGE_DEADLINE_MAX_DAYS = 60;

export const urgeNoticeIssueBody = z.object({
  /** the unit addressed: the case's own unit (by its code) when not given */
  unitId: z.string({ error: '请选择接收督办通知书的单位' }).uuid('请选择接收督办通知书的单位').optional(),
  /** required when unitId is another unit than the case's own */
  unitReason: z.string({ error: '请填写改送其他单位的理由' }).trim().max(500, '理由不能超过 500 个字').optional(),
  content: z.string({ error: '请填写督办要求' }).trim().min(5, '请填写督办要求（至少 5 个字）').max(5000, '督办要求不能超过 5000 个字'),
  deadlineDays: z
    .number({ error: '请填写整改期限（工作日）' })
    .int('整改期限须为整数个工作日')
    .min(1, '整改期限至少 1 个工作日')
    .max(URGE_DEADLINE_MAX_DAYS, `整改期限不超过 ${URGE_DEADLINE_MAX_DAYS} 个工作日`),
});
export type UrgeNoticeIssueBody = z.infer<typeof urgeNoticeIssueBody>;

export const urgeNoticeView = z.object({
  id: z.string(),
  escalationId: z.string(),
  /** 〔2026〕督办第3号, printed on the notice */
  serial: z.string(),
  unitId: z.string(),
  unitName: z.string().nullable(),
  /** why it went to another unit than the case's own */
  unitReason: z.string().nullable(),
  content: z.string(),
  /** the case's warnings in one sentence each, resident IDs masked, as when the notice was issued */
  findings: z.array(z.string()),
  warningCount: z.number().int(),
  deadlineDays: z.number().int(),
  dueOn: z.string(),
  status: z.enum(urgeNoticeStatuses),
  /** the rectification task in 整改跟踪 where the unit answers */
  taskId: z.string(),
  taskStatus: z.enum(['pending', 'submitted', 'returned', 'accepted']).nullable(),
  issuedAt: z.string(),
  issuedByName: z.string().nullable(),
  evidenceAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  overdue: z.boolean(),
});
export type UrgeNoticeView = z.infer<typeof urgeNoticeView>;

export const escalationHistoryKinds = [
  'opened',
  'advanced',
  'notice_issued',
  'rectification_submitted',
  'rectification_returned',
  'rectification_accepted',
  'closed',
] as const;
export type EscalationHistoryKind = (typeof escalationHistoryKinds)[number];
export const escalationHistoryKindLabels: Record<EscalationHistoryKind, string> = {
  opened: '立案',
  advanced: '升级核查',
  notice_issued: '下发督办通知书',
  rectification_submitted: '单位提交整改',
  rectification_returned: '退回补充',
  rectification_accepted: '整改验收',
  closed: '办结',
};
export const escalationHistoryItem = z.object({
  kind: z.enum(escalationHistoryKinds),
  /** when it happened, where known (cases advanced before the history was kept have only their as-of day) */
  at: z.string().nullable(),
  /** the as-of day (opening, advancing) or the Asia/Shanghai day of `at` */
  day: z.string(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
});
export type EscalationHistoryItem = z.infer<typeof escalationHistoryItem>;

export const escalationDetailResponse = escalationSchema.extend({
  /** the case's unit in the directory (by its code), to whom a notice goes unless another is chosen */
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  notices: z.array(urgeNoticeView),
  history: z.array(escalationHistoryItem),
  /** at 督办 with no notice awaiting acceptance: a 督办通知书 may be issued (by those allowed to) */
  noticeIssuable: z.boolean(),
});
export type EscalationDetail = z.infer<typeof escalationDetailResponse>;
