import { describe, expect, it } from 'vitest';
import { phone, waitForServiceWorker } from './browser';
import { useLiveBrowser } from './live-browser';
import { answerAndQueue, countOutbox, startInterview } from './interview';
import { logInAndDownload } from './login';

/**
 * A collector's access token expires while interviews wait offline (docs/SECURITY.md
 * "Sessions"): back online, the phone renews it with its refresh token and the queue syncs, with
 * no login screen. The server's clock is moved past the token's lifetime, never waited for.
 */
const e2e = useLiveBrowser();

describe('staying logged in through the fieldwork, in Chromium', () => {
  it('interviews queued offline sync after the access token expired, without logging in again', async () => {
    const { context, page } = await phone(e2e.browser, { serviceWorkers: 'allow' });
    try {
      const refreshes: number[] = [];
      page.on('response', (res) => {
        if (res.url().endsWith('/api/auth/refresh')) refreshes.push(res.status());
      });
      await logInAndDownload(page, e2e.live);
      await waitForServiceWorker(page);
      const before = await e2e.live.storedCount();

      await context.setOffline(true);
      await startInterview(page, 'Sở Nội vụ');
      await answerAndQueue(page, 'A');
      await startInterview(page, 'Sở Tài chính');
      await answerAndQueue(page, 'B');
      // The day goes by: the access token (TOKEN_TTL) is long dead when the signal returns.
      e2e.live.t.advanceClock((e2e.live.t.app.accessTokenSeconds + 60) * 1000);

      await page.getByRole('link', { name: 'Hộp thư đi' }).click();
      // The outbox reads its list from IndexedDB after it renders: wait for it, never read once.
      await expect.poll(() => countOutbox(page, 'queued'), { timeout: 10_000 }).toBe(2);
      await context.setOffline(false);
      await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
      await expect.poll(() => countOutbox(page, 'sent'), { timeout: 20_000 }).toBe(2);
      expect(await e2e.live.storedCount()).toBe(before + 2);

      // One refresh, accepted; the collector never saw the login screen or the expired notice.
      expect(refreshes).toEqual([200]);
      expect(new URL(page.url()).pathname).toBe('/outbox');
      expect(await page.getByText('Phiên đăng nhập đã hết hạn').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
