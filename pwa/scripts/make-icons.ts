import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumLaunch } from '../e2e/chromium-path';

/**
 * Renders the hand-written SVG icons to the PNG sizes install prompts want (192, 512 and a
 * maskable 512), with the local Chromium. Run once after changing an icon:
 * `npx tsx pwa/scripts/make-icons.ts`; the PNGs are committed in pwa/public.
 */
const pub = fileURLToPath(new URL('../public/', import.meta.url));
const jobs = [
  { svg: 'icon.svg', png: 'icon-192.png', size: 192 },
  { svg: 'icon.svg', png: 'icon-512.png', size: 512 },
  { svg: 'icon-maskable.svg', png: 'icon-maskable-512.png', size: 512 },
];
const { executablePath, env } = await chromiumLaunch();
const browser = await chromium.launch({ executablePath, ...(env ? { env } : {}), args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  for (const job of jobs) {
    const page = await browser.newPage({ viewport: { width: job.size, height: job.size } });
    const svg = await readFile(pub + job.svg, 'utf8');
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${job.size}" height="${job.size}" `)}</body></html>`);
    await page.screenshot({ path: pub + job.png, omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
