// 来源渠道 of a report: the mini-program/H5 or one of the ways intake staff register a report received elsewhere.
import { z } from 'zod';

export const reportChannels = ['miniapp', 'letter', 'phone', 'visit', 'hotline_12388', 'superior'] as const;
export const reportChannelSchema = z.enum(reportChannels, { message: '请选择来源渠道' });
export type ReportChannel = z.infer<typeof reportChannelSchema>;
export const reportChannelLabels: Record<ReportChannel, string> = {
  miniapp: '小程序/H5',
  letter: '来信',
  phone: '来电',
  visit: '来访',
  hotline_12388: '12388',
  superior: '上级转办',
};
