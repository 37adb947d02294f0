// `pnpm cli users create-admin --username X --name Y`: the first administrator of a production install (which loads
// no demo accounts). The password comes from a terminal prompt or stdin, never argv, and must pass the policy.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import type { Database } from '../db/database';
import { appendAudit, chainKey } from '../lib/audit-chain';
import { hashPassword } from '../modules/auth/password';
import { checkPasswordPolicy } from '../modules/auth/password-policy';
import { readNewPassword } from './prompt';

export class CliUsageError extends Error {}

export async function createAdmin(db: Database, input: { username: string; displayName: string; password: string }, hashKey = loadConfig().hashKey) {
  const reasons = await checkPasswordPolicy(input.password, { username: input.username });
  if (reasons.length) throw new CliUsageError(`密码不符合要求：${reasons.join('；')}`);
  if (!/^[A-Za-z0-9_.-]{3,32}$/.test(input.username)) throw new CliUsageError('用户名须为 3-32 位字母、数字、下划线、点或连字符');
  if (!input.displayName.trim()) throw new CliUsageError('须提供 --name（姓名）');
  const passwordHash = await hashPassword(input.password);
  return db.prisma.$transaction(async (tx) => {
    if (await tx.staffUser.findUnique({ where: { username: input.username } })) {
      throw new CliUsageError(`用户名 ${input.username} 已存在`);
    }
    const user = await tx.staffUser.create({
      data: { username: input.username, displayName: input.displayName.trim(), role: 'admin', passwordHash },
      select: { id: true, username: true, displayName: true, role: true },
    });
    await appendAudit(tx, chainKey(hashKey), {
      actorType: 'system',
      actorId: null,
      action: 'staff.create_admin',
      entity: 'staff_user',
      entityId: user.id,
      reason: null,
      detail: { username: user.username, via: 'cli' },
      ip: null,
      requestId: null,
    });
    return user;
  });
}

export async function runUsersCli(db: Database, argv: string[], stdin: NodeJS.ReadStream = process.stdin, hashKey = loadConfig().hashKey): Promise<number> {
  const [, sub, ...rest] = argv;
  if (sub !== 'create-admin') throw new CliUsageError('用法: pnpm cli users create-admin --username 用户名 --name 姓名（密码从终端输入或标准输入读取）');
  if (rest.some((a) => a.startsWith('--password'))) throw new CliUsageError('密码不得写在命令行上（进程列表与命令历史可见）：请在提示时输入，或从标准输入传入');
  const { values } = parseArgs({ args: rest, options: { username: { type: 'string' }, name: { type: 'string' } }, strict: true });
  if (!values.username || !values.name) throw new CliUsageError('须提供 --username 与 --name');
  const password = await readNewPassword(stdin);
  const user = await createAdmin(db, { username: values.username, displayName: values.name, password }, hashKey);
  process.stdout.write(JSON.stringify({ created: user }) + '\n');
  return 0;
}
