import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse as LightResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatInterval, type ProgressView, type ScoresView, type UnitCellsView } from '../../survey-forms/src';
import { createFixtureCampaign, type FixtureCampaign } from './fixtures';
import { buildTestApp, type TestApp } from './harness';
import { cross, insertResponses, own, x3 } from './scores-rows';

/**
 * Fieldwork and readable results (docs/API.md §9 progress, §10 scores): the daily trend and
 * per-collector counts of progress, the unit page's cells, and the workbook for people.
 * Expected figures are worked out here from the rows inserted, independently of the server.
 */
const WEIGHT: Record<string, number | null> = { A: 1, B: 0.6, C: 0.2, D: 0, E: null };
/** The Vietnam day (UTC+7) of an instant, worked out without the database. */
const vietnamDay = (iso: string) => new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 10);

describe('progress: daily trend and per-collector counts', () => {
  let t: TestApp;
  let f: FixtureCampaign;
  beforeAll(async () => {
    t = await buildTestApp();
    f = await createFixtureCampaign(t.database.db);
  });
  afterAll(() => t.close());

  it('counts responses per Vietnam day of completion and per collector, never an invitation response', async () => {
    const u = (code: string) => f.unitIds[code] ?? '';
    const ana = await t.tokenFor('collector', `ana-${process.pid}`);
    const binh = await t.tokenFor('collector', `binh-${process.pid}`);
    const rows = [
      { r: own(f.own, u('SO-NV'), { q1: 'A' }), at: '2026-11-10T18:30:00Z', by: ana.userId, channel: 'interview' },
      { r: own(f.own, u('SO-NV'), { q1: 'B' }), at: '2026-11-11T01:00:00Z', by: ana.userId, channel: 'interview' },
      { r: own(f.own, u('SO-TC'), { q1: 'A' }), at: '2026-11-12T16:59:59Z', by: binh.userId, channel: 'paper' },
      { r: own(f.own, u('SO-TC'), { q1: 'C' }), at: '2026-11-12T17:00:00Z', by: ana.userId, channel: 'paper' },
      // An invitation response: no collector, counted by day only.
      { r: cross(f.cross, { [u('SO-NV')]: { x1: 'A' }, [u('SO-TC')]: { x1: 'A' }, [u('SO-TP')]: { x1: 'A' } }), at: '2026-11-12T17:00:00Z', by: null, channel: 'self' },
    ];
    const ids = await insertResponses(t.database.db, f.campaignId, rows.map((x) => x.r));
    for (const [i, x] of rows.entries()) {
      await t.database.db.execute(
        sql`UPDATE responses SET completed_at = ${x.at}, submitted_by = ${x.by}, channel = ${x.channel} WHERE id = ${ids[i] ?? ''}`,
      );
    }
    await t.database.db.execute(
      sql`INSERT INTO response_units (response_id, campaign_id, unit_id, group_code)
          SELECT r.id, r.campaign_id, a.unit_id, r.group_code FROM responses r JOIN answers a ON a.response_id = r.id
          WHERE r.campaign_id = ${f.campaignId} GROUP BY r.id, r.campaign_id, a.unit_id, r.group_code`,
    );
    const analyst = (await t.tokenFor('analyst')).token;
    const res = await t.app.inject({ method: 'GET', url: `/api/campaigns/${f.campaignId}/progress`, headers: { authorization: `Bearer ${analyst}` } });
    expect(res.statusCode).toBe(200);
    const body = res.json<ProgressView>();

    const perDay = new Map<string, number>();
    for (const x of rows) perDay.set(vietnamDay(x.at), (perDay.get(vietnamDay(x.at)) ?? 0) + 1);
    expect(body.daily).toEqual([...perDay].sort(([a], [b]) => a.localeCompare(b)).map(([date, responses]) => ({ date, responses })));
    expect(body.daily.map((d) => d.date)).toEqual(['2026-11-11', '2026-11-12', '2026-11-13']);

    const staffRows = rows.filter((x) => x.by !== null);
    const expected = [ana, binh].map(({ userId }) => {
      const mine = staffRows.filter((x) => x.by === userId);
      return { userId, interview: mine.filter((x) => x.channel === 'interview').length, paper: mine.filter((x) => x.channel === 'paper').length, total: mine.length };
    });
    expect(body.collectors.map(({ name: _name, ...c }) => c)).toEqual(expected);
    expect(body.collectors[0]?.name).toBe(`ana-${process.pid}`);
    expect(body.collectors.reduce((s, c) => s + c.total, 0)).toBe(body.totals.responses - 1);

    // Rows carry the unit's type, parent and the quota minimum, for filtering and "not enough answers".
    const tc = body.units.find((r) => r.code === 'SO-TC' && r.group === 'cong_chuc');
    expect(tc).toMatchObject({ type: 'so', parentId: null, quota: 5, minimum: 3, responses: 2 });
    expect(body.units.find((r) => r.code === 'XA-01')).toMatchObject({ type: 'xa', group: 'nguoi_dan', minimum: 3 });
    // Days only, never a time of day.
    expect(res.body).not.toMatch(/\d{2}:\d{2}/);
  });
});

describe('results people can read: the unit page and the workbook for people', () => {
  let t: TestApp;
  let f: FixtureCampaign;
  let get: (url: string) => Promise<LightResponse>;
  beforeAll(async () => {
    t = await buildTestApp();
    f = await createFixtureCampaign(t.database.db);
    const token = (await t.tokenFor('analyst')).token;
    get = (url) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    const [NV, TC, TP] = ['SO-NV', 'SO-TC', 'SO-TP'].map((c) => f.unitIds[c] ?? '') as [string, string, string];
    await insertResponses(t.database.db, f.campaignId, [
      ...x3(own(f.own, NV, { q1: 'A', q2: 'A' }), own(f.own, NV, { q1: 'B', q2: 'E' }), own(f.own, NV, { q1: 'C', q2: 'B' })),
      ...x3(
        cross(f.cross, { [NV]: { x1: 'B', x2: 'A' }, [TC]: { x1: 'A', x2: 'A' }, [TP]: { x1: 'D', x2: 'C' } }),
        cross(f.cross, { [NV]: { x1: 'D', x2: 'C' }, [TC]: { x1: 'A', x2: 'A' }, [TP]: { x1: 'C', x2: 'C' } }),
      ),
      ...['4', '5', '2', '4'].map((c) => own(f.citizen, f.unitIds['XA-01'] ?? '', { s_access: c, s_procedure: '3', s_servant: c, s_result: '5', s_feedback: '1' })),
    ]);
  });
  afterAll(() => t.close());

  const mean = (codes: string[]) => {
    const w = codes.map((c) => WEIGHT[c]).filter((x): x is number => x !== null && x !== undefined);
    return w.reduce((s, x) => s + x, 0) / w.length;
  };

  it('gives every criterion of a unit with its cells, as the one-criterion view does', async () => {
    const nv = f.unitIds['SO-NV'] ?? '';
    const res = await get(`/api/campaigns/${f.campaignId}/scores/${nv}/cells`);
    expect(res.statusCode).toBe(200);
    const body = res.json<UnitCellsView>();
    expect(body.criteria.map((c) => c.criterionId)).toEqual(['1.1', '2.1.1', '2.1.2']);
    for (const c of body.criteria) {
      const one = (await get(`/api/campaigns/${f.campaignId}/scores/${nv}/criteria/${c.criterionId}`)).json();
      expect(c).toEqual(one);
    }
    // 1.1 = 4 × (m(q1, civil servants) + m(x1, delegates)) / 2, worked from the answers inserted.
    const q1 = mean(['A', 'B', 'C']);
    const x1 = mean(['B', 'D']);
    const c11 = body.criteria[0];
    expect(c11?.cells).toEqual([
      { questionId: 'q1', group: 'cong_chuc', groupWeight: 1, validAnswers: 9, dontKnow: 0, mean: expect.closeTo(q1, 12), withheld: false },
      { questionId: 'x1', group: 'dai_bieu_hdnd', groupWeight: 1, validAnswers: 6, dontKnow: 0, mean: expect.closeTo(x1, 12), withheld: false },
    ]);
    expect(c11?.points).toBeCloseTo((4 * (q1 + x1)) / 2, 12);
    expect(body.criteria[2]).toMatchObject({ criterionId: '2.1.2', points: null, cells: [] });
    expect((await get(`/api/campaigns/${f.campaignId}/scores/${f.unitIds['XA-01']}/cells`)).json<UnitCellsView>().criteria.every((c) => c.points === null)).toBe(true);
    const stranger = await get(`/api/campaigns/${f.campaignId}/scores/00000000-0000-4000-8000-000000000000/cells`);
    expect(stranger.json()).toMatchObject({ status: 404, code: 'unit.not_found' });
  });

  it('writes the workbook for people with names, provisional ranks, real intervals only, flags in Vietnamese and SIPAS', async () => {
    const scores = (await get(`/api/campaigns/${f.campaignId}/scores`)).json<ScoresView>();
    const res = await get(`/api/campaigns/${f.campaignId}/scores-report.xlsx`);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(res.rawPayload).buffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Xếp hạng', 'Tiêu chí', 'Hài lòng (SIPAS)']);
    const ranking = book.getWorksheet('Xếp hạng');
    expect(ranking?.getRow(2).getCell(1).value).toBe('Không có phiếu nào bị loại khi làm sạch số liệu.');
    const header = (ranking?.getRow(3).values as unknown[]).slice(1);
    expect(header).toContain('Tên đơn vị');
    expect(header[6]).toBe('Phiếu bị loại');
    expect(header).toContain('Khoảng tin cậy 95%');
    const rowOf = (code: string) => {
      let found: unknown[] = [];
      ranking?.eachRow((row) => {
        const v = (row.values as unknown[]).slice(1);
        if (v[4] === code) found = v;
      });
      return found;
    };
    // Six delegates rated every agency, but only SO-NV has civil servants (minimum 3): SO-TC and SO-TP are provisional.
    const tc = scores.units.find((x) => x.code === 'SO-TC');
    const nv = scores.units.find((x) => x.code === 'SO-NV');
    expect(tc?.provisional).toBe(true);
    expect(nv?.provisional).toBe(false);
    const tcRow = rowOf('SO-TC');
    expect(tcRow.slice(0, 4)).toEqual(['Sở, ban, ngành', tc?.rank, 'Tạm tính: chưa đủ số phiếu', 'Sở Tài chính']);
    expect(tcRow[6]).toBe(0);
    expect(tcRow[10]).toBe('Không có khoảng tin cậy');
    expect(String(tcRow[13])).toContain('Nhóm Công chức: 0 người trả lời hợp lệ, dưới mức tối thiểu 3');
    expect(String(tcRow[13])).not.toMatch(/respondents|missing|criteria/);
    const nvRow = rowOf('SO-NV');
    const ci = nv?.ci95 ?? [0, 0];
    expect(ci[1]).toBeGreaterThan(ci[0]);
    expect(nvRow[10]).toBe(formatInterval(ci[0], ci[1]));
    expect(nvRow[9]).toBeCloseTo(nv?.percent ?? Number.NaN, 9);
    // Criteria by name, the code beside it.
    const crit = book.getWorksheet('Tiêu chí');
    const names = new Set<string>();
    crit?.eachRow((row, i) => {
      if (i > 1) names.add(`${String(row.getCell(3).value)}|${String(row.getCell(4).value)}`);
    });
    expect([...names].sort()).toEqual(['Chỉ đạo, điều hành|1.1', 'Công khai thủ tục|2.1.1', 'Đúng hạn|2.1.2']);
    // SIPAS for XA-01: access 4, 5, 2, 4 → 3 of 4 satisfied = 75%; procedure all 3 → 0%; result all 5 → 100%.
    const sipas = book.getWorksheet('Hài lòng (SIPAS)');
    const xa = (sipas?.getRow(2).values as unknown[]).slice(1);
    expect(xa.slice(0, 2)).toEqual(['Phường Bến Thành', 'XA-01']);
    const elements = [75, 0, 75, 100, 0];
    expect(xa.slice(2, 7)).toEqual(elements);
    expect(xa[7]).toBeCloseTo(elements.reduce((s, x) => s + x, 0) / 5, 9);
  });
});
