import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { count, inArray } from 'drizzle-orm';
import { type Db, withTransaction } from '../../db/client';
import { heldBallots } from '../../db/schema';
import { type MixReport, type MixRequest, mixBallots } from '../services/ballot-mix';

/**
 * When held ballots are mixed (docs/PRIVACY.md "When the mix runs"): as soon as a campaign
 * holds `batch` ballots; on a timer with jitter, so nothing waits long and the mix's moment
 * says nothing about one respondent; and when a campaign closes, so scores and progress miss
 * nothing. Mixes of one process run one at a time; several processes are kept apart by the
 * mix's table lock.
 */
export interface MixerOptions {
  /** Ballots per campaign that start a mix at once (default 10). */
  batch?: number;
  /** Mean time between timer mixes in ms, each wait drawn from 0.5× to 1.5×; null: no timer (tests). Default 10 minutes. */
  intervalMs?: number | null;
  /** Seeded in tests; crypto otherwise. */
  random?: () => number;
}

class BallotMixer {
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  readonly batch: number;

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
    private readonly opts: MixerOptions,
  ) {
    this.batch = opts.batch ?? 10;
  }

  /** The mix's own transaction is decided here (docs/ARCHITECTURE.md §5), never a ballot's. */
  private mix(req: MixRequest): Promise<MixReport> {
    return withTransaction(this.db, (tx) => mixBallots(tx, req));
  }

  /** Runs one mix after those already queued. */
  run(force: MixRequest['force'] = undefined): Promise<MixReport> {
    const next = this.chain.then(() => this.mix({ batch: this.batch, ...(force ? { force } : {}), ...(this.opts.random ? { random: this.opts.random } : {}) }));
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** After ballots were held: mixes in the background if a campaign's batch is full. */
  nudge(campaignIds: readonly string[]): void {
    if (campaignIds.length === 0 || this.stopped) return;
    const work = this.chain.then(async () => {
      const rows = await this.db
        .select({ n: count() })
        .from(heldBallots)
        .where(inArray(heldBallots.campaignId, [...new Set(campaignIds)]))
        .groupBy(heldBallots.campaignId);
      if (rows.some((r) => Number(r.n) >= this.batch)) await this.mix({ batch: this.batch, ...(this.opts.random ? { random: this.opts.random } : {}) });
    });
    // Counts only: never an id, a campaign or a time of one ballot in the log.
    this.chain = work.catch((err: unknown) => this.log.error({ errClass: err instanceof Error ? err.name : typeof err }, 'ballot mix failed; ballots stay held and the next mix retries'));
  }

  /** Resolves when every queued mix has finished (tests, shutdown). */
  async settle(): Promise<void> {
    let last: Promise<unknown>;
    do {
      last = this.chain;
      await last;
    } while (last !== this.chain);
  }

  start(): void {
    const mean = this.opts.intervalMs === undefined ? 10 * 60_000 : this.opts.intervalMs;
    if (mean === null || this.stopped) return;
    const random = this.opts.random ?? Math.random;
    const wait = mean * (0.5 + random());
    this.timer = setTimeout(() => {
      this.run('all')
        .catch((err: unknown) => this.log.error({ errClass: err instanceof Error ? err.name : typeof err }, 'timed ballot mix failed'))
        .finally(() => this.start());
    }, wait);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.settle();
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    ballotMixer: BallotMixer;
  }
}

async function ballotMixerPlugin(app: FastifyInstance, opts: MixerOptions): Promise<void> {
  const mixer = new BallotMixer(app.db, app.log, opts);
  app.decorate('ballotMixer', mixer);
  app.addHook('onReady', async () => mixer.start());
  app.addHook('onClose', async () => mixer.stop());
}

export default fp(ballotMixerPlugin, { name: 'ballot-mixer', dependencies: ['db'] });
