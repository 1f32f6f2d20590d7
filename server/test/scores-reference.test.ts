import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../../db/client';
import { CampaignDefinition, Questionnaire, ScoresView } from '../../survey-forms/src';
import { createCampaign } from '../services/campaigns';
import { publishQuestionnaire } from '../services/questionnaires';
import { loadScoringInputs } from '../services/score-inputs';
import { computePointScores, computePointScoresOf } from '../services/scores';
import { buildTestApp, type TestApp } from './harness';
import { type Dataset, type PlainUnit, plainScores } from './reference/plain-scores';
import { insertResponses } from './scores-rows';

/**
 * The reference dataset (320 responses, 32 units, two versions of one form with different
 * weights, unequal group weights, cross-evaluation, blanks, "don't know", straight-liners, a
 * tie) scored by the server and by reference/plain-scores.ts, a separate plain implementation.
 */
const read = (name: string) => JSON.parse(readFileSync(new URL(`./reference/${name}`, import.meta.url), 'utf8')) as unknown;
const dataset = read('dataset.json') as Dataset & { campaign: unknown; questionnaires: unknown[] };
const expected = read('expected.json') as Record<string, PlainUnit>;

describe('reference dataset', () => {
  let t: TestApp;
  let scores: ScoresView;
  let campaignId = '';

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    for (const q of dataset.questionnaires) await publishQuestionnaire(db, Questionnaire.parse(q), null);
    const { id, unitIds } = await withTransaction(db, (tx) => createCampaign(tx, CampaignDefinition.parse(dataset.campaign)));
    campaignId = id;
    const forms = new Map(dataset.questionnaires.map((q) => Questionnaire.parse(q)).map((q) => [`${q.id}@${q.version}`, q]));
    await insertResponses(
      db,
      id,
      dataset.responses.map((r) => {
        const q = forms.get(`${r.questionnaireId}@${r.version}`);
        if (!q) throw new Error(`no form ${r.questionnaireId}@${r.version}`);
        return {
          id: r.id,
          q,
          unitId: r.unitCode === null ? null : (unitIds[r.unitCode] ?? null),
          answers: r.answers.map(([unit, questionId, choice]) => ({ unitId: unit === null ? null : (unitIds[unit] ?? null), questionId, choice })),
        };
      }),
    );
    const { token } = await t.tokenFor('analyst');
    const res = await t.app.inject({ method: 'GET', url: `/api/campaigns/${id}/scores`, headers: { authorization: `Bearer ${token}` } });
    scores = ScoresView.parse(res.json());
  });
  afterAll(() => t.close());

  it('commits the output plain-scores.ts gives today', () => {
    expect(JSON.parse(JSON.stringify(plainScores(dataset)))).toEqual(expected);
  });

  it('matches the plain implementation for every unit and criterion', () => {
    expect(scores.units.map((u) => u.code).sort()).toEqual(Object.keys(expected).sort());
    for (const unit of scores.units) {
      const want = expected[unit.code] as PlainUnit;
      expect({ unit: unit.code, respondents: unit.respondents, rank: unit.rank, flags: unit.flags.map((f) => f.code) }).toEqual({
        unit: unit.code,
        respondents: want.respondents,
        rank: want.rank,
        flags: want.flags,
      });
      expect(unit.points).toBeCloseTo(want.points, 9);
      expect(unit.maxPoints).toBeCloseTo(want.maxPoints, 9);
      if (want.percent === null) expect(unit.percent).toBeNull();
      else expect(unit.percent).toBeCloseTo(want.percent, 9);
      for (const c of unit.criteria) {
        const w = want.criteria[c.criterionId];
        if (w === null || w === undefined) expect(c.points).toBeNull();
        else expect(c.points).toBeCloseTo(w, 9);
      }
    }
  });

  it('gives the same points from the GROUP BY scan, here joined with responses as two versions weigh options differently', async () => {
    const inputs = await loadScoringInputs(t.database.db, campaignId);
    expect(inputs.representatives).toBeNull();
    const points = await computePointScores(t.database.db, campaignId);
    expect((await computePointScoresOf(t.database.db, [campaignId])).get(campaignId)).toEqual(points);
    expect(points.map((p) => [p.unitId, p.points, p.percent, p.criteria])).toEqual(scores.units.map((u) => [u.unitId, u.points, u.percent, u.criteria]));
  });

  it('covers the cases it was built for', () => {
    const ranks = scores.units.filter((u) => u.code === 'XA-10' || u.code === 'XA-11').map((u) => u.rank);
    expect(ranks[0]).toBe(ranks[1]); // a tie
    const flags = new Set(scores.units.flatMap((u) => u.flags.map((f) => f.code)));
    expect([...flags].sort()).toEqual(['criteria.missing', 'criteria.withheld', 'dont_know.majority', 'quota.below_minimum', 'straight_lining']);
    expect(scores.units.find((u) => u.code === 'XA-12')).toMatchObject({ percent: null, ci95: null, rank: null });
    for (const u of scores.units) if (u.ci95) expect(u.ci95[0]).toBeLessThanOrEqual(u.ci95[1]);
  });
});
