import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, withTransaction } from '../../../db/client';
import { answers, heldBallots, responses, spentInvitations } from '../../../db/schema';
import { canonicalResponse } from '../../../survey-forms/src';
import { buildApp } from '../../app';
import { mulberry32 } from '../../stats/prng';
import { assignCollector } from '../../services/campaigns';
import { issueInvitations } from '../../services/invitations';
import { readInvitationPepper } from '../../services/secrets';
import { createUser } from '../../services/users';
import { createFixtureCampaign, makeResponse } from '../fixtures';
import { type QueueItem, runDevice } from './device';
import { startFaultProxy } from './fault-proxy';
import { restartableDatabase } from './restartable-database';

/**
 * The sync chaos test: eight devices send about 2,300 responses through a proxy that
 * drops, cuts, duplicates, replays and reorders requests, and the server restarts midway.
 * Afterwards exactly the responses sent are stored, each once, byte-identical in content.
 */
describe('sync under faults and a server restart', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  });

  it('stores every response exactly once', { timeout: 120_000 }, async () => {
    const store = await restartableDatabase();
    cleanups.push(() => store.destroy());
    const jwtSecret = randomBytes(32).toString('hex');
    let database: Database = await store.open();
    const start = async (port: number): Promise<FastifyInstance> => {
      const app = await buildApp({
        database,
        config: { TOKEN_TTL: '1h', PWA_DIST: '/nonexistent-pwa', LOG_LEVEL: 'silent', PUBLIC_URL: undefined, TRUST_PROXY: false },
        jwtSecret,
        logger: false,
      });
      await app.listen({ port, host: '127.0.0.1' });
      return app;
    };
    let app = await start(0);
    const port = (app.server.address() as AddressInfo).port;
    cleanups.push(async () => {
      await app.close();
      await database.close();
    });

    // The campaign, a staff admin, a collector for two units, and invitation codes.
    const f = await createFixtureCampaign(database.db);
    const u = f.unitIds as Record<'SO-NV' | 'SO-TC' | 'SO-TP' | 'XA-01' | 'XA-02', string>;
    const agencies = [u['SO-NV'], u['SO-TC'], u['SO-TP']];
    const admin = await createUser(database.db, { username: 'chaos-admin', password: 'mat-khau-hon-loan', role: 'admin' });
    const collector = await createUser(database.db, { username: 'chaos-collector', password: 'mat-khau-hon-loan', role: 'collector' });
    await withTransaction(database.db, (tx) => assignCollector(tx, f.campaignId, collector.id, [u['SO-NV'], u['XA-01']]));
    const adminHeaders = { authorization: `Bearer ${app.signToken(admin)}` };
    const collectorHeaders = { authorization: `Bearer ${app.signToken(collector)}` };
    const pepper = await readInvitationPepper(database.db);
    const ownCodes = await withTransaction(database.db, (tx) => issueInvitations(tx, pepper, f.campaignId, { group: 'cong_chuc', unitId: u['SO-TC'], count: 40 }));
    const crossCodes = await withTransaction(database.db, (tx) => issueInvitations(tx, pepper, f.campaignId, { group: 'dai_bieu_hdnd', count: 40 }));

    const random = mulberry32(20261123);
    const pickChoice = (options: string) => options[Math.floor(random() * options.length)] as string;
    const staffItem = (headers: Record<string, string>, units: string[]): QueueItem => {
      const x = random();
      const unit = units[Math.floor(random() * units.length)] as string;
      const response =
        x < 0.4 && units.some((id) => agencies.includes(id)) && headers === adminHeaders
          ? makeResponse(f.cross, f.campaignId, agencies, pickChoice('ABCDE'))
          : unit === u['XA-01'] || unit === u['XA-02']
            ? makeResponse(f.citizen, f.campaignId, [unit], pickChoice('12345'))
            : makeResponse(f.own, f.campaignId, [unit], pickChoice('ABCDE'));
      if (random() < 0.3) response.comment = `Góp ý số ${Math.floor(random() * 1e6)}: thủ tục còn rườm rà, "chậm" \u00e0 \u1ec7`;
      return { response, headers };
    };
    const devices: QueueItem[][] = [];
    for (let d = 0; d < 5; d++) devices.push(Array.from({ length: 400 }, () => staffItem(adminHeaders, [...agencies, u['XA-01'], u['XA-02']])));
    devices.push(Array.from({ length: 200 }, () => staffItem(collectorHeaders, [u['SO-NV'], u['XA-01']])));
    devices.push(ownCodes.map((code) => ({ response: makeResponse(f.own, f.campaignId, [u['SO-TC']], pickChoice('ABCDE')), headers: { 'x-invitation-code': code } })));
    devices.push(crossCodes.map((code) => ({ response: makeResponse(f.cross, f.campaignId, agencies, pickChoice('ABCDE')), headers: { 'x-invitation-code': code } })));
    const sent = devices.flat().map((item) => item.response);

    const proxy = await startFaultProxy(port, 99, { drop: 0.08, reset: 0.1, duplicate: 0.1, replay: 0.08, delay: 0.1 });
    cleanups.push(() => proxy.close());

    // Restart the server once 40% of the responses are delivered.
    let delivered = 0;
    let restart: Promise<void> | null = null;
    const onDelivered = (n: number) => {
      delivered += n;
      if (!restart && delivered >= sent.length * 0.4) {
        restart = (async () => {
          await app.close();
          await database.close();
          database = await store.open();
          app = await start(port);
        })();
      }
    };
    const deadline = Date.now() + 90_000;
    const reports = await Promise.all(
      devices.map((queue, i) => runDevice(queue, { baseUrl: `http://127.0.0.1:${proxy.port}`, random: mulberry32(i + 1), maxBatch: 40, deadline, onDelivered })),
    );
    await proxy.drain();
    expect(restart).not.toBeNull();
    await restart;

    // Every fault happened, and no device had anything set aside.
    for (const fault of ['drop', 'reset', 'duplicate', 'replay', 'delay'] as const) expect(proxy.counts[fault]).toBeGreaterThan(0);
    expect(reports.flatMap((r) => r.setAside)).toEqual([]);
    expect(reports.reduce((s, r) => s + r.failures, 0)).toBeGreaterThan(0);
    // Lost replies really happened and were cleared by the server answering duplicate.
    expect(reports.reduce((s, r) => s + r.duplicates, 0)).toBeGreaterThan(0);

    // Invitation ballots (held through the restart) are mixed into responses; none is left behind.
    await app.ballotMixer.settle();
    await app.ballotMixer.run('all');
    const rows = await database.db.select({ id: responses.id, content: responses.content }).from(responses).where(eq(responses.campaignId, f.campaignId));
    expect(rows).toHaveLength(sent.length);
    const byId = new Map(rows.map((r) => [r.id, r.content]));
    for (const r of sent) expect(byId.get(r.id)).toBe(canonicalResponse(r));
    const [cells] = await database.db.select({ n: sql<number>`count(*)::int` }).from(answers).where(eq(answers.campaignId, f.campaignId));
    expect(cells?.n).toBe(sent.reduce((s, r) => s + r.answers.length, 0));
    const [used] = await database.db.select({ n: sql<number>`count(*)::int` }).from(spentInvitations);
    expect(used?.n).toBe(80);
    expect(await database.db.select().from(heldBallots)).toEqual([]);
  });
});
