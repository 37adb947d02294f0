// The production server: one ESM bundle per entry (dist/main.js, dist/cli.js) built by esbuild, plus the migrations
// the runner applies at start (dist/prisma/migrations). Our own code, the generated Prisma client and @msjd/shared
// (TypeScript sources, which a production install could not run) are bundled; every npm dependency stays external
// and comes from the production install (`pnpm deploy --prod`): native addons (argon2, sharp), WASM (PGlite, Prisma's
// query compiler) and packages that read files beside themselves (swagger-ui, fonts, chinese-days) keep working
// unchanged, and a security update of a dependency needs no rebuild.
import { cpSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = path.resolve(serverDir, '..');
const outdir = path.join(serverDir, 'dist');
const pkg = JSON.parse(readFileSync(path.join(serverDir, 'package.json'), 'utf8'));
const external = Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@msjd/'));

const started = Date.now();
rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: { main: path.join(serverDir, 'src/main.ts'), cli: path.join(serverDir, 'src/cli/main.ts') },
  outdir,
  bundle: true,
  // no code splitting: every module sees import.meta.dirname = dist/, where the migrations are
  format: 'esm',
  platform: 'node',
  target: 'node24',
  sourcemap: true,
  // a dependency's subpath (`@prisma/client/runtime/client`, `minio/dist/…`) is external like the package itself
  external: external.flatMap((name) => [name, `${name}/*`]),
  // bundled CommonJS (the Prisma runtime) calls require() for Node's built-ins, which an ES module lacks
  banner: { js: "import { createRequire as __msjdCreateRequire } from 'node:module'; const require = __msjdCreateRequire(import.meta.url);" },
  logLevel: 'warning',
  metafile: true,
});
cpSync(path.join(repoRoot, 'prisma/migrations'), path.join(outdir, 'prisma/migrations'), { recursive: true });
// demo data files (alerts/demo.ts reads them beside its module: in the bundle, beside dist/main.js)
cpSync(path.join(serverDir, 'src/modules/alerts/fixtures/demo'), path.join(outdir, 'fixtures/demo'), { recursive: true });
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
process.stderr.write(`server/dist: ${Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js')).length} files, ${(bytes / 1024 / 1024).toFixed(1)} MiB, ${Date.now() - started} ms\n`);
