// 工作台: the landing page after login. To-dos with counts (each opens the list it counts, filtered the same way),
// the staff member's recent items and the figures the role is judged by.
import { z } from 'zod';
import { reportStatusSchema } from './reports';

export const deskTodoKeys = [
  'to_accept',
  'to_assign',
  'to_start',
  'in_progress',
  'due_soon',
  'overdue',
  'rectification_review',
  'rectification_todo',
  'group_warnings',
  'approvals',
] as const;
export const deskTodoKeySchema = z.enum(deskTodoKeys);
export type DeskTodoKey = z.infer<typeof deskTodoKeySchema>;
export const deskTodoLabels: Record<DeskTodoKey, string> = {
  to_accept: '待受理',
  to_assign: '待交办',
  to_start: '待办理',
  in_progress: '办理中',
  due_soon: '即将到期',
  overdue: '已超期',
  rectification_review: '待审核整改',
  rectification_todo: '待提交整改',
  group_warnings: '推送给本组的预警',
  approvals: '待我审批',
};
/** Working days ahead within which an open item counts as 即将到期. */
export const DUE_SOON_WORKDAYS = 2;

export const deskFigureKeys = ['submitted', 'accept_on_time', 'reply_on_time', 'satisfaction', 'replied', 'overdue_now', 'warnings', 'verified_rate'] as const;
export const deskFigureKeySchema = z.enum(deskFigureKeys);
export type DeskFigureKey = z.infer<typeof deskFigureKeySchema>;
export const deskFigureLabels: Record<DeskFigureKey, string> = {
  submitted: '本年收件',
  accept_on_time: '本年受理按时率',
  reply_on_time: '本年答复按时率',
  satisfaction: '本年满意率',
  replied: '本年答复',
  overdue_now: '当前超期',
  warnings: '本年预警',
  verified_rate: '本年查实率',
};

export const deskResponse = z.object({
  today: z.string(),
  /** the figures cover the year to date: YYYY-01-01 .. today (Beijing time); rates over the reports submitted in it */
  figuresFrom: z.string(),
  todos: z.array(z.object({ key: deskTodoKeySchema, count: z.number().int() })),
  recent: z.array(
    z.object({
      id: z.string(),
      serial: z.string(),
      summary: z.string(),
      status: reportStatusSchema,
      /** the kind of the staff member's last event on it (reportEventLabels) */
      lastAction: z.string(),
      at: z.string(),
    }),
  ),
  figures: z.array(
    z.object({
      key: deskFigureKeySchema,
      /** a count, or a rate in 0..1; null when there is nothing to divide */
      value: z.number().nullable(),
      kind: z.enum(['count', 'rate']),
      /** numerator/denominator of a rate, for the tooltip */
      numerator: z.number().int().optional(),
      denominator: z.number().int().optional(),
    }),
  ),
});
export type DeskResponse = z.infer<typeof deskResponse>;
