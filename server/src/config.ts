// Configuration comes from the environment, validated once at start. A wrong value stops the process with one
// line naming the variable (see main.ts), never a stack trace.
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined));

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATA_DIR: z.string().default(path.join(repoRoot, '.data')),
    DATABASE_URL: optionalString.pipe(z.string().regex(/^postgres(ql)?:\/\//, '须为 postgres:// 连接串').optional()),
    JWT_SECRET: optionalString.pipe(z.string().min(32, '至少 32 个字符').optional()),
    /** master keys (32 bytes each) for sealed values and per-report data keys: "keyId:base64key[,…]", the first encrypts */
    IDENTITY_KEYS: optionalString,
    /** HMAC key for query codes and sealed-subject hashes (base64, >= 32 bytes). */
    HASH_KEY: optionalString,
    /** cipher suite of new sealed values, data keys and photos: sm = 国密 SM4-GCM, aes = AES-256-GCM (both stay readable) */
    SEAL_SUITE: optionalString.pipe(z.enum(['sm', 'aes'], { message: '须为 sm（国密 SM4-GCM）或 aes（AES-256-GCM）' }).default('sm')),
    /** keyed-hash algorithm; fixed per deployment at its first start (unset = the recorded one, or the suite's) */
    KEYED_HASH: optionalString.pipe(z.enum(['hmac-sm3', 'hmac-sha256'], { message: '须为 hmac-sm3 或 hmac-sha256' }).optional()),
    S3_ENDPOINT: optionalString.pipe(z.string().url('须为 http(s):// 地址').optional()),
    S3_ACCESS_KEY: optionalString,
    S3_SECRET_KEY: optionalString,
    S3_BUCKET: z.string().regex(/^[a-z0-9.-]{3,63}$/, '存储桶名称不合法').default('msjd'),
    S3_REGION: z.string().default('us-east-1'),
    WECHAT_APPID: optionalString,
    WECHAT_SECRET: optionalString,
    WECHAT_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
    /** 订阅消息 template for report state changes (fields character_string1 / phrase2 / thing3); unset = no push */
    WECHAT_REPORT_TEMPLATE_ID: optionalString,
    DEVICE_LOGIN: bool.optional(),
    /** H5 实名 login by SMS code: 腾讯云短信 (tencent); unset = no SMS, and H5 offers 保密 reports only */
    SMS_PROVIDER: optionalString.pipe(z.enum(['tencent'], { message: '须为 tencent（腾讯云短信）' }).optional()),
    SMS_SECRET_ID: optionalString,
    SMS_SECRET_KEY: optionalString,
    /** SmsSdkAppId of the 短信应用 */
    SMS_SDK_APP_ID: optionalString,
    /** the approved 短信签名, e.g. 某县纪委监委 */
    SMS_SIGN_NAME: optionalString,
    /** the approved 验证码 template: {1} the code, {2} the minutes it lasts */
    SMS_TEMPLATE_ID: optionalString,
    SMS_REGION: z.string().default('ap-guangzhou'),
    SMS_ENDPOINT: z.string().url('须为 http(s):// 地址').default('https://sms.tencentcloudapi.com'),
    PUBLIC_H5_URL: optionalString.pipe(z.string().url().optional()),
    SERVE_STATIC: bool.default(true),
    /** the built admin and H5 app; defaults are the repository's build folders (a production install sets them) */
    ADMIN_DIST_DIR: optionalString,
    H5_DIST_DIR: optionalString,
    /** shared state of several instances (rate limits); unset = in this process's memory */
    REDIS_URL: optionalString.pipe(z.string().regex(/^rediss?:\/\//, '须为 redis:// 或 rediss:// 地址').optional()),
    /** daily run of the enabled alert models, "HH:MM" Asia/Shanghai; unset = no daily run */
    /** staff session: ends after this many minutes without a request, and this many hours after login at the latest */
    SESSION_IDLE_MINUTES: z.coerce.number().int().min(1, '至少 1 分钟').max(24 * 60).default(30),
    SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1, '至少 1 小时').max(24 * 7).default(8),
    /** a staff password must be changed this many days after it was set */
    PASSWORD_MAX_AGE_DAYS: z.coerce.number().int().min(1, '至少 1 天').max(3650).default(90),
    ALERTS_DAILY_AT: optionalString.pipe(z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, '须为 HH:MM（北京时间），如 02:00').optional()),
    /** the retention job (保存期限): on by default at 03:30 Beijing time; "off" turns it off (tests, a read-only replica) */
    RETENTION_DAILY_AT: optionalString.pipe(z.union([z.literal('off'), z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, '须为 HH:MM（北京时间），如 03:30，或 off')]).optional()),
    /** how long a supervisor's approval to see a real-name reporter's identity lasts */
    IDENTITY_REVEAL_HOURS: z.coerce.number().int().min(1, '至少 1 小时').max(168, '至多 168 小时').default(24),
    /** the reverse proxies whose X-Forwarded-For is believed: addresses or CIDRs, comma-separated; unset = none */
    TRUST_PROXY: optionalString.pipe(
      z
        .string()
        .transform((v) => v.split(',').map((p) => p.trim()).filter(Boolean))
        .pipe(z.array(z.string().refine(isProxyAddress, '须为 IP 地址或 CIDR（如 10.0.0.0/8），多个以逗号分隔')).min(1))
        .optional(),
    ),
    /** days the audit log is kept before `pnpm cli audit purge` may remove rows (等保: at least 180) */
    AUDIT_RETENTION_DAYS: z.coerce.number().int().min(180, '审计日志至少保留 180 天').default(180),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production') {
      for (const key of ['JWT_SECRET', 'IDENTITY_KEYS', 'HASH_KEY', 'DATABASE_URL', 'S3_ENDPOINT'] as const) {
        if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: '生产环境必须设置' });
      }
      for (const issue of productionSecretIssues(env)) ctx.addIssue({ code: 'custom', ...issue });
    }
    if (env.S3_ENDPOINT && (!env.S3_ACCESS_KEY || !env.S3_SECRET_KEY)) {
      ctx.addIssue({ code: 'custom', path: ['S3_ACCESS_KEY'], message: '设置了 S3_ENDPOINT 时必须同时设置 S3_ACCESS_KEY 与 S3_SECRET_KEY' });
    }
    if (env.SMS_PROVIDER) {
      for (const key of ['SMS_SECRET_ID', 'SMS_SECRET_KEY', 'SMS_SDK_APP_ID', 'SMS_SIGN_NAME', 'SMS_TEMPLATE_ID'] as const) {
        if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: '设置了 SMS_PROVIDER 时必须设置' });
      }
    }
    if ((env.WECHAT_APPID && !env.WECHAT_SECRET) || (!env.WECHAT_APPID && env.WECHAT_SECRET)) {
      ctx.addIssue({ code: 'custom', path: ['WECHAT_SECRET'], message: 'WECHAT_APPID 与 WECHAT_SECRET 须同时设置' });
    }
  });

export type Config = ReturnType<typeof toConfig>;

const base64Bytes = (value: string) => (/^[A-Za-z0-9+/]+={0,2}$/.test(value) ? Buffer.from(value, 'base64').length : 0);

/** Production refuses the development fallbacks (public in this repository) and keys too short to be keys. */
function productionSecretIssues(env: { JWT_SECRET?: string; IDENTITY_KEYS?: string; HASH_KEY?: string }) {
  const issues: { path: string[]; message: string }[] = [];
  if (env.JWT_SECRET === DEV_JWT_SECRET) issues.push({ path: ['JWT_SECRET'], message: '不得使用开发环境的默认值' });
  if (env.HASH_KEY) {
    if (env.HASH_KEY === DEV_HASH_KEY) issues.push({ path: ['HASH_KEY'], message: '不得使用开发环境的默认值' });
    else if (base64Bytes(env.HASH_KEY) < 32) issues.push({ path: ['HASH_KEY'], message: '须为至少 32 字节随机数的 base64' });
  }
  if (env.IDENTITY_KEYS) {
    for (const entry of env.IDENTITY_KEYS.split(',')) {
      const [id, key = ''] = entry.trim().split(':');
      if (entry.trim() === DEV_IDENTITY_KEYS || key === DEV_IDENTITY_KEYS.split(':')[1]) {
        issues.push({ path: ['IDENTITY_KEYS'], message: '不得使用开发环境的默认密钥' });
      } else if (!id || base64Bytes(key) !== 32) {
        issues.push({ path: ['IDENTITY_KEYS'], message: `每项须为 keyId:base64(32 字节)，「${id || entry}」不符合` });
      }
    }
  }
  return issues;
}

function isProxyAddress(entry: string): boolean {
  const [addr, bits, ...rest] = entry.split('/');
  if (rest.length || !addr) return false;
  const family = isIP(addr);
  if (!family) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d{1,3}$/.test(bits) && n <= (family === 4 ? 32 : 128);
}

// Development-only fallbacks, so `pnpm start` works on a fresh machine. Production refuses to start without real ones.
const DEV_JWT_SECRET = 'dev-only-jwt-secret-change-me-in-production-0000';
const DEV_IDENTITY_KEYS = 'dev1:' + Buffer.alloc(32, 7).toString('base64');
const DEV_HASH_KEY = Buffer.alloc(32, 9).toString('base64');

function toConfig(env: z.infer<typeof envSchema>) {
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    dataDir: path.resolve(env.DATA_DIR),
    databaseUrl: env.DATABASE_URL,
    jwtSecret: env.JWT_SECRET ?? DEV_JWT_SECRET,
    identityKeys: env.IDENTITY_KEYS ?? DEV_IDENTITY_KEYS,
    hashKey: env.HASH_KEY ?? DEV_HASH_KEY,
    sealSuite: env.SEAL_SUITE,
    keyedHash: env.KEYED_HASH,
    s3: env.S3_ENDPOINT
      ? { endpoint: env.S3_ENDPOINT, accessKey: env.S3_ACCESS_KEY!, secretKey: env.S3_SECRET_KEY!, bucket: env.S3_BUCKET, region: env.S3_REGION }
      : { endpoint: undefined, accessKey: 'S3RVER', secretKey: 'S3RVER', bucket: env.S3_BUCKET, region: env.S3_REGION },
    wechat: env.WECHAT_APPID ? { appId: env.WECHAT_APPID, secret: env.WECHAT_SECRET!, apiBase: env.WECHAT_API_BASE } : undefined,
    wechatReportTemplateId: env.WECHAT_REPORT_TEMPLATE_ID,
    deviceLogin: env.DEVICE_LOGIN ?? env.NODE_ENV !== 'production',
    sms: env.SMS_PROVIDER
      ? {
          provider: env.SMS_PROVIDER,
          secretId: env.SMS_SECRET_ID!,
          secretKey: env.SMS_SECRET_KEY!,
          sdkAppId: env.SMS_SDK_APP_ID!,
          signName: env.SMS_SIGN_NAME!,
          templateId: env.SMS_TEMPLATE_ID!,
          region: env.SMS_REGION,
          endpoint: env.SMS_ENDPOINT,
        }
      : undefined,
    publicH5Url: env.PUBLIC_H5_URL,
    serveStatic: env.SERVE_STATIC,
    adminDistDir: path.resolve(env.ADMIN_DIST_DIR ?? path.join(repoRoot, 'admin/dist')),
    h5DistDir: path.resolve(env.H5_DIST_DIR ?? path.join(repoRoot, 'miniapp/dist/h5')),
    redisUrl: env.REDIS_URL,
    alertsDailyAt: env.ALERTS_DAILY_AT,
    retentionDailyAt: env.RETENTION_DAILY_AT === 'off' ? undefined : (env.RETENTION_DAILY_AT ?? '03:30'),
    session: { idleMs: env.SESSION_IDLE_MINUTES * 60_000, absoluteMs: env.SESSION_ABSOLUTE_HOURS * 3_600_000 },
    passwordMaxAgeDays: env.PASSWORD_MAX_AGE_DAYS,
    identityRevealHours: env.IDENTITY_REVEAL_HOURS,
    /** Fastify's trustProxy: false (the peer is the client) or the list of trusted proxies */
    trustProxy: env.TRUST_PROXY ?? (false as const),
    auditRetentionDays: env.AUDIT_RETENTION_DAYS,
    repoRoot,
  };
}

export class ConfigError extends Error {}

export function loadConfig(source: NodeJS.ProcessEnv = process.env, overrides: Partial<Record<string, string>> = {}): Config {
  const parsed = envSchema.safeParse({ ...source, ...overrides });
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new ConfigError(`配置错误: ${first.path.join('.')} ${first.message}`);
  }
  return toConfig(parsed.data);
}
