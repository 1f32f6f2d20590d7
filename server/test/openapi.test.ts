import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './harness';

/** GET /api/openapi.json documents the whole API: every path of docs/API.md, each operation with tags and a summary. */
const CONTRACT_V1: [string, string][] = [
  ['get', '/api/health'],
  ['post', '/api/auth/login'],
  ['get', '/api/campaigns'],
  ['post', '/api/campaigns'],
  ['get', '/api/campaigns/{id}'],
  ['post', '/api/campaigns/{id}/invitations'],
  ['get', '/api/invitations/{code}'],
  ['post', '/api/sync'],
  ['get', '/api/campaigns/{id}/progress'],
  ['get', '/api/campaigns/{id}/scores'],
  ['get', '/api/campaigns/{id}/scores/{unitId}/criteria/{criterionId}'],
  ['get', '/api/campaigns/{id}/scores.csv'],
  ['get', '/api/campaigns/{id}/scores.xlsx'],
  ['get', '/api/campaigns/{id}/scores/{unitId}/cells'],
  ['get', '/api/campaigns/{id}/scores-report.xlsx'],
  ['get', '/api/campaigns/{id}/satisfaction'],
];
/** Routes docs/API.md lists beyond the first version of the contract: refresh and logout, status, collectors, questionnaire versions, users. */
const BEYOND_V1: [string, string][] = [
  ['post', '/api/auth/refresh'],
  ['post', '/api/auth/logout'],
  ['post', '/api/campaigns/{id}/status'],
  ['get', '/api/campaigns/{id}/collectors'],
  ['put', '/api/campaigns/{id}/collectors/{userId}'],
  ['post', '/api/campaigns/{id}/questionnaires/{questionnaireId}'],
  ['get', '/api/questionnaires'],
  ['post', '/api/questionnaires'],
  ['get', '/api/questionnaires/{id}/versions/{version}'],
  ['get', '/api/users'],
  ['post', '/api/users'],
  ['post', '/api/users/{id}/disable'],
  ['post', '/api/auth/password'],
  // Data review and publishing (issue 11).
  ['get', '/api/campaigns/{id}/responses'],
  ['post', '/api/campaigns/{id}/responses/{responseId}/review'],
  ['get', '/api/campaigns/{id}/responses.csv'],
  ['get', '/api/campaigns/{id}/responses.xlsx'],
  ['post', '/api/campaigns/{id}/publications'],
  ['get', '/api/campaigns/{id}/publications'],
  ['get', '/api/campaigns/{id}/publications/{version}/scores'],
  ['get', '/api/campaigns/{id}/publications/{version}/scores.csv'],
  ['get', '/api/campaigns/{id}/publications/{version}/scores.xlsx'],
  ['get', '/api/campaigns/{id}/publications/{from}/diff/{to}'],
  ['post', '/api/campaigns/{id}/integration-tokens'],
  ['get', '/api/campaigns/{id}/integration-tokens'],
  ['delete', '/api/campaigns/{id}/integration-tokens/{tokenId}'],
];

interface Operation {
  tags?: string[];
  summary?: string;
  requestBody?: unknown;
  responses?: Record<string, unknown>;
}
interface Doc {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
}

let t: TestApp;
let doc: Doc;
beforeAll(async () => {
  t = await buildTestApp();
  const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('application/json');
  doc = res.json();
});
afterAll(() => t.close());

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3 document', () => {
    expect(doc.openapi).toMatch(/^3\./);
  });

  it.each([...CONTRACT_V1, ...BEYOND_V1])('documents %s %s', (method, path) => {
    const op = doc.paths[path]?.[method];
    expect(op, `${method.toUpperCase()} ${path}`).toBeDefined();
  });

  it('gives every operation tags, a summary and its responses', () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.tags?.length, `${method} ${path} tags`).toBeGreaterThan(0);
        expect(op.summary, `${method} ${path} summary`).toBeTruthy();
        expect(Object.keys(op.responses ?? {}).length, `${method} ${path} responses`).toBeGreaterThan(0);
      }
    }
  });

  it('describes the campaign definition body and its error responses', () => {
    const create = doc.paths['/api/campaigns']?.post;
    expect(create?.requestBody).toBeDefined();
    expect(Object.keys(create?.responses ?? {})).toEqual(expect.arrayContaining(['201', '400', '422']));
    const publish = doc.paths['/api/questionnaires']?.post;
    expect(Object.keys(publish?.responses ?? {})).toEqual(expect.arrayContaining(['201', '409']));
    expect(JSON.stringify(doc)).toContain('Problem');
  });
});
