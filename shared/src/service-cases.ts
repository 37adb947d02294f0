// Contracts of 服务办理: staff browse the imported service cases (办件, data set `service-cases`, datasets.md) with
// server-side paging, open one with its timeline in working days, its warnings and its item's 申报材料.
import { z } from 'zod';
import { alertWarningSchema } from './alerts';

/** Who applied (datasets.md applicant_type): 自然人 = individual, 法人 = enterprise. */
export const applicantTypes = ['individual', 'enterprise'] as const;
export type ApplicantType = (typeof applicantTypes)[number];
export const applicantTypeLabels: Record<ApplicantType, string> = { individual: '自然人', enterprise: '法人' };

/** 办理结果 (datasets.md result): pending = 办理中. */
export const serviceCaseResults = ['pending', 'approved', 'rejected', 'returned'] as const;
export type ServiceCaseResult = (typeof serviceCaseResults)[number];
export const serviceCaseResultLabels: Record<ServiceCaseResult, string> = {
  pending: '办理中',
  approved: '通过',
  rejected: '不予许可',
  returned: '退回',
};
export const serviceCaseChannelLabels: Record<string, string> = { window: '窗口', online: '网办' };

/** The deepest a list may be paged by offset: past it, narrow the filters (a 2.15 M-row table is not read by page 9000). */
export const SERVICE_CASE_MAX_OFFSET = 10_000;

/** A calendar date that exists (2026-02-30 is refused), as YYYY-MM-DD (Beijing date). */
const beijingDate = (what: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${what}格式应为 YYYY-MM-DD`)
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    }, `${what}不是有效的日期`);

const flag = (what: string) =>
  z.enum(['true', 'false'], { message: `${what}只能是 true 或 false` }).optional();

export const serviceCaseListQuery = z
  .object({
    /** 事项编码 */
    itemCode: z.string().trim().min(1).max(64).optional(),
    /** 部门编码 */
    unitCode: z.string().trim().min(1).max(64).optional(),
    applicantType: z.enum(applicantTypes, { message: '申请人类型只能是自然人（individual）或法人（enterprise）' }).optional(),
    result: z.enum(serviceCaseResults, { message: '办理结果只能是办理中、通过、不予许可或退回' }).optional(),
    /** Beijing dates, both ends included */
    acceptedFrom: beijingDate('受理起始日期').optional(),
    acceptedTo: beijingDate('受理截止日期').optional(),
    finishedFrom: beijingDate('办结起始日期').optional(),
    finishedTo: beijingDate('办结截止日期').optional(),
    /** true: past its deadline (finished late, or still open after it as of today); false: not */
    overdue: flag('是否超期'),
    /** true: at least one warning is about this case; false: none */
    hasWarnings: flag('是否有预警'),
    /** 办件编号 or its beginning */
    caseNo: z.string().trim().min(1, '办件编号不能为空').max(64, '办件编号不超过 64 个字符').optional(),
    page: z.coerce.number().int().min(1, '页码从 1 开始').default(1),
    pageSize: z.coerce.number().int().min(1).max(100, '每页最多 100 条').default(20),
  })
  .superRefine((q, ctx) => {
    if (q.acceptedFrom && q.acceptedTo && q.acceptedFrom > q.acceptedTo) {
      ctx.addIssue({ code: 'custom', path: ['acceptedTo'], message: '受理截止日期不能早于起始日期' });
    }
    if (q.finishedFrom && q.finishedTo && q.finishedFrom > q.finishedTo) {
      ctx.addIssue({ code: 'custom', path: ['finishedTo'], message: '办结截止日期不能早于起始日期' });
    }
    if ((q.page - 1) * q.pageSize >= SERVICE_CASE_MAX_OFFSET) {
      ctx.addIssue({ code: 'custom', path: ['page'], message: `只能翻阅前 ${SERVICE_CASE_MAX_OFFSET} 条，请缩小筛选范围` });
    }
  });
export type ServiceCaseListQuery = z.input<typeof serviceCaseListQuery>;

export const serviceCaseSummarySchema = z.object({
  caseNo: z.string(),
  unitCode: z.string(),
  /** the unit directory's name, else the name the department's export gave */
  unitName: z.string().nullable(),
  itemCode: z.string(),
  itemName: z.string().nullable(),
  applicantType: z.enum(applicantTypes).nullable(),
  channel: z.string().nullable(),
  /** ISO instants; shown as Beijing time */
  acceptedAt: z.string(),
  finishedAt: z.string().nullable(),
  promisedDays: z.number().int(),
  /** the promised_days-th working day after acceptance (datasets.md); null when outside the calendar */
  deadline: z.string().nullable(),
  result: z.enum(serviceCaseResults),
  overdue: z.boolean(),
  warningCount: z.number().int(),
});
export type ServiceCaseSummary = z.infer<typeof serviceCaseSummarySchema>;

export const serviceCaseListResponse = z.object({
  items: z.array(serviceCaseSummarySchema),
  /** exact when `totalExact`; otherwise an estimate from a sample of the table (the list says 约) */
  total: z.number().int(),
  totalExact: z.boolean(),
  /** the rows that can be paged to (SERVICE_CASE_MAX_OFFSET at most) */
  pageable: z.number().int(),
});
export type ServiceCaseListResponse = z.infer<typeof serviceCaseListResponse>;

export const serviceCaseNoParam = z.object({ caseNo: z.string().min(1).max(64) });

export const serviceCaseDetailResponse = z.object({
  case: serviceCaseSummarySchema.extend({
    /** the applicant's ID number, resident IDs masked (410725********041X); credit codes are not personal */
    applicantId: z.string(),
    supplementCount: z.number().int(),
    rating: z.number().int().nullable(),
    importedAt: z.string(),
    updatedAt: z.string(),
  }),
  /** acceptance, deadline, finish (or today while open) as Beijing dates with working days between them */
  timeline: z.object({
    acceptedOn: z.string(),
    deadline: z.string().nullable(),
    finishedOn: z.string().nullable(),
    /** working days d with acceptance < d <= finish (or today while open) */
    workdaysUsed: z.number().int(),
    /** working days past the deadline (0 when in time) */
    workdaysOver: z.number().int(),
    /** the date the open case was measured to (today, Beijing) */
    measuredTo: z.string(),
  }),
  /** warnings about this case (its own, and group warnings that name it), explained, IDs masked */
  warnings: z.array(alertWarningSchema),
  /** the item as the 事项管理 directory holds it (null when the department's item code is not in it) */
  item: z
    .object({
      code: z.string(),
      name: z.string(),
      unitName: z.string().nullable(),
      promisedDays: z.number().int(),
      /** 申报材料 */
      materials: z.array(z.string()),
    })
    .nullable(),
});
export type ServiceCaseDetail = z.infer<typeof serviceCaseDetailResponse>;
