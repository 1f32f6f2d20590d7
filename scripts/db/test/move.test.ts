import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../../db/client';
import { scoreCache } from '../../../db/schema';
import { buildApp } from '../../../server/app';
import { freePort, type ScratchCluster, scratchCluster } from '../../../server/test/scratch-cluster';
import { npmRun } from './run-npm';
import { everyRow, seedWithResponses } from './seed';

/**
 * `npm run db:move -- <url>` as docs/OPERATIONS.md writes it: from an embedded data directory
 * to a PostgreSQL cluster the test starts itself. Afterwards every row of every table is the
 * same, and so are the scores the API serves (all but computedAt); a second move into the
 * now non-empty database is refused and changes nothing.
 */
async function scoresOf(database: Database, campaignId: string, token: string, jwtSecret: string): Promise<unknown> {
  const app = await buildApp({
    database,
    config: { TOKEN_TTL: '1h', PWA_DIST: '/nonexistent-pwa', LOG_LEVEL: 'silent', PUBLIC_URL: undefined, TRUST_PROXY: false },
    jwtSecret,
    logger: false,
  });
  await app.ready();
  const res = await app.inject({ method: 'GET', url: `/api/campaigns/${campaignId}/scores`, headers: { authorization: `Bearer ${token}` } });
  await app.close();
  expect(res.statusCode).toBe(200);
  return JSON.parse(res.body, (key, value: unknown) => (key === 'computedAt' ? undefined : value));
}

describe('moving from the embedded database to PostgreSQL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'par-move-'));
  let cluster: ScratchCluster | undefined;
  afterAll(() => {
    cluster?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies everything; responses and scores are identical afterwards', { timeout: 300_000 }, async () => {
    const dataDir = join(dir, 'data');
    cluster = await scratchCluster();
    const env = { DATA_DIR: dataDir, PORT: String(await freePort()) };

    const source = createDatabase({ kind: 'pglite', dataDir });
    await source.migrate();
    const { campaignId } = await seedWithResponses(source);
    // Tokens are checked against the users table, which moves too: one secret for both apps.
    const jwtSecret = randomBytes(32).toString('hex');
    const probe = await buildApp({ database: source, config: { TOKEN_TTL: '1h', PWA_DIST: '/x', LOG_LEVEL: 'silent', PUBLIC_URL: undefined, TRUST_PROXY: false }, jwtSecret, logger: false });
    await probe.ready();
    const [admin] = (await everyRow(source)).users ?? [];
    const row = JSON.parse(admin as string) as { id: string; username: string; role: 'admin'; token_version?: number; tokenVersion?: number };
    const token = probe.signToken({ id: row.id, username: row.username, role: row.role, tokenVersion: row.token_version ?? row.tokenVersion ?? 0 });
    await probe.close();
    const scoresBefore = await scoresOf(source, campaignId, token, jwtSecret);
    const rowsBefore = await everyRow(source);
    await source.close();

    const moved = npmRun('db:move', [cluster.url], env);
    expect(moved.output).toContain('md5 khớp');
    expect(moved.status).toBe(0);

    const target = createDatabase({ kind: 'postgres', url: cluster.url, max: 2 });
    try {
      expect(await everyRow(target)).toEqual(rowsBefore);
      // Scores computed afresh from the moved responses, not read from the moved cache.
      await target.db.delete(scoreCache);
      expect(await scoresOf(target, campaignId, token, jwtSecret)).toEqual(scoresBefore);
      await target.db.delete(scoreCache);
      const again = npmRun('db:move', [cluster.url], env);
      expect(again.status).toBe(1);
      expect(again.output).toContain('cần một cơ sở dữ liệu trống');
      const { score_cache: _cache, ...rest } = rowsBefore;
      const { score_cache: _none, ...now } = await everyRow(target);
      expect(now).toEqual(rest);
    } finally {
      await target.close();
    }
  });
});
