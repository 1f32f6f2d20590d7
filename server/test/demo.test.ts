import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaigns, collectorAssignments, invitations, questionnaireVersions } from '../../db/schema';
import type { CampaignDefinition, IndexTree, Questionnaire } from '../../survey-forms/src';
import { CampaignDefinition as CampaignSchema, GROUP_CODES, Questionnaire as QuestionnaireSchema, allQuestions } from '../../survey-forms/src';
import { DEMO_CAMPAIGNS, DEMO_QUESTIONNAIRES, DefinitionError, parseDefinitions } from '../../survey-forms/definitions';
import { DEMO_ANALYST, DEMO_COLLECTOR, DEMO_PASSWORD, loadDemo } from '../services/demo';
import { buildTestApp, type TestApp } from './harness';

/** The demo province: it loads once, its definitions pass the schemas, and its numbers hold. */
const defs = parseDefinitions();

/** Leaf points of the index, summed here by walking the tree (not through the code under test). */
function leafPoints(tree: IndexTree): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of tree.fields) {
    for (const c of f.criteria) {
      const subs = c.subCriteria.filter((s) => s.maxPoints !== undefined);
      if (subs.length) for (const s of subs) out.set(s.code, s.maxPoints as number);
      else if (c.maxPoints !== undefined) out.set(c.code, c.maxPoints);
    }
  }
  return out;
}

describe('demo definitions', () => {
  it('every file passes the zod schemas as written', () => {
    for (const q of DEMO_QUESTIONNAIRES) expect(QuestionnaireSchema.safeParse(q).error).toBeUndefined();
    for (const c of DEMO_CAMPAIGNS) expect(CampaignSchema.safeParse(c).error).toBeUndefined();
  });

  it('has a post-2025 province (about 20 agencies, about 100 communes, no districts) and a pre-2025 one with districts', () => {
    const [after, before] = defs.campaigns as [CampaignDefinition, CampaignDefinition];
    const types = (c: CampaignDefinition, t: string) => c.units.filter((u) => u.type === t);
    expect(after.status).toBe('open');
    expect(types(after, 'so').length).toBeGreaterThanOrEqual(18);
    expect(types(after, 'xa').length).toBeGreaterThanOrEqual(95);
    expect(types(after, 'huyen')).toHaveLength(0);
    expect(before.year).toBeLessThan(2025);
    expect(types(before, 'huyen').length).toBeGreaterThanOrEqual(10);
    const districts = new Set(types(before, 'huyen').map((u) => u.code));
    for (const xa of types(before, 'xa')) expect(districts.has(xa.parentCode ?? '')).toBe(true);
  });

  it('has 7 or 8 fields whose criteria sum exactly to the survey share, and every scored question maps to one of them', () => {
    for (const c of defs.campaigns) {
      expect(c.index.fields.length).toBeGreaterThanOrEqual(7);
      expect(c.index.fields.length).toBeLessThanOrEqual(8);
      const leaves = leafPoints(c.index);
      const sum = [...leaves.values()].reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - c.index.surveyShare)).toBeLessThan(1e-9);
      for (const ref of c.questionnaires) {
        const q = defs.questionnaires.find((x) => x.id === ref.id && x.version === ref.version) as Questionnaire;
        for (const question of allQuestions(q)) if (question.criterion) expect(leaves.has(question.criterion), `${q.id}/${question.id}`).toBe(true);
      }
    }
  });

  it('weights A–D 1/0.6/0.2/0 and E "don\'t know" null on every scored question; SIPAS, profile, skip logic and comments present', () => {
    const all = defs.questionnaires.flatMap((q) => allQuestions(q).map((question) => ({ q, question })));
    const scored = all.filter((x) => x.question.criterion);
    expect(scored.length).toBeGreaterThan(40);
    for (const { question } of scored) {
      expect(question.options.map((o) => [o.code, o.weight])).toEqual([['A', 1], ['B', 0.6], ['C', 0.2], ['D', 0], ['E', null]]);
      expect(question.options[4]?.label).toBe('Không biết / Không đánh giá');
    }
    const citizen = defs.questionnaires.find((q) => q.group === 'nguoi_dan') as Questionnaire;
    expect(new Set(allQuestions(citizen).map((x) => x.sipasElement).filter(Boolean))).toEqual(new Set(['access', 'procedure', 'civil_servant', 'result', 'feedback']));
    for (const q of defs.questionnaires) {
      const ids = allQuestions(q).filter((x) => x.profile).map((x) => x.id);
      expect(ids, q.id).toEqual(expect.arrayContaining(['gioi_tinh', 'nhom_tuoi']));
      expect(allQuestions(q).some((x) => x.kind === 'text'), q.id).toBe(true);
    }
    expect(all.filter((x) => x.question.relevant).length).toBeGreaterThan(0);
  });

  it('serves every group, every quota with a form for its unit type', () => {
    const open = defs.campaigns[0] as CampaignDefinition;
    expect(open.groups.map((g) => g.code).sort()).toEqual([...GROUP_CODES].sort());
    for (const c of defs.campaigns) {
      const forms = c.questionnaires.map((r) => defs.questionnaires.find((q) => q.id === r.id) as Questionnaire);
      const unitType = new Map(c.units.map((u) => [u.code, u.type]));
      for (const quota of c.quotas) {
        const type = unitType.get(quota.unitCode);
        const served = forms.some((f) => f.group === quota.group && f.unitType === type);
        expect(served, `${c.year} ${quota.unitCode}/${quota.group}`).toBe(true);
      }
    }
  });

  it('fails loudly, listing every problem with its path, when a definition is wrong', () => {
    const badForm = structuredClone(DEMO_QUESTIONNAIRES[0]) as unknown as { sections: { questions: { options?: Record<string, unknown>[] }[] }[] };
    delete badForm.sections[1]?.questions[0]?.options?.[0]?.weight;
    const badCampaign = { ...structuredClone(DEMO_CAMPAIGNS[0]), quotas: [{ unitCode: 'KHONG-CO', group: 'cong_chuc', target: 1 }] };
    let caught: unknown;
    try {
      parseDefinitions([badForm, ...DEMO_QUESTIONNAIRES.slice(1)], [badCampaign]);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DefinitionError);
    expect((caught as DefinitionError).problems).toEqual([
      expect.stringMatching(/^questionnaires\[0\]\.sections\.1\.questions\.0\.options\.0\.weight: /),
      expect.stringMatching(/^campaigns\[0\]\.quotas\.0\.unitCode: /),
    ]);
  });
});

describe('loadDemo', () => {
  let t: TestApp;
  let summary = '';
  beforeAll(async () => {
    t = await buildTestApp();
    const result = await loadDemo(t.database.db);
    expect(result.loaded).toBe(true);
    summary = result.summary;
  });
  afterAll(() => t.close());

  it('loads both campaigns, every questionnaire, assignments and five invitation codes', async () => {
    const db = t.database.db;
    expect((await db.select({ n: count() }).from(campaigns))[0]?.n).toBe(2);
    expect((await db.select({ n: count() }).from(questionnaireVersions))[0]?.n).toBe(DEMO_QUESTIONNAIRES.length);
    expect((await db.select({ n: count() }).from(collectorAssignments))[0]?.n).toBe(5);
    expect((await db.select({ n: count() }).from(invitations))[0]?.n).toBe(5);
    expect(summary).toContain(DEMO_PASSWORD);
    expect(summary.match(/\b[0-9A-Z]{5}-[0-9A-Z]{5}\b/g)).toHaveLength(5);
  });

  it('does nothing the second time', async () => {
    expect(await loadDemo(t.database.db)).toEqual({ loaded: false, summary: '' });
    expect((await t.database.db.select({ n: count() }).from(campaigns))[0]?.n).toBe(2);
  });

  it('lets the demo staff log in; the collector sees only the assigned communes', async () => {
    const login = (username: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
    const analyst = await login(DEMO_ANALYST);
    expect(analyst.json().user.role).toBe('analyst');
    const collector = (await login(DEMO_COLLECTOR)).json().token as string;
    const headers = { authorization: `Bearer ${collector}` };
    const list = await t.app.inject({ method: 'GET', url: '/api/campaigns', headers });
    expect(list.json()).toHaveLength(1);
    expect(list.json()[0].status).toBe('open');
    const detail = await t.app.inject({ method: 'GET', url: `/api/campaigns/${list.json()[0].id}`, headers });
    expect(detail.statusCode).toBe(200);
    expect(detail.json().units).toHaveLength(5);
    expect(detail.json().units.every((u: { type: string }) => u.type === 'xa')).toBe(true);
    expect(detail.json().questionnaires).toHaveLength(7);
  });
});
