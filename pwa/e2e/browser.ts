import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumLaunch } from './chromium-path';

/**
 * Headless Chromium for the PWA's browser tests. Everything here stops by itself: the
 * browser is closed by the caller's afterAll, and every wait has a bound.
 */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];

/** The system Chromium when installed, otherwise the one bundled in npm (see chromium-path.ts). */
export async function launchChromium(): Promise<Browser> {
  const { executablePath, env } = await chromiumLaunch();
  return chromium.launch({ executablePath, ...(env ? { env } : {}), args: CHROMIUM_ARGS, timeout: 30_000 });
}

/** A phone-sized context (360×640) in Vietnamese. */
export async function phone(browser: Browser, options: { serviceWorkers?: 'allow' | 'block' } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'vi-VN', serviceWorkers: options.serviceWorkers ?? 'block' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('pageerror:', e.message));
  return { context, page };
}

/**
 * Waits until the service worker has precached the app and controls the page, so the app can
 * start offline. The worker does not claim open pages (updates wait for consent), so the first
 * visit is reloaded once, as a user coming back would.
 */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });
}
