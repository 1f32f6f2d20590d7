import 'fake-indexeddb/auto';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditLog } from '../../db/schema';
import { makeResponse } from '../../server/test/fixtures';
import { revokeTokens } from '../../server/services/users';
import type { StaffSession } from '../../survey-forms/src/api';
import { createApi } from '../lib/api';
import { createConsoleApi, createStaffApi } from '../lib/staff-api';
import type { Session } from '../lib/outbox';
import { getOutbox } from '../lib/store';
import { SESSION_KEY, syncOnce } from '../lib/sync';
import { queueResponse } from './outbox-helpers';
import { startLiveServer, type LiveServer } from './server';

/**
 * lib/api.ts renews an expired staff access token by itself, once for all the calls that met
 * the expiry together (lib/staff-refresh.ts), against the real server, whose reuse detection
 * would revoke the login if two refreshes ever spent the same token. Time moves on the server's
 * injected clock; the fetch spy only counts and, where said, cuts one request.
 */
let live: LiveServer;
const real = globalThis.fetch;
let refreshes = 0;
let expiredAnswers = 0;
let cutNextRefresh = false;

beforeAll(async () => {
  live = await startLiveServer();
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input);
    if (url.endsWith('/api/auth/refresh')) {
      refreshes++;
      if (cutNextRefresh) {
        cutNextRefresh = false;
        throw new TypeError('Failed to fetch');
      }
    }
    const res = await real(input, init);
    if (res.status === 401) expiredAnswers += (await res.clone().json().catch(() => ({}))).code === 'auth.token_expired' ? 1 : 0;
    return res;
  });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await live?.close();
});
afterEach(() => {
  refreshes = 0;
  expiredAnswers = 0;
});

const expire = () => live.t.advanceClock((live.t.app.accessTokenSeconds + 1) * 1000);
const stored = async () => (await getOutbox()).kvGet<Session>(SESSION_KEY);

async function logIn(): Promise<StaffSession> {
  const result = await createStaffApi(live.base).login(live.collector.username, live.collector.password);
  if (!result.ok) throw new Error(`login failed: ${JSON.stringify(result.failure)}`);
  const { token, refreshToken, user } = result.value;
  await (await getOutbox()).kvSet(SESSION_KEY, { token, refreshToken, user, expired: false } satisfies Session);
  return result.value;
}

describe('renewing an expired access token (lib/staff-api.ts, lib/staff-refresh.ts)', () => {
  it('eight parallel calls that meet the expiry share one refresh, and all succeed with the new token', async () => {
    const first = await logIn();
    expire();
    const api = createStaffApi(live.base);
    const consoleApi = createConsoleApi(live.base);
    const results = await Promise.all([
      ...Array.from({ length: 5 }, () => api.listCampaigns(first.token)),
      api.getCampaign(first.token, live.fixture.campaignId),
      consoleApi.getJson(first.token, '/api/auth/me'),
      consoleApi.getJson(first.token, '/api/campaigns'),
    ]);
    expect(results.map((r) => r.ok)).toEqual(Array(8).fill(true));
    expect(refreshes).toBe(1);
    const session = await stored();
    expect(session?.token).not.toBe(first.token);
    expect(session?.refreshToken).not.toBe(first.refreshToken);
    expect(session?.expired).toBe(false);
    // No reuse was ever seen by the server.
    const reuse = await live.t.database.db.select().from(auditLog).where(eq(auditLog.action, 'auth.refresh_reuse'));
    expect(reuse).toEqual([]);
  });

  it('a screen still holding the old token sends the new one: no second 401, no second refresh', async () => {
    const first = await logIn();
    expire();
    const api = createStaffApi(live.base);
    expect((await api.listCampaigns(first.token)).ok).toBe(true);
    expect([refreshes, expiredAnswers]).toEqual([1, 1]);
    expect((await createConsoleApi(live.base).getJson(first.token, '/api/auth/me')).ok).toBe(true);
    expect([refreshes, expiredAnswers]).toEqual([1, 1]);
    // The next expiry renews again, once.
    expire();
    await Promise.all([api.listCampaigns(first.token), api.listCampaigns(first.token)]);
    expect(refreshes).toBe(2);
  });

  it('a queued interview syncs after the access token expired, without logging in again', async () => {
    const first = await logIn();
    const outbox = await getOutbox();
    const response = { ...makeResponse(live.fixture.own, live.fixture.campaignId, [live.fixture.unitIds['SO-NV'] as string], 'A'), channel: 'interview' as const };
    await queueResponse(outbox, response, live.fixture.own, { kind: 'staff', userId: live.collector.userId });
    expire();
    const before = await live.storedCount();
    expect(await syncOnce(outbox, createApi(live.base))).toEqual({ sent: 1, rejected: 0, remaining: 0 });
    expect(await live.storedCount()).toBe(before + 1);
    expect(refreshes).toBe(1);
    expect((await stored())?.token).not.toBe(first.token);
  });

  it('a refresh lost to the network is a network failure: the session is kept and the next call renews', async () => {
    const first = await logIn();
    expire();
    const api = createStaffApi(live.base);
    cutNextRefresh = true;
    const cut = await api.listCampaigns(first.token);
    expect(cut.ok ? 'ok' : cut.failure.kind).toBe('network');
    expect(await stored()).toMatchObject({ token: first.token, refreshToken: first.refreshToken, expired: false });
    expect((await api.listCampaigns(first.token)).ok).toBe(true);
    expect(refreshes).toBe(2);
  });

  it('a refused refresh (the account\u2019s sessions revoked) answers the 401 and marks the session expired', async () => {
    const first = await logIn();
    await revokeTokens(live.t.database.db, live.collector.userId);
    expire();
    const result = await createStaffApi(live.base).listCampaigns(first.token);
    expect(result.ok ? 200 : result.failure.kind === 'http' && result.failure.status).toBe(401);
    expect(refreshes).toBe(1);
    expect((await stored())?.expired).toBe(true);
    // Expired: no further refresh is tried until the user logs in again.
    await createStaffApi(live.base).listCampaigns(first.token);
    expect(refreshes).toBe(1);
  });
});
