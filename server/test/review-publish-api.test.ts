import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicationSummary} from '../../survey-forms/src';
import { PublicationDiff, ReviewedResponse, SatisfactionView, ScoresView, type UnitScoreView } from '../../survey-forms/src';
import { createFixtureCampaign, type FixtureCampaign } from './fixtures';
import { buildTestApp, TEST_NOW, type TestApp } from './harness';
import { type Dataset, type PlainUnit, plainScores } from './reference/plain-scores';
import { cross, insertResponses, own, type RowResponse, x3 } from './scores-rows';

/**
 * Data review and publishing on the fixture campaign (1.1 = 4 points: q1, x1; 2.1.1 = 3: q2,
 * x2; 2.1.2 = 3: q3; weights A 1, B 0.6, C 0.2, D 0, E "don't know"; every group weighs 1).
 * Expected figures come from `reference` below: the raw answers scored by
 * reference/plain-scores.ts, the plain second implementation of docs/SCORING.md rules 1–4 and
 * the small-cells rule, which shares no code with server/stats.
 */
function reference(f: FixtureCampaign, rows: readonly RowResponse[], unitCode: string): PlainUnit {
  // plain-scores.ts names units by code, as its dataset does; the rows name them by id.
  const codeOf = new Map(Object.entries(f.unitIds).map(([code, id]) => [id, code]));
  const code = (unitId: string | null) => (unitId === null ? null : (codeOf.get(unitId) ?? null));
  const data: Dataset = {
    campaign: f.definition,
    questionnaires: [f.own, f.cross, f.citizen].map((form) => ({
      id: form.id,
      version: form.version,
      sections: form.sections.map((section) => ({
        questions: section.questions.map((q) => ({ id: q.id, criterion: 'criterion' in q ? q.criterion : undefined, options: 'options' in q ? q.options : [] })),
      })),
    })),
    responses: rows.map((r, i) => ({
      id: String(i),
      questionnaireId: r.q.id,
      version: r.q.version,
      group: r.q.group,
      unitCode: code(r.unitId),
      answers: r.answers.map((a): [string | null, string, string | null] => [code(a.unitId), a.questionId, a.choice]),
    })),
  };
  const unit = plainScores(data)[unitCode];
  if (!unit) throw new Error(`no unit ${unitCode} in the reference`);
  return unit;
}

describe('data review and publishing', () => {
  let t: TestApp;
  let f: FixtureCampaign;
  let analyst: { authorization: string };
  let admin: { authorization: string };
  let u: (code: string) => string;
  let rows: RowResponse[];
  let straightId: string;
  let fastId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    f = await createFixtureCampaign(t.database.db);
    u = (code) => f.unitIds[code] ?? '';
    analyst = { authorization: `Bearer ${(await t.tokenFor('analyst')).token}` };
    admin = { authorization: `Bearer ${(await t.tokenFor('admin')).token}` };
    const [NV, TC, TP] = [u('SO-NV'), u('SO-TC'), u('SO-TP')];
    const straight = cross(f.cross, { [NV]: { x1: 'D', x2: 'D' }, [TC]: { x1: 'D', x2: 'D' }, [TP]: { x1: 'D', x2: 'D' } });
    const fast = cross(f.cross, { [NV]: { x1: 'A', x2: 'B' }, [TC]: { x1: 'C', x2: 'A' }, [TP]: { x1: 'B', x2: 'D' } });
    rows = [
      ...x3(own(f.own, NV, { q1: 'A', q2: 'B', q3: 'C' }), own(f.own, NV, { q1: 'B', q2: 'E', q3: 'A' })),
      ...x3(own(f.own, TC, { q1: 'C', q2: 'A', q3: 'B' })),
      ...x3(
        cross(f.cross, { [NV]: { x1: 'B', x2: 'A' }, [TC]: { x1: 'A', x2: 'C' }, [TP]: { x1: 'A', x2: 'B' } }),
        cross(f.cross, { [NV]: { x1: 'C', x2: 'E' }, [TC]: { x1: 'B', x2: 'A' }, [TP]: { x1: 'E', x2: 'E' } }),
      ),
      straight,
      fast,
    ];
    const ids = await insertResponses(t.database.db, f.campaignId, rows);
    straightId = ids[ids.length - 2] ?? '';
    fastId = ids[ids.length - 1] ?? '';
    // Six answers in 6 seconds on the device: under 2 seconds each.
    await t.database.db.execute(sql`UPDATE responses SET started_at = '2026-11-20T08:00:00+07:00', completed_at = '2026-11-20T08:00:06+07:00' WHERE id = ${fastId}`);
  });
  afterAll(() => t.close());

  const get = (url: string, headers: Record<string, string> = analyst) => t.app.inject({ method: 'GET', url, headers });
  const post = (url: string, payload: object, headers: Record<string, string> = analyst) => t.app.inject({ method: 'POST', url, headers, payload });
  const scores = async () => ScoresView.parse((await get(`/api/campaigns/${f.campaignId}/scores`)).json());
  const unitOf = (view: ScoresView, code: string): UnitScoreView => {
    const found = view.units.find((x) => x.code === code);
    if (!found) throw new Error(`no unit ${code}`);
    return found;
  };
  const expectMatches = (view: ScoresView, data: readonly RowResponse[]) => {
    for (const code of ['SO-NV', 'SO-TC', 'SO-TP']) {
      const want = reference(f, data, code);
      const got = unitOf(view, code);
      expect(got.points, code).toBeCloseTo(want.points, 12);
      expect(got.maxPoints, code).toBe(want.maxPoints);
      expect(got.percent ?? Number.NaN, code).toBeCloseTo(want.percent ?? Number.NaN, 10);
      for (const c of got.criteria) {
        const w = want.criteria[c.criterionId] ?? null;
        if (w === null) expect(c.points, `${code} ${c.criterionId}`).toBeNull();
        else expect(c.points ?? Number.NaN, `${code} ${c.criterionId}`).toBeCloseTo(w, 12);
      }
    }
  };

  it('lists flagged responses with their reasons, by day only, in id order', async () => {
    const res = await get(`/api/campaigns/${f.campaignId}/responses?flag=straight_lining`);
    expect(res.statusCode).toBe(200);
    const list = res.json<ReviewedResponse[]>().map((r) => ReviewedResponse.parse(r));
    expect(list.map((r) => r.id)).toEqual([straightId]);
    expect(list[0]).toMatchObject({ group: 'dai_bieu_hdnd', channel: 'paper', completedDate: '2026-11-20', review: { status: 'included' } });
    expect(list[0]?.unitIds).toEqual([u('SO-NV'), u('SO-TC'), u('SO-TP')].sort());
    expect(list[0]?.flags[0]).toMatchObject({ code: 'straight_lining', detail: 'Chọn cùng một phương án cho cả 6 câu được chấm điểm' });
    const fast = (await get(`/api/campaigns/${f.campaignId}/responses?flag=too_fast`)).json<ReviewedResponse[]>();
    expect(fast.map((r) => r.id)).toEqual([fastId]);
    expect(fast[0]?.flags).toEqual([
      { code: 'too_fast', detail: 'Hoàn thành 6 câu trả lời trong 6 giây (dưới 2 giây mỗi câu)', params: { answers: 6, seconds: 6, secondsPerAnswer: 2 } },
    ]);
    // The TP cross response with E, E: 2 of 6 "don't know" is not a majority; nobody else is flagged.
    const all = (await get(`/api/campaigns/${f.campaignId}/responses`)).json<ReviewedResponse[]>();
    expect(all.map((r) => r.id)).toEqual([straightId, fastId].sort());
    expect(JSON.stringify(all)).not.toMatch(/T\d\d:\d\d/);
    expect((await get(`/api/campaigns/${f.campaignId}/responses?flag=nonsense`)).statusCode).toBe(400);
  });

  it('excluding the straight-lined response changes exactly the figures computed without it, and restoring brings them back', async () => {
    const before = await scores();
    expectMatches(before, rows);
    expect(before.excluded).toBe(0);
    const url = `/api/campaigns/${f.campaignId}/responses/${straightId}/review`;
    const noReason = await post(url, { status: 'excluded' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({ code: 'validation.failed' });
    const excluded = await post(url, { status: 'excluded', reason: 'Chọn D cho mọi câu' });
    expect(excluded.statusCode).toBe(200);
    expect(excluded.json()).toMatchObject({ status: 'excluded', reason: 'Chọn D cho mọi câu', at: TEST_NOW });
    const after = await scores();
    const without = rows.filter((_, i) => i !== rows.length - 2);
    expectMatches(after, without);
    expect(after.excluded).toBe(1);
    for (const code of ['SO-NV', 'SO-TC', 'SO-TP']) {
      expect(unitOf(after, code).excluded).toBe(1);
      expect(unitOf(after, code).respondents).toBe(unitOf(before, code).respondents - 1);
      expect(unitOf(after, code).percent).not.toBe(unitOf(before, code).percent);
      expect(unitOf(after, code).flags.map((x) => x.code)).not.toContain('straight_lining');
    }
    expect(unitOf(before, 'SO-NV').flags.map((x) => x.code)).toContain('straight_lining');
    // The communes share no respondent with it: not a figure moves.
    for (const code of ['XA-01', 'XA-02']) expect(unitOf(after, code)).toEqual(unitOf(before, code));
    const listed = (await get(`/api/campaigns/${f.campaignId}/responses?flag=straight_lining`)).json<ReviewedResponse[]>();
    expect(listed[0]?.review).toMatchObject({ status: 'excluded', reason: 'Chọn D cho mọi câu' });
    const restored = await post(url, { status: 'included', reason: 'Đã kiểm tra phiếu giấy' });
    expect(restored.statusCode).toBe(200);
    const again = await scores();
    expect({ ...again, computedAt: '' }).toEqual({ ...before, computedAt: '' });
    const audit = (await get('/api/audit?limit=20', admin)).json<{ action: string; target: string }[]>();
    expect(audit.filter((a) => a.target === `response:${straightId}`).map((a) => a.action)).toEqual(['response.restore', 'response.exclude']);
    expect((await post(`/api/campaigns/${f.campaignId}/responses/${f.campaignId}/review`, { status: 'included' })).statusCode).toBe(404);
    expect((await post(url, { status: 'excluded', reason: 'x' }, { authorization: `Bearer ${(await t.tokenFor('collector')).token}` })).statusCode).toBe(403);
  });

  it('exports the raw responses: one row per response and rated unit, one column per question, and a codebook', async () => {
    const csv = await get(`/api/campaigns/${f.campaignId}/responses.csv`);
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    const header = lines[0]?.split(',') ?? [];
    expect(header.slice(0, 7)).toEqual(['response_id', 'unit_code', 'unit_name', 'group', 'channel', 'completed_date', 'review_status']);
    expect(header).toEqual(expect.arrayContaining(['q1', 'q2', 'q3', 'x1', 'x2', 'co_gop_y', 's_access']));
    expect(header).not.toContain('gioi_tinh'); // profile answers stay out (docs/PRIVACY.md)
    const expectedRows = rows.reduce((n, r) => n + new Set(r.answers.flatMap((a) => (a.unitId ? [a.unitId] : []))).size, 0);
    expect(lines.length - 1).toBe(expectedRows);
    const straightRows = lines.filter((l) => l.startsWith(straightId));
    expect(straightRows.map((l) => l.split(',')[1])).toEqual(['SO-NV', 'SO-TC', 'SO-TP']);
    const col = (name: string) => header.indexOf(name);
    for (const l of straightRows) expect([l.split(',')[col('x1')], l.split(',')[col('x2')], l.split(',')[col('q1')]]).toEqual(['D', 'D', '']);
    const body = lines.slice(1);
    expect(body).toEqual([...body].sort((a, b) => {
      const [ia, , , ga] = a.split(',');
      const [ib, , , gb] = b.split(',');
      const ua = a.split(',')[1] ?? '';
      const ub = b.split(',')[1] ?? '';
      return ua !== ub ? (ua < ub ? -1 : 1) : (ga ?? '') !== (gb ?? '') ? ((ga ?? '') < (gb ?? '') ? -1 : 1) : (ia ?? '') < (ib ?? '') ? -1 : 1;
    }));
    const xlsx = await get(`/api/campaigns/${f.campaignId}/responses.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const codebook = book.getWorksheet('Mã hóa');
    const q1 = (codebook?.getSheetValues() ?? []).filter((r) => Array.isArray(r) && r[4] === 'q1');
    expect(q1.map((r) => (Array.isArray(r) ? [r[9], r[10], r[11] ?? null] : []))).toEqual([
      ['A', 'Rất tốt', 1],
      ['B', 'Tốt', 0.6],
      ['C', 'Trung bình', 0.2],
      ['D', 'Kém', 0],
      ['E', expect.any(String), null],
    ]);
    expect(book.getWorksheet('Phiếu trả lời')?.rowCount).toBe(expectedRows + 1);
  });

  it('freezes a version that later responses do not change, and diffs two versions unit by unit', async () => {
    await post(`/api/campaigns/${f.campaignId}/responses/${straightId}/review`, { status: 'excluded', reason: 'Chọn D cho mọi câu' });
    const v1 = await post(`/api/campaigns/${f.campaignId}/publications`, {});
    expect(v1.statusCode).toBe(201);
    expect(v1.json()).toMatchObject({ version: 1, publishedAt: TEST_NOW, inputsHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const first = await get(`/api/campaigns/${f.campaignId}/publications/1/scores`);
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    const frozen = ScoresView.parse(first.json());
    const live = await scores();
    expect({ ...frozen, computedAt: '' }).toEqual({ ...live, computedAt: '' });
    expect(frozen.excluded).toBe(1);
    // New answers about SO-TC arrive: the live figures move, version 1 does not.
    const later = x3(own(f.own, u('SO-TC'), { q1: 'A', q2: 'A', q3: 'A' }));
    await insertResponses(t.database.db, f.campaignId, later);
    const moved = await scores();
    expect(unitOf(moved, 'SO-TC').percent).not.toBe(unitOf(frozen, 'SO-TC').percent);
    const second = await get(`/api/campaigns/${f.campaignId}/publications/1/scores`);
    expect(second.body).toBe(first.body);
    const v2 = await post(`/api/campaigns/${f.campaignId}/publications`, {});
    expect(v2.json()).toMatchObject({ version: 2 });
    expect(v2.json<{ inputsHash: string }>().inputsHash).not.toBe(v1.json<{ inputsHash: string }>().inputsHash);
    const list = (await get(`/api/campaigns/${f.campaignId}/publications`)).json<PublicationSummary[]>();
    expect(list.map((p) => [p.version, p.responses, p.excluded])).toEqual([
      [1, rows.length, 1],
      [2, rows.length + 3, 1],
    ]);
    const diff = PublicationDiff.parse((await get(`/api/campaigns/${f.campaignId}/publications/1/diff/2`)).json());
    // SO-TC's figures move; its fellow agencies share the civil servants' bootstrap strata, so at
    // most their intervals and ranks move (docs/SCORING.md rules 5, 7); the communes stay as they were.
    expect(diff.units.filter((x) => x.changed).map((x) => x.code)).toEqual(expect.arrayContaining(['SO-TC']));
    for (const x of diff.units.filter((d) => d.code !== 'SO-TC')) {
      expect([x.percent, x.points, x.respondents, x.excluded].every((c) => c.from === c.to), x.code).toBe(true);
      expect(x.criteria, x.code).toEqual([]);
    }
    expect(diff.units.filter((x) => x.code.startsWith('XA')).map((x) => x.changed)).toEqual([false, false]);
    const tc = diff.units.find((x) => x.code === 'SO-TC');
    expect(tc?.respondents).toEqual({ from: unitOf(frozen, 'SO-TC').respondents, to: unitOf(frozen, 'SO-TC').respondents + 3 });
    expect(tc?.percent).toEqual({ from: unitOf(frozen, 'SO-TC').percent, to: unitOf(moved, 'SO-TC').percent });
    const kept = rows.filter((_, i) => i !== rows.length - 2);
    const [was, now] = [reference(f, kept, 'SO-TC'), reference(f, [...kept, ...later], 'SO-TC')];
    const moving = Object.keys(was.criteria).filter((c) => Math.abs((was.criteria[c] ?? 0) - (now.criteria[c] ?? 0)) > 1e-12);
    expect(moving.length).toBeGreaterThan(0);
    expect(tc?.criteria.map((c) => c.criterionId)).toEqual(moving);
    // Exports of a version keep the index software's columns.
    const v1csv = await get(`/api/campaigns/${f.campaignId}/publications/1/scores.csv`);
    expect(v1csv.body.split('\r\n')[0]).toBe('\uFEFFunit_code,criterion_code,points,max_points,valid_answers,unit_name');
    expect((await get(`/api/campaigns/${f.campaignId}/publications/1/scores.xlsx`)).statusCode).toBe(200);
    expect((await get(`/api/campaigns/${f.campaignId}/publications/9/scores`)).json()).toMatchObject({ code: 'publication.not_found' });
    expect((await get(`/api/campaigns/${f.campaignId}/publications/9/scores-report.xlsx`)).json()).toMatchObject({ code: 'publication.not_found' });
    expect((await get(`/api/campaigns/${f.campaignId}/publications/latest/scores`)).headers['x-publication-version']).toBe('2');
  });

  it("the people's workbook of a version carries the frozen figures, not today's, with its exclusions", async () => {
    const frozen = ScoresView.parse((await get(`/api/campaigns/${f.campaignId}/publications/1/scores`)).json());
    const live = await scores();
    // Later answers moved SO-TC since version 1: a workbook built from today's figures would differ.
    expect(unitOf(live, 'SO-TC').percent).not.toBe(unitOf(frozen, 'SO-TC').percent);
    const res = await get(`/api/campaigns/${f.campaignId}/publications/1/scores-report.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('-v1.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(res.rawPayload).buffer);
    // Version 1 froze the SIPAS view of its day: no citizen had answered, so the sheet has its header only.
    expect(book.worksheets.map((w) => w.name)).toEqual(['Xếp hạng', 'Tiêu chí', 'Hài lòng (SIPAS)']);
    expect(book.getWorksheet('Hài lòng (SIPAS)')?.rowCount).toBe(1);
    const ranking = book.getWorksheet('Xếp hạng');
    expect(String(ranking?.getRow(1).getCell(1).value)).toMatch(/phiên bản công bố số 1, ngày 15\/11\/2026$/);
    expect(ranking?.getRow(2).getCell(1).value).toBe('Đã loại 1 phiếu khi làm sạch số liệu: không con số nào trong tệp này tính các phiếu đó.');
    const header = (ranking?.getRow(3).values as unknown[]).slice(1);
    expect(header).toContain('Chỉ số hài lòng chung (%)');
    const col = (name: string) => header.indexOf(name) + 1;
    const seen = new Set<string>();
    ranking?.eachRow((row, i) => {
      if (i <= 3) return;
      const code = String(row.getCell(col('Mã đơn vị')).value);
      const want = unitOf(frozen, code);
      seen.add(code);
      expect(row.getCell(col('Tên đơn vị')).value, code).toBe(want.name);
      expect(row.getCell(col('Hạng')).value ?? null, code).toBe(want.rank);
      expect(row.getCell(col('Số người trả lời')).value, code).toBe(want.respondents);
      expect(row.getCell(col('Phiếu bị loại')).value, code).toBe(want.excluded);
      expect(row.getCell(col('Điểm')).value, code).toBe(want.points);
      expect(row.getCell(col('Điểm (%)')).value ?? null, code).toBe(want.percent);
    });
    expect([...seen].sort()).toEqual(frozen.units.map((x) => x.code).sort());
    // The straight-lined response rated the three agencies: each carries its exclusion.
    expect(['SO-NV', 'SO-TC', 'SO-TP'].map((c) => unitOf(frozen, c).excluded)).toEqual([1, 1, 1]);
    const criteria = book.getWorksheet('Tiêu chí');
    let cells = 0;
    criteria?.eachRow((row, i) => {
      if (i === 1) return;
      const want = unitOf(frozen, String(row.getCell(2).value)).criteria.find((c) => c.criterionId === row.getCell(4).value);
      expect(row.getCell(5).value ?? null).toBe(want?.points ?? null);
      cells += 1;
    });
    expect(cells).toBe(frozen.units.reduce((n, x) => n + x.criteria.length, 0));
    const collector = { authorization: `Bearer ${(await t.tokenFor('collector')).token}` };
    expect((await get(`/api/campaigns/${f.campaignId}/publications/1/scores-report.xlsx`, collector)).statusCode).toBe(403);
  });

  it("the people's workbook of a version carries the SIPAS figures frozen at publish, unmoved by later answers", async () => {
    // SIPAS (docs/SCORING.md rule 8): a 4 or 5 counts as satisfied; an element is withheld below 3 valid answers.
    const sipasOf = (answers: readonly Record<string, string>[]) =>
      ['s_access', 's_procedure', 's_servant', 's_result', 's_feedback'].map((q) => (100 * answers.filter((a) => ['4', '5'].includes(a[q] ?? '')).length) / answers.length);
    const rowOf = (a: string) => ({ s_access: a, s_procedure: '3', s_servant: a, s_result: '5', s_feedback: '1' });
    const first = ['4', '5', '2', '4'].map(rowOf);
    await insertResponses(t.database.db, f.campaignId, first.map((a) => own(f.citizen, u('XA-01'), a)));
    const published = await post(`/api/campaigns/${f.campaignId}/publications`, {});
    expect(published.json()).toMatchObject({ version: 3 });
    const sipasRows = async (version: number) => {
      const res = await get(`/api/campaigns/${f.campaignId}/publications/${version}/scores-report.xlsx`);
      expect(res.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(new Uint8Array(res.rawPayload).buffer);
      const rows: unknown[][] = [];
      book.getWorksheet('Hài lòng (SIPAS)')?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      const ranking = book.getWorksheet('Xếp hạng');
      const header = (ranking?.getRow(3).values as unknown[]).slice(1);
      const overallCol = header.indexOf('Chỉ số hài lòng chung (%)') + 1;
      let overall: unknown = undefined;
      ranking?.eachRow((row, i) => {
        if (overallCol > 0 && i > 3 && row.getCell(header.indexOf('Mã đơn vị') + 1).value === 'XA-01') overall = row.getCell(overallCol).value;
      });
      return { rows, header, overall };
    };
    const want = sipasOf(first);
    expect(want).toEqual([75, 0, 75, 100, 0]);
    const frozen = await sipasRows(3);
    expect(frozen.rows.length).toBe(2);
    expect(frozen.rows[1]?.slice(0, 7)).toEqual(['Phường Bến Thành', 'XA-01', ...want]);
    expect(frozen.rows[1]?.[7]).toBeCloseTo(want.reduce((x, y) => x + y, 0) / 5, 9);
    expect(frozen.overall).toBe(frozen.rows[1]?.[7]);
    // More citizens answer: today's indices move, version 3's do not.
    const later = ['5', '5'].map(rowOf);
    await insertResponses(t.database.db, f.campaignId, later.map((a) => own(f.citizen, u('XA-01'), a)));
    const live = SatisfactionView.parse((await get(`/api/campaigns/${f.campaignId}/satisfaction`)).json());
    const xa = live.units.find((x) => x.code === 'XA-01');
    expect(xa?.elements.map((e) => e.percent)).toEqual(sipasOf([...first, ...later]));
    expect(xa?.elements[0]?.percent).not.toBe(want[0]);
    expect(await sipasRows(3)).toEqual(frozen);
    // A version published before migration 0008 froze no SIPAS figures: its sheet says so, with no column of today's.
    await t.database.db.execute(sql`UPDATE publications SET sipas_json = NULL WHERE campaign_id = ${f.campaignId} AND version = 3`);
    const legacy = await sipasRows(3);
    expect(legacy.rows).toEqual([['Phiên bản này được công bố khi chưa lưu chỉ số hài lòng (SIPAS) kèm theo, nên không có số liệu SIPAS.']]);
    expect(legacy.header).not.toContain('Chỉ số hài lòng chung (%)');
  });

  it('an integration token reads published scores of its campaign and nothing else, until revoked', async () => {
    expect((await post(`/api/campaigns/${f.campaignId}/integration-tokens`, { label: 'Phần mềm chỉ số' })).statusCode).toBe(403);
    const issued = await post(`/api/campaigns/${f.campaignId}/integration-tokens`, { label: 'Phần mềm chỉ số' }, admin);
    expect(issued.statusCode).toBe(201);
    const { id, token } = issued.json<{ id: string; token: string }>();
    expect(token).toMatch(/^pit_/);
    const bearer = { authorization: `Bearer ${token}` };
    const published = await get(`/api/campaigns/${f.campaignId}/publications/1/scores`, bearer);
    expect(published.statusCode).toBe(200);
    expect(published.body).toBe((await get(`/api/campaigns/${f.campaignId}/publications/1/scores`)).body);
    expect((await get(`/api/campaigns/${f.campaignId}/publications/latest/scores.csv`, bearer)).statusCode).toBe(200);
    for (const url of [
      `/api/campaigns/${f.campaignId}/scores`,
      `/api/campaigns/${f.campaignId}/publications`,
      `/api/campaigns/${f.campaignId}/publications/1/scores.xlsx`,
      `/api/campaigns/${f.campaignId}/publications/1/scores-report.xlsx`,
      `/api/campaigns/${f.campaignId}/responses`,
      `/api/campaigns/${f.campaignId}/integration-tokens`,
      `/api/campaigns/${f.campaignId}/progress`,
      `/api/campaigns`,
    ]) {
      expect((await get(url, bearer)).statusCode, url).toBe(401);
    }
    const other = await createFixtureCampaign(t.database.db);
    expect((await get(`/api/campaigns/${other.campaignId}/publications/latest/scores`, bearer)).statusCode).toBe(401);
    const tokens = (await get(`/api/campaigns/${f.campaignId}/integration-tokens`, admin)).json<{ id: string; revokedAt: string | null }[]>();
    expect(tokens).toEqual([expect.objectContaining({ id, label: 'Phần mềm chỉ số', revokedAt: null })]);
    expect(JSON.stringify(tokens)).not.toContain(token);
    const revoked = await t.app.inject({ method: 'DELETE', url: `/api/campaigns/${f.campaignId}/integration-tokens/${id}`, headers: admin });
    expect(revoked.json()).toMatchObject({ revokedAt: TEST_NOW });
    expect((await get(`/api/campaigns/${f.campaignId}/publications/1/scores`, bearer)).statusCode).toBe(401);
    const stored = await t.database.db.execute(sql`SELECT count(*)::int AS n FROM integration_tokens WHERE token_hash = ${token}`);
    expect(JSON.stringify(stored)).toContain('"n":0');
    const audit = (await get('/api/audit?limit=50', admin)).json<{ action: string }[]>().map((a) => a.action);
    expect(audit).toEqual(expect.arrayContaining(['integration_token.issue', 'integration_token.revoke', 'scores.publish']));
  });
});
