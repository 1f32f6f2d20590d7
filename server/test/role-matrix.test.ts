import { withTransaction } from '../../db/client';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignCollector } from '../services/campaigns';
import { issueInvitations } from '../services/invitations';
import { createFixtureCampaign } from './fixtures';
import { buildTestApp, type TestApp } from './harness';

/**
 * The role matrix, generated from GET /api/openapi.json: every documented operation is called
 * as each kind of caller, and a caller is refused (401/403) exactly when the operation's
 * `x-roles` (written by plugins/route-access.ts from the route's own auth hook) does not admit
 * it. Bodies are `{}` and ids are unknown, so an admitted caller gets 400/404 and nothing
 * changes; a refused one must be stopped before validation, so it never sees the schema.
 */
type CallerKind = 'anonymous' | 'forged' | 'invitation' | 'collector' | 'analyst' | 'admin';
const KINDS: CallerKind[] = ['anonymous', 'forged', 'invitation', 'collector', 'analyst', 'admin'];

interface Operation {
  requestBody?: unknown;
  security?: Record<string, string[]>[];
  'x-roles'?: string[];
}

let t: TestApp;
let doc: { paths: Record<string, Record<string, Operation>> };
const headers: Record<CallerKind, Record<string, string>> = { anonymous: {}, forged: {}, invitation: {}, collector: {}, analyst: {}, admin: {} };

/** An HS256 token with the right shape and claims (an admin's real id) signed with a key the server never had. */
function forgedToken(sub: string, username: string): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub, username, role: 'admin', iat: Math.floor(Date.now() / 1000) })}`;
  return `${body}.${createHmac('sha256', randomBytes(32)).update(body).digest('base64url')}`;
}

beforeAll(async () => {
  t = await buildTestApp();
  const pepper = await t.app.invitationPepper(); // read before the transaction: PGlite has one connection
  const f = await createFixtureCampaign(t.database.db, { status: 'open' });
  const admin = await t.tokenFor('admin', `matrix-admin-${process.pid}`);
  const collector = await t.tokenFor('collector');
  await withTransaction(t.database.db, (tx) => assignCollector(tx, f.campaignId, collector.userId, [f.unitIds['SO-NV'] as string]));
  const [code] = await withTransaction(t.database.db, async (tx) => issueInvitations(tx, pepper, f.campaignId, { group: 'dai_bieu_hdnd', count: 1 }));
  headers.forged = { authorization: `Bearer ${forgedToken(admin.userId, `matrix-admin-${process.pid}`)}` };
  headers.invitation = { 'x-invitation-code': code as string };
  headers.collector = { authorization: `Bearer ${collector.token}` };
  headers.analyst = { authorization: `Bearer ${(await t.tokenFor('analyst')).token}` };
  headers.admin = { authorization: `Bearer ${admin.token}` };
  doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
});
afterAll(() => t.close());

function operations(): [string, string, Operation][] {
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => [method, path, op] as [string, string, Operation]));
}

/** Unknown ids in every path parameter: an admitted caller reaches the route and gets 404 (or 400), nothing else. */
function concrete(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) => (['id', 'userId', 'unitId'].includes(name) ? randomUUID() : name === 'version' ? '1' : 'khong-co'));
}

function admits(roles: string[], kind: CallerKind): boolean {
  return roles.includes('public') || roles.includes(kind);
}

describe('role matrix from the OpenAPI document', () => {
  it('documents who may call every operation, and its security scheme', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThanOrEqual(25);
    for (const [method, path, op] of ops) {
      const roles = op['x-roles'];
      expect(roles, `${method} ${path}`).toBeDefined();
      expect(op.security, `${method} ${path}`).toBeDefined();
      expect(op.security?.length === 0, `${method} ${path}: public iff no security`).toBe(roles?.includes('public'));
      if (roles?.includes('collector') || roles?.includes('analyst') || roles?.includes('admin')) expect(op.security).toContainEqual({ bearer: [] });
      if (roles?.includes('invitation')) expect(op.security).toContainEqual({ invitation: [] });
    }
  });

  it('calls every operation as every kind of caller: refused exactly when not admitted', async () => {
    const mismatches: string[] = [];
    let calls = 0;
    for (const [method, path, op] of operations()) {
      const roles = op['x-roles'] ?? [];
      for (const kind of KINDS) {
        const res = await t.app.inject({
          method: method.toUpperCase() as 'GET',
          url: concrete(path),
          headers: headers[kind],
          ...(op.requestBody ? { payload: {} } : {}),
        });
        calls++;
        const refused = res.statusCode === 401 || res.statusCode === 403;
        if (refused === admits(roles, kind) || res.statusCode >= 500) mismatches.push(`${method.toUpperCase()} ${path} as ${kind}: ${res.statusCode} (x-roles ${roles.join(',')})`);
        if (refused) expect(res.json().code).toMatch(/^auth\./);
      }
    }
    expect(mismatches).toEqual([]);
    expect(calls).toBe(operations().length * KINDS.length);
  });

  it('authenticates before validating: an anonymous POST /api/campaigns {} is 401, not the schema’s complaints', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/campaigns', payload: {} });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'auth.required' });
    expect(res.json().errors).toBeUndefined();
    const collector = await t.app.inject({ method: 'POST', url: '/api/campaigns', headers: headers.collector, payload: {} });
    expect(collector.json()).toMatchObject({ status: 403, code: 'auth.forbidden' });
  });
});
