import { z } from 'zod';
import { isoDateSchema, pagingQuery } from './common';

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
/** Roles that must sign in with a second factor (TOTP); optional for the others. */
export const totpRequiredRoles: readonly StaffRole[] = ['admin', 'supervisor', 'auditor'];

export const staffLoginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(200),
  /** required once a username has failed 3 times (the answer says CAPTCHA_REQUIRED) */
  captchaId: z.uuid('验证码已失效，请刷新').optional(),
  captchaAnswer: z.string().trim().max(10, '验证码不正确').optional(),
});
/**
 * What a signed-in user must do before anything else: change the password (first login, reset, expired) or, for a
 * role that requires it, enrol a second factor. Until then only those routes (and /me, logout) answer.
 */
export const staffPendingSteps = ['password_change', 'totp_enrolment'] as const;
export const staffPendingStepSchema = z.enum(staffPendingSteps);
export type StaffPendingStep = z.infer<typeof staffPendingStepSchema>;
export const staffUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: staffRoleSchema,
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  tourGroupId: z.string().nullable(),
  pending: staffPendingStepSchema.nullable(),
  totpEnabled: z.boolean(),
});
export type StaffUser = z.infer<typeof staffUserSchema>;
export const staffLoginResponse = z.object({
  token: z.string(),
  expiresIn: z.number(),
  /** seconds without a request after which the session ends */
  idleTimeout: z.number(),
  user: staffUserSchema,
});
export type StaffLoginResponse = z.infer<typeof staffLoginResponse>;
/** The password was right and the account has a second factor: POST /auth/login/totp with this challenge. */
export const staffLoginTotpStep = z.object({ totpRequired: z.literal(true), challenge: z.string(), expiresIn: z.number() });
export const staffLoginResult = z.union([staffLoginResponse, staffLoginTotpStep]);
export type StaffLoginResult = z.infer<typeof staffLoginResult>;
export const staffLoginTotpBody = z.object({
  challenge: z.string().min(1).max(4000),
  code: z
    .string()
    .trim()
    .regex(/^(\d{6}|[A-Za-z0-9]{5}-?[A-Za-z0-9]{5})$/, '请输入 6 位动态验证码或恢复码'),
});
/** /auth/me, /auth/password, /auth/totp/disable */
export const staffUserResponse = z.object({ user: staffUserSchema });
/** logout, logout-others: how many sessions were ended */
export const staffSessionsEndedResponse = z.object({ ended: z.number().int() });
export const staffCaptchaResponse = z.object({ captchaId: z.string(), svg: z.string() });

/** Response header carrying when the session ends if no further request comes (ISO time). */
export const sessionIdleDeadlineHeader = 'x-session-idle-deadline';
/**
 * Request header ('1') marking a request the panel makes on its own, such as the reminder badge's poll: it is
 * answered, but it is not activity, so an unattended panel still logs out when idle (等保: 会话超时).
 */
export const backgroundRequestHeader = 'x-background-request';

export const staffChangePasswordBody = z.object({
  currentPassword: z.string().min(1, '请输入当前密码').max(200),
  newPassword: z.string().min(1, '请输入新密码').max(200),
});
export const staffTotpSetupResponse = z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() });
export const staffTotpConfirmBody = z.object({ code: z.string().trim().regex(/^\d{6}$/, '请输入 6 位动态验证码') });
export const staffTotpConfirmResponse = z.object({ recoveryCodes: z.array(z.string()), user: staffUserSchema });
export const staffTotpDisableBody = z.object({ password: z.string().min(1, '请输入当前密码').max(200) });

// Staff accounts (用户管理).
export const staffAccountStatuses = ['active', 'disabled', 'locked'] as const;
export const staffAccountStatusLabels: Record<(typeof staffAccountStatuses)[number], string> = {
  active: '正常',
  disabled: '已停用',
  locked: '已锁定',
};
export const staffAccountSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: staffRoleSchema,
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  tourGroupId: z.string().nullable(),
  tourGroupName: z.string().nullable(),
  /** only the last four digits leave the server */
  phoneTail: z.string().nullable(),
  active: z.boolean(),
  lockedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type StaffAccount = z.infer<typeof staffAccountSchema>;
export const staffAccountListQuery = z.object({
  q: z.string().trim().max(50).optional(),
  role: staffRoleSchema.optional(),
  unitId: z.uuid().optional(),
  status: z.enum(staffAccountStatuses).optional(),
  ...pagingQuery().shape,
});
export const staffAccountListResponse = z.object({
  items: z.array(staffAccountSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
const phoneField = z
  .string()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '请输入手机号或固定电话（如 0371-66990001）');
const accountFields = {
  displayName: z.string().trim().min(1, '请输入姓名').max(32, '姓名不能超过 32 个字符'),
  role: staffRoleSchema,
  unitId: z.uuid('请选择单位').nullable().optional(),
  tourGroupId: z.uuid('请选择巡察组').nullable().optional(),
  phone: phoneField.nullable().optional(),
};
/** A liaison belongs to a unit, a tour-group member to a group; the other roles to neither. */
function scopeFits(v: { role?: StaffRole; unitId?: string | null; tourGroupId?: string | null }, ctx: z.RefinementCtx) {
  if (v.role === 'unit_liaison' && !v.unitId) ctx.addIssue({ code: 'custom', path: ['unitId'], message: '责任单位联络员须选择所属单位' });
  if (v.role === 'tour_group' && !v.tourGroupId) ctx.addIssue({ code: 'custom', path: ['tourGroupId'], message: '巡察组人员须选择巡察组' });
}
export const staffAccountCreateBody = z
  .object({
    username: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_.-]{3,32}$/, '用户名为 3–32 位字母、数字或 _ . -'),
    ...accountFields,
  })
  .superRefine(scopeFits);
export const staffAccountUpdateBody = z.object(accountFields).superRefine(scopeFits);
/** The temporary password is shown once; the user must change it at the next login. */
export const staffAccountCreatedResponse = z.object({ account: staffAccountSchema, temporaryPassword: z.string() });
export const staffAccountResponse = z.object({ account: staffAccountSchema });
export const staffPasswordResetResponse = z.object({ account: staffAccountSchema, temporaryPassword: z.string() });

/**
 * Citizen login: WeChat (code from wx.login); in H5 a mobile number verified by SMS code (h5-login.ts) or, where the
 * config allows it, a device id (development).
 */
export const citizenWechatLoginBody = z.object({ code: z.string().min(1).max(128) });
export const citizenDeviceLoginBody = z.object({
  deviceId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, '设备标识格式不正确'),
});
export const citizenLoginResponse = z.object({
  token: z.string(),
  expiresIn: z.number(),
  citizen: z.object({ id: z.string(), via: z.enum(['wechat', 'device', 'sms']) }),
});
export type CitizenLoginResponse = z.infer<typeof citizenLoginResponse>;

const auditDay = isoDateSchema;
/** 审计日志 filters: who (username or name), what (action), on what (entity, entity id), when (Beijing dates, inclusive). */
export const auditLogFilter = z
  .object({
    actor: z.string().trim().max(64).optional().describe('操作人（用户名或姓名，包含即可）'),
    action: z.string().trim().max(64).optional(),
    entity: z.string().trim().max(64).optional(),
    entityId: z.string().trim().max(64).optional(),
    from: auditDay.optional().describe('起始日期（含，北京时间）'),
    to: auditDay.optional().describe('截止日期（含，北京时间）'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: '截止日期不能早于起始日期' });
export type AuditLogFilter = z.infer<typeof auditLogFilter>;
export const auditLogQuery = z
  .object({
    actor: z.string().trim().max(64).optional(),
    action: z.string().trim().max(64).optional(),
    entity: z.string().trim().max(64).optional(),
    entityId: z.string().trim().max(64).optional(),
    from: auditDay.optional(),
    to: auditDay.optional(),
    ...pagingQuery({ size: 50 }).shape,
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: '截止日期不能早于起始日期' });
export type AuditLogQuery = z.infer<typeof auditLogQuery>;
export const auditLogEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  /** the staff member's name and username, when the actor is staff */
  actorName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  reason: z.string().nullable(),
  detail: z.unknown().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type AuditLogEntry = z.infer<typeof auditLogEntry>;
export const auditLogListResponse = z.object({ items: z.array(auditLogEntry), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type AuditLogListResponse = z.infer<typeof auditLogListResponse>;
