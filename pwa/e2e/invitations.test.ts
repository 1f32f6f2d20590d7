import { withTransaction } from '../../db/client';
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { assignCollector, changeCampaignStatus } from '../../server/services/campaigns';
import { issueInvitations } from '../../server/services/invitations';
import { createFixtureCampaign } from '../../server/test/fixtures';
import { phone } from './browser';
import { useLiveBrowser } from './live-browser';
import { shoot } from './screens';


/** A loaded shared machine: UI steps may take seconds, never minutes. */
const SOON = { timeout: 15_000 };
/**
 * Issue 8: an admin issues a batch, prints legible slips whose QR codes open working
 * PUBLIC_URL links, and voids the unused codes; a closed campaign's code says the survey has
 * closed; cross interviews list their units and cannot start with none.
 */
// PUBLIC_URL names localhost while the console is opened at 127.0.0.1: the slips must use PUBLIC_URL.
const e2e = useLiveBrowser({ publicHost: 'localhost' });

async function adminConsole(): Promise<{ page: Page; close: () => Promise<void> }> {
  const username = `qt-${Date.now()}`;
  await e2e.live.t.tokenFor('admin', username);
  const context = await e2e.browser.newContext({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 2, locale: 'vi-VN', serviceWorkers: 'block' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await page.goto(`${e2e.live.base}/login`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill('mat-khau-thu-nghiem');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL('**/console');
  return { page, close: () => context.close() };
}

describe('invitation batches and slips', () => {
  it('issues a batch, prints slips at 10 pt or more whose QR opens a working PUBLIC_URL link, then voids the unused codes', async () => {
    const { page, close } = await adminConsole();
    const dialogs: string[] = [];
    page.on('dialog', (d) => void (dialogs.push(d.message()), d.accept()));
    try {
      await page.getByRole('link', { name: /^Khảo sát thử nghiệm/ }).click();
      await page.getByRole('button', { name: 'Mã mời' }).click();
      await page.getByLabel('Nhóm', { exact: true }).selectOption('cong_chuc');
      await page.getByLabel('Đơn vị được đánh giá').selectOption({ label: 'Sở Nội vụ (SO-NV)' });
      await page.getByLabel('Số mã').fill('3');
      await page.getByRole('button', { name: 'Tạo mã mời' }).click();
      await expect.poll(() => page.getByText(/^Đã tạo 3 mã/).count(), SOON).toBe(1);
      const codes = await page.locator('ul.list code').allTextContents();
      expect(codes).toHaveLength(3);
      const row = page.getByTestId('invitation-batches').locator('tbody tr');
      await expect.poll(() => row.count(), SOON).toBe(1);
      expect(await row.first().locator('td').allTextContents()).toEqual(expect.arrayContaining(['Công chức', 'Sở Nội vụ (SO-NV)', '3', '0']));

      const [sheet] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('button', { name: 'In phiếu mời (A4, có mã QR)' }).click()]);
      await sheet.waitForLoadState();
      await sheet.locator('.slip').first().waitFor();
      await sheet.emulateMedia({ media: 'print' });
      // Every piece of printed text is at least 10 pt (13.33 CSS px), and no slip hides any of it.
      const smallest = await sheet.evaluate(() => Math.min(...[...document.querySelectorAll('.slip p')].map((p) => parseFloat(getComputedStyle(p).fontSize))));
      expect(smallest).toBeGreaterThanOrEqual(10 * (96 / 72) - 0.01);
      const clipped = await sheet.evaluate(() => [...document.querySelectorAll<HTMLElement>('.slip')].filter((s) => s.scrollHeight > s.clientHeight + 1 || s.scrollWidth > s.clientWidth + 1).length);
      expect(clipped).toBe(0);
      await sheet.screenshot({ path: 'test-output/people/slips.png', fullPage: true });
      const qr = PNG.sync.read(await sheet.locator('.slip .qr').first().screenshot());
      const decoded = jsQR(new Uint8ClampedArray(qr.data), qr.width, qr.height);
      const port = new URL(e2e.live.base).port;
      expect(decoded?.data).toBe(`http://localhost:${port}/r/${(codes[0] as string).replace('-', '')}`);
      await sheet.close();

      // The QR link works on a phone: the form of that code opens.
      const respondent = await phone(e2e.browser);
      try {
        await respondent.page.goto(decoded?.data as string);
        await expect.poll(() => respondent.page.getByRole('button', { name: 'Bắt đầu' }).count(), SOON).toBe(1);
      } finally {
        await respondent.context.close();
      }

      await shoot(page, 'people/invitations');
      await page.getByRole('button', { name: 'Hủy mã chưa dùng' }).click();
      await expect.poll(() => page.getByText('Đã hủy 3 mã.').count(), SOON).toBe(1);
      expect(dialogs).toEqual([expect.stringContaining('Hủy 3 mã chưa dùng')]);
      await expect.poll(() => row.first().getByTestId('unused').textContent(), SOON).toBe('0');
      expect(await page.getByRole('button', { name: 'Hủy mã chưa dùng' }).count()).toBe(0);
      // The codes are never shown again once the panel is left.
      await page.getByRole('button', { name: 'Tiến độ' }).click();
      await page.getByRole('button', { name: 'Mã mời' }).click();
      expect(await page.content()).not.toContain(codes[0] as string);

      const voided = await phone(e2e.browser);
      try {
        await voided.page.goto(decoded?.data as string);
        await expect.poll(() => voided.page.getByText(/Mã mời không tồn tại hoặc đã bị hủy/).count(), SOON).toBe(1);
        expect(await voided.page.getByRole('button', { name: 'Thử lại' }).count()).toBe(0);
      } finally {
        await voided.context.close();
      }
    } finally {
      await close();
    }
  });

  it('a code of a closed campaign says the survey has closed', async () => {
    const other = await createFixtureCampaign(e2e.live.t.database.db);
    const [code] = await withTransaction(e2e.live.t.database.db, async (tx) => issueInvitations(tx, await e2e.live.t.app.invitationPepper(), other.campaignId, { group: 'dai_bieu_hdnd', count: 1 }));
    await withTransaction(e2e.live.t.database.db, (tx) => changeCampaignStatus(tx, other.campaignId, 'closing', new Date()));
    await withTransaction(e2e.live.t.database.db, (tx) => changeCampaignStatus(tx, other.campaignId, 'closed', new Date()));
    const { context, page } = await phone(e2e.browser);
    try {
      await page.goto(`${e2e.live.base}/r/${code}`);
      await expect.poll(() => page.getByText(/Đợt khảo sát này đã kết thúc/).count(), SOON).toBe(1);
      expect(await page.getByText(/Không tải được phiếu/).count()).toBe(0);
      // Trying again cannot reopen a closed survey: no retry button.
      expect(await page.getByRole('button', { name: 'Thử lại' }).count()).toBe(0);
      await shoot(page, 'people/closed-code');
    } finally {
      await context.close();
    }
  });
});

describe('cross-evaluation interviews', () => {
  it('list the units they cover, and cannot start with no unit of the type assigned', async () => {
    const { context, page } = await phone(e2e.browser);
    try {
      await page.goto(`${e2e.live.base}/login`);
      await page.getByLabel('Tên đăng nhập').fill(e2e.live.collector.username);
      await page.getByLabel('Mật khẩu').fill(e2e.live.collector.password);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByRole('button', { name: 'Tải về để dùng ngoại tuyến' }).click();
      await expect.poll(() => page.getByText(/^Đã tải về lúc/).count(), SOON).toBe(1);
      await page.getByLabel('Nhóm đối tượng').first().selectOption('dai_bieu_hdnd');
      // Assigned SO-NV and SO-TC: the form rates those two, listed before starting.
      expect(await page.getByTestId('cross-units').first().locator('li').allTextContents()).toEqual(['Sở Nội vụ', 'Sở Tài chính']);
      await shoot(page, 'people/collect-cross-units');
      await page.getByRole('button', { name: 'Phỏng vấn mới' }).first().click();
      await page.waitForURL('**/collect/d/*');
      await expect.poll(() => page.getByTestId('cross-units').locator('li').count(), SOON).toBe(2);
      await page.getByRole('button', { name: 'Tạm dừng' }).click();

      // Now only a commune is assigned: no agency to rate, so the cross form cannot start.
      await withTransaction(e2e.live.t.database.db, (tx) => assignCollector(tx, e2e.live.fixture.campaignId, e2e.live.collector.userId, [e2e.live.fixture.unitIds['XA-01'] as string]));
      await page.getByRole('button', { name: 'Tải về để dùng ngoại tuyến' }).click();
      await page.getByLabel('Nhóm đối tượng').first().selectOption('dai_bieu_hdnd');
      await expect.poll(() => page.getByText(/chưa được phân công đơn vị sở, ban, ngành nào/).count(), SOON).toBe(1);
      expect(await page.getByRole('button', { name: 'Phỏng vấn mới' }).first().isDisabled()).toBe(true);
      expect(await page.getByRole('button', { name: 'Nhập phiếu giấy' }).first().isDisabled()).toBe(true);
      await shoot(page, 'people/collect-no-units');
    } finally {
      await context.close();
    }
  });
});
