import type { Browser } from 'playwright-core';

/**
 * One cold first visit of a survey page in headless Chromium, throttled like a cheap phone
 * on 3G, measured the same way whichever app serves it (scripts/bench/pwa.ts runs ours and
 * SurveyJS's through this). Times come from the page itself: a probe (an init script, so
 * neither app knows of it) notes when a visible "Start" button appears, taps it in that same
 * frame (a click on the element: the instant tap), and notes when the first question's input
 * exists. The driver only waits to be told: it sends no locator, click or polling into the
 * page while it loads, so none of its work runs on the page's (throttled) main thread.
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
  /** First question on screen, Start tapped the moment it appeared. */
  firstQuestionMs: number;
  /** Start button on screen. */
  startMs: number;
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
  const look = () => {
    if (marks.start === undefined) {
      const button = [...document.querySelectorAll('button, input[type=button]')].find(isStart);
      if (button) { mark('start'); button.click(); }
    }
    if (marks.start !== undefined && document.querySelector(${JSON.stringify(selector)})) { mark('question'); return window.__probeDone(marks); }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();`;

export async function visit(browser: Browser, url: string, opts: { question: string; start: string; linger?: boolean }): Promise<Visit> {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'vi-VN', serviceWorkers: 'block' });
  try {
    let tell: (marks: Record<string, number>) => void = () => undefined;
    const told = new Promise<Record<string, number>>((resolveMarks) => (tell = resolveMarks));
    await ctx.exposeBinding('__probeDone', (_source, marks: Record<string, number>) => tell(marks));
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
    await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
    const { start, question } = await Promise.race([told, page.waitForTimeout(120_000).then(() => ({} as Record<string, number>))]);
    if (start === undefined || question === undefined) throw new Error('the probe saw no Start button or no first question within 120 s');
    const origin = await page.evaluate(() => performance.timeOrigin);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    if (opts.linger) await page.waitForLoadState('networkidle', { timeout: 60_000 }).then(() => page.waitForTimeout(4000));
    else await page.waitForTimeout(300);
    const loaded = done.map(({ wall, ...l }) => ({ ...l, sentAt: Math.round(wall - origin) }));
    return {
      firstQuestionMs: Math.round(question),
      startMs: Math.round(start),
      heapBytes: usedSize,
      before: loaded.filter((l) => l.sentAt <= question),
      after: loaded.filter((l) => l.sentAt > question),
    };
  } finally {
    await ctx.close();
  }
}
