import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeResponse } from '../../server/test/fixtures';
import type { Response } from '../../survey-forms/src/response';
import { createApi } from '../lib/api';
import type { Outbox, Owner, Session } from '../lib/outbox';
import { backoffDelay, batches, MAX_BATCH, SESSION_KEY, startSyncScheduler, syncOnce, type SyncScheduler, type SyncState } from '../lib/sync';
import { manualClock } from './manual-clock';
import { openFreshOutbox, openSignedInOutbox, queueResponse } from './outbox-helpers';
import { startFlakyProxy, startLiveServer, type LiveServer } from './server';

/** The sync client against the real server (PGlite, or PostgreSQL with TEST_DATABASE_URL). */
let live: LiveServer;
beforeAll(async () => {
  live = await startLiveServer();
});
afterAll(async () => {
  await live?.close();
});

/** An outbox signed in as the live server's collector (or with another token). */
const outboxWithSession = (token = live.collector.token): Promise<Outbox> =>
  openSignedInOutbox('sync-test', token, { id: live.collector.userId, username: live.collector.username, role: 'collector' });

/** Queues `response` under the fixture form it answers, owned by the collector unless said. */
const enqueue = (outbox: Outbox, response: Response, owner: Owner = { kind: 'staff', userId: live.collector.userId }): Promise<void> =>
  queueResponse(outbox, response, [live.fixture.own, live.fixture.cross, live.fixture.citizen].find((x) => x.id === response.questionnaireId) ?? live.fixture.own, owner);

const interview = (unitCode = 'SO-NV', choice = 'A') => ({ ...makeResponse(live.fixture.own, live.fixture.campaignId, [live.fixture.unitIds[unitCode] as string], choice), channel: 'interview' as const });

describe('sync client (lib/sync.ts) against the real server', () => {
  it('sends the queue; a rejected response is set aside with its reason and does not block the others', async () => {
    const outbox = await outboxWithSession();
    const before = await live.storedCount();
    const good = [interview(), interview('SO-TC', 'B')];
    const bad = interview();
    bad.answers = bad.answers.map((a) => (a.questionId === 'q1' ? { ...a, value: 'Z' } : a));
    await enqueue(outbox, good[0]!);
    await enqueue(outbox, bad);
    await enqueue(outbox, good[1]!);

    const outcome = await syncOnce(outbox, createApi(live.base));
    expect(outcome).toEqual({ sent: 2, rejected: 1, remaining: 0 });
    expect((await outbox.byStatus('sent')).map((i) => i.id).sort()).toEqual(good.map((r) => r.id).sort());
    const rejected = await outbox.get(bad.id);
    expect(rejected?.status).toBe('rejected');
    expect(rejected?.reason?.code).toBeTruthy();
    expect(rejected?.reason?.detail).toBeTruthy();
    expect(await live.storedCount()).toBe(before + 2);

    // A second pass has nothing to do and never retries the rejected one.
    expect(await syncOnce(outbox, createApi(live.base))).toEqual({ sent: 0, rejected: 0, remaining: 0 });
    expect((await outbox.get(bad.id))?.status).toBe('rejected');
    outbox.close();
  });

  it('keeps the queue when the network fails, and sends it when the server is reachable again', async () => {
    const outbox = await outboxWithSession();
    const r = interview();
    await enqueue(outbox, r);
    const down = await syncOnce(outbox, createApi('http://127.0.0.1:9')); // nothing listens on the discard port
    expect(down.failure).toBe('network');
    expect(down.remaining).toBe(1);
    expect((await outbox.get(r.id))?.status).toBe('queued');

    expect(await syncOnce(outbox, createApi(live.base))).toEqual({ sent: 1, rejected: 0, remaining: 0 });
    outbox.close();
  });

  it('a reply lost after the server stored the batch is retried and counted once (duplicate)', async () => {
    const outbox = await outboxWithSession();
    const proxy = await startFlakyProxy(live.base, 1);
    try {
      const rs = [interview(), interview('SO-TC')];
      for (const r of rs) await enqueue(outbox, r);
      const before = await live.storedCount();

      const cut = await syncOnce(outbox, createApi(proxy.base));
      expect(cut.failure).toBe('network');
      expect(await live.storedCount()).toBe(before + 2); // the server has them…
      expect((await outbox.byStatus('queued')).length).toBe(2); // …the device does not know yet

      expect(await syncOnce(outbox, createApi(proxy.base))).toEqual({ sent: 2, rejected: 0, remaining: 0 });
      expect(await live.storedCount()).toBe(before + 2);
      expect(proxy.seen()).toBe(2);
    } finally {
      await proxy.close();
      outbox.close();
    }
  });

  it('an expired login keeps the queue and marks the session expired', async () => {
    const outbox = await outboxWithSession('not-a-valid-token');
    const r = interview();
    await enqueue(outbox, r);
    const outcome = await syncOnce(outbox, createApi(live.base));
    expect(outcome.failure).toBe('auth');
    expect((await outbox.get(r.id))?.status).toBe('queued');
    expect((await outbox.kvGet<Session>(SESSION_KEY))?.expired).toBe(true);
    // While expired nothing is sent with the stale token.
    expect((await syncOnce(outbox, createApi(live.base))).failure).toBe('auth');

    await outbox.kvSet(SESSION_KEY, { token: live.collector.token, user: { id: live.collector.userId, username: 'x', role: 'collector' }, expired: false } satisfies Session);
    expect(await syncOnce(outbox, createApi(live.base))).toEqual({ sent: 1, rejected: 0, remaining: 0 });
    outbox.close();
  });

  it('sends a respondent response with its invitation code; a second response with the used code is rejected', async () => {
    const outbox = await openFreshOutbox('sync-test');
    const [code] = await live.issue('dai_bieu_hdnd', 1);
    const units = ['SO-NV', 'SO-TC', 'SO-TP'].map((c) => live.fixture.unitIds[c] as string);
    const first = makeResponse(live.fixture.cross, live.fixture.campaignId, units, 'B');
    const second = makeResponse(live.fixture.cross, live.fixture.campaignId, units, 'C');
    await enqueue(outbox, first, { kind: 'invitation', code: code! });
    expect(await syncOnce(outbox, createApi(live.base))).toEqual({ sent: 1, rejected: 0, remaining: 0 });
    await enqueue(outbox, second, { kind: 'invitation', code: code! });
    expect(await syncOnce(outbox, createApi(live.base))).toEqual({ sent: 0, rejected: 1, remaining: 0 });
    expect((await outbox.get(second.id))?.reason?.code).toBe('invitation.used');
    expect(await live.storedIds()).toContain(first.id);
    expect(await live.storedIds()).not.toContain(second.id);
    outbox.close();
  });

  it('the scheduler retries a cut-off sync by itself with backoff', async () => {
    const outbox = await outboxWithSession();
    const proxy = await startFlakyProxy(live.base, 2);
    const r = interview();
    await enqueue(outbox, r);
    const time = manualClock();
    const scheduler = startSyncScheduler(outbox, createApi(proxy.base), { baseMs: 20, maxMs: 100, clock: time.clock });
    try {
      // Each cut-off pass schedules the next try further out; the test moves time to it.
      expect(await time.nextTimer()).toBe(backoffDelay(1, 20, 100));
      expect(scheduler.state().failures).toBe(1);
      time.fire();
      expect(await time.nextTimer()).toBe(backoffDelay(2, 20, 100));
      expect(scheduler.state().failures).toBe(2);
      expect(scheduler.state().nextAttemptAt).toBe(time.clock.now() + backoffDelay(2, 20, 100));

      const last = passEnd(scheduler);
      time.fire();
      expect((await last).lastOutcome).toEqual({ sent: 1, rejected: 0, remaining: 0 });
      expect(time.pending()).toBe(false); // nothing left to retry
      expect(time.delays).toEqual([20, 40]);
      expect((await outbox.get(r.id))?.status).toBe('sent');
      expect(proxy.seen()).toBe(3);
      expect(scheduler.state().failures).toBe(0);
      expect(await live.storedIds()).toContain(r.id);
    } finally {
      scheduler.stop();
      await proxy.close();
      outbox.close();
    }
  });
});

/** Resolves with the scheduler's state when the pass that starts next has finished. */
function passEnd(scheduler: SyncScheduler): Promise<SyncState> {
  return new Promise((resolve) => {
    let started = false;
    const off = scheduler.subscribe((s) => {
      if (s.running) started = true;
      else if (started) {
        off();
        resolve(s);
      }
    });
  });
}

describe('sync helpers', () => {
  it('splits the queue into requests of at most 200 responses', () => {
    const rs = Array.from({ length: 450 }, () => interview());
    expect(batches(rs).map((b) => b.length)).toEqual([MAX_BATCH, MAX_BATCH, 50]);
    expect(batches(rs).flat()).toEqual(rs);
    expect(batches([])).toEqual([]);
  });

  it('backs off exponentially from 5 s and never waits more than 5 minutes', () => {
    expect([0, 1, 2, 3, 4, 7, 8, 50].map((f) => backoffDelay(f))).toEqual([0, 5_000, 10_000, 20_000, 40_000, 300_000, 300_000, 300_000]);
  });
});
