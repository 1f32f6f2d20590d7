import { inArray, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../../db/client';
import { responses } from '../../../db/schema';
import type { Response } from '../../../survey-forms/src';
import { createFixtureCampaign, makeResponse } from '../fixtures';
import { type ScratchCluster, scratchCluster } from '../scratch-cluster';
import { type ServerProcess, startServerProcess } from '../server-process';

/**
 * The database server goes away in the middle of ingest (an immediate stop: the process dies,
 * as on a crash) and comes back. Devices meanwhile get 503 problem+json `server.unavailable`
 * with Retry-After and keep their batches; afterwards every acknowledged response is stored,
 * and the same server process (never restarted; the real server.ts as a child process, so a
 * driver exception would kill it) serves again. Always on a PostgreSQL cluster the test starts
 * itself (the embedded engine has no separate server to lose).
 */
const DEVICES = 4;
const BATCHES_PER_DEVICE = 12;
const BATCH = 10;

interface Outage {
  problems: { status: number; type: string; code: string; retryAfter: string | null }[];
}

async function device(base: string, token: string, batches: Response[][], acked: Set<string>, outage: Outage, deadline: number): Promise<void> {
  for (const batch of batches) {
    for (;;) {
      if (Date.now() > deadline) throw new Error('device gave up: deadline passed');
      let res: globalThis.Response;
      try {
        res = await fetch(`${base}/api/sync`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ responses: batch }) });
      } catch {
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      if (res.status === 200) {
        const { results } = (await res.json()) as { results: { id: string; status: string }[] };
        for (const r of results) {
          if (r.status !== 'accepted' && r.status !== 'duplicate') throw new Error(`unexpected ${r.status}`);
          acked.add(r.id);
        }
        break;
      }
      const body = (await res.json()) as { code: string };
      outage.problems.push({ status: res.status, type: res.headers.get('content-type') ?? '', code: body.code, retryAfter: res.headers.get('retry-after') });
      // A real device waits Retry-After; the test waits less to stay short.
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

describe('database server lost mid-ingest', () => {
  let cluster: ScratchCluster | undefined;
  let server: ServerProcess | undefined;
  let database: Database | undefined;
  afterAll(async () => {
    server?.kill();
    await database?.close().catch(() => undefined);
    cluster?.destroy();
  });

  it('answers 503 with Retry-After while it is down, loses nothing acknowledged, recovers without a restart', { timeout: 240_000 }, async () => {
    cluster = await scratchCluster();
    server = await startServerProcess({ DATABASE_URL: cluster.url, ADMIN_USERNAME: 'outage-admin', ADMIN_PASSWORD: 'mat-khau-thu-nghiem', LOG_LEVEL: 'warn' });
    const base = server.base;
    const token = await server.login('outage-admin', 'mat-khau-thu-nghiem');
    // The test's own connection, for the fixture and the final count.
    database = createDatabase({ kind: 'postgres', url: cluster.url, max: 2 });
    const f = await createFixtureCampaign(database.db);
    const units = ['SO-NV', 'SO-TC', 'SO-TP'].map((c) => f.unitIds[c] as string);
    const plans = Array.from({ length: DEVICES }, () =>
      Array.from({ length: BATCHES_PER_DEVICE }, (_, b) => Array.from({ length: BATCH }, () => makeResponse(f.own, f.campaignId, [units[b % 3] as string]))),
    );

    const acked = new Set<string>();
    const outage: Outage = { problems: [] };
    const deadline = Date.now() + 180_000;
    const devices = Promise.all(plans.map((p) => device(base, token, p, acked, outage, deadline)));

    // Let ingest get going, then kill the database server under it.
    while (acked.size < DEVICES * BATCH && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    cluster.stop('immediate');
    const ackedBeforeOutage = acked.size;
    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(503);
    expect(health.headers.get('retry-after')).toBe('5');
    while (outage.problems.length < DEVICES && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    cluster.start();
    await devices;

    expect(ackedBeforeOutage).toBeLessThan(DEVICES * BATCHES_PER_DEVICE * BATCH);
    expect(outage.problems.length).toBeGreaterThanOrEqual(DEVICES);
    for (const p of outage.problems) {
      expect(p).toEqual({ status: 503, type: 'application/problem+json; charset=utf-8', code: 'server.unavailable', retryAfter: '5' });
    }
    // Every response was acknowledged once the database was back, and every one is stored.
    const all = plans.flat(2).map((r) => r.id);
    expect(acked.size).toBe(all.length);
    const stored = await database.db.select({ id: responses.id }).from(responses).where(inArray(responses.id, all));
    expect(stored.length).toBe(all.length);
    const [count] = await database.db.select({ n: sql<number>`count(*)::int` }).from(responses);
    expect(count?.n).toBe(all.length);
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    expect(server.child.exitCode).toBeNull();
  });
});
