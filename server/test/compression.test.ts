import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../../db/client';
import { compressible } from '../plugins/compression';
import { issueInvitations } from '../services/invitations';
import { createFixtureCampaign, type FixtureCampaign } from './fixtures';
import { buildTestApp, type TestApp } from './harness';
import { auth } from './requests';

/** server/plugins/compression.ts: reads of the API are compressed, replies that carry a secret never are (BREACH). */
describe('compression of API replies', () => {
  let t: TestApp;
  let f: FixtureCampaign;
  let admin: string;
  beforeAll(async () => {
    t = await buildTestApp();
    f = await createFixtureCampaign(t.database.db);
    admin = (await t.tokenFor('admin', 'nen-admin')).token;
  });
  afterAll(() => t.close());

  it('sends the questionnaire of an invitation with brotli (or gzip), the same JSON once decoded', async () => {
    const pepper = await t.app.invitationPepper();
    const [code] = await withTransaction(t.database.db, (tx) => issueInvitations(tx, pepper, f.campaignId, { group: 'dai_bieu_hdnd', count: 1 }));
    const url = `/api/invitations/${code}`;
    const plain = await t.app.inject({ method: 'GET', url });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString('utf8'))).toEqual(plain.json());
    const gz = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString('utf8'))).toEqual(plain.json());
  });

  it('compresses a staff read too (the campaign a collector downloads)', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/campaigns/${f.campaignId}`, headers: { ...auth(admin), 'accept-encoding': 'br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
  });

  it('never compresses a reply that carries codes or a token, however large', async () => {
    const issued = await t.app.inject({
      method: 'POST',
      url: `/api/campaigns/${f.campaignId}/invitations`,
      headers: { ...auth(admin), 'accept-encoding': 'br, gzip' },
      payload: { group: 'dai_bieu_hdnd', count: 300 },
    });
    expect(issued.statusCode).toBe(201);
    // Large enough that only the rule, not the size threshold, keeps it plain.
    expect(issued.rawPayload.length).toBeGreaterThan(2048);
    expect(issued.headers['content-encoding']).toBeUndefined();
    expect(issued.json().codes).toHaveLength(300);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-encoding': 'br, gzip' },
      payload: { username: 'nen-admin', password: 'mat-khau-thu-nghiem' },
    });
    expect(login.statusCode).toBe(200);
    expect(login.headers['content-encoding']).toBeUndefined();
  });

  it('decides by method and path: only GET and HEAD under /api/', () => {
    expect(compressible({ method: 'GET', url: '/api/invitations/:code' })).toBe(true);
    expect(compressible({ method: 'HEAD', url: '/api/campaigns/:id' })).toBe(true);
    for (const url of ['/api/auth/login', '/api/campaigns/:id/invitations', '/api/campaigns/:id/invitations/sheet', '/api/users', '/api/sync']) {
      expect(compressible({ method: 'POST', url })).toBe(false);
    }
    expect(compressible({ method: ['GET', 'POST'], url: '/api/x' })).toBe(false);
    // Static files are compressed at build time (scripts/compress-dist.ts), not here.
    expect(compressible({ method: 'GET', url: '/*' })).toBe(false);
  });

  it('does not decompress request bodies', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: Buffer.from([0x1f, 0x8b, 0x08, 0x00]),
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });
});
