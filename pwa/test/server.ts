import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, count, eq } from 'drizzle-orm';
import { withTransaction } from '../../db/client';
import { campaignUnits, campaigns, responses } from '../../db/schema';
import type { GroupCode } from '../../survey-forms/src/codes';
import { buildTestApp, type TestApp } from '../../server/test/harness';
import { createFixtureCampaign, type FixtureCampaign } from '../../server/test/fixtures';
import { assignCollector } from '../../server/services/campaigns';
import { loadDemo } from '../../server/services/demo';
import { issueInvitations } from '../../server/services/invitations';
import { freePort } from '../../server/test/scratch-cluster';

// One definition of a free loopback port for every test; the browser tests take it from here.
export { freePort };

/**
 * The real server (PGlite or PostgreSQL per TEST_DATABASE_URL) listening on a free local port,
 * with the lead's fixture campaign and a collector assigned to two agencies and one commune.
 */
export interface LiveServer {
  t: TestApp;
  base: string;
  fixture: FixtureCampaign;
  collector: { username: string; password: string; token: string; userId: string };
  issue(group: 'dai_bieu_hdnd' | 'cong_chuc', count: number, unitCode?: string): Promise<string[]>;
  storedCount(): Promise<number>;
  storedIds(): Promise<string[]>;
  close(): Promise<void>;
}

let serial = 0;

/**
 * `publicHost`: serve with PUBLIC_URL = http://<publicHost>:<port>, a name other than the
 * 127.0.0.1 the tests call, so a slip link can be told apart from the request's own origin.
 * `syncConcurrency`: how many syncs the node admits at once (server/plugins/sync-admission.ts),
 * for a test of a busy node.
 */
export async function startLiveServer(options: { publicHost?: string; syncConcurrency?: number } = {}): Promise<LiveServer> {
  const chosen = options.publicHost ? await freePort() : 0;
  const t = await buildTestApp(undefined, {
    ...(options.publicHost ? { publicUrl: `http://${options.publicHost}:${chosen}` } : {}),
    ...(options.syncConcurrency !== undefined ? { syncConcurrency: options.syncConcurrency } : {}),
  });
  await t.app.listen({ port: chosen, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  const fixture = await createFixtureCampaign(t.database.db);
  const username = `dtv-${process.pid}-${++serial}`;
  const { token, userId } = await t.tokenFor('collector', username);
  await withTransaction(t.database.db, (tx) => assignCollector(tx, fixture.campaignId, userId, ['SO-NV', 'SO-TC', 'XA-01'].map((c) => fixture.unitIds[c] as string)));
  const db = t.database.db;
  return {
    t,
    base: `http://127.0.0.1:${port}`,
    fixture,
    // Password of every harness user (server/test/harness.ts).
    collector: { username, password: 'mat-khau-thu-nghiem', token, userId },
    issue: async (group, n, unitCode) => {
      const pepper = await t.app.invitationPepper();
      return withTransaction(db, (tx) => issueInvitations(tx, pepper, fixture.campaignId, { group, count: n, ...(unitCode ? { unitId: fixture.unitIds[unitCode] } : {}) }));
    },
    // Invitation responses are held until the mix (docs/PRIVACY.md): mix first, then count what is stored.
    async storedCount() {
      await t.app.ballotMixer.run('all');
      const [row] = await db.select({ n: count() }).from(responses).where(eq(responses.campaignId, fixture.campaignId));
      return row?.n ?? 0;
    },
    async storedIds() {
      await t.app.ballotMixer.run('all');
      const rows = await db.select({ id: responses.id }).from(responses).where(eq(responses.campaignId, fixture.campaignId));
      return rows.map((r) => r.id).sort();
    },
    close: () => t.close(),
  };
}

/**
 * The real server with the demo data (survey-forms/definitions, as `npm run demo` loads it):
 * the questionnaires respondents really see, for the intro's layout test and the benchmark.
 * `issue` makes one code in the open demo campaign (unitCode for own-unit forms, e.g. 'SO-NV').
 */
export async function startDemoServer(): Promise<{ base: string; issue(group: GroupCode, unitCode?: string): Promise<string>; close(): Promise<void> }> {
  const t = await buildTestApp();
  const db = t.database.db;
  await loadDemo(db);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  const [open] = await db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.status, 'open'));
  if (!open) throw new Error('the demo has no open campaign');
  return {
    base: `http://127.0.0.1:${port}`,
    async issue(group, unitCode) {
      const [unit] = unitCode ? await db.select({ id: campaignUnits.id }).from(campaignUnits).where(and(eq(campaignUnits.campaignId, open.id), eq(campaignUnits.code, unitCode))) : [];
      if (unitCode && !unit) throw new Error(`no demo unit ${unitCode}`);
      const pepper = await t.app.invitationPepper();
      const [code] = await withTransaction(db, (tx) => issueInvitations(tx, pepper, open.id, { group, count: 1, ...(unit ? { unitId: unit.id } : {}) }));
      if (!code) throw new Error('no code issued');
      return code;
    },
    close: () => t.close(),
  };
}

/**
 * A local fault injector in front of the real server: every request is forwarded, but for the
 * first `drops` requests the reply is cut off (the socket is destroyed after the server has
 * answered), so the server stored what the device believes was lost.
 * It stands for a weak connection; it does not imitate the server.
 */
export async function startFlakyProxy(target: string, drops: number): Promise<{ base: string; seen: () => number; close: () => Promise<void> }> {
  let seen = 0;
  const server: Server = createServer((req, res) => {
    seen++;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const cut = seen <= drops;
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k, v]) => typeof v === 'string' && k !== 'host' && k !== 'content-length')) as Record<string, string>;
      void fetch(target + (req.url ?? '/'), { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined })
        .then(async (r) => {
          const body = Buffer.from(await r.arrayBuffer());
          // The server has handled it; the device never hears the answer.
          if (cut) return req.socket.destroy();
          res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' });
          res.end(body);
        })
        .catch(() => req.socket.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    seen: () => seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
