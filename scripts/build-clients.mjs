// Builds the admin and the H5 app when their sources are newer than their last build (so a second start is fast).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const clients = [
  { name: '管理后台 admin', dir: 'admin', out: 'admin/dist/index.html', args: ['--filter', '@msjd/admin', 'build'], inputs: ['admin', 'shared/src'] },
  { name: 'H5 小程序', dir: 'miniapp', out: 'miniapp/dist/h5/index.html', args: ['--filter', '@msjd/miniapp', 'build:h5'], inputs: ['miniapp/src', 'miniapp/config', 'shared/src'] },
];

export function buildClients({ force = false } = {}) {
  for (const c of clients) {
    const out = path.join(root, c.out);
    const stale = force || !existsSync(out) || c.inputs.some((i) => newest(path.join(root, i)) > statSync(out).mtimeMs);
    if (!stale) continue;
    process.stderr.write(`构建 ${c.name} …\n`);
    // bundlers are chatty; their output is shown only when the build fails
    const r = spawnSync('pnpm', ['-s', ...c.args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) {
      process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}\n构建 ${c.name} 失败（见上方输出）\n`);
      process.exit(1);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) buildClients({ force: process.argv.includes('--force') });
