// `pnpm test`: unit and integration tests of every package, then browser flows in headless Chromium.
// Integration tests use TEST_DATABASE_URL (real PostgreSQL) when set, else embedded PGlite.
// SKIP_BROWSER_TESTS=1 skips the browser flows explicitly; a missing Chromium otherwise fails the run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildClients } from './build-clients.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts }).status ?? 1;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const skipBrowser = process.env.SKIP_BROWSER_TESTS === '1';

if (!skipBrowser && !existsSync(chromium)) {
  console.error(`找不到 Chromium（${chromium}）。浏览器测试需要它：
  apt-get update && apt-get install -y chromium
或设置 CHROMIUM_PATH；确需跳过浏览器测试时设置 SKIP_BROWSER_TESTS=1。`);
  process.exit(1);
}

// The runtime is the Node the root devDependency puts first on PATH for every pnpm script (see package.json).
console.log(`node ${process.version} (OpenSSL ${process.versions.openssl})`);
let failed = 0;
// Types first: a contract changed in shared/ must not leave a client that no longer compiles.
console.log('\n== typecheck ==');
failed |= run('pnpm', ['-r', 'typecheck']);
// On real PostgreSQL (CI) a smaller suite also runs on the embedded PGlite, so the default of `pnpm start` cannot
// rot: start-up, migrations, and one flow per capability. Add a capability's flow file here.
const PGLITE_SUBSET = [
  'src/app.test.ts',
  'src/db',
  'src/modules/alerts/engine.test.ts',
  'src/modules/reports/lifecycle.test.ts',
  'src/modules/notices/notices.test.ts',
  'src/modules/business/business.test.ts',
];

for (const project of ['server', 'admin', 'miniapp']) {
  console.log(`\n== ${project} ==`);
  // the Citus suite runs on its own below (with a cluster), not twice
  failed |= run('pnpm', ['exec', 'vitest', 'run', '--root', project, ...(project === 'server' ? ['--exclude', 'src/citus.test.ts'] : [])]);
}
if (process.env.TEST_DATABASE_URL) {
  console.log('\n== server on embedded PGlite (subset) ==');
  const { TEST_DATABASE_URL: _omit, ...env } = process.env;
  failed |= run('pnpm', ['exec', 'vitest', 'run', '--root', 'server', ...PGLITE_SUBSET], { env });
}
// The alert engine on a Citus cluster (docs/scaling.md): the comparison with one node and the engine's integration
// tests on the cluster, when a coordinator is named; one line otherwise.
if (process.env.CITUS_COORDINATOR_URL) {
  console.log('\n== server on Citus ==');
  failed |= run('pnpm', ['exec', 'vitest', 'run', '--root', 'server', 'src/citus.test.ts']);
  failed |= run('pnpm', ['exec', 'vitest', 'run', '--root', 'server', 'src/modules/alerts/engine.test.ts', 'src/modules/alerts/import/service-cases.test.ts'], { env: { ...process.env, CITUS_TEST_DATABASES: '1' } });
} else {
  console.log('\n== server on Citus: skipped: no Citus (set CITUS_COORDINATOR_URL to a coordinator with its workers added) ==');
}
// The compiled server from a production-only install, in production mode, probed over HTTP (skips itself, saying so,
// without TEST_DATABASE_URL).
console.log('\n== production build probe ==');
failed |= run(process.execPath, ['scripts/prod-probe.mjs']);
// The WeChat build: main package size against the 2 MB limit, then the built pages loaded and tapped in
// miniprogram-simulate (no WeChat DevTools needed).
console.log('\n== weapp build and smoke ==');
const weapp = spawnSync('pnpm', ['--filter', '@msjd/miniapp', '-s', 'build:weapp'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
if (weapp.status !== 0) process.stderr.write(weapp.stdout + weapp.stderr);
failed |= weapp.status ?? 1;
failed |= run('pnpm', ['--filter', '@msjd/miniapp', '-s', 'check:weapp-size']);
failed |= run('pnpm', ['--filter', '@msjd/miniapp', '-s', 'smoke:weapp']);

if (skipBrowser) {
  console.log('\n== browser flows skipped (SKIP_BROWSER_TESTS=1) ==');
} else {
  buildClients();
  console.log('\n== browser flows ==');
  failed |= run('pnpm', ['exec', 'vitest', 'run', '--root', 'test']);
}
process.exit(failed ? 1 : 0);
