import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupCode } from '../../survey-forms/src/codes';
import { startDemoServer } from '../test/server';
import { launchChromium, phone } from './browser';

/**
 * On a 360×640 phone the intro's first screen shows what the survey is, the promise of
 * anonymity and the Start button without scrolling (components/intro.tsx), for each
 * questionnaire of the demo (the real forms, with their real titles and intros).
 */
let demo: Awaited<ReturnType<typeof startDemoServer>>;
let browser: Browser;
beforeAll(async () => {
  demo = await startDemoServer();
  browser = await launchChromium();
  mkdirSync('test-output', { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

const FORMS: { group: GroupCode; unitCode?: string }[] = [
  { group: 'cong_chuc', unitCode: 'SO-NV' },
  { group: 'lanh_dao_phong', unitCode: 'SO-TC' },
  { group: 'nguoi_dan', unitCode: '25801' },
  { group: 'dai_bieu_hdnd' },
];

describe('the intro above the fold', () => {
  it.each(FORMS)('$group: title, anonymity promise and "Bắt đầu" within 640 px', async ({ group, unitCode }) => {
    const code = await demo.issue(group, unitCode);
    const { context, page } = await phone(browser);
    try {
      await page.goto(`${demo.base}/r/${code}`);
      const start = page.getByRole('button', { name: 'Bắt đầu' });
      await start.waitFor();
      const fold = 640;
      for (const locator of [page.locator('.intro h1'), page.locator('.intro .promise'), start]) {
        const box = await locator.boundingBox();
        expect(box).not.toBeNull();
        expect(box!.y).toBeGreaterThanOrEqual(0);
        expect(box!.y + box!.height).toBeLessThanOrEqual(fold);
      }
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      await page.screenshot({ path: `test-output/intro-fold-${group}.png` });
    } finally {
      await context.close();
    }
  });

  it('loads English only when asked, keeps it after a reload, and still fits the fold', async () => {
    const code = await demo.issue('cong_chuc', 'SO-NV');
    const { context, page } = await phone(browser);
    const english: string[] = [];
    page.on('request', (r) => void (/respondent-en-[^/]*\.js$/.test(r.url()) && english.push(r.url())));
    try {
      await page.goto(`${demo.base}/r/${code}`);
      await page.getByRole('button', { name: 'Bắt đầu' }).waitFor();
      expect(english).toHaveLength(0);
      await page.getByRole('button', { name: 'English' }).click();
      const start = page.getByRole('button', { name: 'Start', exact: true });
      await start.waitFor();
      expect(english).toHaveLength(1);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      await page.reload();
      await start.waitFor();
      const box = await start.boundingBox();
      expect(box!.y + box!.height).toBeLessThanOrEqual(640);
      await page.screenshot({ path: 'test-output/intro-fold-english.png' });
    } finally {
      await context.close();
    }
  });
});
