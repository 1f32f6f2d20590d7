import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../scratch-cluster';
import { type ServerProcess, startServerProcess } from '../server-process';
import { type RoundRobinProxy, startRoundRobinProxy } from './round-robin-proxy';

/**
 * Several app nodes on one database (docs/SCALING.md "Several app nodes"): `count` real server
 * processes (server/test/server-process.ts), each with its metrics on a loopback port of its
 * own, behind one round-robin proxy: in this process for a test, or in a process of its own for
 * the benchmark. `memory()` reads each node's resident and heap memory from its metrics.
 */
export interface AppNodes {
  nodes: ServerProcess[];
  metricsPorts: number[];
  /** Where devices send: the proxy, or the node itself when there is one node and no proxy. */
  base: string;
  proxy: RoundRobinProxy | null;
  /** Each node's resident and heap memory, and its requests in flight (`par_http_requests_in_flight`). */
  memory(): Promise<{ rssMiB: number; heapMiB: number; inFlight: number }[]>;
  stop(): Promise<void>;
  /** SIGKILL to every child process (the nodes and a proxy process), at once: for a run that must end now. */
  kill(): void;
}

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

async function proxyProcess(upstreams: number[]): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/test/scale/round-robin-proxy.ts', String(port), ...upstreams.map(String)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    // The caller only learns of the child once it is listening, so on any failure here the
    // child is ours to end: otherwise a proxy that never said "listening" outlives the run.
    const fail = (err: Error) => {
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      reject(err);
    };
    const timer = setTimeout(() => fail(new Error('proxy did not start within 30 s')), 30_000);
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`proxy exited with ${code}`)));
  });
  return { port, child };
}

function metricValue(text: string, name: string): number {
  const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : Number.NaN;
}

/**
 * Starts the nodes one after another (each waits for /api/health), then the proxy.
 * `proxy`: 'in-process', 'process', or 'none' (one node, devices talk to it directly).
 */
export async function startAppNodes(count: number, env: Record<string, string>, proxy: 'in-process' | 'process' | 'none'): Promise<AppNodes> {
  const nodes: ServerProcess[] = [];
  const metricsPorts: number[] = [];
  let proxyChild: ChildProcess | null = null;
  let inProcess: RoundRobinProxy | null = null;
  const stop = async () => {
    await inProcess?.close();
    proxyChild?.kill('SIGKILL');
    await Promise.all(
      nodes.map(async (n) => {
        if (n.child.exitCode !== null || n.child.signalCode !== null) return;
        n.child.kill('SIGTERM');
        const timer = setTimeout(() => n.kill(), 10_000);
        await n.exited;
        clearTimeout(timer);
      }),
    );
  };
  try {
    for (let i = 0; i < count; i++) {
      const metricsPort = await freePort();
      nodes.push(await startServerProcess({ LOG_LEVEL: 'warn', ...env, METRICS_PORT: String(metricsPort) }));
      metricsPorts.push(metricsPort);
    }
    const upstreams = nodes.map((n) => Number(new URL(n.base).port));
    let base = nodes[0]?.base ?? '';
    if (proxy === 'in-process') {
      inProcess = await startRoundRobinProxy(upstreams);
      base = `http://127.0.0.1:${inProcess.port}`;
    } else if (proxy === 'process') {
      const p = await proxyProcess(upstreams);
      proxyChild = p.child;
      base = `http://127.0.0.1:${p.port}`;
    }
    return {
      nodes,
      metricsPorts,
      base,
      proxy: inProcess,
      async memory() {
        return Promise.all(
          metricsPorts.map(async (port) => {
            const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
            return {
              rssMiB: metricValue(text, 'process_resident_memory_bytes') / 2 ** 20,
              heapMiB: metricValue(text, 'nodejs_heap_used_bytes') / 2 ** 20,
              inFlight: metricValue(text, 'par_http_requests_in_flight'),
            };
          }),
        );
      },
      stop,
      kill() {
        if (proxyChild && proxyChild.exitCode === null && proxyChild.signalCode === null) proxyChild.kill('SIGKILL');
        for (const n of nodes) n.kill();
      },
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
