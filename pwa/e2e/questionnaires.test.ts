import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { importXlsform } from '../../server/services/xlsform/import';
import { citizenBook, LABEL, workbook } from '../../server/test/xlsform-books';
import { useLiveBrowser } from './live-browser';

/**
 * The questionnaires page in Chromium: an XLSForm with a refused row is listed row by row,
 * the fixed file is previewed (summary and phone frame with live conditions), published,
 * downloaded back, and previewed as a phone; screenshots at 1366×768 and 360×640.
 */
const OUT = resolve(import.meta.dirname, '../../test-output');
const e2e = useLiveBrowser();
let admin: { username: string; password: string };
const FORM_ID = `e2e-xlsform-${process.pid}`;

/** The citizen test form with a date and a note added, so the phone shows the new kinds. */
function book(broken: boolean) {
  const b = citizenBook(FORM_ID);
  const survey = b.survey as (string | number | null)[][];
  survey.splice(4, 0, ['date', 'ngay_nop', 'Ngày nộp hồ sơ', null, null, null, null, null, null]);
  survey.splice(2, 0, ['note', 'loi_chao', 'Xin cảm ơn ông/bà đã dành thời gian trả lời.', null, null, null, null, null, null]);
  if (broken) survey.splice(6, 0, ['calculate', 'tong', 'Tổng', null, null, null, null, null, null]);
  return workbook(b);
}

beforeAll(async () => {
  const username = `qadmin-${process.pid}`;
  await e2e.live.t.tokenFor('admin', username);
  admin = { username, password: 'mat-khau-thu-nghiem' };
  mkdirSync(OUT, { recursive: true });
});

async function open(width: number, height: number): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await e2e.browser.newContext({ viewport: { width, height }, locale: 'vi-VN', serviceWorkers: 'block', acceptDownloads: true });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('pageerror:', e.message));
  page.on('dialog', (d) => void d.accept());
  await page.goto(`${e2e.live.base}/login`);
  await page.getByLabel('Tên đăng nhập').fill(admin.username);
  await page.getByLabel('Mật khẩu').fill(admin.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(/\/console$/);
  await page.getByRole('link', { name: 'Phiếu điều tra' }).click();
  await page.waitForURL(/\/console\/questionnaires$/);
  return { page, close: () => context.close() };
}

describe('questionnaires page in Chromium', () => {
  it('refuses a workbook row by row, previews the fixed one as a phone, publishes and downloads it', async () => {
    const dir = join(tmpdir(), `par-e2e-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    const bad = join(dir, 'phieu-loi.xlsx');
    const good = join(dir, 'phieu.xlsx');
    writeFileSync(bad, await book(true));
    writeFileSync(good, await book(false));
    const { page, close } = await open(1366, 768);
    try {
      const file = page.locator('input[type="file"]');
      await file.setInputFiles(bad);
      const problems = page.getByRole('table', { name: 'Lý do' });
      await expect.poll(() => problems.locator('tbody tr').count()).toBe(1);
      expect(await problems.locator('tbody tr td').allInnerTexts()).toEqual(['survey', '7', 'type', expect.stringContaining('calculate')]);
      await page.screenshot({ path: join(OUT, 'questionnaires-refused-1366x768.png'), fullPage: true });

      await file.setInputFiles(good);
      await expect.poll(() => page.getByText('Tệp hợp lệ.', { exact: false }).count()).toBe(1);
      expect(await page.locator('.q-summary').innerText()).toContain('3.1');
      const phoneFrame = page.getByRole('region', { name: 'Xem trước trên điện thoại (360 px)' });
      expect((await phoneFrame.boundingBox())?.width).toBe(360);
      await phoneFrame.getByRole('button', { name: 'Bắt đầu' }).click();
      await expect.poll(() => phoneFrame.getByText('Xin cảm ơn ông/bà đã dành thời gian trả lời.').count()).toBe(1);
      expect(await phoneFrame.locator('input[type="date"]').count()).toBe(1);
      await phoneFrame.getByRole('radio', { name: 'Nữ' }).check();
      await phoneFrame.locator('input[type="number"]').fill('2');
      await phoneFrame.getByRole('button', { name: 'Tiếp' }).click();
      // Relevance live: the comment appears for A or B, and goes away for C.
      await phoneFrame.locator('input[name="q-d3_1"][value="A"]').check();
      await expect.poll(() => phoneFrame.locator('#q-gop_y').count()).toBe(1);
      await page.screenshot({ path: join(OUT, 'questionnaires-preview-1366x768.png'), fullPage: true });
      await phoneFrame.locator('input[name="q-d3_1"][value="C"]').check();
      await expect.poll(() => phoneFrame.locator('#q-gop_y').count()).toBe(0);

      await page.getByRole('button', { name: 'Công bố' }).click();
      await expect.poll(() => page.getByText(`Đã công bố phiếu ${FORM_ID} phiên bản 1.`).count()).toBe(1);
      const row = page.locator('.q-list tr', { hasText: FORM_ID });
      await expect.poll(() => row.count()).toBe(1);
      const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: 'Tải Excel' }).click()]);
      const saved = join(dir, 'tai-ve.xlsx');
      await download.saveAs(saved);
      const back = await importXlsform(readFileSync(saved));
      expect(back.ok && back.questionnaire.id).toBe(FORM_ID);
      expect(back.ok && back.questionnaire.sections[0]?.questions.map((q) => q.kind)).toEqual(['note', 'single', 'number', 'date']);
    } finally {
      await close();
    }
  });

  it('previews a published questionnaire as a phone on a phone-sized screen', async () => {
    const { page, close } = await open(360, 640);
    try {
      const row = page.locator('.q-list tr', { hasText: FORM_ID });
      await row.getByRole('button', { name: 'Xem như trên điện thoại' }).click();
      const phoneFrame = page.locator('#q-opened').getByRole('region', { name: 'Xem trước trên điện thoại (360 px)' });
      await expect.poll(() => phoneFrame.getByRole('button', { name: 'Bắt đầu' }).count()).toBe(1);
      await phoneFrame.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(OUT, 'questionnaires-phone-360x640.png') });
      await page.screenshot({ path: join(OUT, 'questionnaires-page-360x640.png'), fullPage: true });
      expect(LABEL).toContain('vi');
    } finally {
      await close();
    }
  });
});
