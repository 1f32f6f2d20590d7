import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Page } from 'playwright-core';

/** The two sizes every page is looked at: a laptop (1366×768) and a small phone (360×640). */
export const SIZES = [
  { width: 1366, height: 768, tag: 'desktop' },
  { width: 360, height: 640, tag: 'phone' },
] as const;

/**
 * Full-page screenshots of the current page at both sizes into test-output/<name>-<size>.png
 * (git-ignored), then the page's own size back.
 */
export async function shoot(page: Page, name: string): Promise<void> {
  const before = page.viewportSize();
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    const path = `test-output/${name}-${size.tag}.png`;
    mkdirSync(dirname(path), { recursive: true });
    await page.screenshot({ path, fullPage: true });
  }
  if (before) await page.setViewportSize(before);
}
