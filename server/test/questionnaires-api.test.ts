import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionnaireInput } from '../../survey-forms/src';
import { Questionnaire } from '../../survey-forms/src';
import { buildTestApp, type TestApp } from './harness';
import { fixtureQuestionnaires } from './fixtures';
import { auth } from './requests';

/** Questionnaire routes: publish versions, read them, and never change a published one. */
let t: TestApp;
let admin: string;
let n = 0;
// Cloned: the fixture's option lists are shared module constants, and one test mutates its copy.
const fresh = (): QuestionnaireInput => structuredClone(fixtureQuestionnaires(`q-${process.pid}-${++n}`).own);
const publish = (q: unknown, token = admin) => t.app.inject({ method: 'POST', url: '/api/questionnaires', headers: auth(token), payload: q as object });

beforeAll(async () => {
  t = await buildTestApp();
  admin = (await t.tokenFor('admin')).token;
});
afterAll(() => t.close());

describe('questionnaire versions', () => {
  it('publishes version 1, lists it and returns the full definition', async () => {
    const q = fresh();
    const res = await publish(q);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ id: q.id, version: 1 });
    const collector = (await t.tokenFor('collector')).token;
    const list = await t.app.inject({ method: 'GET', url: '/api/questionnaires', headers: auth(collector) });
    expect(list.json()).toContainEqual({ id: q.id, latestVersion: 1, versions: [1], title: q.title, group: 'cong_chuc', mode: 'own_unit', unitType: 'so' });
    const one = await t.app.inject({ method: 'GET', url: `/api/questionnaires/${q.id}/versions/1`, headers: auth(collector) });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual(JSON.parse(JSON.stringify(Questionnaire.parse(q))));
  });

  it('keeps published versions immutable: the same version again is 409, whatever its content', async () => {
    const q = fresh();
    await publish(q);
    const changed = { ...q, title: 'Tiêu đề đã sửa' };
    const again = await publish(changed);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('questionnaire.version_exists');
    const stored = await t.app.inject({ method: 'GET', url: `/api/questionnaires/${q.id}/versions/1`, headers: auth(admin) });
    expect(stored.json().title).toBe(q.title);
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const res = await t.app.inject({ method, url: `/api/questionnaires/${q.id}/versions/1`, headers: auth(admin), payload: changed });
      expect(res.statusCode).toBe(404);
    }
  });

  it('publishes n+1 next to the old version, and refuses a gap in numbering', async () => {
    const q = fresh();
    await publish(q);
    const gap = await publish({ ...q, version: 3 });
    expect(gap.json()).toMatchObject({ status: 422, code: 'definition.invalid', errors: [{ path: 'version', message: expect.stringContaining('2') }] });
    expect((await publish({ ...q, version: 2, title: 'Phiên bản 2' })).statusCode).toBe(201);
    const list = await t.app.inject({ method: 'GET', url: '/api/questionnaires', headers: auth(admin) });
    expect(list.json().find((x: { id: string }) => x.id === q.id)).toMatchObject({ latestVersion: 2, versions: [1, 2], title: 'Phiên bản 2' });
    const v1 = await t.app.inject({ method: 'GET', url: `/api/questionnaires/${q.id}/versions/1`, headers: auth(admin) });
    expect(v1.json().title).toBe(q.title);
  });

  it('refuses bad definitions with every problem by path', async () => {
    const q = fresh() as unknown as { sections: { questions: Record<string, unknown>[] }[] } & Record<string, unknown>;
    const scored = q.sections[1]?.questions[0] as { options: Record<string, unknown>[] };
    delete scored.options[1]?.weight;
    (q.sections[1]?.questions[1] as Record<string, unknown>).id = 'q1';
    q.tags = ['x'];
    const res = await publish(q);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation.failed');
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['body', 'body.sections.1.questions.0.options.1.weight', 'body.sections.1.questions.1.id']));
  });

  it('answers 404 for unknown versions, 400 for malformed ones, 403 for non-admin publishing', async () => {
    const q = fresh();
    await publish(q);
    expect((await t.app.inject({ method: 'GET', url: `/api/questionnaires/${q.id}/versions/9`, headers: auth(admin) })).json()).toMatchObject({ status: 404, code: 'questionnaire.not_found' });
    expect((await t.app.inject({ method: 'GET', url: `/api/questionnaires/${q.id}/versions/abc`, headers: auth(admin) })).json()).toMatchObject({ status: 400, code: 'validation.failed' });
    const analyst = (await t.tokenFor('analyst')).token;
    expect((await publish(fresh(), analyst)).json()).toMatchObject({ status: 403, code: 'auth.forbidden' });
    expect((await t.app.inject({ method: 'GET', url: '/api/questionnaires' })).json()).toMatchObject({ status: 401, code: 'auth.required' });
  });
});
