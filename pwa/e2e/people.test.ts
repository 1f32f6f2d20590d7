import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { listCollectorAssignments } from '../../server/services/campaigns';
import { createUser } from '../../server/services/users';
import { phone } from './browser';
import { useLiveBrowser } from './live-browser';
import { shoot } from './screens';


/** A loaded shared machine: UI steps may take seconds, never minutes. */
const SOON = { timeout: 15_000 };
/**
 * Issue 8, People: an administrator with a printed password replaces it, creates a collector,
 * resets the collector's password, assigns units; the collector logs in, must change the
 * given password, sees the assigned units, and logs out. Everything through the UI.
 */
const e2e = useLiveBrowser();

async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${e2e.live.base}/login`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

async function changePassword(page: Page, current: string, next: string): Promise<void> {
  await page.getByLabel('Mật khẩu hiện tại').fill(current);
  await page.getByLabel('Mật khẩu mới (ít nhất 8 ký tự)').fill(next);
  await page.getByLabel('Nhập lại mật khẩu mới').fill(next);
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect.poll(() => page.getByText('Đã đổi mật khẩu.').count(), SOON).toBe(1);
}

const apiLogin = (username: string, password: string) =>
  e2e.live.t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: `10.50.0.${Math.floor(Math.random() * 250)}`, payload: { username, password } });

describe('people in the console', () => {
  it('admin replaces a printed password, creates a collector, resets and assigns; the collector logs in, changes it, logs out', async () => {
    await createUser(e2e.live.t.database.db, { username: 'quantri', password: 'mat-khau-in-ra-1', role: 'admin', mustChangePassword: true });
    const { context, page } = await phone(e2e.browser);
    const dialogs: string[] = [];
    page.on('dialog', (d) => void (dialogs.push(d.message()), d.accept()));
    try {
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.goto(`${e2e.live.base}/login`);
      // The login page speaks to every staff role.
      await expect.poll(() => page.getByText(/quản trị viên, cán bộ phân tích và điều tra viên/).count(), SOON).toBe(1);
      await shoot(page, 'people/login');
      await logIn(page, 'quantri', 'mat-khau-in-ra-1');
      // A printed password: sent to the account page first, told why.
      await page.waitForURL('**/account');
      await expect.poll(() => page.getByText(/mật khẩu được cấp/).count(), SOON).toBe(1);
      await shoot(page, 'people/account-must-change');
      await changePassword(page, 'mat-khau-in-ra-1', 'mat-khau-rieng-cua-toi');
      await page.getByRole('link', { name: 'Tiếp tục làm việc' }).click();
      await page.waitForURL('**/console');
      expect(await page.getByText(/mật khẩu được cấp/).count()).toBe(0);

      await page.getByRole('link', { name: 'Cán bộ' }).click();
      await page.getByLabel('Tên đăng nhập').fill('dtv.moi');
      await page.getByLabel('Họ và tên').fill('Nguyễn Văn Mới');
      await page.getByLabel('Vai trò').selectOption('collector');
      await page.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill('mat-khau-ban-dau');
      await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
      await expect.poll(() => page.getByText('Đã tạo tài khoản dtv.moi.').count(), SOON).toBe(1);

      // The collector forgot it: a generated password, shown once.
      await page.getByRole('button', { name: 'Đặt lại mật khẩu: dtv.moi' }).click();
      await page.getByRole('button', { name: 'Tạo mật khẩu ngẫu nhiên' }).click();
      const generated = (await page.getByTestId('generated-password').textContent()) ?? '';
      expect(generated.length).toBeGreaterThanOrEqual(12);
      await page.getByRole('button', { name: 'OK' }).click();
      await expect.poll(() => page.locator('tr[data-username="dtv.moi"]').getByText('Chờ đổi mật khẩu').count(), SOON).toBe(1);

      // Assign: two agencies by name search, then every commune through the type filter.
      await page.getByLabel('Điều tra viên', { exact: true }).selectOption({ label: 'Nguyễn Văn Mới (dtv.moi)' });
      await page.getByLabel('Tìm theo tên hoặc mã').fill('sở t');
      await expect.poll(() => page.getByTestId('assign-units').locator('li').count(), SOON).toBe(2);
      await page.getByRole('button', { name: 'Chọn tất cả đơn vị đang hiện' }).click();
      await page.getByLabel('Tìm theo tên hoặc mã').fill('');
      await page.getByLabel('Loại đơn vị').selectOption('xa');
      await page.getByTestId('assign-units').getByLabel(/Phường Bến Thành/).check();
      await shoot(page, 'people/staff');
      await page.getByRole('button', { name: 'Lưu phân công' }).click();
      await expect.poll(() => page.getByText('Đã lưu: dtv.moi được giao 3 đơn vị.').count(), SOON).toBe(1);
      const assigned = (await listCollectorAssignments(e2e.live.t.database.db, e2e.live.fixture.campaignId)).find((a) => a.username === 'dtv.moi');
      expect(new Set(assigned?.unitIds)).toEqual(new Set(['SO-TC', 'SO-TP', 'XA-01'].map((c) => e2e.live.fixture.unitIds[c])));

      // Every step is in the audit log, in words, newest first.
      await page.getByRole('link', { name: 'Nhật ký thao tác' }).click();
      await page.getByLabel('Lọc (người, thao tác, đối tượng)').fill('dtv.moi');
      await expect.poll(() => page.getByTestId('audit-table').locator('tbody tr').count(), SOON).toBe(3);
      const actions = await page.getByTestId('audit-table').locator('tbody tr td:nth-child(3)').allTextContents();
      expect(actions).toEqual(['Phân công điều tra viên', 'Đặt lại mật khẩu', 'Tạo tài khoản']);
      await shoot(page, 'people/audit');
      expect(dialogs).toEqual([]);

      // The collector, on a phone: the given password must be replaced first.
      const phoneSide = await phone(e2e.browser);
      try {
        const p = phoneSide.page;
        await logIn(p, 'dtv.moi', generated);
        await p.waitForURL('**/account');
        await changePassword(p, generated, 'mat-khau-dtv-rieng');
        await p.getByRole('link', { name: 'Tiếp tục làm việc' }).click();
        await p.waitForURL('**/collect');
        await p.getByRole('button', { name: 'Tải về để dùng ngoại tuyến' }).click();
        await expect.poll(() => p.getByText(/^Đã tải về lúc/).count(), SOON).toBe(1);
        await p.getByLabel('Nhóm đối tượng').first().selectOption('cong_chuc');
        expect(await p.getByLabel('Đơn vị', { exact: true }).first().locator('option').allTextContents()).toEqual(['Sở Tài chính', 'Sở Tư pháp']);
        await p.getByRole('link', { name: 'Tài khoản của tôi' }).click();
        await p.getByRole('button', { name: /^Đăng xuất/ }).click();
        await p.waitForURL('**/login');
      } finally {
        await phoneSide.context.close();
      }
      expect((await apiLogin('dtv.moi', generated)).statusCode).toBe(401);
      expect((await apiLogin('dtv.moi', 'mat-khau-dtv-rieng')).json().user).toMatchObject({ mustChangePassword: false });

      // The admin logs out from the console.
      await page.getByRole('button', { name: /^Đăng xuất \(quantri\)/ }).click();
      await page.waitForURL('**/login');
      await page.goto(`${e2e.live.base}/console`);
      await expect.poll(() => page.getByText('Cần đăng nhập bằng tài khoản quản trị hoặc phân tích.').count(), SOON).toBe(1);
    } finally {
      await context.close();
    }
  });
});
