import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { allQuestions, CriterionCellsView, SatisfactionView, ScoresView } from '../../survey-forms/src';
import { createFixtureCampaign, type FixtureCampaign } from './fixtures';
import { buildTestApp, type TestApp } from './harness';
import { cross, insertResponses, own } from './scores-rows';

/**
 * The small-cell attacks of docs/PRIVACY.md through everything an analyst can read: the cells
 * view, scores JSON, CSV, XLSX and satisfaction. The attacker knows the formulas and reads the
 * true counts behind every figure from the data; any figure that gives the answers of 1 or 2
 * respondents, directly or by subtracting shown figures from a published total, fails the test.
 */
describe('small cells cannot be worked out', () => {
  let t: TestApp;
  let f: FixtureCampaign;
  let auth: { authorization: string };
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: auth });

  beforeAll(async () => {
    t = await buildTestApp();
    f = await createFixtureCampaign(t.database.db);
    auth = { authorization: `Bearer ${(await t.tokenFor('analyst')).token}` };
    const u = (code: string) => f.unitIds[code] as string;
    const [NV, TC, TP] = [u('SO-NV'), u('SO-TC'), u('SO-TP')];
    const servants = (unit: string, n: number) => Array.from({ length: n }, (_, i) => own(f.own, unit, { q1: 'ABCD'[i % 4] ?? 'A', q2: 'BCDA'[i % 4] ?? 'A', q3: i === 0 ? 'C' : 'E' }));
    const sipas = (answers: string[]) => own(f.citizen, u('XA-01'), Object.fromEntries(['s_access', 's_procedure', 's_servant'].map((q, i) => [q, answers[i] ?? null])));
    await insertResponses(t.database.db, f.campaignId, [
      // SO-NV: 5 civil servants, 1 delegate: the case (the lone delegate's answer = total minus the others).
      ...servants(NV, 5),
      // SO-TP: 2 civil servants and the same delegate; SO-TC: the delegate alone.
      ...servants(TP, 2),
      cross(f.cross, { [NV]: { x1: 'D', x2: 'A' }, [TC]: { x1: 'B', x2: 'C' }, [TP]: { x1: 'A', x2: 'D' } }),
      // XA-01 citizens: access by 3, procedure by 2, civil servant by 1.
      sipas(['5', '4', '2']),
      sipas(['4', '1']),
      sipas(['2']),
    ]);
  });
  afterAll(() => t.close());

  /** The truth an insider could count: valid answers per (unit, criterion or element, question, group). */
  const truth = async () => {
    const criterionOf = new Map(allQuestions(f.own).concat(allQuestions(f.cross)).flatMap((q) => (q.criterion ? [[q.id, q.criterion] as const] : [])));
    const rows = await queryRows<{ unit: string; question: string; grp: string; n: number }>(
      t.database.db,
      sql`SELECT unit_id::text AS unit, question_id AS question, group_code AS grp, count(*)::int AS n FROM answers
          WHERE campaign_id = ${f.campaignId} AND choice IS NOT NULL AND choice <> 'E' AND unit_id IS NOT NULL GROUP BY 1, 2, 3`,
    );
    return rows.map((r) => ({ ...r, criterion: criterionOf.get(r.question) ?? null }));
  };

  it('gives no criterion figure or per-group cell resting on 1 or 2 respondents, and no total hiding a withheld one', async () => {
    const cells = await truth();
    const scores = ScoresView.parse((await get(`/api/campaigns/${f.campaignId}/scores`)).json());
    let withheld = 0;
    let subtractionsTried = 0;
    for (const unit of scores.units) {
      for (const c of unit.criteria) {
        const mine = cells.filter((x) => x.unit === unit.unitId && x.criterion === c.criterionId);
        const perQuestion = new Map<string, number>();
        for (const x of mine) perQuestion.set(x.question, (perQuestion.get(x.question) ?? 0) + x.n);
        const best = Math.max(0, ...perQuestion.values());
        const view = CriterionCellsView.parse((await get(`/api/campaigns/${f.campaignId}/scores/${unit.unitId}/criteria/${c.criterionId}`)).json());
        expect(view.points).toEqual(c.points);
        if (best > 0 && best < 3) {
          withheld++;
          // Direct: the published figure would be the average answer of 1 or 2 people.
          expect({ unit: unit.code, criterion: c.criterionId, points: c.points, sum: view.arithmetic.weightedMeanSum }).toEqual({ unit: unit.code, criterion: c.criterionId, points: null, sum: null });
        }
        // Subtraction: a small cell hidden while the others of the criterion are shown.
        const small = mine.filter((x) => x.n > 0 && x.n < 3);
        if (small.length > 0) {
          subtractionsTried++;
          expect(view.cells.filter((x) => !x.withheld)).toEqual([]);
        }
        for (const shown of view.cells.filter((x) => !x.withheld)) expect(shown.validAnswers ?? 0).toBeGreaterThanOrEqual(3);
      }
      // The unit total is the sum of the published criteria: nothing withheld hides inside it.
      expect(unit.points).toBeCloseTo(unit.criteria.reduce((s, c) => s + (c.points ?? 0), 0), 12);
      if (unit.criteria.some((c) => c.points === null && c.validAnswers > 0)) expect(unit.flags.map((x) => x.code)).toContain('criteria.withheld');
    }
    // The data really holds the cases: SO-TC's lone delegate, SO-TP's q3 answered by one, the NV subtraction.
    expect(withheld).toBeGreaterThanOrEqual(4);
    expect(subtractionsTried).toBeGreaterThanOrEqual(3);
  });

  it('exports the same withholding in CSV and XLSX', async () => {
    const scores = ScoresView.parse((await get(`/api/campaigns/${f.campaignId}/scores`)).json());
    const csv = (await get(`/api/campaigns/${f.campaignId}/scores.csv`)).rawPayload.toString('utf8').slice(1).trimEnd().split('\r\n').slice(1);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await get(`/api/campaigns/${f.campaignId}/scores.xlsx`)).rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Tiêu chí');
    const xlsx = new Map<string, unknown>();
    sheet?.eachRow((row, n) => n > 1 && xlsx.set(`${String(row.getCell(1).value)} ${String(row.getCell(2).value)}`, row.getCell(3).value));
    for (const unit of scores.units) {
      for (const c of unit.criteria) {
        const line = csv.find((l) => l.startsWith(`${unit.code},${c.criterionId},`));
        expect(line?.split(',')[2]).toBe(c.points === null ? '' : String(Math.round(c.points * 1e4) / 1e4));
        expect(xlsx.get(`${unit.code} ${c.criterionId}`) ?? null).toEqual(c.points === null ? null : Math.round(c.points * 1e4) / 1e4);
      }
    }
  });

  it('withholds satisfaction elements of fewer than 3 respondents and leaves them out of the overall index', async () => {
    const body = SatisfactionView.parse((await get(`/api/campaigns/${f.campaignId}/satisfaction`)).json());
    const xa = body.units.find((x) => x.code === 'XA-01');
    expect(xa?.elements.slice(0, 3).map((e) => [e.element, e.withheld, e.satisfied])).toEqual([
      ['access', false, 2],
      ['procedure', true, null],
      ['civil_servant', true, null],
    ]);
    expect(xa?.overall).toBeCloseTo(200 / 3, 10);
  });
});
