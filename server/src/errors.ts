// The one error handler. Validation -> 400 with field-level Chinese reasons; domain errors carry their own status
// and code; anything else -> 500 with the request id and nothing of the internals.
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ApiError } from '@msjd/shared';
import { ZodError } from 'zod';

/** What went wrong, in the words of the one error handler: each kind is one HTTP status. */
export const ERROR_STATUS = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_large: 413,
  unsupported_media: 415,
  unprocessable: 422,
  locked: 423,
  rate_limited: 429,
  upstream: 502,
  unavailable: 503,
} as const;
export type ErrorKind = keyof typeof ERROR_STATUS;

/** A field-level reason, sent like a validation failure's so forms show it under its field. */
export type FieldIssue = { path: string; code: string; message: string };

/**
 * The one error type services, routes, plugins and the CLI throw: a kind (mapped to a status only in the error
 * handler below), a machine code and a Chinese message, optionally details and field-level reasons.
 */
export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = 'AppError';
  }
  get status(): number {
    return ERROR_STATUS[this.kind];
  }
}

export const notFound = (what: string) => new AppError('not_found', 'NOT_FOUND', `${what}不存在`);
export const forbidden = (message = '无权执行此操作') => new AppError('forbidden', 'FORBIDDEN', message);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) => new AppError('conflict', code, message, details);
/** A request refused for one field, with its Chinese reason under that field. */
export const invalidField = (code: string, message: string, issue: FieldIssue) => new AppError('invalid', code, message, undefined, [issue]);

// Connection-level failures of PostgreSQL (server gone, refusing, restarting, out of connections), however deep the
// driver adapter wraps them: the request may be retried once the database is back.
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006', '53300']);
// 'PGlite is closed': the embedded database (the default of `pnpm start`) shut down under a running app
const UNAVAILABLE_MESSAGES = /PGlite is closed|Connection terminated|connect ECONNREFUSED|Can't reach database server|Timed out fetching a new connection|Cannot use a pool after calling end/i;
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 6; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
    const original = (e as { originalCode?: unknown }).originalCode;
    if (typeof original === 'string' && UNAVAILABLE_CODES.has(original)) return true;
  }
  return false;
}
/** Seconds a client should wait before retrying while the database is unavailable. */
export const DATABASE_RETRY_AFTER_S = 5;

// Multipart bodies the parser cannot read (truncated, no boundary, broken part headers): the client's fault.
const MALFORMED_MULTIPART = /Unexpected end of form|Malformed part header|Multipart: Boundary not found|Unexpected end of multipart data|Part terminated early/i;

/** A NUL character in any text the client sends is refused in one place (PostgreSQL text cannot hold it either). */
export function findNulByte(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') || 'body' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNulByte(value[i], [...path, String(i)]);
      if (found !== null) return found;
    }
    return null;
  }
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, v] of Object.entries(value)) {
      const found = findNulByte(key, [...path, key]) ?? findNulByte(v, [...path, key]);
      if (found !== null) return found;
    }
  }
  return null;
}

export function registerErrorHandler(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    for (const [where, value] of [['params', request.params], ['querystring', request.query], ['body', request.body]] as const) {
      const field = findNulByte(value);
      if (field === null) continue;
      const path = where === 'body' ? field : [where, field === 'body' ? '' : field].filter(Boolean).join('.');
      throw new AppError('invalid', 'NUL_CHARACTER', '提交的内容含有不允许的字符，请检查标出的字段', undefined, [
        { path, code: 'nul_character', message: '不能包含空字符（\\0）' },
      ]);
    }
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const requestId = String(request.id);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const body: ApiError = {
        code: 'VALIDATION_FAILED',
        message: '提交的内容不符合要求，请检查标出的字段',
        requestId,
        issues: error.validation.map((v) => {
          const field = v.instancePath.split('/').filter(Boolean).join('.');
          return {
            path: where === 'body' ? field || 'body' : [where, field].filter(Boolean).join('.'),
            code: v.keyword,
            message: v.message ?? '格式不正确',
          };
        }),
      };
      return reply.status(400).send(body);
    }
    if (error instanceof AppError) {
      return reply.status(error.status).send({ code: error.code, message: error.message, requestId, details: error.details, issues: error.issues } satisfies ApiError);
    }
    if (error instanceof ZodError) {
      // A service parsing what the route's schema could not check on its own (a model definition, a data set declaration)
      return reply.status(400).send({
        code: 'VALIDATION_FAILED',
        message: '提交的内容不符合要求，请检查标出的字段',
        requestId,
        details: { issues: error.issues.map((i) => ({ path: i.path.join('.') || 'body', code: i.code, message: i.message })) },
      } satisfies ApiError);
    }
    if (isDatabaseUnavailable(error)) {
      request.log.error({ err: error }, 'database unavailable');
      return reply
        .status(503)
        .header('retry-after', String(DATABASE_RETRY_AFTER_S))
        .send({ code: 'DATABASE_UNAVAILABLE', message: '服务暂时不可用，请稍后重试', requestId } satisfies ApiError);
    }
    const multipart = String(request.headers['content-type'] ?? '').startsWith('multipart/');
    if (multipart && (MALFORMED_MULTIPART.test(error.message ?? '') || error.code === 'ERR_STREAM_PREMATURE_CLOSE')) {
      return reply.status(400).send({
        code: 'MULTIPART_MALFORMED',
        message: '上传的文件内容不完整或格式不正确，请重新上传',
        requestId,
        issues: [{ path: 'file', code: 'multipart_malformed', message: '文件上传不完整，请重新选择文件上传' }],
      } satisfies ApiError);
    }
    if (isResponseSerializationError(error)) {
      // A response that does not fit its schema may be about to leak a sealed field: never send it.
      request.log.error({ err: error, issues: error.cause?.issues }, 'response does not match its schema');
      return reply.status(500).send({ code: 'INTERNAL', message: '服务器内部错误，请稍后再试', requestId } satisfies ApiError);
    }
    const status = error.statusCode ?? 500;
    if (status === 429) {
      return reply.status(429).send({ code: 'RATE_LIMITED', message: '操作过于频繁，请稍后再试', requestId } satisfies ApiError);
    }
    if (status >= 400 && status < 500) {
      const messages: Record<number, string> = {
        400: '请求格式不正确',
        401: '请先登录',
        403: '无权执行此操作',
        404: '资源不存在',
        413: '内容过大',
        415: '不支持的内容类型',
      };
      return reply
        .status(status)
        .send({ code: error.code ?? 'BAD_REQUEST', message: messages[status] ?? '请求无法处理', requestId } satisfies ApiError);
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ code: 'INTERNAL', message: '服务器内部错误，请稍后再试', requestId } satisfies ApiError);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ code: 'NOT_FOUND', message: '接口不存在', requestId: String(request.id) } satisfies ApiError),
  );
}
