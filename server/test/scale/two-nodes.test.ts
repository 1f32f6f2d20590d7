import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database, withTransaction } from '../../../db/client';
import { buildApp } from '../../app';
import { createFixtureCampaign, makeResponse } from '../fixtures';
import { createTestDatabase, scratchPostgres } from '../harness';
import { issueInvitations } from '../../services/invitations';
import { readInvitationPepper } from '../../services/secrets';
import { INVITATION_ADDRESS, LOGIN_ACCOUNT } from '../../services/throttle';
import { createUser } from '../../services/users';
import { type AppNodes, startAppNodes } from './app-nodes';
import { createLoadCampaign } from './load-campaign';
import { runLoad } from './load-devices';
import { verifyLoad } from './verify-load';

/**
 * Several app nodes, one database (docs/SCALING.md "Several app nodes"). First, on the engine
 * the suite runs on: two apps on one database, where everything one node decides must bind the
 * other at once (guess throttles, revoked sessions and refresh tokens, spent codes, a closing campaign, a new
 * form version), whatever either holds in memory. Then, on PostgreSQL only (a block that is
 * not registered without TEST_DATABASE_URL: the embedded database serves one process): two
 * real server processes behind a round-robin proxy migrate together, take 40 devices with
 * zero lost and zero doubled, and share the wrong-code limit.
 */
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const sync = (app: FastifyInstance, headers: Record<string, string>, responses: unknown[]) =>
  app.inject({ method: 'POST', url: '/api/sync', headers: { ...headers, 'content-type': 'application/json' }, payload: { responses } });

describe('two apps on one database', () => {
  it('bind each other at once: throttles, sessions, refresh tokens, spent codes, campaign status and form versions', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.close());
    const jwtSecret = randomBytes(32).toString('hex');
    const node = () =>
      buildApp({ database, config: { TOKEN_TTL: '1h', PWA_DIST: '/nonexistent-pwa', LOG_LEVEL: 'silent', PUBLIC_URL: undefined, TRUST_PROXY: false }, jwtSecret, logger: false, mix: { intervalMs: null } });
    const a = await node();
    const b = await node();
    cleanups.push(() => a.close(), () => b.close());
    const f = await createFixtureCampaign(database.db);
    const so = f.unitIds['SO-NV'] as string;

    // Wrong invitation codes, alternating between the nodes: the limit is their sum.
    for (let i = 0; i < INVITATION_ADDRESS.maxFailures; i++) {
      const res = await sync(i % 2 ? b : a, { 'x-invitation-code': `SAI-${i}-${randomBytes(3).toString('hex')}` }, []);
      expect(res.statusCode, res.body).toBe(404);
    }
    for (const n of [a, b]) expect((await sync(n, { 'x-invitation-code': 'SAI-MOT-LAN-NUA' }, [])).statusCode).toBe(429);

    // Wrong passwords for one account, alternating: the account's limit is their sum.
    await createUser(database.db, { username: 'hai-nut', password: 'mat-khau-dung-123', role: 'collector' });
    const login = (n: FastifyInstance, password: string) => n.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'hai-nut', password } });
    for (let i = 0; i < LOGIN_ACCOUNT.maxFailures; i++) expect((await login(i % 2 ? b : a, `sai-${i}-mat-khau`)).statusCode).toBe(401);
    for (const n of [a, b]) expect((await login(n, 'mat-khau-dung-123')).statusCode).toBe(429);

    // A session revoked on A (the admin disables the account) is refused by B at once.
    const admin = await createUser(database.db, { username: 'hai-nut-admin', password: 'mat-khau-dung-123', role: 'admin' });
    const collector = await createUser(database.db, { username: 'hai-nut-dtv', password: 'mat-khau-dung-123', role: 'collector' });
    const collectorToken = { authorization: `Bearer ${a.signToken(collector)}` };
    expect((await b.inject({ method: 'GET', url: '/api/auth/me', headers: collectorToken })).statusCode).toBe(200);
    const disabled = await a.inject({ method: 'POST', url: `/api/users/${collector.id}/disable`, headers: { authorization: `Bearer ${a.signToken(admin)}` } });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect((await b.inject({ method: 'GET', url: '/api/auth/me', headers: collectorToken })).statusCode).toBe(401);

    // A refresh token rotated through B is spent for A too; presenting it again there revokes
    // the whole login, so the token B handed out stops working on B (services/refresh-tokens.ts).
    await createUser(database.db, { username: 'hai-nut-lam-moi', password: 'mat-khau-dung-123', role: 'collector' });
    const refresh = (n: FastifyInstance, refreshToken: string) => n.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken } });
    const loggedIn = await a.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'hai-nut-lam-moi', password: 'mat-khau-dung-123' } });
    expect(loggedIn.statusCode, loggedIn.body).toBe(200);
    const firstRefresh = (loggedIn.json() as { refreshToken: string }).refreshToken;
    const rotated = await refresh(b, firstRefresh);
    expect(rotated.statusCode, rotated.body).toBe(200);
    expect((await refresh(a, firstRefresh)).statusCode).toBe(401);
    expect((await refresh(b, (rotated.json() as { refreshToken: string }).refreshToken)).statusCode).toBe(401);

    // A code used through A is used for B: the same response is a duplicate, another one refused.
    const pepper = await readInvitationPepper(database.db); // before the transaction: PGlite has one connection
    const [code] = await withTransaction(database.db, (tx) => issueInvitations(tx, pepper, f.campaignId, { group: 'cong_chuc', unitId: so, count: 1 }));
    const first = makeResponse(f.own, f.campaignId, [so]);
    const second = makeResponse(f.own, f.campaignId, [so], 'B');
    // From another address than the guesses above, which are now over their limit.
    const fromElsewhere = (n: FastifyInstance, responses: unknown[]) =>
      n.inject({ method: 'POST', url: '/api/sync', remoteAddress: '192.0.2.7', headers: { 'x-invitation-code': code as string, 'content-type': 'application/json' }, payload: { responses } });
    expect((await fromElsewhere(a, [first])).json().results).toEqual([{ id: first.id, status: 'accepted' }]);
    expect((await fromElsewhere(b, [first])).json().results).toEqual([{ id: first.id, status: 'duplicate' }]);
    expect((await fromElsewhere(b, [second])).json().results[0]).toMatchObject({ id: second.id, status: 'rejected', code: 'invitation.used' });

    // B has the campaign in its context cache (services/sync-context-cache.ts); A starts closing
    // it; B refuses a response completed afterwards all the same (the status is re-read when storing).
    const adminHeaders = { authorization: `Bearer ${a.signToken(admin)}` };
    const warm = makeResponse(f.own, f.campaignId, [so]);
    expect((await sync(b, adminHeaders, [warm])).json().results).toEqual([{ id: warm.id, status: 'accepted' }]);
    // A new version published on A is accepted by B at once (a version missing from the cache reloads it).
    const v2 = { ...structuredClone(f.own), version: 2 };
    expect((await a.inject({ method: 'POST', url: '/api/questionnaires', headers: adminHeaders, payload: v2 })).statusCode).toBe(201);
    const onV2 = { ...makeResponse(f.own, f.campaignId, [so]), questionnaireVersion: 2 };
    expect((await sync(b, adminHeaders, [onV2])).json().results).toEqual([{ id: onV2.id, status: 'accepted' }]);
    const closing = await a.inject({ method: 'POST', url: `/api/campaigns/${f.campaignId}/status`, headers: adminHeaders, payload: { status: 'closing' } });
    expect(closing.statusCode, closing.body).toBe(200);
    const late = makeResponse(f.own, f.campaignId, [so]);
    expect((await sync(b, adminHeaders, [late])).json().results[0]).toMatchObject({ id: late.id, status: 'rejected', code: 'sync.completed_after_closing' });
  });
});

// PostgreSQL only: the embedded database admits one process, so there is nothing to run here without it.
const adminUrl = process.env.TEST_DATABASE_URL;
if (adminUrl) {
  describe('two server processes behind a round-robin proxy (PostgreSQL)', () => {
    it('migrate an empty database together: one migrates, the other waits', async () => {
      const scratch = await scratchPostgres(adminUrl, 'par_two_migrate');
      cleanups.push(() => scratch.drop());
      const both: Database[] = [0, 1].map(() => createDatabase({ kind: 'postgres', url: scratch.url, max: 2 }));
      try {
        await Promise.all(both.map((d) => d.migrate()));
      } finally {
        for (const d of both) await d.close();
      }
    });

    it('take 40 devices together with nothing lost or doubled, and share the wrong-code limit', { timeout: 150_000 }, async () => {
      const scratch = await scratchPostgres(adminUrl, 'par_two_nodes');
      cleanups.push(() => scratch.drop());
      const database = createDatabase({ kind: 'postgres', url: scratch.url, max: 4 });
      cleanups.push(() => database.close());
      await database.migrate();
      const campaign = await createLoadCampaign(database.db, { suffix: `hai-nut-${process.pid}`, collectors: 8, codes: 400 });
      const nodes: AppNodes = await startAppNodes(2, { DATABASE_URL: scratch.url, ADMIN_USERNAME: 'hai-nut-admin', ADMIN_PASSWORD: 'mat-khau-thu-nghiem' }, 'in-process');
      cleanups.push(() => nodes.stop());
      const tokens: string[] = [];
      for (const c of campaign.collectors) {
        const res = await fetch(`${nodes.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: c.username, password: c.password }) });
        expect(res.status).toBe(200);
        tokens.push(((await res.json()) as { token: string }).token);
      }

      const report = await runLoad({
        baseUrl: nodes.base,
        campaign,
        collectorTokens: tokens,
        slots: 40,
        collectorShare: 0.2,
        matrixShare: 0.3,
        durationMs: 3000,
        deadline: Date.now() + 90_000,
        seed: 12,
        backoffBaseMs: 200,
      });
      const counts = nodes.proxy?.counts ?? [];
      expect(counts.every((n) => n > 10)).toBe(true);
      expect(report.setAside).toEqual([]);
      expect(report.abandoned).toBe(0);
      const check = await verifyLoad(database.db, campaign, report);
      expect(check.acknowledged).toBe(report.sent.size);
      expect(check).toMatchObject({ lost: 0, doubled: 0, unacknowledged: 0, stored: report.sent.size });
      expect(check.answerRows.found).toBe(check.answerRows.expected);
      expect(check.unitRows.found).toBe(check.unitRows.expected);

      // Wrong codes straight to node A and node B in turn: the address's limit is their sum.
      const [nodeA, nodeB] = nodes.nodes.map((n) => n.base) as [string, string];
      const guess = (base: string, i: number) => fetch(`${base}/api/sync`, { method: 'POST', headers: { 'x-invitation-code': `SAI-${i}-${randomBytes(3).toString('hex')}`, 'content-type': 'application/json' }, body: '{"responses":[]}' });
      for (let i = 0; i < INVITATION_ADDRESS.maxFailures; i++) expect((await guess(i % 2 ? nodeB : nodeA, i)).status).toBe(404);
      for (const base of [nodeA, nodeB]) {
        const refused = await guess(base, 99);
        expect(refused.status).toBe(429);
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      for (const n of nodes.nodes) expect(n.child.exitCode).toBeNull();
    });
  });
}
