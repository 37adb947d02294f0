// Reporter protection: the custodian's approval to see a real-name reporter (双人审批), the redacted 交办单 and the
// message thread between staff and reporter.
import { z } from 'zod';

const reason = z.string().trim().min(4, '请填写原因（至少 4 个字）').max(500, '原因不能超过 500 个字');

export const identityRevealStatuses = ['pending', 'approved', 'refused'] as const;
export const identityRevealStatusSchema = z.enum(identityRevealStatuses);
export const identityRevealStatusLabels: Record<z.infer<typeof identityRevealStatusSchema>, string> = {
  pending: '待审批',
  approved: '已批准',
  refused: '已拒绝',
};

/** 申请查看举报人身份 */
export const identityRevealRequestBody = z.object({ reason });
/** A second person's decision on what someone else asked for (双人审批, 延期): a refusal says why. */
export const approvalDecisionBody = z
  .object({ approve: z.boolean(), note: z.string().trim().max(500, '意见不能超过 500 个字').optional() })
  .superRefine((b, ctx) => {
    if (!b.approve && !(b.note && b.note.length >= 2)) ctx.addIssue({ code: 'custom', path: ['note'], message: '拒绝时请填写理由' });
  });
/** 审批（纪检干部，非申请人本人） */
export const identityRevealDecisionBody = approvalDecisionBody;
export const identityRevealRequestView = z.object({
  id: z.string(),
  reportId: z.string(),
  serial: z.string(),
  requesterId: z.string(),
  requesterName: z.string().nullable(),
  reason: z.string(),
  status: identityRevealStatusSchema,
  statusLabel: z.string(),
  deciderId: z.string().nullable(),
  deciderName: z.string().nullable(),
  decisionNote: z.string().nullable(),
  decidedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  /** approved and not yet expired */
  active: z.boolean(),
  createdAt: z.string(),
});
export type IdentityRevealRequestView = z.infer<typeof identityRevealRequestView>;
export const identityRevealRequestList = z.object({ items: z.array(identityRevealRequestView) });

/** 标注身份信息：交办单中遮蔽的原文片段（整体替换，原文仍由受理和纪检干部查看） */
export const reportRedactionsBody = z.object({
  phrases: z.array(z.string().trim().min(2, '每处至少 2 个字').max(200, '每处不超过 200 个字')).max(50, '最多标注 50 处'),
});
export const reportRedactionsView = z.object({
  phrases: z.array(z.string()),
  /** the content as the assigned unit or tour group reads it */
  preview: z.string(),
});

/** 随交办单移交的材料（整体替换；未选的图片、视频只由受理员和纪检干部查看） */
export const reportHandoverAttachmentsBody = z.object({
  attachmentIds: z.array(z.string().uuid('编号格式不正确')).max(20, '最多选择 20 件材料'),
});
export const reportHandoverAttachmentsView = z.object({ attachmentIds: z.array(z.string()) });
