// `pnpm deploy:server <dir>`: a production install of the compiled server in <dir> — dist/ (server/scripts/build.mjs),
// production dependencies only (`pnpm deploy --prod`), and the built admin and H5 app in public/. Then it checks
// that none of the development toolchain came along (等保 "最小安装"): it fails if tsx, vite, vitest, taro, esbuild,
// typescript or the prisma CLI is in the install.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = process.argv[2] && path.resolve(process.argv[2]);
if (!target) {
  console.error('用法: pnpm deploy:server <目录>   （--skip-build 跳过构建）');
  process.exit(2);
}
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (!process.argv.includes('--skip-build')) run('pnpm', ['-s', 'build']);
rmSync(target, { recursive: true, force: true });
// --legacy: the server has no workspace package among its production dependencies (@msjd/shared is bundled), so
// pnpm 10's injected-workspace mode buys nothing and would change the install of the whole workspace.
run('pnpm', ['--filter', '@msjd/server', 'deploy', '--legacy', '--prod', '--config.confirmModulesPurge=false', target]);
for (const [from, to] of [['admin/dist', 'public/admin'], ['miniapp/dist/h5', 'public/h5']]) {
  if (existsSync(path.join(root, from))) cpSync(path.join(root, from), path.join(target, to), { recursive: true });
  else console.error(`未找到 ${from}（先运行 pnpm build）：${to} 留空`);
}

const FORBIDDEN = ['tsx', 'vite', 'vitest', 'esbuild', 'typescript', 'prisma', '@tarojs/cli', '@prisma/client', '@msjd/shared'];
const store = path.join(target, 'node_modules/.pnpm');
const present = [
  ...FORBIDDEN.filter((name) => existsSync(path.join(target, 'node_modules', name))),
  ...readdirSync(store).filter((entry) => FORBIDDEN.some((name) => entry === name.replace('/', '+') || entry.startsWith(`${name.replace('/', '+')}@`))),
];
if (present.length) {
  console.error(`生产安装中不应出现开发工具: ${[...new Set(present)].join(', ')}`);
  process.exit(1);
}
console.error(`生产安装就绪: ${target}
  启动: NODE_ENV=production ADMIN_DIST_DIR=${target}/public/admin H5_DIST_DIR=${target}/public/h5 … node ${target}/dist/main.js
  （不含 ${FORBIDDEN.join('、')}）`);
