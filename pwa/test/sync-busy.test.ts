import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SYNC_RETRY_AFTER_SECONDS } from '../../server/plugins/sync-admission';
import { makeResponse } from '../../server/test/fixtures';
import { holdOpenSync } from '../../server/test/requests';
import { createApi } from '../lib/api';
import { retryAfterDelay, retryAfterSeconds, startSyncScheduler, syncOnce } from '../lib/sync';
import { manualClock } from './manual-clock';
import { openSignedInOutbox, queueResponse } from './outbox-helpers';
import { startLiveServer, type LiveServer } from './server';

/**
 * A busy server node (server/plugins/sync-admission.ts) answers 503 with Retry-After; the sync
 * client waits what it says plus a random share, not its own backoff (docs/SYNC.md "Whole-request
 * failures"). The node here admits one sync at a time, and the test keeps that one slot taken by
 * a request whose body it has not finished sending.
 */
let live: LiveServer;
let base: string;
let admin: { token: string; userId: string };
beforeAll(async () => {
  live = await startLiveServer({ syncConcurrency: 1 });
  base = live.base;
  admin = await live.t.tokenFor('admin');
});
afterAll(() => live?.close());

/** Takes the node's one slot until `release` sends the rest of the body. */
async function takeTheSlot(): Promise<{ release(): Promise<number> }> {
  const held = holdOpenSync(Number(new URL(base).port), admin.token, { responses: [] });
  await vi.waitFor(() => expect(live.t.app.syncAdmission.inFlight()).toBe(1), { timeout: 10_000, interval: 5 });
  return {
    release: async () => {
      held.finish();
      return (await held.reply).status;
    },
  };
}

async function queuedOutbox() {
  const outbox = await openSignedInOutbox('sync-busy', admin.token, { id: admin.userId, username: 'admin', role: 'admin' });
  const f = live.fixture;
  const response = makeResponse(f.own, f.campaignId, [f.unitIds['SO-NV'] as string]);
  await queueResponse(outbox, response, f.own, { kind: 'staff', userId: admin.userId });
  return { outbox, id: response.id };
}

/** What the scheduler must wait after the busy node's 503 when its random draw is `share`: the server's Retry-After plus that share of it (docs/SYNC.md). */
const jitteredWait = (share: number) => SYNC_RETRY_AFTER_SECONDS * 1000 * (1 + share);

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
      expect(await syncOnce(outbox, createApi(base))).toEqual({ sent: 0, rejected: 0, remaining: 1, failure: 'server', retryAfterSeconds: SYNC_RETRY_AFTER_SECONDS });
      expect((await outbox.get(id))?.status).toBe('queued');

      const time = manualClock();
      const share = 0.25;
      const scheduler = startSyncScheduler(outbox, createApi(base), { baseMs: 20, maxMs: 100, clock: time.clock, random: () => share });
      try {
        // Not the 20 ms backoff: the server's Retry-After plus a quarter of it.
        expect(await time.nextTimer()).toBe(jitteredWait(share));
        expect(await slot.release()).toBe(200);
        await vi.waitFor(() => expect(live.t.app.syncAdmission.inFlight()).toBe(0), { timeout: 10_000, interval: 5 });
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
        expect(time.delays).toEqual([jitteredWait(share)]);
      } finally {
        scheduler.stop();
      }
    } finally {
      outbox.close();
    }
  });
});
