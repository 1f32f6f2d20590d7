import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveServer, type LiveServer } from '../test/server';
import { launchChromium, phone, waitForServiceWorker } from './browser';
import { logInAndDownload } from './login';

/**
 * A new app version waits for the user's consent and never loses queued data. The server
 * serves a copy of pwa/dist; changing its sw.js is what a deployment of a new version does.
 */
let live: LiveServer;
let browser: Browser;
let dist: string;
const previous = process.env.TEST_PWA_DIST;
beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'par-pwa-dist-'));
  cpSync('pwa/dist', dist, { recursive: true });
  // Serve the plain sw.js (not the pre-compressed copies), so editing it is a new version.
  rmSync(join(dist, 'sw.js.gz'), { force: true });
  rmSync(join(dist, 'sw.js.br'), { force: true });
  process.env.TEST_PWA_DIST = dist;
  live = await startLiveServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await live?.close();
  if (previous === undefined) delete process.env.TEST_PWA_DIST;
  else process.env.TEST_PWA_DIST = previous;
  rmSync(dist, { recursive: true, force: true });
});

describe('app update in Chromium', () => {
  it('waits for consent, then updates with the queue intact', async () => {
    const { context, page } = await phone(browser, { serviceWorkers: 'allow' });
    try {
      await logInAndDownload(page, live);
      await waitForServiceWorker(page);

      // One response waits in the queue (offline) when the new version arrives.
      await context.setOffline(true);
      await page.getByLabel('Nhóm đối tượng').selectOption('cong_chuc');
      await page.getByRole('button', { name: 'Phỏng vấn mới' }).click();
      await page.getByRole('radio', { name: 'Nam' }).check();
      await page.getByRole('button', { name: 'Tiếp' }).click();
      for (const q of ['q1', 'q2', 'q3']) await page.locator(`input[name="q-${q}"][value="A"]`).check();
      await page.locator('input[name="q-co_gop_y"][value="khong"]').check();
      await page.getByRole('button', { name: 'Đưa vào hàng đợi gửi' }).click();
      await page.getByRole('button', { name: 'Phỏng vấn mới' }).waitFor();

      // Deploy: a changed service worker. The app asks; nothing changes until the user agrees.
      writeFileSync(join(dist, 'sw.js'), `${readFileSync(join(dist, 'sw.js'), 'utf8')}\n// version 2\n`);
      await context.setOffline(false);
      await page.reload();
      const banner = page.getByText('Đã có phiên bản mới. Dữ liệu trên máy được giữ nguyên.');
      await banner.waitFor({ timeout: 20_000 });
      // The new worker is installed but waiting; the page still runs the old one.
      expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting != null)).toBe(true);

      await page.getByRole('button', { name: 'Cập nhật' }).click();
      await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistration())?.waiting === null, undefined, { timeout: 20_000 });
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
      await page.getByRole('link', { name: 'Hộp thư đi' }).click();
      // Still queued or already sent by the new version, but never lost.
      await expect.poll(() => page.locator('[data-testid="outbox-items"] li').count()).toBe(1);
      expect(await page.locator('[data-testid="outbox-items"] li[data-status="draft"]').count()).toBe(0);
      await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
      await expect.poll(() => page.locator('li[data-status="sent"]').count(), { timeout: 20_000 }).toBe(1);
      expect(await live.storedCount()).toBe(1);
    } finally {
      await context.close();
    }
  });
});
