import { randomBytes } from 'node:crypto';
import type { Database } from '../../../db/client';
import { inUtc, tableRows, tablesInDependencyOrder } from '../tables';
import { buildApp } from '../../../server/app';
import { createUser } from '../../../server/services/users';
import { createFixtureCampaign, makeResponse } from '../../../server/test/fixtures';

/** Test data for the backup, restore and move tests: a campaign with responses synced through the API. */
export async function seedWithResponses(database: Database): Promise<{ campaignId: string; token: string }> {
  const app = await buildApp({
    database,
    config: { TOKEN_TTL: '1h', PWA_DIST: '/nonexistent-pwa', LOG_LEVEL: 'silent', PUBLIC_URL: undefined, TRUST_PROXY: false },
    jwtSecret: randomBytes(32).toString('hex'),
    logger: false,
  });
  await app.ready();
  const token = app.signToken(await createUser(database.db, { username: `ops-admin-${randomBytes(3).toString('hex')}`, password: 'mat-khau-thu-nghiem', role: 'admin' }));
  const f = await createFixtureCampaign(database.db);
  const agencies = ['SO-NV', 'SO-TC', 'SO-TP'].map((c) => f.unitIds[c] as string);
  const items = Array.from({ length: 36 }, (_, i) => {
    const r = makeResponse(f.own, f.campaignId, [agencies[i % 3] as string], 'ABCD'[i % 4]);
    return i % 5 === 0 ? { ...r, comment: `Góp ý số ${i}: thủ tục “nhanh” hơn, 😀` } : r;
  });
  const res = await app.inject({ method: 'POST', url: '/api/sync', headers: { authorization: `Bearer ${token}` }, payload: { responses: items } });
  if (res.statusCode !== 200) throw new Error(res.body);
  await app.close();
  return { campaignId: f.campaignId, token };
}

/** Every row of every table, as sorted JSON text per table (timestamps in UTC). */
export async function everyRow(database: Database): Promise<Record<string, string[]>> {
  await inUtc(database.db);
  const out: Record<string, string[]> = {};
  for (const t of await tablesInDependencyOrder(database.db)) out[t] = await tableRows(database.db, t);
  return out;
}
