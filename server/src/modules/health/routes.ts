import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const readyResponse = z.object({
  status: z.enum(['ready', 'not_ready']),
  database: z.object({ ok: z.boolean(), kind: z.enum(['postgres', 'pglite']) }),
  storage: z.object({ ok: z.boolean() }),
});

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    { config: { permission: 'public' }, schema: { tags: ['运维'], summary: '存活检查', response: { 200: z.object({ status: z.literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/ready',
    { config: { permission: 'public' }, schema: { tags: ['运维'], summary: '就绪检查：数据库与对象存储可达', response: { 200: readyResponse, 503: readyResponse } } },
    async (_req, reply) => {
      const database = await app.db.sql.query('SELECT 1').then(
        () => true,
        () => false,
      );
      const storage = await app.storage.ping();
      const ok = database && storage;
      return reply.status(ok ? 200 : 503).send({
        status: ok ? 'ready' : 'not_ready',
        database: { ok: database, kind: app.db.kind },
        storage: { ok: storage },
      });
    },
  );
};
