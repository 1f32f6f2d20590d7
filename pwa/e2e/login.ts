import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { LiveServer } from '../test/server';

/** Logs the live server's collector in on the login screen and downloads the campaign for offline use. */
export async function logInAndDownload(page: Page, live: LiveServer): Promise<void> {
  await page.goto(`${live.base}/login`);
  await page.getByLabel('Tên đăng nhập').fill(live.collector.username);
  await page.getByLabel('Mật khẩu').fill(live.collector.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('button', { name: 'Tải về để dùng ngoại tuyến' }).click();
  await expect.poll(() => page.getByText(/^Đã tải về lúc/).count()).toBe(1);
}
