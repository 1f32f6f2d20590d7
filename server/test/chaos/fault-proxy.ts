import { type IncomingMessage, request as httpRequest, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { mulberry32 } from '../../stats/prng';

/**
 * A fault-injecting HTTP proxy on 127.0.0.1 for the chaos test. Each request, chosen by a
 * seeded PRNG, is passed through or suffers one fault:
 * - drop: the connection is cut before the request reaches the server;
 * - reset: the server handles the request, but the reply is cut off halfway (lost reply);
 * - duplicate: the request reaches the server twice at once; the client gets one reply;
 * - replay: a copy is sent again later, after newer requests (a stale retry arriving late);
 * - delay: held back a little, so requests overtake each other (reordering).
 * When the server is down (restart), the client's connection is cut.
 */
export interface FaultRates {
  drop: number;
  reset: number;
  duplicate: number;
  replay: number;
  delay: number;
}

export type Fault = keyof FaultRates | 'pass';

export interface FaultProxy {
  port: number;
  counts: Record<Fault, number>;
  /** Waits for every request the proxy still owes the server (late replays). */
  drain(): Promise<void>;
  close(): Promise<void>;
}

interface Forwarded {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function forward(targetPort: number, req: IncomingMessage, body: Buffer): Promise<Forwarded> {
  return new Promise((resolve, reject) => {
    const upstream = httpRequest(
      { host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: { ...req.headers, connection: 'close' }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    upstream.setTimeout(20_000, () => upstream.destroy(new Error('upstream timeout')));
    upstream.on('error', reject);
    upstream.end(body);
  });
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startFaultProxy(targetPort: number, seed: number, rates: FaultRates): Promise<FaultProxy> {
  const random = mulberry32(seed);
  const counts: Record<Fault, number> = { pass: 0, drop: 0, reset: 0, duplicate: 0, replay: 0, delay: 0 };
  const owed = new Set<Promise<unknown>>();
  const sockets = new Set<Socket>();
  const owe = (p: Promise<unknown>) => {
    const settled = p.catch(() => undefined).finally(() => owed.delete(settled));
    owed.add(settled);
  };

  const pick = (): Fault => {
    let x = random();
    for (const fault of ['drop', 'reset', 'duplicate', 'replay', 'delay'] as const) {
      if (x < rates[fault]) return fault;
      x -= rates[fault];
    }
    return 'pass';
  };

  const reply = (res: ServerResponse, answer: Forwarded) => {
    const headers = { ...answer.headers };
    delete headers['transfer-encoding'];
    delete headers.connection;
    res.writeHead(answer.status, { ...headers, 'content-length': String(answer.body.length) });
    res.end(answer.body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const fault = pick();
    counts[fault]++;
    if (fault === 'drop') return void req.socket.destroy();
    if (fault === 'delay') await new Promise((r) => setTimeout(r, Math.floor(random() * 150)));
    if (fault === 'replay') {
      const later = Math.floor(random() * 400) + 50;
      owe(new Promise((r) => setTimeout(r, later)).then(() => forward(targetPort, req, body)));
    }
    let answer: Forwarded;
    try {
      if (fault === 'duplicate') {
        const both = await Promise.allSettled([forward(targetPort, req, body), forward(targetPort, req, body)]);
        const ok = both.find((b): b is PromiseFulfilledResult<Forwarded> => b.status === 'fulfilled');
        if (!ok) return void req.socket.destroy();
        answer = ok.value;
      } else {
        answer = await forward(targetPort, req, body);
      }
    } catch {
      // Server down or restarting: the client sees a broken connection, as on a real network.
      return void req.socket.destroy();
    }
    if (fault === 'reset') {
      // The server did the work; the client gets the head and half a body, then a reset.
      res.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': String(answer.body.length) });
      res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)));
      return void setTimeout(() => req.socket.destroy(), 5);
    }
    reply(res, answer);
  };

  const server: Server = createServer((req, res) => {
    const work = handle(req, res).catch(() => req.socket.destroy());
    owe(work);
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    counts,
    async drain() {
      while (owed.size > 0) await Promise.all([...owed]);
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
