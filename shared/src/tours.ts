// 智慧巡察 contracts: rounds, groups, inspected units, QR scenes, 巡察公示 notices, 巡察调研 surveys, 整改 tasks.
import { z } from 'zod';
import { isoDateSchema, pagingQuery } from './common';
import { pageOf } from './units';

const isoDate = isoDateSchema;
const uuid = z.uuid();
const optText = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`).nullish();
const text = (label: string, max: number) => z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 个字`);

// ---- rounds, groups, inspected units ----
export const tourRoundStatuses = ['planned', 'active', 'finished'] as const;
export const tourRoundStatusSchema = z.enum(tourRoundStatuses);
export const tourRoundStatusLabels: Record<(typeof tourRoundStatuses)[number], string> = { planned: '未开始', active: '进行中', finished: '已结束' };
export const tourRoundSchema = z.object({
  id: z.string(),
  name: z.string(),
  code: z.string(),
  startsOn: isoDate,
  endsOn: isoDate,
  status: tourRoundStatusSchema,
  unitCount: z.number().int().optional(),
});
export type TourRound = z.infer<typeof tourRoundSchema>;
export const tourRoundBody = z
  .object({
    name: text('轮次名称', 100),
    code: text('轮次编号', 32),
    startsOn: isoDate,
    endsOn: isoDate,
    status: z.enum(tourRoundStatuses, { error: '请选择轮次状态' }).default('planned'),
  })
  .refine((v) => v.startsOn <= v.endsOn, { path: ['endsOn'], message: '结束日期不能早于开始日期' });

export const tourGroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  leader: z.string().nullable(),
  phone: z.string().nullable(),
  mailbox: z.string().nullable(),
  address: z.string().nullable(),
  members: z.array(z.object({ id: z.string(), username: z.string(), displayName: z.string() })),
});
export type TourGroup = z.infer<typeof tourGroupSchema>;
export const tourGroupBody = z.object({
  name: text('巡察组名称', 100),
  leader: optText(50),
  phone: optText(30),
  mailbox: optText(100),
  address: optText(200),
  memberIds: z.array(uuid).max(50, '巡察组成员不能超过 50 人').optional().describe('staff users (role tour_group) who are members'),
});

/** A staff user who may be made a tour-group member (role tour_group); `tourGroupId` is the group they are in now. */
export const tourGroupCandidateSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  active: z.boolean(),
  tourGroupId: z.string().nullable(),
});
export type TourGroupCandidate = z.infer<typeof tourGroupCandidateSchema>;

export const inspectedUnitSchema = z.object({
  id: z.string(),
  tourRoundId: z.string(),
  unit: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  tourGroup: z.object({ id: z.string(), name: z.string() }),
});
export type InspectedUnit = z.infer<typeof inspectedUnitSchema>;
export const inspectedUnitBody = z.object({ unitId: z.uuid('请选择被巡察单位'), tourGroupId: z.uuid('请选择负责的巡察组') });

// ---- scenes ----
export const sceneKinds = ['tour_unit', 'monitoring_point'] as const;
export const sceneKindSchema = z.enum(sceneKinds);
/** A signed scene as carried by a QR code: `<id>.<signature>`, at most 32 URL-safe characters. */
export const sceneParamSchema = z.string().min(1).max(32).regex(/^[A-Za-z0-9._-]+$/, '场景码格式不正确');
export const WEAPP_SCENE_PAGE = 'pages/scene/index';
export const sceneCreateBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tour_unit'), inspectedUnitId: uuid }),
  z.object({ kind: z.literal('monitoring_point'), monitoringPointId: uuid }),
]);
export const sceneLinkSchema = z.object({
  scene: z.string().describe('signed scene, ≤ 32 chars'),
  kind: sceneKindSchema,
  weappPage: z.string(),
  h5Url: z.string(),
});

const groupContactSchema = z.object({
  name: z.string(),
  phone: z.string().nullable(),
  mailbox: z.string().nullable(),
  address: z.string().nullable(),
});

// ---- notices ----
export const tourNoticeStatuses = ['draft', 'published', 'withdrawn'] as const;
export const tourNoticeStatusSchema = z.enum(tourNoticeStatuses);
export const tourNoticeStatusLabels: Record<(typeof tourNoticeStatuses)[number], string> = { draft: '草稿', published: '已发布', withdrawn: '已撤回' };
export const tourNoticeBody = z
  .object({
    tourRoundId: z.uuid('请选择巡察轮次'),
    inspectedUnitId: uuid.nullish().describe('null = notice for the whole round'),
    title: text('公示标题', 120),
    startsOn: isoDate.optional().describe('defaults to the round period'),
    endsOn: isoDate.optional(),
    contactPhone: optText(30).describe('defaults to the group contact'),
    contactMailbox: optText(100),
    contactAddress: optText(200),
    scope: text('受理范围', 2000).describe('受理范围'),
    howToReport: text('反映方式', 2000).describe('反映方式'),
    body: optText(5000),
  })
  .refine((v) => !v.startsOn || !v.endsOn || v.startsOn <= v.endsOn, { path: ['endsOn'], message: '结束日期不能早于开始日期' });
export const tourNoticeUpdateBody = z.object({
  title: text('公示标题', 120).optional(),
  startsOn: isoDate.optional(),
  endsOn: isoDate.optional(),
  contactPhone: optText(30),
  contactMailbox: optText(100),
  contactAddress: optText(200),
  scope: text('受理范围', 2000).optional(),
  howToReport: text('反映方式', 2000).optional(),
  body: optText(5000),
}).refine((v) => !v.startsOn || !v.endsOn || v.startsOn <= v.endsOn, { path: ['endsOn'], message: '结束日期不能早于开始日期' });
export const tourNoticeWithdrawBody = z.object({ reason: text('撤回原因', 500) });
export const publicTourNoticeSchema = z.object({
  id: z.string(),
  title: z.string(),
  round: z.object({ id: z.string(), name: z.string(), code: z.string(), status: tourRoundStatusSchema }),
  unit: z.object({ id: z.string(), name: z.string() }).nullable(),
  group: z.object({ name: z.string() }).nullable(),
  startsOn: isoDate,
  endsOn: isoDate,
  contactPhone: z.string().nullable(),
  contactMailbox: z.string().nullable(),
  contactAddress: z.string().nullable(),
  scope: z.string(),
  howToReport: z.string(),
  body: z.string().nullable(),
  publishedAt: z.string().nullable(),
  current: z.boolean().describe('the round is under way today'),
});
export type PublicTourNotice = z.infer<typeof publicTourNoticeSchema>;
export const tourNoticeSchema = publicTourNoticeSchema.extend({
  tourRoundId: z.string(),
  inspectedUnitId: z.string().nullable(),
  status: tourNoticeStatusSchema,
  withdrawnAt: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TourNotice = z.infer<typeof tourNoticeSchema>;
export const tourNoticeListQuery = z.object({
  tourRoundId: uuid.optional(),
  status: tourNoticeStatusSchema.optional(),
  ...pagingQuery().shape,
});
export const publicTourNoticeListQuery = z.object({
  ...pagingQuery({ max: 100 }).shape,
});

export const sceneResolveResponse = z.object({
  scene: z.string(),
  kind: sceneKindSchema,
  round: z.object({ id: z.string(), name: z.string(), code: z.string(), startsOn: isoDate, endsOn: isoDate, status: tourRoundStatusSchema }).nullable(),
  unit: z.object({ id: z.string(), name: z.string() }).nullable(),
  inspectedUnitId: z.string().nullable(),
  group: groupContactSchema.nullable(),
  monitoringPoint: z.object({ id: z.string(), code: z.string(), name: z.string(), address: z.string().nullable() }).nullable(),
  notice: publicTourNoticeSchema.nullable().describe('the current published notice; the app shows it before the report entry'),
});
export type SceneResolve = z.infer<typeof sceneResolveResponse>;

// ---- surveys ----
export const surveyQuestionTypes = ['single', 'multiple', 'rating', 'text'] as const;
export const surveyQuestionTypeLabels: Record<(typeof surveyQuestionTypes)[number], string> = {
  single: '单选题',
  multiple: '多选题',
  rating: '评分题（1-5）',
  text: '填空题',
};
const questionId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, '题目编号只能包含字母、数字、-、_（最多 32 位）');
const optionSchema = z.object({ id: questionId, label: z.string().trim().min(1).max(200) });
const questionBase = { id: questionId, title: z.string().trim().min(1).max(300), required: z.boolean().default(true) };
export const surveyQuestionSchema = z.discriminatedUnion('type', [
  z.object({ ...questionBase, type: z.literal('single'), options: z.array(optionSchema).min(2).max(20) }),
  z.object({
    ...questionBase,
    type: z.literal('multiple'),
    options: z.array(optionSchema).min(2).max(20),
    maxChoices: z.number().int().min(1).max(20).optional(),
  }),
  z.object({ ...questionBase, type: z.literal('rating') }),
  z.object({ ...questionBase, type: z.literal('text'), maxLength: z.number().int().min(1).max(2000).default(500) }),
]);
export type SurveyQuestion = z.infer<typeof surveyQuestionSchema>;
/** Questions in display order; ids unique, option ids unique within a question. */
export const surveyQuestionsSchema = z
  .array(surveyQuestionSchema)
  .max(100)
  .superRefine((qs, ctx) => {
    const seen = new Set<string>();
    qs.forEach((q, i) => {
      if (seen.has(q.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `题目编号 ${q.id} 重复` });
      seen.add(q.id);
      if ('options' in q) {
        const ids = new Set(q.options.map((o) => o.id));
        if (ids.size !== q.options.length) ctx.addIssue({ code: 'custom', path: [i, 'options'], message: '选项编号重复' });
      }
    });
  });
export const surveyStatuses = ['draft', 'published', 'closed'] as const;
export const surveyStatusSchema = z.enum(surveyStatuses);
export const surveyStatusLabels: Record<(typeof surveyStatuses)[number], string> = { draft: '草稿', published: '进行中', closed: '已结束' };
export const surveyBody = z.object({
  tourRoundId: uuid.nullish(),
  title: z.string().trim().min(1).max(120),
  intro: optText(2000),
  questions: surveyQuestionsSchema.default([]),
});
export const surveyUpdateBody = z.object({
  tourRoundId: uuid.nullish(),
  title: z.string().trim().min(1).max(120).optional(),
  intro: optText(2000),
  questions: surveyQuestionsSchema.optional(),
});
export const surveySchema = z.object({
  id: z.string(),
  tourRoundId: z.string().nullable(),
  roundName: z.string().nullable(),
  title: z.string(),
  intro: z.string().nullable(),
  questions: z.array(surveyQuestionSchema),
  status: surveyStatusSchema,
  publishedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  answerCount: z.number().int(),
});
export type Survey = z.infer<typeof surveySchema>;
export const publicSurveySchema = surveySchema.omit({ answerCount: true }).extend({
  answered: z.boolean().describe('this citizen has already answered'),
});
export const surveyAnswerValue = z.union([z.string().max(2000), z.array(z.string().max(64)).max(20), z.number()]);
export const surveyAnswerBody = z.object({
  answers: z.record(z.string().max(32), surveyAnswerValue).describe('{ questionId: optionId | optionId[] | 1-5 | text }'),
});
export type SurveyAnswerBody = z.infer<typeof surveyAnswerBody>;
export const surveyResultsSchema = z.object({
  surveyId: z.string(),
  title: z.string(),
  answerCount: z.number().int(),
  questions: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      type: z.enum(surveyQuestionTypes),
      answered: z.number().int(),
      options: z.array(z.object({ id: z.string(), label: z.string(), count: z.number().int() })).optional(),
      average: z.number().nullable().optional(),
      texts: z.array(z.string()).optional(),
    }),
  ),
});
export type SurveyResults = z.infer<typeof surveyResultsSchema>;

// ---- rectification ----
export const rectificationSources = ['report', 'notice', 'warning'] as const;
export const rectificationSourceLabels: Record<(typeof rectificationSources)[number], string> = {
  report: '群众举报',
  notice: '立行立改通知',
  warning: '预警',
};
export const rectificationStatuses = ['pending', 'submitted', 'returned', 'accepted'] as const;
export const rectificationStatusLabels: Record<(typeof rectificationStatuses)[number], string> = {
  pending: '待整改',
  submitted: '待审核',
  returned: '退回补充',
  accepted: '已验收',
};
export const rectificationTaskBody = z.object({
  sourceKind: z.enum(rectificationSources),
  sourceId: z.string().trim().max(64).nullish(),
  unitId: uuid,
  inspectedUnitId: uuid.nullish(),
  title: z.string().trim().min(1).max(200),
  requirement: z.string().trim().min(1).max(5000),
  deadlineDays: z.number().int().min(1).max(365).describe('working days'),
});
export const rectificationReviewBody = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('accept'), note: optText(2000), incomplete: z.boolean().optional().describe('整改不彻底') }),
  z.object({ decision: z.literal('return'), note: z.string().trim().min(1).max(2000) }),
]);
export const rectificationTaskSchema = z.object({
  id: z.string(),
  sourceKind: z.enum(rectificationSources),
  sourceId: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string().nullable(),
  inspectedUnitId: z.string().nullable(),
  /** the 立行立改通知书 that opened the task (print it with GET /api/staff/rectification-notices/:id/pdf) */
  notice: z.object({ id: z.string(), serial: z.string().nullable(), reportId: z.string() }).nullable(),
  /** the 督办通知书 that opened the task (print it with GET /api/staff/alerts/urge-notices/:id/pdf): the case's warnings explained, IDs masked */
  urgeNotice: z
    .object({ id: z.string(), serial: z.string(), escalationId: z.string(), findings: z.array(z.string()), warningCount: z.number().int() })
    .nullable()
    .default(null),
  title: z.string(),
  requirement: z.string(),
  deadlineDays: z.number().int(),
  issuedOn: isoDate,
  dueOn: isoDate,
  status: z.enum(rectificationStatuses),
  overdue: z.boolean(),
  incomplete: z.boolean(),
  incompleteNote: z.string().nullable(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
  returnCount: z.number().int(),
  evidence: z.array(
    z.object({ id: z.string(), fileName: z.string(), contentType: z.string(), size: z.number().int(), note: z.string().nullable(), createdAt: z.string() }),
  ),
});
export type RectificationTask = z.infer<typeof rectificationTaskSchema>;
export const rectificationListQuery = z.object({
  status: z.enum(rectificationStatuses).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  incomplete: z.enum(['true', 'false']).optional(),
  unitId: uuid.optional(),
  ...pagingQuery().shape,
});
export const rectificationListResponse = pageOf(rectificationTaskSchema).extend({
  overdueCount: z.number().int().describe('overdue tasks in the caller\'s scope, whatever the filters'),
});
export const rectificationSubmitBody = z.object({ note: z.string().trim().max(2000).nullish() });
export const rectificationIncompleteBody = z.object({ note: z.string().trim().min(1, '请说明整改不彻底的情况').max(2000) });
export const rectificationEvidenceLink = z.object({ url: z.string().describe('presigned, valid for 5 minutes') });
