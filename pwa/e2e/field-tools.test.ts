import type { Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { responses } from '../../db/schema';
import { phone } from './browser';
import { useLiveBrowser } from './live-browser';
import { logInAndDownload } from './login';

/** Paper double entry, one draft per tab, and the queue file carried to another device. */
const e2e = useLiveBrowser();

const logIn = (page: Page) => logInAndDownload(page, e2e.live);

async function keyForm(page: Page, sex: string, q3: string, nextLabel: string): Promise<void> {
  await page.getByRole('radio', { name: sex }).check();
  await page.getByRole('button', { name: 'Tiếp' }).click();
  await page.locator('input[name="q-q1"][value="A"]').check();
  await page.locator('input[name="q-q2"][value="B"]').check();
  await page.locator(`input[name="q-q3"][value="${q3}"]`).check();
  await page.locator('input[name="q-co_gop_y"][value="khong"]').check();
  await page.getByRole('button', { name: nextLabel }).click();
}

const storedContent = async (id: string) => {
  const [row] = await e2e.live.t.database.db.select({ content: responses.content, channel: responses.channel }).from(responses).where(eq(responses.id, id));
  return row ? { channel: row.channel, ...(JSON.parse(row.content) as { profile?: Record<string, string>; answers: { questionId: string; value: string }[] }) } : undefined;
};

describe('field tools in Chromium', () => {
  it('a paper form keyed twice is compared field by field and queued only when mismatches are resolved', async () => {
    const { context, page } = await phone(e2e.browser);
    try {
      await logIn(page);
      await page.getByLabel('Nhóm đối tượng').selectOption('cong_chuc');
      await page.getByLabel('Đơn vị').selectOption({ label: 'Sở Tài chính' });
      await page.getByRole('button', { name: 'Nhập phiếu giấy' }).click();
      await page.waitForURL(/\/collect\/d\/[0-9a-f-]{36}$/);
      const id = page.url().split('/').pop() as string;
      await expect.poll(() => page.getByText('Nhập lần 1', { exact: true }).count()).toBe(1);
      await keyForm(page, 'Nam', 'C', 'Tiếp');
      await expect.poll(() => page.getByText(/^Nhập lần 2/).count()).toBe(1);
      // The second keying starts blank.
      expect(await page.getByRole('radio', { name: 'Nam' }).isChecked()).toBe(false);
      await keyForm(page, 'Nữ', 'D', 'So sánh hai lần nhập');

      await expect.poll(() => page.getByText('2 chỗ khác nhau — chọn giá trị đúng theo phiếu giấy').count()).toBe(1);
      const queue = page.getByRole('button', { name: 'Đưa vào hàng đợi gửi' });
      expect(await queue.isDisabled()).toBe(true);
      await page.locator('fieldset[data-key="|gioi_tinh"]').getByRole('radio', { name: /Lần 1/ }).check();
      expect(await queue.isDisabled()).toBe(true);
      await page.locator('fieldset[data-key$="|q3"]').getByRole('radio', { name: /Lần 2/ }).check();
      await queue.click();

      await expect.poll(async () => (await storedContent(id))?.channel, { timeout: 20_000 }).toBe('paper');
      const stored = await storedContent(id);
      expect(stored?.profile).toEqual({ gioi_tinh: 'nam' });
      expect(stored?.answers.find((a) => a.questionId === 'q3')?.value).toBe('D');
      expect(stored?.answers.find((a) => a.questionId === 'q1')?.value).toBe('A');
    } finally {
      await context.close();
    }
  });

  it('one draft cannot be edited in two tabs at once', async () => {
    const { context, page } = await phone(e2e.browser);
    try {
      await logIn(page);
      await page.getByLabel('Nhóm đối tượng').selectOption('cong_chuc');
      await page.getByRole('button', { name: 'Phỏng vấn mới' }).click();
      await page.waitForURL(/\/collect\/d\/[0-9a-f-]{36}$/);
      await page.getByRole('radio', { name: 'Nam' }).waitFor();
      const url = page.url();

      const other = await context.newPage();
      await other.goto(url);
      await expect.poll(() => other.getByText('Phiếu này đang được mở ở một thẻ khác. Hãy đóng thẻ kia để tiếp tục ở đây.').count()).toBe(1);
      expect(await other.getByRole('radio', { name: 'Nam' }).count()).toBe(0);

      await page.close();
      await other.reload();
      await other.getByRole('radio', { name: 'Nam' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('the queue exported to a file is imported on another device and sent once', async () => {
    const a = await phone(e2e.browser);
    const b = await phone(e2e.browser);
    try {
      await logIn(a.page);
      await a.context.setOffline(true);
      await a.page.getByLabel('Nhóm đối tượng').selectOption('cong_chuc');
      await a.page.getByRole('button', { name: 'Phỏng vấn mới' }).click();
      await keyForm(a.page, 'Nữ', 'A', 'Đưa vào hàng đợi gửi');
      await a.page.getByRole('link', { name: 'Hộp thư đi' }).click();
      const [download] = await Promise.all([a.page.waitForEvent('download'), a.page.getByRole('button', { name: 'Xuất hàng đợi ra tệp' }).click()]);
      const file = await download.path();
      const before = await e2e.live.storedCount();

      await logIn(b.page);
      await b.page.getByRole('link', { name: 'Hộp thư đi' }).click();
      await b.page.locator('input[type="file"]').setInputFiles(file);
      await expect.poll(() => b.page.getByText('Đã nhập 1 phiếu').count()).toBe(1);
      await expect.poll(() => b.page.locator('li[data-status="sent"]').count(), { timeout: 20_000 }).toBe(1);
      expect(await e2e.live.storedCount()).toBe(before + 1);

      // The first phone comes back online later: the server answers duplicate, nothing is doubled.
      await a.context.setOffline(false);
      await a.page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
      await expect.poll(() => a.page.locator('li[data-status="sent"]').count(), { timeout: 20_000 }).toBe(1);
      expect(await e2e.live.storedCount()).toBe(before + 1);
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });
});
