import { withTransaction } from '../../db/client';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueInvitations } from '../services/invitations';
import { createFixtureCampaign, type FixtureCampaign } from './fixtures';
import { buildTestApp, type TestApp } from './harness';

/**
 * Security headers (docs/SECURITY.md "Headers"): on documents a CSP with no inline script but
 * the hashed preload of the built index.html, no framing, no Referer (so /r/<code> never
 * leaks); nosniff everywhere; scripts and stylesheets without the document-only headers; and
 * no-store on every API answer that holds a token, codes, personal or score data.
 */
const DIST = process.env.TEST_PWA_DIST ?? './pwa/dist';
let t: TestApp;
let admin: string;
let f: FixtureCampaign;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  t = await buildTestApp();
  admin = (await t.tokenFor('admin')).token;
  f = await createFixtureCampaign(t.database.db, { status: 'open' });
});
afterAll(() => t.close());

function directives(csp: unknown): Map<string, string[]> {
  expect(typeof csp).toBe('string');
  return new Map(
    String(csp)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name as string, values]),
  );
}

describe('the app shell', () => {
  it.each([
    ['/', 'index.html'],
    ['/r/ABCDE-FGHJK', 'invite.html'],
    ['/console', 'index.html'],
    ['/index.html', 'index.html'],
  ])('%s answers %s; its CSP admits only the app’s own scripts and the hash of each inline one', async (url, file) => {
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    const html = readFileSync(`${DIST}/${file}`, 'utf8');
    expect(res.body).toBe(html);
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1] ?? '').digest('base64')}'`);
    const csp = directives(res.headers['content-security-policy']);
    expect(csp.get('script-src')).toEqual(["'self'", ...inline]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(String(res.headers['content-security-policy'])).not.toContain('unsafe');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it.each(['.js', '.css'])('hashed %s assets stay cacheable, with nosniff and without the document-only headers', async (ext) => {
    const asset = readdirSync(`${DIST}/assets`).find((name) => name.endsWith(ext));
    const res = await t.app.inject({ method: 'GET', url: `/assets/${asset}`, headers: { 'accept-encoding': 'br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('immutable');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    // A script or stylesheet is never a document: a policy on it would govern nothing and
    // cost every first load its bytes (docs/PWA.md "First load on a weak connection").
    expect(res.headers['content-security-policy']).toBeUndefined();
    expect(res.headers['x-frame-options']).toBeUndefined();
    expect(res.headers['referrer-policy']).toBeUndefined();
  });

  it.each(['/sw.js', '/icon.svg', '/no-such-file.js'])('%s (a worker, an SVG, an error) keeps the app’s policy', async (url) => {
    const res = await t.app.inject({ method: 'GET', url });
    const csp = directives(res.headers['content-security-policy']);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('the shell’s Link header (docs/PWA.md "First load on a weak connection")', () => {
  const entry = () => /<script type="module" crossorigin src="([^"]+)"/.exec(readFileSync(`${DIST}/index.html`, 'utf8'))?.[1];

  it('preloads the entry script on every shell; the invitation page, its script inline, preloads the invitation, its code in canonical form', async () => {
    expect(entry()).toMatch(/^\/assets\/index-.+\.js$/);
    const home = await t.app.inject({ method: 'GET', url: '/' });
    expect(home.headers.link).toBe(`<${entry()}>; rel=modulepreload`);
    const invite = await t.app.inject({ method: 'GET', url: '/r/abcde-fghio' });
    expect(invite.headers.link).toBe('</api/invitations/ABCDEFGH10>; rel=preload; as=fetch; crossorigin');
    const console = await t.app.inject({ method: 'GET', url: '/console' });
    expect(console.headers.link).toBe(`<${entry()}>; rel=modulepreload`);
    // Nothing of a code in it: no invitation to preload, and the page is still the invitation page.
    const broken = await t.app.inject({ method: 'GET', url: '/r/---' });
    expect(broken.headers.link).toBeUndefined();
    expect(broken.body).toContain('<script type="importmap">');
  });

  it('the invitation page maps the entry file to the running copy’s exports, and is served only at /r/…', async () => {
    const html = readFileSync(`${DIST}/invite.html`, 'utf8');
    const map = JSON.parse(/<script type="importmap">([^<]*)<\/script>/.exec(html)?.[1] ?? '{}') as { imports?: Record<string, string> };
    const target = map.imports?.[entry() ?? ''];
    expect(target).toMatch(/^\/assets\/entry-exports-[0-9a-f]{8}\.js$/);
    const shim = await t.app.inject({ method: 'GET', url: target ?? '' });
    expect(shim.statusCode).toBe(200);
    expect(shim.body).toMatch(/^const m=globalThis\.__parEntry;/);
    expect(html).not.toContain(`src="${entry()}"`);
    const direct = await t.app.inject({ method: 'GET', url: '/invite.html' });
    expect(direct.statusCode).toBe(404);
    expect(direct.headers['content-type']).toContain('application/problem+json');
  });
});

describe('API answers', () => {
  it('are never stored by a cache and are never documents (default-src none)', async () => {
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'wrong-one' } });
    const codes = await t.app.inject({ method: 'POST', url: `/api/campaigns/${f.campaignId}/invitations`, headers: auth(admin), payload: { group: 'dai_bieu_hdnd', count: 1 } });
    expect(codes.statusCode).toBe(201);
    const [code] = await t.app.invitationPepper().then((pepper) => withTransaction(t.database.db, (tx) => issueInvitations(tx, pepper, f.campaignId, { group: 'dai_bieu_hdnd', count: 1 })));
    const info = await t.app.inject({ method: 'GET', url: `/api/invitations/${code}` });
    const scores = await t.app.inject({ method: 'GET', url: `/api/campaigns/${f.campaignId}/scores`, headers: auth(admin) });
    const csv = await t.app.inject({ method: 'GET', url: `/api/campaigns/${f.campaignId}/scores.csv`, headers: auth(admin) });
    const xlsx = await t.app.inject({ method: 'GET', url: `/api/campaigns/${f.campaignId}/scores.xlsx`, headers: auth(admin) });
    const users = await t.app.inject({ method: 'GET', url: '/api/users', headers: auth(admin) });
    const notFound = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    for (const [name, res] of Object.entries({ login, codes, info, scores, csv, xlsx, users, notFound })) {
      expect(res.headers['cache-control'], name).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(directives(res.headers['content-security-policy']).get('default-src')).toEqual(["'none'"]);
    }
    expect([info.statusCode, scores.statusCode, csv.statusCode, xlsx.statusCode]).toEqual([200, 200, 200, 200]);
  });

  it('the slips sheet: its own CSP admitting its one inline style, and the app admits it too (blob: pages inherit)', async () => {
    const codes = await t.app.invitationPepper().then((pepper) => withTransaction(t.database.db, (tx) => issueInvitations(tx, pepper, f.campaignId, { group: 'dai_bieu_hdnd', count: 2 })));
    const res = await t.app.inject({ method: 'POST', url: `/api/campaigns/${f.campaignId}/invitations/sheet`, headers: auth(admin), payload: { codes } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const style = /<style>([\s\S]*?)<\/style>/.exec(res.body)?.[1] ?? '';
    const hash = `'sha256-${createHash('sha256').update(style).digest('base64')}'`;
    const csp = directives(res.headers['content-security-policy']);
    expect(csp.get('style-src')).toEqual([hash]);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(res.body).not.toMatch(/<script|style="/);
    const shell = await t.app.inject({ method: 'GET', url: '/' });
    // The built index.html inlines the first screen's stylesheet (pwa/preload-plugin.ts): admitted by its hash.
    const html = readFileSync(`${DIST}/index.html`, 'utf8');
    const inline = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1] ?? '').digest('base64')}'`);
    // Without an inlined stylesheet the comparisons below would hold trivially for the app's own hashes.
    expect(inline.length).toBeGreaterThan(0);
    expect(directives(shell.headers['content-security-policy']).get('style-src')).toEqual(["'self'", ...inline, hash]);
    // An invitation link's page never opens the sheet: its policy is the app's without it.
    const invitationPage = await t.app.inject({ method: 'GET', url: `/r/${codes[0]}` });
    expect(directives(invitationPage.headers['content-security-policy']).get('style-src')).toEqual(["'self'", ...inline]);
    // Its scripts: its own two inline ones, the import map and the entry (pwa/invite-page-plugin.ts).
    expect(directives(invitationPage.headers['content-security-policy']).get('script-src')).toHaveLength(3);
  });
});
