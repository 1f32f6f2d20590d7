import type { Page } from 'playwright-core';

/** The collector's screens as a user drives them: start an interview, answer and queue it, count the outbox. */
export async function startInterview(page: Page, unitName: string): Promise<void> {
  // Client-side navigation: this also works offline without a service worker.
  if (!page.url().endsWith('/collect')) await page.getByRole('link', { name: 'Đợt khảo sát' }).click();
  await page.getByLabel('Nhóm đối tượng').selectOption('cong_chuc');
  await page.getByLabel('Đơn vị').selectOption({ label: unitName });
  await page.getByRole('button', { name: 'Phỏng vấn mới' }).click();
  await page.getByRole('radio', { name: 'Nam' }).check();
  await page.getByRole('button', { name: 'Tiếp' }).click();
}

export async function answerAndQueue(page: Page, choice: string): Promise<void> {
  for (const q of ['q1', 'q2', 'q3']) await page.locator(`input[name="q-${q}"][value="${choice}"]`).check();
  await page.locator('input[name="q-co_gop_y"][value="khong"]').check();
  await page.getByRole('button', { name: 'Đưa vào hàng đợi gửi' }).click();
  await page.getByRole('button', { name: 'Phỏng vấn mới' }).waitFor();
}

export const countOutbox = (page: Page, status: string) => page.locator(`[data-testid="outbox-items"] li[data-status="${status}"]`).count();
