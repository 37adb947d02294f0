// 营商环境监督 (product.md C): the contracts shared by server, admin and mini-program.
//
// Staff routes (/api/staff, bearer staff token). Edit = admin, supervisor. Read = admin, supervisor, intake, and
// unit_liaison limited to their own unit (items, evaluations, complaints of that unit).
//   GET    /business/units                               businessUnitListQuery -> businessUnitListResponse   (进驻管理)
//   PUT    /business/units/:id/onboard                   businessUnitOnboardBody -> businessUnitView
//   GET    /business/service-items                       serviceItemListQuery -> serviceItemListResponse     (事项管理)
//   GET    /business/service-items/:id                   -> serviceItemView
//   POST   /business/service-items                       serviceItemBody -> 201 serviceItemView
//   PUT    /business/service-items/:id                   serviceItemBody -> serviceItemView
//   DELETE /business/service-items/:id                   -> 204 (409 SERVICE_ITEM_IN_USE once rated or complained about)
//   POST   /business/service-items/import?partial=       multipart field `file` (.xlsx, headers serviceItemImportHeaders)
//                                                        -> serviceItemImportResult (200 even with rejected rows)
//   GET    /business/service-items/import-template       -> .xlsx with the headers and one example row
//   GET    /business/monitoring-points                   monitoringPointListQuery -> monitoringPointListResponse
//   GET    /business/monitoring-points/:id               -> monitoringPointDetail (with its enterprises)
//   POST   /business/monitoring-points                   monitoringPointBody -> 201 monitoringPointView
//   PUT    /business/monitoring-points/:id               monitoringPointBody -> monitoringPointView
//   POST   /business/monitoring-points/:id/invite-code   -> monitoringPointView (a new invite code; the old one stops working)
//          (the point's QR code: POST /api/staff/scenes {kind:'monitoring_point', monitoringPointId} as for reports)
//   GET    /business/enterprises                         enterpriseListQuery -> enterpriseListResponse (never contacts)
//   GET    /business/enterprises/:id                     -> enterpriseView
//   PUT    /business/enterprises/:id                     enterpriseUpdateBody -> enterpriseView (attach to another point)
//   POST   /business/enterprises/:id/contacts/reveal     enterpriseRevealBody -> enterpriseContacts (audited; intake/supervisor/admin)
//   GET    /business/campaigns                           campaignListQuery -> campaignListResponse           (评议)
//   GET    /business/campaigns/:id                       -> campaignView
//   POST   /business/campaigns                           campaignBody -> 201 campaignView (status draft)
//   PUT    /business/campaigns/:id                       campaignBody -> campaignView (scope fixed once rated)
//   POST   /business/campaigns/:id/status                campaignStatusBody -> campaignView (draft->open->closed)
//   GET    /business/evaluations                         evaluationListQuery -> evaluationListResponse       (监测评价)
//   GET    /business/evaluations/:id                     -> evaluationView
//   POST   /business/evaluations/:id/appeal              appealFileBody -> evaluationView (申诉: liaison of the unit, supervisor, admin)
//   POST   /business/evaluations/:id/appeal/review       appealReviewBody -> evaluationView (复核: supervisor, admin)
//   GET    /business/complaints                          complaintListQuery -> complaintListResponse         (涉诉办理)
//   GET    /business/complaints/:id                      -> complaintView
//          Handling itself is the report workflow: each complaint IS a report (complaintView.reportId), handled in the
//          线索受理 inbox (GET /api/staff/reports?category=business_bad_rating|business_complaint) with the same transitions.
//   GET    /business/stats                               businessStatsQuery -> businessStats                 (统计分析)
//   GET    /business/stats/export                        businessStatsExportQuery -> .xlsx of one table
//
// Citizen routes (/api/public, bearer citizen token; an enterprise user is a citizen bound to an enterprise):
//   GET    /business/invites/:code   (anonymous)         -> businessInviteView (the point an invite code belongs to)
//   GET    /business/me                                  -> enterpriseMe (enterprise null until bound)
//   POST   /business/bind                                enterpriseBindBody -> enterpriseMe
//   GET    /business/units                               -> publicUnitListResponse (units on board)
//   GET    /business/service-items                       publicServiceItemQuery -> publicServiceItemListResponse (with 申报材料)
//   GET    /business/campaigns                           -> publicCampaignListResponse (open campaigns of my point, 403 unbound)
//   GET    /business/campaigns/:id/targets               -> campaignTargetsResponse (what I may rate, with my ratings)
//   POST   /business/evaluations                         evaluationSubmitBody -> 201 evaluationMineItem (409 ALREADY_EVALUATED)
//   GET    /business/evaluations/mine                    -> evaluationMineResponse
//   POST   /business/complaints                          complaintSubmitBody -> 201 complaintMineItem
//   GET    /business/complaints/mine                     -> complaintMineResponse (every case of my enterprise)
//   GET    /business/complaints/:id                      -> reportPublicView (progress and reply, any member of the enterprise)
//   POST   /business/complaints/:id/rating               reportRateBody -> reportPublicView (满意 closes; 不满意 reopens once)
//          The member who filed may equally use GET /api/public/reports/mine/:reportId and POST /reports/:reportId/rating.
import { z } from 'zod';
import { isoDateSchema } from './common';
import { reportStatusSchema } from './reports';

const uuid = z.string().uuid('编号格式不正确');
const dateOnly = isoDateSchema;
const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
const page = z.coerce.number().int().min(1).default(1);
const pageSize = z.coerce.number().int().min(1).max(200).default(20);
const paged = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
const text = (min: number, max: number, label: string) =>
  z
    .string({ message: `请填写${label}` })
    .trim()
    .min(min, min <= 1 ? `请填写${label}` : `${label}至少 ${min} 个字`)
    .max(max, `${label}不能超过 ${max} 个字`);
const phone = z
  .string({ message: '请填写联系电话' })
  .trim()
  .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '请填写正确的手机或座机号码');

// ---- 统一社会信用代码 (GB 32100-2015) ----
/** The 31 code characters of GB 32100-2015 (digits and capitals without I, O, S, V, Z), in value order. */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weights W_i = 3^(i-1) mod 31 of the first 17 characters. */
export const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The check character for the first 17 characters, or null when one of them is not a code character. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARSET.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * CREDIT_CODE_WEIGHTS[i]!;
  }
  // C18 = 31 - MOD(sum, 31); a result of 31 is written 0
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31]!;
}

export type CreditCodeProblem = 'length' | 'charset' | 'region' | 'check';
/** Why a (normalised, upper-case) code is not a valid unified social credit code, or null when it is. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'length';
  for (const ch of code) if (!CREDIT_CODE_CHARSET.includes(ch)) return 'charset';
  // characters 3-8: the registering authority's administrative division code, six digits
  if (!/^\d{6}$/.test(code.slice(2, 8))) return 'region';
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : 'check';
}
export const creditCodeProblemMessages: Record<CreditCodeProblem, string> = {
  length: '统一社会信用代码应为 18 位',
  charset: '统一社会信用代码只含数字和大写字母（不含 I、O、S、V、Z）',
  region: '统一社会信用代码第 3-8 位应为行政区划代码（6 位数字）',
  check: '统一社会信用代码校验位不正确，请核对后重新输入',
};
export const isValidCreditCode = (code: string) => creditCodeProblem(code) === null;

export const creditCodeSchema = z
  .string({ message: '请填写统一社会信用代码' })
  .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
  .superRefine((code, ctx) => {
    const p = creditCodeProblem(code);
    if (p) ctx.addIssue({ code: 'custom', message: creditCodeProblemMessages[p], params: { reason: `CREDIT_CODE_${p.toUpperCase()}` } });
  });

// ---- labels ----
/** 好差评 five levels, best first. */
export const evaluationLevels = [5, 4, 3, 2, 1] as const;
export type EvaluationLevel = (typeof evaluationLevels)[number];
export const evaluationLevelLabels: Record<EvaluationLevel, string> = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' };
/** Levels that count as satisfied in the satisfaction rate. */
export const SATISFIED_LEVELS: readonly number[] = [4, 5];
/** Levels that open a handling case (差评). */
export const BAD_LEVELS: readonly number[] = [1, 2];
export const evaluationLevelSchema = z.coerce
  .number({ message: '请选择评价等级' })
  .int('评价等级为 1-5')
  .min(1, '评价等级为 1-5')
  .max(5, '评价等级为 1-5');

export const evaluationDimensions = ['efficiency', 'attitude', 'policy'] as const;
export type EvaluationDimension = (typeof evaluationDimensions)[number];
export const evaluationDimensionLabels: Record<EvaluationDimension, string> = { efficiency: '办事效率', attitude: '服务态度', policy: '政策落实' };
const dimensionScore = z.coerce.number().int().min(1, '分项评分为 1-5').max(5, '分项评分为 1-5');
export const evaluationDimensionScores = z.object({
  efficiency: dimensionScore.optional(),
  attitude: dimensionScore.optional(),
  policy: dimensionScore.optional(),
});
export type EvaluationDimensionScores = z.infer<typeof evaluationDimensionScores>;

export const evaluationTargetTypes = ['service_item', 'unit'] as const;
export const evaluationTargetTypeSchema = z.enum(evaluationTargetTypes, { message: '请选择评价对象类型' });
export type EvaluationTargetType = z.infer<typeof evaluationTargetTypeSchema>;
export const evaluationTargetTypeLabels: Record<EvaluationTargetType, string> = { service_item: '服务事项', unit: '单位' };

export const campaignStatuses = ['draft', 'open', 'closed'] as const;
export const campaignStatusSchema = z.enum(campaignStatuses);
export type CampaignStatus = z.infer<typeof campaignStatusSchema>;
export const campaignStatusLabels: Record<CampaignStatus, string> = { draft: '未发布', open: '进行中', closed: '已结束' };

export const appealStatuses = ['pending', 'upheld', 'rejected'] as const;
export const appealStatusSchema = z.enum(appealStatuses);
export type AppealStatus = z.infer<typeof appealStatusSchema>;
export const appealStatusLabels: Record<AppealStatus, string> = { pending: '申诉待复核', upheld: '申诉成立', rejected: '申诉不成立' };

/** Kinds of handling case. Each maps to a report category of the same code (reply deadline configurable there). */
export const complaintKinds = ['bad_rating', 'complaint'] as const;
export const complaintKindSchema = z.enum(complaintKinds);
export type ComplaintKind = z.infer<typeof complaintKindSchema>;
export const complaintKindLabels: Record<ComplaintKind, string> = { bad_rating: '差评整改', complaint: '企业投诉' };
export const complaintReportCategory: Record<ComplaintKind, string> = { bad_rating: 'business_bad_rating', complaint: 'business_complaint' };
/** Report categories reserved for enterprise cases: not offered on the citizen report form. */
export const BUSINESS_REPORT_CATEGORY_PREFIX = 'business_';

/** What a complaint is about (涉诉类别). A bad rating is filed as `bad_rating`. */
export const complaintCategories = ['bad_rating', 'efficiency', 'attitude', 'policy', 'fees', 'extortion', 'other'] as const;
export const complaintCategorySchema = z.enum(complaintCategories, { message: '请选择投诉类别' });
export type ComplaintCategory = z.infer<typeof complaintCategorySchema>;
export const complaintCategoryLabels: Record<ComplaintCategory, string> = {
  bad_rating: '差评',
  efficiency: '办事拖沓',
  attitude: '服务态度差',
  policy: '政策落实不到位',
  fees: '乱收费',
  extortion: '吃拿卡要',
  other: '其他',
};
/** The categories an enterprise picks from when filing a 投诉. */
export const complaintFilingCategories = ['efficiency', 'attitude', 'policy', 'fees', 'extortion', 'other'] as const satisfies readonly ComplaintCategory[];

// ---- units on board (进驻管理) ----
export const businessUnitListQuery = z.object({
  q: z.string().trim().max(50).optional(),
  onboard: boolQuery.optional(),
  page,
  pageSize,
});
export const businessUnitView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  onboard: z.boolean(),
  serviceItemCount: z.number().int(),
  monitoringPointCount: z.number().int(),
});
export type BusinessUnitView = z.infer<typeof businessUnitView>;
export const businessUnitListResponse = paged(businessUnitView);
export const businessUnitOnboardBody = z.object({ onboard: z.boolean({ message: '请选择是否进驻' }) });

// ---- service items (事项管理, 申报材料) ----
export const serviceItemCodeSchema = z
  .string({ message: '请填写事项编码' })
  .trim()
  .min(1, '请填写事项编码')
  .max(64, '事项编码不能超过 64 个字符')
  .regex(/^[A-Za-z0-9_.-]+$/, '事项编码只能包含字母、数字和 _ . -');
export const serviceItemMaterialsSchema = z
  .array(text(1, 200, '材料名称'))
  .max(100, '申报材料不超过 100 项')
  .refine((a) => new Set(a).size === a.length, '申报材料有重复项');
export const serviceItemBody = z.object({
  code: serviceItemCodeSchema,
  name: text(1, 200, '事项名称'),
  unitId: uuid,
  promisedDays: z.coerce.number({ message: '请填写承诺时限' }).int('承诺时限为整数个工作日').min(0, '承诺时限不能为负').max(365, '承诺时限不超过 365 个工作日'),
  materials: serviceItemMaterialsSchema.default([]),
});
export type ServiceItemBody = z.input<typeof serviceItemBody>;
export const serviceItemListQuery = z.object({
  q: z.string().trim().max(50).optional().describe('事项编码或名称'),
  unitId: uuid.optional(),
  page,
  pageSize,
});
export const serviceItemView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  unitId: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  promisedDays: z.number().int(),
  materials: z.array(z.string()),
  updatedAt: z.string(),
});
export type ServiceItemView = z.infer<typeof serviceItemView>;
export const serviceItemListResponse = paged(serviceItemView);

/** Import headers, in template order. 申报材料: materials separated by ；(or ;) or line breaks. */
export const serviceItemImportHeaders = ['事项编码', '事项名称', '单位编码', '承诺时限', '申报材料'] as const;
export const serviceItemImportQuery = z.object({
  partial: boolQuery.optional().describe('true：导入合格行并报告不合格行；默认任一行不合格则全部不导入'),
});
export const serviceItemImportRejection = z.object({
  /** 1-based row number in the sheet (the header is row 1) */
  line: z.number().int(),
  /** the column header at fault, or '' for the whole row */
  field: z.string(),
  value: z.string().nullable(),
  reason: z.string(),
});
export type ServiceItemImportRejection = z.infer<typeof serviceItemImportRejection>;
export const serviceItemImportResult = z.object({
  /** false when nothing was written (some row rejected without `partial`) */
  committed: z.boolean(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.array(serviceItemImportRejection),
});
export type ServiceItemImportResult = z.infer<typeof serviceItemImportResult>;

// ---- monitoring points ----
export const monitoringPointBody = z.object({
  code: z.string({ message: '请填写监测点编码' }).trim().min(1, '请填写监测点编码').max(32).regex(/^[A-Za-z0-9_-]+$/, '编码只能包含字母、数字、_ 和 -'),
  name: text(1, 100, '监测点名称'),
  address: text(0, 200, '地址').optional(),
  contact: text(0, 50, '联系人').optional(),
  phone: phone.optional(),
  unitId: uuid.nullable().optional().describe('承办（所在）单位'),
  active: z.boolean().default(true),
});
export type MonitoringPointBody = z.input<typeof monitoringPointBody>;
export const monitoringPointListQuery = z.object({
  q: z.string().trim().max(50).optional(),
  active: boolQuery.optional(),
  unitId: uuid.optional(),
  page,
  pageSize,
});
export const monitoringPointView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  contact: z.string().nullable(),
  phone: z.string().nullable(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  active: z.boolean(),
  /** 8-character code an enterprise enters (or the point's QR scene) to bind at this point */
  inviteCode: z.string(),
  enterpriseCount: z.number().int(),
  evaluationCount: z.number().int(),
});
export type MonitoringPointView = z.infer<typeof monitoringPointView>;
export const monitoringPointListResponse = paged(monitoringPointView);

// ---- enterprises ----
export const enterpriseView = z.object({
  id: z.string(),
  creditCode: z.string(),
  name: z.string(),
  monitoringPointId: z.string().nullable(),
  monitoringPointName: z.string().nullable(),
  /** bound mini-program accounts */
  memberCount: z.number().int(),
  evaluationCount: z.number().int(),
  complaintCount: z.number().int(),
  createdAt: z.string(),
});
export type EnterpriseView = z.infer<typeof enterpriseView>;
export const enterpriseListQuery = z.object({
  q: z.string().trim().max(50).optional().describe('名称或统一社会信用代码'),
  monitoringPointId: uuid.optional(),
  page,
  pageSize,
});
export const enterpriseListResponse = paged(enterpriseView);
export const enterpriseUpdateBody = z.object({
  name: text(2, 100, '企业名称').optional(),
  monitoringPointId: uuid.nullable().optional(),
});
export const enterpriseRevealBody = z.object({ reason: z.string().trim().min(4, '请填写查看原因（至少 4 个字）').max(500) });
export const enterpriseContacts = z.object({
  contacts: z.array(z.object({ name: z.string(), phone: z.string(), boundAt: z.string() })),
});

export const monitoringPointDetail = monitoringPointView.extend({ enterprises: z.array(enterpriseView) });
export type MonitoringPointDetail = z.infer<typeof monitoringPointDetail>;

// ---- enterprise identity (mini-program) ----
export const inviteCodeSchema = z
  .string({ message: '请填写邀请码' })
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.string().regex(/^[A-Z2-9]{8}$/, '邀请码为 8 位字母或数字'));
export const businessInviteView = z.object({
  monitoringPoint: z.object({ id: z.string(), code: z.string(), name: z.string(), address: z.string().nullable() }),
});
export const enterpriseBindBody = z
  .object({
    creditCode: creditCodeSchema,
    name: text(2, 100, '企业名称'),
    contactName: text(1, 50, '联系人姓名'),
    contactPhone: phone,
    /** the point's invite code, or the point id a scanned QR scene resolved to: one of them */
    inviteCode: inviteCodeSchema.optional(),
    monitoringPointId: uuid.optional(),
  })
  .superRefine((b, ctx) => {
    if (!b.inviteCode && !b.monitoringPointId) {
      ctx.addIssue({ code: 'custom', path: ['inviteCode'], message: '请扫描监测点二维码或填写邀请码' });
    }
  });
export type EnterpriseBindBody = z.input<typeof enterpriseBindBody>;
export const enterpriseMe = z.object({
  enterprise: z
    .object({
      id: z.string(),
      creditCode: z.string(),
      name: z.string(),
      monitoringPointId: z.string().nullable(),
      monitoringPointName: z.string().nullable(),
    })
    .nullable(),
  /** my own contact as bound (the phone masked) */
  contact: z.object({ name: z.string(), phoneMasked: z.string() }).nullable(),
});
export type EnterpriseMe = z.infer<typeof enterpriseMe>;

export const publicUnitListResponse = z.object({ items: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })) });
export const publicServiceItemQuery = z.object({ unitId: uuid.optional(), q: z.string().trim().max(50).optional(), page, pageSize });
export const publicServiceItem = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  promisedDays: z.number().int(),
  materials: z.array(z.string()),
});
export const publicServiceItemListResponse = paged(publicServiceItem);

// ---- campaigns (评议) ----
/** Create and PUT alike send the whole campaign: omitted scope lists mean empty (= everything), not "unchanged". */
export const campaignBody = z
  .object({
    name: text(2, 100, '评议名称'),
    description: text(0, 2000, '说明').optional(),
    startsOn: dateOnly,
    endsOn: dateOnly,
    /** points whose enterprises take part; empty = every point */
    monitoringPointIds: z.array(uuid).max(200).default([]),
    /** units rated as a whole, and whose items may be rated; empty lists with empty items = every unit on board */
    unitIds: z.array(uuid).max(500).default([]),
    /** single items in scope (besides the items of the units above) */
    serviceItemIds: z.array(uuid).max(5000).default([]),
  })
  .superRefine((b, ctx) => {
    if (b.endsOn < b.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: '结束日期不能早于开始日期' });
  });
export type CampaignBody = z.input<typeof campaignBody>;
export const campaignStatusBody = z.object({ status: z.enum(['open', 'closed'], { message: '状态只能改为进行中或已结束' }) });
export const campaignListQuery = z.object({
  status: campaignStatusSchema.optional(),
  monitoringPointId: uuid.optional(),
  page,
  pageSize,
});
export const campaignView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: campaignStatusSchema,
  statusLabel: z.string(),
  /** open and today (Asia/Shanghai) within the period */
  accepting: z.boolean(),
  monitoringPoints: z.array(z.object({ id: z.string(), name: z.string() })),
  units: z.array(z.object({ id: z.string(), name: z.string() })),
  serviceItems: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
  evaluationCount: z.number().int(),
  createdAt: z.string(),
});
export type CampaignView = z.infer<typeof campaignView>;
export const campaignListResponse = paged(campaignView);

export const publicCampaign = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  /** targets in scope / already rated by my enterprise */
  targetCount: z.number().int(),
  ratedCount: z.number().int(),
});
export const publicCampaignListResponse = z.object({ items: z.array(publicCampaign) });
export const campaignTarget = z.object({
  targetType: evaluationTargetTypeSchema,
  targetId: z.string(),
  name: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  /** my enterprise's evaluation of it in this campaign, if any */
  evaluationId: z.string().nullable(),
  level: z.number().int().nullable(),
});
export const campaignTargetsResponse = z.object({ campaign: publicCampaign, items: z.array(campaignTarget) });

// ---- evaluations (好差评) ----
export const evaluationSubmitBody = z.object({
  campaignId: uuid,
  targetType: evaluationTargetTypeSchema,
  targetId: uuid,
  level: evaluationLevelSchema,
  dimensions: evaluationDimensionScores.default({}),
  comment: text(0, 1000, '评价意见').optional(),
});
export type EvaluationSubmitBody = z.input<typeof evaluationSubmitBody>;

const complaintRef = z.object({ id: z.string(), reportId: z.string(), serial: z.string(), status: z.string(), statusLabel: z.string() });
export const evaluationMineItem = z.object({
  id: z.string(),
  campaignId: z.string(),
  campaignName: z.string(),
  targetType: evaluationTargetTypeSchema,
  targetId: z.string(),
  targetName: z.string(),
  unitName: z.string(),
  level: z.number().int(),
  levelLabel: z.string(),
  dimensions: evaluationDimensionScores,
  comment: z.string().nullable(),
  createdAt: z.string(),
  /** the handling case a bad rating opened (follow it as a report) */
  complaint: complaintRef.nullable(),
});
export type EvaluationMineItem = z.infer<typeof evaluationMineItem>;
export const evaluationMineResponse = z.object({ items: z.array(evaluationMineItem) });

export const evaluationListQuery = z.object({
  campaignId: uuid.optional(),
  monitoringPointId: uuid.optional(),
  unitId: uuid.optional(),
  serviceItemId: uuid.optional(),
  enterpriseId: uuid.optional(),
  level: z.coerce.number().int().min(1).max(5).optional(),
  bad: boolQuery.optional().describe('仅差评（1-2）'),
  appealStatus: z.enum([...appealStatuses, 'none']).optional(),
  from: dateOnly.optional(),
  to: dateOnly.optional(),
  page,
  pageSize,
});
export const appealView = z.object({
  status: appealStatusSchema,
  statusLabel: z.string(),
  reason: z.string(),
  filedByRole: z.string(),
  filedAt: z.string(),
  reviewReason: z.string().nullable(),
  reviewedAt: z.string().nullable(),
});
export const evaluationView = z.object({
  id: z.string(),
  campaignId: z.string(),
  campaignName: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  monitoringPointId: z.string().nullable(),
  monitoringPointName: z.string().nullable(),
  targetType: evaluationTargetTypeSchema,
  targetId: z.string(),
  targetName: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  level: z.number().int(),
  levelLabel: z.string(),
  dimensions: evaluationDimensionScores,
  comment: z.string().nullable(),
  createdAt: z.string(),
  /** excluded from satisfaction statistics (申诉成立) but kept */
  excluded: z.boolean(),
  appeal: appealView.nullable(),
  complaint: complaintRef.nullable(),
});
export type EvaluationView = z.infer<typeof evaluationView>;
export const evaluationListResponse = paged(evaluationView);
export const appealFileBody = z.object({ reason: text(4, 1000, '申诉理由') });
export const appealReviewBody = z.object({
  upheld: z.boolean({ message: '请选择申诉是否成立' }),
  reason: text(4, 1000, '复核意见'),
});

// ---- complaints (涉诉办理) ----
export const complaintSubmitBody = z.object({
  targetType: evaluationTargetTypeSchema,
  targetId: uuid,
  category: z.enum(complaintFilingCategories, { message: '请选择投诉类别' }),
  content: text(10, 5000, '投诉内容'),
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '幂等键格式不正确').optional(),
});
export type ComplaintSubmitBody = z.input<typeof complaintSubmitBody>;
export const complaintMineItem = z.object({
  id: z.string(),
  kind: complaintKindSchema,
  kindLabel: z.string(),
  category: complaintCategorySchema,
  categoryLabel: z.string(),
  targetName: z.string(),
  unitName: z.string(),
  /** the report that carries the case: GET /api/public/reports/mine/:reportId */
  reportId: z.string(),
  serial: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  replyDueOn: z.string().nullable(),
  createdAt: z.string(),
});
export type ComplaintMineItem = z.infer<typeof complaintMineItem>;
export const complaintMineResponse = z.object({ items: z.array(complaintMineItem) });

export const complaintListQuery = z.object({
  kind: complaintKindSchema.optional(),
  category: complaintCategorySchema.optional(),
  unitId: uuid.optional(),
  monitoringPointId: uuid.optional(),
  enterpriseId: uuid.optional(),
  reportId: uuid.optional(),
  status: reportStatusSchema.optional().describe('办理状态（即对应举报的状态）'),
  overdue: boolQuery.optional(),
  from: dateOnly.optional(),
  to: dateOnly.optional(),
  page,
  pageSize,
});
export const complaintView = complaintMineItem.extend({
  /** null, and the name withheld, for the liaison of the unit complained about (检举控告工作规则 Art. 47) */
  enterpriseId: z.string().nullable(),
  enterpriseName: z.string(),
  monitoringPointId: z.string().nullable(),
  monitoringPointName: z.string().nullable(),
  targetType: evaluationTargetTypeSchema,
  targetId: z.string(),
  unitId: z.string(),
  evaluationId: z.string().nullable(),
  content: z.string(),
  repliedAt: z.string().nullable(),
  /** replied on or before replyDueOn (null while unreplied and not yet due) */
  onTime: z.boolean().nullable(),
  overdue: z.boolean(),
  reportRating: z.string().nullable(),
});
export type ComplaintView = z.infer<typeof complaintView>;
export const complaintListResponse = paged(complaintView);

// ---- statistics (统计分析) ----
export const businessStatsQuery = z
  .object({
    from: dateOnly.optional().describe('起（含），Asia/Shanghai 日期'),
    to: dateOnly.optional().describe('止（含）'),
    campaignId: uuid.optional(),
    monitoringPointId: uuid.optional(),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期' });
  });
export type BusinessStatsQuery = z.infer<typeof businessStatsQuery>;
export const businessStatsTables = ['point_month', 'unit_month', 'units', 'on_time', 'complaints', 'ranking'] as const;
export const businessStatsTableSchema = z.enum(businessStatsTables, { message: '请选择要导出的表' });
export type BusinessStatsTable = z.infer<typeof businessStatsTableSchema>;
export const businessStatsTableLabels: Record<BusinessStatsTable, string> = {
  point_month: '各监测点月度评价量',
  unit_month: '各单位月度评价量',
  units: '各单位满意度',
  on_time: '差评按时办理',
  complaints: '涉诉分类统计',
  ranking: '单位排名',
};
export const businessStatsExportQuery = businessStatsQuery.and(z.object({ table: businessStatsTableSchema }));

/** Satisfaction = share of levels 4-5 among counted evaluations (申诉成立 ones are not counted); null when none. */
const rate = z.number().nullable();
export const businessStats = z.object({
  period: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  summary: z.object({
    /** evaluations in the period, appeals upheld included */
    evaluations: z.number().int(),
    /** excluded because an appeal was upheld */
    excluded: z.number().int(),
    counted: z.number().int(),
    satisfied: z.number().int(),
    satisfactionRate: rate,
    badRatings: z.number().int(),
    complaints: z.number().int(),
    /** bad-rating cases: due = replied or past their reply date; onTime = replied on or before it */
    badRatingCasesDue: z.number().int(),
    badRatingCasesOnTime: z.number().int(),
    onTimeRate: rate,
  }),
  byMonth: z.array(z.object({ month: z.string(), evaluations: z.number().int(), counted: z.number().int(), satisfied: z.number().int(), satisfactionRate: rate })),
  pointMonth: z.array(z.object({ monitoringPointId: z.string(), pointName: z.string(), month: z.string(), evaluations: z.number().int() })),
  unitMonth: z.array(z.object({ unitId: z.string(), unitName: z.string(), month: z.string(), evaluations: z.number().int() })),
  units: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      evaluations: z.number().int(),
      counted: z.number().int(),
      satisfied: z.number().int(),
      satisfactionRate: rate,
      averageLevel: z.number().nullable(),
      badRatings: z.number().int(),
    }),
  ),
  onTime: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      cases: z.number().int(),
      replied: z.number().int(),
      due: z.number().int(),
      onTime: z.number().int(),
      late: z.number().int(),
      pending: z.number().int(),
      onTimeRate: rate,
    }),
  ),
  complaints: z.array(z.object({ unitId: z.string(), unitName: z.string(), category: complaintCategorySchema, categoryLabel: z.string(), count: z.number().int() })),
  /** units with counted evaluations, best first: satisfaction rate, then average level, then more evaluations */
  ranking: z.array(
    z.object({
      rank: z.number().int(),
      unitId: z.string(),
      unitName: z.string(),
      counted: z.number().int(),
      satisfactionRate: z.number(),
      averageLevel: z.number(),
      complaints: z.number().int(),
    }),
  ),
});
export type BusinessStats = z.infer<typeof businessStats>;
