import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { cross, insertResponses, own } from '../../server/test/scores-rows';
import { phone } from './browser';
import { useLiveBrowser } from './live-browser';
import { shoot } from './screens';

/** A loaded shared machine: UI steps may take seconds, never minutes. */
const SOON = { timeout: 15_000 };

/**
 * Issue 11, fieldwork and results people can read: an analyst follows progress (gaps first,
 * the daily trend, per-collector counts), reads the scores (names, Vietnamese numbers, a
 * provisional rank and no interval for a unit below its quota minimum, sortable columns),
 * the chart of units with their intervals and a unit's page with every criterion and the
 * questions behind it. Screenshots of each page at 1366×768 and 360×640 in test-output/results/.
 */
const e2e = useLiveBrowser();
beforeAll(async () => {
  const f = e2e.live.fixture;
  const u = (code: string) => f.unitIds[code] ?? '';
  const x3 = <T>(...rows: T[]): T[] => [...rows, ...rows, ...rows];
  const rows = [
    ...x3(own(f.own, u('SO-NV'), { q1: 'A', q2: 'A', q3: 'B' }), own(f.own, u('SO-NV'), { q1: 'B', q2: 'C', q3: 'A' }), own(f.own, u('SO-NV'), { q1: 'C', q2: 'B', q3: 'B' })),
    ...x3(own(f.own, u('SO-TP'), { q1: 'B', q2: 'B', q3: 'C' })),
    // SO-TC: two civil servants, below the quota minimum of 3: provisional, and every answer A.
    own(f.own, u('SO-TC'), { q1: 'A', q2: 'A', q3: 'A' }),
    own(f.own, u('SO-TC'), { q1: 'A', q2: 'A', q3: 'A' }),
    ...x3(
      cross(f.cross, { [u('SO-NV')]: { x1: 'B', x2: 'A' }, [u('SO-TC')]: { x1: 'A', x2: 'A' }, [u('SO-TP')]: { x1: 'C', x2: 'B' } }),
      cross(f.cross, { [u('SO-NV')]: { x1: 'A', x2: 'C' }, [u('SO-TC')]: { x1: 'A', x2: 'A' }, [u('SO-TP')]: { x1: 'B', x2: 'D' } }),
    ),
    ...['4', '5', '2', '4'].map((c) => own(f.citizen, u('XA-01'), { s_access: c, s_procedure: '3', s_servant: c, s_result: '5', s_feedback: '4' })),
  ];
  const ids = await insertResponses(e2e.live.t.database.db, f.campaignId, rows);
  const db = e2e.live.t.database.db;
  // Spread over days; the first civil servants' forms were interviews by the fixture's collector.
  for (const [i, id] of ids.entries()) {
    const day = `2026-11-${String(3 + (i % 9)).padStart(2, '0')}T09:00:00+07:00`;
    const collected = i < 6;
    await db.execute(sql`UPDATE responses SET completed_at = ${day}, submitted_by = ${collected ? e2e.live.collector.userId : null}, channel = ${collected ? 'interview' : 'paper'} WHERE id = ${id}`);
  }
  await db.execute(
    sql`INSERT INTO response_units (response_id, campaign_id, unit_id, group_code)
        SELECT r.id, r.campaign_id, a.unit_id, r.group_code FROM responses r JOIN answers a ON a.response_id = r.id
        WHERE r.campaign_id = ${f.campaignId} GROUP BY r.id, r.campaign_id, a.unit_id, r.group_code`,
  );
});

describe('results in the console', () => {
  it('an analyst follows progress, reads scores, the chart and a unit page, in Vietnamese with Vietnamese numbers', async () => {
    await e2e.live.t.tokenFor('analyst', `phantich-${process.pid}`);
    const { context, page } = await phone(e2e.browser);
    try {
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.goto(`${e2e.live.base}/login`);
      await page.getByLabel('Tên đăng nhập').fill(`phantich-${process.pid}`);
      await page.getByLabel('Mật khẩu').fill('mat-khau-thu-nghiem');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.waitForURL('**/console');
      await page.getByRole('link', { name: e2e.live.fixture.definition.name }).click();

      // Progress: gaps first (below the minimum before all), the daily trend, the collector's count.
      await expect.poll(() => page.locator('.progress-rows tbody tr').count(), SOON).toBe(8);
      const first = await page.locator('.progress-rows tbody tr').first().innerText();
      expect(first).toContain('chưa đủ số phiếu tối thiểu');
      await expect.poll(() => page.locator('.daily-chart rect').count(), SOON).toBe(9);
      const collectors = await page.locator('section[aria-labelledby="collectors-title"] tbody tr').innerText();
      expect(collectors).toContain(e2e.live.collector.username);
      expect(collectors.replace(/\s+/g, ' ')).toMatch(/ 6 0 6$/);
      await page.getByLabel('Loại đơn vị').selectOption('xa');
      await expect.poll(() => page.locator('.progress-rows tbody tr').count(), SOON).toBe(2);
      await page.getByLabel('Loại đơn vị').selectOption('');
      await shoot(page, 'results/progress');

      // Scores: names, Vietnamese numbers, SO-TC provisional without an interval.
      await page.getByRole('button', { name: 'Điểm số' }).click();
      const tc = page.locator('tr[data-unit="SO-TC"]');
      await expect.poll(() => tc.count(), SOON).toBe(1);
      const tcText = await tc.innerText();
      expect(tcText).toContain('tạm tính');
      expect(tcText).toContain('Chưa đủ số phiếu');
      expect(tcText).toContain('không có khoảng tin cậy');
      expect(tcText).toContain('100,0');
      const table = await page.locator('.scores-rows').innerText();
      expect(table).not.toContain('100,0–100,0');
      expect(table).not.toMatch(/\d\.\d\b/); // no decimal point anywhere: 41,8, never 41.8
      expect(await page.locator('tr[data-unit="SO-NV"]').innerText()).toMatch(/\d+,\d–\d+,\d/);
      // The flag's sentence is Vietnamese only, with the group's name.
      expect(await tc.locator('span.tag', { hasText: 'Chưa đủ số phiếu' }).getAttribute('title')).toContain('Nhóm Công chức: 2 người trả lời hợp lệ');
      // SIPAS: XA-01 access 3 of 4 satisfied.
      expect(await page.locator('.sipas-rows').innerText()).toContain('75,0%');
      // Sortable: by name, then reversed.
      const names = () => page.locator('.scores-rows tbody tr td:nth-child(2) a').allInnerTexts();
      await page.getByRole('button', { name: 'Sắp xếp theo: Đơn vị' }).click();
      const ascending = await names();
      expect(ascending).toEqual([...ascending].sort((a, b) => a.localeCompare(b, 'vi')));
      await page.getByRole('button', { name: 'Sắp xếp theo: Đơn vị' }).click();
      expect(await names()).toEqual([...ascending].reverse());
      await page.getByRole('button', { name: 'Sắp xếp theo: Hạng' }).click();
      await shoot(page, 'results/scores');

      // The chart: the three agencies, SO-TC a hollow dot without a bar.
      await page.getByRole('button', { name: 'Biểu đồ' }).click();
      await expect.poll(() => page.locator('.forest-rows li').count(), SOON).toBe(3);
      expect(await page.locator('li[data-unit="SO-TC"] .forest-whisker').count()).toBe(0);
      expect(await page.locator('li[data-unit="SO-TC"] .forest-dot.hollow').count()).toBe(1);
      expect(await page.locator('li[data-unit="SO-NV"] .forest-whisker').count()).toBe(1);
      await shoot(page, 'results/chart');

      // A unit page: criteria by name, the questions behind them, the cells.
      await page.locator('li[data-unit="SO-NV"] a').click();
      await page.waitForURL(`**/units/${e2e.live.fixture.unitIds['SO-NV']}`);
      await expect.poll(() => page.locator('.criterion-block').count(), SOON).toBe(3);
      const unitText = await page.locator('main, body').first().innerText();
      for (const text of ['Chỉ đạo, điều hành', 'Công khai thủ tục', 'Đúng hạn', 'Công tác chỉ đạo CCHC', 'Chỉ đạo điều hành CCHC', 'Công chức', 'Đại biểu HĐND']) expect(unitText).toContain(text);
      expect(unitText).toMatch(/S = M × Σ w·m \/ Σ w = 4 × \d+,\d+ \/ 2 = \d+,\d\d/);
      await shoot(page, 'results/unit');
      // Back to the campaign lands on the tab left.
      await page.getByRole('link', { name: '← Về đợt khảo sát' }).click();
      await expect.poll(() => page.locator('.forest-rows li').count(), SOON).toBe(3);
    } finally {
      await context.close();
    }
  });
});
