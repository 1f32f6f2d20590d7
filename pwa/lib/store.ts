import { createSignal } from 'solid-js';
import { api } from './api';
import { openOutbox, type Outbox } from './outbox';
import { startSyncScheduler, type SyncScheduler, type SyncState } from './sync';

/**
 * The app's single outbox and sync scheduler, opened on first use. Screens read the sync
 * state and connectivity through these signals.
 */
let outboxPromise: Promise<Outbox> | undefined;
let scheduler: SyncScheduler | undefined;

export function getOutbox(): Promise<Outbox> {
  // A newer app version migrating the database in another tab: reload onto it.
  outboxPromise ??= openOutbox(undefined, { onBlocking: () => location.reload() }).then((o) => (performance.mark('par:outbox'), o));
  return outboxPromise;
}

const [syncState, setSyncState] = createSignal<SyncState>({ running: false, failures: 0 });
export { syncState };

export async function getScheduler(): Promise<SyncScheduler> {
  if (!scheduler) {
    const outbox = await getOutbox();
    scheduler = startSyncScheduler(outbox, api);
    scheduler.subscribe(setSyncState);
  }
  return scheduler;
}

const [online, setOnline] = createSignal(typeof navigator === 'undefined' ? true : navigator.onLine);
if (typeof window !== 'undefined') {
  window.addEventListener('online', () => setOnline(true));
  window.addEventListener('offline', () => setOnline(false));
}
export { online };
