import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { CDPSession } from 'playwright-core';
import { launchChromium } from '../../pwa/e2e/browser';
import { startLiveServer } from '../../pwa/test/server';

/**
 * PWA benchmark: the respondent's first load at /r/<code> in headless Chromium, cold
 * cache, served by the real server from a fresh `npm run build`.
 * 1. Bytes on the wire (CDP Network.loadingFinished encodedDataLength) of everything the page
 *    loads, by kind, plus the gzip -9 size of the same files computed here from pwa/dist.
 * 2. Time from navigation until the first question can be answered (intro read, "Bắt đầu"
 *    pressed, first input on screen), with 4× CPU throttling and slow 3G (400 ms latency,
 *    400 kbit/s each way).
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RUNS = 5;
const TARGET_BYTES = 35 * 1024;
const TARGET_MS = 2500;
const SLOW_3G = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };

interface Loaded {
  url: string;
  type: string;
  encoded: number;
  encoding: string;
}

async function watch(cdp: CDPSession): Promise<Loaded[]> {
  const meta = new Map<string, { url: string; type: string; encoding: string }>();
  const done: Loaded[] = [];
  cdp.on('Network.responseReceived', (e) => {
    const headers = e.response.headers as Record<string, string>;
    meta.set(e.requestId, { url: e.response.url, type: e.type ?? 'Other', encoding: headers['content-encoding'] ?? headers['Content-Encoding'] ?? 'none' });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const m = meta.get(e.requestId);
    if (m) done.push({ ...m, encoded: e.encodedDataLength });
  });
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  return done;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** gzip -9 of the built file a URL names, or null for API answers. */
function gzipOfDist(url: string): number | null {
  const path = new URL(url).pathname;
  if (path.startsWith('/api/')) return null;
  const file = path === '/' || path.startsWith('/r/') ? 'index.html' : path.slice(1);
  try {
    return gzipSync(readFileSync(`${ROOT}pwa/dist/${file}`), { level: 9 }).length;
  } catch {
    return null;
  }
}

export async function run(): Promise<{ title: string; markdown: string }> {
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore', timeout: 180_000 });
  const live = await startLiveServer();
  const browser = await launchChromium();
  try {
    const [code] = await live.issue('dai_bieu_hdnd', 1);
    const url = `${live.base}/r/${code}`;

    // 1. What the first load transfers (no throttling needed for bytes). The service worker is
    //    blocked so its background precache of the staff screens is not counted as page load;
    //    it is reported on its own line below.
    const bytesCtx = await browser.newContext({ viewport: { width: 360, height: 640 }, serviceWorkers: 'block' });
    const bytesPage = await bytesCtx.newPage();
    const loaded = await watch(await bytesCtx.newCDPSession(bytesPage));
    await bytesPage.goto(url, { waitUntil: 'networkidle', timeout: 60_000 });
    await bytesPage.getByRole('button', { name: 'Bắt đầu' }).waitFor({ timeout: 30_000 });
    // The update prompt's code (workbox-window) loads 1.5 s after the page: count it too.
    await bytesPage.waitForResponse((r) => r.url().includes('workbox-window'), { timeout: 30_000 });
    await bytesPage.waitForTimeout(500);
    await bytesCtx.close();
    const api = loaded.filter((l) => new URL(l.url).pathname.startsWith('/api/'));
    const app = loaded.filter((l) => !new URL(l.url).pathname.startsWith('/api/'));
    const appWire = app.reduce((s, l) => s + l.encoded, 0);
    const appGzip = app.reduce((s, l) => s + (gzipOfDist(l.url) ?? l.encoded), 0);
    const rows = app.map((l) => `| ${new URL(l.url).pathname.replace(/\/r\/.*/, '/r/<code>')} | ${l.type} | ${l.encoding} | ${kb(l.encoded)} | ${kb(gzipOfDist(l.url) ?? l.encoded)} |`);

    // The service worker's precache (first visit only, after the page is up).
    // Requests of the worker itself are reported at context level (Playwright), with their sizes.
    const swCtx = await browser.newContext({ viewport: { width: 360, height: 640 } });
    const fromWorker: Promise<number>[] = [];
    swCtx.on('requestfinished', (r) => {
      if (r.serviceWorker() || new URL(r.url()).pathname === '/sw.js') fromWorker.push(r.sizes().then((z) => z.responseBodySize + z.responseHeadersSize));
    });
    const swPage = await swCtx.newPage();
    await swPage.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await swPage.evaluate(async () => void (await navigator.serviceWorker.ready));
    await swPage.waitForTimeout(1000);
    const precacheExtra = (await Promise.all(fromWorker)).reduce((a, b) => a + b, 0);
    await swCtx.close();

    // 2. Time to the first answerable question, cold cache, throttled.
    const times: number[] = [];
    const walls: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const ctx = await browser.newContext({ viewport: { width: 360, height: 640 }, serviceWorkers: 'block' });
      const page = await ctx.newPage();
      const cdp = await ctx.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      const t0 = Date.now();
      await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
      await page.getByRole('button', { name: 'Bắt đầu' }).click({ timeout: 30_000 });
      await page.locator('fieldset.q input').first().waitFor({ state: 'attached', timeout: 30_000 });
      walls.push(Date.now() - t0);
      // The app's marks (components/intro.tsx, routes/respond.tsx, components/form-runner.tsx),
      // in ms since navigation start: the intro is up, Start was pressed, the form is up.
      const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
      const [intro, start, form] = [marks['par:intro'], marks['par:start'], marks['par:form']];
      if (intro === undefined || start === undefined || form === undefined) throw new Error(`missing performance marks: ${JSON.stringify(marks)}`);
      times.push(Math.round(intro + (form - start)));
      await ctx.close();
    }

    const pass = (ok: boolean) => (ok ? '✅ pass' : '❌ fail');
    const markdown = [
      `Respondent's first load of \`/r/<code>\` (a cross-evaluation form, 3 units × 2 questions) from the real server, built by \`npm run build\`, headless Chromium, cold cache. Bytes are CDP \`encodedDataLength\` (what crossed the wire, headers included) and, for comparison, gzip -9 of the same built files.`,
      '',
      '| Figure | Measured | Target | Result |',
      '|---|---|---|---|',
      `| App files on the wire (HTML, JS, CSS, icon; no web fonts) | ${kb(appWire)} | ≤ 35 kB | ${pass(appWire <= TARGET_BYTES)} |`,
      `| Same files as gzip -9 | ${kb(appGzip)} | ≤ 35 kB | ${pass(appGzip <= TARGET_BYTES)} |`,
      `| Invitation API answer (the questionnaire itself) | ${kb(api.reduce((s, l) => s + l.encoded, 0))} | — | — |`,
      `| Service worker and its precache of every screen (starts 1.5 s after load, first visit only) | ${kb(precacheExtra)} | — | — |`,
      `| Time to first answerable question, 4× CPU, slow 3G (median of ${RUNS}) | ${median(times)} ms | < 2500 ms | ${pass(median(times) < TARGET_MS)} |`,
      `| Same, slowest of ${RUNS} | ${Math.max(...times)} ms | < 2500 ms | ${pass(Math.max(...times) < TARGET_MS)} |`,
      `| Same, as seen by the test driver (includes Playwright's own waits and click under 4× CPU; median / slowest) | ${median(walls)} / ${Math.max(...walls)} ms | — | — |`,
      '',
      'Files of the first load:',
      '',
      '| Path | Kind | Content-Encoding | On the wire | gzip -9 |',
      '|---|---|---|---|---|',
      ...rows,
      '',
      `Time to the first answerable question = (navigation start → intro with its Start button on screen) + (Start pressed → first section on screen), from the app's \`performance.mark\`s, so a respondent who presses Start at once waits this long; the driver's own latency between the two is excluded here and shown on the line after.`,
      `The invitation (the questionnaire) is requested by a tiny inline script in index.html while the app's script downloads, and lib/api.ts's request reuses that preload.`,
      `Throttling: CDP \`Emulation.setCPUThrottlingRate {rate: 4}\` and \`Network.emulateNetworkConditions\` (latency 400 ms, 400 kbit/s down and up). For scale: a one-question SurveyJS form bundles to about 356 kB gzip of JS; ODK Web Forms ships over 1 MB.`,
    ].join('\n');
    return { title: 'PWA: respondent first load', markdown };
  } finally {
    await browser.close();
    await live.close();
  }
}
