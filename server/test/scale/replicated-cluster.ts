import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { freePort, postgresBinDir, postgresCommand, postgresUser } from '../scratch-cluster';

/**
 * A primary and a synchronous standby of the test's own (docs/SCALING.md "Failover"): initdb
 * in a temporary directory, `pg_basebackup -R` for the standby, both on free ports of
 * 127.0.0.1. Once the standby streams, the primary is told `synchronous_standby_names = '*'`
 * (ALTER SYSTEM, so the setting lives in the primary's own postgresql.auto.conf and the standby,
 * copied before, does not inherit it: a promoted standby must not wait for a standby of its
 * own). From then on a commit returns only after the standby has the WAL: what the app
 * acknowledged survives losing the primary. As root, the clusters belong to and run as the
 * `postgres` user. Every command is bounded in time; `destroy()` stops both and removes the
 * directory, and is also run when the process exits.
 */
export interface ReplicatedCluster {
  primaryPort: number;
  standbyPort: number;
  /** Both hosts, primary first, with `target_session_attrs=primary` (db/client.ts "Several hosts"). */
  url: string;
  /** The primary alone, for the test's own checks before the failover. */
  primaryUrl: string;
  standbyUrl: string;
  /** `pg_ctl stop -m immediate`: the primary's processes die as on a crash. Asynchronous, so load keeps running meanwhile. */
  killPrimary(): Promise<void>;
  /** `pg_ctl promote -w`: the standby ends recovery and accepts writes. */
  promoteStandby(): Promise<void>;
  destroy(): void;
}

const execFileAsync = promisify(execFile);

const live = new Set<() => void>();
let exitHookInstalled = false;
function destroyOnExit(destroy: () => void): void {
  live.add(destroy);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const d of live) d();
  });
}

export async function replicatedCluster(): Promise<ReplicatedCluster> {
  const bin = postgresBinDir();
  const [primaryPort, standbyPort] = [await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'par-pg-replicated-'));
  const primaryData = join(dir, 'primary');
  const standbyData = join(dir, 'standby');
  const owner = postgresUser();
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const command = (tool: string, args: string[]) => postgresCommand(bin, owner, tool, args);
  const run = (tool: string, args: string[], timeout = 60_000) => {
    const [file, argv] = command(tool, args);
    execFileSync(file, argv, { timeout, stdio: ['ignore', 'pipe', 'pipe'] });
  };
  const runAsync = async (tool: string, args: string[], timeout = 60_000) => {
    const [file, argv] = command(tool, args);
    await execFileAsync(file, argv, { timeout });
  };
  // Loopback only, sockets in the directory. fsync off: the test stops server processes, never
  // the machine, and a killed process's WAL writes are in the page cache.
  const options = (port: number) => `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60 -c wal_level=replica -c max_wal_senders=4 -c hot_standby=on`;
  const running = new Set<string>();
  const start = (data: string, port: number, log: string) => {
    run('pg_ctl', ['-D', data, '-o', options(port), '-l', join(dir, log), '-w', '-t', '60', 'start'], 90_000);
    running.add(data);
  };
  const stop = (data: string, mode: 'fast' | 'immediate') => {
    run('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop'], 90_000);
    running.delete(data);
  };
  let destroyed = false;
  const destroy = () => {
    if (destroyed) return;
    destroyed = true;
    live.delete(destroy);
    for (const data of [...running]) {
      try {
        stop(data, 'immediate');
      } catch {
        // already gone
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  destroyOnExit(destroy);

  const url = (ports: number[], extra = '') => `postgres://postgres@${ports.map((p) => `127.0.0.1:${p}`).join(',')}/postgres${extra}`;
  try {
    // initdb -A trust also trusts replication connections from 127.0.0.1.
    run('initdb', ['-D', primaryData, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
    start(primaryData, primaryPort, 'primary.log');
    run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', standbyData, '-R', '-X', 'stream', '--no-sync', '-c', 'fast'], 120_000);
    start(standbyData, standbyPort, 'standby.log');
    const sql = postgres(url([primaryPort]), { max: 1, onnotice: () => {} });
    try {
      await sql.unsafe(`ALTER SYSTEM SET synchronous_standby_names = '*'`);
      await sql.unsafe('SELECT pg_reload_conf()');
      const deadline = Date.now() + 30_000;
      for (;;) {
        const rows = await sql<{ sync_state: string; state: string }[]>`select sync_state, state from pg_stat_replication`;
        if (rows.some((r) => r.sync_state === 'sync' && r.state === 'streaming')) break;
        if (Date.now() > deadline) throw new Error(`standby not synchronous: ${JSON.stringify(rows)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await sql.end();
    }
  } catch (err) {
    destroy();
    throw err;
  }

  return {
    primaryPort,
    standbyPort,
    url: url([primaryPort, standbyPort], '?target_session_attrs=primary'),
    primaryUrl: url([primaryPort]),
    standbyUrl: url([standbyPort]),
    async killPrimary() {
      await runAsync('pg_ctl', ['-D', primaryData, '-m', 'immediate', '-w', '-t', '60', 'stop'], 90_000);
      running.delete(primaryData);
    },
    promoteStandby: () => runAsync('pg_ctl', ['-D', standbyData, '-w', '-t', '60', 'promote'], 90_000),
    destroy,
  };
}
