import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import jsQR from 'jsqr';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../../db/client';
import { parseDefinitions } from '../../survey-forms/definitions';
import { buildTestApp, type TestApp } from '../../server/test/harness';
import { ensureFirstAdmin } from '../../server/services/users';
import { freePort } from '../test/server';
import { launchChromium, phone } from './browser';
import { shoot } from './screens';

/**
 * Issue 8's proof: a whole survey year from an EMPTY server (only the first admin, with the
 * password the server printed), by the console alone. Last year's campaign is set up first
 * (units from CSV with a bad row refused then fixed, the index and a questionnaire from the
 * example workbooks survey-forms/examples/ ships); this year's is a copy of it with quotas in
 * bulk, a collector assigned, opened; invitations are issued and printed, a slip's QR code is
 * decoded and answered on a phone, progress moves in the console, and the admin logs out.
 * Every console page is photographed at 1366×768 and 360×640 into test-output/new-year/.
 * The test only reads the server directly to check results, never to set anything up.
 */
const SOON = { timeout: 20_000 };
const EXAMPLES = resolve(import.meta.dirname, '../../survey-forms/examples');
const FORM = parseDefinitions().questionnaires.find((q) => q.id === 'cong-chuc-xa');
const ORGANIZER = 'Sở Nội vụ tỉnh Thử Nghiệm';

let t: TestApp;
let base: string;
let printed: string;
let browser: Browser;

beforeAll(async () => {
  // PUBLIC_URL names localhost while the console is opened at 127.0.0.1: slips must use PUBLIC_URL.
  const port = await freePort();
  // A mix batch of one: a ballot is counted as soon as it arrives (plugins/ballot-mixer.ts), no timer to wait for.
  t = await buildTestApp(undefined, { publicUrl: `http://localhost:${port}`, mix: { batch: 1 } });
  await t.app.listen({ port, host: '127.0.0.1' });
  base = `http://127.0.0.1:${port}`;
  // What server.ts does on an empty database: the first admin, with a printed password.
  const first = await withTransaction(t.database.db, (tx) => ensureFirstAdmin(tx, 'quantri', undefined));
  printed = first.generatedPassword ?? '';
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
const xlsx = (name: string) => ({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: readFileSync(resolve(EXAMPLES, name)) });

/** The API as the admin, to check what the UI saved. */
async function apiGet<T>(token: string, url: string): Promise<T> {
  const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  expect(res.statusCode).toBe(200);
  return res.json();
}

async function step(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).click();
}

/** A blank campaign's general step, filled in. */
async function fillCampaign(page: Page, year: number): Promise<void> {
  await page.getByLabel('Tên đợt khảo sát').fill(`Khảo sát xã hội học xác định Chỉ số cải cách hành chính năm ${year}`);
  await page.getByLabel('Năm', { exact: true }).fill(String(year));
  await page.getByLabel('Ngày bắt đầu').fill(`${year}-11-01`);
  await page.getByLabel('Ngày kết thúc').fill(`${year}-12-31`);
}

/** Answers every question of every section with its first option (and any comment box), then sends. */
async function answerAll(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Bắt đầu' }).click();
  for (let section = 0; section < 20; section++) {
    const names = await page.locator('main input[type="radio"]').evaluateAll((inputs) => [...new Set(inputs.map((i) => (i as HTMLInputElement).name))]);
    for (const name of names) await page.locator(`input[type="radio"][name="${name}"]`).first().check();
    // A first option may bring up a comment box (relevance): it gets a few words.
    for (const box of await page.locator('main textarea').all()) await box.fill('Cần công khai thủ tục rõ hơn.');
    const send = page.getByRole('button', { name: 'Gửi phiếu' });
    if ((await send.count()) > 0) {
      await send.click();
      return;
    }
    await page.getByRole('button', { name: 'Tiếp' }).click();
  }
  throw new Error('the form never reached "Gửi phiếu"');
}

describe('a new survey year from an empty server, in Chromium', () => {
  it('sets up last year and this year by the console alone, invites, collects one answer, sees progress, logs out', async () => {
    expect(FORM).toBeDefined();
    expect(printed.length).toBeGreaterThan(8);
    const context: BrowserContext = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', serviceWorkers: 'block' });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    const errors: string[] = [];
    const dialogs: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => void (dialogs.push(d.message()), d.accept()));
    try {
      // ── First login with the printed password: the account page asks for a new one.
      await page.goto(`${base}/login`);
      await page.getByLabel('Tên đăng nhập').waitFor();
      await shoot(page, 'new-year/login');
      await page.getByLabel('Tên đăng nhập').fill('quantri');
      await page.getByLabel('Mật khẩu').fill(printed);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.waitForURL('**/account');
      await expect.poll(() => page.getByText(/mật khẩu được cấp/).count(), SOON).toBe(1);
      await shoot(page, 'new-year/account-must-change');
      await page.getByLabel('Mật khẩu hiện tại').fill(printed);
      await page.getByLabel('Mật khẩu mới (ít nhất 8 ký tự)').fill('mat-khau-cua-so-noi-vu');
      await page.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-cua-so-noi-vu');
      await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
      await expect.poll(() => page.getByText('Đã đổi mật khẩu.').count(), SOON).toBe(1);
      await page.getByRole('link', { name: 'Tiếp tục làm việc' }).click();
      await page.waitForURL('**/console');
      await page.getByText('Chưa có đợt khảo sát nào.').waitFor();
      await shoot(page, 'new-year/campaigns-empty');

      // ── A questionnaire from the shipped XLSForm workbook, previewed as a phone, published.
      await page.getByRole('link', { name: 'Phiếu điều tra' }).click();
      await page.waitForURL('**/console/questionnaires');
      await page.locator('input[type="file"]').setInputFiles(xlsx('cong-chuc-xa.xlsx'));
      await expect.poll(() => page.getByText('Tệp hợp lệ.', { exact: false }).count(), SOON).toBe(1);
      const phoneFrame = page.getByRole('region', { name: 'Xem trước trên điện thoại (360 px)' });
      await phoneFrame.getByRole('button', { name: 'Bắt đầu' }).waitFor();
      await shoot(page, 'new-year/questionnaires-preview');
      await page.getByRole('button', { name: 'Công bố' }).click();
      await expect.poll(() => page.getByText('Đã công bố phiếu cong-chuc-xa phiên bản 1.').count(), SOON).toBe(1);
      await shoot(page, 'new-year/questionnaires');
      await page.locator('.q-list tr', { hasText: 'cong-chuc-xa' }).getByRole('button', { name: 'Xem như trên điện thoại' }).click();
      await page.locator('#q-opened').getByRole('button', { name: 'Bắt đầu' }).waitFor();
      await shoot(page, 'new-year/questionnaire-opened');

      // ── Last year's campaign, from scratch.
      await page.getByRole('link', { name: 'Đợt khảo sát', exact: true }).click();
      await page.getByRole('link', { name: 'Tạo đợt khảo sát' }).click();
      await fillCampaign(page, 2025);
      await page.getByLabel('Đơn vị tổ chức').fill(ORGANIZER);
      await shoot(page, 'new-year/setup-create-blank');
      await page.getByRole('button', { name: 'Tạo đợt khảo sát' }).click();
      await expect.poll(() => page.getByTestId('campaign-status').textContent(), SOON).toBe('Bản nháp');
      await shoot(page, 'new-year/setup-general');
      await step(page, '2. Nhóm');
      await page.getByLabel('Nhóm cong_chuc').waitFor();
      await shoot(page, 'new-year/setup-groups');

      // Units: the row with an unknown type is refused with its Excel row, then the fixed file saves.
      await step(page, '3. Đơn vị');
      const units = 'Mã,Tên đơn vị,Loại,Mã đơn vị cấp trên\nSO-NV,Sở Nội vụ,so,\nP-BT,Phường Bến Thành,phuong-moi,\nX-TP,Xã Tân Phú,xa,\n';
      await page.getByLabel('Chọn tệp CSV hoặc Excel (.xlsx)').setInputFiles(csv('don-vi.csv', units));
      await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
      const errorRow = page.getByTestId('sheet-errors').locator('tbody tr');
      await expect.poll(() => errorRow.count(), SOON).toBe(1);
      expect(await errorRow.locator('td').allTextContents()).toEqual(['don_vi', '3', 'Loại', expect.stringContaining('"phuong-moi"')]);
      expect(await page.getByRole('button', { name: 'Lưu vào đợt khảo sát' }).count()).toBe(0);
      await shoot(page, 'new-year/setup-units-refused');
      await page.getByLabel('Chọn tệp CSV hoặc Excel (.xlsx)').setInputFiles(csv('don-vi.csv', units.replace('phuong-moi', 'phường')));
      await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
      await page.getByText('Tệp hợp lệ: 3 đơn vị').waitFor();
      await page.getByRole('button', { name: 'Lưu vào đợt khảo sát' }).click();
      await page.getByText('Đơn vị · 3').waitFor();
      await shoot(page, 'new-year/setup-units');

      // The index from the shipped workbook: its points add up to the survey's share.
      await step(page, '4. Bộ chỉ số');
      await page.getByLabel('Chọn tệp CSV hoặc Excel (.xlsx)').setInputFiles(xlsx('bo-chi-so.xlsx'));
      await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
      await page.getByRole('button', { name: 'Lưu vào đợt khảo sát' }).click();
      await expect.poll(() => page.getByTestId('index-sum').last().textContent(), SOON).toContain('✓');
      await shoot(page, 'new-year/setup-index');

      await step(page, '5. Phiếu');
      await page.getByLabel('Công chức · Cấp xã').selectOption({ label: `${FORM?.title} (v1)` });
      // Saved when the chosen version shows under the list.
      await page.getByTestId('forms-matrix').getByText('cong-chuc-xa v1').waitFor();
      await shoot(page, 'new-year/setup-forms');

      // ── This year: a copy of last year's.
      await page.getByRole('link', { name: 'Đợt khảo sát', exact: true }).click();
      await page.getByRole('link', { name: /năm 2025/ }).waitFor();
      await page.getByRole('link', { name: 'Tạo đợt khảo sát' }).click();
      await page.getByRole('radio', { name: /Sao chép/ }).check();
      await page.getByLabel(/Sao chép từ/).selectOption({ label: `2025 · Khảo sát xã hội học xác định Chỉ số cải cách hành chính năm 2025` });
      await fillCampaign(page, 2026);
      await shoot(page, 'new-year/setup-create-copy');
      await page.getByRole('button', { name: 'Tạo đợt khảo sát' }).click();
      await expect.poll(() => page.getByTestId('campaign-status').textContent(), SOON).toBe('Bản nháp');
      const thisYear = /\/console\/c\/([0-9a-f-]{36})\/setup/.exec(page.url())?.[1] ?? '';
      expect(thisYear).not.toBe('');
      await step(page, '3. Đơn vị');
      await page.getByText('Đơn vị · 3').waitFor();
      await step(page, '5. Phiếu');
      await page.getByTestId('forms-matrix').getByText('cong-chuc-xa v1').waitFor();

      // Quotas in bulk: 5 công chức for each commune-level unit.
      await step(page, '6. Chỉ tiêu');
      await page.getByLabel('Chỉ tiêu Công chức Cấp xã').fill('5');
      await page.getByRole('button', { name: 'Áp dụng' }).click();
      await page.getByText('Đã đặt chỉ tiêu cho 2 ô').waitFor();
      await expect.poll(() => page.getByTestId('quota-list').locator('tbody tr').count(), SOON).toBe(2);
      await shoot(page, 'new-year/setup-quotas');

      // ── A collector, assigned the two communes of this year's campaign.
      await page.getByRole('link', { name: 'Cán bộ' }).click();
      await page.getByLabel('Tên đăng nhập').fill('dtv.tanphu');
      await page.getByLabel('Họ và tên').fill('Trần Thị Tân Phú');
      await page.getByLabel('Vai trò').selectOption('collector');
      await page.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill('mat-khau-ban-dau');
      await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
      await expect.poll(() => page.getByText('Đã tạo tài khoản dtv.tanphu.').count(), SOON).toBe(1);
      await page.getByRole('combobox', { name: 'Đợt khảo sát', exact: true }).selectOption(thisYear);
      await page.getByLabel('Điều tra viên', { exact: true }).selectOption({ label: 'Trần Thị Tân Phú (dtv.tanphu)' });
      await page.getByLabel('Loại đơn vị').selectOption('xa');
      await expect.poll(() => page.getByTestId('assign-units').locator('li').count(), SOON).toBe(2);
      await page.getByRole('button', { name: 'Chọn tất cả đơn vị đang hiện' }).click();
      await shoot(page, 'new-year/staff');
      await page.getByRole('button', { name: 'Lưu phân công' }).click();
      await expect.poll(() => page.getByText('Đã lưu: dtv.tanphu được giao 2 đơn vị.').count(), SOON).toBe(1);

      // ── Open this year's campaign after the readiness check.
      await page.getByRole('link', { name: 'Đợt khảo sát', exact: true }).click();
      await shoot(page, 'new-year/campaigns');
      await page.getByRole('link', { name: /năm 2026/ }).click();
      await page.getByRole('link', { name: 'Thiết lập đợt khảo sát' }).click();
      await step(page, '7. Kiểm tra và mở');
      await page.getByText('Đợt khảo sát đã đủ điều kiện để mở.').waitFor();
      await shoot(page, 'new-year/setup-open');
      await page.getByRole('button', { name: 'Mở đợt khảo sát' }).click();
      await expect.poll(() => page.getByTestId('campaign-status').textContent(), SOON).toBe('Đang mở');
      await shoot(page, 'new-year/setup-opened');

      // ── Invitations for Xã Tân Phú, printed; the QR codes decode to working links.
      await page.getByRole('link', { name: 'Đợt khảo sát', exact: true }).click();
      await page.getByRole('link', { name: /năm 2026/ }).click();
      await expect.poll(() => page.locator('p', { hasText: /^Tổng cộng:/ }).textContent(), SOON).toContain('0 / 10');
      await shoot(page, 'new-year/campaign-view');
      await page.getByRole('button', { name: 'Mã mời' }).click();
      await page.getByLabel('Nhóm', { exact: true }).selectOption('cong_chuc');
      await page.getByLabel('Đơn vị được đánh giá').selectOption({ label: 'Xã Tân Phú (X-TP)' });
      await page.getByLabel('Số mã').fill('2');
      await page.getByRole('button', { name: 'Tạo mã mời' }).click();
      await expect.poll(() => page.getByText(/^Đã tạo 2 mã/).count(), SOON).toBe(1);
      const codes = (await page.locator('ul.list code').allTextContents()).map((c) => c.replace('-', ''));
      expect(codes).toHaveLength(2);
      await shoot(page, 'new-year/invitations');
      const [sheet] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'In phiếu mời (A4, có mã QR)' }).click()]);
      await sheet.locator('.slip .qr').first().waitFor();
      await sheet.emulateMedia({ media: 'print' });
      await sheet.screenshot({ path: 'test-output/new-year/slips.png', fullPage: true });
      // Each slip's QR (inline SVG) drawn large with a white margin, photographed and decoded.
      const svgs = await sheet.locator('.slip .qr svg').evaluateAll((nodes) => nodes.map((n) => n.outerHTML));
      const reader = await browser.newPage({ viewport: { width: 400, height: 400 } });
      const links: string[] = [];
      for (const svg of svgs) {
        await reader.setContent(`<body style="margin:0;background:#fff"><div style="padding:40px;width:320px;height:320px">${svg.replace('<svg', '<svg width="320" height="320"')}</div></body>`);
        const png = PNG.sync.read(await reader.screenshot());
        links.push(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? '');
      }
      await reader.close();
      await sheet.close();
      const publicBase = `http://localhost:${new URL(base).port}`;
      expect(links).toEqual(codes.map((c) => `${publicBase}/r/${c}`));

      // ── One respondent answers on a phone, through the slip's link itself (PUBLIC_URL: localhost).
      const respondent = await phone(browser);
      try {
        const link = new URL(links[0] as string);
        expect(link.pathname).toMatch(/^\/r\/[A-Z0-9]+$/);
        await respondent.page.goto(link.href);
        await expect.poll(() => respondent.page.getByText(ORGANIZER).count(), SOON).toBeGreaterThan(0);
        await answerAll(respondent.page);
        await expect.poll(() => respondent.page.locator('[data-status="sent"]').count(), SOON).toBe(1);
        await respondent.page.screenshot({ path: 'test-output/new-year/respondent-sent.png', fullPage: true });
      } catch (error) {
        await respondent.page.screenshot({ path: 'test-output/new-year/respondent-failure.png', fullPage: true }).catch(() => undefined);
        throw error;
      } finally {
        await respondent.context.close();
      }

      // ── Progress moves in the console: 1 of 10, and the batch counts one code used.
      // The reload keeps the tab last shown (#invitations): back to progress.
      await page.reload();
      await page.getByRole('button', { name: 'Tiến độ' }).click();
      await expect.poll(() => page.locator('p', { hasText: /^Tổng cộng:/ }).textContent(), SOON).toContain('1 / 10');
      await page.getByRole('button', { name: 'Mã mời' }).click();
      const batch = page.getByTestId('invitation-batches').locator('tbody tr');
      await expect.poll(() => batch.first().getByTestId('unused').textContent(), SOON).toBe('1');
      const { token } = await t.tokenFor('admin');
      const progress = await apiGet<{ totals: { quota: number; responses: number } }>(token, `/api/campaigns/${thisYear}/progress`);
      expect(progress.totals).toEqual({ quota: 10, responses: 1 });

      // ── The remaining console pages: audit log and account.
      await page.getByRole('link', { name: 'Nhật ký thao tác' }).click();
      await expect.poll(() => page.getByTestId('audit-table').locator('tbody tr').count(), SOON).toBeGreaterThan(5);
      await shoot(page, 'new-year/audit');
      await page.getByRole('link', { name: 'Tài khoản của tôi' }).click();
      await page.getByLabel('Mật khẩu hiện tại').waitFor();
      await shoot(page, 'new-year/account');

      // ── Log out.
      await page.getByRole('button', { name: /^Đăng xuất/ }).click();
      await page.waitForURL('**/login');
      expect(errors).toEqual([]);
      expect(dialogs).toEqual([expect.stringContaining('Công bố phiếu cong-chuc-xa'), expect.stringContaining('Mở đợt khảo sát')]);
    } catch (error) {
      await page.screenshot({ path: 'test-output/new-year/failure.png', fullPage: true }).catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  }, 170_000);
});
