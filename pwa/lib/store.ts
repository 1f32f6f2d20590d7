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
 * stays out of the first load (app.tsx fetches it once the first screen is up, so it is
 * there offline). If it cannot be loaded yet, a later call tries again.
 */
export function getScheduler(): Promise<SyncScheduler> {
  scheduler ??= Promise.all([getOutbox(), import('./sync')]).then(([outbox, { startSyncScheduler }]) => {
    const started = startSyncScheduler(outbox, api);
    started.subscribe(setSyncState);
    return started;
  });
  scheduler.catch(() => (scheduler = undefined));
  return scheduler;
}

const [online, setOnline] = createSignal(typeof navigator === 'undefined' ? true : navigator.onLine);
if (typeof window !== 'undefined') {
  window.addEventListener('online', () => setOnline(true));
  window.addEventListener('offline', () => setOnline(false));
}
export { online };
