import { z } from 'zod';

export const staffRoles = ['intake', 'tour_group', 'unit_liaison', 'supervisor', 'admin', 'auditor'] as const;
export const staffRoleSchema = z.enum(staffRoles);
export type StaffRole = z.infer<typeof staffRoleSchema>;
export const staffRoleLabels: Record<StaffRole, string> = {
  intake: '受理员',
  tour_group: '巡察组',
  unit_liaison: '责任单位联络员',
  supervisor: '纪检干部',
  admin: '系统管理员',
  auditor: '审计管理员',
};

export const staffLoginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(200),
});
export const staffUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: staffRoleSchema,
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  tourGroupId: z.string().nullable(),
});
export type StaffUser = z.infer<typeof staffUserSchema>;
export const staffLoginResponse = z.object({ token: z.string(), expiresIn: z.number(), user: staffUserSchema });

/** Citizen login: WeChat (code from wx.login) or, where the config allows it, a device id (H5/dev). */
export const citizenWechatLoginBody = z.object({ code: z.string().min(1).max(128) });
export const citizenDeviceLoginBody = z.object({
  deviceId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, '设备标识格式不正确'),
});
export const citizenLoginResponse = z.object({
  token: z.string(),
  expiresIn: z.number(),
  citizen: z.object({ id: z.string(), via: z.enum(['wechat', 'device']) }),
});
export type CitizenLoginResponse = z.infer<typeof citizenLoginResponse>;

export const auditLogQuery = z.object({
  action: z.string().max(64).optional(),
  entity: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const auditLogEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  reason: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
});
export const auditLogListResponse = z.object({ items: z.array(auditLogEntry), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
