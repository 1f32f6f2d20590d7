import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A PostgreSQL cluster of the test's own (initdb + pg_ctl in a temporary directory, on a free
 * port of 127.0.0.1), so a test can stop and start the database server itself. PostgreSQL
 * refuses to run as root: as root the cluster belongs to, and runs as, the `postgres` user.
 * Every command is bounded in time; `destroy()` stops the server and removes the directory.
 */
export interface ScratchCluster {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  dir: string;
  start(): void;
  /** `fast` rolls back sessions and checkpoints; `immediate` is a crash (recovery on start). */
  stop(mode?: 'fast' | 'immediate'): void;
  destroy(): void;
}

/** The newest PostgreSQL server binaries installed (Debian layout), or PG_BIN. */
export function postgresBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error('PostgreSQL server binaries not found (set PG_BIN)');
  return join(root, newest, 'bin');
}

/** A port free on the loopback now, for a server that must know its address before it starts. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** As root, the `postgres` user's ids (PostgreSQL refuses to run as root); otherwise none: run as ourselves. */
export function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** The command line that runs PostgreSQL's `tool` from `bin`: through `runuser -u postgres` when `owner` says we are root. */
export function postgresCommand(bin: string, owner: { uid: number; gid: number } | undefined, tool: string, args: string[]): [string, string[]] {
  return owner ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
}

export async function scratchCluster(): Promise<ScratchCluster> {
  const bin = postgresBinDir();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'par-pg-'));
  const data = join(dir, 'data');
  const owner = postgresUser();
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const run = (tool: string, args: string[], timeout = 60_000) => {
    const [file, argv] = postgresCommand(bin, owner, tool, args);
    execFileSync(file, argv, { timeout, stdio: ['ignore', 'pipe', 'pipe'] });
  };
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  // Loopback only, its socket in its own directory; fsync off: these tests stop the server
  // process, not the machine, and acknowledged commits survive that through the WAL.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40`;
  let running = false;
  const cluster: ScratchCluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    start() {
      run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start'], 90_000);
      running = true;
    },
    stop(mode = 'fast') {
      run('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop'], 90_000);
      running = false;
    },
    destroy() {
      try {
        if (running) cluster.stop('immediate');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  cluster.start();
  return cluster;
}
