import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ScoresView } from '../../survey-forms/src';
import { cross, insertResponses, own } from '../../server/test/scores-rows';
import { useLiveBrowser } from './live-browser';
import { shoot } from './screens';

/**
 * Issue 11, data review and publishing in Chromium: the analyst finds the straight-lined
 * response among the flagged ones, excludes it with a reason (confirming), publishes a version,
 * downloads its workbook, and every criterion cell matches the published JSON; a second version
 * after new answers shows what changed. Screenshots at 1366×768 and 360×640.
 */
const SOON = { timeout: 15_000 };
const e2e = useLiveBrowser();
let analyst: { username: string; password: string; token: string };
let straightId = '';

beforeAll(async () => {
  const username = `phantich-${process.pid}`;
  const { token } = await e2e.live.t.tokenFor('analyst', username);
  analyst = { username, password: 'mat-khau-thu-nghiem', token };
  const f = e2e.live.fixture;
  const NV = f.unitIds['SO-NV'] ?? '';
  const TC = f.unitIds['SO-TC'] ?? '';
  const TP = f.unitIds['SO-TP'] ?? '';
  const x3 = <T>(...rows: T[]): T[] => [...rows, ...rows, ...rows];
  const ids = await insertResponses(e2e.live.t.database.db, f.campaignId, [
    cross(f.cross, { [NV]: { x1: 'D', x2: 'D' }, [TC]: { x1: 'D', x2: 'D' }, [TP]: { x1: 'D', x2: 'D' } }),
    ...x3(own(f.own, NV, { q1: 'A', q2: 'B', q3: 'C' }), own(f.own, TC, { q1: 'B', q2: 'A', q3: 'A' })),
    ...x3(cross(f.cross, { [NV]: { x1: 'B', x2: 'A' }, [TC]: { x1: 'A', x2: 'C' }, [TP]: { x1: 'A', x2: 'B' } })),
  ]);
  straightId = ids[0] ?? '';
});

async function open(user: { username: string; password: string } = analyst): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await e2e.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', serviceWorkers: 'block', acceptDownloads: true });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('pageerror:', e.message));
  page.on('dialog', (d) => void d.accept());
  await page.goto(`${e2e.live.base}/login`);
  await page.getByLabel('Tên đăng nhập').fill(user.username);
  await page.getByLabel('Mật khẩu').fill(user.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(/\/console$/);
  return { page, close: () => context.close() };
}

describe('data review and publishing in Chromium', () => {
  it('the analyst excludes a flagged response with a reason, publishes, and the downloaded workbook matches the API', async () => {
    const { page, close } = await open();
    try {
      const campaignId = e2e.live.fixture.campaignId;
      await page.getByRole('link', { name: e2e.live.fixture.definition.name }).click();
      await page.getByRole('button', { name: 'Làm sạch số liệu' }).click();
      const review = page.getByTestId('review-page');
      await expect.poll(() => review.locator('.review-item').count(), SOON).toBe(1);
      await page.getByLabel('Lọc theo lý do').selectOption('straight_lining');
      const item = review.locator(`[data-response="${straightId}"]`);
      await expect.poll(() => item.count(), SOON).toBe(1);
      expect(await item.locator('[data-flag="straight_lining"]').innerText()).toContain('Chọn cùng một phương án cho cả 6 câu được chấm điểm');
      // No reason, no exclusion: the page says so and nothing is sent.
      await item.getByRole('button', { name: 'Loại khỏi tính điểm' }).click();
      await expect.poll(() => page.getByText('Hãy ghi lý do loại phiếu.').count(), SOON).toBe(1);
      await item.getByLabel('Lý do loại phiếu (bắt buộc)').fill('Chọn D cho mọi câu, phiếu giấy không đọc được');
      await item.getByRole('button', { name: 'Loại khỏi tính điểm' }).click();
      await expect.poll(() => item.getAttribute('data-status'), SOON).toBe('excluded');
      expect(await item.innerText()).toContain('Chọn D cho mọi câu, phiếu giấy không đọc được');
      await shoot(page, 'review/review');

      // The exclusion is shown wherever a figure depends on it: scores (campaign and per unit), chart, unit page.
      await page.getByRole('button', { name: 'Điểm số', exact: true }).click();
      const note = page.getByTestId('excluded-note');
      await expect.poll(() => note.count(), SOON).toBe(1);
      expect(await note.innerText()).toContain('Đã loại 1 phiếu khi làm sạch số liệu');
      for (const code of ['SO-NV', 'SO-TC', 'SO-TP']) {
        expect(await page.locator(`tr[data-unit="${code}"] .excluded-unit`).innerText(), code).toBe('1 phiếu bị loại');
      }
      expect(await page.locator('tr[data-unit="XA-01"] .excluded-unit').count()).toBe(0);
      await shoot(page, 'review/scores-excluded');
      await page.getByRole('button', { name: 'Biểu đồ' }).click();
      await expect.poll(() => page.getByTestId('excluded-note').count(), SOON).toBe(1);
      await page.getByRole('button', { name: 'Điểm số', exact: true }).click();
      await page.locator('tr[data-unit="SO-NV"] a').click();
      await expect.poll(() => page.getByTestId('excluded-note').innerText(), SOON).toContain('đơn vị này: 1 phiếu');
      await shoot(page, 'review/unit-excluded');
      // Its link leads to the review page, wherever it is.
      await page.getByRole('link', { name: 'Xem trang làm sạch số liệu' }).click();
      await expect.poll(() => page.getByTestId('review-page').count(), SOON).toBe(1);
      expect(new URL(page.url()).hash).toBe('#review');

      await page.getByRole('button', { name: 'Công bố', exact: true }).click();
      await page.getByRole('button', { name: 'Công bố phiên bản mới' }).click();
      await expect.poll(() => page.getByText('Đã công bố phiên bản 1.').count(), SOON).toBe(1);
      const row = page.locator('[data-version="1"]');
      await expect.poll(() => row.count(), SOON).toBe(1);
      expect(await row.locator('[data-excluded]').innerText()).toBe('1');
      const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: 'Excel', exact: true }).click()]);
      const dir = join(tmpdir(), `par-e2e-review-${process.pid}`);
      mkdirSync(dir, { recursive: true });
      const saved = join(dir, 'diem-v1.xlsx');
      await download.saveAs(saved);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(saved);

      const res = await e2e.live.t.app.inject({ method: 'GET', url: `/api/campaigns/${campaignId}/publications/1/scores`, headers: { authorization: `Bearer ${analyst.token}` } });
      const published = ScoresView.parse(res.json());
      expect(published.excluded).toBe(1);
      const round4 = (x: number | null) => (x === null ? null : Math.round(x * 1e4) / 1e4);
      const expected = published.units.flatMap((u) => u.criteria.map((c) => [u.code, c.criterionId, round4(c.points), round4(c.maxPoints), c.validAnswers, u.name]));
      const sheet = book.getWorksheet('Tiêu chí');
      const cells: unknown[][] = [];
      sheet?.eachRow((r, n) => {
        if (n > 1) cells.push(Array.from({ length: 6 }, (_, i) => r.getCell(i + 1).value ?? null));
      });
      expect(cells).toEqual(expected);
      const totals = book.getWorksheet('Tổng hợp');
      const nv = published.units.find((u) => u.code === 'SO-NV');
      const nvRow = totals?.getRows(2, published.units.length)?.find((r) => r.getCell(1).value === 'SO-NV');
      expect(nvRow?.getCell(7).value).toBe(round4(nv?.percent ?? null));

      // The people's workbook of version 1: Vietnamese headers, every figure the frozen JSON's.
      const [report] = await Promise.all([page.waitForEvent('download'), row.getByTestId('version-report').click()]);
      const reportPath = join(dir, 'bao-cao-v1.xlsx');
      await report.saveAs(reportPath);
      const people = new ExcelJS.Workbook();
      await people.xlsx.readFile(reportPath);
      const ranking = people.getWorksheet('Xếp hạng');
      expect(String(ranking?.getRow(2).getCell(1).value)).toContain('Đã loại 1 phiếu');
      const header = (ranking?.getRow(3).values as unknown[]).slice(1);
      const col = (name: string) => header.indexOf(name) + 1;
      const figures: unknown[][] = [];
      ranking?.eachRow((r, n) => {
        if (n > 3) figures.push(['Mã đơn vị', 'Tên đơn vị', 'Số người trả lời', 'Phiếu bị loại', 'Điểm', 'Điểm (%)'].map((h) => r.getCell(col(h)).value ?? null));
      });
      const byCode = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
      expect(figures.sort(byCode)).toEqual(published.units.map((u) => [u.code, u.name, u.respondents, u.excluded, u.points, u.percent]).sort(byCode));

      // More answers arrive; a second version shows what changed, unit by unit.
      const f = e2e.live.fixture;
      await insertResponses(e2e.live.t.database.db, campaignId, [0, 1, 2].map(() => own(f.own, f.unitIds['SO-TC'] ?? '', { q1: 'A', q2: 'A', q3: 'A' })));
      await page.getByRole('button', { name: 'Công bố phiên bản mới' }).click();
      await expect.poll(() => page.getByText('Đã công bố phiên bản 2.').count(), SOON).toBe(1);
      await page.getByRole('button', { name: 'Xem thay đổi' }).click();
      const diff = page.getByTestId('diff-table');
      await expect.poll(() => diff.locator('[data-unit="SO-TC"]').getAttribute('data-changed'), SOON).toBe('true');
      expect(await diff.locator('[data-unit="XA-01"]').getAttribute('data-changed')).toBe('false');
      // Criteria by name (the code beside it), figures the Vietnamese way.
      expect(await diff.locator('[data-unit="SO-TC"] td').first().innerText()).toMatch(/^\d+,\d → \d+,\d$/);
      const names = e2e.live.fixture.definition.index.fields.flatMap((fl) => fl.criteria.flatMap((c) => [c, ...c.subCriteria]));
      const changedCriteria = diff.locator('[data-unit="SO-TC"] [data-criterion]');
      expect(await changedCriteria.count()).toBeGreaterThan(0);
      for (const el of await changedCriteria.all()) {
        const code = (await el.getAttribute('data-criterion')) ?? '';
        const text = await el.innerText();
        expect(text).toContain(names.find((c) => c.code === code)?.name ?? `name of ${code}`);
        expect(text).toMatch(/: (\d,\d\d|—) → (\d,\d\d|—)$/);
      }
      await shoot(page, 'review/publications');
    } finally {
      await close();
    }
  });

  it('an administrator issues an integration token, sees it once, and revokes it; the token then reads nothing', async () => {
    const username = `quantri-${process.pid}`;
    await e2e.live.t.tokenFor('admin', username);
    const { page, close } = await open({ username, password: 'mat-khau-thu-nghiem' });
    try {
      const campaignId = e2e.live.fixture.campaignId;
      await page.getByRole('link', { name: e2e.live.fixture.definition.name }).click();
      await page.getByRole('button', { name: 'Công bố', exact: true }).click();
      const panel = page.getByTestId('tokens-panel');
      await panel.getByLabel('Tên gợi nhớ (ví dụ: Phần mềm chỉ số CCHC tỉnh)').fill('Phần mềm chỉ số CCHC tỉnh');
      await panel.getByRole('button', { name: 'Cấp mã' }).click();
      const shown = panel.getByTestId('issued-token');
      await expect.poll(() => shown.count(), SOON).toBe(1);
      const token = await shown.innerText();
      expect(token).toMatch(/^pit_/);
      const read = () => e2e.live.t.app.inject({ method: 'GET', url: `/api/campaigns/${campaignId}/publications/latest/scores.csv`, headers: { authorization: `Bearer ${token}` } });
      expect((await read()).statusCode).toBe(200);
      await expect.poll(() => panel.getByRole('button', { name: 'Thu hồi' }).count(), SOON).toBe(1);
      await shoot(page, 'review/tokens');
      // Nothing on the page is wider than a 360 px phone (the token breaks anywhere).
      await page.setViewportSize({ width: 360, height: 640 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await page.setViewportSize({ width: 1366, height: 768 });
      await panel.getByRole('button', { name: 'Thu hồi' }).click();
      await expect.poll(() => panel.locator('li[data-token]', { hasText: 'Đã thu hồi' }).count(), SOON).toBe(1);
      expect((await read()).statusCode).toBe(401);
      // Shown once: a reload lists the token without it.
      await page.reload();
      await page.getByRole('button', { name: 'Công bố', exact: true }).click();
      await expect.poll(() => page.getByTestId('tokens-panel').locator('li[data-token]', { hasText: 'Phần mềm chỉ số CCHC tỉnh' }).count(), SOON).toBe(1);
      expect(await page.content()).not.toContain(token);
    } finally {
      await close();
    }
  });
});
