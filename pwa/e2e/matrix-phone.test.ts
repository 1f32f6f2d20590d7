import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useLiveBrowser } from './live-browser';
import { createMatrixCampaign, type MatrixCampaign } from './matrix-campaign';
import { shoot } from './screens';

/**
 * The cross-evaluation matrix on a 360×640 phone and on a desk (docs/PWA.md "The
 * cross-evaluation matrix"): paged, labels in view, the first gap found after a failed
 * "Tiếp", "Điền cả cột" asking before it replaces answers, search and "skip this unit" at 150 units.
 */
const e2e = useLiveBrowser();

async function campaign(units: number): Promise<MatrixCampaign> {
  return createMatrixCampaign(e2e.live.t.database.db, await e2e.live.t.app.invitationPepper(), units);
}

/** A touch phone: every answer below is given with `tap()`, nothing is typed. */
async function touchPhone() {
  const context = await e2e.browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'vi-VN', serviceWorkers: 'block', hasTouch: true, isMobile: true });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('pageerror:', e.message));
  return { context, page };
}

const cell = (page: Page, q: string, unitId: string, value: string) => page.locator(`input[name="q-${q}-${unitId}"][value="${value}"]`);
const checked = (page: Page, q: string, unitIds: string[]) =>
  page.evaluate(({ q, unitIds }) => unitIds.map((u) => document.querySelector<HTMLInputElement>(`input[name="q-${q}-${u}"]:checked`)?.value ?? null), { q, unitIds });
const where = (page: Page) => page.locator('.mx-where').first().textContent();

describe('the cross-evaluation matrix', () => {
  it('a respondent completes 20 units × 7 questions on a 360×640 phone with taps only', async () => {
    const c = await campaign(20);
    const ids = c.names.map((n) => c.unitIds[n] as string);
    const { context, page } = await touchPhone();
    try {
      await page.goto(`${e2e.live.base}/r/${c.code}`);
      await page.getByRole('button', { name: 'Bắt đầu' }).tap();
      await expect.poll(() => where(page)).toBe('Câu 1/7');
      // One question's units on screen, never the whole matrix.
      expect(await page.locator('table.mx-grid').count()).toBe(1);
      expect(await page.locator('table.mx-grid tbody input[type="radio"]').count()).toBe(20 * 5);

      // Scrolled to the last unit, the question and the option labels are still on screen.
      await page.locator(`tr[id="q-m1-${ids[19]}"]`).scrollIntoViewIfNeeded();
      const key = await page.locator('.mx-keys').boundingBox();
      expect(key && key.y >= 0 && key.y + key.height <= 640).toBe(true);
      expect(await page.locator('.mx-keys th').allTextContents()).toEqual(['A Rất tốt', 'B Tốt', 'C Trung bình', 'D Kém', '? Không biết / Không đánh giá']);
      await page.screenshot({ path: 'test-output/matrix-phone-sticky.png' });

      // m1: the whole column "Tốt" (nothing answered yet: no question asked), then one cell by hand.
      await page.getByRole('button', { name: 'Điền cả cột: Tốt' }).tap();
      await cell(page, 'm1', ids[3]!, 'A').tap();
      expect(await checked(page, 'm1', ids)).toEqual(ids.map((_, i) => (i === 3 ? 'A' : 'B')));
      expect(await page.locator('.mx-total').textContent()).toContain('Đã trả lời 20/140 ô');

      // m2: one answer given, then "fill the column" asks before replacing it.
      await page.getByRole('button', { name: 'Sau ›' }).first().tap();
      await expect.poll(() => where(page)).toBe('Câu 2/7');
      await cell(page, 'm2', ids[0]!, 'A').tap();
      await page.getByRole('button', { name: 'Điền cả cột: Kém' }).tap();
      const dialog = page.getByRole('dialog');
      await expect.poll(() => dialog.textContent()).toContain('1 ô đã có câu trả lời khác');
      await shoot(page, 'matrix-fill-confirm');
      await dialog.getByRole('button', { name: 'Chỉ điền ô trống' }).tap();
      expect(await checked(page, 'm2', ids)).toEqual(ids.map((_, i) => (i === 0 ? 'A' : 'D')));
      // Cancel changes nothing…
      await page.getByRole('button', { name: 'Điền cả cột: Trung bình' }).tap();
      await expect.poll(() => dialog.textContent()).toContain('20 ô đã có câu trả lời khác');
      await dialog.getByRole('button', { name: 'Hủy' }).tap();
      expect(await dialog.isVisible()).toBe(false);
      expect(await checked(page, 'm2', ids)).toEqual(ids.map((_, i) => (i === 0 ? 'A' : 'D')));
      // …and consent replaces every cell.
      await page.getByRole('button', { name: 'Điền cả cột: Tốt' }).tap();
      await dialog.getByRole('button', { name: 'Thay cả các ô này' }).tap();
      expect(await checked(page, 'm2', ids)).toEqual(ids.map(() => 'B'));

      // m3, m4 whole columns; m5 only the first five units; m6 "don't know"; m7 "Tốt".
      const plan: [string, string | null][] = [
        ['m3', 'Rất tốt'],
        ['m4', 'Trung bình'],
        ['m5', null],
        ['m6', 'Không biết / Không đánh giá'],
        ['m7', 'Tốt'],
      ];
      for (const [q, label] of plan) {
        await page.getByRole('button', { name: 'Sau ›' }).first().tap();
        await expect.poll(() => where(page)).toBe(`Câu ${q.slice(1)}/7`);
        if (label) await page.getByRole('button', { name: `Điền cả cột: ${label}` }).tap();
        else for (const u of ids.slice(0, 5)) await cell(page, q, u, 'A').tap();
      }
      expect(await page.locator('.mx-total').textContent()).toContain('Đã trả lời 125/140 ô');

      // Per unit: the sixth unit is the first with something left, and the list says how many remain.
      expect(await page.getByRole('button', { name: 'Còn 15 đơn vị chưa xong' }).count()).toBe(1);
      await page.getByRole('button', { name: 'Theo đơn vị' }).tap();
      await expect.poll(() => page.locator('#mx-unit-name').textContent()).toBe(c.names[5]);
      expect(await page.locator('.mx-uhead .mx-count').textContent()).toBe('Đã trả lời 6/7 ô');
      expect(await page.locator('.mx-uq').count()).toBe(7);
      await shoot(page, 'matrix-by-unit');
      await page.getByRole('button', { name: 'Theo câu hỏi' }).tap();
      await page.getByRole('button', { name: '‹ Trước' }).first().tap();

      // "Tiếp" with gaps: the page of the first gap, focus on its cell, the message in view.
      await page.getByRole('button', { name: 'Tiếp', exact: true }).tap();
      await expect.poll(() => where(page)).toBe('Câu 5/7');
      await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe(`q-m5-${ids[5]}`);
      const focused = await page.locator(`tr[id="q-m5-${ids[5]}"]`).boundingBox();
      expect(focused && focused.y >= 0 && focused.y + focused.height <= 640).toBe(true);
      const alert = page.locator('.mx-alert');
      expect(await alert.textContent()).toBe('Còn 15 ô chưa trả lời');
      const alertBox = await alert.boundingBox();
      expect(alertBox && alertBox.y >= 0 && alertBox.y + alertBox.height <= 640).toBe(true);
      await shoot(page, 'matrix-first-gap');

      // The rest of m5 through the helper, keeping the five given answers.
      await page.getByRole('button', { name: 'Điền cả cột: Trung bình' }).tap();
      await dialog.getByRole('button', { name: 'Chỉ điền ô trống' }).tap();
      expect(await page.locator('.mx-alert').count()).toBe(0);
      await page.getByRole('button', { name: 'Tiếp', exact: true }).tap();
      await page.getByRole('button', { name: 'Gửi phiếu' }).tap();
      await expect.poll(() => page.locator('[data-status="sent"]').count(), { timeout: 20_000 }).toBe(1);
    } finally {
      await context.close();
    }

    // What the server stored, worked out from the taps above.
    const expected = new Map<string, string>();
    ids.forEach((u, i) => {
      expected.set(`m1|${u}`, i === 3 ? 'A' : 'B');
      expected.set(`m2|${u}`, 'B');
      expected.set(`m3|${u}`, 'A');
      expected.set(`m4|${u}`, 'C');
      expected.set(`m5|${u}`, i < 5 ? 'A' : 'C');
      expected.set(`m6|${u}`, 'E');
      expected.set(`m7|${u}`, 'B');
    });
    expect(await storedAnswers(c.campaignId)).toEqual(expected);
  });

  it('on a desk the matrix is a table with header row and column, driven by the keyboard', async () => {
    const c = await campaign(20);
    const ids = c.names.map((n) => c.unitIds[n] as string);
    const context = await e2e.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', serviceWorkers: 'block' });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    try {
      await page.goto(`${e2e.live.base}/r/${c.code}`);
      await page.getByRole('button', { name: 'Bắt đầu' }).click();
      const table = page.getByRole('table', { name: 'Chất lượng hướng dẫn, trả lời kiến nghị của xã' });
      await expect.poll(() => table.count()).toBe(1);
      expect(await table.evaluate((e) => getComputedStyle(e).display)).toBe('table');
      expect(await table.getByRole('columnheader').allTextContents()).toEqual(['A Rất tốt', 'B Tốt', 'C Trung bình', 'D Kém', '? Không biết / Không đánh giá']);
      expect(await table.getByRole('rowheader', { name: new RegExp(`^${c.names[1]}`) }).count()).toBe(1);
      // Each row's cells sit side by side under their headers.
      const [a, b] = await Promise.all([cell(page, 'm1', ids[0]!, 'A').boundingBox(), cell(page, 'm1', ids[0]!, 'B').boundingBox()]);
      expect(a && b && Math.abs(a.y - b.y) < 1 && b.x > a.x).toBe(true);

      // ↓ moves to the same option of the next unit, Space answers, → moves along the row (and answers).
      await cell(page, 'm1', ids[0]!, 'A').focus();
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowDown');
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe(`q-m1-${ids[1]}`);
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowRight');
      expect(await checked(page, 'm1', ids.slice(0, 3))).toEqual(['A', 'B', null]);
      await shoot(page, 'matrix-desk-grid');
    } finally {
      await context.close();
    }
  });

  it('150 units: find a commune by name without diacritics and mark it "không đánh giá" in one tap', async () => {
    const c = await campaign(150);
    const { context, page } = await touchPhone();
    try {
      await page.goto(`${e2e.live.base}/r/${c.code}`);
      await page.getByRole('button', { name: 'Bắt đầu' }).tap();
      await expect.poll(() => where(page)).toBe('Câu 1/7');
      // The first rows at once, the rest as the respondent scrolls down.
      const rows = page.locator('table.mx-grid tbody tr[id]');
      expect(await rows.count()).toBe(30);
      for (let i = 0; i < 10 && (await rows.count()) < 150; i++) await rows.last().scrollIntoViewIfNeeded();
      expect(await rows.count()).toBe(150);
      expect(await page.getByRole('button', { name: 'Còn 150 đơn vị chưa xong' }).count()).toBe(1);

      const search = page.getByRole('searchbox', { name: 'Tìm đơn vị' });
      await search.fill('phuong phuoc long');
      const hits = page.locator('.mx-find .mx-unit-btn');
      await expect.poll(() => hits.allTextContents()).toEqual(['Phường Phước Long0/7']);
      await search.fill('hà nội');
      await expect.poll(() => page.getByText('Không thấy đơn vị nào').count()).toBe(1);
      await search.fill('phuong phuoc long');
      await hits.first().tap();
      await expect.poll(() => page.locator('#mx-unit-name').textContent()).toBe('Phường Phước Long');
      const unit = c.unitIds['Phường Phước Long'] as string;

      await page.getByRole('button', { name: 'Không đánh giá cả đơn vị' }).tap();
      expect(await page.getByRole('dialog').isVisible()).toBe(false);
      expect(await Promise.all(c.questionIds.map((q) => cell(page, q, unit, 'E').isChecked()))).toEqual(c.questionIds.map(() => true));
      expect(await page.locator('.mx-uhead .mx-count').textContent()).toBe('Đã trả lời 7/7 ô');
      expect(await page.getByRole('button', { name: 'Còn 149 đơn vị chưa xong' }).count()).toBe(1);
      await shoot(page, 'matrix-150-unit');

      // On a unit with an answer of its own, the same button asks first; "blank cells only" keeps it.
      await page.getByRole('button', { name: 'Sau ›' }).first().tap();
      const next = c.unitIds[c.names[c.names.indexOf('Phường Phước Long') + 1] as string] as string;
      await cell(page, 'm2', next, 'A').tap();
      await page.getByRole('button', { name: 'Không đánh giá cả đơn vị' }).tap();
      await page.getByRole('dialog').getByRole('button', { name: 'Chỉ điền ô trống' }).tap();
      expect(await Promise.all(c.questionIds.map((q) => page.locator(`input[name="q-${q}-${next}"]:checked`).getAttribute('value')))).toEqual(c.questionIds.map((q) => (q === 'm2' ? 'A' : 'E')));
    } finally {
      await context.close();
    }
  });
});

/** The stored answers of the campaign's one response, as "question|unit" → value. */
async function storedAnswers(campaignId: string): Promise<Map<string, string>> {
  const { responses } = await import('../../db/schema');
  const { eq } = await import('drizzle-orm');
  await e2e.live.t.app.ballotMixer.run('all'); // held until the mix (docs/PRIVACY.md)
  const rows = await e2e.live.t.database.db.select({ content: responses.content }).from(responses).where(eq(responses.campaignId, campaignId));
  expect(rows).toHaveLength(1);
  const content = JSON.parse(rows[0]?.content ?? '{}') as { answers?: { unitId: string | null; questionId: string; value: unknown }[] };
  return new Map((content.answers ?? []).map((a) => [`${a.questionId}|${a.unitId}`, String(a.value)]));
}
