// The one error handler. Validation -> 400 with field-level Chinese reasons; domain errors carry their own status
// and code; anything else -> 500 with the request id and nothing of the internals.
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ApiError } from '@msjd/shared';

export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    /** field-level reasons, sent like a validation failure's so forms show them under their fields */
    readonly issues?: { path: string; code: string; message: string }[],
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new DomainError(404, 'NOT_FOUND', `${what}不存在`);
export const forbidden = (message = '无权执行此操作') => new DomainError(403, 'FORBIDDEN', message);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) => new DomainError(409, code, message, details);

export function registerErrorHandler(app: FastifyInstance) {
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
    if (error instanceof DomainError) {
      return reply.status(error.status).send({ code: error.code, message: error.message, requestId, details: error.details, issues: error.issues } satisfies ApiError);
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
