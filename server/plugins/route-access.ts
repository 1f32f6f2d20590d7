import type { FastifyInstance, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Who may call a route, read from the route's own authentication hook rather than written a
 * second time: `app.requireRole(...)` (plugins/auth.ts) registers the callers it admits here,
 * and every route's OpenAPI operation gets `security` and an `x-roles` list from it. The role
 * matrix test (server/test/role-matrix.test.ts) reads `x-roles` back and calls every route as
 * every kind of caller, so the document cannot claim what the code does not do.
 *
 * Authentication runs in `onRequest`, before the body is parsed and validated: an anonymous
 * caller learns nothing about a route's schema (401, not 400 with the schema's complaints),
 * and no body is read for a caller who may not send one. A route that puts an authentication
 * hook anywhere later fails at start-up.
 */
/** `integration`: a campaign's read-only integration token (services/integration-tokens.ts), sent as a bearer token. */
export type Caller = 'public' | 'invitation' | 'integration' | 'collector' | 'analyst' | 'admin';

const admitted = new WeakMap<object, Caller[]>();

/** Marks `hook` as an authentication hook admitting `callers` (admin is added: admin may do anything staff may). */
export function declareAccess<T extends object>(hook: T, callers: Caller[]): T {
  admitted.set(hook, [...new Set<Caller>([...callers, 'admin'])]);
  return hook;
}

function hooksOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined ? [] : [value];
}

function accessOf(route: RouteOptions): Caller[] | undefined {
  for (const stage of ['preParsing', 'preValidation', 'preHandler'] as const) {
    if (hooksOf(route[stage]).some((h) => typeof h === 'function' && admitted.has(h))) {
      throw new Error(`${route.method} ${route.url}: authentication must be an onRequest hook, not ${stage} (plugins/route-access.ts)`);
    }
  }
  for (const hook of hooksOf(route.onRequest)) {
    const callers = typeof hook === 'function' ? admitted.get(hook) : undefined;
    if (callers) return callers;
  }
  return undefined;
}

/** The OpenAPI `security` for a list of callers: bearer for staff, the X-Invitation-Code header for respondents. */
function securityOf(callers: Caller[] | undefined): Record<string, string[]>[] {
  if (!callers) return [];
  const schemes: Record<string, string[]>[] = [];
  if (callers.some((c) => c === 'admin' || c === 'analyst' || c === 'collector' || c === 'integration')) schemes.push({ bearer: [] });
  if (callers.includes('invitation')) schemes.push({ invitation: [] });
  return schemes;
}

async function routeAccess(app: FastifyInstance): Promise<void> {
  app.addHook('onRoute', (route) => {
    const callers = accessOf(route);
    route.schema = { ...route.schema, security: securityOf(callers), 'x-roles': callers ?? ['public'] } as RouteOptions['schema'];
  });
}

export default fp(routeAccess, { name: 'route-access' });
