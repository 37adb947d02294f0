// `prisma generate` offline: every prisma CLI command first fetches a schema-engine binary from a host we cannot
// reach, but generate never runs it — so pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file is enough.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('..', import.meta.url));
// A production install (`pnpm deploy --prod`) has no prisma CLI and needs none: the client is inside dist/main.js.
if (!existsSync(new URL('../node_modules/prisma/package.json', import.meta.url))) process.exit(0);
const r = spawnSync('pnpm', ['exec', 'prisma', 'generate'], {
  cwd: here,
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
});
if (r.status !== 0) {
  process.stdout.write(r.stdout);
  process.exit(r.status ?? 1);
}
