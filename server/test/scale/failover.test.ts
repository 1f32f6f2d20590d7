import { afterAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { createDatabase } from '../../../db/client';
import { loadConfig } from '../../config';
import { type AppNodes, startAppNodes } from './app-nodes';
import { createLoadCampaign, type LoadCampaign } from './load-campaign';
import { runLoad } from './load-devices';
import { type ReplicatedCluster, replicatedCluster } from './replicated-cluster';
import { verifyLoad } from './verify-load';

/**
 * A database that survives losing its machine (docs/SCALING.md "Failover"). A primary with a
 * synchronous standby, both started here on loopback ports; two app nodes behind a round-robin
 * proxy, given both hosts in one DATABASE_URL. In the middle of a load of 30 devices the primary
 * is killed (`pg_ctl stop -m immediate`) and the standby promoted; the app nodes, never
 * restarted, carry on against it, and every acknowledged response is on the promoted standby,
 * once. The seconds without a successful sync are printed (recorded in docs/SCALING.md), never
 * asserted. The clusters are PostgreSQL's own processes: this runs in the PostgreSQL pass only
 * (the block is not registered without TEST_DATABASE_URL); the connection-string check below
 * runs in both.
 */
describe('a multi-host DATABASE_URL', () => {
  it('is accepted by the configuration and reaches the driver as two hosts that must accept writes', async () => {
    const url = 'postgres://par@10.0.0.1:5432,10.0.0.2:5433/par?target_session_attrs=primary';
    expect(loadConfig({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
    // postgres.js parses the hosts without connecting (connections open on the first query).
    const sql = postgres(url, { max: 1 });
    expect(sql.options.host).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(sql.options.port).toEqual([5432, 5433]);
    expect(sql.options.target_session_attrs).toBe('primary');
    await sql.end();
  });
});

if (process.env.TEST_DATABASE_URL) {
  describe('failover to a synchronous standby under load (PostgreSQL)', () => {
    let cluster: ReplicatedCluster | undefined;
    let nodes: AppNodes | undefined;
    afterAll(async () => {
      await nodes?.stop();
      cluster?.destroy();
    });

    it('loses no acknowledged response and doubles none when the primary dies mid-load', { timeout: 180_000 }, async () => {
      cluster = await replicatedCluster();
      const database = createDatabase({ kind: 'postgres', url: cluster.url, max: 2 });
      let campaign: LoadCampaign;
      try {
        await database.migrate();
        campaign = await createLoadCampaign(database.db, { suffix: `failover-${process.pid}`, collectors: 6, codes: 1000 });
      } finally {
        await database.close();
      }
      nodes = await startAppNodes(2, { DATABASE_URL: cluster.url, ADMIN_USERNAME: 'failover-admin', ADMIN_PASSWORD: 'mat-khau-thu-nghiem' }, 'in-process');
      const tokens: string[] = [];
      for (const c of campaign.collectors) {
        const res = await fetch(`${nodes.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: c.username, password: c.password }) });
        expect(res.status).toBe(200);
        tokens.push(((await res.json()) as { token: string }).token);
      }

      // The primary dies once 300 responses are acknowledged; the standby is promoted at once
      // (what a failover manager does after noticing; its detection time is not modelled).
      let acked = 0;
      let failover: Promise<{ killedAt: number; promotedAt: number }> | undefined;
      const load = runLoad({
        baseUrl: nodes.base,
        campaign,
        collectorTokens: tokens,
        slots: 30,
        collectorShare: 0.2,
        matrixShare: 0.3,
        durationMs: 12_000,
        deadline: Date.now() + 120_000,
        seed: 7,
        backoffBaseMs: 200,
        onAck: (n) => {
          acked += n;
          if (acked >= 300 && !failover) {
            const c = cluster as ReplicatedCluster;
            failover = (async () => {
              await c.killPrimary();
              const killedAt = Date.now();
              await c.promoteStandby();
              return { killedAt, promotedAt: Date.now() };
            })();
          }
        },
      });
      const report = await load;
      expect(failover).toBeDefined();
      const { killedAt, promotedAt } = await (failover as Promise<{ killedAt: number; promotedAt: number }>);

      // Requests went on after the failover, through both nodes, and some failed meanwhile.
      const after = report.timeline.filter((r) => r.ok && r.start >= promotedAt);
      expect(after.length).toBeGreaterThan(10);
      expect(report.failures).toBeGreaterThan(0);
      expect(report.setAside).toEqual([]);
      expect(report.abandoned).toBe(0);
      const firstOk = Math.min(...report.timeline.filter((r) => r.ok && r.start >= killedAt).map((r) => r.end));
      console.log(
        `failover: primary killed after ${acked >= 300 ? 300 : acked}+ responses; standby promoted ${((promotedAt - killedAt) / 1000).toFixed(2)} s after the kill; first sync acknowledged ${((firstOk - killedAt) / 1000).toFixed(2)} s after the kill; ${report.failures} requests failed and were retried; ${report.acked.size} responses acknowledged in all`,
      );

      // Every acknowledged response is on the promoted standby, once; it now accepts writes.
      const standby = createDatabase({ kind: 'postgres', url: cluster.standbyUrl, max: 2 });
      try {
        const check = await verifyLoad(standby.db, campaign, report);
        expect(check.acknowledged).toBe(report.sent.size);
        expect(check).toMatchObject({ lost: 0, doubled: 0, unacknowledged: 0, stored: report.sent.size });
        expect(check.answerRows.found).toBe(check.answerRows.expected);
        expect(check.unitRows.found).toBe(check.unitRows.expected);
      } finally {
        await standby.close();
      }
      for (const n of nodes.nodes) {
        expect(n.child.exitCode).toBeNull();
        expect((await fetch(`${n.base}/api/health`)).status).toBe(200);
      }
    });
  });
}
