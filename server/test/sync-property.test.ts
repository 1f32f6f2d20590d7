import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, responses } from '../../db/schema';
import { Response as ResponseSchema, canonicalResponse } from '../../survey-forms/src';
import { createFixtureCampaign, type FixtureCampaign, makeResponse } from './fixtures';
import { buildTestApp, type TestApp } from './harness';

/**
 * Property tests: whatever body reaches POST /api/sync, the reply is per-item statuses or a
 * 4xx problem+json, never a 500, and the database changes by exactly the accepted items.
 */
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const children = Array.isArray(value) ? value.map((v, i) => paths(v, [...prefix, i])) : Object.entries(value).map(([k, v]) => paths(v, [...prefix, k]));
  return [prefix, ...children.flat()];
}

/** Replaces (or deletes) the value at one path of a deep copy. */
function mutate(value: Json, path: (string | number)[], replacement: Json, remove: boolean): Json {
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string | number, Json>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  const last = path[path.length - 1] as string | number;
  if (remove && !Array.isArray(node)) delete node[last];
  else node[last] = replacement;
  return copy as Json;
}

describe('POST /api/sync under malformed input', () => {
  let t: TestApp;
  let admin: string;
  let f: FixtureCampaign;
  let agencies: string[];
  beforeAll(async () => {
    t = await buildTestApp();
    admin = (await t.tokenFor('admin')).token;
    f = await createFixtureCampaign(t.database.db);
    agencies = ['SO-NV', 'SO-TC', 'SO-TP'].map((c) => f.unitIds[c] as string);
  });
  afterAll(() => t.close());

  const counts = async () => {
    const [r] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(responses);
    const [a] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(answers);
    return { responses: r?.n ?? 0, answers: a?.n ?? 0 };
  };
  const post = (payload: string) =>
    t.app.inject({ method: 'POST', url: '/api/sync', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, payload });

  it('answers arbitrary JSON bodies with 4xx problem+json or per-item results, never 500, never a write', async () => {
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.record({ responses: fc.array(fc.jsonValue(), { maxLength: 5 }) })), async (body) => {
        const res = await post(JSON.stringify(body));
        expect(res.statusCode).toBeLessThan(500);
        if (res.statusCode === 200) {
          const results = res.json().results as { status: string; code: string }[];
          expect(results.every((r) => r.status === 'rejected' && r.code === 'sync.invalid_response')).toBe(true);
        } else {
          expect(res.headers['content-type']).toContain('application/problem+json');
          expect(res.json().code).toMatch(/^[a-z_]+\.[a-z_]+$/);
        }
      }),
      { numRuns: 150, seed: 20261123 },
    );
    const raw = ['', '{', '[]', 'null', '{"responses":null}', '{"responses":{}}', '\u0000', '{"responses":[{"id":"x"}]}garbage'];
    for (const payload of raw) expect((await post(payload)).statusCode).toBeLessThan(500);
    expect(await counts()).toEqual(before);
  });

  it('stores exactly the valid items of a batch of mutated responses and nothing else', async () => {
    const item = fc.record({
      kind: fc.constantFrom('own', 'cross', 'citizen'),
      mutateIt: fc.boolean(),
      which: fc.nat(),
      // Binary strings too: NUL and lone surrogates must be refused per item, not crash the batch.
      replacement: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom('\u0000', 'a\ud800b', '\udfff')),
      remove: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(item, { minLength: 1, maxLength: 8 }), async (specs) => {
        const sent = specs.map((s) => {
          const base =
            s.kind === 'own'
              ? makeResponse(f.own, f.campaignId, [agencies[s.which % 3] as string])
              : s.kind === 'cross'
                ? makeResponse(f.cross, f.campaignId, agencies, 'B')
                : makeResponse(f.citizen, f.campaignId, [f.unitIds['XA-02'] as string], '3');
          if (!s.mutateIt) return base as unknown as Json;
          const all = paths(base as unknown as Json).filter((p) => p.length > 0 && p[0] !== 'id');
          return mutate(base as unknown as Json, all[s.which % all.length] ?? [], s.replacement as Json, s.remove);
        });
        const before = await counts();
        const res = await post(JSON.stringify({ responses: sent }));
        expect(res.statusCode).toBe(200);
        const results = res.json().results as { id: string; status: string }[];
        expect(results).toHaveLength(sent.length);
        let answerCells = 0;
        let accepted = 0;
        for (const [i, r] of results.entries()) {
          expect(['accepted', 'rejected']).toContain(r.status);
          const parsed = ResponseSchema.safeParse(sent[i]);
          if (r.status === 'accepted') {
            expect(parsed.success).toBe(true);
            if (!parsed.success) continue;
            accepted++;
            answerCells += parsed.data.answers.length;
            const [row] = await t.database.db.select({ content: responses.content }).from(responses).where(sql`${responses.id} = ${parsed.data.id}`);
            expect(row?.content).toBe(canonicalResponse(parsed.data));
          }
        }
        expect(await counts()).toEqual({ responses: before.responses + accepted, answers: before.answers + answerCells });
        // Unmutated items are always valid.
        specs.forEach((s, i) => {
          if (!s.mutateIt) expect(results[i]?.status).toBe('accepted');
        });
      }),
      { numRuns: 60, seed: 7 },
    );
  });
});
