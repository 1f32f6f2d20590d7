import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { SyncResult } from '../../survey-forms/src';

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's counters (docs/OPERATIONS.md, "Metrics and logs"); cleared with the app. */
    metrics: Metrics;
  }
}

/**
 * Counters and gauges in the Prometheus text format (version 0.0.4), written by hand: the
 * format is a few lines of text, and a library (prom-client) would add a process-wide default
 * registry, which is the kind of module-level state the app keeps in decorators instead.
 * Labels hold route templates (`/api/invitations/:code`), never a URL with a code in it.
 */
export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly durations = new Map<string, { sum: number; count: number }>();
  private readonly syncs = new Map<string, number>();
  inFlight = 0;
  /** Set by plugins/sync-admission.ts: its limit, syncs in progress and refused. */
  syncAdmission: (() => { limit: number; inFlight: number; refused: number }) | undefined;

  constructor(private readonly database: () => { engine: string; pool?: { max: number; recycled: number } }) {}

  request(method: string, route: string, status: number, seconds: number): void {
    const key = `method="${method}",route="${escape(route)}",status="${status}"`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const d = this.durations.get(`method="${method}",route="${escape(route)}"`) ?? { sum: 0, count: 0 };
    d.sum += seconds;
    d.count += 1;
    this.durations.set(`method="${method}",route="${escape(route)}"`, d);
  }

  syncResults(results: readonly SyncResult[]): void {
    for (const r of results) {
      const key = `status="${r.status}"`;
      this.syncs.set(key, (this.syncs.get(key) ?? 0) + 1);
    }
  }

  render(): string {
    const out: string[] = [];
    const family = (name: string, type: string, help: string, rows: [string, number][]) => {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const [labels, value] of rows) out.push(`${name}${labels ? `{${labels}}` : ''} ${value}`);
    };
    family('par_http_requests_total', 'counter', 'HTTP requests answered, by route template and status.', [...this.requests]);
    family('par_http_request_duration_seconds_sum', 'counter', 'Total seconds spent answering, by route.', [...this.durations].map(([k, d]) => [k, d.sum]));
    family('par_http_request_duration_seconds_count', 'counter', 'Requests timed, by route.', [...this.durations].map(([k, d]) => [k, d.count]));
    family('par_http_requests_in_flight', 'gauge', 'Requests being answered now (the service has no other queue).', [['', this.inFlight]]);
    family('par_sync_results_total', 'counter', 'POST /api/sync outcomes per response, by status.', [...this.syncs]);
    const admission = this.syncAdmission?.();
    if (admission) {
      family('par_sync_in_flight', 'gauge', 'POST /api/sync requests admitted and not yet answered (docs/SCALING.md "Admission").', [['', admission.inFlight]]);
      family('par_sync_concurrency_limit', 'gauge', 'Most syncs this node admits at once (SYNC_CONCURRENCY).', [['', admission.limit]]);
      family('par_sync_refused_total', 'counter', 'POST /api/sync requests answered 503 because the limit was reached.', [['', admission.refused]]);
    }
    const db = this.database();
    family('par_database_info', 'gauge', 'The database engine in use.', [[`engine="${db.engine}"`, 1]]);
    if (db.pool) {
      family('par_database_pool_max', 'gauge', 'Largest number of PostgreSQL connections the pool opens.', [['', db.pool.max]]);
      family('par_database_pool_recycled_total', 'counter', 'Times the pool was replaced after a connection defect (db/postgres-client.ts).', [['', db.pool.recycled]]);
    }
    const mem = process.memoryUsage();
    family('process_resident_memory_bytes', 'gauge', 'Resident memory of the server process.', [['', mem.rss]]);
    family('nodejs_heap_used_bytes', 'gauge', 'V8 heap in use.', [['', mem.heapUsed]]);
    family('process_uptime_seconds', 'gauge', 'Seconds since the process started.', [['', Math.round(process.uptime())]]);
    return `${out.join('\n')}\n`;
  }
}

const escape = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

async function metricsPlugin(app: FastifyInstance, opts: { pool?: () => { max: number; recycled: number } }): Promise<void> {
  const metrics = new Metrics(() => ({ engine: app.dbEngine, ...(opts.pool ? { pool: opts.pool() } : {}) }));
  app.decorate('metrics', metrics);
  // A request leaves the in-flight count once: when answered, or when its connection closes
  // first (a client that gave up never gets an `onResponse`).
  const counted = new WeakSet<FastifyRequest>();
  const done = (request: FastifyRequest) => {
    if (counted.delete(request)) metrics.inFlight--;
  };
  app.addHook('onRequest', async (request, reply) => {
    metrics.inFlight++;
    counted.add(request);
    reply.raw.once('close', () => done(request));
    // The id in every log line of this request, given to the caller to quote when reporting.
    // API replies only: the app's files are the same for everyone, and on a phone's first visit
    // every header byte counts (docs/PWA.md "First load on a weak connection").
    if (request.url.startsWith('/api/')) void reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    done(request);
    metrics.request(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
  });
}

export default fp(metricsPlugin, { name: 'metrics' });
