import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import {
  apiErrorSchema,
  staffCaptchaResponse,
  staffChangePasswordBody,
  staffLoginBody,
  staffLoginResponse,
  staffLoginResult,
  staffLoginTotpBody,
  staffTotpConfirmBody,
  staffTotpConfirmResponse,
  staffTotpDisableBody,
  staffTotpSetupResponse,
  staffUserSchema,
  staffUserResponse,
  staffSessionsEndedResponse,
  totpRequiredRoles,
  type StaffPendingStep,
} from '@msjd/shared';
import { pendingStep, staffActor } from '../../plugins/auth';
import { AppError } from '../../errors';
import { hashPassword, verifyPassword } from './password';
import { checkPasswordPolicy, PASSWORD_HISTORY_DEPTH } from './password-policy';
import { CAPTCHA_AFTER, clearFailures, consumeCaptcha, createCaptcha, lockedUntil, loginKey, recentFailures, recordFailure } from './login-guard';
import { endStaffSessions, startStaffSession } from './sessions';
import { setPassword } from './credentials';
import { checkSecondFactor, newRecoveryCodes, newTotpSecret, recoveryCodeHash, totpEnrolment, totpStep } from './totp';

const MFA_CHALLENGE_S = 300;
const bothPending: readonly StaffPendingStep[] = ['password_change', 'totp_enrolment'];
const userInclude = { unit: { select: { name: true } } } as const;
type UserRow = {
  id: string;
  username: string;
  displayName: string;
  role: (typeof totpRequiredRoles)[number];
  unitId: string | null;
  tourGroupId: string | null;
  mustChangePassword: boolean;
  passwordChangedAt: Date;
  totpEnabledAt: Date | null;
  unit: { name: string } | null;
};

const invalidCredentials = (captchaRequired: boolean) =>
  new AppError('unauthenticated', 'INVALID_CREDENTIALS', '用户名或密码错误', captchaRequired ? { captchaRequired: true } : undefined);
const lockedError = (until: Date, now: Date) =>
  new AppError('locked', 'ACCOUNT_LOCKED', `登录失败次数过多，请 ${Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000))} 分钟后再试或联系管理员解锁`, {
    lockedUntil: until.toISOString(),
  });

export const staffAuthRoutes: FastifyPluginAsyncZod = async (app) => {
  const toUser = (u: UserRow) =>
    staffUserSchema.parse({
      ...u,
      unitName: u.unit?.name ?? null,
      pending: pendingStep(u, app.clock.now(), app.sessionSettings.passwordMaxAgeDays),
      totpEnabled: u.totpEnabledAt !== null,
    });
  const guardCtx = () => ({ prisma: app.db.prisma, sealer: app.sealer, now: app.clock.now() });

  async function openSession(request: FastifyRequest, user: UserRow, via: 'password' | 'totp' | 'recovery') {
    await app.db.prisma.staffUser.update({ where: { id: user.id }, data: { lastLoginAt: app.clock.now() } });
    const s = await startStaffSession(app, request, user.id);
    request.actor = { kind: 'staff', id: user.id, role: user.role, unitId: user.unitId, tourGroupId: user.tourGroupId, sessionId: s.sessionId };
    await app.audit(request, { action: 'staff.login', entity: 'staff_user', entityId: user.id, detail: { via, sessionId: s.sessionId } });
    return { token: s.token, expiresIn: s.expiresIn, idleTimeout: s.idleTimeout, user: toUser(user) };
  }

  app.get(
    '/auth/captcha',
    {
      config: { permission: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags: ['工作人员认证'], summary: '登录图形验证码（连续失败 3 次后需要）', response: { 200: staffCaptchaResponse } },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return createCaptcha(guardCtx());
    },
  );

  app.post(
    '/auth/login',
    {
      config: { permission: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['工作人员认证'],
        summary: '工作人员登录（已绑定两步验证的账号随后需 /auth/login/totp）',
        body: staffLoginBody,
        response: { 200: staffLoginResult, 401: apiErrorSchema, 423: apiErrorSchema },
      },
    },
    async (request) => {
      const { username, password, captchaId, captchaAnswer } = request.body;
      const ctx = guardCtx();
      const key = loginKey(username);
      const lock = await lockedUntil(ctx, key);
      if (lock) {
        await app.audit(request, { action: 'staff.login_locked', entity: 'staff_user', detail: { username } });
        throw lockedError(lock, ctx.now);
      }
      if ((await recentFailures(ctx, key)) >= CAPTCHA_AFTER) {
        if (!captchaId || !captchaAnswer) throw new AppError('unauthenticated', 'CAPTCHA_REQUIRED', '请输入图形验证码', { captchaRequired: true });
        if (!(await consumeCaptcha(ctx, captchaId, captchaAnswer))) {
          throw new AppError('unauthenticated', 'CAPTCHA_INVALID', '图形验证码不正确或已过期，请重新输入', { captchaRequired: true });
        }
      }
      const user = await app.db.prisma.staffUser.findUnique({ where: { username }, include: userInclude });
      // Verified even for unknown users (against a dummy hash), so the time taken does not tell them apart.
      const ok = await verifyPassword(user?.passwordHash, password);
      if (!user || !ok || !user.active) {
        const { failures, locked } = await recordFailure(ctx, key, request.ip);
        await app.audit(request, { action: 'staff.login_failed', entity: 'staff_user', entityId: user?.id ?? null, detail: { username, failures } });
        if (locked) {
          await app.audit(request, { action: 'staff.account_locked', entity: 'staff_user', entityId: user?.id ?? null, detail: { username } });
          throw lockedError(locked, ctx.now);
        }
        throw invalidCredentials(failures >= CAPTCHA_AFTER);
      }
      await clearFailures(ctx, key);
      if (user.totpEnabledAt) {
        const challenge = app.jwt.sign(
          { sub: user.id, aud: 'staff-mfa', until: ctx.now.getTime() + MFA_CHALLENGE_S * 1000 },
          { expiresIn: MFA_CHALLENGE_S },
        );
        return { totpRequired: true as const, challenge, expiresIn: MFA_CHALLENGE_S };
      }
      return openSession(request, user, 'password');
    },
  );

  app.post(
    '/auth/login/totp',
    {
      config: { permission: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['工作人员认证'],
        summary: '登录第二步：动态验证码或恢复码',
        body: staffLoginTotpBody,
        response: { 200: staffLoginResponse, 401: apiErrorSchema, 423: apiErrorSchema },
      },
    },
    async (request) => {
      const ctx = guardCtx();
      const expired = new AppError('unauthenticated', 'CHALLENGE_EXPIRED', '验证已超时，请重新输入用户名和密码');
      let sub: string;
      try {
        const payload = app.jwt.verify<{ sub: string; aud: string; until?: number }>(request.body.challenge);
        if (payload.aud !== 'staff-mfa' || !payload.until || payload.until < ctx.now.getTime()) throw expired;
        sub = payload.sub;
      } catch {
        throw expired;
      }
      const user = await app.db.prisma.staffUser.findUnique({ where: { id: sub }, include: userInclude });
      if (!user || !user.active || !user.totpEnabledAt) throw expired;
      const key = loginKey(user.username);
      const lock = await lockedUntil(ctx, key);
      if (lock) throw lockedError(lock, ctx.now);
      const via = await checkSecondFactor(app.db.prisma, app.sealer, user, request.body.code, ctx.now);
      if (!via) {
        const { failures, locked } = await recordFailure(ctx, key, request.ip);
        await app.audit(request, { action: 'staff.totp_failed', entity: 'staff_user', entityId: user.id, detail: { failures } });
        if (locked) {
          await app.audit(request, { action: 'staff.account_locked', entity: 'staff_user', entityId: user.id, detail: { username: user.username } });
          throw lockedError(locked, ctx.now);
        }
        throw new AppError('unauthenticated', 'TOTP_INVALID', '动态验证码不正确');
      }
      await clearFailures(ctx, key);
      return openSession(request, user, via);
    },
  );

  app.get(
    '/auth/me',
    {
      config: { permission: 'session.self', pendingAllowed: bothPending },
      schema: { tags: ['工作人员认证'], summary: '当前登录用户', response: { 200: staffUserResponse } },
    },
    async (request) => {
      const actor = staffActor(request);
      const user = await app.db.prisma.staffUser.findUniqueOrThrow({ where: { id: actor.id }, include: userInclude });
      return { user: toUser(user) };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { permission: 'session.self', pendingAllowed: bothPending },
      schema: { tags: ['工作人员认证'], summary: '退出登录（结束本会话）', response: { 200: staffSessionsEndedResponse } },
    },
    async (request) => {
      const actor = staffActor(request);
      const now = app.clock.now();
      const { count } = await app.db.prisma.staffSession.updateMany({
        where: { id: actor.sessionId, revokedAt: null },
        data: { revokedAt: now, revokedReason: 'logout' },
      });
      await app.audit(request, { action: 'staff.logout', entity: 'staff_user', entityId: actor.id, detail: { sessionId: actor.sessionId ?? null } });
      return { ended: count };
    },
  );

  app.post(
    '/auth/logout-others',
    { config: { permission: 'session.self' }, schema: { tags: ['工作人员认证'], summary: '退出其他设备（结束本人其他会话）', response: { 200: staffSessionsEndedResponse } } },
    async (request) => {
      const actor = staffActor(request);
      const ended = await endStaffSessions(app.db.prisma, actor.id, 'logout_others', app.clock.now(), actor.sessionId);
      await app.audit(request, { action: 'staff.logout_others', entity: 'staff_user', entityId: actor.id, detail: { ended } });
      return { ended };
    },
  );

  app.post(
    '/auth/password',
    {
      config: { permission: 'session.self', pendingAllowed: ['password_change'], rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['工作人员认证'],
        summary: '修改本人密码（其他会话随即结束）',
        body: staffChangePasswordBody,
        response: { 200: staffUserResponse, 400: apiErrorSchema },
      },
    },
    async (request) => {
      const actor = staffActor(request);
      const { currentPassword, newPassword } = request.body;
      const user = await app.db.prisma.staffUser.findUniqueOrThrow({
        where: { id: actor.id },
        include: { ...userInclude, passwordHistory: { orderBy: { createdAt: 'desc' }, take: PASSWORD_HISTORY_DEPTH, select: { passwordHash: true } } },
      });
      const issue = (path: string, message: string) => ({ path, code: 'password_policy', message });
      if (!(await verifyPassword(user.passwordHash, currentPassword))) {
        await app.audit(request, { action: 'staff.password_change_failed', entity: 'staff_user', entityId: user.id });
        throw validationError([issue('currentPassword', '当前密码不正确')]);
      }
      const history = [user.passwordHash, ...user.passwordHistory.map((h) => h.passwordHash)];
      const reasons = await checkPasswordPolicy(newPassword, { username: user.username, history });
      if (reasons.length) throw validationError(reasons.map((r) => issue('newPassword', r)));
      const now = app.clock.now();
      const passwordHash = await hashPassword(newPassword);
      const updated = await app.db.prisma.$transaction(async (tx) => {
        await setPassword(tx, user.id, passwordHash, now, false);
        await endStaffSessions(tx, user.id, 'password_changed', now, actor.sessionId);
        await app.audit(request, { action: 'staff.password_changed', entity: 'staff_user', entityId: user.id }, tx);
        return tx.staffUser.findUniqueOrThrow({ where: { id: user.id }, include: userInclude });
      });
      return { user: toUser(updated) };
    },
  );

  app.post(
    '/auth/totp/setup',
    {
      config: { permission: 'session.self', pendingAllowed: ['totp_enrolment'] },
      schema: {
        tags: ['工作人员认证'],
        summary: '两步验证：生成密钥与二维码（确认前不生效）',
        response: { 200: staffTotpSetupResponse, 409: apiErrorSchema },
      },
    },
    async (request, reply) => {
      const actor = staffActor(request);
      const user = await app.db.prisma.staffUser.findUniqueOrThrow({ where: { id: actor.id } });
      if (user.totpEnabledAt) throw new AppError('conflict', 'TOTP_ALREADY_ENABLED', '已绑定两步验证');
      const secret = newTotpSecret();
      await app.db.prisma.staffUser.update({ where: { id: user.id }, data: { totpSecretSealed: app.sealer.seal(secret), totpLastStep: null } });
      reply.header('cache-control', 'no-store');
      return totpEnrolment(secret, user.username);
    },
  );

  app.post(
    '/auth/totp/confirm',
    {
      config: { permission: 'session.self', pendingAllowed: ['totp_enrolment'], rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['工作人员认证'],
        summary: '两步验证：输入动态验证码完成绑定，返回恢复码（仅显示一次）',
        body: staffTotpConfirmBody,
        response: { 200: staffTotpConfirmResponse, 400: apiErrorSchema, 409: apiErrorSchema },
      },
    },
    async (request, reply) => {
      const actor = staffActor(request);
      const user = await app.db.prisma.staffUser.findUniqueOrThrow({ where: { id: actor.id } });
      if (user.totpEnabledAt) throw new AppError('conflict', 'TOTP_ALREADY_ENABLED', '已绑定两步验证');
      if (!user.totpSecretSealed) throw new AppError('conflict', 'TOTP_NOT_STARTED', '请先生成二维码');
      const now = app.clock.now();
      const step = await totpStep(app.sealer.open(user.totpSecretSealed), request.body.code, now);
      if (step === null) throw validationError([{ path: 'code', code: 'totp_invalid', message: '动态验证码不正确，请核对手机时间后重试' }]);
      const codes = newRecoveryCodes();
      const updated = await app.db.prisma.$transaction(async (tx) => {
        await tx.staffUser.update({ where: { id: user.id }, data: { totpEnabledAt: now, totpLastStep: step } });
        await tx.staffRecoveryCode.deleteMany({ where: { userId: user.id } });
        await tx.staffRecoveryCode.createMany({ data: codes.map((c) => ({ userId: user.id, codeHash: recoveryCodeHash(app.sealer, c) })) });
        await app.audit(request, { action: 'staff.totp_enabled', entity: 'staff_user', entityId: user.id }, tx);
        return tx.staffUser.findUniqueOrThrow({ where: { id: user.id }, include: userInclude });
      });
      reply.header('cache-control', 'no-store');
      return { recoveryCodes: codes, user: toUser(updated) };
    },
  );

  app.post(
    '/auth/totp/disable',
    {
      config: { permission: 'session.self', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['工作人员认证'],
        summary: '关闭本人两步验证（必须使用两步验证的角色不可关闭）',
        body: staffTotpDisableBody,
        response: { 200: staffUserResponse, 400: apiErrorSchema, 403: apiErrorSchema },
      },
    },
    async (request) => {
      const actor = staffActor(request);
      if (totpRequiredRoles.includes(actor.role)) throw new AppError('forbidden', 'TOTP_REQUIRED_FOR_ROLE', '当前角色必须使用两步验证，不能关闭');
      const user = await app.db.prisma.staffUser.findUniqueOrThrow({ where: { id: actor.id } });
      if (!(await verifyPassword(user.passwordHash, request.body.password))) {
        throw validationError([{ path: 'password', code: 'password_wrong', message: '当前密码不正确' }]);
      }
      const updated = await app.db.prisma.$transaction(async (tx) => {
        await tx.staffUser.update({ where: { id: user.id }, data: { totpSecretSealed: null, totpEnabledAt: null, totpLastStep: null } });
        await tx.staffRecoveryCode.deleteMany({ where: { userId: user.id } });
        await app.audit(request, { action: 'staff.totp_disabled', entity: 'staff_user', entityId: user.id }, tx);
        return tx.staffUser.findUniqueOrThrow({ where: { id: user.id }, include: userInclude });
      });
      return { user: toUser(updated) };
    },
  );
};

export function validationError(issues: { path: string; code: string; message: string }[]) {
  return new AppError('invalid', 'VALIDATION_FAILED', '提交的内容不符合要求，请检查标出的字段', undefined, issues);
}
