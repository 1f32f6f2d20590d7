import type { Response, SyncResult } from '../../../survey-forms/src';
import { backoffDelay, batches, retryAfterDelay, retryAfterSeconds } from '../../../pwa/lib/sync';
import { mulberry32 } from '../../stats/prng';
import { type LoadCampaign, loadResponse } from './load-campaign';

/**
 * Many phones syncing at once (docs/SCALING.md "Measured capacity"). `slots` devices run side by
 * side for `durationMs`; each slot is a collector (a backlog of 20–200 responses, own-unit and
 * 20-unit matrix forms mixed, sent in the app's batches: pwa/lib/sync.ts `batches`) or a
 * respondent (one response under one invitation code). When a device has delivered its queue,
 * the next one takes its slot, until the time is up; devices started by then finish their
 * queue. Device behaviour is the app's (docs/SYNC.md, as server/test/chaos/device.ts): an item
 * leaves the queue only when answered `accepted` or `duplicate`; a whole-request failure
 * (network, 429, 5xx, no answer within the app's 60 s) is retried after the server's Retry-After
 * (jittered) when it gave one, else after the app's backoff;
 * `rejected` and `conflict` are set aside.
 */
export interface LoadOptions {
  baseUrl: string;
  campaign: LoadCampaign;
  /** Staff tokens of the collector accounts, one per collector slot (reused round the slots). */
  collectorTokens: string[];
  slots: number;
  /** Share of the slots that are collectors (the rest are respondents). */
  collectorShare: number;
  /** Share of the responses that are on the 20-unit matrix form. */
  matrixShare: number;
  durationMs: number;
  /** Epoch ms after which unsent queues are abandoned (counted, and the run fails). */
  deadline: number;
  seed: number;
  /**
   * First wait after a failed request; the app's 5 s unless a test wants its devices quicker. Doubles per failure (pwa/lib/sync.ts `backoffDelay`)
   * up to 60 s whatever the base (the app's cap is 5 minutes; a run is bounded by `deadline`), then jittered (× 0.5–1.5). Only the first wait scales, not the cap.
   * A Retry-After from the server is waited instead (jittered as the app does), shortened by `backoffBaseMs / 5000`, as the first wait is.
   * No wait runs past `deadline`: a device still failing then gives up at the deadline, not after it.
   */
  backoffBaseMs?: number;
  /** Called after each answered request with how many of its responses were delivered (accepted or duplicate): throughput over time. */
  onAck?: (count: number) => void;
}

export interface LoadReport {
  /** Ids answered accepted or duplicate: what the devices deleted. */
  acked: Set<string>;
  /** Every response a device put in its queue, by id: questionnaire, for the expected answer rows. */
  sent: Map<string, string>;
  setAside: SyncResult[];
  duplicates: number;
  requests: number;
  failures: number;
  /** Of the failures: 503 with Retry-After (the node's sync admission was full, or the database away). */
  refused: number;
  /** Every request: when it started and ended (epoch ms) and whether it was answered 200. */
  timeline: { start: number; end: number; ok: boolean }[];
  /** ms per successful request, by kind. */
  latencies: { collector: number[]; respondent: number[] };
  devices: { collectors: number; respondents: number };
  /** Responses still queued when the deadline passed (must be 0). */
  abandoned: number;
  /** Respondent slots that found no unused code left (the run had more respondents than codes). */
  codesRanOut: number;
  seconds: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runLoad(opts: LoadOptions): Promise<LoadReport> {
  const c = opts.campaign;
  const random = mulberry32(opts.seed);
  const report: LoadReport = {
    acked: new Set(),
    sent: new Map(),
    setAside: [],
    duplicates: 0,
    requests: 0,
    failures: 0,
    refused: 0,
    timeline: [],
    latencies: { collector: [], respondent: [] },
    devices: { collectors: 0, respondents: 0 },
    abandoned: 0,
    codesRanOut: 0,
    seconds: 0,
  };
  const ownCodes = [...c.ownCodes];
  const crossCodes = [...c.crossCodes];
  const t0 = performance.now();
  const stopAt = Date.now() + opts.durationMs;

  /** Sends `queue` under `headers` until every item is answered; returns when done or past the deadline. */
  const deliver = async (queue: Response[], headers: Record<string, string>, kind: 'collector' | 'respondent') => {
    for (const r of queue) report.sent.set(r.id, r.questionnaireId);
    let pending = queue;
    let streak = 0;
    while (pending.length > 0) {
      if (Date.now() > opts.deadline) {
        report.abandoned += pending.length;
        return;
      }
      const batch = batches(pending)[0] as Response[];
      report.requests++;
      const started = performance.now();
      const startedAt = Date.now();
      let results: SyncResult[] | null = null;
      let retryAfter: number | undefined;
      try {
        const res = await fetch(`${opts.baseUrl}/api/sync`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ responses: batch }),
          signal: AbortSignal.timeout(60_000),
        });
        const text = await res.text();
        if (res.status === 200) results = (JSON.parse(text) as { results: SyncResult[] }).results;
        else {
          retryAfter = retryAfterSeconds(res.headers.get('retry-after'));
          if (res.status === 503 && retryAfter !== undefined) report.refused++;
        }
      } catch {
        results = null;
      }
      report.timeline.push({ start: startedAt, end: Date.now(), ok: results !== null });
      if (!results || results.length !== batch.length) {
        report.failures++;
        streak++;
        // As the app does (pwa/lib/sync.ts): the server's Retry-After, jittered; else backoff, jittered
        // here. Devices made quicker (backoffBaseMs) shorten the server's wait in the same proportion
        // as their first backoff; the 60 s cap stays. Never past the deadline, so giving up is counted when it is due.
        const base = opts.backoffBaseMs ?? 5000;
        const wait = retryAfter !== undefined ? retryAfterDelay(retryAfter, random) * (base / 5000) : backoffDelay(streak, base, 60_000) * (0.5 + random());
        await sleep(Math.max(0, Math.min(wait, opts.deadline - Date.now())));
        continue;
      }
      streak = 0;
      report.latencies[kind].push(performance.now() - started);
      const done = new Set<string>();
      results.forEach((r, i) => {
        if (r.id !== batch[i]?.id) throw new Error(`reply out of order: ${r.id}`);
        if (r.status === 'accepted' || r.status === 'duplicate') report.acked.add(r.id);
        else report.setAside.push(r);
        if (r.status === 'duplicate') report.duplicates++;
        done.add(r.id);
      });
      opts.onAck?.(results.filter((r) => r.status === 'accepted' || r.status === 'duplicate').length);
      pending = pending.filter((r) => !done.has(r.id));
    }
  };

  const collectorSlots = Math.round(opts.slots * opts.collectorShare);
  const slot = async (index: number) => {
    const isCollector = index < collectorSlots;
    while (Date.now() < stopAt) {
      if (isCollector) {
        report.devices.collectors++;
        const token = opts.collectorTokens[index % opts.collectorTokens.length] as string;
        const backlog = 20 + Math.floor(random() * 181);
        const queue = Array.from({ length: backlog }, () => loadResponse(c, random() < opts.matrixShare ? 'cross' : 'own', random));
        await deliver(queue, { authorization: `Bearer ${token}` }, 'collector');
      } else {
        const matrix = random() < opts.matrixShare;
        const own = matrix ? undefined : ownCodes.pop();
        const cross = matrix ? crossCodes.pop() : undefined;
        if (!own && !cross) {
          report.codesRanOut++;
          return;
        }
        report.devices.respondents++;
        const response = { ...loadResponse(c, matrix ? 'cross' : 'own', random, own?.unitId), channel: 'self' as const };
        await deliver([response], { 'x-invitation-code': own?.code ?? (cross as string) }, 'respondent');
      }
    }
  };
  await Promise.all(Array.from({ length: opts.slots }, (_, i) => slot(i)));
  report.seconds = (performance.now() - t0) / 1000;
  for (const list of Object.values(report.latencies)) list.sort((a, b) => a - b);
  return report;
}
