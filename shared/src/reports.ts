// 码上监督 reporting: the contracts shared by server, admin and mini-program.
// Public views never carry reporter identity or internal notes; staff lists never carry identity either.
import { z } from 'zod';
import { isoDateSchema, pagingQuery } from './common';
import { reportChannelSchema } from './channels';
import { approvalDecisionBody } from './protection';

export const reportStatuses = ['submitted', 'accepted', 'not_accepted', 'merged', 'assigned', 'in_progress', 'replied', 'closed'] as const;
export const reportStatusSchema = z.enum(reportStatuses);
export type ReportStatus = z.infer<typeof reportStatusSchema>;
export const reportStatusLabels: Record<ReportStatus, string> = {
  submitted: '已提交',
  accepted: '已受理',
  not_accepted: '不予受理',
  merged: '已合并',
  assigned: '已交办',
  in_progress: '办理中',
  replied: '已答复',
  closed: '已办结',
};

export const reportRatings = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export const reportRatingSchema = z.enum(reportRatings, { message: '请选择满意、基本满意或不满意' });
export type ReportRating = z.infer<typeof reportRatingSchema>;
export const reportRatingLabels: Record<ReportRating, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};

/** Staff actions on a report (the lifecycle of product.md A). */
export const reportActions = ['accept', 'reject', 'merge', 'assign', 'start', 'reply', 'close', 'return', 'reassign'] as const;
export const reportActionSchema = z.enum(reportActions);
export type ReportAction = z.infer<typeof reportActionSchema>;
export const reportActionLabels: Record<ReportAction, string> = {
  accept: '受理',
  reject: '不予受理',
  merge: '合并',
  assign: '交办',
  start: '开始办理',
  reply: '答复',
  close: '办结',
  return: '退回',
  reassign: '改派',
};

export const reportEventLabels: Record<string, string> = {
  submitted: '提交反映',
  accepted: '已受理',
  not_accepted: '不予受理',
  merged: '已合并至其他反映',
  assigned: '已交办',
  started: '开始办理',
  replied: '已答复',
  closed: '已办结',
  auto_closed: '答复后 7 日未评价，系统自动办结',
  rated: '群众评价',
  reopened: '群众不满意，重新办理',
  supplement: '补充材料',
  attachment: '上传图片',
  video_attached: '上传视频',
  rectification_issued: '下发立行立改通知书',
  rectification_evidence: '提交整改材料',
  rectification_done: '立行立改完成',
  rectification_returned: '整改材料退回补充',
  identity_requested: '申请查看举报人身份',
  identity_approved: '批准查看举报人身份',
  identity_refused: '拒绝查看举报人身份',
  identity_viewed: '查看举报人身份',
  redactions_marked: '标注身份信息（交办单遮蔽）',
  handover_attachments: '调整随交办单移交的材料',
  question_asked: '向举报人询问',
  reporter_answered: '举报人答复',
  internal_note: '内部备注',
  returned: '承办单位退回，重新交办',
  reassigned: '已改派承办单位',
  extension_requested: '申请延期',
  extended: '答复期限延长',
  extension_refused: '延期申请未获批准',
};

const uuid = z.string().uuid('编号格式不正确');
const trimmed = (max: number, label: string) => z.string().trim().max(max, `${label}不能超过 ${max} 个字`);
export const reportQueryCodeSchema = z.string().regex(/^\d{16}$/, '查询码为 16 位数字');
export const reportQuerySecretSchema = z.string().regex(/^[A-Z2-9]{8}$/, '查询密码为 8 位字母或数字');
export const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '幂等键格式不正确');

export const reportCategorySchema = z.object({ code: z.string(), name: z.string(), replyDays: z.number().int() });
export const reportCategoryListResponse = z.object({ items: z.array(reportCategorySchema) });

/** 群众提交举报 */
/** The fields of a report as filed, shared by the citizen's form and intake's registration. */
const reportFields = z.object({
    category: z.string().trim().min(1, '请选择问题类别').max(32),
    reportedUnitId: uuid.optional(),
    /** 被反映单位 as the citizen typed it (no QR code named one, or a different unit) */
    reportedUnitText: trimmed(100, '被反映单位').optional(),
    reportedPerson: trimmed(100, '被反映人').optional(),
    content: z.string().trim().min(10, '请至少用 10 个字描述问题').max(5000, '问题描述不能超过 5000 个字'),
    occurredAt: trimmed(50, '发生时间').optional(),
    location: trimmed(200, '发生地点').optional(),
    tourRoundId: uuid.optional(),
    inspectedUnitId: uuid.optional(),
    monitoringPointId: uuid.optional(),
    confidential: z.boolean().default(false),
    reporterName: trimmed(50, '姓名').min(1, '请填写姓名').optional(),
    reporterPhone: z
      .string()
      .trim()
      .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '请填写正确的手机或座机号码')
      .optional(),
    idempotencyKey: idempotencyKeySchema.optional(),
  });
export const reportSubmitBody = reportFields.superRefine((b, ctx) => {
    if (b.confidential && (b.reporterName || b.reporterPhone)) {
      ctx.addIssue({ code: 'custom', path: ['confidential'], message: '保密反映不填写姓名和联系方式' });
    }
    if (!b.confidential && !b.reporterPhone) {
      ctx.addIssue({ code: 'custom', path: ['reporterPhone'], message: '实名反映请填写联系电话，或选择保密反映' });
    }
});
export type ReportSubmitBody = z.input<typeof reportSubmitBody>;
/** 保密举报 without an account (POST /api/public/reports/confidential): the same form, 保密 only. */
export const reportConfidentialSubmitBody = reportSubmitBody.refine((b) => b.confidential, {
  path: ['confidential'],
  message: '此入口仅受理保密举报；实名举报请登录后提交',
});

export const reportSubmitResponse = z.object({
  id: z.string(),
  serial: z.string(),
  status: reportStatusSchema,
  acceptDueOn: z.string(),
  /** true when this answers a retry of an earlier submission (same idempotency key) */
  replayed: z.boolean(),
  /** only for 保密 reports, only in the first answer: keep them, they cannot be shown again */
  queryCode: z.string().nullable(),
  querySecret: z.string().nullable(),
  notice: z.string().nullable(),
});
export type ReportSubmitResponse = z.infer<typeof reportSubmitResponse>;

export const reportTimelineEntry = z.object({
  at: z.string(),
  kind: z.string(),
  label: z.string(),
  status: reportStatusSchema.nullable(),
  publicNote: z.string().nullable(),
});

/** What a citizen (own report or query code + secret) sees. */
/** One entry of the thread between the commission and the reporter, as the reporter sees it (no staff names). */
export const reportPublicMessage = z.object({
  id: z.string(),
  sender: z.enum(['staff', 'reporter']),
  body: z.string(),
  at: z.string(),
  photoCount: z.number().int(),
});
export type ReportPublicMessage = z.infer<typeof reportPublicMessage>;

export const reportPublicView = z.object({
  id: z.string(),
  serial: z.string(),
  category: z.string(),
  categoryName: z.string(),
  status: reportStatusSchema,
  statusLabel: z.string(),
  confidential: z.boolean(),
  reportedPerson: z.string().nullable(),
  content: z.string(),
  occurredAt: z.string().nullable(),
  location: z.string().nullable(),
  submittedAt: z.string(),
  reply: z.string().nullable(),
  repliedAt: z.string().nullable(),
  rating: reportRatingSchema.nullable(),
  canRate: z.boolean(),
  canSupplement: z.boolean(),
  attachmentCount: z.number().int(),
  timeline: z.array(reportTimelineEntry),
  /** questions from the commission and the reporter's answers, oldest first */
  messages: z.array(reportPublicMessage),
  /** a question is waiting for the reporter's answer */
  awaitingAnswer: z.boolean(),
  /** the reporter may answer: there is a question and the report is still open */
  canAnswer: z.boolean(),
});
export type ReportPublicView = z.infer<typeof reportPublicView>;

export const reportMineItem = z.object({
  id: z.string(),
  serial: z.string(),
  categoryName: z.string(),
  status: reportStatusSchema,
  statusLabel: z.string(),
  confidential: z.boolean(),
  submittedAt: z.string(),
  summary: z.string(),
});
export const reportMineResponse = z.object({ items: z.array(reportMineItem) });

export const reportLookupBody = z.object({ code: reportQueryCodeSchema, secret: reportQuerySecretSchema });
export const reportSupplementBody = z.object({
  text: z.string().trim().min(2, '补充内容太短').max(2000, '补充内容不能超过 2000 个字'),
});
export const reportLookupSupplementBody = reportLookupBody.extend(reportSupplementBody.shape);
const rateFields = z.object({ rating: reportRatingSchema, comment: trimmed(500, '评价意见').optional() });
/** 不满意 reopens the case (once): whoever handles it again must know what was wrong. */
const unsatisfiedNeedsReason = (b: { rating: string; comment?: string }, ctx: z.RefinementCtx) => {
  if (b.rating === 'unsatisfied' && (b.comment ?? '').length < 5) ctx.addIssue({ code: 'custom', path: ['comment'], message: '请用至少 5 个字说明不满意的原因' });
};
export const reportRateBody = rateFields.superRefine(unsatisfiedNeedsReason);
export const reportLookupRateBody = reportLookupBody.extend(rateFields.shape).superRefine(unsatisfiedNeedsReason);
export const reportAnswerBody = z.object({
  body: z.string().trim().min(2, '回复内容太短').max(5000, '回复内容不能超过 5000 个字'),
});
export const reportLookupAnswerBody = reportLookupBody.extend(reportAnswerBody.shape);
/** The answer's id, for the photos that go with it (upload with ?messageId=), and the report as it now reads. */
export const reportAnswerResponse = z.object({ messageId: z.string(), replayed: z.boolean(), report: reportPublicView });
/** The answer to a video upload: stored as MP4 with its container metadata removed. */
export const reportVideoUploadResponse = z.object({ id: z.string(), mime: z.string(), size: z.number().int(), durationSeconds: z.number() });
export type ReportVideoUploadResponse = z.infer<typeof reportVideoUploadResponse>;

export const reportAttachmentQuery = z.object({ messageId: z.uuid('编号格式不正确').optional() });

export const notificationItem = z.object({
  id: z.string(),
  reportId: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  at: z.string(),
});
export const notificationListResponse = z.object({ items: z.array(notificationItem) });

// ---- staff ----
const dateOnly = isoDateSchema;
/** A 'true' | 'false' query-string flag. */
export const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const reportListQuery = z.object({
  status: reportStatusSchema.optional(),
  category: z.string().max(32).optional(),
  unitId: uuid.optional().describe('被反映单位或承办单位'),
  reportedUnit: z.string().trim().max(50).optional().describe('被反映单位名称包含（含群众填写的单位）'),
  tourGroupId: uuid.optional(),
  tourRoundId: uuid.optional(),
  overdue: boolQuery.optional(),
  dueSoon: boolQuery.optional().describe('即将到期：受理或答复时限在今天起两个工作日内'),
  confidential: boolQuery.optional(),
  channel: reportChannelSchema.optional().describe('来源渠道'),
  from: dateOnly.optional().describe('提交日期起（含）'),
  to: dateOnly.optional().describe('提交日期止（含）'),
  q: z.string().trim().max(50).optional().describe('编号、内容或被反映人'),
  ...pagingQuery().shape,
});
/** The inbox's filters without paging: what 导出 Excel writes (every matching row the staff member may see). */
export const reportExportQuery = reportListQuery.omit({ page: true, pageSize: true });
export type ReportExportQuery = z.infer<typeof reportExportQuery>;

export const reportListItem = z.object({
  id: z.string(),
  serial: z.string(),
  category: z.string(),
  categoryName: z.string(),
  status: reportStatusSchema,
  statusLabel: z.string(),
  confidential: z.boolean(),
  /** 来源渠道: the mini-program/H5, or how intake received it */
  channel: reportChannelSchema,
  reportedUnitId: z.string().nullable(),
  /** the unit's name, or the 被反映单位 the citizen typed */
  reportedUnitName: z.string().nullable(),
  reportedUnitText: z.string().nullable(),
  reportedPerson: z.string().nullable(),
  summary: z.string(),
  tourRoundId: z.string().nullable(),
  inspectedUnitId: z.string().nullable(),
  monitoringPointId: z.string().nullable(),
  assigneeTourGroupId: z.string().nullable(),
  assigneeUnitId: z.string().nullable(),
  /** the tour group's or unit's name */
  assigneeName: z.string().nullable(),
  submittedAt: z.string(),
  acceptDueOn: z.string(),
  replyDueOn: z.string().nullable(),
  overdue: z.boolean(),
  acceptOverdue: z.boolean(),
  replyOverdue: z.boolean(),
});
export type ReportListItem = z.infer<typeof reportListItem>;
export const reportListResponse = z.object({
  items: z.array(reportListItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  counts: z.object({
    byStatus: z.record(z.string(), z.number().int()),
    overdue: z.number().int(),
  }),
});

export const reportStaffEvent = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.string(),
  label: z.string(),
  fromStatus: reportStatusSchema.nullable(),
  toStatus: reportStatusSchema.nullable(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorRole: z.string().nullable(),
  note: z.string().nullable(),
  publicNote: z.string().nullable(),
});
export const reportAttachmentView = z.object({
  id: z.string(),
  mime: z.string(),
  size: z.number().int(),
  /** image (the reporter's photo) | evidence (staff) | video (the reporter's one short video, MP4) */
  kind: z.string(),
  addedBy: z.string(),
  createdAt: z.string(),
  url: z.string().describe('短时有效的下载地址'),
  /** the reporter's answer this photo came with */
  messageId: z.string().nullable(),
  /** chosen at 交办 to go with the 交办单: the assigned unit or tour group sees only these (and their own uploads) */
  handedOver: z.boolean(),
});
export const rectificationNoticeView = z.object({
  id: z.string(),
  reportId: z.string(),
  /** 〔2026〕立改第3号, printed on the notice */
  serial: z.string().nullable(),
  /** the unit the notice is addressed to, whose liaison answers the rectification task it opened */
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  content: z.string(),
  deadlineDays: z.number().int(),
  dueOn: z.string(),
  /** follows the task: submitted -> evidence_submitted, accepted -> completed */
  status: z.enum(['issued', 'evidence_submitted', 'completed']),
  /** the rectification task in 整改跟踪 where the unit answers the notice with its evidence */
  taskId: z.string().nullable(),
  taskStatus: z.enum(['pending', 'submitted', 'returned', 'accepted']).nullable(),
  /** a written statement, for notices answered before they opened tasks */
  evidence: z.string().nullable(),
  issuedAt: z.string(),
  evidenceAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  overdue: z.boolean(),
});
export const reportStaffDetail = reportListItem.extend({
  content: z.string(),
  occurredAt: z.string().nullable(),
  location: z.string().nullable(),
  notAcceptedReason: z.string().nullable(),
  mergedIntoId: z.string().nullable(),
  /** duplicates merged into this report */
  mergedFrom: z.array(z.object({ id: z.string(), serial: z.string() })),
  reply: z.string().nullable(),
  repliedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  rating: reportRatingSchema.nullable(),
  ratingComment: z.string().nullable(),
  reopenedOnce: z.boolean(),
  /** the reporter left a name or phone (reveal with a reason, audited) */
  hasIdentity: z.boolean(),
  /** when the retention job destroyed the report's key: the identity can no longer be opened by anyone */
  identityDestroyedAt: z.string().nullable(),
  allowedActions: z.array(reportActionSchema),
  events: z.array(reportStaffEvent),
  attachments: z.array(reportAttachmentView),
  rectificationNotices: z.array(rectificationNoticeView),
});
export type ReportStaffDetail = z.infer<typeof reportStaffDetail>;
/** What a transition answers: the report as the actor now reads it, or, when the actor returned or lost the case, that it left their hands. */
export const reportHandedBack = z.object({ id: z.string(), serial: z.string(), status: reportStatusSchema, handedBack: z.literal(true) });
export const reportTransitionResult = z.union([reportStaffDetail, reportHandedBack]);

const note = z.string().trim().max(2000, '说明不能超过 2000 个字');
/** 随交办单移交的图片、视频和材料（默认不移交：图片和视频可能识别出举报人） */
export const handoverAttachmentIds = z.array(uuid).max(20, '最多选择 20 件材料');
export const reportTransitionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept'), note: note.optional() }),
  z.object({ action: z.literal('reject'), reason: z.string().trim().min(2, '请填写不予受理的理由').max(2000), note: note.optional() }),
  z.object({ action: z.literal('merge'), intoId: uuid, note: note.optional() }),
  z
    .object({ action: z.literal('assign'), tourGroupId: uuid.optional(), unitId: uuid.optional(), attachmentIds: handoverAttachmentIds.optional(), note: note.optional() })
    .refine((b) => !!b.tourGroupId !== !!b.unitId, { message: '请选择一个巡察组或一个责任单位', path: ['tourGroupId'] }),
  z.object({ action: z.literal('start'), note: note.optional() }),
  z.object({ action: z.literal('reply'), reply: z.string().trim().min(5, '请填写答复内容').max(5000), note: note.optional() }),
  z.object({ action: z.literal('close'), note: z.string().trim().min(2, '提前办结须填写说明（如已电话确认）').max(2000) }),
  z.object({ action: z.literal('return'), reason: z.string().trim().min(4, '请填写退回理由（至少 4 个字），如不属本单位职责').max(2000), note: note.optional() }),
  z
    .object({ action: z.literal('reassign'), tourGroupId: uuid.optional(), unitId: uuid.optional(), attachmentIds: handoverAttachmentIds.optional(), note: note.optional() })
    .refine((b) => !!b.tourGroupId !== !!b.unitId, { message: '请选择一个巡察组或一个责任单位', path: ['tourGroupId'] }),
]);
export type ReportTransitionBody = z.infer<typeof reportTransitionBody>;

export const reportAskBody = z.object({
  body: z.string().trim().min(5, '请写清要向举报人询问的问题（至少 5 个字）').max(2000, '问题不能超过 2000 个字'),
});
/** The thread as intake and supervisors see it: who asked, and the photos that came with each answer. */
export const reportStaffMessage = z.object({
  id: z.string(),
  sender: z.enum(['staff', 'reporter']),
  body: z.string(),
  at: z.string(),
  staffName: z.string().nullable(),
  readAt: z.string().nullable(),
  attachmentIds: z.array(z.string()),
});
export type ReportStaffMessage = z.infer<typeof reportStaffMessage>;
export const reportMessageListResponse = z.object({ items: z.array(reportStaffMessage), awaitingAnswer: z.boolean(), canAsk: z.boolean() });
export type ReportMessageList = z.infer<typeof reportMessageListResponse>;

export const reportRevealBody = z.object({ reason: z.string().trim().min(4, '请填写查看原因（至少 4 个字）').max(500) });
export const reportIdentity = z.object({
  name: z.string().nullable(),
  phone: z.string().nullable(),
  openid: z.string().nullable(),
  confidential: z.boolean(),
});

export const rectificationIssueBody = z.object({
  /** the unit the notice is addressed to; the report's reported unit (else its handling unit) when not given */
  unitId: z.string({ error: '请选择整改单位' }).uuid('请选择整改单位').optional(),
  content: z.string().trim().min(5, '请填写整改要求').max(5000),
  deadlineDays: z.coerce.number().int().min(1, '期限至少 1 个工作日').max(60, '期限不超过 60 个工作日'),
});

// ---- 延期: more working days to reply, asked with a reason, decided by a supervisor ----
export const reportExtensionStatuses = ['pending', 'approved', 'refused'] as const;
export const reportExtensionStatusLabels: Record<(typeof reportExtensionStatuses)[number], string> = { pending: '待审批', approved: '已批准', refused: '未批准' };
export const reportExtensionRequestBody = z.object({
  workdays: z.number({ error: '请填写延长的工作日数' }).int('请填写整数').min(1, '至少延长 1 个工作日').max(30, '一次最多延长 30 个工作日'),
  reason: z.string().trim().min(4, '请填写延期理由（至少 4 个字）').max(1000, '延期理由不能超过 1000 个字'),
});
export const reportExtensionDecisionBody = approvalDecisionBody;
export const reportExtensionView = z.object({
  id: z.string(),
  reportId: z.string(),
  serial: z.string(),
  requesterId: z.string(),
  requesterName: z.string().nullable(),
  workdays: z.number().int(),
  reason: z.string(),
  status: z.enum(reportExtensionStatuses),
  statusLabel: z.string(),
  /** the reply deadline when asked, and the one an approval set (Asia/Shanghai dates) */
  dueOnBefore: z.string(),
  dueOnAfter: z.string().nullable(),
  deciderName: z.string().nullable(),
  decisionNote: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ReportExtensionView = z.infer<typeof reportExtensionView>;
export const reportExtensionList = z.object({ items: z.array(reportExtensionView) });

// ---- intake channels: a report received by letter, phone, visit, 12388 or from above, registered by intake ----
export const reportRegisterBody = reportFields
  .omit({ tourRoundId: true, inspectedUnitId: true, monitoringPointId: true })
  .extend({
    channel: reportChannelSchema.refine((c) => c !== 'miniapp', '请选择来信、来电、来访、12388 或上级转办'),
    /** the day it was received (Asia/Shanghai); deadlines run from it. Today when omitted. */
    receivedOn: dateOnly.optional(),
  })
  .superRefine((b, ctx) => {
    if (b.confidential && (b.reporterName || b.reporterPhone)) {
      ctx.addIssue({ code: 'custom', path: ['confidential'], message: '保密反映不登记姓名和联系方式' });
    }
    if (!b.confidential && !b.reporterName && !b.reporterPhone) {
      ctx.addIssue({ code: 'custom', path: ['reporterName'], message: '实名反映请至少登记姓名或联系电话，或选择保密' });
    }
  });
export type ReportRegisterBody = z.input<typeof reportRegisterBody>;

/** 订阅消息 templates the mini-program asks permission for (null: WeChat is not configured, nothing will be pushed). */
export const subscribeTemplatesResponse = z.object({ report: z.string().nullable() });
export type SubscribeTemplates = z.infer<typeof subscribeTemplatesResponse>;
