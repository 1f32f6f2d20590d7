import { describe, expect, it } from 'vitest';
import { phone } from './browser';
import { useLiveBrowser } from './live-browser';

/** A respondent answers a cross-evaluation form from an invitation link. */
const e2e = useLiveBrowser();

const withDash = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

describe('respondent in Chromium', () => {
  it('opens the link, answers the matrix, resumes after a reload, submits; the code is then used', async () => {
    const [code] = await e2e.live.issue('dai_bieu_hdnd', 1);
    const [nv, tc, tp] = ['SO-NV', 'SO-TC', 'SO-TP'].map((c) => e2e.live.fixture.unitIds[c] as string) as [string, string, string];
    const { context, page } = await phone(e2e.browser);
    let invitationRequests = 0;
    const scripts: string[] = [];
    page.on('request', (r) => void (r.url().includes('/api/invitations/') && invitationRequests++));
    page.on('request', (r) => void (r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname)));
    try {
      await page.goto(`${e2e.live.base}/r/${withDash(code!)}`);
      await expect.poll(() => page.getByText('Sở Nội vụ tỉnh Thử Nghiệm').count()).toBe(1);
      await expect.poll(() => page.getByText(/ẩn danh/).count()).toBeGreaterThan(0);
      // A first visit: the intro came without the outbox's code and without a database
      // (docs/PWA.md "First load on a weak connection"); both follow the first question.
      expect(scripts.filter((s) => s.includes('/outbox-'))).toEqual([]);
      expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).toEqual([]);
      await page.getByRole('button', { name: 'Bắt đầu' }).click();
      // The page's Link-header preload and the app's request are one request on the wire.
      expect(invitationRequests).toBe(1);
      await expect.poll(() => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).toEqual(['par-survey']);

      // Column helper for x1, then change one cell by hand to "don't know".
      await page.locator('#q-x1').getByRole('button', { name: 'Điền cả cột: Tốt' }).click();
      await page.locator(`#q-x1 input[name="q-x1-${tc}"][value="E"]`).check();
      // Submitting with x2 unanswered is blocked, cell by cell.
      await page.getByRole('button', { name: 'Gửi phiếu' }).click();
      await expect.poll(() => page.getByText('Còn 3 ô chưa trả lời').count()).toBe(1);
      await page.locator(`#q-x2 input[name="q-x2-${nv}"][value="A"]`).check();

      // Closing the tab loses nothing: reload and continue where we stopped.
      await expect.poll(() => page.locator('[data-save="saved"]').count()).toBe(1);
      await page.reload();
      await page.getByRole('button', { name: 'Làm tiếp' }).click();
      expect(await page.locator(`#q-x1 input[name="q-x1-${tc}"][value="E"]`).isChecked()).toBe(true);
      expect(await page.locator(`#q-x1 input[name="q-x1-${tp}"][value="B"]`).isChecked()).toBe(true);
      expect(await page.locator(`#q-x2 input[name="q-x2-${nv}"][value="A"]`).isChecked()).toBe(true);

      await page.locator(`#q-x2 input[name="q-x2-${tc}"][value="C"]`).check();
      await page.locator(`#q-x2 input[name="q-x2-${tp}"][value="D"]`).check();
      await page.getByRole('textbox', { name: 'Ý kiến chung' }).fill('Cần công khai thủ tục rõ hơn');
      await page.getByRole('button', { name: 'Gửi phiếu' }).click();
      await expect.poll(() => page.locator('[data-status="sent"]').count(), { timeout: 15_000 }).toBe(1);

      // The server has the response with exactly these answers.
      const ids = await e2e.live.storedIds();
      expect(ids).toHaveLength(1);
      const stored = await e2e.live.t.app.inject({ method: 'GET', url: `/api/invitations/${code}` });
      expect(stored.statusCode).toBe(410);
      const { rows } = await readStoredAnswers(ids[0]!);
      expect(rows).toEqual(
        [
          { unitId: nv, questionId: 'x1', value: 'B' },
          { unitId: tc, questionId: 'x1', value: 'E' },
          { unitId: tp, questionId: 'x1', value: 'B' },
          { unitId: nv, questionId: 'x2', value: 'A' },
          { unitId: tc, questionId: 'x2', value: 'C' },
          { unitId: tp, questionId: 'x2', value: 'D' },
          { unitId: null, questionId: 'y_kien', value: 'Cần công khai thủ tục rõ hơn' },
        ].sort(byKey),
      );
    } finally {
      await context.close();
    }

    // Another device trying the same code is refused.
    const second = await phone(e2e.browser);
    try {
      await second.page.goto(`${e2e.live.base}/r/${code}`);
      await expect.poll(() => second.page.getByText('Mã mời này đã được sử dụng.').count()).toBe(1);
      expect(await second.page.getByRole('button', { name: 'Bắt đầu' }).count()).toBe(0);
    } finally {
      await second.context.close();
    }
  });

  it('submitting offline queues the response, says so, and sends it when the connection returns', async () => {
    const [code] = await e2e.live.issue('cong_chuc', 1, 'SO-TC');
    const { context, page } = await phone(e2e.browser);
    try {
      await page.goto(`${e2e.live.base}/r/${code}`);
      await page.getByRole('button', { name: 'Bắt đầu' }).click();
      await page.getByRole('radio', { name: 'Nữ' }).check();
      await page.getByRole('button', { name: 'Tiếp' }).click();
      for (const q of ['q1', 'q2', 'q3']) await page.locator(`input[name="q-${q}"][value="A"]`).check();
      await page.locator('input[name="q-co_gop_y"][value="co"]').check();
      // Skip logic: the comment box appears only after "Có", and is then required.
      await page.getByRole('button', { name: 'Gửi phiếu' }).click();
      await expect.poll(() => page.locator('#q-gop_y .err').count()).toBe(1);
      await page.getByRole('textbox', { name: 'Góp ý' }).fill('Không có');

      await context.setOffline(true);
      await page.getByRole('button', { name: 'Gửi phiếu' }).click();
      await expect.poll(() => page.locator('[data-status="queued"]').count()).toBe(1);
      await expect.poll(() => page.getByText('Đang chờ gửi — chưa tới máy chủ').count()).toBe(1);
      const before = await e2e.live.storedCount();

      await context.setOffline(false);
      await expect.poll(() => page.locator('[data-status="sent"]').count(), { timeout: 20_000 }).toBe(1);
      expect(await page.getByText('Đã gửi tới máy chủ').count()).toBe(1);
      expect(await e2e.live.storedCount()).toBe(before + 1);
    } finally {
      await context.close();
    }
  });
});

type Row = { unitId: string | null; questionId: string; value: unknown };
const byKey = (a: Row, b: Row) => `${a.questionId}|${a.unitId}`.localeCompare(`${b.questionId}|${b.unitId}`);

async function readStoredAnswers(id: string): Promise<{ rows: Row[] }> {
  const { responses } = await import('../../db/schema');
  const { eq } = await import('drizzle-orm');
  await e2e.live.t.app.ballotMixer.run('all'); // held until the mix (docs/PRIVACY.md)
  const [row] = await e2e.live.t.database.db.select({ content: responses.content }).from(responses).where(eq(responses.id, id));
  const content = JSON.parse(row?.content ?? '{}') as { answers?: Row[] };
  return { rows: (content.answers ?? []).map((a) => ({ unitId: a.unitId, questionId: a.questionId, value: a.value })).sort(byKey) };
}
