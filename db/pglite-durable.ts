import fs from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

/**
 * The embedded database, made durable: a COMMIT returns only after its WAL record is on disk.
 *
 * PGlite 0.5 as shipped is not: it starts PostgreSQL with `-F` (fsync = off), and even with
 * fsync on, Emscripten's NODEFS has no `fsync` stream operation and its `fdatasync` is a no-op,
 * so PostgreSQL's flushes never reach the kernel. Three changes close that:
 * 1. start parameters without `-F`, so `fsync = on` and `synchronous_commit = on` (the defaults);
 * 2. `wal_sync_method = fsync`, because Emscripten routes `fsync()` to the filesystem's stream
 *    operation while `fdatasync()` (PostgreSQL's Linux default) returns without doing anything;
 * 3. a NODEFS `fsync` stream operation that calls the real `fs.fsyncSync` on the host file.
 * Checkpoints then fsync data files too, as on any PostgreSQL. Proved by
 * server/test/durability/commit-flush.test.ts (strace sees the WAL fsync between a sync request
 * and its reply). Cost: docs/BENCHMARKS.md, "Embedded durability: what fsync at commit costs".
 */

interface EmscriptenStream {
  nfd?: number;
}
interface NodefsLike {
  stream_ops: { fsync?: (stream: EmscriptenStream) => number };
  tryFSOperation<T>(op: () => T): T;
}

/** NodeFS whose fsync reaches the disk. */
class DurableNodeFS extends NodeFS {
  override async init(pg: PGlite, opts: Parameters<NodeFS['init']>[1]): ReturnType<NodeFS['init']> {
    const base = await super.init(pg, opts);
    const preRun = base.emscriptenOpts.preRun ?? [];
    const patch = (mod: { NODEFS: unknown }) => {
      const nodefs = mod.NODEFS as NodefsLike;
      nodefs.stream_ops.fsync = (stream) => {
        // Directories and files alike: PostgreSQL fsyncs both (fsync_fname), and a failure
        // becomes an errno PostgreSQL sees (it PANICs on a failed WAL flush, as it should).
        if (stream.nfd !== undefined) nodefs.tryFSOperation(() => fs.fsyncSync(stream.nfd as number));
        return 0;
      };
    };
    return { emscriptenOpts: { ...base.emscriptenOpts, preRun: [...preRun, patch] } };
  }
}

/** PGlite's own start parameters minus `-F`, plus a WAL sync method that Emscripten honours. */
export function durableStartParams(): string[] {
  return [...PGlite.defaultStartParams.filter((p) => p !== '-F'), '-c', 'fsync=on', '-c', 'synchronous_commit=on', '-c', 'wal_sync_method=fsync'];
}

/**
 * Files copied into a new data directory by PGlite's initdb were written without fsync; flush
 * them (and their directories) once at start so a power cut right after the first start cannot
 * leave a half-written cluster. On an existing directory this is the same pass PostgreSQL makes
 * after a crash (`recovery_init_sync_method = fsync`) and costs well under a second.
 */
export function flushDataDir(dir: string): number {
  let count = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) count += flushDataDir(path);
    else if (entry.isFile()) count += fsyncPath(path);
  }
  return count + fsyncPath(dir);
}

function fsyncPath(path: string): number {
  const fd = fs.openSync(path, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return 1;
}

/**
 * An embedded PostgreSQL in `dataDir` whose acknowledged commits survive a power cut. Call
 * `flushDataDir(dataDir)` once it is ready (db/client.ts does, before migrating).
 */
export function durablePglite(dataDir: string, loadDataDir?: Blob): PGlite {
  return new PGlite({ fs: new DurableNodeFS(dataDir), startParams: durableStartParams(), ...(loadDataDir ? { loadDataDir } : {}) });
}
