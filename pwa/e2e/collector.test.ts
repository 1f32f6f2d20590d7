import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withTransaction } from '../../db/client';
import { assignCollector } from '../../server/services/campaigns';
import { phone, waitForServiceWorker } from './browser';
import { useLiveBrowser } from './live-browser';
import { answerAndQueue, countOutbox, startInterview } from './interview';
import { logInAndDownload } from './login';

/** The collector's offline day, a cut-off sync, a rejected response, in a real e2e.browser. */
const e2e = useLiveBrowser();

const logIn = (page: Page) => logInAndDownload(page, e2e.live);

const count = countOutbox;

describe('collector in Chromium', () => {
  it('works offline (three interviews, one paused), survives a reload offline, and syncs exactly three', async () => {
    const { context, page } = await phone(e2e.browser, { serviceWorkers: 'allow' });
    try {
      await logIn(page);
      await waitForServiceWorker(page);
      const before = await e2e.live.storedCount();

      await context.setOffline(true);
      // Interview 1 is started and paused half-way.
      await startInterview(page, 'Sở Nội vụ');
      await page.locator('input[name="q-q1"][value="B"]').check();
      await page.getByRole('button', { name: 'Tạm dừng' }).click();
      // Interviews 2 and 3 are done in the meantime.
      await startInterview(page, 'Sở Tài chính');
      await answerAndQueue(page, 'A');
      await startInterview(page, 'Sở Nội vụ');
      await answerAndQueue(page, 'C');
      // Back to interview 1: it resumes where it stopped.
      await page.getByTestId('drafts').getByRole('link').first().click();
      expect(await page.locator('input[name="q-q1"][value="B"]').isChecked()).toBe(true);
      await answerAndQueue(page, 'B');

      // Reload while offline: the app starts from the service worker's cache, queue intact.
      await page.reload();
      await page.getByRole('link', { name: 'Hộp thư đi' }).click();
      await expect.poll(() => count(page, 'queued')).toBe(3);
      expect(await e2e.live.storedCount()).toBe(before);

      await context.setOffline(false);
      await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
      await expect.poll(() => count(page, 'sent'), { timeout: 20_000 }).toBe(3);
      expect(await e2e.live.storedCount()).toBe(before + 3);
    } finally {
      await context.close();
    }
  });

  it('a sync cut off after the server stored it is retried and leaves no duplicate', async () => {
    const { context, page } = await phone(e2e.browser);
    try {
      await logIn(page);
      const before = await e2e.live.storedCount();
      let cut = 0;
      // The request reaches the server, but the phone never hears the reply.
      await page.route('**/api/sync', async (route) => {
        if (cut++ === 0) {
          await route.fetch();
          await route.abort('connectionreset');
        } else await route.continue();
      });
      await startInterview(page, 'Sở Tài chính');
      await answerAndQueue(page, 'A');
      await expect.poll(() => cut).toBeGreaterThan(0);
      // Client-side navigation keeps the app running: its retry waits on the backoff timer (5 s).
      await page.getByRole('link', { name: 'Hộp thư đi' }).click();
      await expect.poll(() => e2e.live.storedCount()).toBe(before + 1);
      // The outbox reads its list from IndexedDB after it renders: wait for it, never read once.
      await expect.poll(() => count(page, 'queued'), { timeout: 3_000 }).toBe(1);

      await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
      await expect.poll(() => count(page, 'sent'), { timeout: 20_000 }).toBe(1);
      expect(cut).toBe(2);
      expect(await e2e.live.storedCount()).toBe(before + 1);
    } finally {
      await context.close();
    }
  });

  it('one invalid response is set aside with its reason while the others sync', async () => {
    const { context, page } = await phone(e2e.browser);
    try {
      await logIn(page);
      await context.setOffline(true);
      await startInterview(page, 'Sở Nội vụ');
      await answerAndQueue(page, 'A');
      await startInterview(page, 'Sở Tài chính');
      await answerAndQueue(page, 'B');
      await startInterview(page, 'Sở Tài chính');
      await answerAndQueue(page, 'D');
      // Meanwhile the office takes Sở Nội vụ away from this collector: that interview is now out of scope.
      await withTransaction(e2e.live.t.database.db, (tx) => assignCollector(tx, e2e.live.fixture.campaignId, e2e.live.collector.userId, [e2e.live.fixture.unitIds['SO-TC'] as string]));
      const before = await e2e.live.storedCount();

      await context.setOffline(false);
      await page.goto(`${e2e.live.base}/outbox`);
      await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
      await expect.poll(() => count(page, 'sent'), { timeout: 20_000 }).toBe(2);
      expect(await count(page, 'rejected')).toBe(1);
      const reason = await page.locator('li[data-status="rejected"] .err').textContent();
      // In words: what happened, which unit, and what to do; the code only as a technical aside.
      expect(reason).toMatch(/^Đơn vị chưa được phân công: Đơn vị Sở Nội vụ \(SO-NV\) không được phân công .+Đề nghị quản trị viên .+\(mã lỗi sync\.unit_out_of_scope\)$/);
      expect(await e2e.live.storedCount()).toBe(before + 2);

      // Sync again: the rejected one is not retried and stays set aside.
      await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
      await expect.poll(() => page.getByRole('button', { name: 'Đồng bộ ngay' }).isEnabled()).toBe(true);
      expect(await count(page, 'rejected')).toBe(1);
    } finally {
      await context.close();
    }
  });
});
