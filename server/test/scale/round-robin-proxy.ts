import { Agent, type IncomingMessage, request as httpRequest, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';

/**
 * A small round-robin HTTP load balancer on 127.0.0.1 (docs/SCALING.md "Several app nodes"):
 * each request goes to the next node in turn, so one device's consecutive requests land on
 * different processes, as behind nginx `upstream` without stickiness. A node that refuses the
 * connection is answered 502 (the device retries, as after any network failure). Run in-process
 * (`startRoundRobinProxy`) or as its own process:
 * `node --import tsx server/test/scale/round-robin-proxy.ts <port> <upstream-port>…` (prints
 * `listening <port>` when ready), so its work does not share the load generator's event loop.
 */
export interface RoundRobinProxy {
  port: number;
  /** Requests sent to each upstream, in the order given. */
  counts: number[];
  close(): Promise<void>;
}

export async function startRoundRobinProxy(upstreams: number[], port = 0): Promise<RoundRobinProxy> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const counts = upstreams.map(() => 0);
  let next = 0;
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const i = next++ % upstreams.length;
    counts[i] = (counts[i] ?? 0) + 1;
    const upstream = httpRequest(
      { host: '127.0.0.1', port: upstreams[i], method: req.method, path: req.url, headers: req.headers, agent },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('upstream unavailable');
    });
    req.pipe(upstream);
  };
  const server: Server = createServer(handle);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    counts,
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [port, ...upstreams] = process.argv.slice(2).map(Number);
  void startRoundRobinProxy(upstreams, port).then((p) => console.log(`listening ${p.port}`));
}
