import { existsSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../../..');
export const schemaDir = path.join(repoRoot, 'prisma/schema');
// The compiled server (server/scripts/build.mjs) carries its migrations beside the bundle, so a production install
// without the repository still migrates; from the sources they are the repository's.
const bundled = path.join(import.meta.dirname, 'prisma/migrations');
export const migrationsDir = existsSync(bundled) ? bundled : path.join(repoRoot, 'prisma/migrations');
