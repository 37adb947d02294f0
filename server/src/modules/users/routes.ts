import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  apiErrorSchema,
  staffAccountCreateBody,
  staffAccountCreatedResponse,
  staffAccountListQuery,
  staffAccountListResponse,
  staffAccountResponse,
  staffAccountUpdateBody,
  staffPasswordResetResponse,
} from '@msjd/shared';
import { staffActor } from '../../plugins/auth';
import * as accounts from './service';
import { idParams } from '@msjd/shared/common';

// 三员分立: accounts are the system administrator's alone.
const errors = { 400: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema };

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = (request: FastifyRequest): accounts.AccountsContext => ({
    prisma: app.db.prisma,
    sealer: app.sealer,
    now: app.clock.now(),
    actor: staffActor(request),
    audit: (entry, tx) => app.audit(request, entry, tx),
  });
  const tags = ['用户管理'];
  // A temporary password is in the answer: never cached.
  const noStore = { onSend: async (_req: FastifyRequest, reply: { header(k: string, v: string): unknown }) => void reply.header('cache-control', 'no-store') };

  app.get(
    '/users',
    { config: { permission: 'account.read' }, schema: { tags, summary: '账号列表', querystring: staffAccountListQuery, response: { 200: staffAccountListResponse } } },
    async (request) => accounts.listAccounts(ctx(request), request.query),
  );
  app.post(
    '/users',
    {
      config: { permission: 'account.manage' },
      ...noStore,
      schema: { tags, summary: '新建账号（返回一次性临时密码）', body: staffAccountCreateBody, response: { 200: staffAccountCreatedResponse, ...errors } },
    },
    async (request) => accounts.createAccount(ctx(request), request.body),
  );
  app.put(
    '/users/:id',
    {
      config: { permission: 'account.manage' },
      schema: { tags, summary: '修改账号（角色、单位、巡察组变化时结束其会话）', params: idParams, body: staffAccountUpdateBody, response: { 200: staffAccountResponse, ...errors } },
    },
    async (request) => accounts.updateAccount(ctx(request), request.params.id, request.body),
  );
  app.post(
    '/users/:id/disable',
    { config: { permission: 'account.manage' }, schema: { tags, summary: '停用账号（立即结束其会话）', params: idParams, response: { 200: staffAccountResponse, ...errors } } },
    async (request) => accounts.setAccountActive(ctx(request), request.params.id, false),
  );
  app.post(
    '/users/:id/enable',
    { config: { permission: 'account.manage' }, schema: { tags, summary: '启用账号', params: idParams, response: { 200: staffAccountResponse, ...errors } } },
    async (request) => accounts.setAccountActive(ctx(request), request.params.id, true),
  );
  app.post(
    '/users/:id/reset-password',
    {
      config: { permission: 'account.manage' },
      ...noStore,
      schema: { tags, summary: '重置密码（返回一次性临时密码，下次登录须修改）', params: idParams, response: { 200: staffPasswordResetResponse, ...errors } },
    },
    async (request) => accounts.resetPassword(ctx(request), request.params.id),
  );
  app.post(
    '/users/:id/unlock',
    { config: { permission: 'account.manage' }, schema: { tags, summary: '解除登录锁定', params: idParams, response: { 200: staffAccountResponse, ...errors } } },
    async (request) => accounts.unlockAccount(ctx(request), request.params.id),
  );
  app.post(
    '/users/:id/reset-totp',
    { config: { permission: 'account.manage' }, schema: { tags, summary: '重置两步验证（下次登录重新绑定）', params: idParams, response: { 200: staffAccountResponse, ...errors } } },
    async (request) => accounts.resetTotp(ctx(request), request.params.id),
  );
};
