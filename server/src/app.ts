// Builds the Fastify app; never listens (main.ts does). Tests build it with an injected database and storage.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config';
import type { Database } from './db/database';
import { registerErrorHandler } from './errors';
import { alertRoutes } from './modules/alerts/routes';
import { alertSchedulePlugin } from './modules/alerts/schedule';
import { auditRoutes } from './modules/audit/routes';
import { calendarRoutes } from './modules/calendar/routes';
import { citizenAuthRoutes, staffAuthRoutes } from './modules/auth';
import { userRoutes } from './modules/users';
import { healthRoutes } from './modules/health/routes';
import { publicReportRoutes } from './modules/reports/public-routes';
import { staffReportRoutes } from './modules/reports/staff-routes';
import { custodyRoutes } from './modules/reports/custody-routes';
import { reportMessageRoutes } from './modules/reports/messages-routes';
import { reportExtensionRoutes } from './modules/reports/extensions-routes';
import { unitRoutes } from './modules/units/routes';
import { publicNoticeRoutes, staffNoticeRoutes } from './modules/notices/routes';
import { publicSceneRoutes, staffSceneRoutes } from './modules/scenes/routes';
import { posterRoutes } from './modules/posters/routes';
import { publicSurveyRoutes, staffSurveyRoutes } from './modules/surveys/routes';
import { tourRoutes } from './modules/tours/routes';
import { rectificationRoutes } from './modules/rectification/routes';
import { phraseRoutes } from './modules/phrases';
import { publicBusinessRoutes } from './modules/business/public-routes';
import { staffBusinessRoutes } from './modules/business/staff-routes';
import { serviceCaseRoutes } from './modules/service-cases';
import { deskRoutes } from './modules/desk';
import { fileRoutes } from './modules/files';
import { notificationRoutes } from './modules/notifications';
import { publicRetentionRoutes, retentionRoutes, retentionSchedulePlugin } from './modules/retention';
import { statisticsRoutes } from './modules/statistics';
import { publicWechatRoutes } from './modules/wechat';
import { citizenMessageRoutes } from './modules/citizen-messages';
import { smsRoutes } from './modules/sms';
import auditPlugin from './plugins/audit';
import authPlugin from './plugins/auth';
import clockPlugin, { type Clock } from './plugins/clock';
import databasePlugin from './plugins/database';
import { audienceScope, enforceCitizenPolicy, enforceStaffPolicy, recordRoutes } from './plugins/permissions';
import sealerPlugin from './plugins/sealer';
import securityHeadersPlugin from './plugins/security-headers';
import storagePlugin, { type Storage } from './plugins/storage';

// Validation messages in Chinese wherever a schema does not carry its own.
z.config(z.locales.zhCN());

export interface AppOptions {
  config: Config;
  db?: Database;
  storage?: Storage;
  clock?: Clock;
  /** pino options; false silences (tests) */
  logger?: boolean | object;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { config } = opts;
  const logger = opts.logger ?? { level: config.logLevel };
  const app = Fastify({
    logger: typeof logger === 'object' ? { ...logger, serializers: { req: serializeRequest } } : logger,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    // X-Forwarded-For is believed only from the configured proxies; otherwise the peer address is the client's
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Creating the embedded database and applying migrations takes far longer than Fastify's 10 s default on a
    // first start or a busy machine; a stalled start still fails, just not spuriously.
    pluginTimeout: 120_000,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  recordRoutes(app);
  // Debug and trace lines of plugins carry request headers (multipart logs them whole, with x-forwarded-for and the
  // query code): routes marked `unlinkable` never log below info, whatever LOG_LEVEL says.
  app.addHook('onRoute', (route) => {
    const config = route.config as { unlinkable?: boolean } | undefined;
    if (config?.unlinkable && ['trace', 'debug'].includes(app.log.level)) route.logLevel = 'info';
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', String(request.id));
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: '码上监督 API', version: '1.0.0', description: '群众端（/api/public）与工作人员端（/api/staff）接口' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // Several instances behind the proxy count against one limit when REDIS_URL is set (the counters live in Redis);
  // without it each process counts alone, which is right for a single instance. A Redis outage does not lock
  // citizens out: requests pass uncounted (skipOnError) and the error is logged.
  const redis = config.redisUrl ? new Redis(config.redisUrl, { connectTimeout: 2000, maxRetriesPerRequest: 1 }) : undefined;
  if (redis) {
    redis.on('error', (err) => app.log.warn({ err: err.message }, 'redis'));
    app.addHook('onClose', async () => {
      await redis.quit().catch(() => redis.disconnect());
    });
  }
  await app.register(fastifyRateLimit, { global: false, ...(redis ? { redis, nameSpace: 'msjd-rl:', skipOnError: true } : {}) });
  await app.register(fastifyMultipart, { limits: { fileSize: 20 * 1024 * 1024, files: 9 } });

  await app.register(clockPlugin, { clock: opts.clock });
  await app.register(databasePlugin, { config, db: opts.db });
  await app.register(storagePlugin, { config, storage: opts.storage });
  await app.register(securityHeadersPlugin, { config });
  await app.register(async (docs) => {
    audienceScope(docs, 'open');
    // its own CSP, with the hashes of the UI's inline scripts and styles
    await docs.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: true });
  });
  await app.register(sealerPlugin, { config });
  await app.register(authPlugin, { config });
  await app.register(auditPlugin, { config });

  await app.register(async (open) => {
    audienceScope(open, 'open');
    await open.register(healthRoutes);
  });
  await app.register(alertSchedulePlugin, { dailyAt: config.alertsDailyAt });
  await app.register(retentionSchedulePlugin, { dailyAt: config.retentionDailyAt });

  // Report photos, decrypted for whoever holds a file token (capability `report.file`; no bearer token: an <img> loads it)
  await app.register(
    async (files) => {
      audienceScope(files, 'open');
      await files.register(fileRoutes);
    },
    { prefix: '/api' },
  );

  // Staff scope: every route needs a staff token unless its policy is `public`; the permission table decides the rest.
  await app.register(
    async (staff) => {
      audienceScope(staff, 'staff');
      staff.addHook('onRequest', staff.authenticateStaff);
      staff.addHook('onRequest', enforceStaffPolicy);
      // staff answers hold case files and, on reveal, a reporter's identity: no browser or proxy may keep a copy
      staff.addHook('onSend', async (_request, reply) => {
        reply.header('cache-control', 'no-store');
      });
      await staff.register(staffAuthRoutes);
      await staff.register(userRoutes);
      await staff.register(unitRoutes);
      await staff.register(auditRoutes);
      await staff.register(alertRoutes, { dailyAt: config.alertsDailyAt });
      await staff.register(calendarRoutes);
      await staff.register(staffReportRoutes);
      await staff.register(custodyRoutes, { config });
      await staff.register(reportMessageRoutes);
      await staff.register(reportExtensionRoutes);
      await staff.register(staffSceneRoutes, { config });
      await staff.register(staffNoticeRoutes);
      await staff.register(posterRoutes, { config });
      await staff.register(staffSurveyRoutes);
      await staff.register(tourRoutes);
      await staff.register(rectificationRoutes);
      await staff.register(phraseRoutes);
      await staff.register(staffBusinessRoutes);
      await staff.register(serviceCaseRoutes);
      await staff.register(deskRoutes);
      await staff.register(notificationRoutes);
      await staff.register(retentionRoutes);
      await staff.register(statisticsRoutes);
    },
    { prefix: '/api/staff' },
  );

  // Citizen scope (mini-program, H5).
  await app.register(
    async (pub) => {
      audienceScope(pub, 'citizen');
      pub.addHook('onRequest', pub.authenticateCitizen);
      pub.addHook('onRequest', enforceCitizenPolicy);
      // a citizen's own reports and the 保密 lookups are private to whoever holds the token or the code
      pub.addHook('onSend', async (_request, reply) => {
        reply.header('cache-control', 'no-store');
      });
      await pub.register(citizenAuthRoutes, { config });
      await pub.register(smsRoutes, { config });
      await pub.register(publicReportRoutes);
      await pub.register(publicSceneRoutes);
      await pub.register(publicNoticeRoutes);
      await pub.register(publicSurveyRoutes);
      await pub.register(publicBusinessRoutes);
      await pub.register(publicWechatRoutes, { config });
      await pub.register(citizenMessageRoutes);
      await pub.register(publicRetentionRoutes);
    },
    { prefix: '/api/public' },
  );

  if (config.serveStatic) await serveClients(app, config);
  return app;
}

/**
 * Fastify's own request serializer, except that routes marked `unlinkable` (保密 submission and lookup) log no client
 * address or port: a log line with an IP at the minute a confidential report arrived would tie the two together.
 */
function serializeRequest(req: FastifyRequest) {
  const hidden = req.routeOptions?.config?.unlinkable === true;
  return {
    method: req.method,
    url: req.url,
    host: req.host,
    remoteAddress: hidden ? undefined : req.ip,
    remotePort: hidden ? undefined : req.socket?.remotePort,
  };
}

/** The built admin (/admin/) and H5 app (/h5/) are served from the API's own port. */
async function serveClients(app: FastifyInstance, config: Config) {
  const adminDist = config.adminDistDir;
  const h5Dist = config.h5DistDir;
  if (existsSync(adminDist)) {
    await app.register(async (scope) => {
      audienceScope(scope, 'open');
      await scope.register(fastifyStatic, { root: adminDist, prefix: '/admin/', decorateReply: true, wildcard: false });
      // client-side routes (BrowserRouter basename /admin) fall back to index.html
      scope.get('/admin', (_req, reply) => reply.redirect('/admin/'));
      scope.get('/admin/*', (_req, reply) => reply.sendFile('index.html', adminDist));
    });
  }
  if (existsSync(h5Dist)) {
    await app.register(async (scope) => {
      audienceScope(scope, 'open');
      await scope.register(fastifyStatic, { root: h5Dist, prefix: '/h5/', decorateReply: false });
      scope.get('/h5', (_req, reply) => reply.redirect('/h5/'));
    });
  }
  app.get('/', { config: { permission: 'public' }, schema: { hide: true } }, (_req, reply) => reply.redirect('/admin/'));
}
