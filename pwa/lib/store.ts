import { createSignal } from 'solid-js';
import { api } from './api';
import { openOutbox, type Outbox } from './outbox';
import type { SyncScheduler, SyncState } from './sync';

/**
 * The app's single outbox and sync scheduler, opened on first use. Screens read the sync
 * state and connectivity through these signals.
 */
let outboxPromise: Promise<Outbox> | undefined;
let scheduler: Promise<SyncScheduler> | undefined;

export function getOutbox(): Promise<Outbox> {
  // A newer app version migrating the database in another tab: reload onto it.
  outboxPromise ??= openOutbox(undefined, { onBlocking: () => location.reload() }).then((o) => (performance.mark('par:outbox'), o));
  return outboxPromise;
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
