import { withTransaction } from '../../db/client';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignCollector } from '../services/campaigns';
import { issueInvitations } from '../services/invitations';
import { createFixtureCampaign } from './fixtures';
import { hostileValue, type JsonSchema, replaceOne, SchemaArbitraries, slotCount } from './fuzz-arbitraries';
import { buildTestApp, type TestApp } from './harness';
import { tableCounts } from './table-counts';

/**
 * Every operation of GET /api/openapi.json, fuzzed on both engines: bodies, path parameters
 * and query strings generated from the operation's schemas with hostile values mixed in at any
 * depth (NUL, lone surrogates, 100 000-character strings, wrong types, deep nesting, bad
 * UUIDs, prototype keys), and bodies under the wrong content type or not JSON at all.
 * Never a 5xx; an error is problem+json; a refused request (4xx) writes nothing: the row count
 * of every table (but the failure throttles') is the same before and after it. Bounded: RUNS requests per operation, with a
 * fixed seed so a failure is reproducible (set FUZZ_SEED to explore further).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);

interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

let t: TestApp;
let doc: { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, JsonSchema> } };
let arbitraries: SchemaArbitraries;
const credentials: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  t = await buildTestApp();
  const pepper = await t.app.invitationPepper(); // read before the transaction: PGlite has one connection
  const f = await createFixtureCampaign(t.database.db, { status: 'open' });
  const admin = await t.tokenFor('admin');
  const collector = await t.tokenFor('collector');
  await withTransaction(t.database.db, (tx) => assignCollector(tx, f.campaignId, collector.userId, Object.values(f.unitIds)));
  const [code] = await withTransaction(t.database.db, async (tx) => issueInvitations(tx, pepper, f.campaignId, { group: 'dai_bieu_hdnd', count: 1 }));
  credentials.admin = { authorization: `Bearer ${admin.token}` };
  credentials.collector = { authorization: `Bearer ${collector.token}` };
  credentials.invitation = { 'x-invitation-code': code as string };
  doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  arbitraries = new SchemaArbitraries(doc.components?.schemas ?? {}, [f.campaignId, collector.userId, ...Object.values(f.unitIds)]);
});
afterAll(() => t.close());

/** Percent-encoded; a lone surrogate (which encodeURIComponent refuses) as the bytes a client would send. */
function encodeSegment(v: unknown): string {
  const text = typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
  try {
    return encodeURIComponent(text);
  } catch {
    return encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '')) + '%ED%A0%80';
  }
}

/**
 * Row counts of every table but `throttle_failures`, which exists to record refused attempts
 * (a wrong password, a wrong code): that write is the point of the refusal, not a partial one.
 */
async function storedCounts(): Promise<Record<string, number>> {
  const { throttle_failures: _refusals, ...rest } = await tableCounts(t.database.db);
  return rest;
}

/** A path segment: from the schema, or hostile, or something the router itself must refuse. */
function segment(schema: JsonSchema): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: arbitraries.value(schema).map(encodeSegment) },
    { weight: 1, arbitrary: fc.constantFrom('%ZZ', '%E0%A4%A', '..%2F..%2Fetc', '%00', 'x'.repeat(3000), '%F0%9F%98%80', '%C0%AE') },
  );
}

type Payload = { kind: 'json'; value: unknown } | { kind: 'raw'; contentType: string | undefined; body: string };

/** A body from the schema as JSON, or the wrong content type, or bytes that are not JSON. */
function payload(schema: JsonSchema): fc.Arbitrary<Payload> {
  const raw = fc.record({
    contentType: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/json', 'application/xml', undefined),
    body: fc.oneof(fc.constantFrom('{', '{"a":', 'null', '[]', '"x"', '\u0000', 'a=b&c=d', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--', '{"a":1}{"b":2}'), fc.string({ unit: 'binary', maxLength: 40 })),
  });
  return fc.oneof(
    { weight: 2, arbitrary: arbitraries.valid(schema).map((value): Payload => ({ kind: 'json', value })) },
    { weight: 5, arbitrary: arbitraries.mutated(schema).map((value): Payload => ({ kind: 'json', value })) },
    { weight: 1, arbitrary: hostileValue.map((value): Payload => ({ kind: 'json', value })) },
    { weight: 1, arbitrary: raw.map((r): Payload => ({ kind: 'raw', ...r })) },
  );
}

function operations(): [string, string, Operation][] {
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => [method.toUpperCase(), path, op] as [string, string, Operation]));
}

describe('API fuzz over the OpenAPI document', () => {
  it('covers every documented operation', () => {
    expect(operations().length).toBeGreaterThanOrEqual(25);
  });

  it('puts NUL and a lone surrogate in every field of a body of every operation: never 5xx, nothing written', { timeout: 600_000 }, async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const [method, path, op] of operations()) {
      const schema = op.requestBody?.content['application/json']?.schema;
      if (!schema) continue;
      const [body] = fc.sample(arbitraries.valid(schema), { numRuns: 1, seed: SEED });
      const url = path.replace(/\{\w+\}/g, () => arbitraries.knownIds[0] as string);
      for (let at = 0; at < slotCount(body); at++) {
        for (const [bad, asNewKey] of [['a\u0000b', false], ['x\ud800', false], [1, true]] as const) {
          const payload = replaceOne(body, bad, at, asNewKey);
          const before = await storedCounts();
          const res = await t.app.inject({ method: method as 'POST', url, headers: { ...credentials.admin, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
          sent++;
          const what = `${method} ${path} ${JSON.stringify(payload).slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 200)}`;
          if (res.statusCode >= 500) failures.push(what);
          if (res.statusCode >= 400 && JSON.stringify(await storedCounts()) !== JSON.stringify(before)) failures.push(`wrote on refusal: ${what}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(50);
  });

  it('never answers 5xx, always problem+json on errors, and a refused request writes nothing', { timeout: 600_000 }, async () => {
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const [method, path, op] of operations()) {
      const params = op.parameters ?? [];
      const request = fc.record({
        path: fc.tuple(...params.filter((p) => p.in === 'path').map((p) => segment(p.schema).map((v) => [p.name, v] as const))),
        query: fc.tuple(...params.filter((p) => p.in === 'query').map((p) => fc.option(arbitraries.value(p.schema).map((v) => [p.name, typeof v === 'string' ? v : JSON.stringify(v) ?? ''] as const), { nil: undefined }))),
        body: op.requestBody ? payload(op.requestBody.content['application/json']?.schema ?? {}) : fc.constant(undefined),
        caller: fc.constantFrom('admin', 'admin', 'collector', 'invitation'),
      });
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          let url = path;
          for (const [name, value] of r.path) url = url.replace(`{${name}}`, value);
          const query = new URLSearchParams(r.query.filter((q): q is readonly [string, string] => q !== undefined).map(([k, v]) => [k, v]));
          if (query.size > 0) url += `?${query}`;
          const headers: Record<string, string> = { ...credentials[r.caller] };
          let body: string | undefined;
          if (r.body?.kind === 'json') {
            headers['content-type'] = 'application/json';
            body = JSON.stringify(r.body.value) ?? 'null';
          } else if (r.body?.kind === 'raw') {
            if (r.body.contentType) headers['content-type'] = r.body.contentType;
            body = r.body.body;
          }
          const before = await storedCounts();
          const res = await t.app.inject({ method: method as 'GET', url, headers, ...(body !== undefined ? { payload: body } : {}) });
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          const what = `${method} ${url.slice(0, 120)} as ${r.caller} ${body?.slice(0, 160) ?? ''} → ${res.statusCode} ${res.body.slice(0, 200)}`;
          if (res.statusCode >= 500) failures.push(what);
          if (res.statusCode >= 400) {
            if (!String(res.headers['content-type']).startsWith('application/problem+json')) failures.push(`not problem+json: ${what}`);
            const after = await storedCounts();
            if (JSON.stringify(after) !== JSON.stringify(before)) failures.push(`wrote on refusal: ${what}`);
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    }
    expect(failures).toEqual([]);
    // The fuzz reached the services: some requests were accepted, not only refused.
    expect([...statuses.keys()].some((s) => s < 300)).toBe(true);
    console.info('fuzz statuses', Object.fromEntries([...statuses].sort(([a], [b]) => a - b)));
  });
});
