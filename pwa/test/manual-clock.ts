import type { SchedulerClock } from '../lib/sync';

/**
 * A clock for the sync scheduler that only moves when the test says so. Timers are recorded
 * instead of started; `nextTimer()` resolves when the scheduler sets one (after real network
 * work, so the test waits on that event, not on wall-clock time), and `fire()` runs it.
 */
export interface ManualClock {
  clock: SchedulerClock;
  /** Every delay the scheduler asked for, in order. */
  delays: number[];
  /** Resolves with the delay of the next timer the scheduler sets (or the one already pending). */
  nextTimer(): Promise<number>;
  /** Moves time to the pending timer and runs it. */
  fire(): void;
  pending(): boolean;
}

export function manualClock(start = Date.UTC(2026, 0, 5, 8)): ManualClock {
  let now = start;
  let pending: { id: number; fire: () => void; ms: number } | undefined;
  let waiter: ((ms: number) => void) | undefined;
  let serial = 0;
  const delays: number[] = [];
  return {
    delays,
    clock: {
      now: () => now,
      setTimer(fire, ms) {
        pending = { id: ++serial, fire, ms };
        delays.push(ms);
        waiter?.(ms);
        waiter = undefined;
        return pending.id;
      },
      clearTimer(handle) {
        if (pending?.id === handle) pending = undefined;
      },
    },
    nextTimer: () => (pending ? Promise.resolve(pending.ms) : new Promise((resolve) => (waiter = resolve))),
    fire() {
      if (!pending) throw new Error('no timer is pending');
      const { fire, ms } = pending;
      pending = undefined;
      now += ms;
      fire();
    },
    pending: () => pending !== undefined,
  };
}
