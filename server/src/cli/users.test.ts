import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/app';
import { promptHidden } from './prompt';
import { CliUsageError, runUsersCli } from './users';

const stdinOf = (text: string) => Readable.from([text]) as unknown as NodeJS.ReadStream;

describe('pnpm cli users create-admin', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('creates an administrator from the first line of stdin, audited, who can then log in', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await runUsersCli(t.db, ['users', 'create-admin', '--username', 'chief', '--name', '王主任'], stdinOf('Kzw#2026pass\nignored\n'))).toBe(0);
      expect(JSON.parse(String(out.mock.calls[0]![0])).created).toMatchObject({ username: 'chief', displayName: '王主任', role: 'admin' });
    } finally {
      out.mockRestore();
    }
    const user = await t.db.prisma.staffUser.findUniqueOrThrow({ where: { username: 'chief' } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await t.db.prisma.auditLog.count({ where: { action: 'staff.create_admin', entityId: user.id } })).toBe(1);
    const login = await t.app.inject({ method: 'POST', url: '/api/staff/auth/login', payload: { username: 'chief', password: 'Kzw#2026pass' } });
    expect(login.statusCode).toBe(200);
  });

  it.each([
    [['--username', 'weak', '--name', '甲'], 'short1A', /至少 10 位/],
    [['--username', 'weak', '--name', '甲'], 'x-weak-Weak-123', /不能包含用户名/],
    [['--username', 'chief', '--name', '甲'], 'Other#2026pw', /已存在/],
    [['--username', 'x1y', '--name', '甲', '--password', 'Other#2026pw'], '', /不得写在命令行上/],
    [['--username', 'x1y'], 'Other#2026pw', /--name/],
  ])('refuses %j and changes nothing', async (args, password, reason) => {
    const before = await t.db.prisma.staffUser.count();
    const run = runUsersCli(t.db, ['users', 'create-admin', ...args], stdinOf(password + '\n'));
    await expect(run).rejects.toThrow(CliUsageError);
    await expect(runUsersCli(t.db, ['users', 'create-admin', ...args], stdinOf(password + '\n'))).rejects.toThrow(reason);
    expect(await t.db.prisma.staffUser.count()).toBe(before);
  });
});

describe('promptHidden', () => {
  it('reads a line from a terminal in raw mode without echoing it', async () => {
    const input = new PassThrough() as unknown as NodeJS.ReadStream & PassThrough;
    const modes: boolean[] = [];
    input.setRawMode = (mode: boolean) => (modes.push(mode), input);
    const output = new PassThrough();
    let shown = '';
    output.on('data', (c) => (shown += c));
    const read = promptHidden('密码: ', input, output);
    input.write('S3cret!x\u007fyz\r');
    expect(await read).toBe('S3cret!yz');
    expect(shown).toBe('密码: \n');
    expect(modes).toEqual([true, false]);
  });
});
