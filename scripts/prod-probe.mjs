// The production probe (run by `pnpm test` when TEST_DATABASE_URL is set, i.e. in CI): the compiled server from a
// production-only install (scripts/deploy-server.mjs), in NODE_ENV=production, against real PostgreSQL and an S3
// server (TEST_S3_* when set — Ceph RGW in CI — else a local s3rver). It creates the first administrator with
// `cli.js users create-admin` (password on stdin), then probes health, ready, a staff login, and a citizen who logs
// in through WeChat code2session (a fake WeChat API this script serves, since production has device login off) and
// submits a report. Also: the demo accounts do not exist, device login is refused.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const baseUrl = process.env.TEST_DATABASE_URL;
if (!baseUrl) {
  console.log('prod probe: skipped (TEST_DATABASE_URL is not set; CI sets it — the probe needs a real PostgreSQL)');
  process.exit(0);
}
const serverRequire = createRequire(path.join(root, 'server/package.json'));
const pg = serverRequire('pg');
const started = Date.now();
const step = (msg) => console.log(`prod probe: ${msg} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
const cleanups = [];
let failed = false;

async function main() {
  // a production install of the compiled server
  const work = mkdtempSync(path.join(tmpdir(), 'msjd-probe-'));
  cleanups.push(() => rmSync(work, { recursive: true, force: true }));
  const build = spawnSync('pnpm', ['-s', '--filter', '@msjd/server', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('server build failed');
  const deploy = spawnSync(process.execPath, [path.join(root, 'scripts/deploy-server.mjs'), path.join(work, 'app'), '--skip-build'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (deploy.status !== 0) throw new Error(`deploy failed:\n${deploy.stdout}${deploy.stderr}`);
  step('production install built (no tsx, vite, vitest, taro, esbuild, typescript, prisma CLI)');

  // a fresh database
  const dbName = `msjd_probe_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: baseUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await c.end();
  });
  await admin.end();
  const dbUrl = new URL(baseUrl);
  dbUrl.pathname = `/${dbName}`;

  // the S3 server
  let s3;
  if (process.env.TEST_S3_ENDPOINT) {
    s3 = { endpoint: process.env.TEST_S3_ENDPOINT, accessKey: process.env.TEST_S3_ACCESS_KEY, secretKey: process.env.TEST_S3_SECRET_KEY };
  } else {
    const S3rver = serverRequire('@20minutes/s3rver');
    const server = new S3rver({ address: '127.0.0.1', port: 0, directory: path.join(work, 's3'), silent: true, vhostBuckets: false });
    const addr = await server.run();
    cleanups.push(() => server.close());
    s3 = { endpoint: `http://127.0.0.1:${addr.port}`, accessKey: 'S3RVER', secretKey: 'S3RVER' };
  }

  // the fake WeChat API: code2session answers a stable openid per code
  const wechat = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    res.setHeader('content-type', 'application/json');
    if (url.pathname === '/sns/jscode2session' && url.searchParams.get('appid') === 'wxprobe0000000001' && url.searchParams.get('secret') === 'probe-secret') {
      res.end(JSON.stringify({ openid: `o-probe-${url.searchParams.get('js_code')}`, session_key: 'k' }));
    } else {
      res.end(JSON.stringify({ errcode: 40029, errmsg: 'invalid code' }));
    }
  });
  await new Promise((r) => wechat.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise((r) => wechat.close(r)));

  const port = await freePort();
  const env = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    DATABASE_URL: dbUrl.toString(),
    S3_ENDPOINT: s3.endpoint,
    S3_ACCESS_KEY: s3.accessKey,
    S3_SECRET_KEY: s3.secretKey,
    S3_BUCKET: `probe-${randomBytes(4).toString('hex')}`,
    JWT_SECRET: randomBytes(32).toString('base64'),
    IDENTITY_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    HASH_KEY: randomBytes(32).toString('base64'),
    WECHAT_APPID: 'wxprobe0000000001',
    WECHAT_SECRET: 'probe-secret',
    WECHAT_API_BASE: `http://127.0.0.1:${wechat.address().port}`,
    ADMIN_DIST_DIR: path.join(work, 'app/public/admin'),
    H5_DIST_DIR: path.join(work, 'app/public/h5'),
  };
  const appDir = path.join(work, 'app');

  // the first administrator, password on stdin (a terminal would be prompted without echo)
  const password = `Probe#${randomBytes(6).toString('hex')}`;
  const created = spawnSync(process.execPath, ['dist/cli.js', 'users', 'create-admin', '--username', 'probe_admin', '--name', '探针管理员'], {
    cwd: appDir,
    env,
    input: `${password}\n`,
    encoding: 'utf8',
  });
  if (created.status !== 0) throw new Error(`create-admin failed: ${created.stderr}`);
  expect(JSON.parse(created.stdout).created.role === 'admin', `create-admin printed ${created.stdout}`);
  step('first administrator created by cli.js users create-admin (password on stdin)');

  const server = spawn(process.execPath, ['dist/main.js'], { cwd: appDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  server.stdout.on('data', (c) => (output += c));
  server.stderr.on('data', (c) => (output += c));
  const exited = new Promise((r) => server.on('exit', r));
  cleanups.push(async () => {
    server.kill('SIGTERM');
    await exited;
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (server.exitCode !== null) throw new Error(`server exited: ${output}`);
    if ((await fetch(`${base}/health`).catch(() => null))?.ok) break;
    if (i > 240) throw new Error(`server not up after 120 s: ${output}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  step('node dist/main.js listening in production mode');
  expect(output.includes('生产模式：不加载演示数据') && !output.includes('Demo@2026'), `start banner without demo accounts:\n${output}`);

  const ready = await (await fetch(`${base}/ready`)).json();
  expect(ready.status === 'ready' && ready.database?.kind === 'postgres' && ready.storage?.ok, `/ready: ${JSON.stringify(ready)}`);
  step('health and ready (PostgreSQL, S3)');

  const post = (url, body, headers = {}) =>
    fetch(base + url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const demo = await post('/api/staff/auth/login', { username: 'admin', password: 'Demo@2026' });
  expect(demo.status === 401, `demo account must not exist in production: ${demo.status}`);
  const login = await post('/api/staff/auth/login', { username: 'probe_admin', password });
  expect(login.status === 200, `staff login: ${login.status} ${await login.clone().text()}`);
  const staff = { authorization: `Bearer ${(await login.json()).token}` };
  // an administrator's first login enrols the second factor before anything else answers (等保 2.0: two factors)
  const setup = await post('/api/staff/auth/totp/setup', {}, staff);
  expect(setup.status === 200, `TOTP setup: ${setup.status} ${await setup.clone().text()}`);
  const { secret } = await setup.json();
  const { generate } = serverRequire('otplib');
  const confirm = await post('/api/staff/auth/totp/confirm', { code: await generate({ secret, epoch: Math.floor(Date.now() / 1000) }) }, staff);
  expect(confirm.status === 200, `TOTP confirm: ${confirm.status} ${await confirm.clone().text()}`);
  step('staff login of the created administrator with TOTP enrolment; demo admin refused');

  const device = await post('/api/public/auth/device', { deviceId: 'probe-device-0000000000' });
  expect(device.status >= 400 && device.status < 500, `device login must be off in production: ${device.status}`);
  const wx = await post('/api/public/auth/wechat', { code: 'probe-code-1' });
  expect(wx.status === 200, `wechat login: ${wx.status} ${await wx.clone().text()}`);
  const citizen = { authorization: `Bearer ${(await wx.json()).token}` };
  const categories = await (await fetch(`${base}/api/public/reports/categories`, { headers: citizen })).json();
  expect(categories.items?.length > 0, `report categories in a production database: ${JSON.stringify(categories)}`);
  const submitted = await post(
    '/api/public/reports',
    // real-name, so the citizen's own token may add the photo (a 保密 report is tied to no account: its photos go by code)
    { category: categories.items[0].code, content: '生产模式探针：某单位工作人员办事推诿，多次要求重复提交材料。', confidential: false, reporterName: '探针', reporterPhone: '13900003333' },
    { ...citizen, 'idempotency-key': `probe-${randomBytes(8).toString('hex')}` },
  );
  expect(submitted.status === 201, `citizen submission: ${submitted.status} ${await submitted.clone().text()}`);
  const report = await submitted.json();
  // a photo: sharp (native) from the production install re-encodes it, then it goes to the S3 server
  const sharp = serverRequire('sharp');
  const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 180, g: 40, b: 40 } } }).jpeg().toBuffer();
  const boundary = `----probe${randomBytes(6).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
    photo,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const uploaded = await fetch(`${base}/api/public/reports/${report.id}/attachments`, {
    method: 'POST',
    headers: { ...citizen, 'content-type': `multipart/form-data; boundary=${boundary}` },
    body,
  });
  expect(uploaded.status === 201, `photo upload: ${uploaded.status} ${await uploaded.clone().text()}`);
  const listed = await (await fetch(`${base}/api/staff/reports?pageSize=5`, { headers: staff })).json();
  expect(JSON.stringify(listed).includes(report.serial), `staff sees report ${report.serial}: ${JSON.stringify(listed).slice(0, 300)}`);
  step(`citizen (WeChat code2session) submitted ${report.serial} with a photo; staff list shows it`);
}

function expect(ok, message) {
  if (!ok) throw new Error(message);
}

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

try {
  await main();
  step('passed');
} catch (err) {
  failed = true;
  console.error(`prod probe: FAILED — ${err.message}`);
} finally {
  for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => {});
}
process.exit(failed ? 1 : 0);
