import { z } from 'zod';
import { pageOf, pagingQuery } from './common';

export const unitKinds = ['department', 'township', 'village', 'enterprise_org', 'other'] as const;
export const unitKindSchema = z.enum(unitKinds);
export const unitKindLabels: Record<(typeof unitKinds)[number], string> = {
  department: '部门',
  township: '乡镇（街道）',
  village: '村（社区）',
  enterprise_org: '国有企业',
  other: '其他',
};
export const unitSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: unitKindSchema,
  onboard: z.boolean().describe('是否进驻政务服务中心（营商环境监督）'),
  parentId: z.string().nullable(),
});
export type Unit = z.infer<typeof unitSchema>;
export const unitListQuery = z.object({
  q: z.string().trim().max(50).optional(),
  kind: unitKindSchema.optional(),
  ...pagingQuery().shape,
});
export { pageOf };
export const unitListResponse = pageOf(unitSchema);
