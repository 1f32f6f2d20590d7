import type { Response } from '../../survey-forms/src/response';
import type { Api, Credential } from './api';

// Re-exported because pwa/test/sync-busy.test.ts and server/test/scale/load-devices.ts take the client's retry helpers from here.
export { retryAfterSeconds } from './api';
import type { Outbox, OutboxItem, Session } from './outbox';

/**
 * The sync client of docs/API.md §8 sync (protocol: docs/SYNC.md). Queued responses go out in batches per credential; the
 * device deletes nothing until the server answered accepted or duplicate for that id;
 * rejected and conflict are set aside with their reason and never block the rest; whole-request
 * failures (network, 401, 429, 5xx) leave the queue as it was, to be retried with backoff; a 413
 * halves the batch; a 404 for an invitation code the server does not know sets that code's
 * responses aside as rejected (it can never become valid; docs/SYNC.md).
 */
export const MAX_BATCH = 200;
/** Under the server's 5 MB limit with room for headers and multi-byte text. */
export const MAX_BATCH_CHARS = 4_000_000;
export const SESSION_KEY = 'session';

export type SyncFailure = 'network' | 'auth' | 'server';

export interface SyncOutcome {
  sent: number;
  rejected: number;
  /** Still queued after this run. */
  remaining: number;
  /** Why some of the queue could not be sent this time (transient). */
  failure?: SyncFailure;
  /** The server's Retry-After on that failure (a busy node's 503, a 429), in seconds. */
  retryAfterSeconds?: number;
}

/** Splits the queue into requests of at most MAX_BATCH responses and about MAX_BATCH_CHARS of JSON. */
export function batches(responses: Response[]): Response[][] {
  const out: Response[][] = [];
  let current: Response[] = [];
  let size = 0;
  for (const r of responses) {
    const length = JSON.stringify(r).length;
    if (current.length > 0 && (current.length >= MAX_BATCH || size + length > MAX_BATCH_CHARS)) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(r);
    size += length;
  }
  if (current.length > 0) out.push(current);
  return out;
}

function credentialKey(item: OutboxItem): string {
  return item.owner.kind === 'staff' ? 'staff' : `invitation:${item.owner.code}`;
}

/** One pass over the queue. Never throws for server or network trouble; storage errors propagate. */
export async function syncOnce(outbox: Outbox, api: Api, now: () => string = () => new Date().toISOString()): Promise<SyncOutcome> {
  const queued = (await outbox.byStatus('queued')).sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
  const outcome: SyncOutcome = { sent: 0, rejected: 0, remaining: 0 };
  const fail = (f: SyncFailure) => {
    // 'auth' says the most to the user (log in again); keep it over a network hiccup elsewhere.
    if (outcome.failure !== 'auth') outcome.failure = f;
  };
  const groups = new Map<string, OutboxItem[]>();
  for (const item of queued) {
    if (!item.response) continue;
    const key = credentialKey(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  for (const [key, items] of groups) {
    let credential: Credential;
    if (key === 'staff') {
      const session = await outbox.kvGet<Session>(SESSION_KEY);
      if (!session || session.expired) {
        fail('auth');
        continue;
      }
      credential = { kind: 'staff', token: session.token };
    } else {
      credential = { kind: 'invitation', code: key.slice('invitation:'.length) };
    }
    const pending = batches(items.map((i) => i.response).filter((r): r is Response => r !== undefined));
    while (pending.length > 0) {
      const batch = pending.shift() ?? [];
      const result = await api.sync(batch, credential);
      if (!result.ok) {
        const f = result.failure;
        if (f.kind === 'http' && f.status === 413 && batch.length > 1) {
          // Too big for the server: halve and go on.
          const half = Math.ceil(batch.length / 2);
          pending.unshift(batch.slice(0, half), batch.slice(half));
          continue;
        }
        if (f.kind === 'http' && f.status === 404 && credential.kind === 'invitation') {
          // The server does not know this code at all: permanent, so set aside rather than retry forever.
          for (const r of batch) await outbox.markRejected(r.id, { code: f.code, detail: f.detail });
          outcome.rejected += batch.length;
          continue;
        }
        if (f.kind === 'http' && f.status === 401 && credential.kind === 'staff') {
          const session = await outbox.kvGet<Session>(SESSION_KEY);
          if (session) await outbox.kvSet(SESSION_KEY, { ...session, expired: true });
          fail('auth');
        } else fail(f.kind === 'network' ? 'network' : 'server');
        if (f.kind === 'http' && f.retryAfterSeconds !== undefined) outcome.retryAfterSeconds = Math.max(outcome.retryAfterSeconds ?? 0, f.retryAfterSeconds);
        break;
      }
      const sentIds: string[] = [];
      for (const r of result.value.results) {
        if (r.status === 'accepted' || r.status === 'duplicate') sentIds.push(r.id);
        else {
          await outbox.markRejected(r.id, { code: r.code ?? `sync.${r.status}`, detail: r.detail ?? r.status });
          outcome.rejected++;
        }
      }
      await outbox.markSent(sentIds, now());
      outcome.sent += sentIds.length;
    }
  }
  outcome.remaining = (await outbox.byStatus('queued')).length;
  return outcome;
}

/** Capped exponential backoff: 5 s, 10 s, 20 s … at most 5 minutes. */
export function backoffDelay(failures: number, baseMs = 5_000, maxMs = 300_000): number {
  if (failures <= 0) return 0;
  return Math.min(maxMs, baseMs * 2 ** Math.min(failures - 1, 30));
}

/**
 * How long to wait when the server said when to come back (Retry-After on a busy node's 503 or
 * a 429; docs/SYNC.md "Whole-request failures"): at least that long, plus up to as long again at
 * random, so devices refused together do not all return in the same second. At most an hour.
 */
export function retryAfterDelay(seconds: number, random: () => number = Math.random): number {
  const ms = Math.min(seconds, 3600) * 1000;
  return Math.round(ms * (1 + random()));
}

export interface SyncState {
  running: boolean;
  lastSyncAt?: string;
  lastOutcome?: SyncOutcome;
  failures: number;
  /** When the next automatic try is due (ms since epoch), if one is scheduled. */
  nextAttemptAt?: number;
}

export interface SyncScheduler {
  state(): SyncState;
  /** Runs a pass now (the "Sync now" button, a new response queued, connectivity back). */
  syncNow(): Promise<SyncOutcome | undefined>;
  subscribe(listener: (state: SyncState) => void): () => void;
  stop(): void;
}

/** Runs syncOnce on start, on reconnect, on demand, and after failures with capped backoff. */
/**
 * Where the scheduler gets its time and timers. The app uses the real ones; tests pass a
 * manual clock and fire each retry themselves, so no test waits for (or races) a real timer.
 */
export interface SchedulerClock {
  now(): number;
  setTimer(fire: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

const realClock: SchedulerClock = {
  now: () => Date.now(),
  setTimer: (fire, ms) => setTimeout(fire, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function startSyncScheduler(outbox: Outbox, api: Api, options: { baseMs?: number; maxMs?: number; clock?: SchedulerClock; random?: () => number } = {}): SyncScheduler {
  const clock = options.clock ?? realClock;
  let state: SyncState = { running: false, failures: 0 };
  let timer: unknown;
  let again = false;
  let stopped = false;
  const listeners = new Set<(s: SyncState) => void>();
  const set = (patch: Partial<SyncState>) => {
    state = { ...state, ...patch };
    for (const l of listeners) l(state);
  };
  const schedule = (delay: number) => {
    if (timer !== undefined) clock.clearTimer(timer);
    timer = undefined;
    if (stopped) return;
    timer = clock.setTimer(() => void run(), delay);
    set({ nextAttemptAt: clock.now() + delay });
  };

  async function run(): Promise<SyncOutcome | undefined> {
    if (stopped) return undefined;
    if (state.running) {
      again = true;
      return undefined;
    }
    if (timer !== undefined) clock.clearTimer(timer);
    timer = undefined;
    set({ running: true, nextAttemptAt: undefined });
    let outcome: SyncOutcome | undefined;
    try {
      outcome = await syncOnce(outbox, api, () => new Date(clock.now()).toISOString());
    } catch {
      outcome = undefined;
    }
    const failed = !outcome || (outcome.failure !== undefined && outcome.failure !== 'auth');
    const failures = failed ? state.failures + 1 : 0;
    set({ running: false, lastSyncAt: new Date(clock.now()).toISOString(), lastOutcome: outcome, failures });
    if (again) {
      again = false;
      return run();
    }
    // An expired login waits for the user; anything else transient is retried on a timer.
    if (failed && (outcome?.remaining ?? 1) > 0) {
      const asked = outcome?.retryAfterSeconds;
      schedule(asked === undefined ? backoffDelay(failures, options.baseMs, options.maxMs) : retryAfterDelay(asked, options.random));
    }
    return outcome;
  }

  const onOnline = () => void run();
  if (typeof window !== 'undefined') window.addEventListener('online', onOnline);
  void run();

  return {
    state: () => state,
    syncNow: () => {
      set({ failures: 0 });
      return run();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      stopped = true;
      if (timer !== undefined) clock.clearTimer(timer);
      if (typeof window !== 'undefined') window.removeEventListener('online', onOnline);
    },
  };
}
