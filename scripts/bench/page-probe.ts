import type { Browser } from 'playwright-core';

/**
 * One cold first visit of a survey page in headless Chromium, throttled like a cheap phone
 * on 3G, measured the same way whichever app serves it (scripts/bench/pwa.ts runs ours and
 * SurveyJS's through this). Times come from the page itself: a probe (an init script, so
 * neither app knows of it) notes when a visible "Start" button appears, when it is tapped
 * and when the first question's input exists; the driver's own delay before its tap is left
 * out, as if the respondent tapped at once.
 */
export const THROTTLE = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };
export const CPU_SLOWDOWN = 4;

export interface Loaded {
  url: string;
  type: string;
  encoding: string;
  /** CDP encodedDataLength: what crossed the wire, headers included. */
  bytes: number;
  /** When the request left, in ms since navigation start. */
  sentAt: number;
}

export interface Visit {
  /** Start button on screen + (tap → first question on screen): an instant tap. */
  firstQuestionMs: number;
  startMs: number;
  /** As the driver saw it, its own delays included. */
  wallMs: number;
  /** JS heap in use once the first question is up, after a garbage collection. */
  heapBytes: number;
  /** Requests sent before the first question appeared. */
  before: Loaded[];
  /** Requests sent after it (only with `linger`: what loads once the page is idle). */
  after: Loaded[];
}

/**
 * The probe, as plain JavaScript text: a function's source would carry the helpers tsx adds
 * when it compiles this file, which do not exist in the page.
 */
const probe = (selector: string, start: string) => `(() => {
  const marks = (window.__probe = {});
  const mark = (k) => { if (marks[k] === undefined) marks[k] = performance.now(); };
  const isStart = (el) => (el.value || el.textContent || '').trim() === ${JSON.stringify(start)} && el.offsetParent !== null;
  addEventListener('click', () => mark('tap'), true);
  const look = () => {
    if (marks.start === undefined && [...document.querySelectorAll('button, input[type=button]')].some(isStart)) mark('start');
    if (marks.tap !== undefined && document.querySelector(${JSON.stringify(selector)})) return mark('question');
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();`;

export async function visit(browser: Browser, url: string, opts: { question: string; start: string; linger?: boolean }): Promise<Visit> {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'vi-VN', serviceWorkers: 'block' });
  try {
    await ctx.addInitScript(probe(opts.question, opts.start));
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    const sent = new Map<string, { url: string; wall: number; type: string }>();
    const meta = new Map<string, string>();
    const done: (Omit<Loaded, 'sentAt'> & { wall: number })[] = [];
    cdp.on('Network.requestWillBeSent', (e) => void sent.set(e.requestId, { url: e.request.url, wall: e.wallTime * 1000, type: e.type ?? 'Other' }));
    cdp.on('Network.responseReceived', (e) => {
      const h = e.response.headers as Record<string, string>;
      meta.set(e.requestId, h['content-encoding'] ?? h['Content-Encoding'] ?? 'none');
    });
    cdp.on('Network.loadingFinished', (e) => {
      const s = sent.get(e.requestId);
      if (s) done.push({ url: s.url, type: s.type, encoding: meta.get(e.requestId) ?? 'none', bytes: e.encodedDataLength, wall: s.wall });
    });
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', THROTTLE);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    const t0 = Date.now();
    await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
    await page.getByRole('button', { name: opts.start, exact: true }).click({ timeout: 120_000 });
    await page.locator(opts.question).first().waitFor({ state: 'attached', timeout: 120_000 });
    const wallMs = Date.now() - t0;
    const marks = await page.waitForFunction(() => (window as unknown as { __probe: Record<string, number> }).__probe.question !== undefined && (window as unknown as { __probe: Record<string, number> }).__probe, undefined, { timeout: 30_000 });
    const { start, tap, question } = (await marks.jsonValue()) as Record<string, number>;
    if (start === undefined || tap === undefined || question === undefined) throw new Error('the probe missed a mark');
    const origin = await page.evaluate(() => performance.timeOrigin);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    if (opts.linger) await page.waitForLoadState('networkidle', { timeout: 60_000 }).then(() => page.waitForTimeout(4000));
    else await page.waitForTimeout(300);
    const loaded = done.map(({ wall, ...l }) => ({ ...l, sentAt: Math.round(wall - origin) }));
    return {
      firstQuestionMs: Math.round(start + (question - tap)),
      startMs: Math.round(start),
      wallMs,
      heapBytes: usedSize,
      before: loaded.filter((l) => l.sentAt <= question),
      after: loaded.filter((l) => l.sentAt > question),
    };
  } finally {
    await ctx.close();
  }
}
