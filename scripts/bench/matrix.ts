import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { withTransaction } from '../../db/client';
import { launchChromium } from '../../pwa/e2e/browser';
import { createMatrixCampaign } from '../../pwa/e2e/matrix-campaign';
import { ROWS_AT_ONCE } from '../../pwa/components/matrix-logic';
import { buildTestApp } from '../../server/test/harness';
import { issueInvitations } from '../../server/services/invitations';
import { median, pass } from './stats';

/**
 * The cross-evaluation matrix on a low-end phone: a form of N communes × 7 questions
 * (pwa/e2e/matrix-campaign.ts), opened at /r/<code> in headless Chromium at 360×640 with touch
 * and a 4× CPU slowdown (CDP). Measures, in the page: the first matrix page painted after the
 * tap on "Bắt đầu", a page change, the switch to "Theo đơn vị", tap-to-paint of single cells and
 * of "Điền cả cột", and long tasks (> 50 ms) while the CPU is slowed. docs/PWA.md "The cross-evaluation matrix".
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SIZES = [150, 20];
const RUNS = Number(process.env.BENCH_MATRIX_RUNS ?? 3);
const TAPS = 20;
const CPU_SLOWDOWN = 4;
const TARGET = { renderMs: 1000, tapMs: 100, longestTaskMs: 200 };

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] ?? 0;
const ms = (n: number) => `${Math.round(n)} ms`;

/**
 * In the page, before the app: long tasks from the start (each with its start time, so a run
 * can keep only those under the CPU slowdown), and a helper that times an action
 * from its input event to the paint after it (a frame, then a task queued after that frame).
 */
const PROBE = `(() => {
  const p = (window.__mx = { long: [], taps: [] });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) p.long.push({ at: e.startTime, ms: e.duration }); }).observe({ type: 'longtask', buffered: true });
  addEventListener('click', (e) => {
    const t0 = e.timeStamp;
    requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => p.taps.push(performance.now() - t0); c.port2.postMessage(0); });
  }, true);
  p.until = (test) => new Promise((resolve) => { const t0 = performance.now(); const look = () => (test() ? requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0)) : requestAnimationFrame(look)); look(); });
})();`;

declare global {
  interface Window {
    /** Set by PROBE in the measured page. */
    __mx: { long: { at: number; ms: number }[]; taps: number[]; until: (test: () => boolean) => Promise<number> };
  }
}

interface Run {
  renderMs: number;
  pageMs: number;
  unitModeMs: number;
  taps: number[];
  fillMs: number;
  longTasks: number[];
  domNodes: number;
}

async function lastTap(page: Page): Promise<number> {
  await page.waitForFunction(() => window.__mx.taps.length > 0);
  return page.evaluate(() => window.__mx.taps.pop() ?? 0);
}

/** Time from a tap to the frame painted with `selector` on screen. */
async function tapUntil(page: Page, tap: () => Promise<void>, selector: string, count: number): Promise<number> {
  const done = page.evaluate(
    ({ selector, count }) => {
      const w = window;
      return new Promise<number>((resolve) => {
        addEventListener(
          'click',
          (e) => {
            const start = e.timeStamp;
            void w.__mx.until(() => document.querySelectorAll(selector).length >= count).then(() => resolve(performance.now() - start));
          },
          { capture: true, once: true },
        );
      });
    },
    { selector, count },
  );
  await tap();
  const took = await done;
  await lastTap(page); // the click probe's own figure for this tap, not wanted here
  return took;
}

async function oneRun(browser: Browser, base: string, code: string, units: number): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'vi-VN', serviceWorkers: 'block', hasTouch: true, isMobile: true });
  context.setDefaultTimeout(60_000);
  try {
    await context.addInitScript(PROBE);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await page.goto(`${base}/r/${code}`);
    await page.getByRole('button', { name: 'Bắt đầu' }).waitFor();
    await page.waitForLoadState('networkidle'); // the matrix chunk is fetched during the intro
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    // Long tasks count from here: the page's load before this ran at full speed, which is not
    // what the phone model measures.
    const throttledAt = await page.evaluate(() => performance.now());
    const rows = 'table.mx-grid tbody tr[id]';
    const firstRows = Math.min(units, ROWS_AT_ONCE);
    const renderMs = await tapUntil(page, () => page.getByRole('button', { name: 'Bắt đầu' }).tap(), rows, firstRows);
    const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
    const taps: number[] = [];
    for (let i = 0; i < TAPS; i++) {
      await page.locator(`${rows}:nth-child(${2 + ((i * 7) % firstRows)}) input[value="${'ABCDE'[i % 5]}"]`).tap();
      taps.push(await lastTap(page));
    }
    await page.getByRole('button', { name: 'Điền cả cột: Tốt' }).tap();
    let fillMs = await lastTap(page);
    if (await page.getByRole('dialog').isVisible()) {
      await page.getByRole('dialog').getByRole('button', { name: 'Thay cả các ô này' }).tap();
      fillMs = await lastTap(page);
    }
    const pageMs = await tapUntil(page, () => page.getByRole('button', { name: 'Sau ›' }).first().tap(), `${rows}[id^="q-m2-"]`, firstRows);
    const unitModeMs = await tapUntil(page, () => page.getByRole('button', { name: 'Theo đơn vị' }).tap(), '.mx-uq', 7);
    const longTasks = await page.evaluate((since) => window.__mx.long.filter((l) => l.at >= since).map((l) => l.ms), throttledAt);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    return { renderMs, pageMs, unitModeMs, taps, fillMs, longTasks, domNodes };
  } finally {
    await context.close();
  }
}

export async function run(): Promise<{ title: string; markdown: string }> {
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore', timeout: 300_000 });
  const loadBefore = loadavg();
  const t = await buildTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  const results = new Map<number, Run[]>();
  try {
    const pepper = await t.app.invitationPepper();
    for (const units of SIZES) {
      const c = await createMatrixCampaign(t.database.db, pepper, units);
      const codes = [c.code, ...(await withTransaction(t.database.db, (tx) => issueInvitations(tx, pepper, c.campaignId, { group: 'lanh_dao_so', count: RUNS - 1 })))];
      const runs: Run[] = [];
      for (const code of codes) runs.push(await oneRun(browser, base, code, units));
      results.set(units, runs);
    }
  } finally {
    await browser.close();
    await t.close();
  }
  const loadAfter = loadavg();
  const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(', ');
  const of = (units: number) => results.get(units) ?? [];
  const all = (units: number, f: (r: Run) => number[]) => of(units).flatMap(f);
  const med = (units: number, f: (r: Run) => number) => median(of(units).map(f));
  const row = (label: string, f: (units: number) => string, target = '', result: (units: number) => string = () => '') =>
    `| ${label} | ${SIZES.map(f).join(' | ')} | ${target} | ${result(SIZES[0] as number)} |`;
  const taps = (u: number) => all(u, (r) => r.taps);
  const longest = (u: number) => Math.max(0, ...all(u, (r) => r.longTasks));
  const markdown = [
    `A cross-evaluation form of N communes × 7 questions (pwa/e2e/matrix-campaign.ts), answered at \`/r/<code>\` on the real server (\`npm run build\`) in headless Chromium: 360×640, touch, ${CPU_SLOWDOWN}× CPU slowdown (CDP), network not throttled (the matrix chunk has arrived during the intro). ${RUNS} runs per size, each a new browser context; medians of the runs, taps pooled. Load average (1, 5, 15 min) on this ${cpus().length}-core machine: ${load(loadBefore)} before, ${load(loadAfter)} after.`,
    '',
    `| Figure | ${SIZES.map((n) => `${n} units`).join(' | ')} | Target (${SIZES[0]} units) | Result |`,
    `|---|${SIZES.map(() => '---').join('|')}|---|---|`,
    row(`First matrix page painted after the tap on "Bắt đầu" (one question, its first ${ROWS_AT_ONCE} units)`, (u) => ms(med(u, (r) => r.renderMs)), `≤ ${TARGET.renderMs} ms`, (u) => pass(med(u, (r) => r.renderMs) <= TARGET.renderMs)),
    row('Elements in the page then', (u) => String(Math.round(med(u, (r) => r.domNodes)))),
    row(`Tap on a cell → painted, median / p90 / worst of ${TAPS * RUNS}`, (u) => `${ms(median(taps(u)))} / ${ms(pct(taps(u), 90))} / ${ms(Math.max(...taps(u)))}`, `median ≤ ${TARGET.tapMs} ms`, (u) => pass(median(taps(u)) <= TARGET.tapMs)),
    row('"Điền cả cột" → painted (every unit of the question)', (u) => ms(med(u, (r) => r.fillMs))),
    row('Next question ("Sau ›") → painted', (u) => ms(med(u, (r) => r.pageMs))),
    row('"Theo đơn vị" → one unit\'s page painted', (u) => ms(med(u, (r) => r.unitModeMs))),
    row('Long tasks (> 50 ms) per run, median; longest of all runs', (u) => `${med(u, (r) => r.longTasks.length)}; ${ms(longest(u))}`, `longest ≤ ${TARGET.longestTaskMs} ms`, (u) => pass(longest(u) <= TARGET.longestTaskMs)),
    '',
    'Method: scripts/bench/matrix.ts. An init script in the page records long tasks (`PerformanceObserver`, type `longtask`) and keeps those that start after the CPU slowdown is switched on (the intro loaded, just before the tap on "Bắt đầu"), so the page\'s unthrottled load does not count, and times each tap from its input event (`event.timeStamp`) to the paint after it: a frame (`requestAnimationFrame`), then a task posted after that frame, which runs once the frame is on screen. Page changes are timed from the tap until the new page\'s first rows exist and a frame has been drawn (a question\'s page renders its first 30 units, then 30 more whenever the end comes within 800 px). The taps are Playwright `tap()` (touch events, then the click), on cells spread over the page, each followed by the saving of the answer (IndexedDB) as in real use. CDP throttling slows this machine\'s core 4×, a model of a low-end phone, not a phone; the machine is shared (load average above).',
  ].join('\n');
  return { title: 'Matrix: a 150-unit cross-evaluation on a low-end phone', markdown };
}
