import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startLiveServer, type LiveServer } from '../test/server';
import { launchChromium } from './browser';

/** What a browser test file drives: the live server and Chromium, both there once its tests run. */
export interface LiveBrowser {
  readonly live: LiveServer;
  readonly browser: Browser;
}

/**
 * Starts a live server and a headless Chromium before the file's tests and closes both after
 * them, whatever failed in between. Call it at the top of a test file; a file's own
 * `beforeAll`, registered after it, runs once both are up.
 */
export function useLiveBrowser(options: Parameters<typeof startLiveServer>[0] = {}): LiveBrowser {
  let live: LiveServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    live = await startLiveServer(options);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await live?.close();
  });
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started yet: use it inside a test or a later beforeAll`);
    return value;
  };
  return {
    get live() {
      return ready(live, 'the live server');
    },
    get browser() {
      return ready(browser, 'Chromium');
    },
  };
}
