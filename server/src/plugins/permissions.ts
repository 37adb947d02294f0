// Enforces the permission table (lib/permissions.ts) in one place. Every route states its policy in
// `config.permission`: a staff action, `public` (no token) or `citizen` (a citizen token). The app records each route
// with its policy and audience as it is registered, so a test can walk all of them; a route that states nothing is
// refused at request time (fail closed) and listed by that test.
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { AppError } from '../errors';
import { isPolicy, scopeFor, type RoutePolicy, type Scope, type StaffAction } from '../lib/permissions';

export type Audience = 'staff' | 'citizen' | 'open';
export interface RouteRecord {
  method: string;
  url: string;
  config: { permission?: RoutePolicy; audience?: Audience; roles?: unknown };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** who may call the route: a staff action of the permission table, `public` or `citizen` */
    permission?: RoutePolicy;
    /** set by the scope the route is registered in */
    audience?: Audience;
  }
  interface FastifyInstance {
    /** every route registered so far, with its policy (read by the route × role test) */
    readonly routeRecords: RouteRecord[];
  }
}

/** Root of the app: records every route, and turns `public` into the auth plugin's `anonymous` flag. */
export function recordRoutes(app: FastifyInstance) {
  const records: RouteRecord[] = [];
  app.decorate('routeRecords', { getter: () => records });
  app.addHook('onRoute', (route: RouteOptions) => {
    route.config ??= {};
    const config = route.config as RouteRecord['config'] & { anonymous?: boolean };
    if (config.permission === 'public') config.anonymous = true;
    for (const method of [route.method].flat()) if (method !== 'HEAD') records.push({ method, url: route.url, config });
  });
}

/**
 * Marks the routes of a scope with their audience. `open` scopes (health, docs, static files) hold routes that
 * take no token at all; routes registered there by third-party plugins (Swagger UI, static) are public by nature.
 */
export function audienceScope(scope: FastifyInstance, audience: Audience) {
  scope.addHook('onRoute', (route: RouteOptions) => {
    const config = (route.config ??= {}) as RouteRecord['config'];
    config.audience = audience;
    if (audience === 'open') config.permission ??= 'public';
  });
}

const noPolicy = () => new AppError('forbidden', 'NO_POLICY', '该接口未声明访问权限，已拒绝');

/** onRequest hook of the staff scope, after authentication. */
export async function enforceStaffPolicy(request: FastifyRequest) {
  const policy = request.routeOptions.config?.permission;
  if (policy === 'public') return;
  if (!isPolicy(policy) || policy === 'citizen') throw noPolicy();
  const actor = request.actor;
  if (actor?.kind !== 'staff') throw new AppError('unauthenticated', 'UNAUTHORIZED', '登录已失效，请重新登录');
  if (!scopeFor(actor.role, policy)) {
    throw new AppError('forbidden', 'PERMISSION_DENIED', '当前角色无权执行此操作', { permission: policy });
  }
}

/** onRequest hook of the citizen scope, after authentication: only `public` and `citizen` routes belong there. */
export async function enforceCitizenPolicy(request: FastifyRequest) {
  const policy = request.routeOptions.config?.permission;
  if (policy !== 'public' && policy !== 'citizen') throw noPolicy();
}

/** The scope the current staff actor holds for the route's own action (null outside a staff route). */
export function requestScope(request: FastifyRequest, action?: StaffAction): Scope | null {
  const policy = action ?? request.routeOptions.config?.permission;
  if (request.actor?.kind !== 'staff' || !policy || policy === 'public' || policy === 'citizen') return null;
  return scopeFor(request.actor.role, policy);
}

// A unit-scoped actor without a unit sees nothing rather than everything.
const NO_UNIT = '00000000-0000-0000-0000-000000000000';

/** The unit the current actor is limited to for the route's action, or null when the scope is wider. */
export function unitLimit(request: FastifyRequest, action?: StaffAction): string | null {
  if (requestScope(request, action) !== 'unit' || request.actor?.kind !== 'staff') return null;
  return request.actor.unitId ?? NO_UNIT;
}
