// A rate budget shared by several routes (or keyed on something other than the client address), built from
// @fastify/rate-limit's own limiter so it uses the same store (memory, or Redis when configured). A route-level
// `config.rateLimit` gets a store of its own per route, which cannot express "these four routes together".
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors';

export interface Budget {
  max: number;
  timeWindow: string | number;
}

/** A hook that counts one request against `name:key` and answers 429 with Retry-After when the budget is spent. */
export function budgetHook(app: FastifyInstance, name: string, budget: Budget, keyOf: (request: FastifyRequest) => string | undefined) {
  const limiter = app.createRateLimit({
    ...budget,
    keyGenerator: (request) => `${name}:${keyOf(request) ?? '-'}`,
  });
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (keyOf(request) === undefined) return;
    const r = await limiter(request);
    if (r.isAllowed || !r.isExceeded) return;
    reply.header('retry-after', String(r.ttlInSeconds));
    throw new AppError('rate_limited', 'RATE_LIMITED', '操作过于频繁，请稍后再试');
  };
}

/** Upload routes (photos, evidence, imports), per client address and route: decoding and storing cost far more than a JSON call. */
export const UPLOAD_RATE_LIMIT = { max: 30, timeWindow: '1 minute' } as const;
