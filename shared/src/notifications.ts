// 提醒中心: what a staff member is told about (a new case, a deadline two working days away, an overdue case, a
// submitted or pending rectification, warnings about the units a group inspects, a request waiting for approval) and
// the daily digest of the 工作台's to-dos. Reminders are in-app; each opens the page where the work is done.
import { z } from 'zod';
import { pagingQuery } from './common';
import { boolQuery } from './reports';

export const staffNotificationKinds = [
  'report_arrived',
  'report_returned',
  'report_assigned',
  'due_soon',
  'overdue',
  'rectification_submitted',
  'rectification_assigned',
  'group_warnings',
  'approval_requested',
  'daily_digest',
] as const;
export const staffNotificationKindSchema = z.enum(staffNotificationKinds);
export type StaffNotificationKind = z.infer<typeof staffNotificationKindSchema>;
export const staffNotificationKindLabels: Record<StaffNotificationKind, string> = {
  report_arrived: '新收件',
  report_returned: '被退回',
  report_assigned: '新交办',
  due_soon: '即将到期',
  overdue: '已超期',
  rectification_submitted: '整改待审核',
  rectification_assigned: '整改待提交',
  group_warnings: '本组预警',
  approval_requested: '待我审批',
  daily_digest: '每日待办',
};

export const staffNotification = z.object({
  id: z.string(),
  kind: staffNotificationKindSchema,
  title: z.string(),
  body: z.string(),
  /** the admin page the reminder opens */
  link: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type StaffNotification = z.infer<typeof staffNotification>;

export const staffNotificationQuery = z.object({
  unread: boolQuery.optional().describe('只看未读'),
  ...pagingQuery({ max: 100 }).shape,
});
export type StaffNotificationQuery = z.infer<typeof staffNotificationQuery>;

export const staffNotificationList = z.object({
  items: z.array(staffNotification),
  total: z.number().int(),
  unread: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type StaffNotificationList = z.infer<typeof staffNotificationList>;

/** The badge: unread count and the newest few, for the header's bell. */
export const staffNotificationSummary = z.object({
  unread: z.number().int(),
  latest: z.array(staffNotification),
});
export type StaffNotificationSummary = z.infer<typeof staffNotificationSummary>;

export const staffNotificationReadResponse = z.object({ unread: z.number().int() });
