import postgres, { type Sql } from 'postgres';

/**
 * The PostgreSQL pool (postgres.js), able to survive the database server going away.
 *
 * postgres.js reconnects by itself, except for one defect in 3.4.9 (the latest release;
 * porsager/postgres#1154, #1208, unfixed): when a connection dies inside a transaction, its
 * ROLLBACK is written to the dead connection on a `setImmediate`, which throws
 * `TypeError: Cannot read properties of null (reading 'write')` outside any promise. By default
 * that kills the process; if it is caught, the connection is left with a stale write timer and
 * never sends again, so the pool slowly fills with dead slots. So: the one uncaught exception
 * of that exact shape is caught here, and every pool of this process is replaced by a fresh
 * one (the old pool is ended, its stuck queries fail with a connection error, answered 503).
 * Tested by server/test/chaos/database-outage.test.ts. Remove when postgres.js fixes it.
 */
export interface PostgresClient {
  /** A stable handle for drizzle; calls go to the current pool. */
  sql: Sql;
  /** Replace the pool with a fresh one (what the defect handler does). */
  recycle(): void;
  end(): Promise<void>;
  /** How many times the pool was replaced (metrics). */
  readonly recycled: number;
}

const live = new Set<PostgresClient>();

export function isPostgresJsNullSocketWrite(err: unknown): boolean {
  return err instanceof TypeError && err.message.includes("reading 'write'") && /nextWrite \([^)]*postgres[\\/](cjs[\\/])?src[\\/]connection\.js/.test(err.stack ?? '');
}

let guardInstalled = false;
function installDefectGuard(): void {
  if (guardInstalled) return;
  guardInstalled = true;
  process.on('uncaughtException', (err) => {
    if (isPostgresJsNullSocketWrite(err)) {
      process.emitWarning('postgres.js wrote to a closed connection (porsager/postgres#1208); database pools replaced', { code: 'PAR_PG_POOL_RECYCLED' });
      for (const client of live) client.recycle();
      return;
    }
    // Any other uncaught exception: what Node does without a listener, unless someone else
    // (a test runner) also listens and decides.
    if (process.listenerCount('uncaughtException') === 1) {
      console.error(err);
      process.exit(1);
    }
  });
}

export function createPostgresClient(url: string, max: number): PostgresClient {
  installDefectGuard();
  const open = () => postgres(url, { max, onnotice: () => {} });
  let current = open();
  let recycled = 0;
  // drizzle reads `unsafe`, `begin` and `options` (whose parsers it adjusts once) off the client.
  const sql = new Proxy(current, {
    get: (_target, prop) => Reflect.get(current, prop, current) as unknown,
    apply: (_target, thisArg, args: unknown[]) => Reflect.apply(current, thisArg, args) as unknown,
  });
  const client: PostgresClient = {
    sql,
    recycle() {
      const old = current;
      current = open();
      Object.assign(current.options.parsers, old.options.parsers);
      Object.assign(current.options.serializers, old.options.serializers);
      recycled++;
      // Queries stuck on a poisoned connection fail after a second instead of hanging.
      void old.end({ timeout: 1 }).catch(() => undefined);
    },
    async end() {
      live.delete(client);
      await current.end({ timeout: 5 });
    },
    get recycled() {
      return recycled;
    },
  };
  live.add(client);
  return client;
}
