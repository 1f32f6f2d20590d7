import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inArray } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../../db/client';
import { responses } from '../../../db/schema';
import { MAX_SYNC_RESPONSES } from '../../../survey-forms/src';
import { createUser } from '../../services/users';
import { createFixtureCampaign, makeResponse } from '../fixtures';
import { buildTestApp, scratchPostgres } from '../harness';
import { freePort } from '../scratch-cluster';
import { type ServerProcess, startServerProcess } from '../server-process';

/**
 * SIGTERM while the largest allowed sync is being stored: the reply still arrives (every item
 * accepted), the process exits 0 afterwards, and the responses are in the database. The real
 * server.ts as a child process, on the engine the suite runs on (a PGlite data directory, or
 * a fresh PostgreSQL database).
 */
async function storage(): Promise<{ env: Record<string, string>; open(): Database; destroy(): Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const scratch = await scratchPostgres(adminUrl, 'par_shutdown');
    return { env: { DATABASE_URL: scratch.url }, open: () => createDatabase({ kind: 'postgres', url: scratch.url, max: 2 }), destroy: () => scratch.drop() };
  }
  const dir = mkdtempSync(join(tmpdir(), 'par-shutdown-'));
  const dataDir = join(dir, 'data');
  return { env: { DATA_DIR: dataDir }, open: () => createDatabase({ kind: 'pglite', dataDir }), destroy: async () => rmSync(dir, { recursive: true, force: true }) };
}

describe('graceful shutdown', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('answers the sync in flight on SIGTERM, stores it whole, then exits 0', { timeout: 240_000 }, async () => {
    const store = await storage();
    cleanups.push(() => store.destroy());
    // Seed before the server starts (the embedded database has one process at a time).
    let database = store.open();
    await database.migrate();
    await createUser(database.db, { username: 'drain-admin', password: 'mat-khau-thu-nghiem', role: 'admin' });
    const f = await createFixtureCampaign(database.db);
    await database.close();

    const metricsPort = await freePort();
    const server: ServerProcess = await startServerProcess({ ...store.env, ADMIN_USERNAME: 'drain-admin', LOG_LEVEL: 'info', METRICS_PORT: String(metricsPort) });
    cleanups.push(() => server.kill());
    const token = await server.login('drain-admin', 'mat-khau-thu-nghiem');
    // METRICS_PORT: the same text without a token, on its own loopback port.
    const scraped = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('par_http_requests_total{method="POST",route="/api/auth/login",status="200"} 1');
    const units = ['SO-NV', 'SO-TC', 'SO-TP'].map((c) => f.unitIds[c] as string);
    const batch = Array.from({ length: MAX_SYNC_RESPONSES }, (_, i) => makeResponse(f.own, f.campaignId, [units[i % 3] as string]));

    // A slow upload: half the body, SIGTERM once the server has begun the request (its log
    // line), then the other half. The request is in flight when the signal lands, for sure.
    const body = Buffer.from(JSON.stringify({ responses: batch }));
    const url = new URL(`${server.base}/api/sync`);
    const reply = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': body.length } },
        (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.subarray(0, body.length >> 1));
      void (async () => {
        const deadline = Date.now() + 60_000;
        while (!/"url":"\/api\/sync"[^\n]*"msg":"incoming request"/.test(server.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
        server.child.kill('SIGTERM');
        while (!server.output().includes('shutting down') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
        req.end(body.subarray(body.length >> 1));
      })();
    });

    const res = await reply;
    expect(res.status).toBe(200);
    const { results } = JSON.parse(res.text) as { results: { status: string }[] };
    expect(results.map((r) => r.status)).toEqual(batch.map(() => 'accepted'));
    expect(await server.exited).toBe(0);
    // The signal arrived before the sync's reply went out: the drain, not luck, saved it.
    const lines = server.output().split('\n');
    const reqId = /"reqId":"([^"]+)"/.exec(lines.find((l) => l.includes('"url":"/api/sync"')) ?? '')?.[1];
    const signalled = lines.findIndex((l) => l.includes('shutting down'));
    const completed = lines.findIndex((l) => l.includes(`"reqId":"${reqId}"`) && l.includes('request completed'));
    expect(signalled).toBeGreaterThan(-1);
    expect(completed).toBeGreaterThan(signalled);
    // Structured logs: one JSON object a line, each request's lines under its random id.
    for (const line of lines.filter((l) => l.startsWith('{'))) expect(() => JSON.parse(line) as unknown).not.toThrow();
    expect(reqId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);

    database = store.open();
    cleanups.push(() => database.close());
    const stored = await database.db.select({ id: responses.id }).from(responses).where(inArray(responses.id, batch.map((r) => r.id)));
    expect(stored.length).toBe(batch.length);
  });

  it('turns new requests away with 503 problem+json and Retry-After while draining', async () => {
    const t = await buildTestApp();
    cleanups.push(() => t.close());
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    t.app.startDraining();
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.headers['retry-after']).toBe('5');
    expect(res.headers.connection).toBe('close');
    expect(res.json().code).toBe('server.unavailable');
  });
});
