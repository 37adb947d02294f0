import { defineConfig } from 'prisma/config';

// The CLI is used only for `generate` here (migrations are applied by our own runner, see src/db/migrate.ts).
export default defineConfig({
  schema: '../prisma/schema',
  migrations: { path: '../prisma/migrations' },
});
