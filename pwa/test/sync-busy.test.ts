import 'fake-indexeddb/auto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFixtureCampaign, type FixtureCampaign, makeResponse } from '../../server/test/fixtures';
import { buildTestApp, type TestApp } from '../../server/test/harness';
import { createApi } from '../lib/api';
import { openOutbox, type OutboxItem, type Session } from '../lib/outbox';
import { retryAfterDelay, retryAfterSeconds, SESSION_KEY, startSyncScheduler, syncOnce } from '../lib/sync';
import { manualClock } from './manual-clock';

/**
 * A busy server node (server/plugins/sync-admission.ts) answers 503 with Retry-After; the sync
 * client waits what it says plus a random share, not its own backoff (docs/SYNC.md "Whole-request
 * failures"). The node here admits one sync at a time, and the test keeps that one slot taken by
 * a request whose body it has not finished sending.
 */
let t: TestApp;
let f: FixtureCampaign;
let base: string;
let port: number;
let admin: { token: string; userId: string };
beforeAll(async () => {
  t = await buildTestApp(undefined, { syncConcurrency: 1 });
  f = await createFixtureCampaign(t.database.db);
  admin = await t.tokenFor('admin');
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(() => t.close());

/** Takes the node's one slot until `release` sends the rest of the body. */
async function takeTheSlot(): Promise<{ release(): Promise<number> }> {
  const body = Buffer.from(JSON.stringify({ responses: [] }));
  const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/api/sync', agent: false, headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json', 'content-length': body.length } });
  const status = new Promise<number>((resolve, reject) => {
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
  });
  req.flushHeaders();
  req.write(body.subarray(0, 5));
  await vi.waitFor(() => expect(t.app.syncAdmission.inFlight()).toBe(1), { timeout: 10_000, interval: 5 });
  return {
    release: () => {
      req.end(body.subarray(5));
      return status;
    },
  };
}

let n = 0;
async function queuedOutbox() {
  const outbox = await openOutbox(`sync-busy-${process.pid}-${++n}`);
  await outbox.kvSet(SESSION_KEY, { token: admin.token, user: { id: admin.userId, username: 'admin', role: 'admin' }, expired: false } satisfies Session);
  const response = makeResponse(f.own, f.campaignId, [f.unitIds['SO-NV'] as string]);
  const item: OutboxItem = {
    id: response.id,
    status: 'draft',
    owner: { kind: 'staff', userId: admin.userId },
    channel: response.channel,
    campaignId: response.campaignId,
    campaignName: 'test',
    group: response.group,
    questionnaire: f.own,
    units: [],
    startedAt: response.startedAt,
    answers: {},
    section: 0,
    updatedAt: new Date().toISOString(),
  };
  await outbox.put(item);
  await outbox.queue(item.id, response);
  return { outbox, id: response.id };
}

describe('Retry-After', () => {
  it('reads whole seconds and ignores anything else', () => {
    expect(['2', ' 5 ', '0', null, '', '-1', '1.5', 'Wed, 21 Oct 2026 07:28:00 GMT'].map(retryAfterSeconds)).toEqual([2, 5, 0, undefined, undefined, undefined, undefined, undefined]);
  });

  it('waits at least what the server asked and at most twice that, capped at an hour', () => {
    expect(retryAfterDelay(2, () => 0)).toBe(2000);
    expect(retryAfterDelay(2, () => 0.5)).toBe(3000);
    expect(retryAfterDelay(2, () => 0.999)).toBe(3998);
    expect(retryAfterDelay(1_000_000, () => 0)).toBe(3_600_000);
  });

  it('a refused sync keeps the queue and reports the wait; the scheduler waits it, jittered, then sends', async () => {
    const { outbox, id } = await queuedOutbox();
    const slot = await takeTheSlot();
    try {
      expect(await syncOnce(outbox, createApi(base))).toEqual({ sent: 0, rejected: 0, remaining: 1, failure: 'server', retryAfterSeconds: 2 });
      expect((await outbox.get(id))?.status).toBe('queued');

      const time = manualClock();
      const scheduler = startSyncScheduler(outbox, createApi(base), { baseMs: 20, maxMs: 100, clock: time.clock, random: () => 0.25 });
      try {
        // Not the 20 ms backoff: the server's 2 s plus a quarter of it.
        expect(await time.nextTimer()).toBe(2500);
        expect(await slot.release()).toBe(200);
        await vi.waitFor(() => expect(t.app.syncAdmission.inFlight()).toBe(0), { timeout: 10_000, interval: 5 });
        const done = new Promise<void>((resolve) => {
          const off = scheduler.subscribe((s) => {
            if (!s.running && s.failures === 0) {
              off();
              resolve();
            }
          });
        });
        time.fire();
        await done;
        expect((await outbox.get(id))?.status).toBe('sent');
        expect(time.delays).toEqual([2500]);
      } finally {
        scheduler.stop();
      }
    } finally {
      outbox.close();
    }
  });
});
