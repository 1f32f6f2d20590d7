import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureQuestionnaires } from '../../server/test/fixtures';
import { buildTestApp, type TestApp } from '../../server/test/harness';
import { INDEX_CSV } from '../../server/test/setup-helpers';
import { launchChromium } from './browser';

/**
 * A survey year set up from an empty server by the console alone: create a campaign, import
 * units (a bad row refused with its row, then the fixed file), import the index, choose the
 * questionnaires of each group × unit type, set quotas in bulk, see what blocks opening, open.
 * Screenshots of every step at 1366×768 and 360×640 go to test-output/.
 */
let t: TestApp;
let base: string;
let browser: Browser;
const OUT = 'test-output/campaign-setup';

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  t = await buildTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  // Questionnaires are published beforehand (their import page is another page of the console).
  const { token } = await t.tokenFor('admin', 'quantri');
  const forms = fixtureQuestionnaires(`e2e-${process.pid}`);
  const ownXa = { ...structuredClone(forms.own), id: `cc-xa-e2e-${process.pid}`, title: 'Phiếu công chức cấp xã', unitType: 'xa' as const };
  for (const q of [forms.own, ownXa, forms.citizen]) {
    const res = await t.app.inject({ method: 'POST', url: '/api/questionnaires', headers: { authorization: `Bearer ${token}` }, payload: q });
    expect(res.statusCode).toBe(201);
  }
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function shoot(page: Page, name: string): Promise<void> {
  for (const [w, h] of [
    [1366, 768],
    [360, 640],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `${OUT}/${name}-${w}x${h}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

/** expect.poll waits 1 s by default; a loaded machine with PostgreSQL needs longer for a save and a reload. */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 });

const file = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

describe('campaign set-up in Chromium', () => {
  it('sets up and opens a year from an empty server', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', serviceWorkers: 'block' });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => void d.accept());
    try {
      await page.goto(`${base}/login`);
      await page.getByLabel('Tên đăng nhập').fill('quantri');
      await page.getByLabel('Mật khẩu').fill('mat-khau-thu-nghiem');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByText('Chưa có đợt khảo sát nào.').waitFor();
      await shoot(page, '01-empty');

      await page.getByRole('link', { name: 'Tạo đợt khảo sát' }).click();
      await page.getByLabel('Đơn vị tổ chức').fill('Sở Nội vụ tỉnh Thử Nghiệm');
      await page.getByLabel('Năm').fill('2026');
      await page.getByLabel('Ngày bắt đầu').fill('2026-11-01');
      await page.getByLabel('Ngày kết thúc').fill('2026-12-31');
      await shoot(page, '02-create');
      await page.getByRole('button', { name: 'Tạo đợt khảo sát' }).click();
      await page.getByText('Thiết lập đợt khảo sát').first().waitFor();
      await poll(() => page.getByTestId('campaign-status').textContent()).toBe('Bản nháp');
      await shoot(page, '03-general');

      await page.getByRole('button', { name: '2. Nhóm' }).click();
      await page.getByLabel('Nhóm cong_chuc').waitFor();
      await shoot(page, '04-groups');

      await page.getByRole('button', { name: '3. Đơn vị' }).click();
      const bad = 'Mã,Tên đơn vị,Loại\nSO-NV,Sở Nội vụ,so\nXA-01,Phường Bến Thành,tinh\nXA-02,Xã Tân Phú,xa\n';
      await page.getByLabel('Chọn tệp CSV hoặc Excel (.xlsx)').setInputFiles(file('don-vi.csv', bad));
      await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
      const errorRow = page.getByTestId('sheet-errors').locator('tbody tr');
      await poll(() => errorRow.count()).toBe(1);
      expect(await errorRow.locator('td').allTextContents()).toEqual(['don_vi', '3', 'Loại', expect.stringContaining('Loại "tinh" không rõ')]);
      await shoot(page, '05-units-refused');
      await page.getByLabel('Chọn tệp CSV hoặc Excel (.xlsx)').setInputFiles(file('don-vi.csv', bad.replace('tinh', 'phường')));
      await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
      await page.getByText('Tệp hợp lệ: 3 đơn vị').waitFor();
      await page.getByRole('button', { name: 'Lưu vào đợt khảo sát' }).click();
      await page.getByText('Đơn vị · 3').waitFor();
      await shoot(page, '06-units');

      await page.getByRole('button', { name: '4. Bộ chỉ số' }).click();
      await page.getByLabel('Chọn tệp CSV hoặc Excel (.xlsx)').setInputFiles(file('bo-chi-so.csv', INDEX_CSV));
      await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
      await page.getByRole('button', { name: 'Lưu vào đợt khảo sát' }).click();
      await poll(() => page.getByTestId('index-sum').last().textContent()).toContain('✓');
      await shoot(page, '07-index');

      await page.getByRole('button', { name: '7. Kiểm tra và mở' }).click();
      await poll(() => page.getByTestId('open-problems').locator('li').count()).toBe(2);
      expect(await page.getByTestId('open-problems').textContent()).toContain('Chưa chọn phiếu nào');
      await shoot(page, '08-check-incomplete');

      await page.getByRole('button', { name: '5. Phiếu' }).click();
      await page.getByLabel('Công chức · Sở, ban, ngành').selectOption({ label: 'Phiếu khảo sát công chức về cơ quan mình (v1)' });
      await poll(() => page.getByLabel('Công chức · Cấp xã').isEnabled()).toBe(true);
      await page.getByLabel('Công chức · Cấp xã').selectOption({ label: 'Phiếu công chức cấp xã (v1)' });
      await page.getByLabel('Người dân, tổ chức, doanh nghiệp · Cấp xã').selectOption({ label: 'Phiếu lấy ý kiến người dân (SIPAS) (v1)' });
      await poll(() => page.getByTestId('forms-matrix').locator('.muted').count()).toBe(3);
      await shoot(page, '09-forms');

      await page.getByRole('button', { name: '6. Chỉ tiêu' }).click();
      await page.getByLabel('Chỉ tiêu Công chức Sở, ban, ngành').fill('4');
      await page.getByLabel('Chỉ tiêu Công chức Cấp xã').fill('5');
      await page.getByLabel('Chỉ tiêu Người dân, tổ chức, doanh nghiệp Cấp xã').fill('30');
      await page.getByLabel('Tối thiểu Người dân, tổ chức, doanh nghiệp Cấp xã').fill('5');
      await page.getByRole('button', { name: 'Áp dụng' }).click();
      await page.getByText('Đã đặt chỉ tiêu cho 5 ô').waitFor();
      await poll(() => page.getByTestId('quota-list').locator('tbody tr').count()).toBe(5);
      await shoot(page, '10-quotas');

      await page.getByRole('button', { name: '7. Kiểm tra và mở' }).click();
      await page.getByText('Đợt khảo sát đã đủ điều kiện để mở.').waitFor();
      await page.getByRole('button', { name: 'Mở đợt khảo sát' }).click();
      await poll(() => page.getByTestId('campaign-status').textContent()).toBe('Đang mở');
      await page.getByText('Đợt khảo sát đã mở:', { exact: false }).first().waitFor();
      await shoot(page, '11-opened');
      expect(errors).toEqual([]);
    } catch (error) {
      // What the page showed when a step failed, for the one reading the test output.
      await page.screenshot({ path: `${OUT}/failure.png`, fullPage: true }).catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });
});
