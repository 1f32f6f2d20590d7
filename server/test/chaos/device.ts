import type { Response, SyncResult } from '../../../survey-forms/src';

/**
 * A simulated phone following docs/API.md §8 sync and docs/SYNC.md: it sends its queue in batches, deletes an item
 * only after the server answered `accepted` or `duplicate` for its id, and retries every
 * whole-request failure (network error, cut reply, 4xx/5xx whole-request problem) with capped
 * exponential backoff. Items answered `conflict` or `rejected` are set aside, never retried.
 */
export interface QueueItem {
  response: Response;
  /** Credential headers: a staff bearer token or this response's invitation code. */
  headers: Record<string, string>;
}

export interface DeviceReport {
  requests: number;
  failures: number;
  /** Items the server already had: retries after a lost reply, duplicated or replayed requests. */
  duplicates: number;
  setAside: SyncResult[];
}

export interface DeviceOptions {
  baseUrl: string;
  random: () => number;
  maxBatch: number;
  /** Epoch ms after which the device gives up (the test then fails). */
  deadline: number;
  onDelivered: (count: number) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runDevice(queue: QueueItem[], opts: DeviceOptions): Promise<DeviceReport> {
  const pending = [...queue];
  const report: DeviceReport = { requests: 0, failures: 0, duplicates: 0, setAside: [] };
  let streak = 0;
  while (pending.length > 0) {
    if (Date.now() > opts.deadline) throw new Error(`device gave up with ${pending.length} responses unsent`);
    // A batch shares one credential: staff items together, an invitation item alone.
    const first = pending[0] as QueueItem;
    const key = JSON.stringify(first.headers);
    const size = 1 + Math.floor(opts.random() * opts.maxBatch);
    const batch = pending.filter((item) => JSON.stringify(item.headers) === key).slice(0, size);
    report.requests++;
    let results: SyncResult[] | null = null;
    try {
      const res = await fetch(`${opts.baseUrl}/api/sync`, {
        method: 'POST',
        headers: { ...first.headers, 'content-type': 'application/json' },
        body: JSON.stringify({ responses: batch.map((b) => b.response) }),
        signal: AbortSignal.timeout(15_000),
      });
      const text = await res.text();
      if (res.status === 200) results = (JSON.parse(text) as { results: SyncResult[] }).results;
    } catch {
      results = null;
    }
    if (!results || results.length !== batch.length) {
      report.failures++;
      streak++;
      await sleep(Math.min(200, 5 * 2 ** Math.min(streak, 6)) * (0.5 + opts.random()));
      continue;
    }
    streak = 0;
    const done = new Set<string>();
    results.forEach((r, i) => {
      const item = batch[i] as QueueItem;
      if (r.id !== item.response.id) throw new Error(`reply out of order: ${r.id} for ${item.response.id}`);
      if (r.status === 'rejected' || r.status === 'conflict') report.setAside.push(r);
      if (r.status === 'duplicate') report.duplicates++;
      done.add(r.id);
    });
    for (let i = pending.length - 1; i >= 0; i--) if (done.has((pending[i] as QueueItem).response.id)) pending.splice(i, 1);
    opts.onDelivered(done.size);
  }
  return report;
}
