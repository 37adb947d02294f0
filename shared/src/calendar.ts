import { z } from 'zod';
import { isoDateSchema } from './common';

export { isoDateSchema };

export const calendarYearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2099) });
export const calendarDay = z.object({
  day: isoDateSchema,
  isWorkday: z.boolean(),
  source: z.enum(['official', 'override']).describe('official: 国务院办公厅节假日安排; override: 工作人员更正'),
  note: z.string().nullable(),
});
export const calendarYearResponse = z.object({
  year: z.number().int(),
  /** the State Council schedule for this year ships with the system; otherwise Monday–Friday apply */
  official: z.boolean(),
  /** only the days that differ from plain Monday–Friday, plus every staff override */
  exceptions: z.array(calendarDay),
  workdays: z.number().int(),
});
export const calendarOverrideBody = z.object({
  isWorkday: z.boolean({ message: '请选择工作日或休息日' }),
  note: z.string().trim().min(2, '请说明依据（如国办发文号）').max(200),
});
export const calendarDeadlineQuery = z.object({ from: isoDateSchema, days: z.coerce.number().int().min(0).max(366) });
export const calendarDeadlineResponse = z.object({ from: isoDateSchema, days: z.number().int(), deadline: isoDateSchema });
