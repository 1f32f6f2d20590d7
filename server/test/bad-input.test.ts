import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureCampaign, type FixtureCampaign, fixtureQuestionnaires } from './fixtures';
import { buildTestApp, type TestApp } from './harness';
import { tableCounts } from './table-counts';

/**
 * Bad input is a 4xx problem+json with a catalogue code and writes nothing: U+0000 and
 * unpaired surrogates in any stored string (both engines answered 500 before), malformed and
 * over-long URLs, and what the HTTP parser itself refuses.
 */
let t: TestApp;
let admin: string;
let f: FixtureCampaign;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  t = await buildTestApp();
  admin = (await t.tokenFor('admin')).token;
  f = await createFixtureCampaign(t.database.db);
});
afterAll(() => t.close());

type Body = Record<string, unknown>;
const definition = (change: (d: Body) => void): Body => {
  const d = structuredClone(f.definition) as unknown as Body;
  d.name = `Đợt mới ${Math.random()}`;
  change(d);
  return d;
};
const first = (d: Body, key: string) => (d[key] as Body[])[0] as Body;

const CASES: [string, string, () => Body, string][] = [
  ['NUL in the login username', '/api/auth/login', () => ({ username: 'a\u0000b', password: 'x' }), 'body.username'],
  ['NUL in an object key', '/api/auth/login', () => ({ username: 'ab', password: 'x', ['k\u0000']: 1 }), 'body.k\u0000'],
  ['NUL in a user display name', '/api/users', () => ({ username: 'nul-user', password: 'mat-khau-dai', role: 'analyst', displayName: 'Nguyễn\u0000' }), 'body.displayName'],
  ['a lone surrogate in a display name', '/api/users', () => ({ username: 'surrogate-user', password: 'mat-khau-dai', role: 'analyst', displayName: 'x\udc00y' }), 'body.displayName'],
  ['NUL in a campaign name', '/api/campaigns', () => definition((d) => (d.name = 'Đợt\u0000')), 'body.name'],
  ['NUL in a group name', '/api/campaigns', () => definition((d) => (first(d, 'groups').name = 'Công\u0000chức')), 'body.groups.0.name'],
  ['NUL in a unit name', '/api/campaigns', () => definition((d) => (first(d, 'units').name = 'Sở\u0000')), 'body.units.0.name'],
  ['a high surrogate alone in a unit code', '/api/campaigns', () => definition((d) => (first(d, 'units').code = 'SO-\ud800')), 'body.units.0.code'],
  [
    'NUL in a question text',
    '/api/questionnaires',
    () => {
      const q = fixtureQuestionnaires(`nul-${process.pid}`).own as unknown as Body;
      q.title = 'Phiếu\u0000';
      return q;
    },
    'body.title',
  ],
  ['a body nested 100 levels deep', '/api/auth/login', () => JSON.parse(`${'{"a":'.repeat(100)}1${'}'.repeat(100)}`) as Body, 'body'],
];

describe('unstorable text is refused before it reaches the database', () => {
  it.each(CASES)('%s: 400 validation.failed naming the field, nothing written', async (_name, url, body, path) => {
    const before = await tableCounts(t.database.db);
    const res = await t.app.inject({ method: 'POST', url, headers: auth(admin), payload: body() });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'validation.failed' });
    expect(res.json().errors[0].path.startsWith(path)).toBe(true);
    expect(await tableCounts(t.database.db)).toEqual(before);
  });

  it('refuses NUL in a path parameter and a query string the same way', async () => {
    const inv = await t.app.inject({ method: 'GET', url: '/api/invitations/AB%00CD' });
    expect(inv.statusCode).toBe(400);
    expect(inv.json()).toMatchObject({ code: 'validation.failed', errors: [{ path: 'params.code' }] });
    const audit = await t.app.inject({ method: 'GET', url: '/api/audit?action=a%00', headers: auth(admin) });
    expect(audit.statusCode).toBe(400);
    expect(audit.json().errors[0].path).toMatch(/^querystring/);
  });

  it('still stores emoji and Vietnamese, and a "\\u0000" typed as six characters', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: auth(admin),
      payload: { username: 'emoji-user', password: 'mat-khau-dai', role: 'analyst', displayName: 'Trần Thị Ánh 😀 \\u0000' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().displayName).toBe('Trần Thị Ánh 😀 \\u0000');
  });
});

describe('URLs the router refuses are problem+json too', () => {
  it('a bad percent-escape is 400 request.bad_url', async () => {
    for (const url of ['/api/campaigns/%ZZ', '/%ZZ', '/api/invitations/%E0%A4%A']) {
      const res = await t.app.inject({ method: 'GET', url, headers: auth(admin) });
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.json()).toMatchObject({ code: 'request.bad_url', status: 400 });
    }
  });

  it('a URL over 2 KiB is 414 request.uri_too_long', async () => {
    for (const url of [`/api/campaigns/${'x'.repeat(5000)}`, `/api/${'y'.repeat(5000)}`, `/${'z'.repeat(5000)}`]) {
      const res = await t.app.inject({ method: 'GET', url, headers: auth(admin) });
      expect(res.statusCode, url.slice(0, 30)).toBe(414);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('request.uri_too_long');
    }
  });

  it('a long path parameter reaches its route: 400 naming the field', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/invitations/${'x'.repeat(200)}` });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation.failed', errors: [{ path: 'params.code' }] });
  });

  it('a path the static files refuse is 404 route.not_found, not a bare 403', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/assets/${'a'.repeat(1500)}.js` });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('route.not_found');
  });

  it('what the HTTP parser refuses (headers over 16 KiB, a malformed request line) is problem+json on the socket', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const raw = (request: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.write(request));
        let data = '';
        socket.on('data', (chunk) => (data += chunk.toString()));
        socket.on('close', () => resolve(data));
        socket.on('error', reject);
        socket.setTimeout(10_000, () => socket.destroy(new Error('timeout')));
      });
    const big = await raw(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(big).toMatch(/^HTTP\/1\.1 431 /);
    expect(big).toContain('application/problem+json');
    expect(JSON.parse(big.slice(big.indexOf('\r\n\r\n') + 4))).toMatchObject({ code: 'request.headers_too_large', status: 431 });
    const garbage = await raw('NOT-HTTP\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(garbage.slice(garbage.indexOf('\r\n\r\n') + 4))).toMatchObject({ code: 'validation.failed' });
  });
});
