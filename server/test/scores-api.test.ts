import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScoresView, type UnitScoreView } from '../../survey-forms/src';
import { computePointScores, computePointScoresOf } from '../services/scores';
import { createFixtureCampaign, type FixtureCampaign } from './fixtures';
import { buildTestApp, type TestApp } from './harness';
import { cross, insertResponses, own, x3 } from './scores-rows';

/**
 * The scores endpoints on the fixture campaign (index 1.1 = 4, 2.1.1 = 3, 2.1.2 = 3 points).
 * Expected figures are worked by hand in the comments, from the rules of docs/SCORING.md. Most responses come
 * three times (`x3`): means are unchanged and every cell reaches the 3 respondents publication
 * needs (docs/PRIVACY.md); the SO-TP civil servants stay two on purpose.
 */
describe('scores API', () => {
  let t: TestApp;
  let f: FixtureCampaign;
  let auth: { authorization: string };
  let u: (code: string) => string;

  beforeAll(async () => {
    t = await buildTestApp();
    f = await createFixtureCampaign(t.database.db);
    u = (code) => f.unitIds[code] ?? '';
    auth = { authorization: `Bearer ${(await t.tokenFor('analyst')).token}` };
    const [NV, TC, TP] = [u('SO-NV'), u('SO-TC'), u('SO-TP')];
    await insertResponses(t.database.db, f.campaignId, [
      // SO-NV civil servants: q1 A, B, C → 0.6; q2 A, A, E → 1.0; q3 never answered → 2.1.2 missing.
      ...x3(own(f.own, NV, { q1: 'A', q2: 'A', q3: null }), own(f.own, NV, { q1: 'B', q2: 'A' }), own(f.own, NV, { q1: 'C', q2: 'E' })),
      // SO-TP: two civil servants only, so the cells of 1.1 are withheld (docs/PRIVACY.md).
      own(f.own, TP, { q1: 'A' }),
      own(f.own, TP, { q1: 'A' }),
      // Delegates rate all three agencies: SO-NV x1 B, B, D → 0.4; x2 A, C, E → 0.6; SO-TC and SO-TP all A.
      ...x3(
        cross(f.cross, { [NV]: { x1: 'B', x2: 'A' }, [TC]: { x1: 'A', x2: 'A' }, [TP]: { x1: 'A', x2: 'A' } }),
        cross(f.cross, { [NV]: { x1: 'B', x2: 'C' }, [TC]: { x1: 'A', x2: 'A' }, [TP]: { x1: 'A', x2: 'A' } }),
        cross(f.cross, { [NV]: { x1: 'D', x2: 'E' }, [TC]: { x1: 'A', x2: 'A' }, [TP]: { x1: 'A', x2: 'A' } }),
      ),
    ]);
  });
  afterAll(() => t.close());

  const get = (url: string, headers: Record<string, string> = auth) => t.app.inject({ method: 'GET', url, headers });

  it('gives each unit its hand-worked points, percent, interval, rank, ties and flags, and a unit with no answers no rank', async () => {
    const res = await get(`/api/campaigns/${f.campaignId}/scores`);
    expect(res.statusCode).toBe(200);
    const body = ScoresView.parse(res.json());
    expect(body).toMatchObject({ campaignId: f.campaignId, missingPolicy: 'rescale' });
    const byCode = new Map(body.units.map((x) => [x.code, x]));
    const unit = (code: string): UnitScoreView => {
      const found = byCode.get(code);
      if (!found) throw new Error(`no unit ${code}`);
      return found;
    };
    // SO-NV: S(1.1) = 4 × (0.6 + 0.4)/2 = 2; S(2.1.1) = 3 × (1.0 + 0.6)/2 = 2.4; T = 4.4 of M = 7 → 62.857%.
    const nv = unit('SO-NV');
    expect(nv).toMatchObject({ unitId: u('SO-NV'), name: 'Sở Nội vụ', type: 'so', respondents: 18, maxPoints: 7, rank: 3, indistinguishableFrom: [] });
    expect(nv.points).toBeCloseTo(4.4, 12);
    expect(nv.percent).toBeCloseTo((100 * 4.4) / 7, 10);
    const [lo, hi] = nv.ci95 ?? [Number.NaN, Number.NaN];
    expect(nv.criteria).toEqual([
      { criterionId: '1.1', points: expect.closeTo(2, 12), maxPoints: 4, validAnswers: 18 },
      { criterionId: '2.1.1', points: expect.closeTo(2.4, 12), maxPoints: 3, validAnswers: 12 },
      { criterionId: '2.1.2', points: null, maxPoints: 3, validAnswers: 0 },
    ]);
    expect(lo).toBeLessThan(nv.percent ?? Number.NaN);
    expect(hi).toBeGreaterThan(nv.percent ?? Number.NaN);
    expect(hi).toBeLessThan(100);
    expect(nv.flags.map((x) => x.code)).toEqual(['criteria.missing']);
    // SO-TC and SO-TP: every valid answer is A → 100%; a tie at rank 1, intervals [100, 100] overlap.
    const tc = unit('SO-TC');
    const tp = unit('SO-TP');
    expect(tc).toMatchObject({ points: 7, maxPoints: 7, percent: 100, ci95: [100, 100], rank: 1, indistinguishableFrom: [u('SO-TP')] });
    expect(tp).toMatchObject({ points: 7, maxPoints: 7, percent: 100, rank: 1, indistinguishableFrom: [u('SO-TC')] });
    // The sentence names the group (not its code), in Vietnamese only; the values ride along for other languages.
    expect(tc.flags[0]).toMatchObject({ code: 'quota.below_minimum', params: { group: 'cong_chuc', valid: 0, minimum: 3 } });
    expect(tc.flags[0]?.detail).toContain('Nhóm Công chức: 0 người trả lời hợp lệ, dưới mức tối thiểu 3');
    expect(tc.flags[0]?.detail).not.toMatch(/respondents|minimum/);
    expect(tc.provisional).toBe(true);
    expect(nv.provisional).toBe(false);
    // Communes: nothing scored → no percentage, interval or rank; quota and missing-criteria flags.
    expect(unit('XA-01')).toMatchObject({ points: 0, maxPoints: 0, percent: null, ci95: null, rank: null, respondents: 0 });
    expect(unit('XA-01').flags.map((x) => x.code)).toEqual(['quota.below_minimum', 'criteria.missing']);
  });

  it('gives the same points from the single GROUP BY scan', async () => {
    const scores = (await get(`/api/campaigns/${f.campaignId}/scores`)).json();
    const points = await computePointScores(t.database.db, f.campaignId);
    // …and from the one scan over many campaigns that a national run uses.
    const many = await computePointScoresOf(t.database.db, [f.campaignId]);
    expect(many.get(f.campaignId)).toEqual(points);
    expect(points.map((p) => [p.unitId, p.points, p.percent, p.criteria])).toEqual(
      scores.units.map((x: { unitId: string; points: number; percent: number | null; criteria: unknown }) => [x.unitId, x.points, x.percent, x.criteria]),
    );
  });

  it('shows the cells and the arithmetic behind one figure', async () => {
    const res = await get(`/api/campaigns/${f.campaignId}/scores/${u('SO-NV')}/criteria/2.1.1`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ criterionId: '2.1.1', maxPoints: 3, points: expect.closeTo(2.4, 12), validAnswers: 12 });
    expect(body.cells).toEqual([
      { questionId: 'q2', group: 'cong_chuc', groupWeight: 1, validAnswers: 6, dontKnow: 3, mean: 1, withheld: false },
      { questionId: 'x2', group: 'dai_bieu_hdnd', groupWeight: 1, validAnswers: 6, dontKnow: 3, mean: expect.closeTo(0.6, 12), withheld: false },
    ]);
    expect(body.arithmetic.formula).toBe('S = M × Σ w·m / Σ w = 3 × 1.6 / 2 = 2.4');
  });

  it('withholds every per-group figure of a criterion one of whose cells has fewer than 3 respondents', async () => {
    const body = (await get(`/api/campaigns/${f.campaignId}/scores/${u('SO-TP')}/criteria/1.1`)).json();
    // Published (x1 has 9 valid answers), but the delegates' mean would give the two civil servants' by subtraction.
    expect(body.points).toBe(4);
    expect(body.cells).toEqual([
      { questionId: 'q1', group: 'cong_chuc', groupWeight: 1, validAnswers: null, dontKnow: null, mean: null, withheld: true },
      { questionId: 'x1', group: 'dai_bieu_hdnd', groupWeight: 1, validAnswers: null, dontKnow: null, mean: null, withheld: true },
    ]);
  });

  it('answers unknown campaign, unit and criterion with 404 problems, and bad ids with 400', async () => {
    const missing = await get(`/api/campaigns/${randomUUID()}/scores`);
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json().code).toBe('campaign.not_found');
    expect((await get(`/api/campaigns/${f.campaignId}/scores/${randomUUID()}/criteria/1.1`)).json().code).toBe('unit.not_found');
    expect((await get(`/api/campaigns/${f.campaignId}/scores/${u('SO-NV')}/criteria/9.9`)).json().code).toBe('criterion.not_found');
    expect((await get(`/api/campaigns/${f.campaignId}/scores/${u('SO-NV')}/criteria/2.1`)).json().code).toBe('criterion.not_found');
    expect((await get(`/api/campaigns/not-a-uuid/scores`)).json()).toMatchObject({ status: 400, code: 'validation.failed' });
    expect((await get(`/api/campaigns/${randomUUID()}/scores.csv`)).statusCode).toBe(404);
    expect((await get(`/api/campaigns/${randomUUID()}/satisfaction`)).statusCode).toBe(404);
  });

  it('is for admins and analysts only', async () => {
    const collector = { authorization: `Bearer ${(await t.tokenFor('collector')).token}` };
    const admin = { authorization: `Bearer ${(await t.tokenFor('admin')).token}` };
    expect((await get(`/api/campaigns/${f.campaignId}/scores`, collector)).json().code).toBe('auth.forbidden');
    expect((await get(`/api/campaigns/${f.campaignId}/scores`, {})).json().code).toBe('auth.required');
    expect((await get(`/api/campaigns/${f.campaignId}/scores`, admin)).statusCode).toBe(200);
  });

  it('exports CSV with a BOM, one row per unit and criterion', async () => {
    const res = await get(`/api/campaigns/${f.campaignId}/scores.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = res.rawPayload.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('unit_code,criterion_code,points,max_points,valid_answers,unit_name');
    expect(lines).toHaveLength(1 + 5 * 3);
    expect(lines).toContain('SO-NV,1.1,2,4,18,Sở Nội vụ');
    expect(lines).toContain('SO-NV,2.1.2,,3,0,Sở Nội vụ');
    expect(lines).toContain('XA-01,1.1,,4,0,Phường Bến Thành');
  });

  it('exports an Excel workbook with criteria and unit totals', async () => {
    const res = await get(`/api/campaigns/${f.campaignId}/scores.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Tiêu chí', 'Tổng hợp']);
    const criteria = book.getWorksheet('Tiêu chí');
    expect(criteria?.rowCount).toBe(16);
    expect(criteria?.getRow(2).values).toEqual([undefined, 'SO-NV', '1.1', 2, 4, 18, 'Sở Nội vụ']);
    const totals = book.getWorksheet('Tổng hợp');
    const nv = totals?.getRow(2).values as unknown[];
    expect(nv.slice(1, 7)).toEqual(['SO-NV', 'Sở Nội vụ', 'so', 18, 4.4, 7]);
    expect(nv[10]).toBe(3);
  });

  it('serves cached scores until a new response arrives, then recomputes', async () => {
    const first = (await get(`/api/campaigns/${f.campaignId}/scores`)).json();
    const again = (await get(`/api/campaigns/${f.campaignId}/scores`)).json();
    expect(again.computedAt).toBe(first.computedAt);
    // A third SO-TP civil servant answering D: q1 cells (A, A, D) → 2/3; S(1.1) = 4 × (2/3 + 1)/2 = 10/3.
    await insertResponses(t.database.db, f.campaignId, [own(f.own, u('SO-TP'), { q1: 'D' })]);
    const fresh = (await get(`/api/campaigns/${f.campaignId}/scores`)).json();
    expect(fresh.computedAt).not.toBe(first.computedAt);
    const tp = fresh.units.find((x: { code: string }) => x.code === 'SO-TP');
    expect(tp.criteria[0].points).toBeCloseTo(10 / 3, 12);
    expect(tp.rank).toBe(2);
  });

  it('computes SIPAS satisfaction per unit and element', async () => {
    const xa = u('XA-01');
    const sipas = (answers: string[]) => own(f.citizen, xa, Object.fromEntries(['s_access', 's_procedure', 's_servant', 's_result', 's_feedback'].map((q, i) => [q, answers[i] ?? null])));
    // access 5, 4, 2 → 2/3; procedure 3, 3, 3 → 0; servant 5, 5: two respondents, withheld; result and feedback unanswered.
    await insertResponses(t.database.db, f.campaignId, [sipas(['5', '3', '5']), sipas(['4', '3', '5']), sipas(['2', '3'])]);
    const body = (await get(`/api/campaigns/${f.campaignId}/satisfaction`)).json();
    const unit = body.units.find((x: { unitId: string }) => x.unitId === xa);
    expect(unit.elements.map((e: { element: string; percent: number | null }) => [e.element, e.percent])).toEqual([
      ['access', expect.closeTo(200 / 3, 10)],
      ['procedure', 0],
      ['civil_servant', null],
      ['result', null],
      ['feedback', null],
    ]);
    expect(unit.elements[2]).toEqual({ element: 'civil_servant', validAnswers: 2, satisfied: null, percent: null, withheld: true });
    expect(unit.overall).toBeCloseTo((200 / 3 + 0) / 2, 10);
  });
});

describe('scores under the zero policy', () => {
  it('counts a missing criterion as 0 of its maximum', async () => {
    const t = await buildTestApp();
    try {
      const f = await createFixtureCampaign(t.database.db, { missingPolicy: 'zero' });
      const nv = f.unitIds['SO-NV'] ?? '';
      await insertResponses(t.database.db, f.campaignId, x3(own(f.own, nv, { q1: 'B', q2: 'C' })));
      const { token } = await t.tokenFor('analyst');
      const body = (await t.app.inject({ method: 'GET', url: `/api/campaigns/${f.campaignId}/scores`, headers: { authorization: `Bearer ${token}` } })).json();
      const unit = body.units.find((x: { unitId: string }) => x.unitId === nv);
      // S(1.1) = 4 × 0.6 = 2.4; S(2.1.1) = 3 × 0.2 = 0.6; 2.1.2 missing → T = 3 of the full 10 → 30%.
      expect(body.missingPolicy).toBe('zero');
      expect(unit).toMatchObject({ points: expect.closeTo(3, 12), maxPoints: 10, percent: expect.closeTo(30, 10) });
      expect(unit.criteria[2]).toEqual({ criterionId: '2.1.2', points: null, maxPoints: 3, validAnswers: 0 });
    } finally {
      await t.close();
    }
  });
});
