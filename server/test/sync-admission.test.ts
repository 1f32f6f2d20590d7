import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withTransaction } from '../../db/client';
import { responses } from '../../db/schema';
import type { Response } from '../../survey-forms/src';
import { SYNC_RETRY_AFTER_SECONDS } from '../plugins/sync-admission';
import { createFixtureCampaign, type FixtureCampaign, makeResponse } from './fixtures';
import { buildTestApp, type TestApp } from './harness';
import { holdOpenSync, syncStatuses } from './requests';

/**
 * Sync admission (server/plugins/sync-admission.ts, docs/SCALING.md "Admission") over real HTTP
 * on 127.0.0.1: a sync is "held open" by sending its headers and only part of its body, so the
 * server has admitted it (onRequest ran) and waits for the rest. Nothing here waits on a timer:
 * each step waits for a state the server reports (bounded by vitest's waitFor).
 */
describe('POST /api/sync admission, at most 2 at once', () => {
  let t: TestApp;
  let token: string;
  let f: FixtureCampaign;
  let port: number;
  let agency: string;

  beforeAll(async () => {
    t = await buildTestApp(undefined, { syncConcurrency: 2 });
    token = (await t.tokenFor('admin')).token;
    f = await createFixtureCampaign(t.database.db);
    agency = f.unitIds['SO-NV'] as string;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  const inFlight = () => t.app.syncAdmission.inFlight();
  const settled = (n: number) => vi.waitFor(() => expect(inFlight()).toBe(n), { timeout: 10_000, interval: 5 });
  const storedCount = async (id: string) => (await t.database.db.select({ id: responses.id }).from(responses).where(eq(responses.id, id))).length;

  /** Starts a sync of `r` and sends its headers and the first half of its body; `finish` sends the rest. */
  const holdOpen = (r: Response) => holdOpenSync(port, token, { responses: [r] });

  const send = (r: Response) => {
    const held = holdOpen(r);
    held.finish();
    return held.reply;
  };

  /** Both slots are free and exactly two: two held-open syncs are admitted, a third is refused; then the two complete. */
  const admitsTwoRefusesThird = async () => {
    const [a, b] = [0, 1].map(() => makeResponse(f.own, f.campaignId, [agency])) as [Response, Response];
    const first = holdOpen(a);
    const second = holdOpen(b);
    await settled(2);
    expect((await send(makeResponse(f.own, f.campaignId, [agency]))).status).toBe(503);
    first.finish();
    second.finish();
    expect((await Promise.all([first.reply, second.reply])).map((r) => r.status)).toEqual([200, 200]);
    await settled(0);
  };

  it('refuses the third with 503 and Retry-After before reading it, stores nothing for it, and takes its retry once', async () => {
    const [a, b, c] = [0, 1, 2].map(() => makeResponse(f.own, f.campaignId, [agency])) as [Response, Response, Response];
    const first = holdOpen(a);
    const second = holdOpen(b);
    await settled(2);
    const refusedBefore = t.app.syncAdmission.refused();

    const third = await send(c);
    expect(third.status).toBe(503);
    expect(third.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(third.headers['retry-after']).toBe(String(SYNC_RETRY_AFTER_SECONDS));
    expect(JSON.parse(third.body)).toMatchObject({ status: 503, code: 'server.unavailable' });
    expect(t.app.syncAdmission.refused()).toBe(refusedBefore + 1);
    expect(await storedCount(c.id)).toBe(0);
    // The metrics report both counts.
    const metrics = t.app.metrics.render();
    expect(metrics).toContain('par_sync_in_flight 2');
    expect(metrics).toContain(`par_sync_refused_total ${refusedBefore + 1}`);
    expect(metrics).toContain('par_sync_concurrency_limit 2');

    // The two held syncs complete normally and give their slots back.
    first.finish();
    second.finish();
    const [ra, rb] = await Promise.all([first.reply, second.reply]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    expect(syncStatuses(JSON.parse(ra.body).results)).toEqual(['accepted']);
    expect(syncStatuses(JSON.parse(rb.body).results)).toEqual(['accepted']);
    await settled(0);

    // The refused device sends again: stored exactly once, and once more is a duplicate.
    const retried = await send(c);
    expect(retried.status).toBe(200);
    expect(syncStatuses(JSON.parse(retried.body).results)).toEqual(['accepted']);
    const again = await send(c);
    expect(syncStatuses(JSON.parse(again.body).results)).toEqual(['duplicate']);
    expect(await storedCount(c.id)).toBe(1);
    await settled(0);
  });

  it('gives the slot back when the client gives up while sending, and never twice', async () => {
    for (let round = 0; round < 3; round++) {
      const held = holdOpen(makeResponse(f.own, f.campaignId, [agency]));
      held.reply.catch(() => undefined);
      await settled(1);
      held.req.destroy();
      await settled(0);
    }
    // The requests-in-flight gauge of the metrics is not left counting them either.
    await vi.waitFor(() => expect(t.app.metrics.inFlight).toBe(0), { timeout: 10_000, interval: 5 });
    // Both slots are free: two held-open syncs are admitted, a third is not.
    await admitsTwoRefusesThird();
  });

  it('gives the slot back once when the client gives up while the server works, and the retry is stored once', async () => {
    const r = makeResponse(f.own, f.campaignId, [agency]);
    let unlock = () => {};
    const unlocked = new Promise<void>((resolve) => (unlock = resolve));
    let locked = () => {};
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    // Hold the tables the sync needs (on PGlite, the one connection), so its work cannot finish.
    const holder = withTransaction(t.database.db, async (tx) => {
      await tx.execute(sql`lock table responses, users in access exclusive mode`);
      locked();
      await unlocked;
    });
    await isLocked;
    const held = holdOpen(r);
    held.reply.catch(() => undefined);
    held.finish();
    await settled(1);
    held.req.destroy();
    await settled(0);
    unlock();
    await holder;
    // Whatever the abandoned request got done, the device's retry leaves exactly one copy.
    const retried = await send(r);
    expect(retried.status).toBe(200);
    expect(['accepted', 'duplicate']).toContain(JSON.parse(retried.body).results[0].status);
    expect(await storedCount(r.id)).toBe(1);
    await settled(0);
    // The abandoned request's own end did not give a second slot back: the count is exact.
    await admitsTwoRefusesThird();
  });
});
