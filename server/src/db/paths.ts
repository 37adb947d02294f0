import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../../..');
export const schemaDir = path.join(repoRoot, 'prisma/schema');
export const migrationsDir = path.join(repoRoot, 'prisma/migrations');
