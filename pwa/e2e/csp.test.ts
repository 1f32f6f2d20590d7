import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { waitForServiceWorker } from './browser';
import { useLiveBrowser } from './live-browser';

/**
 * The app works under its Content-Security-Policy (server/plugins/security-headers.ts) in a
 * real Chromium: the respondent's form with its early invitation preload, inline stylesheet and
 * inline entry script (one running copy of the app, its lazy chunks included), the service
 * worker, the staff login and console, and the printable slips sheet (a blob: page that
 * inherits the app's policy). Any violation (console report or `securitypolicyviolation`
 * event, in any tab) fails the test.
 */
const e2e = useLiveBrowser();

/** Records every CSP violation of every page of the context, including tabs it opens. */
async function watchViolations(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await context.exposeBinding('__cspViolation', (_source, text: string) => void violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation(text: string): void }).__cspViolation(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.documentURI}`);
    });
  });
  const watch = (page: Page) => {
    page.on('console', (msg) => {
      if (/Content[- ]Security[- ]Policy|Refused to/i.test(msg.text())) violations.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (e) => violations.push(`pageerror: ${e.message}`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return violations;
}

describe('the app under its Content-Security-Policy in Chromium', () => {
  it('respondent form, preload and service worker run with no violation', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'vi-VN', serviceWorkers: 'allow' });
    context.setDefaultTimeout(15_000);
    const violations = await watchViolations(context);
    try {
      const page = await context.newPage();
      const [code] = await e2e.live.issue('cong_chuc', 1, 'SO-NV');
      const invitations: string[] = [];
      page.on('request', (r) => void (r.url().includes('/api/invitations/') && invitations.push(r.url())));
      const response = await page.goto(`${e2e.live.base}/r/${code}`);
      expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'[^;]*;/);
      await expect.poll(() => page.getByText('Sở Nội vụ tỉnh Thử Nghiệm').count()).toBeGreaterThan(0);
      // The page's Link header (server/plugins/pwa-static.ts) asked for the invitation before the
      // app did, and the app's request took that answer: one request on the wire.
      expect(response?.headers()['link']).toContain(`</api/invitations/${code?.replace(/-/g, '')}>; rel=preload; as=fetch; crossorigin`);
      const initiators = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .filter((e) => e.name.includes('/api/invitations/'))
          .map((e) => (e as PerformanceResourceTiming).initiatorType),
      );
      expect(initiators).toEqual(['link']);
      expect(invitations).toHaveLength(1);
      // The first screen's stylesheet is inline (pwa/preload-plugin.ts), admitted by its hash: it applied.
      expect(await page.locator('.intro .btn').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(11, 83, 148)');
      // The entry script is inline too (pwa/invite-page-plugin.ts), admitted by its hash. Its
      // lazy chunks (the outbox that saves the first answer) reach the running copy through the
      // import map: the entry's file is never run as a second app, and the answer is saved.
      await page.getByRole('button', { name: 'Bắt đầu' }).click();
      await page.getByRole('radio', { name: 'Nữ' }).check();
      await expect.poll(() => page.getByText('Đã lưu trên máy này').count()).toBe(1);
      const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((path) => path.startsWith('/assets/')));
      expect(scripts.filter((path) => path.startsWith('/assets/index-'))).toEqual([]);
      expect(scripts.filter((path) => path.startsWith('/assets/entry-exports-'))).toHaveLength(1);
      expect(await page.locator('header').count()).toBe(1);
      await waitForServiceWorker(page);
      await page.reload();
      await expect.poll(() => page.getByText('Sở Nội vụ tỉnh Thử Nghiệm').count()).toBeGreaterThan(0);
      expect(violations).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('staff login, console and the QR slips sheet run with no violation, and the sheet is styled', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'vi-VN', serviceWorkers: 'block' });
    context.setDefaultTimeout(15_000);
    const violations = await watchViolations(context);
    try {
      await e2e.live.t.tokenFor('admin', `csp-admin-${process.pid}`);
      const page = await context.newPage();
      await page.goto(`${e2e.live.base}/login`);
      await page.getByLabel('Tên đăng nhập').fill(`csp-admin-${process.pid}`);
      await page.getByLabel('Mật khẩu').fill('mat-khau-thu-nghiem');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.waitForURL(/\/console/);
      await page.locator(`a[href="/console/c/${e2e.live.fixture.campaignId}"]`).click();
      await page.getByRole('button', { name: 'Mã mời' }).click();
      await page.getByLabel('Nhóm').selectOption('dai_bieu_hdnd');
      await page.getByLabel('Số mã').fill('3');
      await page.getByRole('button', { name: 'Tạo mã mời' }).click();
      await expect.poll(() => page.getByText(/^Đã tạo 3 mã/).count()).toBe(1);
      const [sheet] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: /In phiếu mời/ }).click()]);
      await sheet.waitForURL(/^blob:/);
      await sheet.locator('.slip').first().waitFor();
      expect(await sheet.locator('.slip').count()).toBe(3);
      expect(await sheet.locator('.qr svg').count()).toBe(3);
      // The inline style applied (admitted by its hash), not blocked.
      expect(await sheet.locator('.slip').first().evaluate((el) => getComputedStyle(el).borderTopStyle)).toBe('dashed');
      await sheet.screenshot({ path: 'test-output/csp-slips-sheet.png' });
      expect(violations).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
