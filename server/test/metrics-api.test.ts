import { describe, expect, it } from 'vitest';
import { createFixtureCampaign, makeResponse } from './fixtures';
import { appPerTest } from './per-test';
import { auth } from './requests';

/** GET /api/metrics: staff only, Prometheus text, route templates (never a code) and sync outcomes. */
describe('metrics and request ids', () => {
  const t = appPerTest();

  it('counts requests by route and sync results by status, for admin and analyst only', async () => {
    const { app, tokenFor, database } = t();
    const admin = (await tokenFor('admin')).token;
    const f = await createFixtureCampaign(database.db);
    const r = makeResponse(f.own, f.campaignId, [f.unitIds['SO-NV'] as string]);
    await app.inject({ method: 'POST', url: '/api/sync', headers: auth(admin), payload: { responses: [r] } });
    await app.inject({ method: 'POST', url: '/api/sync', headers: auth(admin), payload: { responses: [r] } });
    await app.inject({ method: 'GET', url: '/api/invitations/SECRETCODE123' });

    expect((await app.inject({ method: 'GET', url: '/api/metrics' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/metrics', headers: auth((await tokenFor('collector')).token) })).statusCode).toBe(403);
    const res = await app.inject({ method: 'GET', url: '/api/metrics', headers: auth((await tokenFor('analyst')).token) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = res.body;
    expect(text).toContain('par_http_requests_total{method="POST",route="/api/sync",status="200"} 2');
    expect(text).toContain('par_sync_results_total{status="accepted"} 1');
    expect(text).toContain('par_sync_results_total{status="duplicate"} 1');
    expect(text).toContain(`par_database_info{engine="${database.engine}"} 1`);
    expect(text).toMatch(/^process_resident_memory_bytes \d+$/m);
    expect(text).toContain('route="/api/invitations/:code"');
    expect(text).not.toContain('SECRETCODE123');
    // Every sample line is `name{labels} value` or `name value`.
    for (const line of text.trim().split('\n').filter((l) => !l.startsWith('#'))) expect(line).toMatch(/^[a-z_]+(\{[^}]*\})? [0-9.e+-]+$/);
  });

  it('gives every API reply a random X-Request-Id, and the app\u2019s files none', async () => {
    const { app } = t();
    const [a, b] = await Promise.all([app.inject({ method: 'GET', url: '/api/health' }), app.inject({ method: 'GET', url: '/api/health' })]);
    expect(a.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.headers['x-request-id']).toBeUndefined();
  });
});
