import { createSignal } from 'solid-js';
import { api } from './api';
import type { Outbox } from './outbox';
import { DB_NAME } from './outbox-name';
import type { SyncScheduler, SyncState } from './sync';

/**
 * The app's single outbox and sync scheduler, opened on first use. Screens read the sync
 * state and connectivity through these signals.
 */
let outboxPromise: Promise<Outbox> | undefined;
let scheduler: Promise<SyncScheduler> | undefined;

const loadOutboxCode = () => import('./outbox');

/**
 * Fetches the outbox's code without opening the database: called in the frame that first shows
 * a new draft's first question, so the code is on its way before that frame is painted.
 */
export function preloadOutbox(): void {
  loadOutboxCode().catch(() => undefined);
}

/**
 * The outbox's code is its own chunk (with `idb`): a respondent's first screen and first
 * question do without it (docs/PWA.md "First load on a weak connection"). Should the chunk
 * not arrive (offline before the service worker holds it), the next call tries again.
 */
export function getOutbox(): Promise<Outbox> {
  if (!outboxPromise) {
    const opening = loadOutboxCode().then(({ openOutbox }) =>
      // A newer app version migrating the database in another tab: reload onto it.
      openOutbox(undefined, { onBlocking: () => location.reload() }).then((o) => (performance.mark('par:outbox'), o)),
    );
    opening.catch(() => {
      if (outboxPromise === opening) outboxPromise = undefined;
    });
    outboxPromise = opening;
  }
  return outboxPromise;
}

/**
 * Whether this device may hold anything in the outbox (a draft, a response sent from here),
 * answered from the list of the site's databases without loading the outbox or opening it.
 * A first visit has none, so its intro and first question need neither. Where the browser
 * cannot list its databases, the answer is yes (the outbox is then opened to find out).
 */
export async function outboxMayHoldData(): Promise<boolean> {
  if (outboxPromise || typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return true;
  try {
    return (await indexedDB.databases()).some((d) => d.name === DB_NAME);
  } catch {
    return true;
  }
}

const [syncState, setSyncState] = createSignal<SyncState>({ running: false, failures: 0 });
export { syncState };

/**
 * The sync client is its own chunk: a respondent needs it only once the form is sent, so it
 * stays out of the first load. `preloadSync` fetches it when Start is pressed and app.tsx once
 * the first screen is up. Offline before it has arrived, the scheduler starts when the
 * connection returns, and its first run sends what was queued meanwhile.
 */
let retryOnline = false;
export function getScheduler(): Promise<SyncScheduler> {
  scheduler ??= Promise.all([getOutbox(), import('./sync')]).then(([outbox, { startSyncScheduler }]) => {
    const started = startSyncScheduler(outbox, api);
    started.subscribe(setSyncState);
    return started;
  });
  scheduler.catch(() => {
    scheduler = undefined;
    if (retryOnline || typeof window === 'undefined') return;
    retryOnline = true;
    window.addEventListener('online', () => ((retryOnline = false), void getScheduler().catch(() => undefined)), { once: true });
  });
  return scheduler;
}

/** Fetches the sync client's code without starting it, so it is on the device if the network goes. */
export const preloadSync = (): Promise<unknown> => import('./sync').catch(() => undefined);

const [online, setOnline] = createSignal(typeof navigator === 'undefined' ? true : navigator.onLine);
if (typeof window !== 'undefined') {
  window.addEventListener('online', () => setOnline(true));
  window.addEventListener('offline', () => setOnline(false));
}
export { online };
